"""Seed 003 (Guangzhou Development District / Huangpu, traditional script): every fact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.loaders.official_helpers import amounts, load_seed, local, offer_facts, spans_of, yuan

HP = "广州市黄埔区"


@pytest.fixture(scope="module")
def doc():
    return load_seed("003")


def m(doc, n: int):
    return doc.measures[n - 1]


def test_header(doc) -> None:
    assert doc.number == "穗开经信规字〔2025〕7号"
    assert [a.name for a in doc.issuers] == ["广州开发区经济和信息化局", HP + "工业和信息化局"]
    assert all(a.concept for a in doc.issuers)
    assert [local(a.concept) for a in doc.approvers] == [
        "guang-zhou-jing-ji-ji-shu-kai-fa-qu-guan-li-wei-yuan-hui",
        "guang-zhou-shi-huang-pu-qu-ren-min-zheng-fu",
    ]
    assert doc.contact.name == HP + "工业和信息化局"  # 区工业和信息化局, resolved
    assert doc.addressees == ["区各有关单位"]
    assert doc.date_issued == dt.date(2025, 6, 27)
    assert doc.published == dt.datetime(2025, 6, 30, 17, 46, 52)
    assert doc.title.startswith("广州开发区 黄埔区支持人工智能产业")
    assert doc.title.endswith("若干政策措施")
    assert doc.notice_title.startswith("广州开发区经济和信息化局 ")
    assert doc.notice_title.endswith("的通知")
    # the whole notice title: both issuers, 关于印发, the inner title (not copied into the gold)
    assert doc.notice_title == (" ".join(i.name for i in doc.issuers) + "关于印发" + doc.title
                                + "的通知")


def test_validity_three_years_from_issue(doc) -> None:
    assert doc.valid_from == dt.date(2025, 6, 27)
    assert doc.valid_until == dt.date(2028, 6, 26)
    assert "有效期3年" in doc.validity_span.text


def test_repeals_based_on_non_cumulation_scope(doc) -> None:
    assert [r.number for r in doc.repeals] == ["穗埔工信规字〔2024〕2号", "穗埔工信规字〔2024〕3号"]
    assert all(r.title.startswith("广州开发区 广州市黄埔区关于支持大模型") for r in doc.repeals)
    assert doc.repeals[1].title.endswith("实施细则")
    assert len(doc.based_on) == 3
    assert doc.based_on[0].title.startswith("中共中央关于进一步全面深化改革")
    assert doc.based_on[2].title.startswith("广州市互联网软件产业链")
    from policykg.ontology.gazetteer import to_simplified

    assert "从高不重复" in to_simplified(doc.non_cumulative.text)
    assert doc.scope is not None and "適用" in doc.scope.text


def test_fifteen_articles_with_bracketed_headings(doc) -> None:
    assert [x.ordinal for x in doc.measures] == list(range(1, 16))
    assert {x.numbering for x in doc.measures} == {"第一条"}
    assert m(doc, 1).heading == "打造人工智能特色产业空间"
    assert m(doc, 2).heading == "强化智能算力基础设施供给"
    assert m(doc, 7).heading == "支持人工智能软件产业发展壮大"
    assert m(doc, 15).heading == "附则"
    assert "废止" in m(doc, 15).span.text or "廢止" in m(doc, 15).span.text


def test_responsible_units_resolved_to_huangpu(doc) -> None:
    names = [a.name for a in m(doc, 1).responsible]
    assert names[0] == HP + "委组织部"
    assert names[1:] == [HP + "科技创新局", HP + "工业和信息化局", HP + "国有资产监督管理局"]
    art4 = [a.name for a in m(doc, 4).responsible]
    assert len(art4) == 6
    assert art4[-1] == HP + "政务服务和数据管理局"  # …等应用场景主管部门 dropped
    assert all(a.concept for a in m(doc, 4).responsible)
    assert [a.name for a in m(doc, 12).responsible] == [HP + "财政局", HP + "国有资产监督管理局"]
    assert m(doc, 15).responsible == []


def test_article_2_compute_vouchers(doc) -> None:
    art = m(doc, 2)
    assert [(q.count, q.period) for q in art.quotas] == [(10, "PerPolicyTerm")]
    assert amounts(art) == [
        (yuan("500"), "per_recipient_cap"),
        (yuan("1000"), "total_budget"),
        (yuan("50"), "per_recipient_cap"),
    ]
    (share,) = art.ratios
    assert share.value == Decimal("0.3") and share.role == "cost_share"
    assert "智能算力" in share.cost_basis
    first, second = map(offer_facts, art.offers)
    assert (first["max"], first["share"], first["quota"], first["period"]) == (
        yuan("500"),
        Decimal("0.3"),
        10,
        "PerPolicyTerm",
    )
    assert (second["class"], second["total"], second["max"]) == (
        "ComputeVoucher",
        yuan("1000"),
        yuan("50"),
    )


def test_article_3_one_time_rewards(doc) -> None:
    facts = [offer_facts(o) for o in m(doc, 3).offers if o.max_amount]
    assert [(f["class"], f["max"], f["period"]) for f in facts] == [
        ("Reward", yuan("100"), "OneTime"),
        ("Reward", yuan("20"), "OneTime"),
    ]
    classes = {o.instrument_class for o in m(doc, 3).offers}
    assert "ModelVoucher" in classes
    # 100个以上 / 1000个以上 are targets, not quotas
    assert m(doc, 3).quotas == []


def test_article_4_scene_vouchers_quota_and_budget(doc) -> None:
    art = m(doc, 4)
    assert [(q.count, q.period) for q in art.quotas] == [(30, "PerPolicyTerm")]
    (offer,) = art.offers
    f = offer_facts(offer)
    assert (f["class"], f["total"], f["quota"], f["max"]) == (
        "SceneVoucher",
        yuan("1000"),
        30,
        None,
    )


def test_article_5_data_voucher_reward(doc) -> None:
    art = m(doc, 5)
    assert amounts(art) == [(yuan("100"), "cap")]
    assert "DataVoucher" in {o.instrument_class for o in art.offers}


def test_article_6_thresholds_shares_and_yearly_cap(doc) -> None:
    art = m(doc, 6)
    assert amounts(art) == [
        (yuan("50"), "threshold"),
        (yuan("10"), "per_recipient_cap"),
        (yuan("100"), "threshold"),
        (yuan("20"), "cap"),
    ]
    assert [(r.value, r.role) for r in art.ratios] == [
        (Decimal("0.3"), "cost_share"),
        (Decimal("0.03"), "cost_share"),
    ]
    a, b = map(offer_facts, art.offers)
    assert (a["threshold"], a["share"], a["max"], a["period"]) == (
        yuan("50"),
        Decimal("0.3"),
        yuan("10"),
        "PerYear",
    )
    assert (b["threshold"], b["share"], b["max"]) == (yuan("100"), Decimal("0.03"), yuan("20"))


def test_article_7_unit_rates_in_three_tiers(doc) -> None:
    art = m(doc, 7)
    roles = amounts(art)
    assert roles[:3] == [
        (yuan("5000"), "threshold"),
        (yuan("15000"), "threshold"),
        (yuan("40000"), "threshold"),
    ]
    assert roles[3] == (yuan("1000"), "unit_step")
    assert roles[4:7] == [
        (yuan("3"), "unit_rate"),
        (yuan("4"), "unit_rate"),
        (yuan("5.5"), "unit_rate"),
    ]
    assert roles[7] == (yuan("1000"), "per_recipient_cap")
    assert [(r.value, r.role) for r in art.ratios] == [(Decimal("0.1"), "other")]  # growth rate
    tiers = [offer_facts(o) for o in art.offers]
    assert [(t["threshold"], t["step"], t["rate"]) for t in tiers] == [
        (yuan("5000"), yuan("1000"), yuan("3")),
        (yuan("15000"), yuan("1000"), yuan("4")),
        (yuan("40000"), yuan("1000"), yuan("5.5")),
    ]
    assert all(t["max"] == yuan("1000") and t["period"] == "PerYear" for t in tiers)


def test_articles_9_and_10(doc) -> None:
    (o9,) = m(doc, 9).offers
    assert (offer_facts(o9)["share"], offer_facts(o9)["max"]) == (Decimal("0.3"), yuan("500"))
    (o10,) = m(doc, 10).offers
    f = offer_facts(o10)
    assert (f["quota"], f["max"], f["period"], f["class"]) == (
        10,
        yuan("100"),
        "PerPolicyTerm",
        "Reward",
    )


def test_measures_without_money(doc) -> None:
    assert [x.ordinal for x in doc.measures if x.amounts] == [2, 3, 4, 5, 6, 7, 9, 10]


def test_every_span_is_the_original_text(doc) -> None:
    text = doc.source.text
    spans = list(spans_of(doc))
    assert len(spans) > 80
    for span in spans:
        assert text[span.start : span.end] == span.text
