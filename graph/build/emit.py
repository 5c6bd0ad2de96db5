"""Where finished graphs go: the fixed graphs (ontology, vocabularies) rendered first, then each
source's graph handed to the store (when it changed) and to the dumps — merged from all graphs,
or patched with the changed graphs only when the last build's dumps are intact."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from policykg.graph.build import dump
from policykg.graph.build.dumppatch import GraphChange, PatchError, patch_dumps
from policykg.graph.build.render import Dumps, GraphInfo, Pieces, render
from policykg.graph.build.sink import QuadSink
from policykg.graph.model.iri import VOCAB_GRAPH
from policykg.ontology.namespace import ONTOLOGY_IRI

# ------------------------------------------------------------------ fixed graphs


def fixed_graphs() -> list[Pieces]:
    """The ontology and vocabulary graphs rendered, with the serial writers' blank-node labels."""
    from policykg.graph.model.dataset import ontology_graph, vocabulary_graph

    graphs = [(ONTOLOGY_IRI, set(ontology_graph())), (VOCAB_GRAPH, set(vocabulary_graph()))]
    graphs = [(n, ts) for n, ts in graphs if ts]
    union_labels = dump.bnode_labels(set().union(*(ts for _, ts in graphs)) if graphs else set())
    trig_labels = dump.bnode_labels(t for _, ts in graphs for t in ts)
    return [render(n, ts, union_labels, trig_labels) for n, ts in graphs]


# ------------------------------------------------------------------ where finished graphs go


class Emitter:
    """Hands each finished graph to the store (when it changed) and to the dumps: merged from
    all graphs, or patched with the changed graphs only when the last build's dumps are intact."""

    def __init__(self, db, sink: QuadSink, cache, work: Path) -> None:
        self.db, self.sink, self.cache, self.work = db, sink, cache, work
        old = cache.old_dumps()
        self.old_graphs, self.old_triples = old if old is not None else ({}, -1)
        self.patching = self.old_triples >= 0
        self.from_cache = self.patching  # if patching fails, merge every graph from the cache
        self.dumps = Dumps(work)
        self.changes: list[GraphChange] = []
        self.infos: dict[str, GraphInfo] = {}
        self.how = "merged"

    def __call__(self, info: GraphInfo, get: Callable[[], Pieces], count_source: bool = True,
                 keep: bool = False) -> None:
        self.infos[info.name] = info
        pieces = None
        if self.patching:
            before = self.old_graphs.get(info.name)
            if before != info.digest:
                pieces = get()
                old = self.cache.pieces(before) if before else None
                self.patching = not (before and old is None)
                self.changes.append(GraphChange(info.name, old, pieces))
        elif not self.from_cache:
            pieces = get()
            self.dumps.add(pieces)
        if keep:
            pieces = pieces or get()
            self.cache.keep_pieces(pieces, info)
        load = self.db.prepare(info)
        if load or self.sink.partitions is not None:
            self.sink.add(pieces or get(), load=load, count_source=count_source)

    def stream(self, name: str, parts: Iterable[Pieces]) -> None:
        """Hand a graph too large to hold rendered (the similarity links) to the dumps and the
        store part by part (:func:`policykg.graph.build.render.render_part`): a full build only,
        as neither the cache nor the patched dumps know a graph in parts."""
        if self.patching or self.from_cache or getattr(self.cache, "enabled", False):
            raise RuntimeError(f"{name}: an incremental build cannot take a graph in parts")
        for pieces in self.dumps.add_parts(name, parts):
            self.sink.add(pieces, count_source=False)

    def write(self, out: Path) -> int:
        """Write (or patch) the dumps in ``out`` once the store holds the new build; the number
        of N-Triples lines."""
        if self.patching:
            for name, digest in self.old_graphs.items():
                if name not in self.infos:
                    old = self.cache.pieces(digest)
                    self.patching = self.patching and old is not None
                    self.changes.append(GraphChange(name, old, None))
        if self.patching:
            used_ttl = set().union(*(i.used_ttl for i in self.infos.values()))
            used_trig = set().union(*(i.used_trig for i in self.infos.values()))
            try:
                triples = patch_dumps(out, self.changes, self.db.store, used_ttl, used_trig,
                                      self.old_triples)
                self.how = "patched"
                return triples
            except (PatchError, OSError):
                pass
        if self.from_cache:
            for name in sorted(self.infos):
                pieces = self.cache.pieces(self.infos[name].digest)
                if pieces is None:
                    raise RuntimeError(f"the cache lost the rendered graph {name}; "
                                       "build again without --incremental")
                self.dumps.add(pieces)
        self.dumps.write(out)
        return self.dumps.triples
