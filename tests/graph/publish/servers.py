"""Helpers for the tests that run real HTTP servers (nginx, Apache, ``policykg serve --site``)
on 127.0.0.1 over an exported site: a free port, start-and-wait, one request, the mini
fixture with a similarity link added, and the IRI paths to ask for with the files that must
answer them."""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, SKOS, Graph, URIRef

from policykg.ontology.namespace import POL

BASE = "https://w3id.org/policykg/"
MEASURE = BASE + "id/doc/2025/ce-fu-ban-1/measure/1"
OTHER = BASE + "id/doc/2024/other-2/measure/3"
LINK = MEASURE + "/similar/doc/2024/other-2/measure/3"
# A similarity link as graph/compare/links.py writes it (the mini fixture has one measure), in
# the links graph, from the fixture's measure to a measure of another document.
LINKS_TRIG = f"""
@prefix pol: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}id/graph/links/similar-measures> {{
  <{MEASURE}> pol:similarTo <{OTHER}> .
  <{OTHER}> a pol:Measure ; rdfs:label "other measure 3"@en .
  <{LINK}> a pol:MeasureLink ; pol:linksMeasure <{MEASURE}>, <{OTHER}> ;
    pol:similarityScore "0.9100"^^xsd:decimal ; pol:similarityMethod "features/all-pairs" ;
    pol:linkFeature "text:0.91" ; pol:leader <{OTHER}> ; pol:follower <{MEASURE}> ;
    pol:lagDays 120 ; rdfs:label "措辅办〔2025〕1号 measure 1 ~ other 2 measure 3 (0.91)"@en .
}}
"""
MEDIA = {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
         ".rdf": "application/rdf+xml", ".nt": "application/n-triples"}
PARSER = {".ttl": "turtle", ".jsonld": "json-ld", ".rdf": "xml", ".nt": "nt"}


def get(port: int, path: str, accept: str | None = None,
        method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request; (status, lower-cased headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, headers={} if accept is None else {"Accept": accept})
    resp = conn.getresponse()
    body = resp.read()
    headers = {k.lower(): v for k, v in resp.getheaders()}
    conn.close()
    return resp.status, headers, body


def free_port() -> int:
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
def running(command: list[str], port: int) -> Iterator[None]:
    """The server ``command`` started, until it listens on ``port``; stopped afterwards."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(port, proc)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _first(g: Graph, cls: URIRef, site: Path) -> str:
    """The first (sorted) IRI of class ``cls`` that has a page in the site: its path."""
    for s in sorted(str(x) for x in g.subjects(RDF.type, cls)):
        path = s.removeprefix(BASE)
        if s.startswith(BASE + "id/") and (site / (path + ".html")).is_file():
            return "/" + path
    raise AssertionError(f"no resource of class {cls} has a page")


def resource_paths(site: Path) -> list[str]:
    """One IRI path per kind of resource (document, measure, agency, concept, ontology,
    dataset, named graph), found in the site's own dump."""
    g = Graph().parse(site / "dumps" / "policykg.nt", format="nt")
    graph_page = next(p for p in sorted((site / "id" / "graph").rglob("*.html")))
    return [_first(g, POL.PolicyDocument, site), _first(g, POL.Measure, site),
            _first(g, POL.Agency, site), _first(g, SKOS.Concept, site), "/ontology",
            "/id/dataset", "/" + str(graph_page.relative_to(site))[:-len(".html")]]


def linked_source(mini: Path, folder: Path) -> Path:
    """The mini fixture with :data:`LINKS_TRIG` added, as one TriG file in ``folder``."""
    out = folder / "linked.trig"
    out.write_text(mini.read_text(encoding="utf-8") + LINKS_TRIG, encoding="utf-8")
    return out


def hosted_paths(site: Path) -> list[tuple[str, str]]:
    """(IRI path, path whose files answer it) for the similarity link and every evidence span
    the site's dump holds: each is answered with the files of the resource above it."""
    g = Graph().parse(site / "dumps" / "policykg.nt", format="nt")
    spans = sorted(str(s) for s in g.subjects(RDF.type, POL.Evidence))
    pairs = [("/" + LINK.removeprefix(BASE), "/" + MEASURE.removeprefix(BASE))]
    for iri in spans:
        path = "/" + iri.removeprefix(BASE)
        pairs.append((path, path[:path.index("/evidence/")]))
    return pairs


def check_files(port: int, paths: list[str]) -> None:
    """Every resource's file-extension URLs answer with their media type and parse."""
    for path in paths:
        for suffix, media in MEDIA.items():
            status, headers, body = get(port, path + suffix)
            assert status == 200, path + suffix
            assert headers["content-type"].split(";")[0] == media, path + suffix
            if suffix in PARSER:
                assert len(Graph().parse(data=body, format=PARSER[suffix])) > 0, path + suffix
