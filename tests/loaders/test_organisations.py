"""Every issuer and responsible unit becomes an organisation: the full name by the official
short-name rules, the vocabulary's agency when there is one, the area it belongs to; unknown
bodies stay unresolved with their written name and the area read from it. Names are our own."""

from __future__ import annotations

import pytest

from policykg.loaders.agencies import (
    agency_ref,
    area_in_name,
    area_part,
    body_name,
    jurisdiction_prefixes,
    resolve_organisation,
)
from policykg.loaders.records import Span
from policykg.ontology.gazetteer import load_gazetteer
from policykg.ontology.namespace import ID
from tests.loaders.official_helpers import parse_text

SHANGHAI_DISTRICT = jurisdiction_prefixes(["上海市奉贤区人民政府"])
GUANGDONG = jurisdiction_prefixes(["广东省人民政府办公厅"])
SUZHOU_DISTRICT = jurisdiction_prefixes(["苏州市吴中区人民政府"])
ZONE = jurisdiction_prefixes(["武汉东湖新技术开发区管理委员会"])


def area(slug: str) -> str:
    return str(ID["area/" + slug])


def agency(slug: str) -> str:
    return str(ID["agency/" + slug])


def resolve(written: str, prefixes: dict[str, str] | None = None):
    return resolve_organisation(written, prefixes or {}, load_gazetteer())


# ------------------------------------------------------------ the short-name rules


@pytest.mark.parametrize(
    ("written", "prefixes", "full"),
    [
        # 委员会 → 委, 和 dropped; 发改委 is the usual abbreviation (a municipality)
        ("市发展改革委", SHANGHAI_DISTRICT, "上海市发展和改革委员会"),
        ("市发改委", SHANGHAI_DISTRICT, "上海市发展和改革委员会"),
        ("市住房城乡建设管理委", SHANGHAI_DISTRICT, "上海市住房和城乡建设管理委员会"),
        ("市经济信息化委", SHANGHAI_DISTRICT, "上海市经济和信息化委员会"),
        ("市经信委", SHANGHAI_DISTRICT, "上海市经济和信息化委员会"),
        # 监督管理 → 监管 (the 市 of 市场 is not a prefix, the one before it is)
        ("市市场监管局", SHANGHAI_DISTRICT, "上海市市场监督管理局"),
        ("市规划资源局", SHANGHAI_DISTRICT, "上海市规划和自然资源局"),
        ("市绿化市容局", SHANGHAI_DISTRICT, "上海市绿化和市容管理局"),
        # 人民政府 → 政府 and the offices (a district: 办公室; a provincial-level area: 办公厅)
        ("区政府", SHANGHAI_DISTRICT, "上海市奉贤区人民政府"),
        ("区府办", SHANGHAI_DISTRICT, "上海市奉贤区人民政府办公室"),
        ("区政府办公室", SHANGHAI_DISTRICT, "上海市奉贤区人民政府办公室"),
        ("市府办", SHANGHAI_DISTRICT, "上海市人民政府办公厅"),
        ("省政府办公厅", GUANGDONG, "广东省人民政府办公厅"),
        # a province
        ("省人力资源社会保障厅", GUANGDONG, "广东省人力资源和社会保障厅"),
        ("省人社厅", GUANGDONG, "广东省人力资源和社会保障厅"),
        ("省市场监管局", GUANGDONG, "广东省市场监督管理局"),
        # a city and its district
        ("市科技局", SUZHOU_DISTRICT, "苏州市科学技术局"),
        ("区人社局", SUZHOU_DISTRICT, "苏州市吴中区人力资源和社会保障局"),
        ("区发展改革局", SUZHOU_DISTRICT, "苏州市吴中区发展和改革局"),
        # a development zone
        ("区经济发展局", ZONE, "武汉东湖新技术开发区经济发展局"),
        ("武汉东湖新技术开发区管委会", {}, "武汉东湖新技术开发区管理委员会"),
        # names already in full stay as they are
        ("上海市奉贤区建设和管理委员会", {}, "上海市奉贤区建设和管理委员会"),
        ("国家发展改革委", {}, "国家发展和改革委员会"),
    ],
)
def test_short_names_are_written_out_in_full(written: str, prefixes: dict, full: str) -> None:
    assert resolve(written, prefixes).name == full


