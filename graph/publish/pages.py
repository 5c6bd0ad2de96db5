"""The HTML pages of the linked-data site: one per resource (its statements grouped by relation,
phrased from the page's side, values in document order, figures with their source kind, labels
in three scripts, evidence quoted in place), one per named graph, the index and the ontology terms.

Contract: every label and literal is HTML-escaped; only ``http(s)`` IRIs become external links;
links between pages are relative paths from :func:`policykg.store.paths.iri_relpath`.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD
from rdflib.term import Node

from policykg.graph.publish.formats import alternates
from policykg.graph.publish.siteindex import LANGS, SiteIndex, short
from policykg.graph.publish.wording import backward, forward
from policykg.ontology.namespace import BASE, ID, OA, ONTOLOGY_IRI, POL
from policykg.store.xmlsafe import xml_safe

LANG_NAMES = {"zh-Hans": "简体", "zh-Hant": "繁體", "en": "English"}
ONTOLOGY_PAGE = PurePosixPath("ontology")
# rdflib namespace attributes are looked up in Python on every access: hoisted for the hot paths
_RDF_TYPE, _XSD_STRING, _XSD_DECIMAL = RDF.type, XSD.string, XSD.decimal
_POL_NS, _ID_NS = str(POL._NS), str(ID)
_HTTP = re.compile(r"https?://")
_RIGHTS = (DCTERMS.license, DCTERMS.rights)


def esc(text: object) -> str:
    """HTML-escape any value for element content and quoted attributes (XML-safe characters only)."""
    return html.escape(xml_safe(str(text)), quote=True)


CSS_FILE = "site.css"  # one shared stylesheet at the site root, linked by relative path


def badge(kind: str | None) -> str:
    """The source-kind badge of a figure or offer: official text or a report."""
    if kind is None:
        return ""
    return f' <span class="badge {esc(kind)}" title="source: {esc(kind)}">{esc(kind)}</span>'


def css() -> str:
    """The site's stylesheet (``site.css``, shipped with the package)."""
    return resources.files("policykg.graph.publish").joinpath("site.css").read_text("utf-8")


@lru_cache(maxsize=1 << 18)
def page_file(rel: PurePosixPath, suffix: str) -> PurePosixPath:
    """The file of a page's path (``rel`` without suffix) with ``suffix`` (cached: pages link
    to the same few thousand files again and again)."""
    return rel.with_name(rel.name + suffix)


@lru_cache(maxsize=1 << 16)
def _folder(page: PurePosixPath) -> str:
    return str(page.parent)


