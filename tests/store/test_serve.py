"""``policykg serve`` runs Oxigraph's read-only server on loopback, answers SPARQL over HTTP,
refuses writes, and stops cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from policykg.cli import main
from tests.queries.conftest import MINI
from tests.store.servers import OXIGRAPH, free_port, wait_http

pytestmark = pytest.mark.server


def _sparql(base: str, query: str) -> dict:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"{base}/query", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_serve_answers_over_http_and_stops_cleanly(tmp_path):
    if not OXIGRAPH.is_file():
        pytest.skip("the oxigraph CLI is not installed")
    port = free_port()
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "serve", "--graph", str(MINI),
                             "--store", str(store), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/", seconds=60)
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            assert response.status == 200  # Oxigraph's query UI
        answer = _sparql(base, "PREFIX pol: <https://w3id.org/policykg/ontology#> "
                               "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pol:PolicyDocument ; pol:source ?s }")
        assert answer["results"]["bindings"][0]["n"]["value"] == "4"  # union default graph
        update = urllib.request.Request(f"{base}/update", method="POST",
                                        data=b"update=CLEAR%20ALL",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=10)  # read-only
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0, proc.stderr.read()
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/", timeout=2)  # the oxigraph child is gone too


@pytest.mark.parametrize("bind", ["0.0.0.0:7878", "192.0.2.1:7878", "example.org:80"])
def test_serve_refuses_non_loopback_without_public(bind, capsys):
    assert main(["serve", "--graph", str(MINI), "--bind", bind]) == 2
    err = capsys.readouterr().err
    assert "--bind" in err and "Traceback" not in err


def test_serve_rejects_a_malformed_bind(capsys):
    assert main(["serve", "--bind", "localhost"]) == 2
    assert "HOST:PORT" in capsys.readouterr().err
