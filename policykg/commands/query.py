"""``policykg query``: run a catalog question or a SPARQL file on a graph, a store or an endpoint."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policykg.errors import EXIT_FAILURE, EXIT_USAGE, UserError
from policykg.queries import catalog
from policykg.queries.checks import bind_checked
from policykg.queries.formats import FORMATS, render
from policykg.queries.language import LANGUAGES, with_language
from policykg.queries.probe import explain_empty
from policykg.queries.safety import QueryRefused
from policykg.queries.safety import run as run_safely
from policykg.store.base import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryError,
    QueryTimeout,
    RDFInputError,
    Rows,
    Store,
)
from policykg.store.endpoint import MAX_RESPONSE_BYTES
from policykg.store.paths import atomic_write_bytes
from policykg.store.stores import open_store
from policykg.store.termsafe import terminal_safe

DEFAULT_GRAPH = Path("build") / "policykg.trig"

DESCRIPTION = """Run a catalog question (by name) or a SPARQL file, and print the answer.

Without --graph/--store/--endpoint the last build (build/policykg.trig) is queried in memory.
--timeout is a deadline for the whole command: reading a --graph file, and an endpoint's answer
(connection, transfer, parsing) count in it; an endpoint's answer larger than --max-response is
refused.
Parameters declared in the query header are given as --param name=value; values become typed
RDF terms (never spliced into the query text). Queries may not use SERVICE, FROM, LOAD or
updates unless --allow-service / --allow-update are given; each query has a deadline
(--timeout) and a row cap (--limit). `policykg query --list` shows the catalog.

Catalog answers are one row per thing, in the column order the query's `# columns:` header
documents; --columns picks and orders columns, --offset skips rows, --lang shows labels in
Chinese (zh, the default) or English (en). Document numbers may be typed in either script and
any bracket form (粵府辦[2025]6); an unknown category, area, sector or document number is
refused with the nearest names (exit 1). With --endpoint, an empty answer from an endpoint
that holds policykg data gets a note on stderr with the likely cause.

