"""The HTML pages of the linked-data site: one per resource (its statements grouped by property,
labels in three scripts, evidence quotes), one per named graph, the index and the ontology terms.

Contract: every label and literal is HTML-escaped; only ``http(s)`` IRIs become external links;
links between pages are relative paths from :func:`policykg.store.paths.iri_relpath`.

Why this module is longer than 400 lines: one renderer class writes every kind of page
from the same index, escaping and link rules; the pages differ only in which statements they show.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.wording import backward, forward
from policykg.ontology.namespace import BASE, ID, OA, ONTOLOGY_IRI, POL
from policykg.store.paths import iri_relpath
from policykg.store.xmlsafe import xml_safe

Quad = tuple[Node, Node, Node, Node | None]
LANGS = ("zh-Hans", "zh-Hant", "en")
LANG_NAMES = {"zh-Hans": "简体", "zh-Hant": "繁體", "en": "English"}
_LABEL_PROPS = (RDFS.label, SKOS.prefLabel, POL.title, POL.heading)
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,100}")
ONTOLOGY_PAGE = PurePosixPath("ontology")


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


VOCAB_GRAPH = URIRef(str(ID) + "graph/vocab")
REPORT_GRAPHS = str(ID) + "graph/report/"
# Figures: numbers a document or report states about support; shown with their source kind.
FIGURES = frozenset({
    POL.maxAmount, POL.maxCostShare, POL.maxRecipients, POL.totalBudget, POL.matchingRatio,
    POL.minThreshold, POL.minAmount, POL.unitRate, POL.unitStep, POL.claimedAmount,
    POL.claimedShare, POL.claimedCount, POL.officialValue})
_OFFICIAL_FIGURES = frozenset({POL.officialValue})  # a claim's record of the official text
_NATURAL = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that orders numbers inside strings by value (``measure/2`` before ``measure/10``)."""
    return tuple(int(part) if part.isdigit() else part for part in _NATURAL.split(text))


def graph_kind(g: Node | None) -> str | None:
    """"report" for a report's graph, "official" for any other data graph, None for the
    ontology and the vocabularies."""
    if g is None:
        return "official"
    if g == ONTOLOGY_IRI or g == VOCAB_GRAPH:
        return None
    return "report" if str(g).startswith(REPORT_GRAPHS) else "official"


