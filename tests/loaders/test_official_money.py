"""Money roles, ratios, quotas, tiers and offers inside a measure, on synthetic snippets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.loaders.official_helpers import offer_facts, parse_text, yuan


def measure(sentence: str):
    doc = parse_text(f"一、支持措施。{sentence}\n二、其他事项。加强宣传。")
    return doc.measures[0]


def roles(sentence: str) -> list[tuple[Decimal, str]]:
    return [(a.value, a.role) for a in measure(sentence).amounts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("对企业给予最高500万元奖励。", [("500", "cap")]),
        ("对企业给予不超过200万元的补助。", [("200", "cap")]),
        ("补贴上限为100万元。", [("100", "cap")]),
        ("对研发项目给予50万元资助。", [("50", "cap")]),
        ("单个项目最高不超过300万元。", [("300", "per_recipient_cap")]),
        ("每家企业每年最高可享受80万元补贴。", [("80", "per_recipient_cap")]),
        ("每项给予最高20万元资助。", [("20", "per_recipient_cap")]),
        ("市财政安排专项资金，扶持总资金不超过2000万元。", [("2000", "total_budget")]),
        ("政策有效期内，发放最高3000万元“算力券”。", [("3000", "total_budget")]),
        ("对固定资产投资5000万元以上的项目给予奖励。", [("5000", "threshold")]),
        ("对营业收入超过1亿元的企业给予奖励。", [("10000", "threshold")]),
        ("对交易额达到100万元的企业，给予最高10万元补贴。", [("100", "threshold"), ("10", "cap")]),
        ("单个项目金额超2亿元（含）的，一事一议。", [("20000", "threshold")]),
        ("对年营收不低于500万元的企业给予奖励。", [("500", "threshold")]),
        ("按照每增长1000万元给予10万元奖励。", [("1000", "unit_step"), ("10", "unit_rate")]),
        ("奖励五千万元。", [("5000", "cap")]),
        ("到2027年，全市产业规模突破5000亿元。", [("50000000", "other")]),
        ("企业注册资本为300万元。", [("300", "other")]),
        ("同一用户每年补贴总额不超过50万元。", [("50", "per_recipient_cap")]),
        ("对新认定的示范车间，每个车间奖励40万元。", [("40", "per_recipient_cap")]),
        ("对采购企业给予补贴，同一申报主体累计总额最高100万元。", [("100", "per_recipient_cap")]),
        # per thing a recipient may hold several of, a sum under its ceiling is a rate …
        ("对开通物流航线的企业，每条航线每年给予最高20万元运营补贴。", [("20", "unit_rate")]),
        ("对试点车辆运营按每车每年不超过10万元给予补贴。", [("10", "unit_rate")]),
        # … but per person it caps what one recipient gets, and after a share it caps the share
        ("对新引进的博士，每人每年最高5万元。", [("5", "per_recipient_cap")]),
        ("按购置价格的30%给予补贴，每台最高1万元。", [("1", "per_recipient_cap")]),
        # a rate by its standard per unit and per month
        ("按照每P每月800元的标准给予算力补贴。", [("0.08", "unit_rate")]),
        ("对上架数据产品的企业，每上架1款数据产品奖励1万元。", [("1", "unit_rate")]),
        # a few words may qualify the unit of a rate
        ("支持标准为每条常态化航线每年奖励10万元。", [("10", "unit_rate")]),
        ("短途运输航线按实际飞行小时给予补贴，每飞行小时3000元。", [("0.3", "unit_rate")]),
        # a budget arranged to support an aim
        ("市财政三年统筹安排2.5亿元支持低空经济发展。", [("25000", "total_budget")]),
        # a contract's size as a condition of eligibility; a part of a budget after 其中
        ("租用算力服务的合同金额达到20万元以上。", [("20", "threshold")]),
        ("入园企业固定资产投资不低于1亿元，亩均税收不低于30万元。",
         [("10000", "threshold"), ("30", "threshold")]),
        ("市财政每年安排算力券资金5000万元，其中用于大模型训练的额度不超过2000万元。",
         [("5000", "total_budget"), ("2000", "total_budget")]),
    ],
)
def test_money_roles(sentence: str, expected: list[tuple[str, str]]) -> None:
    want = [(yuan(v) if v != "50000000" else Decimal("500000000000"), r) for v, r in expected]
    assert roles(sentence) == want


def test_enumerated_amounts_share_the_role_of_the_first() -> None:
    got = roles("对年增量超0.5亿元、1亿元的企业，分别给予最高10万元、20万元奖励。")
    assert got == [(yuan("5000"), "threshold"), (yuan("10000"), "threshold"),
                   (yuan("10"), "cap"), (yuan("20"), "cap")]


def test_cost_share_with_basis_and_other_percentages() -> None:
    m = measure("对营业收入同比增长超20%的企业，按其研发费用的25%给予补助，最高200万元。")
    assert [(r.value, r.role, r.cost_basis) for r in m.ratios] == [
        (Decimal("0.2"), "other", None), (Decimal("0.25"), "cost_share", "研发费用")]
    (offer,) = m.offers
    assert offer_facts(offer)["share"] == Decimal("0.25")
    assert offer_facts(offer)["max"] == yuan("200")


def test_cost_share_without_de_and_matching_ratio() -> None:
    m = measure("给予不超过设备投资额15%的补助。")
    assert [(r.value, r.role, r.cost_basis) for r in m.ratios] == [
        (Decimal("0.15"), "cost_share", "设备投资额")]
    m = measure("市财政按照区级奖励资金1∶1给予配套奖励，每家最高100万元。")
    assert [(r.value, r.role) for r in m.ratios] == [(Decimal(1), "matching")]
    assert m.offers[0].matching_ratio.value == Decimal(1)


@pytest.mark.parametrize(
    ("sentence", "quota"),
    [
        ("每年择优支持不超过10个项目，每个给予最高50万元奖励。", (10, "PerYear")),
        ("政策有效期内遴选5家以内企业，每家最高100万元。", (5, "PerPolicyTerm")),
        ("每年最多支持3项，每项最高20万元。", (3, "PerYear")),
        ("支持不超过8家企业，给予一次性奖励30万元。", (8, "OneTime")),
    ],
)
def test_quotas_with_periods(sentence: str, quota: tuple[int, str]) -> None:
    m = measure(sentence)
    assert [(q.count, q.period) for q in m.quotas] == [quota]
    assert m.offers[0].max_recipients.count == quota[0]


@pytest.mark.parametrize("sentence", ["培育100个以上示范项目。", "每年发布不少于50个应用场景。",
                                      "建设一批创新平台。"])
def test_targets_are_not_quotas(sentence: str) -> None:
    assert measure(sentence).quotas == []


def test_tiers_by_recognition_level() -> None:
    m = measure("对新认定的国家级、省级、市级专精特新企业，分别给予一次性奖励50万元、30万元、10万元。")
    got = [(f["max"], f["level"], f["period"], f["class"]) for f in map(offer_facts, m.offers)]
    assert got == [(yuan("50"), "National", "OneTime", "Reward"),
                   (yuan("30"), "Provincial", "OneTime", "Reward"),
                   (yuan("10"), "Municipal", "OneTime", "Reward")]


def test_tiers_aligned_with_thresholds_and_unit_rates() -> None:
    m = measure("对营业收入增量超1亿元、5亿元的企业，按照每增长1000万元，分别给予5万元、8万元奖励，"
                "每家企业每年最高200万元。")
    got = [(f["threshold"], f["step"], f["rate"], f["max"], f["period"])
           for f in map(offer_facts, m.offers)]
    assert got == [(yuan("10000"), yuan("1000"), yuan("5"), yuan("200"), "PerYear"),
                   (yuan("50000"), yuan("1000"), yuan("8"), yuan("200"), "PerYear")]


def test_tiers_aligned_with_categories() -> None:
    m = measure("对新认定的独角兽企业、瞪羚企业，分别给予最高500万元、100万元奖励。")
    cats = [[c.concept.rsplit("/", 1)[-1] for c in o.categories] for o in m.offers]
    assert cats == [["unicorn"], ["gazelle"]]


def test_one_offer_per_recipient_clause() -> None:
    m = measure("对高新技术企业给予最高30万元奖励，对科技型企业给予最高10万元奖励。")
    facts = [offer_facts(o) for o in m.offers]
    assert [(f["max"], f["categories"]) for f in facts] == [
        (yuan("30"), ["high-tech-enterprise"]), (yuan("10"), ["tech-enterprise"])]


def test_budget_sentence_joins_the_offer_that_follows() -> None:
    m = measure("政策有效期内，发放总额不超过5000万元的数据券。对购买数据服务的企业，按服务费用的20%给予数据券支持，"
                "单家企业最高50万元。")
    (offer,) = m.offers
    f = offer_facts(offer)
    assert (f["class"], f["total"], f["max"], f["share"]) == (
        "DataVoucher", yuan("5000"), yuan("50"), Decimal("0.2"))


def test_threshold_alone_makes_no_offer_and_never_a_cap() -> None:
    m = measure("保障投资额1亿元以上的重大项目用地。")
    assert m.offers == []
    assert [a.role for a in m.amounts] == ["threshold"]


def test_instrument_named_without_figures() -> None:
    m = measure("设立人工智能产业基金，对企业贷款给予贴息支持。")
    assert {o.instrument_class for o in m.offers} == {"InvestmentFund", "InterestSubsidy"}
    assert all(o.max_amount is None for o in m.offers)


def test_no_instrument_word_no_figure_no_offer() -> None:
    assert measure("加强组织领导，营造良好氛围。").offers == []


def test_a_range_gives_its_upper_end_as_the_cap_and_its_lower_end_as_the_minimum() -> None:
    assert roles("对示范项目给予100万元至500万元奖励。") == [(yuan("100"), "min_amount"),
                                                         (yuan("500"), "cap")]
    doc = parse_text("一、示范。对示范项目给予20—50万元奖励。\n二、其他。给予支持。")
    offer = doc.measures[0].offers[0]
    assert (offer.min_amount.value, offer.max_amount.value) == (yuan("20"), yuan("50"))


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("市财政每年安排1亿元专项资金，支持人工智能发展。", "10000"),
     ("设立规模20亿元的产业基金。", "200000")],
)
def test_budgets_set_aside(sentence: str, value: str) -> None:
    assert roles(sentence) == [(yuan(value), "total_budget")]


def test_the_payer_level_is_not_the_recognition_level() -> None:
    m = measure("市级产业专项资金对符合条件的项目，按照项目总投资的30%给予支持，最高500万元。")
    (offer,) = m.offers
    assert offer.recognition_level is None
    assert offer_facts(offer)["max"] == yuan("500")


def test_cost_share_of_any_named_basis_before_a_giving_word() -> None:
    m = measure("对入驻企业，按实际支付租金50%给予补贴，每家每年最高20万元。")
    assert [(r.value, r.role, r.cost_basis) for r in m.ratios] == [
        (Decimal("0.5"), "cost_share", "支付租金")]


def test_the_same_enterprise_total_is_a_per_recipient_cap_not_a_budget() -> None:
    got = roles("按合同金额的30%给予补贴，单个合同补贴最高100万元，同一企业年度补贴总额不超过300万元。")
    assert got == [(yuan("100"), "per_recipient_cap"), (yuan("300"), "per_recipient_cap")]


def test_programmes_in_quotes_but_not_instruments_or_slogans() -> None:
    m = measure("实施“数字赋能”行动，举办“创新杯”大赛，发放“算力券”，按“一事一议”方式支持，"
                "组织“星火计划”“燎原计划”等专项。")
    assert [p.name for p in m.programs] == ["数字赋能行动", "创新杯", "星火计划", "燎原计划"]
    assert all(m.span.start <= p.span.start < m.span.end for p in m.programs)


def test_hard_wrapped_lines_do_not_cut_a_sentence() -> None:
    doc = parse_text("一、支持研发。对企业研发投入给予补助，\n单个企业最高200万元。\n二、其他。加强宣传。")
    (offer,) = doc.measures[0].offers
    assert (offer.instrument_class, offer.max_amount.value) == ("Subsidy", yuan("200"))


def test_an_amount_without_a_role_is_kept_as_other_with_a_warning() -> None:
    doc = parse_text("一、措施。\n企业注册资本为300万元。\n二、其他。加强宣传。")
    assert [(a.value, a.role) for a in doc.measures[0].amounts] == [(yuan("300"), "other")]
    (warning,) = [w for w in doc.warnings if w.code == "amount-role-unknown"]
    assert warning.line == 2 and "300万元" in warning.message


def test_generic_support_is_not_an_instrument_offer() -> None:
    assert measure("对重点企业给予政策扶持。").offers == []
