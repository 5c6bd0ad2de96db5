"""``policykg build SOURCES… [--out DIR]``: build the knowledge graph and write its dumps."""

from __future__ import annotations

import argparse
import sys

from policykg.errors import EXIT_USAGE, UserError

DESCRIPTION = """Build the knowledge graph from source files or folders (.txt, .html, .htm).

Writes into --out (default build/): policykg.nt (sorted N-Triples of the union),
policykg.ttl (readable Turtle), policykg.trig (one named graph per source, plus the
ontology and vocabulary graphs), report.json (per source: status, stage, error, counts,
warnings) and validation.ttl when the SHACL shapes are available. Outputs are written to a
temporary folder first and renamed into place. Exit code 3 when some sources failed to load
(they are listed in report.json); the others are built. SHACL results go to validation.ttl
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
    """The summary table printed after a build."""
    t = result.totals
    header = ["documents", "measures", "instruments", "agencies", "triples", "warnings", "seconds"]
    values = [str(t.get(k, 0)) for k in header[:-1]] + [f"{result.seconds:.1f}"]
    widths = [max(len(h), len(v)) for h, v in zip(header, values, strict=True)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join(v.rjust(w) for v, w in zip(values, widths, strict=True))]
    for s in result.sources:
        if s.status == "failed":
            lines.append(f"failed: {s.path} ({s.stage}): {s.error}")
        elif s.status == "skipped":
            lines.append(f"skipped: {s.path}: {s.warnings[-1]['message'] if s.warnings else ''}")
    if result.validation is not None:
        conforms = getattr(result.validation, "conforms", False)
        lines.append("SHACL: conforms" if conforms
                     else "SHACL: does not conform, see validation.ttl")
    elif result.validation_error:
        lines.append(f"SHACL: not run ({result.validation_error})")
    if result.out is not None:
        lines.append(f"wrote {result.out}/policykg.nt, policykg.ttl, policykg.trig, report.json")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policykg.graph.build import SourceNotFound, build

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder to write the build into.",
                        EXIT_USAGE)
    progress = None if args.quiet else _progress_bar()
    try:
        result = build(args.sources, out=out, progress=progress,
                       validate=not args.no_validate)
    except SourceNotFound as err:
        raise UserError(f"{err}; give source files or folders of .txt/.html files.",
                        EXIT_USAGE) from err
    if not args.quiet:
        print(summary(result))
    elif result.failed:
        for s in result.failed:
            print(f"failed: {s.path} ({s.stage}): {s.error}", file=sys.stderr)
    return result.exit_code
