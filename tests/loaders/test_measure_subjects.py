"""Regression: sectors and themes were read out of agency names (工业 in 工业和信息化局)."""

from __future__ import annotations

from policykg.loaders.official import parse_official
from policykg.loaders.source import source_from_bytes

DOC = """某市工业和信息化局关于印发某市支持数据产业发展若干措施的通知
某工信规〔2024〕3号
各有关单位：
现将《某市支持数据产业发展若干措施》印发给你们，请认真贯彻执行。
某市工业和信息化局
2024年5月6日
某市支持数据产业发展若干措施
一、支持数据资产入表。对首次完成数据资产入表的企业，给予最高10万元奖励。（责任单位：市工业和信息化局、市民政局）
二、发展工业软件。对工业软件企业给予最高20万元补贴，由各区人民政府组织实施。（责任单位：市工业和信息化局）
"""


def _sectors(measure) -> set[str]:
    return {c.concept.rsplit("/", 1)[-1] for c in measure.sectors}


def test_agency_names_do_not_give_sectors() -> None:
    doc = parse_official(source_from_bytes(DOC.encode("utf-8"), "x.txt"))
    first, second = doc.measures
    assert "industry" not in _sectors(first)  # only the 责任单位 note names 工业
    assert "civil-affairs" not in _sectors(first) | _sectors(second)  # 民政局, 人民政府
    assert _sectors(second) == {"software"}  # 工业软件 in the text itself still counts
