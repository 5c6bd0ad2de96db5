"""Patterns the twelfth blind corpus found missing: ``<ol>`` items numbered by the browser,
Markdown lists typed ``1.`` throughout, short ``牵头：/配合：`` labels, a traditional-script
division table, units given by item numbers, a later attachment ending the measures, the
partner after 会同 holding 管理, a heading's generic 企业, sectors from a parent item's heading.

Each fails on the loader before its change.
"""

from __future__ import annotations

from policykg.loaders.html import html_to_text
from policykg.loaders.markdown import render
from policykg.loaders.route import load
from policykg.loaders.tables import text_tables
from policykg.loaders.unit_ranges import find_ranges
from tests.loaders.official_helpers import parse_text

HEAD = "某市人民政府办公室关于印发某市若干措施的通知\n某政办发〔2026〕9号\n\n"
SIGN = "\n某市人民政府办公室\n2026年5月6日\n"


def _units(m) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


def _categories(m) -> list[str]:
    return sorted(c.concept.rsplit("/", 1)[-1] for c in m.categories)


def test_ordered_list_items_get_the_numbers_a_browser_draws() -> None:
    text = html_to_text("<ol><li>对企业给予10万元。</li><li>对企业给予20万元。</li></ol>"
                        "<ol><li>（一）已有编号的条目。</li></ol>")
    assert text.split("\n") == ["1. 对企业给予10万元。", "2. 对企业给予20万元。", "（一）已有编号的条目。"]
    assert html_to_text('<ol start="4"><li>甲。</li><li>乙。</li></ol>') == "4. 甲。\n5. 乙。"


def test_a_markdown_list_typed_one_throughout_is_numbered_in_order() -> None:
    assert render("1. 甲\n1. 乙\n1. 丙\n").split("\n") == ["1. 甲", "2. 乙", "3. 丙"]
    assert render("3. 甲\n4. 乙\n").split("\n") == ["3. 甲", "4. 乙"]


def test_short_lead_and_support_labels_after_an_article() -> None:
    doc = parse_text(HEAD + "第一条　对企业给予最高10万元奖励。\n牵头：市工信局；配合：市财政局、市台港澳办\n"
                     "第二条　本措施自印发之日起施行。\n" + SIGN)
    assert _units(doc.measures[0]) == [("某市工业和信息化局", "lead"), ("某市财政局", "support"),
                                       ("某市人民政府台港澳事务办公室", "support")]


def test_a_traditional_division_table_keeps_its_role_columns() -> None:
    lines = text_tables("序號\t重點任務\t牽頭單位\t配合單位\n1\t支持研發\t市工信局\t市財政局").split("\n")
    assert lines[0].split() == ["序號", "重點任務", "牽頭單位", "配合單位"]


def test_units_given_by_item_numbers_and_ranges() -> None:
    view = "x。\n上述第1、2项由区科技局牵头，区财政局配合；第3至5项由区工信局负责。\n"
    assert [r.numbers for r in find_ranges(view)] == [(1, 2), (3, 4, 5)]
    doc = parse_text(HEAD + "一、支持研发\n1．对企业研发给予最高10万元补助。\n2．对企业购置设备给予最高20万元补助。\n"
                     "二、支持应用\n3．对企业应用给予最高30万元奖励。\n"
                     "上述第1、2项由市科技局牵头，市财政局配合；第3项由市工信局负责。\n" + SIGN)
    assert [_units(m) for m in doc.measures] == [
        [("某市科学技术局", "lead"), ("某市财政局", "support")]] * 2 + [[("某市工业和信息化局", "responsible")]]


def test_a_later_attachment_ends_the_measures(tmp_path) -> None:
    text = (HEAD + "附件：1．若干措施\n2．申报表\n" + SIGN + "\n附件1\n\n某市若干措施\n\n"
            "1．对企业给予最高10万元奖励。\n2．对企业给予最高20万元奖励。\n\n附件2\n\n申报表\n"
            "1．企业名称：\n2．联系人：\n3．联系电话：\n")
    doc = parse_text(text)
    assert [m.heading[:8] for m in doc.measures] == ["对企业给予最高1", "对企业给予最高2"]


def test_the_partner_after_together_runs_to_the_end_of_its_name() -> None:
    doc = parse_text(HEAD + "一、对企业给予最高10万元奖励。\n二、市工信局会同市市场监督管理局负责项目评审，市财政局配合做好资金拨付。\n"
                     + SIGN)
    assert _units(doc.measures[1]) == [("某市工业和信息化局", "lead"), ("某市市场监督管理局", "support"),
                                       ("某市财政局", "support")]


def test_a_headings_generic_enterprise_is_the_kind_the_body_names() -> None:
    doc = parse_text(HEAD + "一、降低企业融资成本。对高新技术企业获得的贷款给予50%贴息。\n"
                     "二、支持企业发展。对企业给予最高10万元奖励。\n" + SIGN)
    assert _categories(doc.measures[0]) == ["high-tech-enterprise"]
    assert _categories(doc.measures[1]) == ["enterprise"]


def test_a_leaf_takes_the_field_named_by_the_heading_of_its_item(tmp_path) -> None:
    doc = parse_text(HEAD + "一、支持方向\n（一）机器人应用\n1．申报条件：企业为规模以上工业企业。\n"
                     "2．支持标准：按每台5000元给予补贴。\n（二）其他\n1．申报条件：企业依法经营。\n"
                     "2．支持标准：给予最高10万元奖励。\n" + SIGN)
    sectors = [sorted(c.concept.rsplit("/", 1)[-1] for c in m.sectors) for m in doc.measures]
    assert sectors[1] == ["robotics"] and sectors[3] == []


def test_a_yearly_budget_set_up_as_a_fund(tmp_path) -> None:
    page = tmp_path / "n.txt"
    page.write_text(HEAD + "一、市级财政每年安排2亿元设立清洁能源产业发展专项资金。\n二、对企业给予最高10万元奖励。\n"
                    + SIGN, encoding="utf-8")
    doc = load(page).record
    assert [(a.role, int(a.value)) for a in doc.measures[0].amounts] == [("total_budget", 200000000)]
    assert [c.concept.rsplit("/", 1)[-1] for c in doc.measures[0].sectors] == ["energy"]


def test_a_newspapers_masthead_line_is_no_headline(tmp_path) -> None:
    page = tmp_path / "news.txt"
    page.write_text("某州日报　2026年5月8日　第A3版：要闻\n\n某州出台新政支持机器人产业\n\n"
                    "本报讯（记者 王某）记者从市工信局获悉，市工信局日前印发《某州市机器人产业支持政策》，"
                    "对首台（套）产品最高奖励100万元。\n", encoding="utf-8")
    assert load(page).record.title == "某州出台新政支持机器人产业"
