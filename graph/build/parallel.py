"""Parallel streaming build: sources loaded and converted in a process pool, quads streamed out.

Each worker loads ONE source (the pickled record goes to a spool file) and later converts it into
its named graph, returned as rendered :class:`~policykg.graph.build.render.Pieces` (sorted N-Triples
lines, Turtle records, a TriG block). The parent never holds the whole corpus as rdflib objects:
it streams each graph's quads into a pyoxigraph store (on disk with ``store=DIR``; bulk loads of
a partition at a time) and merges the pieces into the sorted dumps. The result is the same as
:func:`policykg.graph.build.serial.build` (same dumps, same report.json), byte for byte, for any ``jobs``.

Order of work, as in the serial build: (1) load every source; (2) register the titles of official
documents (so a citation by title alone finds a loaded document); (3) convert officials; (4)
convert reports in the parent, against a projection of the official graphs read from the store.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from policykg.graph.build import dump
from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT, check_timeout
from policykg.graph.build.emit import Emitter, fixed_graphs
from policykg.graph.build.render import GraphInfo, Pieces
from policykg.graph.build.reports import convert_report, report_context
from policykg.graph.build.runner import LocalRunner
from policykg.graph.build.serial import (
    BuildResult,
    SourceReport,
    _sentence,
    _warning,
    find_sources,
    source_totals,
)
from policykg.graph.build.similar import similarity_parts
from policykg.graph.build.sink import FreshStore, QuadSink, open_store
from policykg.graph.build.workers import Loaded, Outcome, title_index
from policykg.graph.compare.links import LINKS_GRAPH
from policykg.graph.compare.similarity import DEFAULT_THRESHOLD as DEFAULT_SIMILARITY
from policykg.queries.counts import count_pyoxigraph
from policykg.store.base import term_from_oxigraph

Progress = Callable[[int, int, str], None]


# ------------------------------------------------------------------ the build


@dataclass(slots=True)
class RunCounts:
    """How much work a run did: sources parsed, officials converted, reports converted, reused,
    and how the dumps were written."""

    parsed: int = 0
    converted: int = 0
    reports: int = 0
    reused: int = 0
    dumps: str = "merged"  # merged from every graph | patched with the changed graphs only


@dataclass(slots=True)
class ParallelResult(BuildResult):
    """A build result plus the store the graph went into, the work counts and partition files."""

    store: object = None
    counts: RunCounts | None = None
    partitions: list[Path] = field(default_factory=list)


def build_parallel(sources: Iterable[str | os.PathLike], out: str | os.PathLike | None = "build",
                   *, jobs: int = 2, store: str | os.PathLike | None = None,
                   validate: bool = True, progress: Progress | None = None,
                   runner=None, partitions: bool = False,
                   incremental: bool = False, shacl_engine: str = "oxigraph",
                   source_timeout: float | None = DEFAULT_SOURCE_TIMEOUT,
                   exclude: Iterable[str | os.PathLike] = (),
                   similarity_threshold: float | None = DEFAULT_SIMILARITY) -> BuildResult:
    """Build like :func:`policykg.graph.build.serial.build`, in parallel and streaming (see module doc).

    ``store`` is a folder for an on-disk pyoxigraph store (in memory when None); ``partitions``
    also writes ``out/partitions/part-NNNNN.nq``; ``incremental`` reuses the cache of an earlier
    build in ``out`` (see :mod:`policykg.graph.build.incremental`). Validation with the
    ``shacl_engine`` "oxigraph" runs per batch of named graphs cut from the store, in the
    runner's workers (:mod:`policykg.shapes.per_graph`); "pyshacl" reads the TriG dump.
    Each source loads under ``source_timeout`` seconds, and ``exclude`` (with ``out`` and
    ``store``) names folders never read as sources, as in the serial build. Similar measures
    are linked once every official graph is in the store (``similarity_threshold``, as there),
    except in an incremental build, which makes no links.
    """
    from policykg.graph.build import incremental as inc

    started = time.perf_counter()
    check_timeout(source_timeout)
    found, noted = find_sources(sources, [*exclude, *(p for p in (out, store) if p is not None)])
    paths = [str(p) for p in found]
    outdir = Path(out) if out is not None else None
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".policykg-parallel-",
                                 dir=outdir if outdir is not None else None))
    cache = inc.Cache(outdir, enabled=incremental and outdir is not None)
    counts = RunCounts()
    own_runner = None
    try:
        part_dir = (outdir / "partitions") if (partitions and outdir is not None) else None
        db = cache.open_store(store) if incremental else FreshStore(open_store(store))
        sink = QuadSink(db.store, part_dir, work)
        emit = Emitter(db, sink, cache, work)
        fixed = cache.fixed_graphs(fixed_graphs)
        for p in fixed:
            emit(p.info(), lambda p=p: p, count_source=False, keep=True)
        sink.flush()

        if runner is None:  # ours: closed in the finally below, after validation used it
            runner = own_runner = LocalRunner(jobs, work, source_timeout).__enter__()
        result = _run(paths, runner, cache, counts, progress, emit)
        sink.flush()
        # reports: against the officials now in the store
        reports = result.pop("reports")
        taken = set(result["names"]) | {p.name for p in fixed}
        db.forget(cache.report_graphs())  # the last build's reports are not part of the context
        context = report_context(db.store) if reports else None
        report_pieces = []
        for rep, res in reports:
            p = convert_report(rep, res, context, db.store, taken)
            counts.reports += 1
            if p is not None:
                report_pieces.append(p)
        for p in report_pieces:
            emit(p.info(), lambda p=p: p, count_source=False, keep=True)
        sink.flush()
        # similar measures: once the store holds exactly this build's official graphs
        linking = BuildResult(Dataset(), [], {})
        db.forget([str(LINKS_GRAPH)])
        db.drop_stale(taken)
        # an incremental build does not link: links depend on the whole corpus, and patching
        # the dumps with a changed link graph is not exact yet (docs/compare.md)
        parts = similarity_parts(db.store, linking, None if incremental else similarity_threshold)
        if incremental and similarity_threshold is not None:
            linking.similarity_note = ("an incremental build makes no links; build without "
                                       "--incremental to link similar measures")
        if parts is not None:  # the largest graph: rendered, dumped and loaded part by part
            emit.stream(str(LINKS_GRAPH), parts)
            sink.flush()
        sources_reports: list[SourceReport] = sorted(result["sources"] + noted,
                                                     key=lambda r: r.path)
        written = emit.write(outdir if outdir is not None else work)
        totals_ = source_totals(sources_reports, count_pyoxigraph(db.store))
        ds = Dataset(default_union=True)
        build_result = ParallelResult(ds, sources_reports, totals_, store=db.store, counts=counts,
                                      partitions=sink.files)
        build_result.similarity, build_result.link_seconds = linking.similarity, linking.link_seconds
        build_result.similarity_note = linking.similarity_note
        if validate:
            _validate(build_result, (outdir if outdir is not None else work) / "policykg.trig",
                      jobs, shacl_engine, runner)
        if outdir is not None:
            _write_reports(build_result, outdir)
            counts.dumps = emit.how
            cache.save(paths, result, counts, written)
            build_result.out = outdir
        build_result.seconds = time.perf_counter() - started
        return build_result
    finally:
        if own_runner is not None:
            own_runner.__exit__(None, None, None)
        shutil.rmtree(work, ignore_errors=True)


def _run(paths: list[str], runner, cache, counts: RunCounts, progress: Progress | None,
         emit: Emitter) -> dict:
    """Load every source, convert the officials (in source order, each graph handed to ``emit``
    as soon as it is ready); return the graph names, the reports to convert, per-source reports."""
    total = len(paths)
    loaded: list[Loaded] = [None] * total  # type: ignore[list-item]
    todo: list[tuple[int, str]] = []
    for i, path in enumerate(paths):
        hit = cache.loaded(i, path)
        if hit is not None:
            loaded[i] = hit
            counts.reused += 1
        else:
            todo.append((i, path))
    done = 0
    for item in runner.load(todo):
        loaded[item.index] = item
        counts.parsed += 1
        cache.keep_record(item, runner)
        done += 1
        if progress:
            progress(done, len(todo), paths[item.index])
    known = title_index(loaded)
    officials = [x for x in loaded if x.kind == "official"]
    reuse = {x.index for x in officials if cache.valid_outcome(x, known)}
    convert = [x for x in officials if x.index not in reuse]
    if convert and hasattr(runner, "ensure_records"):
        runner.ensure_records(convert, cache)
    fresh = iter(runner.convert(convert, known))
    first_of: dict[str, str] = {}
    for item in officials:
        if item.index in reuse:
            out = cache.load_outcome(item)
        else:
            out = next(fresh)
            if out.index != item.index:
                raise RuntimeError("the executor returned results out of order")
            counts.converted += 1
            cache.keep_outcome(item, out, known)
        rep = item.rep
        rep.kind = "official"
        if out.error is not None:
            rep.status, rep.stage, rep.error = "failed", "convert", out.error
            continue
        if out.graph in first_of:
            rep.status, rep.graph = "skipped", out.graph
            rep.warnings.append(_warning(f"the same document as {first_of[out.graph]} (same "
                                         "number or title); only the first is built"))
            continue
        info = out.info if out.info is not None else out.pieces.info()
        if info.has_bnodes:
            raise ValueError(f"{rep.path}: its graph has blank nodes, which a parallel build "
                             "cannot label consistently")
        first_of[out.graph] = rep.path
        rep.graph = out.graph
        rep.counts = out.counts
        rep.warnings += out.warnings
        emit(info, _pieces_getter(out, cache, info))
    reports = [(x.rep, runner.record(x)) for x in loaded if x.kind == "report"]
    return {"names": list(first_of), "reports": reports, "sources": [x.rep for x in loaded],
            "loaded": loaded}


def _pieces_getter(out: Outcome, cache, info: GraphInfo) -> Callable[[], Pieces]:
    """The rendered graph of an outcome: in hand, or read from the cache only when needed."""
    if out.pieces is not None:
        pieces = out.pieces
        return lambda: pieces

    def read() -> Pieces:
        pieces = cache.pieces(info.digest)
        if pieces is None:
            raise RuntimeError(f"the cache lost the rendered graph {info.name}; "
                               "build again without --incremental")
        return pieces

    return read


def dataset_from_store(store) -> Dataset:
    """An rdflib dataset (union default graph) holding the quads of a pyoxigraph store."""
    ds = Dataset(default_union=True)
    graphs: dict[str, Graph] = {}
    batch = []
    for q in store:
        name = q.graph_name.value
        g = graphs.get(name)
        if g is None:
            g = graphs[name] = ds.graph(URIRef(name))
        batch.append((term_from_oxigraph(q.subject), term_from_oxigraph(q.predicate), term_from_oxigraph(q.object), g))
        if len(batch) >= 50_000:
            ds.addN(batch)
            batch = []
    ds.addN(batch)
    return ds


def _validate(result: ParallelResult, trig: Path, jobs: int, engine: str, runner) -> None:
    """SHACL validation of the build: with the Oxigraph engine, per batch of named graphs cut
    from the store, in the runner's workers (:mod:`policykg.shapes.per_graph`: memory bounded by
    a batch, the same report as the whole graph); with pySHACL, from the TriG dump."""
    try:
        from policykg.shapes.per_graph import validate_store
        from policykg.shapes.validate import validate_file
    except ImportError:
        return
    try:
        if engine == "oxigraph":
            result.validation = validate_store(result.store, trig=trig if trig.is_file() else None,
                                               mapper=getattr(runner, "map_bounded", None))
        else:
            result.validation = validate_file(trig, jobs=jobs, engine=engine)
    except Exception as err:  # noqa: BLE001 - validation trouble is reported, not fatal
        result.validation_error = _sentence(err)


def _write_reports(result: BuildResult, out: Path) -> None:
    """report.json and validation.ttl (the dumps are written before validation)."""
    text = json.dumps(result.report_json(), ensure_ascii=False, indent=2) + "\n"
    dump.write_atomic(out / "report.json", text)
    if result.validation is not None and hasattr(result.validation, "write"):
        result.validation.write(out / "validation.ttl")  # atomic (temp file + rename)
    else:
        (out / "validation.ttl").unlink(missing_ok=True)
