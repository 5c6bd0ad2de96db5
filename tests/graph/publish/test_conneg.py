"""Content negotiation of the exported site, against a real nginx (Debian ``nginx`` with its
JavaScript module) running the generated configuration, and against ``policykg serve --site``:
every kind of resource (document, measure, agency, concept, ontology, dataset, named graph)
answers in each format per ``Accept`` with q-values, ``406`` for what cannot be served,
``Vary: Accept``, and the file-extension URLs serve each syntax with its media type."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from policykg.graph.publish.negotiate import choose
from policykg.ontology.namespace import POL
from tests.graph.conftest import need_tool

NJS = "/usr/lib/nginx/modules/ngx_http_js_module.so"
BASE = "https://w3id.org/policykg/"
MEDIA = {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
         ".rdf": "application/rdf+xml", ".nt": "application/n-triples"}
PARSER = {".ttl": "turtle", ".jsonld": "json-ld", ".rdf": "xml", ".nt": "nt"}

# Accept header → the variant a reader must get (None: 406). Written by hand from RFC 9110.
CASES: list[tuple[str | None, str | None]] = [
    (None, ".html"),
    ("text/html", ".html"),
    ("text/turtle", ".ttl"),
    ("application/x-turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
    ("application/json", ".jsonld"),
    ("application/rdf+xml", ".rdf"),
    ("application/n-triples", ".nt"),
    ("TEXT/Turtle", ".ttl"),
    ("*/*", ".html"),
    ("text/*", ".html"),
    ("application/*", ".jsonld"),
    ("text/turtle;q=0.5, application/ld+json", ".jsonld"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.8, */*;q=0.1", ".rdf"),
    ("application/n-triples, text/turtle;q=0.9", ".nt"),
    ("text/turtle;q=0.3, application/n-triples;q=0.31", ".nt"),
    ("text/html;q=0, */*", ".ttl"),
    ("text/*;q=0.2, application/n-triples;q=0.4", ".nt"),
    ("application/ld+json;profile=\"http://www.w3.org/ns/json-ld#compacted\"", ".jsonld"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
     ".html"),
    ("image/png", None),
    ("text/turtle;q=0", None),
    ("application/xml, text/plain", None),
    ("*/*;q=0", None),
]


def _first(g: Graph, cls: URIRef, site: Path) -> str:
    """The first (sorted) IRI of class ``cls`` that has a page in the site: its path."""
    for s in sorted(str(x) for x in g.subjects(RDF.type, cls)):
        path = s.removeprefix(BASE)
        if s.startswith(BASE + "id/") and (site / (path + ".html")).is_file():
            return "/" + path
    raise AssertionError(f"no resource of class {cls} has a page")


@pytest.fixture(scope="module")
def site(mini_all: Path) -> Path:
    return mini_all / "site"


@pytest.fixture(scope="module")
def resources(site: Path) -> list[str]:
    """One IRI path per kind of resource, found in the site's own dump."""
    g = Graph().parse(site / "dumps" / "policykg.nt", format="nt")
    graph_page = next(p for p in sorted((site / "id" / "graph").rglob("*.html")))
    return [_first(g, POL.PolicyDocument, site), _first(g, POL.Measure, site),
            _first(g, POL.Agency, site), _first(g, SKOS.Concept, site), "/ontology",
            "/id/dataset", "/" + str(graph_page.relative_to(site))[:-len(".html")]]


def _get(port: int, path: str, accept: str | None = None,
         method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, headers={} if accept is None else {"Accept": accept})
    resp = conn.getresponse()
    body = resp.read()
    headers = {k.lower(): v for k, v in resp.getheaders()}
    conn.close()
    return resp.status, headers, body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stderr.read().decode()[-800:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


@contextlib.contextmanager
def _running(command: list[str], port: int) -> Iterator[None]:
    """The server ``command`` started, until it listens on ``port``; stopped afterwards."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(port, proc)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real nginx on 127.0.0.1 with the site's generated configuration; yields its port."""
    binary = need_tool("/usr/sbin/nginx")
    need_tool(NJS)
    run = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    temps = "".join(f"{kind}_temp_path {run}/{kind};\n"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = run / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"load_module {NJS};\nworker_processes 1;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n access_log off;\n{temps} js_path \"{site}/nginx/\";\n"
        f" include {site}/nginx/http.conf;\n"
        f" server {{\n  listen 127.0.0.1:{port};\n  root {site};\n"
        f"  include {site}/nginx/server.conf;\n }}\n}}\n")
    with _running([binary, "-p", str(run), "-c", str(conf), "-g",
                   f"daemon off; pid {run}/pid; error_log stderr;"], port):
        yield port


@pytest.fixture(scope="module")
def serve_site(site: Path) -> Iterator[int]:
    """``policykg serve --site`` on 127.0.0.1; yields its port."""
    port = _free_port()
    with _running([sys.executable, "-m", "policykg", "serve", "--site", str(site),
                   "--bind", f"127.0.0.1:{port}"], port):
        yield port


@pytest.mark.parametrize(("accept", "expected"), CASES)
def test_the_rule_picks_what_the_accept_header_prefers(accept: str | None,
                                                       expected: str | None) -> None:
    assert choose(accept) == expected


def _check_negotiation(port: int, site: Path, resources: list[str]) -> None:
    for path in resources:
        for accept, expected in CASES:
            status, headers, body = _get(port, path, accept)
            where = f"{path} Accept: {accept}"
            assert "accept" in headers.get("vary", "").lower(), where
            if expected is None:
                assert status == 406, where
                continue
            assert status == 200, where
            assert headers["content-type"].split(";")[0] == MEDIA[expected], where
            assert body == (site / (path.lstrip("/") + expected)).read_bytes(), where
        for suffix, media in MEDIA.items():  # file-extension URLs
            status, headers, body = _get(port, path + suffix)
            assert status == 200, path + suffix
            assert headers["content-type"].split(";")[0] == media, path + suffix
            if suffix in PARSER:
                g = Graph().parse(data=body, format=PARSER[suffix])
                assert len(g) > 0, path + suffix
        status, _, body = _get(port, path, "text/turtle", method="HEAD")
        assert status == 200 and body == b"", path


def test_nginx_negotiates_every_resource_in_every_format(nginx: int, site: Path,
                                                         resources: list[str]) -> None:
    _check_negotiation(nginx, site, resources)
    status, _, body = _get(nginx, "/id/dataset", "text/turtle")
    g = Graph().parse(data=body, format="turtle")
    assert (URIRef(BASE + "id/dataset"), RDF.type,
            URIRef("http://www.w3.org/ns/dcat#Dataset")) in g
    assert _get(nginx, "/id/no/such/thing", "text/turtle")[0] == 404


def test_serve_site_negotiates_as_nginx_does(serve_site: int, site: Path,
                                             resources: list[str]) -> None:
    _check_negotiation(serve_site, site, resources)
    assert _get(serve_site, "/id/no/such/thing", "text/turtle")[0] == 404
    assert _get(serve_site, "/../../etc/passwd")[0] == 404


def test_serve_site_refuses_a_folder_that_is_no_site(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "policykg", "serve", "--site", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "no exported site" in proc.stderr and "Traceback" not in proc.stderr
