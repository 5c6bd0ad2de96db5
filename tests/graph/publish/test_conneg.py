"""Content negotiation of the exported site, against a real nginx (Debian ``nginx`` with its
JavaScript module) running the generated configuration, and against ``policykg serve --site``:
every kind of resource (document, measure, agency, concept, ontology, dataset, named graph)
answers in each format per ``Accept`` with q-values, ``406`` for what cannot be served,
``Vary: Accept``, and the file-extension URLs serve each syntax with its media type."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from policykg.graph.publish.negotiate import choose
from tests.graph.conftest import export, need_tool

from .servers import (
    BASE,
    MEDIA,
    check_files,
    free_port,
    get,
    hosted_paths,
    linked_source,
    resource_paths,
    running,
)

NJS = "/usr/lib/nginx/modules/ngx_http_js_module.so"

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


@pytest.fixture(scope="module")
def site(mini_trig: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture's site, with a similarity link added."""
    tmp = tmp_path_factory.mktemp("linked")
    return export(linked_source(mini_trig, tmp), "site", tmp / "site")


@pytest.fixture(scope="module")
def resources(site: Path) -> list[tuple[str, str]]:
    """(IRI path, path of the files that answer it): every kind of resource with a page
    answers with its own files, a similarity link and each evidence span with those of the
    resource above it."""
    return [(p, p) for p in resource_paths(site)] + hosted_paths(site)


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real nginx on 127.0.0.1 with the site's generated configuration; yields its port."""
    binary = need_tool("/usr/sbin/nginx")
    need_tool(NJS)
    run = tmp_path_factory.mktemp("nginx")
    port = free_port()
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
    with running([binary, "-p", str(run), "-c", str(conf), "-g",
                   f"daemon off; pid {run}/pid; error_log stderr;"], port):
        yield port


@pytest.fixture(scope="module")
def serve_site(site: Path) -> Iterator[int]:
    """``policykg serve --site`` on 127.0.0.1; yields its port."""
    port = free_port()
    with running([sys.executable, "-m", "policykg", "serve", "--site", str(site),
                   "--bind", f"127.0.0.1:{port}"], port):
        yield port


@pytest.mark.parametrize(("accept", "expected"), CASES)
def test_the_rule_picks_what_the_accept_header_prefers(accept: str | None,
                                                       expected: str | None) -> None:
    assert choose(accept) == expected


def _check_negotiation(port: int, site: Path, resources: list[tuple[str, str]]) -> None:
    for path, files in resources:
        for accept, expected in CASES:
            status, headers, body = get(port, path, accept)
            where = f"{path} Accept: {accept}"
            assert "accept" in headers.get("vary", "").lower(), where
            if expected is None:
                assert status == 406, where
                continue
            assert status == 200, where
            assert headers["content-type"].split(";")[0] == MEDIA[expected], where
            assert body == (site / (files.lstrip("/") + expected)).read_bytes(), where
        status, _, body = get(port, path, "text/turtle", method="HEAD")
        assert status == 200 and body == b"", path
    check_files(port, [path for path, files in resources if path == files])


def test_nginx_negotiates_every_resource_in_every_format(nginx: int, site: Path,
                                                         resources: list[tuple[str, str]]) -> None:
    _check_negotiation(nginx, site, resources)
    status, _, body = get(nginx, "/id/dataset", "text/turtle")
    g = Graph().parse(data=body, format="turtle")
    assert (URIRef(BASE + "id/dataset"), RDF.type,
            URIRef("http://www.w3.org/ns/dcat#Dataset")) in g
    assert get(nginx, "/id/no/such/thing", "text/turtle")[0] == 404
    assert get(nginx, "/id/no/such/similar/thing", "text/turtle")[0] == 404


def test_serve_site_negotiates_as_nginx_does(serve_site: int, site: Path,
                                             resources: list[tuple[str, str]]) -> None:
    _check_negotiation(serve_site, site, resources)
    assert get(serve_site, "/id/no/such/thing", "text/turtle")[0] == 404
    assert get(serve_site, "/id/no/such/similar/thing", "text/turtle")[0] == 404
    assert get(serve_site, "/../../etc/passwd")[0] == 404


def test_serve_site_refuses_a_folder_that_is_no_site(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "policykg", "serve", "--site", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "no exported site" in proc.stderr and "Traceback" not in proc.stderr
