"""The explorer page of the example corpus (``examples/corpus``), written by ``policykg export
--format html`` and opened in headless Chromium: the overview shows the documents and their
measures node by node and every other type as one group; the legend names types in words; a
search finds a document by its number, an offer by the amount the text writes and a measure by
its text; clicking a node shows its neighbourhood, Back returns to the overview. What is
looked for is read from the source text or counted in the RDF, never from the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef

from policykg.graph.export.explorer import amount_forms, plural
from policykg.ontology.namespace import ID, POL
from policykg.store.rdfinput import load_dataset
from tests.graph.conftest import need_tool
from tests.graph.export.conftest import corpus_text
from tests.graph.publish.browser import CHROMIUM, chromium, serve


def test_amounts_are_searchable_as_written() -> None:
    assert amount_forms(2_000_000) == ["2000000", "2,000,000", "200万", "200万元"]
    assert {"50亿", "50亿元", "500000万元"} <= set(amount_forms(5_000_000_000))
    assert "0.5亿元" in amount_forms(50_000_000)
    assert amount_forms(0) == [] and amount_forms(float("nan")) == []
    assert [plural(t) for t in ("Agency", "Offer", "Category", "Instrument type", "Person")] == \
        ["Agencies", "Offers", "Categories", "Instrument types", "People"]


@pytest.fixture(scope="module")
def page(example_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from policykg.cli import main

    out = tmp_path_factory.mktemp("explorer")
    for name in ("explorer.html", "again.html"):
        assert main(["export", str(example_build), "--format", "html", "--out", str(out / name)]) == 0
    return out / "explorer.html"


def test_explorer_is_byte_identical_on_rerun(page: Path) -> None:
    assert page.read_bytes() == (page.parent / "again.html").read_bytes()
    # nothing is fetched at run time: no script, style sheet or image comes from elsewhere
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)=["']?(https?:)?//""",
                         page.read_text("utf-8"), re.I)


def _count(ds: Dataset, cls: URIRef) -> int:
    return len({s for s in ds.subjects(RDF.type, cls) if str(s).startswith(str(ID))})


def _click(browser, node_id: object) -> None:
    """A real mouse click (DevTools input events) on the node drawn with id ``node_id``."""
    x, y = browser.evaluate(f"""(() => {{ const e = window.policykgExplorer;
        const p = e.network.canvasToDOM(e.network.getPositions([{node_id!r}])[{node_id!r}]);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; }})()""")
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
    browser.pump(0.3)


def _search(browser, text: str) -> list[str]:
    browser.evaluate(f"""(() => {{ const s = document.getElementById('search');
        s.value = {text!r}; s.dispatchEvent(new Event('input')); }})()""")
    return browser.evaluate("[...document.querySelectorAll('#results button')].map(b => b.textContent)")


def _shown(browser) -> list[str]:
    return browser.evaluate("window.policykgExplorer.nodes.get().map(n => n.label)")


