"""``policykg build SOURCES… [--out DIR]``: build the knowledge graph and write its dumps."""

from __future__ import annotations

import argparse
import sys

from policykg.errors import EXIT_USAGE, UserError
from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT
from policykg.graph.compare.similarity import DEFAULT_THRESHOLD as DEFAULT_SIMILARITY

DESCRIPTION = """Build the knowledge graph from source files or folders (.txt, .html, .md, .pdf, .docx,
.doc/.wps with a converter, .ofd).

Writes into --out (default build/): policykg.nt (sorted N-Triples of the union),
policykg.ttl (readable Turtle), policykg.trig (one named graph per source, plus the
ontology and vocabulary graphs), report.json (per source: status, stage, error, counts,
warnings) and validation.ttl when the SHACL shapes are available. Outputs are written to a
temporary folder first and renamed into place. Exit code 3 when some sources failed to load
(they are listed in report.json); the others are built. With --strict a source with
warnings fails too (stage "strict") and its graph is left out. Each source loads in a worker
process under --source-timeout; one over it is stopped, reported (stage "timeout") and left
out. Paths passed over inside the folders (links to a file already read, unreadable folders,
dangling links, FIFOs, hidden entries, the build's own outputs and policykg exports) are
listed in report.json with the reason. SHACL results go to validation.ttl
and the summary; they do not change the exit code (use `policykg validate` for that)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a source file or a folder of them")
    parser.add_argument("--out", default="build", metavar="DIR",
                        help="output folder (default: build)")
    parser.add_argument("--quiet", action="store_true",
                        help="print nothing but errors")
    parser.add_argument("--no-validate", action="store_true",
                        help="skip SHACL validation")
    parser.add_argument("--shacl-engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                        help="SHACL validator: the shapes compiled to SPARQL on Oxigraph (default) "
                             "or pySHACL (the reference; slower, same results)")
    parser.add_argument("--strict", action="store_true",
                        help="a source with warnings fails (exit code 3) and is left out")
    parser.add_argument("--source-timeout", type=seconds, default=DEFAULT_SOURCE_TIMEOUT,
                        metavar="S",
                        help="stop loading a source after S seconds; it is reported (stage "
                             f"timeout) and the build goes on (default {DEFAULT_SOURCE_TIMEOUT:g})")
    parser.add_argument("--similarity-threshold", type=share, default=DEFAULT_SIMILARITY,
                        metavar="X",
                        help="link measures of different documents whose similarity score is at "
                             f"least X, 0-1 (default {DEFAULT_SIMILARITY:g}; see docs/compare.md)")
    parser.add_argument("--no-similarity", action="store_true",
                        help="do not link similar measures across documents")
    scale = parser.add_argument_group("scale (parallel, incremental, distributed)")
    scale.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="load and convert sources in N processes, streaming the quads "
                            "(default: one process, one in-memory graph)")
    scale.add_argument("--store", default=None, metavar="DIR",
                       help="also put the graph into an on-disk pyoxigraph store in DIR")
    scale.add_argument("--incremental", action="store_true",
                       help="reuse the last build in --out: only changed sources are parsed "
                            "(manifest.json records source hashes)")
    scale.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="where the per-source work runs (dask: a dask.distributed cluster)")
    scale.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://host:8786 (with --executor dask)")


def share(text: str) -> float:
    """An argparse type: a number between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number between 0 and 1")
    return value


def seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def _progress_bar(total_threshold: int = 20):
    """A progress callback for many sources: a bar on a terminal, a line per tenth otherwise."""
    tty = sys.stderr.isatty()

    def show(i: int, total: int, path: str) -> None:
        if total <= total_threshold:
            return
        if tty:
            width = 30
            done = int(width * i / total)
            sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{total} sources read")
            if i == total:
                sys.stderr.write("\n")
        elif i == total or (i * 10) // total != ((i - 1) * 10) // total:
            sys.stderr.write(f"{i}/{total} sources read\n")
        sys.stderr.flush()

    return show


