"""SHACL validation of a built store one batch of named graphs at a time, in worker processes.

The whole-graph Oxigraph engine (:func:`policykg.shapes.validate.validate_file`) copies every
graph of a corpus into one scratch store, with each unit's context beside it: at 10,000
documents that is ~8 GB. Here the units are the same (a named graph's own triples plus the type
and label triples, ``CONTEXT_PREDICATES``, that any other graph states about the IRIs it
mentions), but they are cut from the store a batch at a time: the parent reads a batch's graphs
(N-Triples) and asks the store for their context (one query per batch), a worker loads the batch
into its own small scratch store and runs the compiled local checks, and the findings stream back
into one list. Memory is bounded by the batch (``batch_quads`` quads, or one graph if a document
is larger), not by the corpus. The cross-document shapes (``polsh:CrossDocument``: repeals and
their dates) run once, in the parent, over the projection of the union they need.

Contract: :func:`validate_store` gives the same :class:`ValidationResult` (same results, units,
report bytes) as the whole-graph Oxigraph engine on the same quads — whatever the batch size and
however many workers (tested on the seeds and a generated corpus). The store's default graph
must be empty (a build store's is); ``ValueError`` says so otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox

from policykg.ontology.namespace import ONTOLOGY_IRI
from policykg.shapes import oxigraph_engine as engine
from policykg.shapes.validate import (
    CONTEXT_PREDICATES,
    CROSS_DOCUMENT_PREDICATES,
    ValidationResult,
    _shape_index,
    _store_hierarchy,
    load_shapes,
    results_from_found,
)

BATCH_QUADS = 25_000  # a batch's own quads (TriG: lines) before context: bounds a worker's scratch store

Mapper = Callable[[Callable, Iterable], Iterator]


@dataclass(frozen=True, slots=True)
class Batch:
    """Some units cut from a store: each graph's own N-Triples (or, read from a TriG dump, one
    TriG document holding their blocks), and their context as N-Quads (each context triple
    placed in the unit graph that needs it)."""

    graphs: tuple[tuple[str, bytes], ...]
    context: bytes
    trig: bytes = b""


def _values(nodes: Iterable) -> str:
    return " ".join(f"<{n}>" for n in nodes)


def unit_graphs(store: ox.Store) -> list[str]:
    """The named graphs that may be units (all but the ontology), sorted."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise ValueError("per-graph validation needs every triple in a named graph; this store "
                         "has triples in its default graph (validate the dump instead).")
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value != str(ONTOLOGY_IRI))


def _context(store: ox.Store, graphs: list[str]) -> bytes:
    """The context of the units ``graphs`` as N-Quads (what ``prepare_units`` inserts)."""
    query = (
        "SELECT DISTINCT ?g ?n ?p ?o WHERE {\n"
        f"  {{ SELECT DISTINCT ?g ?n WHERE {{ VALUES ?g {{ {_values(graphs)} }}\n"
        "      GRAPH ?g { { ?n ?x ?y } UNION { ?y ?x ?n } } FILTER(isIRI(?n)) } }\n"
        f"  VALUES ?p {{ {_values(CONTEXT_PREDICATES)} }}\n"
        "  GRAPH ?h { ?n ?p ?o } FILTER(?h != ?g)\n}")
    lines = [f"{row[1]} {row[2]} {row[3]} {row[0]} .\n" for row in store.query(query)]
    return "".join(lines).encode("utf-8")


def batches(store: ox.Store, batch_quads: int = BATCH_QUADS) -> Iterator[Batch]:
    """The units of ``store``, cut into batches of about ``batch_quads`` own quads (lazily)."""
    pending: list[tuple[str, bytes]] = []
    size = 0
    for name in unit_graphs(store):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        pending.append((name, data))
        size += data.count(b"\n")
        if size >= batch_quads:
            yield Batch(tuple(pending), _context(store, [n for n, _ in pending]))
            pending, size = [], 0
    if pending:
        yield Batch(tuple(pending), _context(store, [n for n, _ in pending]))


_BLOCK = re.compile(r"^<([^>]*)> \{$")


