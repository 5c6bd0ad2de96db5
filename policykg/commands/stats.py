"""``policykg stats [GRAPH]``: counts of a built graph by class, document and jurisdiction."""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.errors import EXIT_USAGE, UserError

DESCRIPTION = """Count a built graph's resources by class, by document and by jurisdiction.

GRAPH is a .trig, .nq, .nt or .ttl file (default: build/policykg.trig). Vocabulary entries
and ontology terms are not counted as instances."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", nargs="?", default="build/policykg.trig", metavar="GRAPH",
                        help="graph file (default: build/policykg.trig)")


def run(args: argparse.Namespace) -> int:
    from policykg.graph.export.stats import FORMATS, compute, load_graph, render

    path = Path(args.graph)
    if not path.is_file():
        raise UserError(f"{path} does not exist; run `policykg build` first or name a graph file.",
                        EXIT_USAGE)
    if path.suffix.lower() not in FORMATS:
        raise UserError(f"{path} is not a .trig, .nq, .nt or .ttl file.", EXIT_USAGE)
    try:
        ds = load_graph(path)
    except Exception as err:  # noqa: BLE001 - a parse error is the user's file, one sentence
        message = " ".join(str(err).split())[:300]
        raise UserError(f"{path} could not be parsed ({message}).", EXIT_USAGE) from err
    print(render(compute(ds)), end="")
    return 0
