"""The static linked-data site: served on a loopback port, every link from index.html is
followed with no 404 (anchors included); pages sit at the path of their IRI with Turtle and
JSON-LD alternates; labels in both scripts and English; links both ways; headless Chromium
opens a document page and the explorer with no console errors and saves screenshots."""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import lxml.html
import pytest
from rdflib import RDF, RDFS, Graph, URIRef

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
    assert alts == {"text/turtle": "ce-fu-ban-1.ttl", "application/ld+json": "ce-fu-ban-1.jsonld",
                    "application/rdf+xml": "ce-fu-ban-1.rdf", "application/n-triples": "ce-fu-ban-1.nt"}
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
    nginx = (mini_site / "nginx" / "server.conf").read_text()
    assert "try_files $uri$policykg_ext" in nginx
    assert "js_set $policykg_ext policykg.ext;" in (mini_site / "nginx" / "http.conf").read_text()


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


# ---- a site that reads well: hand-written gold (a document of twelve measures, a repealed
# document, a vocabulary with one agency the data uses and one it does not, a report's claim)

GOLD_TRIG = """
@prefix pol: <https://w3id.org/policykg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@base <https://w3id.org/policykg/id/> .

<https://w3id.org/policykg/ontology> {
  pol:repeals a owl:ObjectProperty ; rdfs:label "repeals"@en ; owl:inverseOf pol:repealedBy .
  pol:repealedBy a owl:ObjectProperty ; rdfs:label "repealed by"@en .
  pol:hasMeasure a owl:ObjectProperty ; rdfs:label "has measure"@en ; owl:inverseOf pol:partOf .
  pol:partOf a owl:ObjectProperty ; rdfs:label "part of"@en .
  pol:issuedBy a owl:ObjectProperty ; rdfs:label "issued by"@en .
  pol:providesInstrument a owl:ObjectProperty ; rdfs:label "provides instrument"@en .
  pol:Reward a owl:Class ; rdfs:label "reward"@en .
}
<graph/vocab> {
  <agency/jia-ju> a pol:Agency, skos:Concept ; rdfs:label "甲局"@zh-Hans, "Bureau A"@en .
  <agency/yi-ju> a pol:Agency, skos:Concept ; rdfs:label "乙局"@zh-Hans, "Bureau B"@en .
}
<graph/doc/2020/ce-ban-1> {
  <doc/2020/ce-ban-1> a pol:PolicyDocument ; rdfs:label "旧办法"@zh-Hans ;
    pol:documentNumber "测办〔2020〕1号" .
}
<graph/doc/2025/ce-ban-2> {
  <doc/2025/ce-ban-2> a pol:PolicyDocument ; rdfs:label "新办法"@zh-Hans ;
    pol:documentNumber "测办〔2025〕2号" ; pol:issuedBy <agency/jia-ju> ;
    pol:repeals <doc/2020/ce-ban-1> ;
    pol:evidence <doc/2025/ce-ban-2/evidence/0-9> .
  <doc/2025/ce-ban-2/evidence/0-9> a pol:Evidence ; oa:start 0 ; oa:end 9 ;
    oa:exact "测办〔2025〕2号" .
  <doc/2025/ce-ban-2/measure/3/instrument/1> a pol:FundingInstrument, pol:Reward ;
    rdfs:label "reward (measure 3, offer 1)"@en ;
    pol:maxAmount "8000000"^^xsd:decimal .
  <doc/2025/ce-ban-2/measure/3> pol:providesInstrument <doc/2025/ce-ban-2/measure/3/instrument/1> .
MEASURES
}
<graph/report/2025-01-02/news> {
  <report/2025-01-02/news> a pol:Report ; rdfs:label "新闻"@zh-Hans ;
    pol:hasClaim <report/2025-01-02/news/claim/1> .
  <report/2025-01-02/news/claim/1> a pol:Claim ; rdfs:label "500万元"@zh-Hans ;
    pol:aboutMeasure <doc/2025/ce-ban-2/measure/3> ; pol:claimedAmount "5000000"^^xsd:decimal .
}
"""
GOLD = "https://w3id.org/policykg/id/"
HEADINGS = [f"第{n}项措施" for n in range(1, 13)]