def trig_batches(trig: Path, store: ox.Store, batch_quads: int = BATCH_QUADS) -> Iterator[Batch]:
    """The units of a TriG dump written by policykg (a header of ``@base``/``@prefix`` lines, then
    one block ``<graph> {`` … ``}`` per graph, literals on one line), cut into batches of about
    ``batch_quads`` lines; the context comes from ``store``, which holds the same quads. Reading
    the dump's text is much faster than serialising the store's graphs again."""
    header: list[str] = []
    base = ""
    pending: list[str] = []
    names: list[str] = []
    name, size = None, 0
    with open(trig, encoding="utf-8") as fh:
        for line in fh:
            if name is not None:  # inside a block
                pending.append(line)
                size += 1
                if line.rstrip("\n") == "}":
                    name = None
                    if size >= batch_quads:
                        yield _trig_batch(store, header, names, pending)
                        pending, names, size = [], [], 0
                continue
            opened = _BLOCK.match(line.rstrip("\n"))
            if opened:
                name = urljoin(base, opened.group(1))
                if name == str(ONTOLOGY_IRI):  # not a unit: its block is skipped
                    name = _skip_block(fh)
                    continue
                names.append(name)
                pending.append(line)
            elif line.startswith(("@prefix", "@base")):
                header.append(line)
                if line.startswith("@base"):
                    base = line.split("<", 1)[1].rsplit(">", 1)[0]
            elif line.strip() and not line.startswith("#"):
                raise ValueError(f"{trig}: a triple outside a graph block; per-graph validation "
                                 "reads policykg's own TriG dumps only.")
    if names:
        yield _trig_batch(store, header, names, pending)


def _skip_block(fh) -> None:
    for line in fh:
        if line.rstrip("\n") == "}":
            return None
    return None


def _trig_batch(store: ox.Store, header: list[str], names: list[str], lines: list[str]) -> Batch:
    return Batch((), _context(store, names), "".join(header + lines).encode("utf-8"))


def check_batch(checks: list[engine.Check], batch: Batch) -> tuple[list[dict], int]:
    """Worker entry: run the local ``checks`` on one batch; (findings, units with a focus node)."""
    scratch = ox.Store()
    if batch.trig:
        scratch.bulk_load(batch.trig, ox.RdfFormat.TRIG)
    for name, data in batch.graphs:
        if data:
            scratch.bulk_load(data, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    scratch.update(engine.focus_update(str(ONTOLOGY_IRI)))  # before the context, as in the whole run
    units = engine.count_units(scratch)
    if batch.context:
        scratch.bulk_load(batch.context, ox.RdfFormat.N_QUADS)
    return engine.run(scratch, checks), units


def _cross(store: ox.Store, checks: list[engine.Check]) -> tuple[list[dict], bool]:
    """The cross-document checks over the projection of the union they read."""
    query = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
             f"VALUES ?p {{ {_values(CROSS_DOCUMENT_PREDICATES)} }} }}")
    lines = [f"{row[0]} {row[1]} {row[2]} .\n" for row in store.query(query)]
    if not lines or not checks:
        return [], False
    scratch = ox.Store()
    scratch.bulk_load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES,
                      to_graph=ox.NamedNode(engine.CROSS_GRAPH))
    return engine.run(scratch, checks), True


def validate_store(store: ox.Store, *, mapper: Mapper | None = None,
                   batch_quads: int | None = None, trig: Path | None = None) -> ValidationResult:
    """Validate every named graph of ``store`` per batch (see the module docstring).

    ``mapper(fn, batches)`` runs ``fn`` on each batch and yields the results in order, lazily
    (a process pool with a bounded window of batches in flight); by default, in this process.
    ``trig``: policykg's TriG dump of the same quads, read for the graphs' own triples
    (:func:`trig_batches`). ``batch_quads`` defaults to ``BATCH_QUADS``.
    """
    batch_quads = batch_quads or BATCH_QUADS
    _, _, cross_shapes = _shape_index()
    compiled = engine.compile_shapes(load_shapes(), _store_hierarchy(store), cross_shapes)
    unit_graphs(store)  # (refuses a default graph with triples)
    todo = batches(store, batch_quads) if trig is None else trig_batches(trig, store, batch_quads)
    ahead = [b for b in (next(todo, None), next(todo, None)) if b is not None]
    # one batch (a small corpus) runs here: starting worker processes would cost more
    run = mapper if mapper is not None and len(ahead) > 1 else map
    found: list[dict] = []
    units = 0
    for part, count in run(partial(check_batch, compiled.local), chain(ahead, todo)):
        found.extend(part)
        units += count
    cross_found, has_cross = _cross(store, compiled.cross)
    found.extend(cross_found)
    return results_from_found(found, engine.StoreIndex(store), units + int(has_cross))
