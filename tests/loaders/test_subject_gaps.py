"""Categories name the actors a measure supports; sectors the domains it promotes (subject gaps).

Each test fails on the loader before ``loaders/actors.py`` and the sector changes of this branch:
persons and offices read as categories, makers and coordinated sectors not read as kinds of
enterprise, exclusion clauses and ordinary domain words (风电、光伏, 农牧业, 制造) misread.
"""

from __future__ import annotations

import pytest

from tests.loaders.official_helpers import parse_text


def _categories(text: str) -> list[set[str]]:
    doc = parse_text(text)
    return [{c.concept.rsplit("/", 1)[-1] for c in [*m.categories, *(c for o in m.offers
                                                                     for c in o.categories)]}
            for m in doc.measures]


def _sectors(text: str) -> list[set[str]]:
    doc = parse_text(text)
    return [{s.concept.rsplit("/", 1)[-1] for s in m.sectors} for m in doc.measures]


def test_persons_working_or_studying_somewhere_are_no_categories() -> None:
    text = ("一、补贴对象。面向企业在职职工和高校毕业生开展技能培训，按每人800元给予补贴。\n"
            "二、人才补贴。机器人企业新引进的全职博士，按每人每月2000元给予生活补贴。\n"
            "三、人才安居。对在本区人工智能企业工作的硕士以上人才，给予每人每年2万元补贴。")
    first, second, third = _categories(text)
    assert not {"enterprise", "university"} & first
    assert "robotics-enterprise" not in second
    assert "ai-enterprise" not in third


def test_an_office_and_a_contact_line_name_no_category() -> None:
    text = ("一、支持改造。对中小企业实施数字化改造的，给予最高50万元补助。\n"
            "二、申报方式。材料报送市经济和信息化局中小企业处，联系人：王某，电话0000-0000000。\n"
            "三、咨询。咨询电话：市中小企业服务窗口0000-1111111。")
    first, second, third = _categories(text)
    assert "sme" in first
    assert "sme" not in second and "manufacturing-enterprise" not in second
    assert "sme" not in third


@pytest.mark.parametrize(("item", "kinds"), [
    ("对年营业收入首次突破5亿元的机器人整机企业，给予300万元奖励。", {"robotics-enterprise"}),
    ("对人工智能软硬件企业参加境外展会的，给予展位费50%补贴。", {"ai-enterprise"}),
    ("对集成电路设计企业流片的，给予30%补助。", {"enterprise"}),  # no chip-design kind
    # a narrower sector (人形机器人) names the kind of its head (机器人企业)
    ("对年销售额首次突破1亿元的人形机器人整机企业，给予500万元奖励。", {"robotics-enterprise"}),
])
def test_a_maker_of_a_sectors_products_is_that_sectors_enterprise(item: str,
                                                                  kinds: set[str]) -> None:
    assert _categories(f"一、做大做强。{item}\n二、附则。本措施自印发之日起施行。")[0] == kinds


@pytest.mark.parametrize(("heading", "kinds"), [
    ("支持整机企业做大", {"robotics-enterprise"}),  # the maker word said alone, named in full below
    # 相关 is said of anyone, but a heading's generic 企业 is the kind the body names
    ("支持相关企业做大", {"robotics-enterprise"}),
])
def test_a_maker_word_said_alone_names_the_kind_the_text_gives_in_full(heading: str,
                                                                      kinds: set[str]) -> None:
    text = (f"一、{heading}。对年营业收入首次突破5亿元的机器人整机企业，给予300万元奖励。\n"
            "二、附则。本措施自印发之日起施行。")
    assert _categories(text)[0] == kinds


@pytest.mark.parametrize(("item", "kinds"), [
    # 每家企业 / 单个企业 / 同一企业 count the kind the measure names: no generic 企业 beside it
    ("对购买算力服务的中小企业，按合同金额的30%给予补贴，每家企业每年最高20万元。", {"sme"}),
    ("对首次认定的专精特新中小企业给予奖励，同一企业不重复支持。", {"specialized-sme"}),
    # a generic mention that names an actor stays; a counting mention alone names the actor
    ("对中小企业和其他企业采购服务的，给予补贴，单个企业最高20万元。", {"sme", "enterprise"}),
    ("按合同金额的30%给予补贴，每家企业每年最高20万元。", {"enterprise"}),
])
def test_a_generic_enterprise_that_only_counts_recipients_is_no_actor(item: str,
                                                                     kinds: set[str]) -> None:
    assert _categories(f"一、支持服务。{item}\n二、附则。本措施自印发之日起施行。")[0] == kinds


def test_an_office_of_a_bureau_named_with_and_is_no_pair_of_kinds() -> None:
    text = ("一、支持服务。对中小企业采购服务的，给予补贴。\n"
            "二、附则。本措施自印发之日起施行。联系人：市工业和信息化局中小企业科。")
    assert "manufacturing-enterprise" not in _categories(text)[1]


def test_sectors_coordinated_before_one_enterprise_word_name_each_kind() -> None:
    text = ("一、首次上榜奖励。对首次入选独角兽企业榜单的人工智能或机器人企业，给予500万元奖励。\n"
            "二、规模奖励。对人工智能、机器人企业营业收入首次突破1亿元的，给予100万元奖励。\n"
            "三、数字化改造。支持制造业中小企业开展数字化改造，给予最高30万元补助。")
    first, second, third = _categories(text)
    assert {"ai-enterprise", "robotics-enterprise"} <= first
    assert {"ai-enterprise", "robotics-enterprise"} <= second
    assert {"manufacturing-enterprise", "sme"} <= third


def test_a_domain_excluded_by_a_closing_clause_is_no_sector() -> None:
    text = ("一、推广应用。对购买本地机器人的，按售价15%给予补贴。医疗机器人另有专项政策，不适用本条。\n"
            "二、产业用地。涉及房地产开发、金融类项目的，不适用本措施。\n"
            "三、适用范围。本条不适用于医疗器械项目。")
    first, second, third = _sectors(text)
    assert "robotics" in first and "healthcare" not in first
    assert "finance" not in second
    assert "healthcare" not in third


def test_ordinary_words_for_energy_farming_and_manufacturing_give_the_domain() -> None:
    text = ("一、绿色算力。鼓励数据中心配套建设风电、光伏项目，给予10%补助。\n"
            "二、智慧牧场。支持肉牛养殖企业应用智能饲喂系统，给予30%补助。\n"
            "三、应用示范。每年遴选20个案例，覆盖制造、教育、交通等领域。\n"
            "四、算力配套。支持数据中心建设新型储能设施，给予10%补助。\n"
            "五、储能应用。对用户侧储能项目按放电量给予补贴。")
    first, second, third, fourth, fifth = _sectors(text)
    assert "energy" in first
    assert "agriculture" in second
    assert {"manufacturing", "education", "transportation"} <= third
    assert "energy" not in fourth  # a storage facility built for a project is no energy domain
    assert "energy" in fifth  # storage as a field (用户侧储能) is


def test_offshore_wind_is_the_marine_economy() -> None:
    text = ("一、海上应用。支持海上风电巡检等海洋经济场景的无人机应用，给予30%补助。\n"
            "二、陆上风电。支持风电场建设，给予10%补助。")
    first, second = _sectors(text)
    assert "marine-economy" in first and "energy" not in first
    assert "energy" in second
