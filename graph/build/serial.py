"""The build pipeline: sources → loader records → one named graph per source → dumps + report.

Each source is loaded and converted in isolation: an exception in one is recorded in
``report.json`` (stage and reason) and the others continue. Official documents are converted
first; reports (news, briefings) after, because linking and fact-checking them needs the
official graph. Outputs are written to a temporary folder and renamed into place.
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

from rdflib import RDF, Dataset, Graph, URIRef

from policykg.graph.build import dump
from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT, Stopped, check_timeout, run_all
from policykg.graph.build.sources import SourceNotFound as SourceNotFound  # callers import it here
from policykg.graph.build.sources import find_paths
from policykg.graph.compare.similarity import DEFAULT_THRESHOLD as DEFAULT_SIMILARITY
from policykg.graph.model.dataset import add_graph, assemble
from policykg.graph.model.iri import document_iri
from policykg.graph.model.resolve import Resolver
from policykg.graph.model.triples import document_graph
from policykg.loaders.records import LoadResult, OfficialDocument, Report
from policykg.ontology.namespace import POL
from policykg.queries.counts import Counts, count_dataset

SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown", ".pdf", ".docx", ".doc", ".wps",
                   ".ofd")
OUTPUT_FILES = ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json", "validation.ttl")

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class SourceReport:
    """What happened to one source: ``status`` is ok, failed, or skipped (not converted: a
    duplicate of an earlier source, or a report when report conversion is unavailable)."""

    path: str
    status: str = "ok"
    kind: str | None = None  # official | report
    stage: str | None = None  # read | decode | parse | assemble | load | convert
    error: str | None = None
    graph: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "path": self.path, "status": self.status, "kind": self.kind, "stage": self.stage,
            "error": self.error, "graph": self.graph, "counts": dict(sorted(self.counts.items())),
            "warnings": self.warnings,
        }


@dataclass(slots=True)
class BuildResult:
    """The assembled dataset, the per-source reports, totals and (if run) the validation result."""

    dataset: Dataset
    sources: list[SourceReport]
    totals: dict[str, int]
    out: Path | None = None
    validation: object | None = None
    validation_error: str | None = None
    seconds: float = 0.0
    similarity: dict | None = None  # what linking similar measures did (graph/compare)
    link_seconds: float = 0.0
    similarity_note: str | None = None  # why no links were made, for the summary

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every source loaded, 3 when some failed (the others were built)."""
        return 3 if self.failed else 0

    def report_json(self) -> dict:
        validation = None
        if self.validation is not None:
            validation = {"conforms": bool(getattr(self.validation, "conforms", False)),
                          "file": "validation.ttl"}
        elif self.validation_error:
            validation = {"error": self.validation_error}
        return {
            "sources": [s.as_json() for s in self.sources],
            "totals": dict(sorted(self.totals.items())),
            "validation": validation,
            "similarity": self.similarity,
            "exit_code": self.exit_code,
        }


# ------------------------------------------------------------------ sources

def find_sources(sources: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = (),
                 ) -> tuple[list[Path], list[SourceReport]]:
    """The source files to build, sorted, and a report (stage ``find``) for every path passed
    over inside the named folders, with its reason (see :func:`sources.find_paths`)."""
    paths, passed = find_paths(sources, SOURCE_SUFFIXES, exclude)
    return paths, [SourceReport(path=str(p.path), status=p.status, stage="find", error=p.reason)
                   for p in passed]


