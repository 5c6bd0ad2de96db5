"""The static linked-data site: served on a loopback port, every link from index.html is
followed with no 404 (anchors included); pages sit at the path of their IRI with Turtle and
JSON-LD alternates; labels in both scripts and English; links both ways; headless Chromium
opens a document page and the explorer with no console errors and saves screenshots."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import lxml.html
import pytest
from rdflib import Graph, URIRef

from tests.graph.conftest import need_tool

from .browser import CHROMIUM, chromium, serve

DOC = "https://w3id.org/policykg/id/doc/2025/ce-fu-ban-1"
RDF_SUFFIX = {".ttl": "turtle", ".jsonld": "json-ld"}
HEAD_ONLY = (".nt", ".nq", ".trig", ".rdf")


def crawl(base: str, limit: int = 20000, parse_rdf: bool = True) -> dict[str, int]:
    """Follow every same-site link from index.html; returns url -> status. Anchors are checked."""
    seen: dict[str, int] = {}
    anchors_wanted: dict[str, set[str]] = {}
    anchors_found: dict[str, set[str]] = {}
    queue = deque([base + "index.html"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        head = url.endswith(HEAD_ONLY) or (not parse_rdf and url.endswith(tuple(RDF_SUFFIX)))
        method = "HEAD" if head else "GET"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
                seen[url] = r.status
                body = r.read() if method == "GET" else b""
        except urllib.error.HTTPError as err:
            seen[url] = err.code
            continue
        suffix = Path(url).suffix
        if suffix in RDF_SUFFIX and parse_rdf:
            g = Graph().parse(data=body.decode("utf-8"), format=RDF_SUFFIX[suffix])
            assert len(g) > 0, url
        if suffix != ".html":
            continue
        doc = lxml.html.fromstring(body)
        anchors_found[url] = {e.get("id") for e in doc.xpath("//*[@id]")}
        for href in doc.xpath("//a/@href | //link/@href"):
            target, frag = urldefrag(urljoin(url, href))
            if not target.startswith(base):
                continue  # external IRIs (w3.org, schema.org …) are not crawled
            if frag:
                anchors_wanted.setdefault(target, set()).add(frag)
            if target not in seen:
                queue.append(target)
    for page, frags in anchors_wanted.items():
        missing = frags - anchors_found.get(page, set())
        assert not missing, f"{page} lacks anchors {sorted(missing)[:5]}"
    return seen


@pytest.fixture(scope="module")
def mini_site(mini_all: Path) -> Path:
    return mini_all / "site"


def test_crawl_from_index_finds_no_404(mini_site: Path) -> None:
    with serve(mini_site) as base:
        statuses = crawl(base)
    bad = {u: s for u, s in statuses.items() if s != 200}
    assert not bad
    urls = set(statuses)
    for path in ("id/doc/2025/ce-fu-ban-1.html", "id/doc/2025/ce-fu-ban-1.ttl",
                 "id/doc/2025/ce-fu-ban-1.jsonld", "id/doc/2025/ce-fu-ban-1/measure/1.html",
                 "ontology.html", "explorer.html", "void.ttl", "dumps/policykg.nt",
                 "ontology/index.html"):
        assert base + path in urls, path


def test_resource_page_layout_and_alternates(mini_site: Path) -> None:
    page = mini_site / "id" / "doc" / "2025" / "ce-fu-ban-1.html"
    doc = lxml.html.fromstring(page.read_bytes())
    alts = {e.get("type"): e.get("href") for e in doc.xpath("//link[@rel='alternate']")}
    assert alts == {"text/turtle": "ce-fu-ban-1.ttl", "application/ld+json": "ce-fu-ban-1.jsonld"}
    text = doc.text_content()
    assert "测试措施" in text and "測試措施" in text and "Test measures" in text  # both scripts + en
    assert "测府办〔2025〕1号" in text
    # outgoing (issued by → agency) and incoming (report → reportsOn → here) links
    hrefs = doc.xpath("//a/@href")
    assert "../../agency/ce-sheng-zheng-fu.html" in hrefs
    assert "../../report/2025-03-05/test-news.html" in hrefs
    assert "../../../ontology.html#issuedBy" in hrefs
    ttl = Graph().parse(mini_site / "id" / "doc" / "2025" / "ce-fu-ban-1.ttl", format="turtle")
    me = URIRef(DOC)
    assert (me, None, None) in ttl and (None, None, me) in ttl
    assert not doc.xpath("//script") and "http" not in "".join(doc.xpath("//link/@href"))


def test_ontology_page_has_a_section_per_term(mini_site: Path) -> None:
    doc = lxml.html.fromstring((mini_site / "ontology.html").read_bytes())
    ids = set(doc.xpath("//section/@id"))
    assert {"PolicyDocument", "maxAmount", "issuedBy", "ComputeVoucher"} <= ids
    section = doc.xpath("//section[@id='maxAmount']")[0].text_content()
    assert "maximum amount" in section and "最高金额" in section


def test_server_configurations_are_shipped(mini_site: Path) -> None:
    htaccess = (mini_site / ".htaccess").read_text()
    assert "RewriteRule ^(id/.+|ontology)$ $1.ttl" in htaccess and "text/turtle" in htaccess
    nginx = (mini_site / "nginx.conf").read_text()
    assert "try_files $uri$policykg_ext" in nginx


@pytest.mark.slow
def test_seed_site_crawl_finds_no_404(seed_all: Path) -> None:
    site = seed_all / "site"
    with serve(site) as base:
        statuses = crawl(base, parse_rdf=False)
    bad = {u: s for u, s in statuses.items() if s != 200}
    assert not bad, list(bad)[:10]
    assert base + "id/doc/2025/yue-fu-ban-6.html" in statuses
    page = lxml.html.fromstring((site / "id/doc/2025/yue-fu-ban-6.html").read_bytes())
    assert "粤府办〔2025〕6号" in page.text_content()


@pytest.mark.browser
def test_chromium_opens_a_document_page_and_the_explorer(mini_site: Path, tmp_path: Path) -> None:
    need_tool(CHROMIUM)
    pytest.importorskip("websocket")
    with serve(mini_site) as base, chromium() as browser:
        browser.open(base + "id/doc/2025/ce-fu-ban-1.html")
        assert browser.errors() == []
        title = browser.evaluate("document.querySelector('h1').textContent")
        assert title == "<script>alert(1)</script>测试措施"  # shown as text, not run
        assert browser.evaluate("document.scripts.length") == 0
        shot = browser.screenshot(tmp_path / "doc.png")
        assert shot.stat().st_size > 5000

        browser.open(base + "explorer.html", wait=0.5)
        assert browser.wait_for("document.body.dataset.ready === '1'", 60), browser.errors()
        assert browser.errors() == []
        assert browser.evaluate("document.querySelector('canvas') !== null")
        status = browser.evaluate("document.getElementById('status').textContent")
        assert status.startswith("10 nodes")
        # search by label, pick the hit, details panel shows the hostile label as text
        browser.evaluate("""(() => { const s = document.getElementById('search');
            s.value = 'alert'; s.dispatchEvent(new Event('input')); })()""")
        hits = browser.evaluate("document.querySelectorAll('#results button').length")
        assert hits == 1
        browser.evaluate("document.querySelector('#results button').click()")
        details = browser.evaluate("document.querySelector('#details h3').textContent")
        assert details == "<script>alert(1)</script>测试措施"
        assert browser.evaluate("document.querySelectorAll('#details script').length") == 0
        legend = browser.evaluate("document.getElementById('legend').textContent")
        assert "Offer (1)" in legend  # types in words
        assert browser.errors() == []
        browser.screenshot(tmp_path / "explorer.png")
    if os.environ.get("POLICYKG_KEEP_SCREENSHOTS"):
        print(f"screenshots in {tmp_path}")


@pytest.mark.browser
def test_explorer_stays_usable_at_three_thousand_nodes(tmp_path: Path) -> None:
    need_tool(CHROMIUM)
    pytest.importorskip("websocket")
    import random
    import time

    import networkx as nx

    from policykg.graph.export.explorer import render_explorer

    rng = random.Random(7)
    g = nx.MultiDiGraph()
    n = 3000
    for i in range(n):
        g.add_node(f"https://w3id.org/policykg/id/n/{i}", label=f"节点{i}", label_en=f"node {i}",
                   type=("Measure", "Offer", "Agency")[i % 3])
    for i in range(1, 2 * n):
        a, b = rng.randrange(max(1, min(i, n))), i % n
        g.add_edge(f"https://w3id.org/policykg/id/n/{a}", f"https://w3id.org/policykg/id/n/{b}",
                   key="pol:x", label="x")
    (tmp_path / "big.html").write_bytes(render_explorer(g))
    with serve(tmp_path) as base, chromium() as browser:
        start = time.time()
        browser.open(base + "big.html", wait=0.2)
        assert browser.wait_for("document.body.dataset.ready === '1'", 90), browser.errors()
        assert time.time() - start < 90
        assert browser.errors() == []
        browser.evaluate("""(() => { const s = document.getElementById('search');
            s.value = 'node 2345'; s.dispatchEvent(new Event('input'));
            document.querySelector('#results button').click(); })()""")
        assert browser.evaluate("document.querySelector('#details h3').textContent") == "节点2345"
        # physics is off after stabilisation, so the page is idle
        assert browser.evaluate("document.getElementById('physics').checked") is False
        browser.screenshot(tmp_path / "big.png")


def test_named_graphs_have_pages_with_their_content(mini_site: Path) -> None:
    page = mini_site / "id" / "graph" / "doc" / "2025" / "ce-fu-ban-1.html"
    doc = lxml.html.fromstring(page.read_bytes())
    assert "../../../doc/2025/ce-fu-ban-1.html" in doc.xpath("//a/@href")
    content = Graph().parse(page.with_suffix(".ttl"), format="turtle")
    assert (URIRef(DOC), None, None) in content
    assert (URIRef("https://w3id.org/policykg/id/report/2025-03-05/test-news"), None, None) \
        not in content  # the report lives in its own graph
    resource = lxml.html.fromstring((mini_site / "id/doc/2025/ce-fu-ban-1.html").read_bytes())
    assert "../../graph/doc/2025/ce-fu-ban-1.html" in resource.xpath("//a/@href")


@pytest.mark.slow
@pytest.mark.browser
def test_chromium_shows_the_seed_graph(seed_all: Path, tmp_path: Path) -> None:
    need_tool(CHROMIUM)
    pytest.importorskip("websocket")
    with serve(seed_all / "site") as base, chromium() as browser:
        browser.open(base + "id/doc/2025/yue-fu-ban-6.html")
        assert browser.errors() == []
        assert "粤府办〔2025〕6号" in browser.evaluate("document.body.textContent")
        browser.screenshot(tmp_path / "seed-doc.png")
        browser.open(base + "explorer.html", wait=0.5)
        assert browser.wait_for("document.body.dataset.ready === '1'", 90), browser.errors()
        assert browser.errors() == []
        browser.evaluate("""(() => { const s = document.getElementById('search');
            s.value = 'yue-fu-ban-6'; s.dispatchEvent(new Event('input'));
            document.querySelector('#results button').click(); })()""")
        details = browser.evaluate("document.getElementById('details').textContent")
        assert "粤府办〔2025〕6号" in details and "2025-03-09" in details
        browser.screenshot(tmp_path / "seed-explorer.png")
