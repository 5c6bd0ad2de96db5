"""Similarity links between measures of different documents, as triples in their own graph.

Contract: :func:`link_measures` reads the measures of a graph (see :mod:`.profile`), scores the
candidate pairs (:mod:`.similarity`), keeps a pair when its score is at least ``threshold`` and it
is among the ``top`` best links of one of its two measures, and returns the triples of the named
graph :data:`LINKS_GRAPH` with, per kept pair (ordered by IRI, stated once):

- ``<a> pol:similarTo <b>`` (``a`` sorts before ``b``; the property is symmetric);
- a ``pol:MeasureLink`` node ``<a>/similar/<path of b>`` with ``pol:linksMeasure`` a and b,
  ``pol:similarityScore``, one ``pol:linkFeature`` per feature, ``pol:similarityMethod``, labels,
  and the diffusion (:mod:`.diffusion`): ``pol:leader``/``pol:follower``, ``pol:lagDays``,
  ``pol:leaderLevel``/``pol:followerLevel``, ``pol:amountChange``, ``pol:categoryAdded``/
  ``pol:categoryRemoved`` and ``pol:acrossVersions``.

The same input graph and options always give the same triples.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from policykg.graph.compare.diffusion import diffuse
from policykg.graph.compare.profile import DocumentInfo, MeasureProfile, documents, profiles
from policykg.graph.compare.similarity import DEFAULT_THRESHOLD, Match, Scorer, candidate_pairs
from policykg.ontology.namespace import ID, POL

LINKS_GRAPH = ID["graph/links/similar-measures"]
DEFAULT_TOP = 5


@dataclass(slots=True)
class LinkResult:
    """The link graph and what it took: measures profiled, pairs scored, links kept, seconds."""

    name: URIRef
    triples: list[tuple]  # the link graph's triples, each once, in link order
    method: str = ""
    measures: int = 0
    scored: int = 0
    links: int = 0
    seconds: float = 0.0
    matches: list[Match] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"graph": str(self.name), "method": self.method, "measures": self.measures,
                "pairs_scored": self.scored, "links": self.links,
                "seconds": round(self.seconds, 3)}


def _path(iri: URIRef) -> str:
    return str(iri).removeprefix(str(ID))


def keep_pairs(first: array, second: array, scores: array, measures: int,
               top: int) -> list[tuple[int, int]]:
    """The pairs to link, sorted: a pair (i < j; profiles are sorted by IRI, so index order is
    IRI order) is kept when it is among the ``top`` best of either of its measures, best meaning
    the highest score, ties broken by (i, j). The columns hold the pairs at or above the
    threshold only: three numbers per pair, not a :class:`Match`."""
    import numpy as np

    if not scores:
        return []
    i = np.frombuffer(first, dtype=np.int64)
    j = np.frombuffer(second, dtype=np.int64)
    order = np.lexsort((j, i, -np.frombuffer(scores, dtype=np.float64)))
    count = [0] * measures
    kept = []
    for k in order.tolist():
        a, b = int(i[k]), int(j[k])
        take = False
        for end in (a, b):
            if count[end] < top:
                count[end] += 1
                take = True
        if take:
            kept.append((a, b))
    kept.sort()
    return kept


class _Triples(list):
    """A list of triples with rdflib's ``Graph.add`` spelling (links never repeat a triple)."""

    def add(self, triple: tuple) -> None:
        self.append(triple)


