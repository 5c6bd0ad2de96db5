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

import hashlib
import json
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from rdflib import RDF, Dataset, Graph, URIRef

from policykg.loaders.records import LoadResult, OfficialDocument, Report
from policykg.ontology.namespace import ONTOLOGY_IRI, POL

from policykg.graph.build import dump
from policykg.graph.build.serial import (
    BuildResult,
    SourceReport,
    _load,
    _sentence,
    _warning,
    expand_sources,
    source_totals,
)
from policykg.graph.build.dumppatch import GraphChange, PatchError, patch_dumps
from policykg.graph.model.iri import VOCAB_GRAPH
from policykg.graph.build.render import Dumps, GraphInfo, Pieces, render
from policykg.graph.store.stores import term_from_oxigraph

Progress = Callable[[int, int, str], None]
PARTITION_SOURCES = 1000  # sources per N-Quads partition (fixed, so partitions are deterministic)
INLINE_BELOW = 8  # batches smaller than this run in the parent, not in the process pool
STORE_BATCH = 50_000  # quads handed to the store's bulk loader at a time (bounds the parent's memory)


# ------------------------------------------------------------------ per-source work (workers)


@dataclass(slots=True)
class Loaded:
    """A source after loading: its report, kind, the titles it registers, and a record handle."""

    index: int
    rep: SourceReport
    kind: str | None  # official | report | None (failed)
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, document IRI)
    handle: object = None  # spool path (local), future (dask) or the LoadResult itself
    sha256: str = ""


@dataclass(slots=True)
class Outcome:
    """An official source converted: graph name, counts, warnings, pieces, title keys it asked."""

    index: int
    graph: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    error: str | None = None
    pieces: Pieces | None = None
    asked: dict[str, str | None] = field(default_factory=dict)
    info: GraphInfo | None = None


