"""``policykg serve``: Oxigraph's own SPARQL server, read-only, over the built store."""

from __future__ import annotations

import argparse
import ipaddress
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from policykg.errors import EXIT_FAILURE, UserError
from policykg.store.base import RDFInputError
from policykg.store.oxigraph import write_oxigraph_store

DEFAULT_GRAPH = Path("build") / "policykg.trig"
DEFAULT_STORE = Path("build") / "store"

DESCRIPTION = """Serve a built store read-only with Oxigraph's SPARQL server (query UI at /).

The store is --store DIR (default build/store); with --graph FILE, or when the store is missing
and build/policykg.trig exists, the graph is first loaded into the store (atomically, and again
whenever the graph file is newer). The server binds to 127.0.0.1:7878 by default and refuses a
non-loopback address unless --public is given. SPARQL queries go to /query; the default graph is
the union of the named graphs. Stop it with Ctrl-C.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR", help=f"pyoxigraph store directory (default {DEFAULT_STORE})")
    parser.add_argument("--graph", metavar="FILE", help="an RDF dump to load into the store first")
    parser.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT",
                        help="address to listen on (default 127.0.0.1:7878)")
    parser.add_argument("--public", action="store_true", help="allow a non-loopback --bind address")
    parser.add_argument("--timeout", type=int, default=30, metavar="S",
                        help="per-query timeout in seconds (default 30)")


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI of this environment (next to the Python executable, else on PATH)."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise UserError("the oxigraph server is not installed; run pip install oxigraph.")
    return found


def parse_bind(bind: str, public: bool) -> tuple[str, int]:
    """``HOST:PORT`` checked: a port number, and a loopback host unless ``public``."""
    host, sep, port_text = bind.rpartition(":")
    if not sep or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UserError(f"--bind {bind!r}: write it as HOST:PORT, e.g. 127.0.0.1:7878.")
    host = host.strip("[]") or "127.0.0.1"
    if host == "localhost":
        loopback = True
    else:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            raise UserError(f"--bind {bind!r}: the host must be an IP address or localhost.") from None
    if not loopback and not public:
        raise UserError(f"--bind {bind!r} is not a loopback address; pass --public to serve "
                        "the graph to other machines.")
    return host, int(port_text)


def prepare_store(store: Path, graph: Path | None) -> Path:
    """Load ``graph`` into ``store`` when asked, missing, or older than the graph file."""
    if graph is None and not store.is_dir() and DEFAULT_GRAPH.is_file():
        graph = DEFAULT_GRAPH
    if graph is not None:
        if not graph.is_file():
            raise UserError(f"--graph {graph}: no such file.")
        if not store.is_dir() or graph.stat().st_mtime > store.stat().st_mtime:
            try:
                write_oxigraph_store(graph, store)
            except RDFInputError as err:
                raise UserError(str(err)) from err
    if not store.is_dir():
        raise UserError(f"no store at {store}; run policykg build first or pass --graph FILE.")
    return store


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg serve``: run the server until interrupted or terminated."""
    host, port = parse_bind(args.bind, args.public)
    store = prepare_store(Path(args.store) if args.store else DEFAULT_STORE,
                          Path(args.graph) if args.graph else None)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", address,
               "--union-default-graph"]
    if args.timeout and args.timeout > 0:
        command += ["--timeout-s", str(args.timeout)]
    child = subprocess.Popen(command)

    def stop(signum: int, _frame: object) -> None:
        child.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    print(f"serving {store} read-only at http://{address}/ (SPARQL: http://{address}/query); "
          "Ctrl-C stops it.", file=sys.stderr, flush=True)
    try:
        code = child.wait()
    except KeyboardInterrupt:
        child.terminate()
        code = 0
    finally:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        signal.signal(signal.SIGTERM, previous)
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise UserError(f"the oxigraph server stopped with exit code {code}.", EXIT_FAILURE)
    return 0
