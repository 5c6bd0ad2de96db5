"""The per-source work of a parallel build, as a worker process runs it: load one source (its
record pickled to a spool file), register its titles, convert an official document into its
rendered named graph. Every function here takes and returns small picklable values."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from policykg.graph.build.deadline import Stopped
from policykg.graph.build.render import GraphInfo, Pieces, render
from policykg.graph.build.serial import (
    SourceReport,
    _sentence,
    _warning,
    load_report,
    stopped_report,
)
from policykg.loaders.records import LoadResult, OfficialDocument, Report

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


def load_source(index: int, path: str, stopped: Stopped | None = None) -> tuple[Loaded, LoadResult]:
    """Load one source exactly as the serial build does (errors become the report's status);
    ``stopped`` gives the report of a source whose loading was ended instead."""
    rep, res = load_report(path) if stopped is None else stopped_report(path, stopped)
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
        sha = file_sha256(path) if stopped is None else ""  # a stopped source is never cached
    except OSError:
        sha = ""
    return Loaded(index, rep, kind, titles, None, sha), res


def load_to_spool(index: int, path: str, spool: str, stopped: Stopped | None = None) -> Loaded:
    """Load one source and pickle its LoadResult into ``spool``; return the small summary
    (``stopped``: the source's loading was ended, its report says why)."""
    loaded, res = load_source(index, path, stopped)
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


def warm_resolver() -> None:
    """Load the vocabularies and the resolver once in this process (before forking workers)."""
    from policykg.ontology.gazetteer import load_gazetteer

    load_gazetteer()
    _resolver({})