def file_sha256(path: str | os.PathLike) -> str:
    """The SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_source(index: int, path: str) -> tuple[Loaded, LoadResult]:
    """Load one source exactly as the serial build does (errors become the report's status)."""
    rep = SourceReport(path=path)
    try:
        res = _load(Path(path))
    except ImportError as err:
        rep.status, rep.stage = "failed", "load"
        rep.error = f"no loader is available ({err})"
        res = LoadResult(path, None)
    except Exception as err:  # noqa: BLE001 - the loader crashed on this file
        rep.status, rep.stage, rep.error = "failed", "load", _sentence(err)
        res = LoadResult(path, None)
    rep.warnings += [_warning(w) for w in res.warnings]
    if res.record is not None:
        rep.warnings += [_warning(w) for w in getattr(res.record, "warnings", [])
                         if w not in res.warnings]
    if rep.status == "ok" and res.record is None:
        rep.status, rep.stage = "failed", res.stage or "read"
        rep.error = res.error or "the loader returned no record"
    kind = None
    titles: list[tuple[str, str]] = []
    if isinstance(res.record, OfficialDocument):
        kind = "official"
        doc = res.record
        if doc.number:
            from policykg.graph.model.iri import document_iri

            node = str(document_iri(doc.number, doc.title))
            titles = [(t, node) for t in (doc.title, doc.notice_title) if t]
    elif isinstance(res.record, Report):
        kind = "report"
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    return Loaded(index, rep, kind, titles, None, sha), res


def load_to_spool(index: int, path: str, spool: str) -> Loaded:
    """Load one source and pickle its LoadResult into ``spool``; return the small summary."""
    loaded, res = load_source(index, path)
    target = Path(spool) / f"{index:08d}.pkl"
    with open(target, "wb") as fh:
        pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
    loaded.handle = str(target)
    return loaded


class _AskingTitles:
    """One document's view of the shared title index: remembers the keys looked up (for
    incremental builds); titles the document registers stay in the view, not the shared index."""

    def __init__(self, shared: dict[str, URIRef]) -> None:
        self.shared = shared
        self.own: dict[str, URIRef] = {}
        self.asked: dict[str, str | None] = {}

    def get(self, key, default=None):
        value = self.own[key] if key in self.own else self.shared.get(key)
        self.asked[key] = None if value is None else str(value)
        return default if value is None else value

    def setdefault(self, key, value):
        if key in self.shared:
            return self.shared[key]
        return self.own.setdefault(key, value)


_RESOLVER_GAZ: list = []
_TITLES: list = []  # [(the last title index passed in, its IRIs as URIRefs)]


def _shared_titles(known: dict[str, str]) -> dict[str, URIRef]:
    """The title index with URIRef values, converted once per index (not once per document:
    that made conversion quadratic in the corpus, 80 ms per document at 10,000)."""
    if not _TITLES or _TITLES[0][0] is not known:
        _TITLES[:] = [(known, {k: URIRef(v) for k, v in known.items()})]
    return _TITLES[0][1]


def _resolver(known: dict[str, str]):
    from policykg.graph.model.resolve import Resolver

    if not _RESOLVER_GAZ:
        _RESOLVER_GAZ.append(Resolver.default().gazetteer)
    r = Resolver(_RESOLVER_GAZ[0])
    r.known_titles = _AskingTitles(_shared_titles(known))
    return r


def convert_official(index: int, res: LoadResult, known: dict[str, str]) -> Outcome:
    """Convert one official document into its named graph, rendered (no dataset needed)."""
    from policykg.graph.model.triples import document_graph

    out = Outcome(index)
    resolver = _resolver(known)
    try:
        conv = document_graph(res.record, resolver)
    except Exception as err:  # noqa: BLE001 - one source's failure must not stop the build
        out.error = _sentence(err)
        out.asked = resolver.known_titles.asked
        return out
    out.graph = str(conv.graph_name)
    out.counts = conv.counts
    out.warnings = [_warning(w) for w in conv.warnings]
    out.pieces = render(conv.graph_name, conv.graph.triples((None, None, None)))
    out.info = out.pieces.info()
    out.asked = resolver.known_titles.asked
    return out


_KNOWN_CACHE: dict[str, dict[str, str]] = {}


def convert_from_spool(index: int, spool_file: str, known_file: str) -> Outcome:
    """Worker entry: read the spooled record and the title index (cached per process), convert."""
    known = _KNOWN_CACHE.get(known_file)
    if known is None:
        _KNOWN_CACHE.clear()
        with open(known_file, encoding="utf-8") as fh:
            known = _KNOWN_CACHE[known_file] = json.load(fh)
    with open(spool_file, "rb") as fh:
        res = pickle.load(fh)
    return convert_official(index, res, known)


def _key(title: str) -> str:
    from policykg.graph.model.resolve import _title_key

    return _title_key(title)


def title_index(loaded: Iterable[Loaded]) -> dict[str, str]:
    """Title key → document IRI, first registration winning (the serial build's order)."""
    known: dict[str, str] = {}
    for item in loaded:
        for title, node in item.titles:
            known.setdefault(_key(title), node)
    return known


# ------------------------------------------------------------------ runners


class LocalRunner:
    """Runs the per-source work inline (``jobs`` 1) or in a process pool (fork)."""

    def __init__(self, jobs: int, workdir: Path) -> None:
        self.jobs = max(1, jobs)
        self.spool = workdir / "spool"
        self.spool.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _map(self, fn, *iterables) -> Iterator:
        """``map`` inline for ``jobs`` 1 or a batch too small to be worth a pool (an incremental
        build with a few changed sources), else in the process pool (started on first use)."""
        if self.jobs <= 1 or len(iterables[0]) < INLINE_BELOW:
            return map(fn, *iterables)
        if self.pool is None:
            _warm()
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"))
        return self.pool.map(fn, *iterables, chunksize=4)

    def load(self, items: list[tuple[int, str]]) -> Iterator[Loaded]:
        idx = [i for i, _ in items]
        paths = [p for _, p in items]
        return self._map(load_to_spool, idx, paths, [str(self.spool)] * len(items))

    def convert(self, items: list[Loaded], known: dict[str, str]) -> Iterator[Outcome]:
        known_file = self.workdir / f"known-{len(known)}-{time.monotonic_ns()}.json"
        known_file.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
        return self._map(convert_from_spool, [x.index for x in items],
                         [x.handle for x in items], [str(known_file)] * len(items))

    def record(self, item: Loaded) -> LoadResult:
        """The loader record of a loaded source (from its spool or cache file)."""
        with open(item.handle, "rb") as fh:
            return pickle.load(fh)


def _warm() -> None:
    """Load the vocabularies before forking, so workers inherit them instead of re-reading."""
    from policykg.ontology.gazetteer import load_gazetteer

    load_gazetteer()
    _resolver({})


# ------------------------------------------------------------------ sinks


class QuadSink:
    """Streams N-Quads into a pyoxigraph store a partition at a time; optionally writes the
    partition files ``partitions/part-NNNNN.nq`` (each sorted)."""

    def __init__(self, store, partitions: Path | None = None) -> None:
        self.store = store
        self.partitions = partitions
        self.lines: list[str] = []  # every quad of the partition (for the file)
        self.load: list[str] = []  # the quads the store still needs
        self.sources = 0
        self.number = 0
        self.files: list[Path] = []
        if partitions is not None:
            partitions.mkdir(parents=True, exist_ok=True)
            for old in partitions.glob("part-*.nq"):
                old.unlink()

    def add(self, pieces: Pieces, load: bool = True, count_source: bool = True) -> None:
        quads = pieces.nquads()
        if self.partitions is not None:
            self.lines.extend(quads)
        if load and self.store is not None:
            self.load.extend(quads)
            if len(self.load) >= STORE_BATCH:
                self._load_store()
        if count_source:
            self.sources += 1
            if self.sources >= PARTITION_SOURCES:
                self.flush()

    def _load_store(self) -> None:
        """Bulk-load the quads waiting for the store."""
        if self.store is not None and self.load:
            from pyoxigraph import RdfFormat

            data = "".join(self.load).encode("utf-8")
            self.load = []
            self.store.bulk_load(input=data, format=RdfFormat.N_QUADS)
        self.load = []

    def flush(self) -> None:
        """Close the current partition: sort it, write it, bulk-load what the store still needs."""
        self._load_store()
        self.sources = 0  # (reset even without partition files: else every later source flushed)
        if not self.lines:
            return
        self.lines.sort()
        data = "".join(self.lines).encode("utf-8")
        if self.partitions is not None:
            target = self.partitions / f"part-{self.number:05d}.nq"
            tmp = target.with_suffix(".nq.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            self.files.append(target)
        self.number += 1
        self.lines = []


def open_store(path: str | os.PathLike | None, fresh: bool = True):
    """A pyoxigraph store on disk at ``path`` (cleared when ``fresh``), or in memory."""
    from pyoxigraph import Store

    if path is None:
        return Store()
    Path(path).mkdir(parents=True, exist_ok=True)
    store = Store(str(path))
    if fresh:
        store.clear()
    return store


class FreshStore:
    """The store of a full build: every graph is loaded, nothing is stale."""

    def __init__(self, store) -> None:
        self.store = store
        self.digests: dict[str, str] = {}

    def prepare(self, info: GraphInfo) -> bool:
        return True

    def forget(self, names: list[str]) -> None:
        return None

    def drop_stale(self, keep: set[str]) -> None:
        return None


# ------------------------------------------------------------------ fixed graphs


def fixed_graphs() -> list[Pieces]:
    """The ontology and vocabulary graphs rendered, with the serial writers' blank-node labels."""
    from policykg.graph.model.dataset import ontology_graph, vocabulary_graph

    graphs = [(ONTOLOGY_IRI, set(ontology_graph())), (VOCAB_GRAPH, set(vocabulary_graph()))]
    graphs = [(n, ts) for n, ts in graphs if ts]
    union_labels = dump.bnode_labels(set().union(*(ts for _, ts in graphs)) if graphs else set())
    trig_labels = dump.bnode_labels(t for _, ts in graphs for t in ts)
    return [render(n, ts, union_labels, trig_labels) for n, ts in graphs]


# ------------------------------------------------------------------ reports against the store


REPORT_PREDICATES = (POL.source, POL.attestedBy, POL.title, POL.noticeTitle, POL.jurisdiction,
                     POL.dateIssued, POL.documentNumber, POL.hasMeasure, POL.theme,
                     POL.targetsSector)


def _select(store, query: str) -> Iterator[tuple]:
    for row in store.query(query, use_default_graph_as_union=True):
        yield tuple(term_from_oxigraph(v) for v in row)


def report_context(store) -> Graph:
    """What report linking reads of the official graphs: documents, titles, places, dates,
    numbers, measures and their subjects (a projection of the union)."""
    g = Graph()
    values = " ".join(f"<{p}>" for p in REPORT_PREDICATES)
    q = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"
    g.addN((s, p, o, g) for s, p, o in _select(store, q))
    q = f"SELECT ?s WHERE {{ ?s a <{POL.PolicyDocument}> }}"
    g.addN((s, RDF.type, POL.PolicyDocument, g) for (s,) in _select(store, q))
    return g


def add_document_detail(g: Graph, store, doc: URIRef) -> None:
    """Add everything the fact-checker reads of one document: it, its measures, instruments and
    their evidence nodes (all their triples, from the union)."""
    d = f"<{doc}>"
    m, i, e = f"<{POL.hasMeasure}>", f"<{POL.providesInstrument}>", f"<{POL.evidence}>"
    q = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ BIND({d} AS ?s) }} UNION {{ {d} {m} ?s }} UNION "
         f"{{ {d} {m}/{i} ?s }} UNION {{ {d} {e} ?s }} UNION {{ {d} {m}/{e} ?s }} UNION "
         f"{{ {d} {m}/{i}/{e} ?s }} ?s ?p ?o }}")
    g.addN((s, p, o, g) for s, p, o in _select(store, q))