@pytest.mark.parametrize(
    ("written", "prefixes", "full"),
    [
        ("市發展改革委", SHANGHAI_DISTRICT, "上海市发展和改革委员会"),
        ("區政府", SHANGHAI_DISTRICT, "上海市奉贤区人民政府"),
        ("省人力資源社會保障廳", GUANGDONG, "广东省人力资源和社会保障厅"),
        ("上海市住房城鄉建設管理委", {}, "上海市住房和城乡建设管理委员会"),
    ],
)
def test_traditional_script_names_resolve_like_simplified_ones(
    written: str, prefixes: dict, full: str
) -> None:
    org = resolve(written, prefixes)
    assert org.name == full
    assert org.written == written


def test_a_relative_prefix_without_a_known_jurisdiction_stays_relative() -> None:
    org = resolve("区政府")
    assert org.name == "区政府"  # which district is not known: 政府 is not expanded either
    assert org.concept is None and org.jurisdiction is None


def test_government_is_a_peoples_government_only_for_mainland_areas_the_vocabulary_knows() -> None:
    assert resolve("上海市政府").name == "上海市人民政府"
    assert resolve("香港特别行政区政府").name == "香港特别行政区政府"
    assert resolve("台中市政府").name == "台中市政府"  # not in the vocabulary: kept as written


# ------------------------------------------------------------ vocabulary agencies


def test_vocabulary_agencies_are_resolved_with_their_jurisdiction() -> None:
    org = resolve("广州开发区管委会")
    assert org.name == "广州经济技术开发区管理委员会"
    assert org.concept == agency("guang-zhou-jing-ji-ji-shu-kai-fa-qu-guan-li-wei-yuan-hui")
    assert org.jurisdiction == area("guangzhou-development-district")
    org = resolve("区人力资源社会保障局", jurisdiction_prefixes(["广州市黄埔区人民政府"]))
    assert org.name == "广州市黄埔区人力资源和社会保障局"
    assert org.concept == agency("guang-zhou-shi-huang-pu-qu-ren-li-zi-yuan-he-she-hui-bao-zhang-ju")
    assert org.jurisdiction == area("huangpu")
    assert resolve("市府办", SHANGHAI_DISTRICT).concept == agency(
        "shang-hai-shi-ren-min-zheng-fu-ban-gong-ting")