def summary(result) -> str:
    """The summary printed after a build: the totals as `stats` and `push` print them
    (:func:`policykg.queries.counts.render`), plus warnings and seconds, then what failed."""
    from policykg.queries.counts import Counts, render

    t = result.totals
    counts = Counts(**{k: t.get(k, 0) for k in Counts.__dataclass_fields__})
    lines = render(counts, {"warnings": str(t.get("warnings", 0)),
                            "seconds": f"{result.seconds:.1f}"})
    for s in result.sources:
        if s.status == "failed":
            lines.append(f"failed: {s.path} ({s.stage}): {s.error}")
        elif s.status == "skipped":
            why = s.error or (s.warnings[-1]["message"] if s.warnings else "")
            lines.append(f"skipped: {s.path}: {why}")
    if result.validation is not None:
        conforms = getattr(result.validation, "conforms", False)
        lines.append("SHACL: conforms" if conforms
                     else "SHACL: does not conform, see validation.ttl")
    elif result.validation_error:
        lines.append(f"SHACL: not run ({result.validation_error})")
    if getattr(result, "similarity_note", None):
        lines.append(f"similar measures: not linked ({result.similarity_note})")
    elif result.similarity:
        sim = result.similarity
        lines.append(f"similar measures: {sim['links']} links among {sim['measures']} measures "
                     f"(score >= {sim['threshold']:g}, {sim['method']}, "
                     f"{result.link_seconds:.1f} s)")
    if result.out is not None:
        lines.append(f"wrote {result.out}/policykg.nt, policykg.ttl, policykg.trig, report.json")
    return "\n".join(lines)


def _threshold(args: argparse.Namespace) -> float | None:
    return None if args.no_similarity else args.similarity_threshold


def _scaled(args: argparse.Namespace) -> bool:
    """True when an option of the parallel/incremental/distributed build is given."""
    jobs = getattr(args, "jobs", None)
    return bool((jobs is not None and jobs > 1) or getattr(args, "store", None)
                or getattr(args, "incremental", False)
                or getattr(args, "executor", "local") == "dask")


def _build_scaled(args: argparse.Namespace, out, progress):
    """Dispatch to the parallel (local pool) or distributed (Dask) build."""
    import os

    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise UserError(f"--jobs {jobs} is not a number of processes; give 1 or more.", EXIT_USAGE)
    kwargs = {"store": args.store, "validate": not args.no_validate, "progress": progress,
              "incremental": args.incremental, "jobs": jobs, "shacl_engine": args.shacl_engine,
              "source_timeout": args.source_timeout, "similarity_threshold": _threshold(args)}
    if args.executor == "dask":
        if not args.scheduler:
            raise UserError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786).",
                            EXIT_USAGE)
        from policykg.graph.build.distributed import build_dask

        try:
            return build_dask(args.sources, out=out, scheduler=args.scheduler, **kwargs)
        except OSError as err:
            raise UserError(f"--scheduler {args.scheduler}: cannot reach the Dask scheduler "
                            f"({err}); start one with `dask scheduler`.", EXIT_USAGE) from err
    from policykg.graph.build.parallel import build_parallel

    if args.store is not None or args.incremental:
        return build_parallel(args.sources, out=out, **kwargs)
    # no --store: the graph still goes into an on-disk store (a scratch one in --out, removed
    # after the build), as an in-memory store would hold the whole corpus in this process
    import shutil
    import tempfile

    out.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix=".policykg-store-", dir=out)
    try:
        return build_parallel(args.sources, out=out, **{**kwargs, "store": scratch})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policykg.graph.build.serial import SourceNotFound, build

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder to write the build into.",
                        EXIT_USAGE)
    progress = None if args.quiet else _progress_bar()
    if args.jobs is not None and args.jobs < 1:
        raise UserError(f"--jobs {args.jobs} is not a number of processes; give 1 or more.",
                        EXIT_USAGE)
    if args.strict and _scaled(args):
        raise UserError("--strict works with the one-process build only; drop --jobs, --store, "
                        "--incremental and --executor dask, or drop --strict.", EXIT_USAGE)
    try:
        if _scaled(args):
            result = _build_scaled(args, out, progress)
        else:
            result = build(args.sources, out=out, progress=progress,
                           validate=not args.no_validate, strict=args.strict,
                           shacl_engine=args.shacl_engine, source_timeout=args.source_timeout,
                           similarity_threshold=_threshold(args))
    except SourceNotFound as err:
        raise UserError(f"{err}; give source files or folders of .txt/.html files.",
                        EXIT_USAGE) from err
    if not args.quiet:
        print(summary(result))
    elif result.failed:
        for s in result.failed:
            print(f"failed: {s.path} ({s.stage}): {s.error}", file=sys.stderr)
    return result.exit_code