def convert_report(rep: SourceReport, res: LoadResult, context: Graph, store,
                   taken: set[str]) -> Pieces | None:
    """Convert one report as the serial build does, against ``context`` (updated in place)."""
    from policykg.graph.claims.report import link_report, report_to_graph
    from policykg.graph.claims.factcheck import documents_in

    rep.kind = "report"
    try:
        from policykg.ontology.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        known = set(documents_in(context))
        for link in link_report(res.record, context, gaz):
            if link.doc in known:
                add_document_detail(context, store, link.doc)
        name, g = report_to_graph(res.record, context)
    except Exception as err:  # noqa: BLE001
        rep.status, rep.stage, rep.error = "failed", "convert", _sentence(err)
        return None
    if str(name) in taken:
        rep.status, rep.stage = "failed", "assemble"
        rep.error = f"its graph {name} is already taken by another source"
        return None
    taken.add(str(name))
    context.addN((s, p, o, context) for s, p, o in g)
    rep.graph = str(name)
    rep.counts = {"triples": len(g), "claims": len(set(g.subjects(RDF.type, POL.Claim)))}
    return render(name, g.triples((None, None, None)))


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

    def agencies(self) -> int:
        return len(set().union(*(i.agencies for i in self.infos.values())))

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
                   incremental: bool = False, shacl_engine: str = "oxigraph") -> BuildResult:
    """Build like :func:`policykg.graph.build.serial.build`, in parallel and streaming (see module doc).

    ``store`` is a folder for an on-disk pyoxigraph store (in memory when None); ``partitions``
    also writes ``out/partitions/part-NNNNN.nq``; ``incremental`` reuses the cache of an earlier
    build in ``out`` (see :mod:`policykg.graph.build.incremental`). Validation reads the TriG dump
    once it is written, with ``shacl_engine`` (see :func:`policykg.shapes.validate.validate_file`).
    """
    from policykg.graph.build import incremental as inc

    started = time.perf_counter()
    paths = [str(p) for p in expand_sources(sources)]
    outdir = Path(out) if out is not None else None
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".policykg-parallel-",
                                 dir=outdir if outdir is not None else None))
    cache = inc.Cache(outdir, enabled=incremental and outdir is not None)
    counts = RunCounts()
    try:
        part_dir = (outdir / "partitions") if (partitions and outdir is not None) else None
        db = cache.open_store(store) if incremental else FreshStore(open_store(store))
        sink = QuadSink(db.store, part_dir)
        emit = Emitter(db, sink, cache, work)
        fixed = cache.fixed_graphs(fixed_graphs)
        for p in fixed:
            emit(p.info(), lambda p=p: p, count_source=False, keep=True)
        sink.flush()

        own_runner = runner is None
        runner = runner or LocalRunner(jobs, work)
        if own_runner:
            runner.__enter__()
        try:
            result = _run(paths, runner, cache, counts, progress, emit)
        finally:
            if own_runner:
                runner.__exit__(None, None, None)
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
        db.drop_stale(taken)
        sources_reports: list[SourceReport] = result["sources"]
        totals_ = source_totals(sources_reports, agencies=emit.agencies(), triples=0)
        ds = Dataset(default_union=True)
        build_result = ParallelResult(ds, sources_reports, totals_, store=db.store, counts=counts,
                                      partitions=sink.files)
        build_result.totals["triples"] = emit.write(outdir if outdir is not None else work)
        if validate:
            _validate(build_result, (outdir if outdir is not None else work) / "policykg.trig",
                      jobs, shacl_engine)
        if outdir is not None:
            _write_reports(build_result, outdir)
            counts.dumps = emit.how
            cache.save(paths, result, counts, build_result.totals["triples"])
            build_result.out = outdir
        build_result.seconds = time.perf_counter() - started
        return build_result
    finally:
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


def _validate(result: BuildResult, trig: Path, jobs: int, engine: str) -> None:
    try:
        from policykg.shapes.validate import validate_file
    except ImportError:
        return
    try:
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