def _describe(g: _Triples, m: Match, docs: dict[URIRef, DocumentInfo], method: str) -> None:
    node = URIRef(f"{m.a.iri}/similar/{_path(m.b.iri)}")
    g.add((m.a.iri, POL.similarTo, m.b.iri))
    g.add((node, RDF.type, POL.MeasureLink))
    g.add((node, POL.linksMeasure, m.a.iri))
    g.add((node, POL.linksMeasure, m.b.iri))
    g.add((node, POL.similarityScore, Literal(Decimal(f"{m.score:.4f}"), datatype=XSD.decimal)))
    g.add((node, POL.similarityMethod, Literal(f"features/{method}")))
    for f in m.features:
        g.add((node, POL.linkFeature, Literal(f)))
    na, nb = docs[m.a.doc].number or _path(m.a.doc), docs[m.b.doc].number or _path(m.b.doc)
    g.add((node, RDFS.label, Literal(f"{na} 第{m.a.ordinal}条 ~ {nb} 第{m.b.ordinal}条（{m.score:.2f}）",
                                     lang="zh-Hans")))
    g.add((node, RDFS.label, Literal(f"{na} measure {m.a.ordinal} ~ {nb} measure {m.b.ordinal} "
                                     f"({m.score:.2f})", lang="en")))
    d = diffuse(m.a, m.b, docs)
    if d.leader is not None and d.follower is not None:
        g.add((node, POL.leader, d.leader.iri))
        g.add((node, POL.follower, d.follower.iri))
        g.add((node, POL.lagDays, Literal(d.lag_days, datatype=XSD.integer)))
    for prop, level in ((POL.leaderLevel, d.levels[0]), (POL.followerLevel, d.levels[1])):
        if level:
            g.add((node, prop, Literal(level)))
    if d.amount_change:
        g.add((node, POL.amountChange, Literal(d.amount_change)))
    for c in sorted(d.added):
        g.add((node, POL.categoryAdded, c))
    for c in sorted(d.removed):
        g.add((node, POL.categoryRemoved, c))
    g.add((node, POL.acrossVersions, Literal(d.versions)))


@dataclass(slots=True)
class Linking:
    """The links found, before any triple is made: the profiles, the documents, the scorer and
    the kept index pairs (a few numbers per link, so the parallel build can stream the triples)."""

    profiles: list[MeasureProfile]
    docs: dict[URIRef, DocumentInfo]
    scorer: Scorer
    method: str
    scored: int
    pairs: list[tuple[int, int]]
    seconds: float = 0.0

    def matches(self) -> Iterator[Match]:
        """The kept links, scored again with their features, in link order."""
        profs = self.profiles
        for i, j in self.pairs:
            m = self.scorer.score(profs[i], profs[j])
            assert m is not None
            yield m

    def triples(self) -> Iterator[list[tuple]]:
        """The triples of each kept link, link by link (see the module doc)."""
        for m in self.matches():
            out = _Triples()
            _describe(out, m, self.docs, self.method)
            yield out


def find_links(g: Graph, threshold: float = DEFAULT_THRESHOLD, top: int = DEFAULT_TOP,
               method: str | None = None) -> Linking:
    """Profile, score and keep the links among the measures of ``g`` (see the module doc);
    only the scores of the pairs at or above ``threshold`` are held, three numbers each."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"the similarity threshold must be between 0 and 1, not {threshold}")
    started = time.perf_counter()
    docs = documents(g)
    profs = profiles(g, docs)
    scorer = Scorer(profs)
    method, pairs = candidate_pairs(profs, scorer, method)
    first, second, scores = array("q"), array("q"), array("d")
    scored = 0
    for i, j in pairs:
        scored += 1
        value = scorer.value(profs[i], profs[j])
        if value >= threshold:
            first.append(i)
            second.append(j)
            scores.append(value)
    kept = keep_pairs(first, second, scores, len(profs), top)
    return Linking(profs, docs, scorer, method, scored, kept, time.perf_counter() - started)


def link_measures(g: Graph, threshold: float = DEFAULT_THRESHOLD, top: int = DEFAULT_TOP,
                  method: str | None = None) -> LinkResult:
    """The similarity links among the measures of ``g`` (see the module doc), every triple in hand."""
    started = time.perf_counter()
    found = find_links(g, threshold, top, method)
    kept = list(found.matches())
    out = _Triples()
    for m in kept:
        _describe(out, m, found.docs, found.method)
    return LinkResult(LINKS_GRAPH, list(out), found.method, len(found.profiles), found.scored,
                      len(kept), time.perf_counter() - started, kept)
