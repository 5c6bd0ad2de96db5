"""The dataset's own resource in the site: ``https://w3id.org/policykg/id/dataset`` published at
``DIR/id/dataset`` as HTML (title, licence, publisher, version, dates, the distributions with
their size and SHA-256) and in every RDF syntax, so the IRI the VoID description names resolves
like any other resource.

Contract: deterministic (everything comes from the VoID/DCAT graph); every text escaped.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from rdflib.term import Node

from policykg.graph.publish.formats import alternates
from policykg.graph.publish.pages import Renderer, esc, page_file
from policykg.graph.publish.void import DATASET, DCAT_VERSION, DEFAULT_DOWNLOAD_BASE, SPDX, VCARD

DATASET_PAGE = PurePosixPath("id/dataset")
_FIELDS = ((DCTERMS.publisher, "Publisher"), (DCTERMS.license, "Licence (extracted facts)"),
           (DCTERMS.rights, "Rights"), (DCTERMS.issued, "Issued"), (DCTERMS.modified, "Modified"),
           (DCAT_VERSION, "Version"), (DCAT.contactPoint, "Contact"))


def dataset_triples(void: Graph) -> list[tuple[Node, Node, Node]]:
    """The description's statements sorted by subject (for the RDF alternates)."""
    return sorted(void, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def _value(g: Graph, node: Node) -> str:
    """A value as text: a literal, a link for an http(s) IRI, a named node's name or e-mail."""
    if isinstance(node, Literal):
        return esc(node)
    name = g.value(node, FOAF.name) or g.value(node, VCARD.fn)
    mail = g.value(node, VCARD.hasEmail)
    web = g.value(node, VCARD.hasURL)
    if name is not None:
        if mail is not None:
            return f'{esc(name)} (<a href="{esc(mail)}">{esc(str(mail).removeprefix("mailto:"))}</a>)'
        return esc(name) + (f" ({_value(g, web)})" if web is not None else "")
    s = str(node)
    if s.startswith(DEFAULT_DOWNLOAD_BASE):  # a dump of this site: a relative link works offline
        name = s[len(DEFAULT_DOWNLOAD_BASE):]
        return f'<a href="../dumps/{esc(name)}">{esc(name)}</a>'
    return f'<a class="ext" href="{esc(s)}">{esc(s)}</a>' if s.startswith("http") else esc(s)


def dataset_page(render: Renderer, void: Graph) -> bytes:
    """The HTML page of the dataset resource."""
    here = page_file(DATASET_PAGE, ".html")
    alt, also = alternates(lambda suffix: DATASET_PAGE.name + suffix)
    ds = DATASET
    title = str(void.value(ds, DCTERMS.title) or "policykg dataset")
    parts = [f"<h1>{esc(title)}</h1>\n", f'<p class="iri"><code>{esc(str(ds))}</code></p>\n',
             f"<p>{esc(void.value(ds, DCTERMS.description) or '')}</p>\n", also, "<dl>"]
    for prop, name in _FIELDS:
        for value in sorted(void.objects(ds, prop), key=str):
            parts.append(f"<dt>{esc(name)}</dt><dd>{_value(void, value)}</dd>")
    parts.append("</dl>\n<h2>Distributions</h2>\n<table><tr><th>file</th><th>media type</th>"
                 "<th>bytes</th><th>SHA-256</th></tr>")
    for dist in sorted(void.objects(ds, DCAT.distribution), key=str):
        if (dist, RDF.type, DCAT.Distribution) not in void:
            continue
        url = void.value(dist, DCAT.downloadURL) or void.value(dist, DCAT.accessURL)
        media = str(void.value(dist, DCAT.mediaType) or "").rsplit("/media-types/", 1)[-1]
        checksum = void.value(dist, SPDX.checksum)
        digest = void.value(checksum, SPDX.checksumValue) if checksum is not None else None
        parts.append(f"<tr><td>{_value(void, url) if url else ''}</td><td>{esc(media)}</td>"
                     f"<td>{esc(void.value(dist, DCAT.byteSize) or '')}</td>"
                     f"<td><code>{esc(digest or '')}</code></td></tr>")
    parts.append("</table>\n")
    return render.page(here, title, "".join(parts), alt, lang="en")
