"""Responsible units and 区/市/省 prefixes resolved against the issuing jurisdiction."""

from __future__ import annotations

import pytest

from policykg.loaders.agencies import jurisdiction_prefixes, resolve_name
from policykg.loaders.units import strip_etc
from tests.loaders.official_helpers import parse_text


def test_prefixes_prefer_the_district_over_the_development_zone() -> None:
    prefixes = jurisdiction_prefixes(["苏州工业园区经济发展委员会", "苏州市吴中区工业和信息化局"])
    # the zone's own word (园区财政局) stands for the zone, 区 for the administrative district
    assert prefixes == {"市": "苏州市", "区": "苏州市吴中区", "园区": "苏州工业园区"}
    assert jurisdiction_prefixes(["湖北省人民政府办公厅"]) == {"省": "湖北省"}


def test_only_a_zone_issued_then_the_zone_is_the_district() -> None:
    assert jurisdiction_prefixes(["武汉东湖新技术开发区管理委员会"])["区"] == "武汉东湖新技术开发区"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("区科技局", "苏州市吴中区科技局"),
        ("区委组织部", "苏州市吴中区委组织部"),
        ("市财政局", "苏州市财政局"),
        ("市场监管局", "市场监管局"),  # 市场 is not a prefix
        ("国家发展改革委", "国家发展改革委"),
    ],
)
def test_resolve_name(short: str, full: str) -> None:
    assert resolve_name(short, {"市": "苏州市", "区": "苏州市吴中区"}) == full


def test_strip_trailing_etc() -> None:
    assert strip_etc("区商务局等有关部门") == "区商务局"
    assert strip_etc("市教育局等相关单位") == "市教育局"
    assert strip_etc("市教育局") == "市教育局"


def test_responsible_and_cooperating_units_per_measure() -> None:
    text = ("苏州市吴中区工业和信息化局关于印发措施的通知\n吴工信〔2024〕6号\n苏州市吴中区工业和信息化局\n"
            "2024年3月3日\n一、支持研发。给予补助。（责任单位：区工业和信息化局、区科技局；"
            "配合单位：区财政局、区市场监管局等有关部门）\n"
            "二、支持人才。引进人才。（牵头单位：区人社局）")
    doc = parse_text(text)
    first, second = doc.measures
    # short names are written out in full (科技局 → 科学技术局), the written form is kept
    assert [a.name for a in first.responsible] == ["苏州市吴中区工业和信息化局", "苏州市吴中区科学技术局"]
    assert [a.written for a in first.responsible] == ["区工业和信息化局", "区科技局"]
    assert [a.name for a in first.cooperating] == ["苏州市吴中区财政局", "苏州市吴中区市场监督管理局"]
    assert [a.name for a in second.responsible] == ["苏州市吴中区人力资源和社会保障局"]
    for a in first.responsible + first.cooperating:
        assert doc.source.text[a.span.start : a.span.end] == a.span.text
        assert a.span.text.startswith("区")


def test_short_form_of_another_jurisdiction_is_not_taken_from_the_vocabulary() -> None:
    # 区工业和信息化局 is a hidden label of one district's bureau; a different district keeps its own
    text = ("杭州市西湖区科学技术局关于印发措施的通知\n西科〔2024〕1号\n杭州市西湖区科学技术局\n2024年3月3日\n"
            "一、支持研发。给予补助。（责任单位：区工业和信息化局）\n二、支持应用。给予奖励。")
    (unit,) = parse_text(text).measures[0].responsible
    assert unit.name == "杭州市西湖区工业和信息化局"
    assert unit.concept is None or "xi-hu" in unit.concept
