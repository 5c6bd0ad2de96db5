"""Patterns the seventeenth blind corpus found missing: measures headed by Roman numerals, lettered
items of an application guide, inline 其一…其二 leaves, the unnumbered items of a ``<ul>``, a
short name defined after a unit (以下简称…), a unit price as a condition, a ceiling reached
(最高可达), a quota of a 限额, a budget beside a target, a section label alone above a headline,
and a city's own name for its data bureau.

Each fails on the loader before its change.
"""

from __future__ import annotations

from policykg.loaders.html import html_to_text
from policykg.loaders.route import load
from tests.loaders.official_helpers import NOTICE_HEAD as HEAD
from tests.loaders.official_helpers import NOTICE_SIGN as SIGN
from tests.loaders.official_helpers import money_roles as _money
from tests.loaders.official_helpers import parse_text
from tests.loaders.official_helpers import unit_roles as _units


def test_roman_numeral_sections() -> None:
    doc = parse_text(HEAD + "Ⅰ、支持研发。对企业研发投入给予最高30万元补助。\n"
                     "Ⅱ、支持上市。对企业上市给予一次性奖励100万元。\n" + SIGN)
    assert [_money(m) for m in doc.measures] == [[("cap", 300000)], [("cap", 1000000)]]


def test_lettered_items_under_chapters_of_a_guide() -> None:
    doc = parse_text(HEAD + "一、支持标准\nA. 改造项目：按设备投资额的20%给予补助，单个项目最高200万元。\n"
                     "B. 首台装备：每个产品最高可达500万元。\n二、申报条件\n"
                     "A. 所购设备单台价格不低于10万元；\nB. 本年度拟支持项目限额15个，择优确定。\n" + SIGN)
    assert [m.marker for m in doc.measures] == ["A.", "B.", "A.", "B."]
    assert _money(doc.measures[1]) == [("per_recipient_cap", 5000000)]
    assert _money(doc.measures[2]) == [("threshold", 100000)]
    assert [q.count for q in doc.measures[3].quotas] == [15]


def test_inline_qi_yi_leaves() -> None:
    doc = parse_text(HEAD + "一、做强产业链\n其一，对企业新建项目给予最高100万元奖励；其二，对企业上市给予一次性奖励50万元。\n"
                     "二、强化保障\n其一，力争到2028年覆盖率达到85%，市级财政每年安排5000万元专项资金予以保障。\n" + SIGN)
    assert [_money(m) for m in doc.measures] == [
        [("cap", 1000000)], [("cap", 500000)], [("total_budget", 50000000)]]


def test_the_items_of_an_unnumbered_list_are_measures(tmp_path) -> None:
    lines = html_to_text("<ul><li>对企业给予奖励。</li><li>对人才给予补贴。</li></ul>").split("\n")
    assert lines == ["• 对企业给予奖励。", "• 对人才给予补贴。"]
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>某市商务局关于印发某市若干措施的通知</p><p>某商发〔2026〕7号</p>"
                    "<ul class='menu'><li><a href='/'>首页</a></li><li><a href='/a'>政务</a></li>"
                    "<li><a href='/b'>互动</a></li></ul><p>某市若干措施</p>"
                    "<ul><li>对新建物流园区给予最高200万元补助。</li><li>对物流企业给予一次性奖励50万元。</li>"
                    "<li>对企业购置新车的，每辆车给予5000元补贴。</li></ul>"
                    "<p>本措施自2026年8月1日起施行。</p><p>某市商务局</p><p>2026年7月6日</p></body></html>",
                    encoding="utf-8")
    doc = load(page).record
    assert [_money(m) for m in doc.measures] == [
        [("cap", 2000000)], [("cap", 500000)], [("unit_rate", 5000)]]


def test_a_units_defined_short_name_is_no_unit() -> None:
    doc = parse_text("某开发区管理委员会关于印发某细则的通知\n"
                     "第一条　专项资金由某开发区科技和经济信息化局（以下简称区科经局）会同某开发区财政局"
                     "（以下简称区财政局）负责管理。\n第二条　对企业给予一次性奖励10万元。\n"
                     "某开发区管理委员会\n2026年5月6日\n")
    assert _units(doc.measures[0]) == [("某开发区科技和经济信息化局", "lead"), ("某开发区财政局", "support")]


def test_a_section_label_alone_is_no_headline(tmp_path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("【两岸产经】\n\n某市出台新材料新措施　设备补助上限800万\n\n记者 林某／综合报道\n\n"
                    "某市日前印发《某市新材料若干措施》，设备投资补助最高800万元。\n", encoding="utf-8")
    assert load(news).record.title == "某市出台新材料新措施 设备补助上限800万"


def test_a_citys_own_name_for_its_data_bureau() -> None:
    doc = parse_text(HEAD + "一、对企业给予一次性奖励10万元。（市政务服务与数据管理局负责）\n"
                     "二、对企业给予一次性奖励20万元。\n" + SIGN)
    assert [u.name for u in doc.measures[0].responsible] == ["某市政务服务与数据管理局"]
