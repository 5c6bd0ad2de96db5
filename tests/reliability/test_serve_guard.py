"""``policykg serve`` is no request forger and never sends a cut answer (issue 21, items 1, 8
and 10): SERVICE is refused unless the server was started with --allow-service, a query over
--timeout ends with 503 and a whole JSON body, and a busy port is a usage error in one
sentence (never a backtrace)."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.cli import main
from tests.store.servers import OXIGRAPH, free_port, wait_http

from .http_stub import busy_port, fixed, stub_server

pytestmark = pytest.mark.server
MINI = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "mini.trig"
EMPTY_RESULTS = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
ENDLESS = ("SELECT ?a ?e ?i ?l WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n ?o . ?p ?q ?r }")


@contextlib.contextmanager
def serving(tmp_path: Path, *extra: str) -> Iterator[str]:
    if not OXIGRAPH.is_file():
        pytest.skip("the oxigraph CLI is not installed")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "serve", "--graph", str(MINI),
                             "--store", str(tmp_path / "store"), "--bind",
                             f"127.0.0.1:{port}", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/", seconds=60)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ask(base: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"{base}/query", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_service_is_refused_and_nothing_is_fetched(tmp_path):
    with stub_server(fixed(EMPTY_RESULTS, "application/sparql-results+json")) as stub:
        with serving(tmp_path) as base:
            status, body = ask(base, f"SELECT * WHERE {{ SERVICE <{stub.url}/sparql> "
                                     "{ ?s ?p ?o } }")
            time.sleep(0.5)
        assert status == 403 and "--allow-service" in json.loads(body)["error"]
        assert stub.requests == []


def test_service_runs_when_the_server_is_started_to_allow_it(tmp_path):
    with stub_server(fixed(EMPTY_RESULTS, "application/sparql-results+json")) as stub:
        with serving(tmp_path, "--allow-service") as base:
            status, body = ask(base, f"SELECT * WHERE {{ SERVICE <{stub.url}/sparql> "
                                     "{ ?x ?p ?o } }")
        assert status == 200, body
        assert stub.requests and stub.requests[0].startswith(("GET /sparql", "POST /sparql"))


def test_a_query_over_the_timeout_ends_with_503_and_a_whole_body(tmp_path):
    with serving(tmp_path, "--timeout", "2") as base:
        started = time.monotonic()
        status, body = ask(base, ENDLESS)
        elapsed = time.monotonic() - started
        assert status == 503
        assert "2 s" in json.loads(body)["error"]
        assert elapsed < 8
        status, body = ask(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert status == 200 and json.loads(body)["results"]["bindings"]  # still serving


def test_a_busy_port_is_a_usage_error_in_one_sentence(tmp_path, capsys):
    if not OXIGRAPH.is_file():
        pytest.skip("the oxigraph CLI is not installed")
    with busy_port() as port:
        code = main(["serve", "--graph", str(MINI), "--store", str(tmp_path / "store"),
                     "--bind", f"127.0.0.1:{port}"])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and "--bind" in lines[0] and "port" in lines[0]
    assert "panicked" not in err and "Traceback" not in err
