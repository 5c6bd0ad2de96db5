"""Figures of the example corpus (graph/export/figures.py, fonts.py).

The facts are read by hand from ``examples/corpus``: 02 (深工信规〔2025〕3号, Shenzhen) offers a
national manufacturing innovation centre 最高3000万元 and a 专精特新“小巨人” firm 50万元, as 01
(深工信规〔2023〕11号) did; 04 (Guangzhou) caps its compute voucher at 200万元 a year and asks for
revenue 500万元以上 (a threshold, never a cap). 01 was issued on 2023年4月18日 and repealed by 02,
in force from 2025年3月1日. The English briefing (06) says 2 million yuan for a demonstration case:
a report's figure, never a bar.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings
from decimal import Decimal

import pytest

pytest.importorskip("matplotlib")

from policykg.graph.export import figures, fonts  # noqa: E402
from policykg.store.memory import MemoryStore  # noqa: E402
from tests.graph.export.example_build import example_graph  # noqa: E402

ID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def store():
    s = MemoryStore.from_file(example_graph())
    yield s
    s.close()


@pytest.fixture(scope="module")
def funding(store):
    return figures.funding_data(store)


def _bar(data, category, area):
    found = [b for b in data.bars if b.category == category and b.jurisdiction == area]
    assert len(found) == 1, (category, area, data.bars)
    return found[0]


def test_largest_offer_per_category_is_an_amount_of_the_text(funding):
    assert _bar(funding, "制造业创新中心", "深圳市").amount == Decimal(30_000_000)
    assert _bar(funding, "专精特新“小巨人”企业", "深圳市").amount == Decimal(500_000)
    guangzhou = [b for b in funding.bars if b.jurisdiction == "广州市"]
    assert max(b.amount for b in guangzhou) == Decimal(2_000_000)  # 算力券 最高200万元
    assert Decimal(5_000_000) not in {b.amount for b in guangzhou}  # 500万元以上 is a threshold


def test_funding_bars_are_official_figures_only(funding):
    assert {b.jurisdiction for b in funding.bars} == {"深圳市", "浙江省", "广州市"}
    assert funding.left_out == 0 and funding.amount == "max"


def test_a_figure_known_only_from_a_report_is_left_out_and_counted():
    from rdflib import Dataset, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, XSD

    pol = Namespace("https://w3id.org/policykg/ontology#")
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef(ID + "graph/report/x"))
    doc, measure, offer = (URIRef(ID + p) for p in ("doc/report/x", "doc/report/x/measure/1",
                                                     "doc/report/x/measure/1/instrument/1"))
    g.add((doc, RDF.type, pol.PolicyDocument))
    g.add((doc, pol.attestedBy, URIRef(ID + "report/x")))
    g.add((doc, pol.documentNumber, Literal("深工信规〔2025〕9号")))
    g.add((measure, pol.partOf, doc))
    g.add((measure, pol.providesInstrument, offer))
    g.add((offer, pol.maxAmount, Literal("2000000", datatype=XSD.decimal)))
    data = figures.funding_data(MemoryStore(ds))
    assert data.bars == [] and data.left_out == 1
    fig = figures.funding_chart(data)
    assert "1 figure(s) known only from reports left out" in fig.axes[0].get_xlabel()


def test_total_sums_the_caps_of_distinct_offers(store):
    total = figures.funding_data(store, "total")
    # 01 and 02 each reward a new 专精特新“小巨人” 50万元: two offers, 100万元 together
    assert _bar(total, "专精特新“小巨人”企业", "深圳市") == figures.Bar(
        "专精特新“小巨人”企业", "深圳市", Decimal(1_000_000), 2)


def test_amounts_are_written_in_wan_and_yi_yuan():
    assert figures.format_cny(30_000_000) == "3000万元"
    assert figures.format_cny(Decimal("50000000")) == "5000万元"
    assert figures.format_cny(120_000_000) == "1.2亿元"
    assert figures.format_cny(500_000) == "50万元"
    assert figures.format_cny(800) == "800元"


def test_the_funding_chart_labels_its_bars_in_wan_yuan(funding):
    fig = figures.funding_chart(funding)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    assert "3000万元" in labels
    assert "制造业创新中心" in {t.get_text() for t in ax.get_yticklabels()}
    assert "official texts only" in ax.get_xlabel()


def test_timeline_has_issue_dates_and_the_repeal(store):
    data = figures.timeline_data(store)
    docs = {d.number: d for d in data.documents}
    old, new = docs["深工信规〔2023〕11号"], docs["深工信规〔2025〕3号"]
    assert old.issued == dt.date(2023, 4, 18) and old.jurisdiction == "深圳市"
    assert old.repealed_on == dt.date(2025, 3, 1)
    assert new.issued == dt.date(2025, 2, 20) and new.valid_until == dt.date(2028, 2, 29)
    assert docs["浙政办发〔2025〕14号"].issued == dt.date(2025, 5, 8)
    assert data.repeals == [(old.iri, new.iri, dt.date(2025, 3, 1))]
    fig = figures.timeline_chart(data)
    from matplotlib.patches import FancyArrowPatch

    assert len([p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]) == 1


def test_chinese_labels_draw_with_the_cjk_font(funding):
    font = fonts.cjk_font()
    assert font is not None, "the test extra installs noto-cjk-sans-otc"
    from matplotlib import font_manager

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = figures.funding_chart(funding)
        figures.render(fig, "png")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    from matplotlib.text import Text

    chinese = [t for t in fig.findobj(Text) if any("\u4e00" <= c <= "\u9fff" for c in t.get_text())]
    assert {"制造业创新中心", "3000万元"} <= {t.get_text() for t in chinese}
    assert "CJK" in font.family
    for text in chinese:
        used = font_manager.findfont(text.get_fontproperties())
        assert os.path.realpath(used) == os.path.realpath(font.path), text.get_text()


def test_no_cjk_font_warns_once_in_one_sentence(monkeypatch):
    monkeypatch.setattr(fonts, "candidates", lambda: [])
    fonts.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert fonts.font_family() == [fonts.LATIN]
            fonts.font_family()
        messages = [str(w.message) for w in caught if "CJK" in str(w.message)]
        assert len(messages) == 1 and messages[0].count(". ") == 0
        assert "pip install noto-cjk-sans-otc" in messages[0]
    finally:
        fonts.cjk_font.cache_clear()


def test_the_same_figure_renders_to_the_same_bytes_whatever_the_salt(funding):
    """Without a fixed ``svg.hashsalt`` each process draws new SVG ids: the salt of the caller's
    rcParams (random per process by default) must not reach the file, nor a date."""
    import matplotlib

    fig = figures.funding_chart(funding)
    for fmt in figures.FORMATS:
        drawn = []
        for salt in ("one", "two"):
            with matplotlib.rc_context({"svg.hashsalt": salt}):
                drawn.append(figures.render(fig, fmt))
        assert drawn[0] == drawn[1], fmt
    assert b"<dc:date>" not in drawn[0]


def test_debian_droid_fallback_draws_chinese_too():
    path, source = fonts.DEBIAN[0]
    if not path.is_file():
        pytest.skip(f"{source} is not installed ({path})")
    font = fonts.find_cjk_font([(path, source)])
    assert font is not None and font.source == "fonts-droid-fallback"
    from matplotlib import font_manager
    from matplotlib.font_manager import FontProperties

    used = font_manager.findfont(FontProperties(family=[font.family, fonts.LATIN]))
    assert os.path.realpath(used) == os.path.realpath(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        with matplotlib.rc_context({"font.family": [font.family, fonts.LATIN]}):
            fig = Figure()
            FigureCanvasAgg(fig)
            fig.suptitle("深圳市 专精特新“小巨人”企业 3000万元")
            fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]
