"""``policykg serve``: Oxigraph's own SPARQL server, read-only, over the built store."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
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

With --site DIR it serves an exported linked-data site instead (policykg export --format site):
every IRI path (/id/…, /ontology) answers in HTML, Turtle, JSON-LD, RDF/XML or N-Triples as the
Accept header asks (q-values honoured, 406 when none of them is acceptable, Vary: Accept), as
the site's nginx configuration does; files keep their own URLs (….ttl, ….nt…).

Every request passes a guard in front of Oxigraph: SERVICE, FROM and LOAD (which would make the
server fetch other URLs) are refused with 403 unless --allow-service is given, and an answer is
sent only once it is whole: a query over --timeout ends with 503 and a one-sentence JSON body.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR", help=f"pyoxigraph store directory (default {DEFAULT_STORE})")
    parser.add_argument("--graph", metavar="FILE", help="an RDF dump to load into the store first")
    parser.add_argument("--site", metavar="DIR",
                        help="serve an exported linked-data site with content negotiation "
                             "instead of the SPARQL store")
    parser.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT",
                        help="address to listen on (default 127.0.0.1:7878)")
    parser.add_argument("--public", action="store_true", help="allow a non-loopback --bind address")
    parser.add_argument("--timeout", type=int, default=30, metavar="S",
                        help="per-query timeout in seconds (default 30)")
    parser.add_argument("--allow-service", action="store_true",
                        help="let queries use SERVICE, FROM and LOAD, which make the server "
                             "fetch other URLs (refused by default)")


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(child: subprocess.Popen, port: int, log: Path, seconds: float = 60.0) -> None:
    """Return once the Oxigraph child accepts connections on ``port``; else a UserError."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            lines = [x for x in log.read_text("utf-8", "replace").splitlines() if x.strip()]
            reason = lines[-1][:300] if lines else f"exit code {child.returncode}"
            raise UserError(f"the oxigraph server did not start ({reason}).", EXIT_FAILURE)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise UserError(f"the oxigraph server did not start within {seconds:g} s.", EXIT_FAILURE)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg serve``: run the server until interrupted or terminated."""
    from policykg.commands.serve_guard import guard_server

    host, port = parse_bind(args.bind, args.public)
    if args.site:
        return serve_site(Path(args.site), host, port, args.bind)
    if args.timeout <= 0:
        raise UserError(f"--timeout {args.timeout}: give a positive number of seconds.")
    store = prepare_store(Path(args.store) if args.store else DEFAULT_STORE,
                          Path(args.graph) if args.graph else None)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    upstream = _free_port()
    try:
        guard = guard_server(host, port, upstream, args.timeout, args.allow_service)
    except OSError as err:
        raise UserError(f"--bind {args.bind}: cannot listen there ({err.strerror or err}); "
                        "is another server using the port? Choose another with --bind.") from err
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind",
               f"127.0.0.1:{upstream}", "--union-default-graph", "--timeout-s",
               str(args.timeout)]
    with tempfile.TemporaryDirectory(prefix="policykg-serve-") as tmp:
        log = Path(tmp) / "oxigraph.log"
        with open(log, "wb") as log_file:
            child = subprocess.Popen(command, stdout=log_file, stderr=log_file)
        try:
            return _serve(child, guard, upstream, log, store, address)
        finally:
            guard.server_close()
            _end(child)


def serve_site(site: Path, host: str, port: int, bind: str) -> int:
    """``--site DIR``: the site with content negotiation until Ctrl-C or SIGTERM."""
    from policykg.graph.publish.siteserver import site_server

    if not (site / "index.html").is_file():
        raise UserError(f"--site {site}: no exported site there (no index.html); "
                        "write one with policykg export BUILD --format site --out DIR.")
    try:
        server = site_server(site, host, port)
    except OSError as err:
        raise UserError(f"--bind {bind}: cannot listen there ({err.strerror or err}); "
                        "is another server using the port? Choose another with --bind.") from err

    def stop(signum: int, _frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    print(f"serving the site {site} at http://{address}/ ; Ctrl-C stops it.", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
    return 0


def _end(child: subprocess.Popen) -> None:
    """Stop the Oxigraph child: SIGTERM, then SIGKILL if it is still there after 10 s."""
    for signum, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, None)):
        if child.poll() is not None:
            return
        child.send_signal(signum)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=grace)


def _serve(child: subprocess.Popen, guard, upstream: int, log: Path, store: Path,
           address: str) -> int:
    """Run the guard until the child ends, Ctrl-C or SIGTERM; 0 on a requested stop."""
    _wait_for(child, upstream, log)
    thread = threading.Thread(target=guard.serve_forever, name="policykg-serve", daemon=True)
    thread.start()

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
        guard.shutdown()
        signal.signal(signal.SIGTERM, previous)
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise UserError(f"the oxigraph server stopped with exit code {code}.", EXIT_FAILURE)
    return 0