@pytest.mark.parametrize(
    ("written", "name", "slug", "area_slug"),
    [
        ("上海市人大常委会", "上海市人民代表大会常务委员会",
         "shang-hai-shi-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "shanghai"),
        ("北京市人民代表大会", "北京市人民代表大会", "bei-jing-shi-ren-min-dai-biao-da-hui", "beijing"),
        ("广东省人民代表大会常务委员会", "广东省人民代表大会常务委员会",
         "guang-dong-sheng-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "guangdong"),
        ("深圳市人大常委会", "深圳市人民代表大会常务委员会",
         "shen-zhen-shi-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "shenzhen"),
        ("重慶市人民代表大會常務委員會", "重庆市人民代表大会常务委员会",
         "chong-qing-shi-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "chongqing"),
        ("全国人大常委会", "全国人民代表大会常务委员会",
         "quan-guo-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "china"),
        ("陕西省人大常委会", "陕西省人民代表大会常务委员会",
         "shaan-xi-sheng-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "shaanxi"),
        ("山西省人大常委会", "山西省人民代表大会常务委员会",
         "shan-xi-sheng-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui", "shanxi"),
    ],
)
def test_legislatures_resolve(written: str, name: str, slug: str, area_slug: str) -> None:
    org = resolve(written)
    assert (org.name, org.concept, org.jurisdiction) == (name, agency(slug), area(area_slug))


@pytest.mark.parametrize(
    ("phrase", "body"),
    [
        ("上海市第十五届人民代表大会常务委员会第二十六次会议", "上海市人民代表大会常务委员会"),
        ("第十四届全国人民代表大会常务委员会第五次会议", "全国人民代表大会常务委员会"),
        ("广东省第十二届人民代表大会第三次会议", "广东省人民代表大会"),
        ("2021年3月4日北京市第十五届人民代表大会常务委员会第二十九次会议通过", "北京市人民代表大会常务委员会"),
        ("市政府第12次常务会议", "市政府"),
        ("上海市人民代表大会常务委员会", "上海市人民代表大会常务委员会"),
        ("区联席会议办公室", "区联席会议办公室"),  # a body whose name holds 会议 stays whole
    ],
)
def test_the_meeting_parts_of_a_regulation_header_are_not_the_name(phrase: str, body: str) -> None:
    assert body_name(phrase) == body


def test_the_regulation_header_phrase_resolves_to_the_standing_committee() -> None:
    org = resolve("上海市第十五届人民代表大会常务委员会第二十六次会议")
    assert org.name == "上海市人民代表大会常务委员会"
    assert org.concept == agency("shang-hai-shi-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui")
    assert org.written == "上海市第十五届人民代表大会常务委员会第二十六次会议"


# ------------------------------------------------------------ unresolved bodies and their area


def test_unknown_departments_stay_unresolved_with_their_name_and_area() -> None:
    org = resolve("上海市奉贤区新城建设推进办公室")
    assert org.name == "上海市奉贤区新城建设推进办公室"
    assert org.concept is None and not org.resolved
    assert org.jurisdiction == area("shanghai-fengxian")
    org = resolve("某某省虚构事务厅")
    assert (org.name, org.concept, org.jurisdiction) == ("某某省虚构事务厅", None, None)


def test_a_known_department_type_of_a_body_outside_the_vocabulary() -> None:
    org = resolve("上海市奉贤区建设和管理委员会")
    assert org.concept is None
    assert org.jurisdiction == area("shanghai-fengxian")
    assert org.department_type == str(ID["concept/department-type/construction-management-commission"])
    org = resolve("市发展改革委", SHANGHAI_DISTRICT)
    assert org.concept is None and org.jurisdiction == area("shanghai")
    assert org.department_type == str(ID["concept/department-type/development-reform-commission"])


@pytest.mark.parametrize(
    ("name", "area_slug"),
    [
        ("上海市奉贤区建设和管理委员会", "shanghai-fengxian"),
        ("上海市黄浦区财政局", "shanghai-huangpu"),
        ("广州市黄埔区财政局", "huangpu"),
        ("长春市朝阳区财政局", "changchun"),  # not Beijing's 朝阳区
        ("中国（上海）自由贸易试验区管理委员会", "shanghai"),
        ("陕西省西安市财政局", "xian"),
        ("山西省太原市财政局", "taiyuan"),
        ("陕西省财政厅", "shaanxi"),
        ("山西省财政厅", "shanxi"),
    ],
)
def test_the_most_specific_area_a_name_begins_with(name: str, area_slug: str) -> None:
    assert area_in_name(name, load_gazetteer()) == area(area_slug)


def test_a_short_area_name_followed_by_a_division_word_is_another_area() -> None:
    # 中山 is a Guangdong city; 中山区 is not it
    assert area_in_name("大连市中山区财政局", load_gazetteer()) == area("dalian")


# ------------------------------------------------------------ AgencyRef, in a document


def test_agency_ref_fills_written_name_concept_and_jurisdiction() -> None:
    span = Span(0, 6, "市发展改革委")
    ref = agency_ref("市发展改革委", span, SHANGHAI_DISTRICT, load_gazetteer())
    assert ref.name == "上海市发展和改革委员会" and ref.written == "市发展改革委"
    assert ref.concept is None and not ref.resolved and ref.jurisdiction == area("shanghai")
    ref = agency_ref("上海市人民政府", span, {}, load_gazetteer())
    assert ref.written is None and ref.resolved


def test_responsible_units_of_a_district_notice_are_written_out_and_located() -> None:
    text = ("上海市奉贤区人民政府关于印发扶持办法的通知\n奉府发〔2024〕3号\n上海市奉贤区人民政府\n"
            "2024年5月6日\n一、鼓励节能改造。按投资额给予补贴。（责任单位：区发展改革委、区建设管理委；"
            "配合单位：区財政局、市规划资源局）\n二、支持绿色建材。给予奖励。（牵头单位：區府办）")
    doc = parse_text(text)
    first, second = doc.measures
    assert [(u.name, u.written) for u in first.responsible] == [
        ("上海市奉贤区发展和改革委员会", "区发展改革委"),
        ("上海市奉贤区建设和管理委员会", "区建设管理委"),
    ]
    assert [u.name for u in first.cooperating] == ["上海市奉贤区财政局", "上海市规划和自然资源局"]
    assert [u.jurisdiction for u in first.cooperating] == [area("shanghai-fengxian"), area("shanghai")]
    assert [(u.name, u.written) for u in second.responsible] == [
        ("上海市奉贤区人民政府办公室", "區府办")]
    for unit in first.responsible + first.cooperating + second.responsible:
        assert doc.source.text[unit.span.start : unit.span.end] == unit.span.text


def test_prefixes_from_the_number_or_title_when_every_issuer_is_written_short() -> None:
    gaz = load_gazetteer()
    issuers = ["市住房城乡建设管理委", "市发展改革委"]
    assert jurisdiction_prefixes(issuers) == {}
    assert jurisdiction_prefixes(issuers, ["沪建材联〔2023〕12号"], gaz) == {"市": "上海市"}
    assert jurisdiction_prefixes(issuers, ["", "上海市奉贤区节能改造扶持办法"], gaz) == {
        "区": "上海市奉贤区", "市": "上海市"}
    assert jurisdiction_prefixes([], ["粤工信规〔2024〕3号"], gaz) == {"省": "广东省"}
    # the issuers' own names come first; a hint that names no area adds nothing
    assert jurisdiction_prefixes(["苏州市财政局"], ["沪财〔2024〕1号"], gaz) == {"市": "苏州市"}
    assert jurisdiction_prefixes(issuers, ["关于印发办法的通知", "中山区节能办法"], gaz) == {}


def test_a_district_written_without_its_city_is_written_out_in_full() -> None:
    """黄浦区… in a Shanghai notice is 上海市黄浦区…; 朝阳区 in a 长春市 document stays as it is."""
    from policykg.loaders.agencies import resolve_organisation
    from policykg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert resolve_organisation("黄浦区教育局", {}, gaz).name == "上海市黄浦区教育局"
    assert resolve_organisation("闵行区七宝镇人民政府", {"市": "上海市"}, gaz).name == \
        "上海市闵行区七宝镇人民政府"
    assert resolve_organisation("朝阳区人民政府", {"市": "长春市"}, gaz).name == "朝阳区人民政府"


def test_a_department_name_misspelt_by_one_character_resolves() -> None:
    """Scraped pages drop characters: 住房和城乡建管理委员会 is 住房和城乡建设管理委员会; a short
    name is never guessed at (财政局 and 税务局 differ by one character too)."""
    from policykg.loaders.agencies import resolve_organisation
    from policykg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert resolve_organisation("某市住房和城乡建管理委员会", {}, gaz).name == "某市住房和城乡建设管理委员会"
    assert resolve_organisation("某市税务局", {}, gaz).name == "某市税务局"


@pytest.mark.parametrize(("written", "full"), [
    ("香洲区人民政府", "珠海市香洲区人民政府"),  # a district the vocabulary does not know
    ("斗门区政府", "珠海市斗门区人民政府"),
    ("市住房城乡建设局", "珠海市住房和城乡建设局"),  # the relative prefix as before
    ("横琴新区管委会", "横琴新区管理委员会"),  # a zone is no district of the city's by its name
])
def test_a_district_government_a_city_names_lies_in_that_city(written: str, full: str) -> None:
    assert resolve(written, jurisdiction_prefixes(["珠海市人民政府办公室"])).name == full


@pytest.mark.parametrize(("name", "area"), [
    ("张家界市文化旅游广电体育局", "张家界市"),  # a city's bureau of a kind the vocabulary lacks
    ("国家市场监督管理总局", None),  # 市 of 市场 is no city
])
def test_the_area_a_city_bureau_of_an_unlisted_kind_belongs_to(name: str, area: str | None) -> None:
    assert area_part(name, load_gazetteer()) == area
