"""Encodings, HTML, routing, artifacts and property-based checks of the official loader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.official import parse_official
from policykg.loaders.records import OfficialDocument, Source
from policykg.loaders.route import load
from tests.loaders.official_helpers import parse_text, spans_of, yuan

FIXTURES = Path(__file__).parent / "fixtures" / "official"
TEXT = (FIXTURES / "zhejiang_chapters.txt").read_text("utf-8")
TRAD = (FIXTURES / "traditional_big5_style.txt").read_text("utf-8").replace(
    "二〇二四年十二月一日", "2024年12月1日")  # 〇 has no Big5 code


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("utf-8", TEXT), ("utf-8-sig", TEXT), ("gb18030", TEXT), ("gbk", TEXT), ("utf-16", TEXT),
     ("big5", TRAD)],
)
def test_every_encoding_gives_the_same_record(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    result = load(path)
    assert result.error is None
    doc = result.record
    assert isinstance(doc, OfficialDocument)
    reference = parse_text(text)
    assert doc.number == reference.number and doc.number is not None
    assert [m.heading for m in doc.measures] == [m.heading for m in reference.measures]
    assert [[a.value for a in m.amounts] for m in doc.measures] == [
        [a.value for a in m.amounts] for m in reference.measures]
    for span in spans_of(doc):
        assert doc.source.text[span.start : span.end] == span.text


def test_html_page_drops_navigation_and_scripts() -> None:
    result = load(FIXTURES / "shenzhen_sections.html")
    doc = result.record
    assert isinstance(doc, OfficialDocument)
    assert doc.source.media_type == "text/html"
    assert "var x" not in doc.source.text
    assert [m.heading for m in doc.measures][:2] == ["支持整机研发", "开放应用场景"]


def test_pinyin_artifacts_and_doubled_commas_are_ignored_but_quoted() -> None:
    text = ("一、支持關(guān)鍵技術(shù)攻關(guān),。對企業(yè),,給予最高500萬元獎勵,。\n"
            "二、加強(qiáng)人才。給予補(bǔ)貼。")
    doc = parse_text(text)
    first = doc.measures[0]
    assert first.heading == "支持关键技术攻关"
    assert first.heading_span.text == "支持關(guān)鍵技術(shù)攻關"  # inner annotations kept
    assert [(a.value, a.role) for a in first.amounts] == [(yuan("500"), "cap")]
    assert first.amounts[0].span.text == "500萬元"


def test_router_reports_unreadable_files_as_values(tmp_path: Path) -> None:
    missing = load(tmp_path / "nope.txt")
    assert missing.record is None and missing.stage == "read" and missing.error
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = load(empty)
    assert result.record is None and result.error and result.stage in ("read", "decode")


def test_router_turns_a_parser_crash_into_a_parse_error(tmp_path: Path, monkeypatch) -> None:
    import policykg.loaders.official as official

    def boom(source):
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(official, "parse_official", boom)
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    import policykg.loaders.route as route

    monkeypatch.setattr(route, "_report_module", lambda: None)
    result = load(path)
    assert result.record is None and result.stage == "parse"
    assert "synthetic failure" in result.error


def test_seeds_route_to_the_right_parser(seeds_dir: Path) -> None:
    kinds = {p.name[:3]: type(load(p).record).__name__ for p in sorted(seeds_dir.glob("*.txt"))}
    assert kinds["001"] == kinds["003"] == "OfficialDocument"


# ---------------------------------------------------------------- properties

_WAN = st.integers(min_value=1, max_value=99999)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cap=_WAN, threshold=_WAN, share=st.integers(min_value=1, max_value=99),
       quota=st.integers(min_value=1, max_value=500), year=st.integers(min_value=2000, max_value=2040),
       month=st.integers(min_value=1, max_value=12), day=st.integers(min_value=1, max_value=28))
def test_generated_measures_round_trip(cap: int, threshold: int, share: int, quota: int,
                                       year: int, month: int, day: int) -> None:
    text = (f"某省某某厅关于印发若干措施的通知\n某厅〔{year}〕{quota}号\n某省某某厅\n{year}年{month}月{day}日\n"
            f"一、支持研发。对营业收入{threshold}万元以上的企业，每年择优支持不超过{quota}家，"
            f"按其研发费用的{share}%给予补助，单家企业最高{cap}万元。\n"
            f"二、其他。本措施自印发之日起施行，有效期3年。")
    doc = parse_text(text)
    assert doc.date_issued == dt.date(year, month, day)
    assert doc.number == f"某厅〔{year}〕{quota}号"
    m = doc.measures[0]
    assert [(a.value, a.role) for a in m.amounts] == [
        (yuan(str(threshold)), "threshold"), (yuan(str(cap)), "per_recipient_cap")]
    assert [(r.value, r.role) for r in m.ratios] == [(Decimal(share) / 100, "cost_share")]
    assert [(q.count, q.period) for q in m.quotas] == [(quota, "PerYear")]
    (offer,) = m.offers
    assert offer.min_threshold.value == yuan(str(threshold))
    assert offer.max_amount.value == yuan(str(cap))
    for span in spans_of(doc):
        assert text[span.start : span.end] == span.text


_ALPHABET = st.sampled_from(list("一二三四五六七八九十第条章、，。；：（）()【】〔〕[]“”《》0123456789"
                                 "万元亿%年月日号最高不超过以上每家给予奖励责任单位区市省关于印发通知 \n"
                                 "關(guān)鍵,,"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, min_size=0, max_size=300).map("".join))
def test_any_text_parses_without_raising_and_spans_map_back(text: str) -> None:
    source = Source(path="x.txt", name="x.txt", sha256="0", size=len(text), encoding="utf-8",
                    media_type="text/plain", text=text)
    doc = parse_official(source)
    assert isinstance(doc, OfficialDocument)
    assert not [w for w in doc.warnings if w.code.endswith("-failed")], doc.warnings
    for span in spans_of(doc):
        assert text[span.start : span.end] == span.text


def test_a_number_line_makes_a_scraped_document_official(tmp_path: Path) -> None:
    official = tmp_path / "official.txt"
    official.write_text("某市工(gōng)業和信息化局關(guān)於印發若干措施的通知\n某(mǒu)工信發(fā)〔2025〕7號\n"
                        "各有關單位：\n現將措施印發給你們，，請認真執行。\n（一）支持研發。給予補助。\n"
                        "（二）支持應用。給予獎勵。", encoding="utf-8")
    assert type(load(official).record).__name__ == "OfficialDocument"
    news = tmp_path / "news.txt"
    news.write_text("本报讯 近日，某市工信局印发《若干措施》（某工信发〔2025〕7号），记者从发布会上获悉，"
                    "对企业给予最高500万元奖励。\n责任编辑：张三", encoding="utf-8")
    assert type(load(news).record).__name__ == "Report"