An allowed update changes only the store it runs on (a --graph file is read into memory and
never written back). Exit 1 when a query runs past --timeout or the engine fails; exit 2 when a
query is refused, invalid, or a parameter or file is wrong.
"""


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """--graph / --store / --endpoint plus --timeout and --limit (shared with ``eligible``)."""
    add_input_arguments(parser)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"return at most N rows (default {DEFAULT_LIMIT})")
    parser.add_argument("--offset", type=int, default=0, metavar="N",
                        help="skip the first N rows (with --limit: pages of an answer)")
    parser.add_argument("--columns", metavar="A,B,…",
                        help="show only these columns, in this order (see the query's header)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="zh",
                        help="language of the labels shown beside IRIs (default zh)")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="output format (default table)")
    parser.add_argument("--output", metavar="FILE", help="write the answer to FILE instead of stdout")


def add_input_arguments(parser: argparse.ArgumentParser, timeout: float = DEFAULT_TIMEOUT) -> None:
    """--graph / --store / --endpoint, --timeout, --max-response and --allow-network: where the
    answers come from (shared with ``tables``, whose --timeout counts the whole command)."""
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--graph", metavar="FILE",
                     help=f"an RDF dump (.trig, .nq, .nt, .ttl, .rdf, .jsonld; default {DEFAULT_GRAPH})")
    src.add_argument("--store", metavar="DIR", help="a pyoxigraph store directory")
    src.add_argument("--endpoint", metavar="URL",
                     help="a SPARQL 1.1 endpoint (credentials from POLICYKG_ENDPOINT_USER and "
                          "POLICYKG_ENDPOINT_PASSWORD)")
    parser.add_argument("--timeout", type=float, default=timeout, metavar="S",
                        help=f"stop a query after S seconds (default {timeout:g})")
    parser.add_argument("--max-response", type=int, default=MAX_RESPONSE_BYTES // 2**20,
                        metavar="MB", help="with --endpoint: refuse an answer larger than MB "
                                           f"megabytes (default {MAX_RESPONSE_BYTES // 2**20})")
    parser.add_argument("--allow-network", action="store_true",
                        help="let the query reach the network: SERVICE, FROM and LOAD (as "
                             "--allow-service) and remote JSON-LD contexts in --graph")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="NAME|FILE",
                        help="a catalog query name (see --list) or a .rq file")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="bind a declared parameter (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the catalog and exit")
    parser.add_argument("--show", action="store_true",
                        help="print the query with its parameters bound, and exit")
    parser.add_argument("--allow-service", action="store_true",
                        help="allow SERVICE, FROM and LOAD (they reach the network or disk)")
    parser.add_argument("--allow-update", action="store_true",
                        help="allow SPARQL updates (INSERT, DELETE, CLEAR, DROP, …)")
    add_source_arguments(parser)


def open_source(args: argparse.Namespace) -> Store:
    """The store the options name, else the last build; user errors as :class:`UserError`.
    Reading a --graph file counts in --timeout (see :func:`remaining`)."""
    graph = args.graph
    if graph is None and args.store is None and args.endpoint is None:
        graph = DEFAULT_GRAPH
        if not graph.is_file():
            raise UserError(f"no graph given and {DEFAULT_GRAPH} does not exist; run policykg "
                            "build first or pass --graph FILE, --store DIR or --endpoint URL.")
    try:
        return open_store(graph=graph, store=args.store, endpoint=args.endpoint,
                          timeout=remaining(args),
                          allow_network=getattr(args, "allow_network", False),
                          max_bytes=args.max_response * 2**20)
    except QueryTimeout as err:
        raise UserError(f"reading {graph} ran longer than {args.timeout:g} s (--timeout) and was "
                        "stopped; raise --timeout.", EXIT_FAILURE) from err
    except RDFInputError as err:
        raise UserError(str(err)) from err


def check_bounds(args: argparse.Namespace) -> None:
    """Refuse a --timeout, --limit or --output that cannot work; start the --timeout clock."""
    if args.timeout is not None and not 0 < args.timeout < float("inf"):
        raise UserError(f"--timeout {args.timeout:g} is not a positive number of seconds.")
    if args.limit is not None and args.limit <= 0:
        raise UserError("--limit must be a positive number of rows.")
    if getattr(args, "offset", 0) < 0:
        raise UserError("--offset must be zero or a positive number of rows.")
    if args.max_response <= 0:
        raise UserError("--max-response must be a positive number of megabytes.")
    output = getattr(args, "output", None)
    if output and Path(output).is_dir():
        raise UserError(f"--output {output} is a folder; name a file to write the answer to.")
    if output and not Path(output).parent.is_dir():
        raise UserError(f"--output {output}: the folder {Path(output).parent} does not exist.")
    args.started = time.monotonic()


def remaining(args: argparse.Namespace) -> float | None:
    """Seconds left of --timeout since :func:`check_bounds` (loading and binding count too)."""
    if args.timeout is None:
        return None
    left = args.timeout - (time.monotonic() - getattr(args, "started", time.monotonic()))
    if left <= 0:
        raise UserError(f"loading the graph took longer than --timeout {args.timeout:g} s; "
                        "raise --timeout.", EXIT_FAILURE)
    return left


def execute(store: Store, text: str, args: argparse.Namespace, trusted: bool = False) -> Rows:
    """Run ``text`` with the safety checks (skipped for ``trusted`` text, a query policykg
    ships), mapping failures to one-sentence user errors."""
    network = getattr(args, "allow_network", False)
    offset = getattr(args, "offset", 0)
    limit = None if args.limit is None else args.limit + offset
    text = with_language(text, getattr(args, "lang", "zh"))
    try:
        if trusted:
            rows = store.query(text, timeout=remaining(args), limit=limit)
        else:
            rows = run_safely(store, text,
                              allow_service=getattr(args, "allow_service", False) or network,
                              allow_update=getattr(args, "allow_update", False),
                              timeout=remaining(args), limit=limit)
    except QueryRefused as err:
        raise UserError(str(err), EXIT_USAGE) from err
    except QueryTimeout as err:
        raise UserError(f"{err.what} ran longer than {args.timeout:g} s (--timeout, which counts "
                        "reading the graph too) and was stopped; raise --timeout or make the "
                        "query more selective.", EXIT_FAILURE) from err
    except QueryError as err:
        raise UserError(str(err), EXIT_USAGE if "not valid SPARQL" in str(err) else EXIT_FAILURE
                        ) from err
    if offset:
        rows[:] = rows[offset:]
    if not rows and getattr(args, "endpoint", None):
        note = explain_empty(store, text)
        if note:
            print(f"policykg: {note}", file=sys.stderr)
    return rows


def pick_columns(rows: Rows, args: argparse.Namespace) -> None:
    """Keep the --columns asked for, in that order; an unknown one is a usage error."""
    if not getattr(args, "columns", None):
        return
    wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in rows.variables]
    if unknown or not wanted:
        raise UserError(f"--columns {args.columns!r}: this answer has the columns "
                        f"{', '.join(rows.variables)}.")
    rows.variables = wanted


def ask_catalog(name: str, values: dict[str, str], args: argparse.Namespace) -> Rows:
    """Check the text values, bind them to catalog question ``name`` and run it on the source the
    arguments name; a bad value or failure is a one-sentence :class:`UserError`."""
    try:
        for key, value in values.items():
            catalog.check_text(f"--{key.replace('_', '-')}", value)
    except catalog.CatalogError as err:
        raise UserError(str(err)) from err
    query = catalog.load(name)
    store = open_source(args)
    try:
        return execute(store, bind_for_user(query, values, store), args)
    finally:
        store.close()


def emit(rows: Rows, args: argparse.Namespace) -> None:
    """Print (or atomically write) the rows; warn on stderr when the row cap cut them. Tables
    and Markdown are for reading: their text never carries a terminal escape."""
    pick_columns(rows, args)
    text = render(rows, rows.variables, args.format)
    if args.format in ("table", "md"):
        text = terminal_safe(text)
    if args.output:
        try:
            atomic_write_bytes(Path(args.output), text.encode("utf-8", "surrogateescape"))
        except OSError as err:
            raise UserError(f"--output {args.output} cannot be written "
                            f"({err.strerror or err}).") from err
    else:
        sys.stdout.write(text)
    if rows.truncated:
        print(f"policykg: only the first {args.limit} rows are shown; raise --limit to see more.",
              file=sys.stderr)


def bind_for_user(query: catalog.CatalogQuery, values: dict, store: Store | None) -> str:
    """The query bound to values a person typed; an unknown name exits 1, a bad value 2."""
    try:
        return bind_checked(query, values, store=store)
    except catalog.UnknownName as err:
        raise UserError(str(err), EXIT_FAILURE) from err
    except catalog.CatalogError as err:
        raise UserError(str(err)) from err


def _list() -> int:
    for q in catalog.list_queries():
        print(f"{q.name}\n  {q.title}")
        for p in q.params:
            default = "" if p.default is None else f" (default {p.default})"
            print(f"  --param {p.name}=<{p.type}>{default}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg query``."""
    if args.list:
        return _list()
    if not args.query:
        raise UserError("name a catalog query or a .rq file (policykg query --list shows the catalog).")
    check_bounds(args)
    try:
        query = catalog.load(args.query)
        values = catalog.parse_assignments(args.param)
        for name in values:
            query.param(name)
    except catalog.CatalogError as err:
        raise UserError(str(err)) from err
    needs_store = any(p.scheme or p.type == "document-number"
                      for p in query.params if p.name in values)
    store = open_source(args) if (needs_store or not args.show) else None
    try:
        text = bind_for_user(query, values, store)
        if args.show:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            return 0
        emit(execute(store, text, args), args)
    finally:
        if store is not None:
            store.close()
    return 0

