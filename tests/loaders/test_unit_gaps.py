"""Responsible units in forms the loader used to miss: national bodies written by their official
short names, a development zone's bureaus written with the zone word alone, bracketed labels,
a note ``（A会同B负责）`` and a role marked after one name of a list."""

from __future__ import annotations

import pytest

from policykg.loaders.agencies import jurisdiction_prefixes, resolve_name
from tests.loaders.official_helpers import parse_text
from tests.loaders.test_units import HEAD as PROVINCE_HEAD
from tests.loaders.test_units import TAIL as PROVINCE_TAIL
from tests.loaders.test_units import _units as _province_units


def _national_units(sentence: str) -> list[tuple[str, str | None]]:
    """The units of the first measure of a State Council office's document ending in ``sentence``."""
    doc = parse_text("国务院办公厅关于推进城市更新工作的意见\n一、支持改造。对项目给予补助。" + sentence
                     + "\n二、其他事项。按规定执行。\n国务院办公厅\n2025年3月6日\n")
    return [(u.name, u.role) for u in doc.measures[0].responsible + doc.measures[0].cooperating]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("（住房城乡建设部、民航局按职责分工负责）",
     [("住房和城乡建设部", "responsible"), ("中国民用航空局", "responsible")]),
    ("（人力资源社会保障部牵头，财政部、商务部配合）",
     [("人力资源和社会保障部", "lead"), ("财政部", "support"), ("商务部", "support")]),
    # 中国人民银行 ends in no agency ending; the vocabulary knows it
    ("（金融监管总局、中国人民银行按职责分工负责）",
     [("国家金融监督管理总局", "responsible"), ("中国人民银行", "responsible")]),
    ("（市场监管总局、国家知识产权局按职责分工负责）",
     [("国家市场监督管理总局", "responsible"), ("国家知识产权局", "responsible")]),
])
def test_national_short_names_are_written_out(sentence: str, expected: list) -> None:
    assert _national_units(sentence) == expected


def test_national_short_names_as_issuers() -> None:
    """A joint notice signed with the ministries' short names: the issuers in full."""
    text = ("人力资源社会保障部 住房城乡建设部关于做好工程项目用工管理的通知\n"
            "一、规范用工。建立实名登记制度。\n二、其他。按规定执行。\n"
            "人力资源社会保障部　　住房城乡建设部\n2025年5月6日\n")
    assert [r.name for r in parse_text(text).issuers] == ["人力资源和社会保障部", "住房和城乡建设部"]


def test_a_national_body_takes_no_place_from_the_list() -> None:
    """商务部 after 省商务厅 is the ministry, not 湖北省商务部."""
    got = _province_units("（省商务厅、商务部按职责分工负责）")
    assert got == [("湖北省商务厅", "responsible"), ("商务部", "responsible")]


@pytest.mark.parametrize(("issuer", "short", "full"), [
    ("苏州工业园区管理委员会", "园区财政局", "苏州工业园区财政局"),
    ("苏州工业园区管理委员会", "园区科技创新委员会", "苏州工业园区科技创新委员会"),
    ("合肥经济技术开发区管理委员会", "开发区经济发展局", "合肥经济技术开发区经济发展局"),
    ("武汉东湖新技术开发区管理委员会", "开发区财政局", "武汉东湖新技术开发区财政局"),
    ("西安高新技术产业开发区管理委员会", "高新区财政局", "西安高新技术产业开发区财政局"),
])
def test_zone_relative_names(issuer: str, short: str, full: str) -> None:
    assert resolve_name(short, jurisdiction_prefixes([issuer])) == full


def test_zone_bureaus_in_a_zone_document() -> None:
    text = ("苏州工业园区管理委员会关于印发支持智能制造若干措施的通知\n"
            "一、支持改造。对项目给予补助。（园区经济发展委员会牵头，园区财政局配合）\n"
            "二、其他。按规定执行。\n苏州工业园区管理委员会\n2025年6月3日\n")
    m = parse_text(text).measures[0]
    assert [(u.name, u.role) for u in m.responsible + m.cooperating] == [
        ("苏州工业园区经济发展委员会", "lead"), ("苏州工业园区财政局", "support")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("\n【责任单位】省科技厅、省财政厅",
     [("湖北省科学技术厅", "responsible"), ("湖北省财政厅", "responsible")]),
    ("\n【牵头单位】省科技厅\n【配合单位】省财政厅",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("【牵头单位：省科技厅；配合单位：省财政厅】",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("（省科技厅会同省财政厅负责）",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "support")]),
    ("\n责任单位：省科技厅（牵头）、省财政厅",
     [("湖北省科学技术厅", "lead"), ("湖北省财政厅", "responsible")]),
    ("（省科技厅、省财政厅按职责分工落实）",
     [("湖北省科学技术厅", "responsible"), ("湖北省财政厅", "responsible")]),
    ("（省科技厅、省财政厅、省教育厅等按职责分工负责）",
     [("湖北省科学技术厅", "responsible"), ("湖北省财政厅", "responsible"),
      ("湖北省教育厅", "responsible")]),
])
def test_more_list_forms(sentence: str, expected: list) -> None:
    assert _province_units(sentence) == expected


def test_a_bracketed_heading_is_no_unit() -> None:
    """【支持研发】 opening an item is a heading, not a list of units."""
    text = (PROVINCE_HEAD + "一、【支持研发】对企业给予最高100万元补助。" + PROVINCE_TAIL)
    m = parse_text(text).measures[0]
    assert m.responsible == [] and m.cooperating == []


def _units_per_measure(body: str) -> list[list[tuple[str, str | None]]]:
    doc = parse_text("示例市人民政府办公室关于印发示例方案的通知\n示例市人民政府办公室\n2025年5月6日\n"
                     + body)
    return [sorted((u.name.removeprefix("示例"), u.role) for u in m.responsible + m.cooperating)
            for m in doc.measures]


def test_each_section_note_holds_for_its_own_block_of_items() -> None:
    """（一）1. 2.（责任单位：A、B）（二）3. 4.（责任单位：A）: A and B for 1 and 2, A for 3 and 4;
    5. ends with its own units, which 6. does not inherit."""
    body = ("一、主要任务\n（一）推动改造。\n1.对企业改造项目给予补助。\n2.对新认定车间给予奖励。\n"
            "（责任单位：市工业和信息化局、市财政局）\n（二）扩大应用。\n3.对企业购置设备给予补贴。\n"
            "4.每年遴选场景给予支持。\n（责任单位：市工业和信息化局）\n二、保障措施\n"
            "5.加强人才引育。对新引进博士每人给予补贴。（责任单位：市人力资源和社会保障局）\n"
            "6.本方案自印发之日起施行。\n")
    both = [("市工业和信息化局", "responsible"), ("市财政局", "responsible")]
    one = [("市工业和信息化局", "responsible")]
    assert _units_per_measure(body) == [both, both, one, one,
                                        [("市人力资源和社会保障局", "responsible")], []]


def test_a_note_beginning_with_its_label_closes_inline_leaves() -> None:
    body = ("一、保障措施\n1.加强人才引育。对新引进博士每人给予补贴。\n2.加强金融服务。一是引导银行开发产品；"
            "二是对企业融资租赁给予贴息。（牵头单位：市金融工作服务中心）\n3.本方案自印发之日起施行。\n")
    units = _units_per_measure(body)
    assert units[1] == units[2] == [("市金融工作服务中心", "lead")]
    assert units[0] == units[3] == []