def gold_quads(tmp: Path) -> list:
    from policykg.graph.publish import lod

    measures = "\n".join(
        f'  <doc/2025/ce-ban-2> pol:hasMeasure <doc/2025/ce-ban-2/measure/{n}> .\n'
        f'  <doc/2025/ce-ban-2/measure/{n}> a pol:Measure ; pol:ordinal {n} ;'
        f' rdfs:label "{HEADINGS[n - 1]}"@zh-Hans ; pol:partOf <doc/2025/ce-ban-2> .'
        for n in range(1, 13))
    path = tmp / "gold.trig"
    path.write_text(GOLD_TRIG.replace("MEASURES", measures), "utf-8")
    return lod.read_canonical_quads(path)


@pytest.fixture(scope="module")
def gold_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from policykg.graph.publish.site import build_site

    tmp = tmp_path_factory.mktemp("gold")
    build_site(gold_quads(tmp), tmp / "site", jobs=2)
    return tmp / "site"


def rows(page: Path) -> dict[str, list[str]]:
    """Every table row of a page: the relation's words → the texts of its values, in order."""
    doc = lxml.html.fromstring(page.read_bytes())
    return {" ".join(tr.xpath("string(th)").split()): [li.text_content() for li in tr.xpath("td//li")]
            for tr in doc.xpath("//table/tr")}


def test_site_is_the_same_for_one_or_two_processes(gold_site: Path, tmp_path: Path) -> None:
    from policykg.graph.publish.site import build_site

    build_site(gold_quads(tmp_path), tmp_path / "one", jobs=1)
    files = sorted(p.relative_to(gold_site) for p in gold_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "one")
                           for p in (tmp_path / "one").rglob("*") if p.is_file())
    for rel in files:
        assert (gold_site / rel).read_bytes() == (tmp_path / "one" / rel).read_bytes(), rel


@pytest.mark.browser
def test_chromium_reads_measures_in_order_and_relations_both_ways(gold_site: Path) -> None:
    need_tool(CHROMIUM)
    pytest.importorskip("websocket")
    row = """(name) => [...document.querySelectorAll('table tr')]
        .filter(tr => tr.querySelector('th').textContent.trim() === name)
        .flatMap(tr => [...tr.querySelectorAll('td li')].map(li => li.textContent.trim()))"""
    with serve(gold_site) as base, chromium() as browser:
        browser.open(base + "id/doc/2025/ce-ban-2.html")
        assert browser.errors() == []
        assert browser.evaluate(f"({row})('has measure')") == HEADINGS  # 1…12, not 1, 10, 11, 12, 2
        assert browser.evaluate(f"({row})('repeals')") == ["旧办法"]
        assert browser.evaluate(f"({row})('issued by')") == ["甲局"]
        browser.open(base + "id/doc/2020/ce-ban-1.html")
        assert browser.evaluate(f"({row})('repealed by')") == ["新办法"]  # seen from the old one
        assert browser.evaluate(f"({row})('repeals')") == []
        browser.open(base + "id/agency/jia-ju.html")
        assert browser.evaluate(f"({row})('issued')") == ["新办法"]
        assert browser.evaluate(f"({row})('issued by')") == []
        assert browser.errors() == []


def test_incoming_links_are_phrased_from_the_page_and_not_repeated(gold_site: Path) -> None:
    offer = rows(gold_site / "id/doc/2025/ce-ban-2/measure/3/instrument/1.html")
    assert [v.split(" official")[0] for v in offer["offered by"]] == ["第3项措施"]
    measure = rows(gold_site / "id/doc/2025/ce-ban-2/measure/3.html")
    assert measure["part of"] == ["新办法"]
    assert "measure of" not in measure  # the inverse of part of, already shown
    assert measure["claimed about by"] == ["500万元"]
    assert "Referenced by" not in (gold_site / "id/doc/2020/ce-ban-1.html").read_text("utf-8")


def test_index_lists_only_the_vocabulary_terms_the_data_uses(gold_site: Path) -> None:
    index = lxml.html.fromstring((gold_site / "index.html").read_bytes()).text_content()
    assert "甲局" in index and "乙局" not in index
    assert (gold_site / "id/agency/jia-ju.html").is_file()
    assert not (gold_site / "id/agency/yi-ju.html").exists()


