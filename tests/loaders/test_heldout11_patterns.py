"""Patterns the eleventh blind corpus found missing: a table of measures with no 序号 column;
首先…其次…最后 leaves; a 以上两条由…牵头 sentence; a Markdown field table and a 分工表 naming
measures by marker, with a company as a unit; stacked issuers of a 联合印发 notice; rates per
vehicle and station, a voucher budget, software bought as no sector; a city named like a sentence.

Each fails on the loader before its change.
"""

from __future__ import annotations

from decimal import Decimal

from policykg.loaders.tables import table_lines
from tests.loaders.official_helpers import amounts, parse_text, yuan

ROWS = [["支持方向", "支持内容", "责任单位"],
        ["智能装备", "对企业购置智能装备的，按购置额的10%给予补助，单个企业最高200万元。",
         "市工业和信息化局（牵头）、市财政局（配合）"],
        ["算力服务", "对中小企业租用算力的，按费用的30%给予补贴，每家企业每年最高50万元。",
         "市数据资源局（牵头）"]]


def test_a_table_of_offers_with_a_units_column_and_no_row_numbers_lists_measures() -> None:
    assert table_lines(ROWS)[:4] == ["序号：1", "支持方向：智能装备",
                                     "支持内容：对企业购置智能装备的，按购置额的10%给予补助，单个企业最高200万元。",
                                     "责任单位：市工业和信息化局（牵头）、市财政局（配合）"]
    text = ("某市人民政府办公室关于印发某市若干措施的通知\n\n某政办〔2026〕4号\n\n"
            + "\n".join("｜".join(r) for r in ROWS) + "\n\n某市人民政府办公室\n2026年3月1日\n")
    doc = parse_text(text)
    assert [m.heading for m in doc.measures] == ["智能装备", "算力服务"]
    assert amounts(doc.measures[1]) == [(yuan("50"), "per_recipient_cap")]
    assert [(u.name, u.role) for u in doc.measures[0].responsible + doc.measures[0].cooperating] == [
        ("某市工业和信息化局", "lead"), ("某市财政局", "support")]


def test_a_units_table_without_offers_stays_a_division_of_labour() -> None:
    plain = [["任务", "支持内容", "责任单位"], ["支持研发", "组织攻关", "市科技局"],
             ["支持应用", "开放场景", "市工信局"]]
    assert table_lines(plain)[0] != "序号：1"


def _sectors(m) -> list[str]:
    return sorted(c.concept.rsplit("/", 1)[-1] for c in m.sectors)


def _units(m) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


HEAD = "某市人民政府办公室关于印发某市若干措施的通知\n某政办发〔2026〕7号\n\n"
SIGN = "\n某市人民政府办公室\n2026年5月6日\n"


def test_first_next_last_inside_an_item_are_its_measures() -> None:
    doc = parse_text(HEAD + "一、支持企业发展\n（一）做强企业。首先，对企业首次获评高新技术企业的，给予20万元奖励。"
                     "其次，对企业新建研发中心的，给予最高50万元补助。最后，对企业上市的，给予300万元奖励。"
                     "（市科技局牵头，市财政局配合）\n（二）稳定就业。对吸纳就业的企业给予每人1000元补贴。\n" + SIGN)
    assert len(doc.measures) == 4
    assert [a for a, _ in amounts(doc.measures[2])] == [yuan("300")]
    assert _units(doc.measures[1]) == [("某市科学技术局", "lead"), ("某市财政局", "support")]


def test_a_units_sentence_after_items_holds_for_each() -> None:
    doc = parse_text(HEAD + "一、支持研发\n第一，对企业研发投入按10%给予补助，最高100万元。\n"
                     "第二，对企业购置研发设备按20%给予补助，最高80万元。\n以上两条由市科技局牵头、市财政局配合。\n"
                     "二、附则\n本措施自印发之日起施行。\n" + SIGN)
    assert [_units(m) for m in doc.measures[:2]] == [[("某市科学技术局", "lead"), ("某市财政局", "support")]] * 2


def test_a_markdown_field_table_and_a_division_table_naming_markers(tmp_path) -> None:
    assert table_lines([["项目", "内容"], ["发文字号", "某发〔2026〕1号"]]) == ["发文字号：某发〔2026〕1号"]
    text = ("# 某省工业和信息化厅关于印发《某省若干措施》的通知\n\n| 项目 | 内容 |\n|---|---|\n"
            "| 发文字号 | 某工信发〔2026〕2号 |\n\n某省工业和信息化厅\n\n2026年2月2日\n\n"
            "**（一）支持设备更新。** 对企业更新设备的，按投资额的10%给予补助，最高100万元。\n\n"
            "**（二）支持储能。** 对企业建设用户侧储能项目的，每千瓦时补贴0.1元。\n\n"
            "| 措施 | 牵头单位 | 配合单位 |\n|---|---|---|\n| （一） | 省工业和信息化厅 | 省财政厅 |\n"
            "| （二） | 省能源局 | 国网某省电力公司 |\n")
    from policykg.loaders.route import load

    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    doc = load(page).record
    assert doc.number == "某工信发〔2026〕2号"
    assert _units(doc.measures[0]) == [("某省工业和信息化厅", "lead"), ("某省财政厅", "support")]
    assert ("国网某省电力公司", "support") in _units(doc.measures[1])
    assert _sectors(doc.measures[1]) == ["energy"]


def test_stacked_bureaus_over_a_joint_notice_all_issue_it() -> None:
    text = ("某市科学技术局\n某市财政局\n某市商务局\n关于联合印发《某市支持外贸企业创新若干措施》的通知\n\n"
            "某科发〔2026〕3号\n\n一、对企业研发给予最高50万元补助。由市科学技术局负责。\n"
            "二、本措施自2026年3月1日起施行。\n\n发文机关：某市科学技术局　某市财政局　某市商务局\n二○二六年二月一日\n")
    doc = parse_text(text)
    assert doc.title == "某市支持外贸企业创新若干措施"
    assert [i.name for i in doc.issuers] == ["某市科学技术局", "某市财政局", "某市商务局"]
    assert "发文机关" not in doc.measures[-1].heading


def test_rates_per_vehicle_and_station_and_a_voucher_budget() -> None:
    doc = parse_text(HEAD + "一、对企业每辆运营车辆每年给予3000元补贴。\n二、对新建换电站每座补助40万元。\n"
                     "三、市财政每年安排算力券3000万元，对企业购买工业软件和算力的，按30%给予补贴。\n" + SIGN)
    assert amounts(doc.measures[0]) == [(Decimal(3000), "unit_rate")]
    assert amounts(doc.measures[1]) == [(yuan("40"), "unit_rate")]
    assert (yuan("3000"), "total_budget") in amounts(doc.measures[2])
    assert "software" not in _sectors(doc.measures[2])


def test_a_city_whose_name_begins_like_a_sentence_heads_its_notice_title() -> None:
    doc = parse_text("自贡市人民政府关于印发自贡市支持制造业发展若干措施的通知\n自府发〔2026〕2号\n\n"
                     "一、对企业给予最高10万元奖励。\n二、本措施自印发之日起施行。\n\n自贡市人民政府\n2026年1月2日\n")
    assert doc.notice_title == "自贡市人民政府关于印发自贡市支持制造业发展若干措施的通知"
    assert doc.title == "自贡市支持制造业发展若干措施"
