"""Seed 001 (Guangdong, traditional script, scraped with pinyin artifacts): every fact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.loaders.official_helpers import amounts, load_seed, local, offer_facts, spans_of, yuan

GD = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def doc():
    return load_seed("001")


def test_header(doc) -> None:
    assert doc.number == "粤府办〔2025〕6号"
    assert doc.number_span.text == "粵府辦〔2025〕6號"  # quoted from the original
    assert doc.title == "广东省推动人工智能与机器人产业创新发展若干政策措施"
    assert doc.notice_title.startswith("广东省人民政府办公厅关于印发")
    assert doc.notice_title.endswith("若干政策措施的通知")
    assert doc.notice_title.count("关于印发") == 1  # the doubled first line is read once
    assert [a.name for a in doc.issuers] == ["广东省人民政府办公厅"]
    assert [a.name for a in doc.approvers] == ["广东省人民政府"]  # 经省人民政府同意
    assert local(doc.approvers[0].concept) == "guang-dong-sheng-ren-min-zheng-fu"
    assert doc.contact.name == "广东省工业和信息化厅"
    assert doc.addressees == ["各地级以上市人民政府", "省政府各部门", "各直属机构"]
    assert doc.date_issued == dt.date(2025, 3, 9)
    assert doc.date_span.text == "2025年3月9日"
    assert doc.published is None
    assert doc.jurisdiction == GD + "area/guangdong"


def test_validity_and_document_clauses(doc) -> None:
    assert doc.valid_from == dt.date(2025, 3, 9)
    assert doc.valid_until == dt.date(2027, 12, 31)
    assert "2027年12月31日" in doc.validity_span.text
    assert doc.repeals == [] and doc.based_on == []
    assert doc.non_cumulative is None


def test_twelve_measures_with_headings(doc) -> None:
    assert [m.ordinal for m in doc.measures] == list(range(1, 13))
    assert {m.numbering for m in doc.measures} == {"一、"}
    headings = [m.heading for m in doc.measures]
    assert headings[0] == "支持关键核心技术攻关"
    assert headings[1] == "培育优质企业"
    assert headings[9] == "推进标准体系建设"
    assert headings[11] == "建立包容审慎监管机制"
    # the validity sentence and the 信息来源 furniture are not part of measure 12
    last = doc.measures[-1].span.text
    assert "有效期" not in last and "信息來源" not in last and "信息来源" not in last


def test_measure_1_threshold_is_not_a_cap_and_centres_are_tiered(doc) -> None:
    m = doc.measures[0]
    assert amounts(m) == [
        (yuan("10000"), "threshold"),
        (yuan("5000"), "cap"),
        (yuan("1000"), "cap"),
    ]
    tiers = [offer_facts(o) for o in m.offers if o.max_amount is not None]
    assert [(t["max"], t["level"]) for t in tiers] == [
        (yuan("5000"), "National"),
        (yuan("1000"), "Provincial"),
    ]
    assert all("manufacturing-innovation-center" in t["categories"] for t in tiers)
    # the 1亿 threshold never becomes any offer's maximum
    assert all(o.max_amount is None or o.max_amount.value != yuan("10000") for o in m.offers)


def test_measure_2_matching_ratio_and_two_category_offers(doc) -> None:
    m = doc.measures[1]
    assert [(r.value, r.role) for r in m.ratios] == [(Decimal(1), "matching")]
    facts = [offer_facts(o) for o in m.offers]
    assert [(f["max"], f["categories"], f["level"]) for f in facts] == [
        (yuan("300"), ["single-champion"], "National"),
        (yuan("200"), ["little-giant"], "National"),
    ]
    assert all(f["class"] == "Reward" for f in facts)
    assert facts[0]["matching"] == Decimal(1)


def test_measure_4_quota_per_year_and_reward(doc) -> None:
    m = doc.measures[3]
    assert [(q.count, q.period) for q in m.quotas] == [(10, "PerYear")]
    (offer,) = m.offers
    f = offer_facts(offer)
    assert (f["class"], f["max"], f["quota"], f["period"]) == ("Reward", yuan("800"), 10, "PerYear")
    assert offer.max_amount.role == "per_recipient_cap"


def test_measure_5_investment_size_is_a_threshold(doc) -> None:
    m = doc.measures[4]
    assert amounts(m) == [(yuan("5000"), "threshold")]
    assert m.offers == []


def test_measure_7_cost_share_quota_and_cap(doc) -> None:
    m = doc.measures[6]
    (share,) = m.ratios
    assert (share.value, share.role) == (Decimal("0.3"), "cost_share")
    assert share.cost_basis == "上一年度审定运营费用"
    (offer,) = m.offers
    f = offer_facts(offer)
    assert (f["class"], f["max"], f["share"], f["quota"], f["period"]) == (
        "Grant",
        yuan("800"),
        Decimal("0.3"),
        5,
        "PerYear",
    )


def test_measure_9_names_instruments_without_figures(doc) -> None:
    m = doc.measures[8]
    assert m.amounts == []
    assert {o.instrument_class for o in m.offers} == {
        "InvestmentFund",
        "InterestSubsidy",
        "RiskCompensation",
    }
    assert all(o.max_amount is None for o in m.offers)


def test_measure_10_two_tiered_enumerations(doc) -> None:
    m = doc.measures[9]
    got = [(f["max"], f["level"]) for f in map(offer_facts, m.offers)]
    assert got == [
        (yuan("50"), "International"),
        (yuan("30"), "National"),
        (yuan("15"), "Industry"),
        (yuan("100"), "International"),
        (yuan("30"), "National"),
        (yuan("10"), "Provincial"),
    ]
    assert {o.instrument_class for o in m.offers} == {"Grant"}
    assert {a.role for a in m.amounts} == {"per_recipient_cap"}


def test_no_other_measure_has_money(doc) -> None:
    with_money = [m.ordinal for m in doc.measures if m.amounts]
    assert with_money == [1, 2, 4, 5, 7, 10]


def test_programmes_in_quotes(doc) -> None:
    names = {p.name for m in doc.measures for p in m.programs}
    assert {"人工智能+行动", "机器人+行动", "众创杯"} <= names
    assert "一事一议" not in names and "绿色通道" not in names


def test_every_span_is_the_original_text(doc) -> None:
    text = doc.source.text
    n = 0
    for span in spans_of(doc):
        assert text[span.start : span.end] == span.text
        n += 1
    assert n > 50