def expand_sources(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named directly, plus every source file under named folders; sorted, unique
    (see :func:`find_sources` for what is passed over, and why)."""
    return find_sources(sources)[0]


def _load(path: Path) -> LoadResult:
    from policykg.loaders.route import load

    return load(str(path))


def load_report(path: str) -> tuple[SourceReport, LoadResult]:
    """Load one source; a loader crash or a missing record becomes the report's status
    (the per-source work of every build, run in a worker process under the deadline)."""
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
    return rep, res


def stopped_report(path: str, stopped: Stopped) -> tuple[SourceReport, LoadResult]:
    """The report of a source whose loading was ended (deadline) or whose worker died."""
    rep = SourceReport(path=path, status="failed", stage=stopped.stage,
                       error=f"{Path(path).name} {stopped.reason}"
                             + ("; raise --source-timeout to give it longer"
                                if stopped.stage == "timeout" else ""))
    return rep, LoadResult(path, None)


def _warning(w) -> dict:
    if isinstance(w, str):
        return {"code": "graph", "message": w, "line": None}
    return {"code": getattr(w, "code", "loader"), "message": getattr(w, "message", str(w)),
            "line": getattr(w, "line", None)}


def _claims_converter():
    try:
        from policykg.graph.claims.report import report_to_graph
    except ImportError:
        return None
    return report_to_graph


def _validator():
    try:
        from policykg.shapes.validate import validate_dataset
    except ImportError:
        return None
    return validate_dataset


# ------------------------------------------------------------------ pipeline


def convert(loaded: list[tuple[SourceReport, LoadResult]], resolver: Resolver | None = None,
            reports: bool = True) -> Dataset:
    """Convert loaded records into an assembled dataset, recording failures in the reports."""
    resolver = resolver or Resolver.default()
    officials = [(rep, res) for rep, res in loaded if isinstance(res.record, OfficialDocument)]
    for _, res in officials:  # titles first, so a citation by title alone finds the document
        doc = res.record
        if doc.number:
            node = document_iri(doc.number, doc.title)
            resolver.know_document(doc.title, node)
            resolver.know_document(doc.notice_title, node)
    graphs: dict[URIRef, tuple[SourceReport, Graph]] = {}
    for rep, res in officials:
        rep.kind = "official"
        try:
            conv = document_graph(res.record, resolver)
        except Exception as err:  # noqa: BLE001 - one source's failure must not stop the build
            rep.status, rep.stage, rep.error = "failed", "convert", _sentence(err)
            continue
        if conv.graph_name in graphs:
            first = graphs[conv.graph_name][0].path
            rep.status, rep.graph = "skipped", str(conv.graph_name)
            rep.warnings.append(_warning(
                f"the same document as {first} (same number or title); only the first is built"))
            continue
        graphs[conv.graph_name] = (rep, conv.graph)
        rep.graph = str(conv.graph_name)
        rep.counts = conv.counts
        rep.warnings += [_warning(w) for w in conv.warnings]
    ds = assemble((name, g) for name, (_, g) in sorted(graphs.items()))
    to_graph = _claims_converter() if reports else None
    for rep, res in loaded:
        if not isinstance(res.record, Report):
            continue
        rep.kind = "report"
        if to_graph is None:
            rep.status = "skipped"
            rep.warnings.append(_warning("reports are not converted in this version "
                                         "(policykg.graph.claims.report is missing)"))
            continue
        try:
            name, g = to_graph(res.record, ds)
        except Exception as err:  # noqa: BLE001
            rep.status, rep.stage, rep.error = "failed", "convert", _sentence(err)
            continue
        if name in graphs or any(True for _ in ds.graph(name).triples((None, None, None))):
            rep.status, rep.stage = "failed", "assemble"
            rep.error = f"its graph {name} is already taken by another source"
            continue
        add_graph(ds, name, g)
        rep.graph = str(name)
        rep.counts = {"triples": len(g),
                      "claims": len(set(g.subjects(RDF.type, POL.Claim)))}
    return ds


def _sentence(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return f"{type(err).__name__}: {text}"


def totals(ds: Dataset, sources: list[SourceReport]) -> dict[str, int]:
    """Counts over the whole build: the store's totals (:mod:`policykg.queries.counts`, the
    same definitions ``stats`` and ``push`` print) plus what only the sources know."""
    return source_totals(sources, count_dataset(ds))


def source_totals(sources: list[SourceReport], counts: Counts) -> dict[str, int]:
    """The summary counts of a build (shared by every executor): sources, failures, skips and
    warnings from the per-source reports; everything else from the store's ``counts``.
    ``instruments`` is kept as a name for ``offers`` in report.json."""
    return {
        **counts.as_dict(),
        "sources": len(sources),
        "failed": sum(1 for s in sources if s.status == "failed"),
        "skipped": sum(1 for s in sources if s.status == "skipped"),
        "instruments": counts.offers,
        "warnings": sum(len(s.warnings) for s in sources),
    }


def apply_strict(ds: Dataset, sources: list[SourceReport]) -> None:
    """Turn every source with warnings into a failure (stage ``strict``), its graph removed.

    A skipped duplicate fails too, but the graph it shares with the first copy stays.
    """
    for rep in sources:
        if rep.status == "failed" or not rep.warnings:
            continue
        if rep.status == "ok" and rep.graph:
            ds.remove_graph(URIRef(rep.graph))
            rep.graph = None
        count = len(rep.warnings)
        rep.status, rep.stage = "failed", "strict"
        rep.error = (f"{Path(rep.path).name} has {count} warning{'s' if count > 1 else ''} and "
                     f"--strict turns warnings into failures (first: "
                     f"{rep.warnings[0]['message'].rstrip('.')}).")


def link_similar(g: Graph, result: BuildResult, threshold: float | None) -> list[tuple] | None:
    """The triples of the similarity links among the measures of ``g`` (None when ``threshold``
    is None: linking is off), their statistics and time recorded on ``result``."""
    if threshold is None:
        return None
    from policykg.graph.compare.links import link_measures

    linked = link_measures(g, threshold=threshold)
    result.similarity = {**{k: v for k, v in linked.as_json().items() if k != "seconds"},
                         "threshold": threshold}
    result.link_seconds = linked.seconds
    return linked.triples


def build(sources: Iterable[str | os.PathLike], out: str | os.PathLike | None = "build",
          progress: Progress | None = None, validate: bool = True,
          strict: bool = False, shacl_engine: str = "oxigraph",
          source_timeout: float | None = DEFAULT_SOURCE_TIMEOUT,
          exclude: Iterable[str | os.PathLike] = (),
          similarity_threshold: float | None = DEFAULT_SIMILARITY) -> BuildResult:
    """Run the whole pipeline; write outputs into ``out`` unless it is None.

    Each source loads in a worker process under ``source_timeout`` seconds (None: inline, no
    deadline); one over it is reported (stage ``timeout``) and left out. ``exclude`` names
    folders never read as sources (``out`` always is one). With ``strict``, a source with
    warnings fails (see :func:`apply_strict`); ``shacl_engine`` chooses the validator (see
    :func:`policykg.shapes.validate.validate_dataset`). Measures of different documents that
    score at least ``similarity_threshold`` are linked in their own graph (see
    :mod:`policykg.graph.compare.links`; None: no linking).
    """
    started = time.perf_counter()
    check_timeout(source_timeout)
    paths, noted = find_sources(sources, [*exclude, *([out] if out is not None else [])])
    if source_timeout is not None and paths:
        from policykg.ontology.gazetteer import load_gazetteer

        load_gazetteer()  # once, in the parent: every worker forked from it shares it
    loaded: list[tuple[SourceReport, LoadResult]] = []
    outcomes = run_all(load_report, [(str(p),) for p in paths], timeout=source_timeout)
    for i, (path, outcome) in enumerate(zip(paths, outcomes, strict=True), start=1):
        if progress:
            progress(i, len(paths), str(path))
        if isinstance(outcome, Stopped):
            outcome = stopped_report(str(path), outcome)
        loaded.append(outcome)
    ds = convert(loaded)
    reports = [rep for rep, _ in loaded]
    if strict:
        apply_strict(ds, reports)
    reports = sorted(reports + noted, key=lambda r: r.path)
    result = BuildResult(ds, reports, {})
    links = link_similar(ds, result, similarity_threshold)
    if links is not None:
        from policykg.graph.compare.links import LINKS_GRAPH

        add_graph(ds, LINKS_GRAPH, links)
    result.totals = totals(ds, reports)
    validator = _validator() if validate else None
    if validator is not None:
        try:
            result.validation = validator(ds, engine=shacl_engine)
        except Exception as err:  # noqa: BLE001 - validation trouble is reported, not fatal
            result.validation_error = _sentence(err)
    if out is not None:
        result.out = write_outputs(result, Path(out))
    result.seconds = time.perf_counter() - started
    return result


def remove_stale_temp(out: Path) -> list[Path]:
    """Delete ``.policykg-build-<pid>-*`` folders left in ``out`` by a killed build.

    A folder whose process is still alive (a concurrent build) is kept.
    """
    removed = []
    for tmp in out.glob(".policykg-build-*"):
        pid = tmp.name.removeprefix(".policykg-build-").split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except OSError:  # alive but not ours, or unknown: leave it
            continue
        shutil.rmtree(tmp, ignore_errors=True)
        removed.append(tmp)
    return removed


def write_outputs(result: BuildResult, out: Path) -> Path:
    """Write dumps, report.json and validation.ttl to a temp folder, then rename each into ``out``.

    Temp folders left by an earlier build that was killed are removed first.
    """
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temp(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".policykg-build-{os.getpid()}-", dir=out))
    try:
        dump.write_all(result.dataset, tmp)
        text = json.dumps(result.report_json(), ensure_ascii=False, indent=2) + "\n"
        dump.write_atomic(tmp / "report.json", text)
        if result.validation is not None and hasattr(result.validation, "write"):
            result.validation.write(tmp / "validation.ttl")
        for name in OUTPUT_FILES:
            if (tmp / name).exists():
                os.replace(tmp / name, out / name)
            elif name == "validation.ttl":
                (out / name).unlink(missing_ok=True)  # stale from an earlier build
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
