"""Patterns the sixteenth blind corpus found missing: measures numbered 第一项, 一） and 【一】, the
units and the jurisdiction of the 新疆生产建设兵团, a share in tenths (三成), a notice forwarding a
higher body's document, repeals wrapped over the lines of a PDF copy with one cue each, a
report's masthead of a section and a date, a rate per station under a yearly ceiling, a trial
of two years, a fine's subject, and 同一经营主体.

Each fails on the loader before its change.
"""

from __future__ import annotations

import datetime as dt

from policykg.loaders.money import find_percentages
from policykg.loaders.route import load
from tests.loaders.official_helpers import NOTICE_HEAD as HEAD
from tests.loaders.official_helpers import NOTICE_SIGN as SIGN
from tests.loaders.official_helpers import money_roles as _money
from tests.loaders.official_helpers import parse_text
from tests.loaders.official_helpers import unit_roles as _units


def test_measures_numbered_di_yi_xiang() -> None:
    doc = parse_text(HEAD + "某市若干措施\n第一项　支持设备更新。对企业更新设备的，给予一次性奖励20万元。\n"
                     "第二项　支持人才引进。对企业引进博士的，每人给予5万元安家补贴。\n" + SIGN)
    assert [m.marker for m in doc.measures] == ["第一项", "第二项"]
    assert [_money(m) for m in doc.measures] == [[("cap", 200000)], [("per_recipient_cap", 50000)]]


def test_measures_numbered_with_a_closing_bracket_or_lenticular_brackets() -> None:
    for first, second in (("一）", "二）"), ("【一】", "【二】")):
        doc = parse_text(HEAD + f"{first}支持研发。对企业研发投入给予最高30万元补助。\n"
                         f"{second}支持上市。对企业上市给予一次性奖励100万元。\n" + SIGN)
        assert [_money(m) for m in doc.measures] == [[("cap", 300000)], [("cap", 1000000)]], first


def test_the_corps_units_and_jurisdiction() -> None:
    doc = parse_text("新疆生产建设兵团办公厅关于印发兵团若干措施的通知\n兵团若干措施\n"
                     "一、对团场购置智能农机的，按购置价格的三成给予补贴，同一经营主体每年补贴总额不超过15万元。"
                     "（牵头单位：兵团农业农村局；配合单位：兵团科技局、兵团发展改革委）\n"
                     "二、对示范团场给予一次性奖补300万元。（责任单位：兵团财政局）\n"
                     "新疆生产建设兵团办公厅\n2026年3月27日\n")
    assert doc.jurisdiction.rsplit("/", 1)[-1] == "xpcc"
    first = doc.measures[0]
    assert _units(first) == [("新疆生产建设兵团农业农村局", "lead"), ("新疆生产建设兵团科学技术局", "support"),
                             ("新疆生产建设兵团发展和改革委员会", "support")]
    assert [(str(r.value), r.role) for r in first.ratios] == [("0.3", "cost_share")]
    assert _money(first) == [("per_recipient_cap", 150000)]


def test_tenths_are_shares_only_as_figures() -> None:
    text = "按购置价格的三成给予补贴；按3成给予补助；一成不变；九成以上的企业；的三成以上"
    assert [str(f.value) for f in find_percentages(text)] == ["0.3", "0.3"]


def test_a_forwarded_documents_province_is_no_jurisdiction() -> None:
    doc = parse_text("某某市人民政府办公室\n关于转发《河南省支持制造业发展若干措施》的通知\n某政办〔2026〕3号\n"
                     "现将《河南省支持制造业发展若干措施》（豫政办〔2026〕8号）转发给你们，结合我市实际，提出以下补充措施。\n"
                     "一）对制造业企业给予最高50万元奖励。\n二）对新认定的智能工厂给予一次性奖励30万元。\n"
                     "某某市人民政府办公室\n2026年4月9日\n")
    assert doc.jurisdiction is None or not doc.jurisdiction.endswith("/henan")
    assert len(doc.measures) == 2


def test_repeals_wrapped_over_lines_each_before_its_cue() -> None:
    doc = parse_text("某开发区管理委员会关于印发某办法的通知\n某管发〔2026〕3号\n"
                     "第一条　对企业给予一次性奖励10万元。\n"
                     "第二条　本办法自2026年5月1日起施行，有效期二年。《某开发区促进产\n"
                     "业发展若干规定》（某管发〔2023〕11号）自\n"
                     "本办法施行之日起废止，《某开发区扶持资金管理细则》（某管发〔2024〕2号）同时废止。\n"
                     "某开发区管理委员会\n2026年4月20日\n")
    assert sorted(r.number for r in doc.repeals) == ["某管发〔2023〕11号", "某管发〔2024〕2号"]


def test_a_section_and_date_masthead_is_no_headline(tmp_path) -> None:
    for masthead in ("【两岸产经】2026-04-21", "财经新闻　2026年3月24日　星期二"):
        news = tmp_path / "news.txt"
        news.write_text(f"{masthead}\n\n某市出台办法扶持智能农机\n\n记者 王某／综合报道\n\n"
                        "某市日前印发《某市智能农机扶持办法》，新产品每项奖励30万元。\n", encoding="utf-8")
        assert load(news).record.title == "某市出台办法扶持智能农机", masthead


def test_a_rate_per_station_under_a_yearly_ceiling() -> None:
    doc = parse_text(HEAD + "一、对建成投运的储能电站，按放电量每千瓦时0.1元给予补贴，每座电站每年最高80万元。\n"
                     "二、对企业给予一次性奖励10万元。\n" + SIGN)
    money = _money(doc.measures[0])
    assert ("unit_rate", 800000) in money and ("cap", 800000) not in money


def test_a_trial_of_two_years() -> None:
    doc = parse_text(HEAD + "一、对企业给予一次性奖励10万元。\n二、本办法自印发之日起试行二年。\n" + SIGN)
    assert (doc.valid_from, doc.valid_until) == (dt.date(2026, 5, 6), dt.date(2028, 5, 5))


def test_who_is_fined_is_no_recipient() -> None:
    doc = parse_text(HEAD + "一、对新认定的高新技术企业给予一次性奖励20万元。\n"
                     "二、骗取资金的，责令退还；为企业出具虚假报告的中介机构，处五千元以上五万元以下的罚款。\n" + SIGN)
    assert [c.concept.rsplit("/", 1)[-1] for c in doc.measures[1].categories] == []
    assert [int(p.value) for p in doc.measures[1].penalties] == [50000]