def _href(from_page: PurePosixPath, to_file: PurePosixPath, anchor: str = "") -> str:
    """The relative link from one site file to another (both relative to the site root)."""
    return _relpath(str(to_file), _folder(from_page)) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for paths relative to the same root, without touching the disk."""
    there = target.split("/")
    here = [] if start in ("", ".") else start.split("/")
    common = 0
    while common < min(len(there), len(here)) and there[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


class Renderer:
    """Renders the HTML pages; every text goes through :func:`esc`."""

    def __init__(self, idx: SiteIndex, css: str) -> None:
        self.idx = idx
        self.css = css

    # ---- links
    def link(self, here: PurePosixPath, node: Node) -> str:
        """A link (or plain text) for a node seen from the page ``here``."""
        idx = self.idx
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode):
            return f'<span class="bnode">{esc(idx.label(node))}</span>'
        s = str(node)
        if s in idx.pages:
            target = page_file(idx.pages[s], ".html")
            return (f'<a href="{esc(_href(here, target))}">{esc(idx.label(node))}</a>'
                    + (badge(idx.node_kind.get(node)) if node in idx.display else ""))
        if node in idx.inline:
            owner, anchor = idx.inline[node]
            if str(owner) in idx.pages:
                target = page_file(idx.pages[str(owner)], ".html")
                return (f'<a href="{esc(_href(here, target, anchor))}">'
                        f"{esc(idx.label(node))}</a>")
        if s in idx.graph_pages:
            target = page_file(idx.graph_pages[s], ".html")
            return f'<a href="{esc(_href(here, target))}">{esc(s)}</a>'
        if s.startswith(_ID_NS):  # a resource without a page of its own
            return f'<span title="{esc(s)}">{esc(idx.label(node))}</span>'
        if s in idx.terms or s.startswith(_POL_NS):
            anchor = idx.terms.get(s, "")
            return (f'<a href="{esc(_href(here, page_file(ONTOLOGY_PAGE, ".html"), anchor))}"'
                    f' title="{esc(s)}">{esc(short(node))}</a>')
        if s == str(ONTOLOGY_IRI):
            return f'<a href="{esc(_href(here, page_file(ONTOLOGY_PAGE, ".html")))}">pol:</a>'
        if _HTTP.match(s):
            return f'<a class="ext" href="{esc(s)}" rel="nofollow noopener">{esc(short(node))}</a>'
        return f"<code>{esc(s)}</code>"

    def literal(self, lit: Literal, kind: str | None = None) -> str:
        """A literal as text; a figure also shows its source kind (``kind``)."""
        text = esc(str(lit))
        if lit.language:
            return (f'<span lang="{esc(lit.language)}">{text}</span>'
                    f' <span class="tag">@{esc(lit.language)}</span>')
        if lit.datatype and lit.datatype != _XSD_STRING:
            extra = ""
            if lit.datatype == _XSD_DECIMAL:
                try:
                    value = float(str(lit))
                    if value >= 1000:
                        extra = f' <span class="fmt">({value:,.0f})</span>'
                except ValueError:
                    pass
            return (f'{text}{extra} <span class="tag">{esc(short(lit.datatype))}</span>'
                    + badge(kind))
        return text + badge(kind)

    # ---- page frame
    def page(self, here: PurePosixPath, title: str, body: str, alternates: str = "",
             lang: str = "zh-Hans") -> bytes:
        home = esc(_href(here, PurePosixPath("index.html")))
        onto = esc(_href(here, page_file(ONTOLOGY_PAGE, ".html")))
        doc = (
            "<!DOCTYPE html>\n"
            f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="icon" href="data:,">\n'
            f"<title>{esc(title)} · policykg</title>\n"
            f'{alternates}<link rel="stylesheet" href="{esc(_href(here, PurePosixPath(CSS_FILE)))}">\n'
            "</head>\n<body>\n"
            f'<nav><a href="{home}">policykg</a> · <a href="{onto}">ontology</a></nav>\n'
            f"<main>\n{body}</main>\n"
            '<footer>Generated by policykg export. Data: see the dataset description.</footer>\n'
            "</body>\n</html>\n"
        )
        return doc.encode("utf-8")

    def labels_block(self, node: Node) -> str:
        labs = self.idx.labels.get(node, {})
        rows = []
        for key in (*LANGS, *sorted(k for k in labs if k not in LANGS)):
            if labs.get(key):
                name = LANG_NAMES.get(key, key or "label")
                attr = f' lang="{esc(key)}"' if key else ""
                rows.append(f'<li><span class="tag">{esc(name)}</span> <span{attr}>'
                            f"{esc(labs[key])}</span></li>")
        return f'<ul class="labels">{"".join(rows)}</ul>\n' if rows else ""

    def resource(self, node: URIRef) -> bytes:
        idx = self.idx
        rel = idx.pages[str(node)]
        here = page_file(rel, ".html")
        alt, also = alternates(lambda suffix: _href(here, page_file(rel, suffix)))
        types = [o for p, o in idx.out_edges.get(node, []) if p == _RDF_TYPE]
        parts = [f'<h1>{esc(idx.label(node))}</h1>\n', self.labels_block(node),
                 f'<p class="iri"><code>{esc(str(node))}</code></p>\n']
        if types:
            parts.append('<p class="types">' + ", ".join(self.link(here, t) for t in types)
                         + "</p>\n")
        parts.append(also)
        parts.append(self.property_table(here, node, outgoing=True))
        parts.append(self.property_table(here, node, outgoing=False))
        parts.append(self.hosted(here, node))
        graphs = sorted(idx.graphs_of.get(node, set()), key=str)
        if graphs:
            parts.append("<h2>Named graphs</h2>\n<ul>" + "".join(
                f"<li>{self.link(here, g)}</li>" for g in graphs) + "</ul>\n")
        return self.page(here, idx.label(node), "".join(parts), alt)

    def graph_page(self, gid: URIRef) -> bytes:
        """A named graph: its size, its subjects, and its content as Turtle and JSON-LD."""
        idx = self.idx
        rel = idx.graph_pages[str(gid)]
        here = page_file(rel, ".html")
        alt, also = alternates(lambda suffix: _href(here, page_file(rel, suffix)))
        triples = idx.graph_triples.get(gid, [])
        subjects = sorted({s for s, _, _ in triples if isinstance(s, URIRef)},
                          key=lambda n: (idx.label(n), str(n)))
        items = "".join(f"<li>{self.link(here, n)}</li>" for n in subjects)
        body = (f"<h1>Named graph</h1>\n<p class=\"iri\"><code>{esc(str(gid))}</code></p>\n"
                f"<p>{len(triples)} statements about {len(subjects)} resources.</p>\n{also}"
                f'<h2>Resources</h2>\n<ul class="list">{items}</ul>\n')
        return self.page(here, str(gid), body, alt, lang="en")

    def property_table(self, here: PurePosixPath, node: Node, outgoing: bool,
                       level: int = 2) -> str:
        """Outgoing ("Statements") or incoming ("Linked from") statements, one row per relation,
        each phrased from this page's point of view (:mod:`wording`)."""
        idx = self.idx
        if outgoing:
            edges = [(p, o) for p, o in idx.out_edges.get(node, []) if p != _RDF_TYPE]
        else:
            mine = set(idx.out_edges.get(node, []))
            edges = [(p, s) for p, s in idx.in_edges.get(node, [])
                     if (s not in idx.inline  # shown on the page of the node they support
                         or (s in idx.hosted_nodes and idx.inline[s][0] != node))
                     and (idx.inverses.get(p), s) not in mine]  # already read the other way
        if not edges:
            return ""
        grouped: dict[Node, list[Node]] = defaultdict(list)
        for p, o in edges:
            grouped[p].append(o)
        rows = []
        for p in sorted(grouped, key=lambda p: (self.phrase(p, outgoing), str(p))):
            values = sorted(grouped[p], key=idx.value_key)
            cells = "".join(f"<li>{self.value(here, node, p, o) if outgoing else self.link(here, o)}"
                            "</li>" for o in values)
            rows.append(f'<tr><th>{self.prop_link(here, p, outgoing)}</th>'
                        f"<td><ul>{cells}</ul></td></tr>")
        title = "Statements" if outgoing else "Linked from"
        cls = "out" if outgoing else "in"
        return (f'<h{level}>{title}</h{level}>\n<table class="{cls}">\n' + "\n".join(rows)
                + "\n</table>\n")

    def hosted(self, here: PurePosixPath, node: Node) -> str:
        """The similarity links a measure's page holds (no pages of their own): one anchored
        section each, with every statement of the link."""
        idx = self.idx
        links = idx.hosted.get(node)
        if not links:
            return ""
        order = sorted(links, key=lambda n: (idx.value_key(n), str(n)))
        return (f"<h2>Similar measures ({len(order)})</h2>\n" + "".join(
            f'<section id="{esc(idx.inline[n][1])}" class="hosted">\n'
            f"<h3>{esc(idx.label(n))}</h3>\n"
            f'<p class="iri"><code>{esc(str(n))}</code></p>\n'
            f"{self.property_table(here, n, outgoing=True, level=4)}</section>\n"
            for n in order))

    def phrase(self, p: Node, outgoing: bool) -> str:
        """The relation in words as read from the page: "repeals" out, "repealed by" in."""
        if outgoing:
            return forward(p, self.idx.prop_labels)
        return backward(p, self.idx.prop_labels, self.idx.inverses)

    def value(self, here: PurePosixPath, node: Node, p: Node, o: Node) -> str:
        """One value of an outgoing statement: a link, a figure with its badge, or a quote."""
        idx = self.idx
        if isinstance(o, Literal):
            return self.literal(o, idx.figure_kind.get((node, p, o)))
        if o in idx.inline and idx.inline[o][0] == node:
            return self.quote(here, o)
        return self.link(here, o)

    def quote(self, here: PurePosixPath, ev: Node) -> str:
        """An evidence node shown where it belongs: the quoted span and its position."""
        idx = self.idx
        values = {p: o for p, o in idx.out_edges.get(ev, [])}
        exact = values.get(OA.exact)
        start, end = values.get(OA.start), values.get(OA.end)
        where = f"characters {start}–{end}" if start is not None and end is not None else ""
        page = values.get(POL.page)  # a paged source (PDF, OFD): the page the span is printed on
        if page is not None:
            where = f"{where}, page {page}" if where else f"page {page}"
        source = values.get(OA.hasSource)
        parts = [f'<q id="{esc(idx.inline[ev][1])}" class="quote">'
                 f"{esc(exact if exact is not None else idx.label(ev))}</q>"]
        if where:
            parts.append(f' <span class="tag">{esc(where)}</span>')
        if source is not None:
            parts.append(f" in {self.link(here, source)}{self.rights(here, source)}")
        return "".join(parts)

    def rights(self, here: PurePosixPath, source: Node) -> str:
        """The licence (or rights statement) of a source file, which its quotations keep."""
        held = [o for p, o in self.idx.out_edges.get(source, []) if p in _RIGHTS]
        return "".join(f' <span class="tag">licence</span> {self.link(here, o)}' for o in held)

    def prop_link(self, here: PurePosixPath, p: Node, outgoing: bool = True) -> str:
        """The relation's phrase, linked to its definition."""
        s = str(p)
        label = esc(self.phrase(p, outgoing))
        if s.startswith(_POL_NS):
            href = _href(here, page_file(ONTOLOGY_PAGE, ".html"), self.idx.terms.get(s, ""))
            return f'<a href="{esc(href)}" title="{esc(s)}">{label}</a>'
        if _HTTP.match(s):
            return f'<a class="ext" href="{esc(s)}" title="{esc(s)}" rel="nofollow noopener">{label}</a>'
        return label

    # ---- ontology
    def ontology(self, terms: list[URIRef]) -> bytes:
        idx = self.idx
        here = page_file(ONTOLOGY_PAGE, ".html")
        onto_types = {OWL.Class: "Classes", OWL.ObjectProperty: "Object properties",
                      OWL.DatatypeProperty: "Datatype properties",
                      OWL.AnnotationProperty: "Annotation properties",
                      RDF.Property: "Other properties"}
        sections: dict[str, list[URIRef]] = defaultdict(list)
        for t in terms:
            ts = {o for p, o in idx.out_edges.get(t, []) if p == _RDF_TYPE}
            name = next((v for k, v in onto_types.items() if k in ts), "Individuals and others")
            sections[name].append(t)
        header = [o for p, o in idx.out_edges.get(ONTOLOGY_IRI, [])]
        parts = ["<h1>policykg ontology</h1>\n",
                 f'<p class="iri"><code>{esc(str(POL._NS))}</code></p>\n']
        if header:
            parts.append(self.property_table(here, ONTOLOGY_IRI, outgoing=True))
        alt, also = alternates(lambda suffix: f"ontology{suffix}")
        parts.append(also)
        order = [*onto_types.values(), "Individuals and others"]
        toc = []
        for name in order:
            if sections.get(name):
                items = sorted(sections[name], key=str)
                toc.append(f"<h2>{esc(name)}</h2>\n<p class=\"toc\">" + " · ".join(
                    f'<a href="#{esc(idx.terms[str(t)])}">{esc(short(t))}</a>' for t in items)
                    + "</p>\n")
        parts.extend(toc)
        for name in order:
            for t in sorted(sections.get(name, []), key=str):
                anchor = idx.terms[str(t)]
                parts.append(f'<section id="{esc(anchor)}" class="term">\n'
                             f"<h3>{esc(short(t))} — {esc(idx.term_label(t))}</h3>\n"
                             f"{self.labels_block(t)}"
                             f'<p class="iri"><code>{esc(str(t))}</code></p>\n'
                             f"{self.property_table(here, t, outgoing=True)}"
                             f"{self._type_types(here, t)}</section>\n")
        return self.page(here, "policykg ontology", "".join(parts), alt, lang="en")

    def _type_types(self, here: PurePosixPath, t: Node) -> str:
        types = [o for p, o in self.idx.out_edges.get(t, []) if p == _RDF_TYPE]
        if not types:
            return ""
        return "<p class=\"types\">" + ", ".join(self.link(here, o) for o in types) + "</p>\n"

    # ---- index
    def index(self, void: Graph, extra_links: list[tuple[str, str]]) -> bytes:
        idx = self.idx
        here = PurePosixPath("index.html")
        by_class: dict[Node, list[URIRef]] = defaultdict(list)
        for iri in idx.pages:
            node = URIRef(iri)
            types = [o for p, o in idx.out_edges.get(node, []) if p == _RDF_TYPE] or [None]
            for t in types:
                by_class[t].append(node)
        order = [POL.PolicyDocument, POL.Report, POL.Agency, POL.AdministrativeArea,
                 POL.Program, POL.Measure]
        classes = [c for c in order if c in by_class] + sorted(
            (c for c in by_class if c not in order), key=lambda c: (c is None, str(c)))
        body = ["<h1>policykg</h1>\n",
                "<p>A knowledge graph of public-policy documents: who issued which measure, what "
                "support it offers, to whom, and which earlier documents it replaces.</p>\n"]
        counts = {p: o for s, p, o in void if s == URIRef(BASE + "id/dataset")}
        from policykg.graph.publish.lod import VOID
        body.append('<p class="stats">' + esc(
            f"{counts.get(VOID.triples, 0)} triples · {counts.get(VOID.entities, 0)} entities · "
            f"{len(idx.pages)} pages") + "</p>\n")
        body.append("<h2>Downloads and tools</h2>\n<ul>" + "".join(
            f'<li><a href="{esc(href)}">{esc(text)}</a></li>' for href, text in extra_links)
            + "</ul>\n")
        if idx.graph_pages:
            body.append("<h2>Named graphs (one per source)</h2>\n<ul>" + "".join(
                f"<li>{self.link(here, URIRef(g))} "
                f'<span class="tag">{len(idx.graph_triples[URIRef(g)])}</span></li>'
                for g in sorted(idx.graph_pages)) + "</ul>\n")
        body.append("<h2>Contents</h2>\n<p class=\"toc\">" + " · ".join(
            f'<a href="#c{i}">{esc(idx.term_label(c) if c is not None else "untyped")}'
            f" ({len(by_class[c])})</a>" for i, c in enumerate(classes)) + "</p>\n")
        for i, cls in enumerate(classes):
            name = idx.term_label(cls) if cls is not None else "untyped"
            nodes = sorted(by_class[cls], key=str)
            items = []
            for n in nodes:
                extra = ""
                number = next((str(o) for p, o in idx.out_edges.get(n, [])
                               if p == POL.documentNumber), "")
                if number:
                    extra = f' <span class="tag">{esc(number)}</span>'
                items.append(f"<li>{self.link(here, n)}{extra}</li>")
            body.append(f'<h2 id="c{i}">{esc(name)} ({len(nodes)})</h2>\n'
                        f'<ul class="list">{"".join(items)}</ul>\n')
        return self.page(here, "policykg", "".join(body), lang="en")
