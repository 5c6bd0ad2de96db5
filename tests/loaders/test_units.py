"""Responsible units in every form real notices use, each with its role (lead, support,
responsible), names resolved against the issuing jurisdiction."""

from __future__ import annotations

import pytest

from tests.loaders.official_helpers import parse_text

HEAD = "湖北省人民政府办公厅关于印发湖北省支持机器人产业发展若干措施的通知\n"
TAIL = "\n二、其他事项。按规定执行。\n湖北省人民政府办公厅\n2025年4月2日\n"


def _units(sentence: str) -> list[tuple[str, str | None]]:
    doc = parse_text(HEAD + "一、支持研发。对企业给予最高100万元补助。" + sentence + TAIL)
    m = doc.measures[0]
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("（牵头单位：省科技厅；配合单位：省财政厅）",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("（牵头\n单位：省科技厅）", [("湖北省科学技术厅", "lead")]),
    ("（省科技厅、省财政厅按职责分工负责）",
     [("湖北省科学技术厅", "responsible"), ("湖北省财政厅", "responsible")]),
    ("由省科技厅牵头组织实施，省财政厅配合做好资金保障。",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("本措施由省科技厅会同省财政厅组织实施。",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("由省财政厅负责。", [("湖北省财政厅", "responsible")]),
    ("省科技厅负责项目认定，省财政厅负责资金拨付。",
     [("湖北省科学技术厅", "responsible"), ("湖北省财政厅", "responsible")]),
    ("省市场监管局牵头负责。", [("湖北省市场监督管理局", "lead")]),
    ("省科技厅负责政策解释。", []),
    # a company given a role beside a government body is a unit; companies alone are none
    ("（省发展改革委牵头，国网湖北省电力有限公司配合）",
     [("湖北省发展和改革委员会", "lead"), ("国网湖北省电力有限公司", "support")]),
    ("（武汉甲乙科技有限公司、武汉丙丁智能有限公司）", []),
])
def test_unit_forms(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _units(sentence) == expected


def test_autonomous_region_prefix() -> None:
    """自治区财政厅 in a document of 宁夏回族自治区 is 宁夏回族自治区财政厅."""
    text = ("宁夏回族自治区工业和信息化厅关于印发支持新材料产业发展若干措施的通知\n"
            "一、支持研发。给予补助。（牵头单位：自治区工业和信息化厅；配合单位：自治区财政厅）\n"
            "二、其他。按规定执行。\n宁夏回族自治区工业和信息化厅\n2024年8月26日\n")
    m = parse_text(text).measures[0]
    assert [u.name for u in m.responsible + m.cooperating] == [
        "宁夏回族自治区工业和信息化厅", "宁夏回族自治区财政厅"]


def test_a_division_of_labour_table_gives_each_measure_its_units() -> None:
    """政策任务分工表 after the measures: rows matched to measures by heading or number."""
    text = ("合肥市人民政府办公室关于印发合肥市支持机器人产业若干政策的通知\n"
            "一、支持整机研发。对企业给予最高100万元补助。\n二、支持场景应用。对项目给予补贴。\n"
            "合肥市人民政府办公室\n2025年3月1日\n附件\n政策任务分工表\n"
            "序号　政策条款　牵头单位　配合单位\n"
            "1　支持整机研发　市经济和信息化局　市财政局\n"
            "2　支持场景应用　市发展改革委　市数据资源局、市财政局\n")
    doc = parse_text(text)
    got = [[(u.name, u.role) for u in m.responsible + m.cooperating] for m in doc.measures]
    assert got == [[("合肥市经济和信息化局", "lead"), ("合肥市财政局", "support")],
                   [("合肥市发展和改革委员会", "lead"), ("合肥市数据资源局", "support"),
                    ("合肥市财政局", "support")]]