@dataclass
class SiteIndex:
    """What the page renderer needs to know about the whole graph.

    ``pages`` holds the resources that get a page: IRIs under ``id:`` except evidence nodes
    (shown in the page of the node they support, ``inline``) and vocabulary terms that no
    document or report refers to (they stay in the dumps and the vocabulary graph's page).
    """

    out_edges: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    in_edges: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    graphs_of: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[Node, dict[str, str]] = field(default_factory=dict)
    pages: dict[str, PurePosixPath] = field(default_factory=dict)
    graph_pages: dict[str, PurePosixPath] = field(default_factory=dict)
    graph_triples: dict[Node, list[tuple[Node, Node, Node]]] = field(
        default_factory=lambda: defaultdict(list))
    terms: dict[str, str] = field(default_factory=dict)  # term IRI -> anchor
    inline: dict[Node, tuple[Node, str]] = field(default_factory=dict)  # node -> (owner, anchor)
    figure_kind: dict[tuple[Node, Node, Node], str] = field(default_factory=dict)
    node_kind: dict[Node, str] = field(default_factory=dict)
    display: dict[Node, str] = field(default_factory=dict)  # site-made labels (offers)
    ordinal: dict[Node, int] = field(default_factory=dict)
    inverses: dict[Node, Node] = field(default_factory=dict)
    prop_labels: dict[Node, str] = field(default_factory=dict)

    @classmethod
    def of(cls, quads: list[Quad]) -> SiteIndex:
        idx = cls()
        seen: set[tuple[Node, Node, Node]] = set()
        referenced: set[Node] = set()
        kinds: dict[Node | None, str | None] = {}
        for s, p, o, g in quads:
            if g is not None:
                idx.graphs_of[s].add(g)
                idx.graph_triples[g].append((s, p, o))
            if g in kinds:
                kind = kinds[g]
            else:
                kind = kinds[g] = graph_kind(g)
            if kind is not None:
                referenced.add(o)
                if p in FIGURES and isinstance(o, Literal):
                    key = (s, p, o)
                    kind = "official" if p in _OFFICIAL_FIGURES else kind
                    if idx.figure_kind.get(key) != "official":
                        idx.figure_kind[key] = kind
                if idx.node_kind.get(s) != "official":
                    idx.node_kind[s] = kind
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            idx.out_edges[s].append((p, o))
            if not isinstance(o, Literal):
                idx.in_edges[o].append((p, s))
        idx._find_labels()
        idx._find_pages(referenced)
        idx._label_offers()
        return idx

    def _find_labels(self) -> None:
        rank = {p: i for i, p in enumerate(_LABEL_PROPS)}  # rdfs:label first; others fill gaps
        exact: dict[Node, str] = {}
        oa_exact, ordinal, inverse_of = OA.exact, POL.ordinal, OWL.inverseOf
        for s, edges in self.out_edges.items():
            found: dict[str, tuple[int, str]] = {}
            for p, o in edges:
                r = rank.get(p)
                if r is not None and isinstance(o, Literal):
                    lang = o.language or ""
                    if lang not in found or r < found[lang][0]:
                        found[lang] = (r, str(o))
                elif p == oa_exact:
                    exact.setdefault(s, str(o))
                elif p == ordinal and isinstance(o, Literal):
                    try:
                        self.ordinal[s] = int(str(o))
                    except ValueError:
                        pass
                elif p == inverse_of and not isinstance(o, Literal):
                    self.inverses[s] = o
                    self.inverses.setdefault(o, s)
            if found:
                self.labels[s] = {lang: v for lang, (_r, v) in found.items()}
            elif s in exact:
                self.labels[s] = {"": exact[s]}
        for s, labs in self.labels.items():
            if labs.get("en"):
                self.prop_labels[s] = labs["en"]
        ns = str(POL._NS)
        nodes = set(self.out_edges) | {p for edges in self.out_edges.values() for p, _ in edges}
        for node in nodes:
            s = str(node)
            if s.startswith(ns) and s not in self.terms:
                local = s[len(ns):]
                self.terms[s] = (local if _ANCHOR.fullmatch(local) else
                                 "t-" + hashlib.sha256(local.encode()).hexdigest()[:12])

    def _find_pages(self, referenced: set[Node]) -> None:
        idn = str(ID)
        is_a, evidence_class, evidence_prop = RDF.type, POL.Evidence, POL.evidence
        evidence = {s for s, edges in self.out_edges.items()
                    if isinstance(s, URIRef) and (is_a, evidence_class) in edges}
        for node in dict.fromkeys([*self.out_edges, *self.in_edges]):
            if not (isinstance(node, URIRef) and str(node).startswith(idn)):
                continue
            if node in evidence:
                owners = sorted((s for p, s in self.in_edges.get(node, []) if p == evidence_prop),
                                key=str)
                if owners:
                    self.inline[node] = (owners[0], "ev-" + hashlib.sha256(
                        str(node).encode()).hexdigest()[:12])
                    continue
            graphs = self.graphs_of.get(node)
            vocab_only = bool(graphs) and graphs <= {VOCAB_GRAPH, ONTOLOGY_IRI}
            if vocab_only and node not in referenced and not any(
                    p == RDF.type and o == SKOS.ConceptScheme for p, o in self.out_edges[node]):
                continue
            rel = iri_relpath(str(node))
            if rel is not None:
                self.pages[str(node)] = rel
        for gid in self.graph_triples:
            if (isinstance(gid, URIRef) and str(gid).startswith(idn)
                    and str(gid) not in self.pages):
                rel = iri_relpath(str(gid))
                if rel is not None:
                    self.graph_pages[str(gid)] = rel

    def _label_offers(self) -> None:
        """Offers get a label that says what they are: document, measure, kind and figure."""
        provides = POL.providesInstrument
        for measure, edges in self.out_edges.items():
            offers = [o for p, o in edges if p == provides]
            if not offers:
                continue
            doc = next((o for p, o in edges if p == POL.partOf), None) or next(
                (s for p, s in self.in_edges.get(measure, []) if p == POL.hasMeasure), None)
            parts = []
            if doc is not None:
                number = next((str(o) for p, o in self.out_edges.get(doc, [])
                               if p == POL.documentNumber), "")
                parts.append(number or shorten(self.label(doc), 24))
            if measure in self.ordinal:
                parts.append(f"measure {self.ordinal[measure]}")
            for offer in offers:
                self.display[offer] = " · ".join([*parts, *self._offer_words(offer)])

    def _offer_words(self, offer: Node) -> list[str]:
        edges = self.out_edges.get(offer, [])
        kinds = [o for p, o in edges if p == RDF.type and o != POL.FundingInstrument]
        words = [self.term_label(kinds[0])] if kinds else []
        values = {p: o for p, o in edges if isinstance(o, Literal)}
        for prop, role in ((POL.maxAmount, "cap"), (POL.totalBudget, "budget"),
                           (POL.unitRate, "rate")):
            if prop in values:
                words.append(f"{role} {yuan(values[prop])}")
                break
        if POL.maxCostShare in values:
            words.append(f"share ≤{percent(values[POL.maxCostShare])}")
        if POL.maxRecipients in values:
            words.append(f"quota {values[POL.maxRecipients]}")
        return words

    def label(self, node: Node, lang: str | None = None) -> str:
        """The best display label (a site-made one, zh-Hans, zh-Hant, en, untagged), else a short IRI."""
        labs = self.labels.get(node, {})
        if lang is not None:
            return labs.get(lang, "")
        if node in self.display:
            return self.display[node]
        for key in (*LANGS, ""):
            if labs.get(key):
                return labs[key]
        if labs:
            return labs[sorted(labs)[0]]
        return short(node)

    def term_label(self, node: Node) -> str:
        """An ontology term's English label, else its local name split into words."""
        return forward(node, self.prop_labels)

    def value_key(self, o: Node) -> tuple:
        """Order of values in a row: literals by language, resources by ordinal then IRI."""
        if isinstance(o, Literal):
            return (LANGS.index(o.language) if o.language in LANGS else 9, 0, natural_key(o.n3()))
        return (9, self.ordinal.get(o, 1 << 30), natural_key(str(o)))


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a space when it has to be cut, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def yuan(value: Node) -> str:
    """An amount in yuan as people write it: 8000000 → 800万元, 150000000 → 1.5亿元."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    for unit, size in (("亿元", Decimal(100_000_000)), ("万元", Decimal(10_000))):
        if amount >= size:
            return f"{_plain(amount / size)}{unit}"
    return f"{_plain(amount)}元"


def percent(value: Node) -> str:
    """A share in (0, 1] as a percentage: 0.3 → 30%."""
    try:
        return f"{_plain(Decimal(str(value)) * 100)}%"
    except InvalidOperation:
        return str(value)


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")


def short(node: Node) -> str:
    """A compact form of an IRI for display (prefixed where a prefix is known)."""
    s = str(node)
    for prefix, ns in lod.PREFIXES.items():
        if s.startswith(ns) and len(s) > len(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def page_file(rel: PurePosixPath, suffix: str) -> PurePosixPath:
    return rel.with_name(rel.name + suffix)


def _href(from_page: PurePosixPath, to_file: PurePosixPath, anchor: str = "") -> str:
    """The relative link from one site file to another (both relative to the site root)."""
    return _relpath(str(to_file), str(from_page.parent)) + (f"#{anchor}" if anchor else "")


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
        if s.startswith(str(ID)):  # a resource without a page of its own
            return f'<span title="{esc(s)}">{esc(idx.label(node))}</span>'
        if s in idx.terms or s.startswith(str(POL._NS)):
            anchor = idx.terms.get(s, "")
            return (f'<a href="{esc(_href(here, page_file(ONTOLOGY_PAGE, ".html"), anchor))}"'
                    f' title="{esc(s)}">{esc(short(node))}</a>')
        if s == str(ONTOLOGY_IRI):
            return f'<a href="{esc(_href(here, page_file(ONTOLOGY_PAGE, ".html")))}">pol:</a>'
        if re.match(r"https?://", s):
            return f'<a class="ext" href="{esc(s)}" rel="nofollow noopener">{esc(short(node))}</a>'
        return f"<code>{esc(s)}</code>"

    def literal(self, lit: Literal, kind: str | None = None) -> str:
        """A literal as text; a figure also shows its source kind (``kind``)."""
        text = esc(str(lit))
        if lit.language:
            return (f'<span lang="{esc(lit.language)}">{text}</span>'
                    f' <span class="tag">@{esc(lit.language)}</span>')
        if lit.datatype and lit.datatype != XSD.string:
            extra = ""
            if lit.datatype == XSD.decimal:
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
        ttl = page_file(rel, ".ttl")
        jsonld = page_file(rel, ".jsonld")
        alt = (f'<link rel="alternate" type="text/turtle" href="{esc(_href(here, ttl))}">\n'
               f'<link rel="alternate" type="application/ld+json" href="{esc(_href(here, jsonld))}">\n')
        types = [o for p, o in idx.out_edges.get(node, []) if p == RDF.type]
        parts = [f'<h1>{esc(idx.label(node))}</h1>\n', self.labels_block(node),
                 f'<p class="iri"><code>{esc(str(node))}</code></p>\n']
        if types:
            parts.append('<p class="types">' + ", ".join(self.link(here, t) for t in types)
                         + "</p>\n")
        parts.append(f'<p class="alt">Also as <a href="{esc(_href(here, ttl))}" '
                     f'type="text/turtle">Turtle</a> · <a href="{esc(_href(here, jsonld))}" '
                     f'type="application/ld+json">JSON-LD</a></p>\n')
        parts.append(self.property_table(here, node, outgoing=True))
        parts.append(self.property_table(here, node, outgoing=False))
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
        ttl, jsonld = page_file(rel, ".ttl"), page_file(rel, ".jsonld")
        alt = (f'<link rel="alternate" type="text/turtle" href="{esc(_href(here, ttl))}">\n'
               f'<link rel="alternate" type="application/ld+json" href="{esc(_href(here, jsonld))}">\n')
        triples = idx.graph_triples.get(gid, [])
        subjects = sorted({s for s, _, _ in triples if isinstance(s, URIRef)},
                          key=lambda n: (idx.label(n), str(n)))
        items = "".join(f"<li>{self.link(here, n)}</li>" for n in subjects)
        body = (f"<h1>Named graph</h1>\n<p class=\"iri\"><code>{esc(str(gid))}</code></p>\n"
                f"<p>{len(triples)} statements about {len(subjects)} resources. "
                f'Download: <a href="{esc(_href(here, ttl))}" type="text/turtle">Turtle</a> · '
                f'<a href="{esc(_href(here, jsonld))}" type="application/ld+json">JSON-LD</a></p>\n'
                f'<h2>Resources</h2>\n<ul class="list">{items}</ul>\n')
        return self.page(here, str(gid), body, alt, lang="en")

    def property_table(self, here: PurePosixPath, node: Node, outgoing: bool) -> str:
        """Outgoing ("Statements") or incoming ("Linked from") statements, one row per relation,
        each phrased from this page's point of view (:mod:`wording`)."""
        idx = self.idx
        if outgoing:
            edges = [(p, o) for p, o in idx.out_edges.get(node, []) if p != RDF.type]
        else:
            mine = set(idx.out_edges.get(node, []))
            edges = [(p, s) for p, s in idx.in_edges.get(node, [])
                     if s not in idx.inline  # shown on the page of the node they support
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
        return (f'<h2>{title}</h2>\n<table class="{cls}">\n' + "\n".join(rows) + "\n</table>\n")

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
        source = values.get(OA.hasSource)
        parts = [f'<q id="{esc(idx.inline[ev][1])}" class="quote">'
                 f"{esc(exact if exact is not None else idx.label(ev))}</q>"]
        if where:
            parts.append(f' <span class="tag">{esc(where)}</span>')
        if source is not None:
            parts.append(f" in {self.link(here, source)}")
        return "".join(parts)

    def prop_link(self, here: PurePosixPath, p: Node, outgoing: bool = True) -> str:
        """The relation's phrase, linked to its definition."""
        s = str(p)
        label = esc(self.phrase(p, outgoing))
        if s.startswith(str(POL._NS)):
            href = _href(here, page_file(ONTOLOGY_PAGE, ".html"), self.idx.terms.get(s, ""))
            return f'<a href="{esc(href)}" title="{esc(s)}">{label}</a>'
        if re.match(r"https?://", s):
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
            ts = {o for p, o in idx.out_edges.get(t, []) if p == RDF.type}
            name = next((v for k, v in onto_types.items() if k in ts), "Individuals and others")
            sections[name].append(t)
        header = [o for p, o in idx.out_edges.get(ONTOLOGY_IRI, [])]
        parts = ["<h1>policykg ontology</h1>\n",
                 f'<p class="iri"><code>{esc(str(POL._NS))}</code></p>\n']
        if header:
            parts.append(self.property_table(here, ONTOLOGY_IRI, outgoing=True))
        parts.append('<p class="alt">Also as <a href="ontology.ttl" type="text/turtle">Turtle</a>'
                     ' · <a href="ontology.jsonld" type="application/ld+json">JSON-LD</a></p>\n')
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
        alt = ('<link rel="alternate" type="text/turtle" href="ontology.ttl">\n'
               '<link rel="alternate" type="application/ld+json" href="ontology.jsonld">\n')
        return self.page(here, "policykg ontology", "".join(parts), alt, lang="en")

    def _type_types(self, here: PurePosixPath, t: Node) -> str:
        types = [o for p, o in self.idx.out_edges.get(t, []) if p == RDF.type]
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
            types = [o for p, o in idx.out_edges.get(node, []) if p == RDF.type] or [None]
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


def description(idx: SiteIndex, node: Node) -> list[tuple[Node, Node, Node]]:
    """The resource's statements both ways, closed over its blank nodes and the evidence
    shown in its page."""
    out: list[tuple[Node, Node, Node]] = []
    todo = [node]
    seen: set[Node] = set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for p, o in idx.out_edges.get(n, []):
            out.append((n, p, o))
            if isinstance(o, BNode) or (o in idx.inline and idx.inline[o][0] == node):
                todo.append(o)
    out.extend((s, p, node) for p, s in idx.in_edges.get(node, []) if s != node)
    return out


def ontology_terms(idx: SiteIndex) -> list[URIRef]:
    ns = str(POL._NS)
    return sorted({URIRef(s) for s in idx.terms if s.startswith(ns) and len(s) > len(ns)}, key=str)
