"""``policykg tables OUT``: tidy tables (Parquet + CSV) and their data dictionary from a graph,
a store or an endpoint."""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.errors import UserError

from .query import DEFAULT_GRAPH, add_input_arguments, check_bounds, execute, open_source

DESCRIPTION = """Write tidy tables of the graph for spreadsheets, pandas, R or DuckDB.

OUT is a folder; it gets documents, measures, offers (one row per funding offer), categories,
agencies (with their roles), supersession and claims, each as <table>.parquet and <table>.csv,
plus README.md and dictionary.csv saying what every column means, its type and unit. Each table
is one SPARQL query over the graph (by default build/policykg.trig, read in memory; or --graph,
--store, --endpoint as for `policykg query`). The folder is built aside and swapped in, so a
failed run leaves OUT as it was; the same graph gives byte-identical files. --timeout counts
the whole command (reading the graph and every query)."""

TIMEOUT = 300.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``policykg tables``."""
    parser.add_argument("out", metavar="OUT", help="the folder to write the tables into")
    add_input_arguments(parser, timeout=TIMEOUT)
    parser.set_defaults(limit=None)  # a table is never cut short


def _check_out(out: Path, args: argparse.Namespace) -> None:
    """Refuse an OUT that is a file, holds the input, or is a folder policykg did not write."""
    from policykg.graph.export.tables import MARKER

    if out.exists() and not out.is_dir():
        raise UserError(f"OUT {out} is a file; policykg tables writes a folder of tables, so "
                        "name a new or empty folder.")
    if not out.exists() and out.parent.exists() and not out.parent.is_dir():
        raise UserError(f"OUT {out}: {out.parent} is a file, not a folder.")
    dst = out.resolve()
    for given in (args.graph, args.store):
        if given is not None and (Path(given).resolve() == dst
                                  or Path(given).resolve().is_relative_to(dst)):
            raise UserError(f"OUT {out} contains the input {given}; choose another folder.")
    if args.graph is None and args.store is None and args.endpoint is None:
        if DEFAULT_GRAPH.resolve().is_relative_to(dst):
            raise UserError(f"OUT {out} contains the default input {DEFAULT_GRAPH}; choose "
                            "another folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UserError(f"OUT {out} is not empty and was not written by policykg tables; "
                        "choose a new or empty folder.")


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg tables``."""
    from policykg.graph.export import tables
    from policykg.queries.counts import count_store, render

    try:
        import pyarrow  # noqa: F401 - an optional dependency, checked before any query runs
    except ImportError:
        raise UserError("policykg tables needs pyarrow, which is not installed; install it "
                        "with pip install 'policykg[tables]'.") from None
    out = Path(args.out)
    _check_out(out, args)
    check_bounds(args)
    store = open_source(args)
    try:
        collected = tables.collect(lambda text: execute(store, text, args, trusted=True))
        totals = count_store(store, timeout=args.timeout)
    finally:
        store.close()
    try:
        names = tables.write_tables(out, collected)
    except OSError as err:
        raise UserError(f"OUT {out} cannot be written ({err.strerror or err}).") from None
    counts = ", ".join(f"{name} {len(rows)}" for name, (_, rows) in collected.items())
    print(f"wrote {len(names)} files to {out} (rows per table: {counts}; documents, measures "
          "and offers rows include those known only from reports)")
    print("\n".join(["totals, as `policykg build` and `policykg stats` print them:",
                     *render(totals)]))
    return 0
