"""``policykg plot OUT``: the figures of a built graph as PNG or SVG files."""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.errors import EXIT_FAILURE, EXIT_USAGE, UserError
from policykg.queries.safety import QueryRefused
from policykg.store.base import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryError,
    QueryTimeout,
)
from policykg.store.endpoint import MAX_RESPONSE_BYTES

from .query import DEFAULT_GRAPH, check_bounds, open_source

DESCRIPTION = f"""Draw the figures of a built graph into the folder OUT:

  funding.png   the largest funding offer (or, with --amount total, the sum of the offers' caps)
                per enterprise category and jurisdiction, in 万元/亿元 — official texts only
  timeline.png  one row per document by jurisdiction: date issued, the years in force, repeals
                and an arrow from each repealed document to the one that repealed it

Without --graph/--store/--endpoint the last build ({DEFAULT_GRAPH}) is read. Chinese labels
need a CJK font: `pip install -e '.[notebook]'` brings Noto Sans CJK (see README). The same
graph always gives byte-identical files. Needs matplotlib (in the notebook extra).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help="folder to write the figures into")
    parser.add_argument("--format", choices=("png", "svg"), default="png",
                        help="file format (default png)")
    parser.add_argument("--amount", choices=("max", "total"), default="max",
                        help="funding bars: the largest cap (max, default) or the sum of caps")
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--graph", metavar="FILE",
                     help=f"an RDF dump (.trig, .nq, .nt, .ttl, …; default {DEFAULT_GRAPH})")
    src.add_argument("--store", metavar="DIR", help="a pyoxigraph store directory")
    src.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 endpoint")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help=f"stop a query after S seconds (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"read at most N rows per query (default {DEFAULT_LIMIT})")
    parser.add_argument("--max-response", type=int, default=MAX_RESPONSE_BYTES // 2**20,
                        metavar="MB", help="with --endpoint: refuse an answer larger than MB "
                                           "megabytes")


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg plot``."""
    try:
        import matplotlib  # noqa: F401 - only to say what is missing, in one sentence
    except ModuleNotFoundError as err:
        raise UserError("policykg plot needs matplotlib: pip install -e '.[notebook]'.",
                        EXIT_USAGE) from err
    from policykg.graph.export.figures import write_figures

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; name a folder to write the figures into.")
    check_bounds(args)
    store = open_source(args)
    try:
        paths = write_figures(store, out, args.format, args.amount, timeout=args.timeout,
                              limit=args.limit)
    except QueryRefused as err:
        raise UserError(str(err), EXIT_USAGE) from err
    except QueryTimeout as err:
        raise UserError(f"{err.what} ran longer than {args.timeout:g} s (--timeout) and was "
                        "stopped; raise --timeout.", EXIT_FAILURE) from err
    except QueryError as err:
        raise UserError(str(err), EXIT_FAILURE) from err
    except OSError as err:
        raise UserError(f"{out} cannot be written ({err.strerror or err}).") from err
    finally:
        store.close()
    for path in paths:
        print(path)
    return 0
