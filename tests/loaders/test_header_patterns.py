"""Header patterns of real notices and regulations, one small document each with its gold.

Every ``fixtures/header/NAME.txt`` is a document written for this project in the style of a real
page (both scripts); ``NAME.json`` lists what the header must yield. A key absent from the JSON
is not checked; ``null`` means the fact must be absent.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from policykg.loaders.header import find_number, find_published
from policykg.loaders.history import find_events
from policykg.loaders.records import OfficialDocument
from policykg.loaders.signature import split_run
from policykg.loaders.title import inner_title
from tests.loaders.official_helpers import load_seed, local, parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "header"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def facts(doc: OfficialDocument) -> dict:
    """The header facts of a record in the form the gold files use."""
    out: dict = {key: getattr(doc, key) for key in ("title", "notice_title", "number")}
    out |= {key: [a.name for a in getattr(doc, key)] for key in ("issuers", "transmitted", "approvers")}
    for key in ("date_issued", "published", "valid_from"):
        value = getattr(doc, key)
        out[key] = value.isoformat() if value else None
    out["events"] = [[e.kind, e.date.isoformat(), e.body.name if e.body else None] for e in doc.events]
    out["jurisdictions"] = [local(j) for j in doc.jurisdictions]
    out["measures"] = len(doc.measures)
    return out


def test_every_fixture_has_its_gold() -> None:
    assert len(NAMES) >= 15
    assert all((FIXTURES / f"{n}.json").is_file() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_pattern(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text("utf-8")
    gold = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    doc = parse_text(text, f"{name}.txt")
    got = facts(doc)
    assert {k: got[k] for k in gold} == gold
    for span in (doc.title_span, doc.notice_title_span, doc.number_span, doc.date_span):
        if span is not None:
            assert text[span.start : span.end] == span.text
    for ref in doc.issuers + doc.transmitted + doc.approvers:
        assert text[ref.span.start : ref.span.end] == ref.span.text


@pytest.mark.parametrize("name", NAMES)
def test_jurisdiction_is_the_first_of_the_jurisdictions(name: str) -> None:
    doc = parse_text((FIXTURES / f"{name}.txt").read_text("utf-8"), f"{name}.txt")
    assert doc.jurisdiction == (doc.jurisdictions[0] if doc.jurisdictions else None)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("沪建管〔2026〕7号", "沪建管〔2026〕7号"),
        ("沪建管[2026]7号", "沪建管〔2026〕7号"),
        ("沪建管［2026］7号", "沪建管〔2026〕7号"),
        ("沪建管(2026)7号", "沪建管〔2026〕7号"),
        ("沪建管（2026）7号", "沪建管〔2026〕7号"),
        ("沪建管【2026】7号", "沪建管〔2026〕7号"),
        ("沪建管 〔 2026 〕 第 007 号", "沪建管〔2026〕7号"),
    ],
)
def test_number_in_every_bracket_form(written: str, normalised: str) -> None:
    view = f"关于做好工程质量检查的通知\n{written}\n各区建设管理部门："
    found = find_number(view, 0, len(view))
    assert found is not None and found.value == normalised


def test_inner_title_keeps_nested_quotes_whole() -> None:
    inner = inner_title("关于印发《某市落实〈数据条例〉〈安全条例〉的措施》的通知")
    assert inner is not None and inner.title == "某市落实〈数据条例〉〈安全条例〉的措施"
    assert inner.verb == "印发" and inner.transmitted == []


def test_a_verb_inside_the_subject_transmits_nothing() -> None:
    assert inner_title("关于做好2026年度补助资金发布工作的通知") is None


def test_run_together_names_are_split_at_the_repeated_place() -> None:
    name = "某区发展和改革委员会某区财政局某区教育局"
    assert [name[a:b] for a, b in split_run(name)] == ["某区发展和改革委员会", "某区财政局", "某区教育局"]
    assert split_run("某区发展和改革委员会") == [(0, len("某区发展和改革委员会"))]
    short = "区财政局区规划资源局"
    assert [short[a:b] for a, b in split_run(short)] == ["区财政局", "区规划资源局"]


def test_history_verb_inside_the_quoted_decision_is_not_read() -> None:
    view = "2026年1月5日 某市第三届人民代表大会常务委员会第八次会议《关于修改〈某市施行条例〉的决定》修正"
    (event,) = find_events(view, 0, len(view))
    assert (event.kind, event.date, event.body) == ("amended", dt.date(2026, 1, 5), "某市人民代表大会常务委员会")


def test_a_date_inside_a_sentence_is_no_history_line() -> None:
    view = "本办法经2026年1月5日某区人民政府第3次常务会议审议通过，现予印发。"
    assert find_events(view, 0, len(view)) == []


@pytest.mark.parametrize(
    ("page", "published"),
    [
        ("发布日期：2026年3月4日\n正文", dt.datetime(2026, 3, 4)),
        ("印发日期：2026-03-04\n正文", dt.datetime(2026, 3, 4)),
        ("发布时间\n2026/3/4 08:15:00\n正文", dt.datetime(2026, 3, 4, 8, 15)),
    ],
)
def test_publication_date_forms(page: str, published: dt.datetime) -> None:
    found = find_published(page)
    assert found is not None and found[0] == published


def test_signature_block_is_not_read_into_the_last_measure() -> None:
    doc = parse_text((FIXTURES / "signature_at_the_end.txt").read_text("utf-8"))
    assert "西安市人民政府" not in doc.measures[-1].span.text
    assert "2026年7月3日" not in doc.measures[-1].span.text


def test_seed_003_is_issued_for_the_zone_and_the_district() -> None:
    doc = load_seed("003")
    assert [local(j) for j in doc.jurisdictions] == ["guangzhou-development-district", "huangpu"]
    assert local(doc.jurisdiction) == "guangzhou-development-district"


def test_colophon_print_date_is_the_date_of_issue_when_no_signature_date() -> None:
    """``印发日期：…`` under the last line is the document's own date; a page's 发布日期 is not."""
    body = "一、支持研发。对企业给予最高50万元补助。\n二、支持应用。对项目给予补助。\n"
    printed = parse_text("某市支持措施\n" + body + "某市工业和信息化局办公室\n印发日期：2024年2月26日\n")
    assert str(printed.date_issued) == "2024-02-26"
    published = parse_text("某市支持措施\n发布日期：2024-02-26\n" + body)
    assert published.date_issued is None and str(published.published.date()) == "2024-02-26"


def test_a_regulation_naming_no_issuer_gets_its_legislature_inferred_and_flagged() -> None:
    """A regulation copied without its history lines: the standing committee of the area its
    title begins with, marked by an ``issuer-inferred`` warning; a plain notice gets none."""
    text = ("# 浙江省数据要素流通促进条例\n"
            "第一条 为了促进数据要素安全有序流通，结合本省实际，制定本条例。\n"
            "第二条 本省行政区域内的数据流通活动，适用本条例。\n")
    doc = parse_text(text)
    assert [i.name for i in doc.issuers] == ["浙江省人民代表大会常务委员会"]
    assert doc.issuers[0].concept is not None
    assert any(w.code == "issuer-inferred" for w in doc.warnings)
    notice = parse_text("浙江省支持数据流通若干措施\n一、支持交易。给予奖励。\n二、支持应用。给予补贴。\n")
    assert notice.issuers == []
