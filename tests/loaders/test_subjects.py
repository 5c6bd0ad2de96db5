"""Sector tags come from what a measure supports, never from exclusions or compounds."""

from __future__ import annotations

from tests.loaders.official_helpers import parse_text


def _sectors(text: str) -> list[list[str]]:
    doc = parse_text(text)
    return [[s.concept.rsplit("/", 1)[-1] for s in m.sectors] for m in doc.measures]


def test_an_excluded_service_is_not_a_sector() -> None:
    text = ("一、支持算力租用。对租用智能算力（不包括存储、网络、安全等其他服务）的企业给予补贴。\n"
            "二、支持示范应用。在教育、医疗、安全等领域开展示范。")
    first, second = _sectors(text)
    assert "security" not in first
    assert {"education", "healthcare", "security"} <= set(second)


def test_children_s_schooling_is_no_education_policy() -> None:
    text = ("一、引进人才。完善人才住房、就医、子女教育等配套保障。\n"
            "二、推动机器人进校园。支持机器人企业在教育场景开展应用。")
    first, second = _sectors(text)
    assert "education" not in first
    assert {"robotics", "education"} <= set(second)


def test_ai_and_robots_named_together_give_both_sectors() -> None:
    text = "一、支持人工智能与机器人企业做强。对企业给予奖励。\n二、支持应用。给予补贴。"
    assert {"artificial-intelligence", "robotics"} <= set(_sectors(text)[0])


def test_a_negated_sector_is_not_tagged() -> None:
    text = "一、支持产业用地。本措施不支持房地产、金融类项目。\n二、支持机器人产业。给予奖励。"
    first, second = _sectors(text)
    assert "finance" not in first
    assert "robotics" in second


def test_data_security_inside_a_list_of_steps_is_not_a_security_sector() -> None:
    text = ("一、建设标准体系。构建涵盖技术研发、产品认证、数据安全等环节的标准体系。\n"
            "二、支持应用。给予补贴。")
    assert "security" not in _sectors(text)[0]
