"""Patterns the eleventh blind corpus found missing: a table of measures with no 序号 column.

Fails on the loader before this change (the table was read as a division-of-labour table, so
the document had no measures).
"""

from __future__ import annotations

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
