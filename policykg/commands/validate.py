"""``policykg validate [GRAPH] [--format text|ttl|json]``: check a graph against the SHACL shapes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policykg.errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UserError

DEFAULT_GRAPH = Path("build") / "policykg.trig"

DESCRIPTION = """Validate a graph against policykg's SHACL shapes (shapes/policy.shapes.ttl).

GRAPH is a .trig or .nq file (one named graph per source, as `policykg build` writes), a
.nt/.ttl file, or a build folder (its policykg.trig is used); default: build/policykg.trig. Shapes local to one document are checked per
named graph, the cross-document ones (repeals) once over the union.

The text report groups findings by shape; each finding names the node (label and IRI), the
rule, the source file and the quoted evidence span with its character offsets.
A Violation means the data is wrong; a Warning means it is incomplete.
Exit 0 when there is no Violation (Warnings allowed), 1 when there is one, 2 on a usage error."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", nargs="?", default=str(DEFAULT_GRAPH), metavar="GRAPH",
                        help=f"graph file (.trig, .nq, .nt, .ttl) or build folder (default: {DEFAULT_GRAPH})")
    parser.add_argument("--format", choices=("text", "ttl", "json"), default="text",
                        help="report format on stdout (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="also write the sh:ValidationReport as Turtle to FILE")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="run N checks at once (threads with oxigraph, processes with pyshacl; "
                             "default: 1)")
    parser.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                        help="SHACL engine: the shapes compiled to SPARQL on Oxigraph (default, fast) "
                             "or pySHACL (the reference); both give the same results")
    parser.add_argument("--allow-network", action="store_true",
                        help="let a JSON-LD GRAPH fetch its remote @context (off by default: "
                             "nothing is fetched)")


def run(args: argparse.Namespace) -> int:
    """Validate ``args.graph``; print the report; 0 conforms, 1 a Violation, 2 usage error."""
    from policykg.shapes.validate import GraphReadError, validate_file

    if args.jobs < 1:
        raise UserError("--jobs must be 1 or more.", EXIT_USAGE)
    if args.output and Path(args.output).is_dir():
        raise UserError(f"--output {args.output} is a folder; name a file for the Turtle report.",
                        EXIT_USAGE)
    graph = Path(args.graph)
    if graph.is_dir():
        graph = graph / "policykg.trig"
    try:
        result = validate_file(graph, jobs=args.jobs, engine=args.engine,
                               allow_network=args.allow_network)
    except GraphReadError as err:
        raise UserError(str(err), EXIT_USAGE) from err
    if args.output:
        result.write(args.output)
    if args.format == "json":
        text = result.to_json()
    elif args.format == "ttl":
        text = result.to_ttl()
    else:
        text = result.to_text()
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_OK if result.conforms else EXIT_FAILURE
