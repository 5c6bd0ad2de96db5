"""Patterns the fourteenth blind corpus found missing: a table drawn with box characters in a
UTF-8 text, a gazette page of two columns merged line by line, a notice revising the figures of
an earlier one, places by province in a table, a units note holding brackets, a metadata label
without a colon, a ceiling per production line, a robot integrator's kind.

Each fails on the loader before its change.
"""

from __future__ import annotations

from policykg.loaders.columns import unmerge_columns
from policykg.loaders.route import load
from policykg.loaders.source import decode_bytes
from policykg.loaders.tables import text_tables
from tests.loaders.official_helpers import parse_text

HEAD = "某市人民政府办公室关于印发某市若干措施的通知\n某政办发〔2026〕9号\n\n"
SIGN = "\n某市人民政府办公室\n2026年5月6日\n"
BOX = ("┌──┬────┬──────────┐\n"
       "│序号│支持事项│支持标准                │\n"
       "├──┼────┼──────────┤\n"
       "│ 1  │整机研发│对企业研发的整机产品，每个型号给予100万元│\n"
       "│    │        │奖励。                  │\n"
       "├──┼────┼──────────┤\n"
       "│ 2  │起降设施│按建设投资额的30%给予补助，单个项目最│\n"
       "│    │        │高200万元。             │\n"
       "└──┴────┴──────────┘\n")


def _money(m) -> list[tuple[str, int]]:
    return [(a.role, int(a.value)) for a in m.amounts]


def _units(m) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


def test_a_utf8_text_with_a_box_drawn_table_is_text() -> None:
    text, encoding = decode_bytes(("对企业给予支持。\n" + BOX).encode("utf-8"))
    assert encoding == "utf-8" and "┌" in text


def test_a_box_drawn_table_gives_one_record_per_row_with_its_wrapped_cells() -> None:
    lines = text_tables(BOX).split("\n")
    assert lines[:3] == ["序号：1", "支持事项：整机研发", "支持标准：对企业研发的整机产品，每个型号给予100万元奖励。"]
    assert "支持标准：按建设投资额的30%给予补助，单个项目最高200万元。" in lines


def test_a_box_drawn_table_of_measures(tmp_path) -> None:
    page = tmp_path / "g.txt"
    page.write_text(HEAD + "一、支持标准\n" + BOX + SIGN, encoding="utf-8")
    doc = load(page).record
    assert [_money(m) for m in doc.measures] == [
        [("per_recipient_cap", 1000000)], [("per_recipient_cap", 2000000)]]


def test_two_columns_merged_line_by_line_are_read_column_by_column() -> None:
    pairs = [("三、每年遴选不超", "五、对首次升规的企业，给予"), ("过12个示范项目，每", "一次性奖励10万元。"),
             ("个奖励30万元。", "（责任单位：市统计局）"), ("四、对服务商按合同", "六、市财政每年安排专项资"),
             ("金额的10%给予奖励。", "金5000万元。")]
    text = "\n".join(left.ljust(14, "\u3000") + "    " + right for left, right in pairs)
    text += "\n七、本措施自印发之日起施行。"
    assert unmerge_columns(text).split("\n") == [
        "三、每年遴选不超过12个示范项目，每个奖励30万元。", "四、对服务商按合同金额的10%给予奖励。",
        "五、对首次升规的企业，给予一次性奖励10万元。", "（责任单位：市统计局）",
        "六、市财政每年安排专项资金5000万元。", "七、本措施自印发之日起施行。"]
    assert unmerge_columns("甲    乙\n丙    丁\n") == "甲    乙\n丙    丁\n"  # two lines: no page