@pytest.mark.browser
def test_chromium_explorer_overview_search_and_neighbourhood(page: Path, example_build: Path) -> None:
    need_tool(CHROMIUM)
    pytest.importorskip("websocket")
    ds = load_dataset(example_build, Dataset(default_union=True))
    documents, measures = _count(ds, POL.PolicyDocument), _count(ds, POL.Measure)
    text = corpus_text("01-")
    number = text.splitlines()[1].strip()  # 深工信规〔2023〕11号
    title = re.search(r"《(.+?)》", text).group(1)
    cap = re.search(r"1\. (\S+?)。.*?单个产品最高(\d+万元)", text)  # measure 1 and its cap
    phrase = re.search(r"列入(\S{4,8}目录)", text).group(1)  # measure 2: 首台（套）目录
    second = re.search(r"2\. (\S+?)。", text).group(1)

    with serve(page.parent) as base, chromium() as browser:
        browser.open(base + page.name, wait=0.3)
        assert browser.wait_for("document.body.dataset.ready === '1'", 60), browser.errors()
        assert browser.errors() == []
        # the overview: every document and measure, the rest folded into one group per type
        assert browser.evaluate("document.body.dataset.view") == "overview"
        drawn = browser.evaluate("window.policykgExplorer.nodes.get().map(n => [typeof n.id, n.label])")
        singles = [label for kind, label in drawn if kind == "number"]
        groups = [label for kind, label in drawn if kind == "string"]
        assert len(singles) == documents + measures
        assert title in singles
        assert 3 <= len(groups) <= 14
        assert all(re.fullmatch(r"[A-Z][a-z]+( [a-z]+)?s? \(\d+\)|People \(\d+\)", g) for g in groups)
        assert {"Agencies", "Categories", "Offers"} <= {g.split(" (")[0] for g in groups}
        assert int(browser.evaluate("document.body.dataset.shown")) == len(drawn)
        legend = browser.evaluate("document.getElementById('legend').textContent")
        assert f"Document ({documents})" in legend and f"Measure ({measures})" in legend
        assert "Agency (" in legend and "Category (" in legend and "pol:" not in legend

        # search: a document number, an amount as the text writes it, words of a measure
        hits = _search(browser, number)
        assert hits and hits[0].startswith(title)
        hits = _search(browser, cap.group(2))
        assert any(h.startswith(cap.group(1)) and h.endswith("Offer") for h in hits), hits
        assert any(h.startswith(second) for h in _search(browser, phrase))

        # a search hit opens the node's neighbourhood: the offer and the measure offering it
        _search(browser, cap.group(2))
        browser.evaluate(f"""[...document.querySelectorAll('#results button')]
            .find(b => b.textContent.startsWith({cap.group(1)!r}) && b.textContent.endsWith('Offer'))
            .click()""")
        assert browser.evaluate("document.body.dataset.view") == "neighbourhood"
        assert cap.group(1) in _shown(browser)
        assert browser.evaluate("document.querySelector('#details h3').textContent").startswith(cap.group(1))

        # back to the overview, then a real click on the document: its neighbours only
        browser.evaluate("document.getElementById('home').click()")
        assert len(_shown(browser)) == len(drawn)
        doc_id = browser.evaluate(f"window.policykgExplorer.data.nodes.find(n => n.label === {title!r}).id")
        neighbours = browser.evaluate(f"""(() => {{ const d = window.policykgExplorer.data, s = new Set();
            d.edges.forEach(e => {{ if (e.s === {doc_id}) s.add(e.o); if (e.o === {doc_id}) s.add(e.s); }});
            s.delete({doc_id}); return s.size; }})()""")
        assert neighbours >= 4 + 2  # its four measures (1. to 4.), its issuer, its jurisdiction
        _click(browser, doc_id)
        assert browser.evaluate("document.body.dataset.view") == "neighbourhood"
        assert int(browser.evaluate("document.body.dataset.shown")) == 1 + neighbours
        shown = _shown(browser)
        assert "深圳市工业和信息化局" in shown and "深圳市" in shown and second in shown
        assert browser.evaluate("document.querySelector('#details h3').textContent") == title

        # a real click on a group shows its members; Back twice returns to the overview
        browser.evaluate("document.getElementById('back').click()")
        assert browser.evaluate("document.body.dataset.view") == "overview"
        agencies = browser.evaluate("window.policykgExplorer.nodes.get().find(n => n.label.startsWith('Agencies')).id")
        _click(browser, agencies)
        assert browser.evaluate("document.body.dataset.view") == "group"
        members = browser.evaluate("document.querySelectorAll('#details button').length")
        assert int(browser.evaluate("document.body.dataset.shown")) == 1 + members
        assert "深圳市科技创新局" in _shown(browser)
        browser.evaluate("document.getElementById('back').click()")
        assert browser.evaluate("document.body.dataset.view") == "overview"
        assert int(browser.evaluate("document.body.dataset.shown")) == len(drawn)
        assert browser.errors() == []
