"""The index of a graph that the site's pages are rendered from: edges both ways, labels,
named graphs, which resources get a page, figures' source kinds and offers' labels.

Contract: :meth:`SiteIndex.of` reads canonical quads once; pages go to IRIs under ``id:``
except evidence nodes (shown inline in the page of the node they support, preferably the one
their IRI lies under), similarity links (hosted by the measure their IRI lies under: a section
of its page, statements in its files; :func:`host_path`) and vocabulary terms no document or
report refers to; a figure is "official" or "report" after the graph it
is stated in; everything is deterministic for the same quads.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.wording import forward
from policykg.ontology.namespace import ID, OA, ONTOLOGY_IRI, POL
from policykg.store.paths import iri_relpath

Quad = tuple[Node, Node, Node, Node | None]
LANGS = ("zh-Hans", "zh-Hant", "en")
_LABEL_PROPS = (RDFS.label, SKOS.prefLabel, POL.title, POL.heading)
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,100}")

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
    # owner -> the similarity links shown (and described) in its page, not in pages of their own
    hosted: dict[Node, list[Node]] = field(default_factory=lambda: defaultdict(list))
    hosted_nodes: set[Node] = field(default_factory=set)
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
        links = {s for s, edges in self.out_edges.items()
                 if isinstance(s, URIRef) and (is_a, POL.MeasureLink) in edges}
        for node in dict.fromkeys([*self.out_edges, *self.in_edges]):
            if not (isinstance(node, URIRef) and str(node).startswith(idn)):
                continue
            if node in evidence:
                owners = sorted((s for p, s in self.in_edges.get(node, []) if p == evidence_prop),
                                key=str)
                prefix = host_path(str(node))
                if prefix is not None and URIRef(prefix) in owners:
                    owners.insert(0, URIRef(prefix))  # the node its IRI lies under: the server
                    # answers the evidence's IRI with that node's page and files
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
        for node in sorted(links, key=str):  # a similarity link lives in its measure's page
            owner = host_path(str(node))
            if owner is not None and owner in self.pages and str(node) in self.pages:
                del self.pages[str(node)]
                self.inline[node] = (URIRef(owner), "sim-" + hashlib.sha256(
                    str(node).encode()).hexdigest()[:12])
                self.hosted[URIRef(owner)].append(node)
                self.hosted_nodes.add(node)
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


HOSTED_SEGMENTS = ("similar", "evidence")  # IRIs answered from the page of the node above


def host_path(iri: str) -> str | None:
    """The IRI before the first ``/similar/`` or ``/evidence/`` segment of ``iri`` (the node
    whose page and files the servers answer ``iri`` with), or None when it has neither."""
    cut = min((i for i in (iri.find(f"/{seg}/") for seg in HOSTED_SEGMENTS) if i > 0),
              default=-1)
    return iri[:cut] if cut > 0 else None


def description(idx: SiteIndex, node: Node) -> list[tuple[Node, Node, Node]]:
    """The resource's statements both ways, closed over its blank nodes, the evidence shown in
    its page and the similarity links it hosts (each statement once)."""
    out: list[tuple[Node, Node, Node]] = []
    todo = [node, *idx.hosted.get(node, ())]
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
    return list(dict.fromkeys(out)) if node in idx.hosted else out


def ontology_terms(idx: SiteIndex) -> list[URIRef]:
    ns = str(POL._NS)
    return sorted({URIRef(s) for s in idx.terms if s.startswith(ns) and len(s) > len(ns)}, key=str)
