"""A static linked-data site of a build: one HTML page per resource at the path of its IRI,
with ``.ttl`` and ``.jsonld`` alternates, an index, the ontology documentation, the dumps,
the VoID description and server configurations for content negotiation.

Layout (see docs/publishing.md): ``https://w3id.org/policykg/id/doc/2025/yue-fu-ban-6`` →
``DIR/id/doc/2025/yue-fu-ban-6.html`` + ``.ttl`` + ``.jsonld``; the ontology
``https://w3id.org/policykg/ontology#Term`` → ``DIR/ontology.html#Term`` (+ ``.ttl``,
``.jsonld``). Contract: every label and literal is HTML-escaped; only ``http(s)`` IRIs become
external links; every path comes from :func:`safepath.iri_relpath` and is checked to stay
inside DIR; no network resource is referenced (CSS is inline); output is deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from rdflib import Graph, URIRef
from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.conneg import HTACCESS, NGINX
from policykg.graph.publish.pages import (
    Renderer,
    SiteIndex,
    css,
    description,
    ontology_terms,
    page_file,
)
from policykg.graph.publish.void import describe, void_bytes
from policykg.ontology.namespace import ONTOLOGY_IRI
from policykg.store.paths import atomic_dir, atomic_write_bytes, inside

Quad = tuple[Node, Node, Node, Node | None]


def _pylode_html() -> str | None:
    """The packaged ontology's pyLODE page (``policykg.ontology.docs``), or None if unavailable."""
    try:
        from policykg.ontology.docs import render_html
    except ImportError:
        return None
    try:
        return render_html()
    except Exception:  # noqa: BLE001 - the site keeps its own term pages if pyLODE fails
        return None


def build_site(
    ds_or_quads: object,
    out: Path,
    *,
    created: dt.date | None = None,
    endpoint: str | None = None,
    explorer_html: bytes | None = None,
    with_dumps: bool = True,
    license_iri: str | None = None,
) -> int:
    """Write the whole site to ``out`` (atomically: built aside, then renamed into place).

    Returns the number of resource pages.
    """
    quads = (ds_or_quads if isinstance(ds_or_quads, list)
             else lod.canonical_quads(ds_or_quads))  # type: ignore[arg-type]
    idx = SiteIndex.of(quads)
    render = Renderer(idx, css())
    count = 0

    def fill(root: Path) -> None:
        nonlocal count
        dumps = {k: lod.render_dump(quads, k) for k in lod.DUMPS} if with_dumps else {}
        links: list[tuple[str, str]] = [("ontology.html", "Ontology documentation")]
        if explorer_html is not None:
            atomic_write_bytes(inside(root, "explorer.html"), explorer_html)
            links.append(("explorer.html", "Interactive graph explorer"))
        for key, data in dumps.items():
            fmt = lod.DUMPS[key]
            atomic_write_bytes(inside(root, f"dumps/{fmt.filename}"), data)
            links.append((f"dumps/{fmt.filename}", f"Dump: {fmt.filename} ({fmt.media_type})"))
        if dumps:
            ctx = lod.json.dumps({"@context": lod.load_context()}, ensure_ascii=False, indent=2)
            atomic_write_bytes(inside(root, "dumps/context.jsonld"), (ctx + "\n").encode())
        void = describe(quads, dumps, created=created, endpoint=endpoint,
                        **({"license_iri": license_iri} if license_iri else {}))
        atomic_write_bytes(inside(root, "void.ttl"), void_bytes(void))
        links.append(("void.ttl", "Dataset description (VoID + DCAT, Turtle)"))
        for iri in sorted(idx.pages):
            node = URIRef(iri)
            rel = idx.pages[iri]
            atomic_write_bytes(inside(root, page_file(rel, ".html")), render.resource(node))
            desc = description(idx, node)
            atomic_write_bytes(inside(root, page_file(rel, ".ttl")),
                               lod.turtle_bytes(desc))
            atomic_write_bytes(inside(root, page_file(rel, ".jsonld")), lod.jsonld_bytes(desc))
            count += 1
        for iri in sorted(idx.graph_pages):
            gid = URIRef(iri)
            rel = idx.graph_pages[iri]
            content = Graph()
            lod._bind(content)
            for t in idx.graph_triples[gid]:
                content.add(t)
            atomic_write_bytes(inside(root, page_file(rel, ".html")), render.graph_page(gid))
            atomic_write_bytes(inside(root, page_file(rel, ".ttl")),
                               lod.turtle_bytes(content))
            atomic_write_bytes(inside(root, page_file(rel, ".jsonld")), lod.jsonld_bytes(content))
        terms = ontology_terms(idx)
        onto = Graph()
        lod._bind(onto)
        for t in [ONTOLOGY_IRI, *terms]:
            for p, o in idx.out_edges.get(t, []):
                onto.add((t, p, o))
        atomic_write_bytes(inside(root, "ontology.html"), render.ontology(terms))
        atomic_write_bytes(inside(root, "ontology.ttl"), lod.turtle_bytes(onto))
        atomic_write_bytes(inside(root, "ontology.jsonld"), lod.jsonld_bytes(onto))
        pylode = _pylode_html()
        if pylode is not None:
            atomic_write_bytes(inside(root, "ontology/index.html"), pylode.encode("utf-8"))
            links.insert(1, ("ontology/index.html", "Ontology documentation (pyLODE)"))
        atomic_write_bytes(inside(root, "index.html"), render.index(void, links))
        atomic_write_bytes(inside(root, ".htaccess"), HTACCESS.encode())
        atomic_write_bytes(inside(root, ".policykg-export"),
                           b"written by policykg export; safe to replace\n")
        atomic_write_bytes(inside(root, "nginx.conf"), NGINX.encode())

    atomic_dir(Path(out), fill)
    return count


def page_paths(quads: Iterable[Quad]) -> dict[str, PurePosixPath]:
    """IRI → relative page path (without suffix) for every resource that gets a page."""
    return dict(SiteIndex.of(list(quads)).pages)
