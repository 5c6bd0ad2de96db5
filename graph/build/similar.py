"""Similarity links in the parallel build: read the profile predicates out of the store (a
projection of the union, never the whole corpus as rdflib objects), find the links with
:func:`policykg.graph.compare.links.find_links` and render the link graph in parts, a few thousand
links at a time, for :meth:`policykg.graph.build.emit.Emitter.stream` — the link graph is the
largest of a build (most of its triples on generated corpora), so it is never held whole."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from rdflib.term import Node

from policykg.graph.build.render import Pieces, render_part
from policykg.graph.build.reports import _select
from policykg.graph.build.serial import BuildResult
from policykg.graph.compare.links import LINKS_GRAPH, Linking, LinkResult, find_links
from policykg.graph.compare.profile import PROFILE_PREDICATES

LINKS_PER_PART = 2000  # links rendered at a time (~16 triples each)


class Projection:
    """Triples as a read-only index with the reads :mod:`policykg.graph.compare.profile` makes of
    a graph (``objects``, ``subjects``, ``value``): a dict per subject, each term object once —
    an rdflib Graph of the same triples costs about 1.3 KB a triple, several times as much."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.out: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._inverse: dict[Node, dict[Node, dict[Node, None]]] = {}
        terms: dict[Node, Node] = {}
        n = 0
        for s, p, o in triples:
            s, p, o = terms.setdefault(s, s), terms.setdefault(p, p), terms.setdefault(o, o)
            self.out.setdefault(s, {}).setdefault(p, {})[o] = None  # a set in insertion order
            n += 1
        self.rows = n  # rows read (a triple in several graphs is read once per graph)

    def objects(self, s: Node, p: Node) -> Iterator[Node]:
        """The objects of ``s p ?o``."""
        return iter(self.out.get(s, {}).get(p, ()))

    def value(self, s: Node, p: Node) -> Node | None:
        """One object of ``s p ?o`` (the first read), or None."""
        return next(self.objects(s, p), None)

    def subjects(self, p: Node, o: Node | None = None) -> Iterator[Node]:
        """The subjects of ``?s p o`` (``o`` None: of any object), each once."""
        index = self._inverse.get(p)
        if index is None:  # built on first use, for the few predicates read backwards
            index = self._inverse[p] = {}
            for s, preds in self.out.items():
                for obj in preds.get(p, ()):
                    index.setdefault(obj, {})[s] = None
        if o is not None:
            return iter(index.get(o, ()))
        return iter({s: None for subjects in index.values() for s in subjects})


def profile_projection(store) -> Projection:
    """The triples of the store's union that measure profiles read."""
    values = " ".join(f"<{p}>" for p in PROFILE_PREDICATES)
    return Projection(_select(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"))


def similarity_parts(store, result: BuildResult, threshold: float | None,
                     per_part: int | None = None) -> Iterator[Pieces] | None:
    """The link graph rendered in parts of ``per_part`` links (default :data:`LINKS_PER_PART`),
    lazily (None when linking is off); the statistics are recorded on ``result`` at once, the
    seconds as the parts are made."""
    per_part = per_part or LINKS_PER_PART
    if threshold is None:
        return None
    found = find_links(profile_projection(store), threshold=threshold)
    stats = LinkResult(LINKS_GRAPH, [], found.method, len(found.profiles), found.scored,
                       len(found.pairs)).as_json()
    result.similarity = {**{k: v for k, v in stats.items() if k != "seconds"},
                         "threshold": threshold}
    result.link_seconds = found.seconds
    return _parts(found, result, per_part)


def _parts(found: Linking, result: BuildResult, per_part: int) -> Iterator[Pieces]:
    """Render the links ``per_part`` at a time; each part's seconds go to ``result``."""
    batch: list[tuple] = []
    count = 0
    started = time.perf_counter()
    for triples in found.triples():
        batch.extend(triples)
        count += 1
        if count == per_part:
            part = render_part(LINKS_GRAPH, batch)
            result.link_seconds += time.perf_counter() - started
            yield part
            batch, count, started = [], 0, time.perf_counter()
    if batch:
        part = render_part(LINKS_GRAPH, batch)
        result.link_seconds += time.perf_counter() - started
        yield part