def test_figures_carry_their_source_kind_and_offers_say_what_they_are(gold_site: Path) -> None:
    offer = lxml.html.fromstring(
        (gold_site / "id/doc/2025/ce-ban-2/measure/3/instrument/1.html").read_bytes())
    assert offer.xpath("string(//h1)") == "测办〔2025〕2号 · measure 3 · reward · cap 800万元"
    amount = offer.xpath("//tr[th='maximum amount' or th='max amount']//span[contains(@class,'badge')]")
    assert [b.text for b in amount] == ["official"]
    claim = lxml.html.fromstring(
        (gold_site / "id/report/2025-01-02/news/claim/1.html").read_bytes())
    assert [b.text for b in claim.xpath("//tr[th='claimed amount']//span[contains(@class,'badge')]")
            ] == ["report"]
    measure = rows(gold_site / "id/doc/2025/ce-ban-2/measure/3.html")
    assert measure["provides instrument"] == [
        "测办〔2025〕2号 · measure 3 · reward · cap 800万元 official"]


def test_evidence_is_quoted_in_the_page_it_supports(gold_site: Path) -> None:
    doc = lxml.html.fromstring((gold_site / "id/doc/2025/ce-ban-2.html").read_bytes())
    quotes = doc.xpath("//q[@class='quote']")
    assert [q.text for q in quotes] == ["测办〔2025〕2号"] and quotes[0].get("id")
    assert "characters 0–9" in doc.text_content()
    assert not (gold_site / "id/doc/2025/ce-ban-2/evidence/0-9.html").exists()
    ttl = Graph().parse(gold_site / "id/doc/2025/ce-ban-2.ttl", format="turtle")
    assert (URIRef(GOLD + "doc/2025/ce-ban-2/evidence/0-9"), None, None) in ttl


def test_evidence_from_a_pdf_shows_its_page(tmp_path: Path) -> None:
    """Built from the example corpus as PDF, the document page quotes its number with the page
    it is printed on (page 1) and its validity clause with page 2."""
    from policykg.graph.build.serial import build
    from policykg.graph.publish import lod
    from policykg.graph.publish.site import build_site

    pdf = (Path(__file__).resolve().parents[3] / "examples" / "corpus-formats"
           / "02-shenzhen-ai-robotics-measures-2025.pdf")
    build([pdf], out=tmp_path / "build", validate=False)
    build_site(lod.read_canonical_quads(tmp_path / "build" / "policykg.trig"), tmp_path / "site")
    page = lxml.html.fromstring((tmp_path / "site/id/doc/2025/shen-gong-xin-gui-3.html").read_bytes())
    where = {q.text: q.getnext().text for q in page.xpath("//q[@class='quote']")
             if q.getnext() is not None}
    assert where["深工信规〔2025〕3号"] == "characters 52–64, page 1"
    assert where["本措施自2025年3月1日起施行，有效期至2028年2月29日。"].endswith(", page 2")


def test_pages_share_one_stylesheet_and_alternates_hold_the_same_triples(gold_site: Path) -> None:
    assert (gold_site / "site.css").is_file()
    for page in gold_site.rglob("*.html"):
        if page.name == "explorer.html" or "ontology" in page.parts:
            continue
        doc = lxml.html.fromstring(page.read_bytes())
        assert not doc.xpath("//style"), page
        ttl = page.with_suffix(".ttl")
        if ttl.is_file():
            a = Graph().parse(ttl, format="turtle")
            b = Graph().parse(page.with_suffix(".jsonld"), format="json-ld")
            assert set(a) == set(b) and len(a) > 0, page


@pytest.mark.slow
def test_seed_report_labels_are_not_cut_inside_a_number(seed_build: Path) -> None:
    from policykg.graph.publish import lod
    from policykg.ontology.namespace import POL

    quads = lod.read_canonical_quads(seed_build)
    reports = {s for s, p, o, _ in quads if p == RDF.type and o == POL.Report}
    labels = [str(o) for s, p, o, _ in quads if s in reports and p == RDFS.label]
    assert labels
    for label in labels:
        assert not re.search(r"\d[.,]$", label), label