def test_a_revised_standard_states_its_new_figures_only() -> None:
    doc = parse_text(
        "某市人民政府办公室关于调整《某市若干政策》部分支持标准的通知\n某政办发〔2026〕5号\n\n各县（市、区）人民政府：\n"
        "现对《某市若干政策》（某政办发〔2024〕8号，以下简称《若干政策》）部分支持标准调整如下：\n"
        "一、第三条中“按设备投资额的10%给予补助”调整为“按设备投资额的15%给予补助”。\n"
        "二、第五条中，每年安排的算力券额度由1000万元提高至2000万元，单个企业年度抵扣上限由50万元提高至80万元。\n"
        "三、第七条中，奖励比例保持交易额的2%不变。\n"
        "四、本通知自2026年3月1日起执行。《若干政策》其他条款继续有效，原相应支持标准同时停止执行。\n" + SIGN)
    assert [(r.role, float(r.value)) for r in doc.measures[0].ratios] == [("cost_share", 0.15)]
    assert _money(doc.measures[1]) == [("total_budget", 20000000), ("per_recipient_cap", 800000)]
    assert [(r.role, float(r.value)) for r in doc.measures[2].ratios] == [("cost_share", 0.02)]
    assert doc.repeals == []


def test_places_by_province_in_a_table_are_quotas(tmp_path) -> None:
    page = tmp_path / "m.txt"
    page.write_text(HEAD + "一、推荐名额按下表执行：\n\n推荐名额\t省（区、市）\n3个\t江苏、浙江\n1\t其他省（区）\n\n"
                    "二、对试点城市给予最高1亿元奖补。\n" + SIGN, encoding="utf-8")
    doc = load(page).record
    assert [q.count for q in doc.measures[0].quotas] == [3, 1]


def test_a_units_note_holding_brackets_names_its_units() -> None:
    doc = parse_text(HEAD + "一、市财政每年安排专项资金1.5亿元。（责任单位：市财政局，各县（市、区）人民政府）\n"
                     "二、对企业给予最高10万元奖励。（责任单位：市经信局）\n" + SIGN)
    assert _units(doc.measures[0]) == [("某市财政局", "responsible")]  # 各县（市、区）: no unit, not split


def test_a_spaced_title_label_without_a_colon(tmp_path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><body><table><tr><td>发文机关</td><td>某市人民政府办公室</td><td>成文日期</td>"
                    "<td>2026年04月09日</td></tr><tr><td>标　　题</td><td colspan=\"3\">"
                    "某市人民政府办公室关于印发某市算力若干措施的通知</td></tr></table>"
"<p>某市人民政府办公室关于印发某市算力若干措施的通知</p><p>各区人民政府：</p>"
                    "<p>现将《某市算力若干措施》印发给你们。</p><p>某市人民政府办公室</p><p>2026年4月9日</p>"
                    "<p>1、对企业给予最高10万元奖励。</p><p>2、对企业给予最高20万元奖励。</p></body></html>",
                    encoding="utf-8")
    assert load(page).record.notice_title == "某市人民政府办公室关于印发某市算力若干措施的通知"


def test_a_ceiling_per_line_and_a_robot_integrators_kind() -> None:
    doc = parse_text(HEAD + "一、对新建示范产线的，按产线投资额的20%给予补助，单条产线最高300万元。\n"
                     "二、对机器人系统集成企业年度合同额首次突破5000万元的，给予一次性奖励50万元。\n" + SIGN)
    assert _money(doc.measures[0]) == [("per_recipient_cap", 3000000)]
    assert [c.concept.rsplit("/", 1)[-1] for c in doc.measures[1].categories] == ["robotics-enterprise"]


def test_the_left_column_may_run_a_line_longer_than_the_right() -> None:
    pairs = [("三、对企业上云的，每", "五、对企业给予一次性"), ("家每年最高5万元，支", "奖励50万元。"),
             ("持不超过300家。（", "六、市财政每年安排"), ("", "")]
    text = "\n".join(left.ljust(12, "\u3000") + "    " + right for left, right in pairs[:3])
    text += "\n责任单位：市工信局）\n\n七、本措施自印发之日起施行。"
    lines = unmerge_columns(text).split("\n")
    assert lines[0] == "三、对企业上云的，每家每年最高5万元，支持不超过300家。（责任单位：市工信局）"
    assert lines[-1] == "七、本措施自印发之日起施行。"
