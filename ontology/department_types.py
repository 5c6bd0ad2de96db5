"""Standard names of Chinese government departments and the rules their official short names follow.

A department's full name is its jurisdiction followed by a standard name (上海市 + 发展和改革委员会);
documents write short names formed by fixed rules (委员会 → 委, 和 dropped, 监督管理 → 监管,
人民政府 → 政府) and a few fixed abbreviations (发改委, 人社局). :func:`short_forms` applies the
rules; ``vocabulary_source`` writes the rows below as the ``department-type`` SKOS scheme, whose
labels the loaders match (``loaders.agencies``). No RDF here, only names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

# The rules, in the order they are applied; each may or may not be used in a written form.
RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("government", re.compile("人民政府"), "政府"),
    # a commission is a 委, but the standing committee is a 常委会 and a zone's 管理委员会 a 管委会
    ("commission", re.compile("(?<!常务)(?<!^管理)委员会$"), "委"),
    ("and", re.compile("和"), ""),
    ("supervision", re.compile("监督管理"), "监管"),
)


def short_forms(full: str) -> tuple[str | None, list[str]]:
    """``(official, variants)``: the short name with every applicable rule applied (None when no
    rule applies) and the partial applications between the full name and it, sorted."""
    forms: set[str] = set()
    for size in range(1, len(RULES) + 1):
        for subset in combinations(RULES, size):
            form = full
            for _name, pattern, repl in subset:
                form = pattern.sub(repl, form)
            forms.add(form)
    official = full
    for _name, pattern, repl in RULES:
        official = pattern.sub(repl, official)
    forms.discard(full)
    if official == full:
        return None, []
    forms.discard(official)
    return official, sorted(forms)


@dataclass(frozen=True)
class DepartmentType:
    """One standard department name: slug, full simplified name, English name, fixed abbreviations
    (beyond what the rules give), and the function it shares with the same body at other levels."""

    slug: str
    zh: str
    en: str
    abbreviations: list[str] = field(default_factory=list)
    function: str = ""  # slug of the function: rows of one function are skos:related
    hidden: list[str] = field(default_factory=list)  # accepted variants that are not short names


D = DepartmentType
DEPARTMENT_TYPES: list[DepartmentType] = [
    # governments, their offices, legislatures
    D("peoples-government", "人民政府", "People's Government", function="government"),
    D("government-general-office", "人民政府办公厅", "General Office of the People's Government",
      function="government-office"),
    D("government-office", "人民政府办公室", "Office of the People's Government", ["政府办", "府办"],
      function="government-office"),
    D("peoples-congress", "人民代表大会", "People's Congress", ["人大"], function="congress"),
    D("peoples-congress-standing-committee", "人民代表大会常务委员会",
      "Standing Committee of the People's Congress", ["人大常委会"],
      hidden=["人民代表大会常委会", "人大常务委员会"], function="congress"),
    D("administrative-committee", "管理委员会", "Administrative Committee", ["管委会"]),
    # development, economy, industry, science
    D("development-reform-commission", "发展和改革委员会", "Development and Reform Commission",
      ["发改委"], function="development-reform"),
    D("development-reform-bureau", "发展和改革局", "Development and Reform Bureau", ["发改局"],
      function="development-reform"),
    D("economy-informatization-commission", "经济和信息化委员会",
      "Commission of Economy and Informatization", ["经信委", "经济信息委"], function="industry-it"),
    D("economy-informatization-bureau", "经济和信息化局", "Bureau of Economy and Information "
      "Technology", ["经信局"], function="industry-it"),
    D("economy-informatization-department", "经济和信息化厅", "Department of Economy and "
      "Information Technology", ["经信厅"], function="industry-it"),
    D("industry-it-department", "工业和信息化厅", "Department of Industry and Information Technology",
      ["工信厅"], function="industry-it"),
    D("industry-it-bureau", "工业和信息化局", "Bureau of Industry and Information Technology",
      ["工信局"], function="industry-it"),
    D("science-technology-commission", "科学技术委员会", "Science and Technology Commission",
      ["科委", "科技委"], function="science-technology"),
    D("science-technology-department", "科学技术厅", "Department of Science and Technology",
      ["科技厅"], function="science-technology"),
    D("science-technology-bureau", "科学技术局", "Science and Technology Bureau", ["科技局"],
      function="science-technology"),
    D("science-technology-innovation-bureau", "科技创新局", "Bureau of Science, Technology and "
      "Innovation", ["科创局"], function="science-technology"),
    D("commerce-commission", "商务委员会", "Commission of Commerce", function="commerce"),
    D("commerce-department", "商务厅", "Department of Commerce", function="commerce"),
    D("commerce-bureau", "商务局", "Bureau of Commerce", function="commerce"),
    D("statistics-bureau", "统计局", "Statistics Bureau"),
    D("data-bureau", "数据局", "Data Bureau", function="data"),
    D("big-data-bureau", "大数据局", "Big Data Bureau", function="data"),
    D("big-data-development-administration", "大数据发展管理局",
      "Big Data Development Administration", function="data"),
    D("data-resources-administration", "数据资源管理局", "Data Resources Administration",
      function="data"),
    D("government-service-data-administration", "政务服务和数据管理局",
      "Government Service and Data Administration", ["政数局"], function="data"),
    D("government-service-data-bureau", "政务服务与数据管理局", "Bureau of Government Services and Data",
      function="data"),  # the name some cities give it (赤峰市政务服务与数据管理局)
    # money and assets
    D("finance-department", "财政厅", "Department of Finance", function="finance"),
    D("finance-bureau", "财政局", "Finance Bureau", function="finance"),
    D("audit-department", "审计厅", "Audit Department", function="audit"),
    D("audit-bureau", "审计局", "Audit Bureau", function="audit"),
    # a local SASAC is a body of the people's government: 广州市人民政府国有资产监督管理委员会
    D("sasac", "人民政府国有资产监督管理委员会", "State-owned Assets Supervision and Administration "
      "Commission", ["国资委"], function="state-assets", hidden=["国有资产监督管理委员会", "国有资产监管委"]),
    D("state-assets-bureau", "国有资产监督管理局", "State-owned Assets Supervision and "
      "Administration Bureau", ["国资局"], function="state-assets"),
    D("local-finance-administration", "地方金融监督管理局", "Local Financial Supervision and "
      "Administration Bureau", ["金融监管局"], function="finance-regulation"),
    D("financial-work-bureau", "金融工作局", "Financial Work Bureau", function="finance-regulation"),
    D("tax-bureau", "税务局", "Tax Service"),
    # people
    D("education-commission", "教育委员会", "Education Commission", ["教委"], function="education"),
    D("education-department", "教育厅", "Department of Education", function="education"),
    D("education-bureau", "教育局", "Education Bureau", function="education"),
    D("hrss-department", "人力资源和社会保障厅", "Department of Human Resources and Social Security",
      ["人社厅", "人力社保厅"], function="hrss"),
    D("hrss-bureau", "人力资源和社会保障局", "Bureau of Human Resources and Social Security",
      ["人社局", "人力社保局"], function="hrss"),
    D("civil-affairs-department", "民政厅", "Department of Civil Affairs", function="civil-affairs"),
    D("civil-affairs-bureau", "民政局", "Civil Affairs Bureau", function="civil-affairs"),
    D("justice-department", "司法厅", "Department of Justice", function="justice"),
    D("justice-bureau", "司法局", "Justice Bureau", function="justice"),
    D("health-commission", "卫生健康委员会", "Health Commission", ["卫健委"], function="health"),
    D("healthcare-security-bureau", "医疗保障局", "Healthcare Security Administration", ["医保局"]),
    D("medical-products-administration", "药品监督管理局", "Medical Products Administration",
      ["药监局"]),
    D("veterans-affairs-department", "退役军人事务厅", "Department of Veterans Affairs",
      ["退役军人厅"], function="veterans"),
    D("veterans-affairs-bureau", "退役军人事务局", "Veterans Affairs Bureau", ["退役军人局"],
      function="veterans"),
    D("sports-bureau", "体育局", "Sports Bureau"),
    D("culture-tourism-department", "文化和旅游厅", "Department of Culture and Tourism",
      ["文旅厅"], function="culture-tourism"),
    D("culture-tourism-bureau", "文化和旅游局", "Culture and Tourism Bureau", ["文旅局"],
      function="culture-tourism"),
    D("culture-radio-tourism-bureau", "文化广电和旅游局",
      "Bureau of Culture, Radio, Television and Tourism", ["文广旅局", "文广旅游局"],
      function="culture-tourism"),
    D("radio-television-bureau", "广播电视局", "Radio and Television Bureau", ["广电局"]),
    # land, building, city
    D("planning-natural-resources-bureau", "规划和自然资源局", "Planning and Natural Resources "
      "Bureau", ["规划资源局"], function="natural-resources"),
    D("natural-resources-planning-bureau", "自然资源和规划局", "Natural Resources and Planning "
      "Bureau", ["自然资源规划局", "资源规划局"], function="natural-resources"),
    D("natural-resources-department", "自然资源厅", "Department of Natural Resources",
      function="natural-resources"),
    D("natural-resources-bureau", "自然资源局", "Natural Resources Bureau",
      function="natural-resources"),
    D("ecology-environment-department", "生态环境厅", "Department of Ecology and Environment",
      function="ecology-environment"),
    D("ecology-environment-bureau", "生态环境局", "Ecology and Environment Bureau",
      function="ecology-environment"),
    D("housing-construction-management-commission", "住房和城乡建设管理委员会",
      "Commission of Housing, Urban-Rural Development and Management", function="housing"),
    D("housing-construction-commission", "住房和城乡建设委员会",
      "Commission of Housing and Urban-Rural Development", ["住建委"], function="housing",
      hidden=["住房城乡建委"]),
    D("housing-construction-department", "住房和城乡建设厅",
      "Department of Housing and Urban-Rural Development", ["住建厅"], function="housing"),
    D("housing-construction-bureau", "住房和城乡建设局", "Bureau of Housing and Urban-Rural "
      "Development", ["住建局"], function="housing"),
    D("construction-management-commission", "建设和管理委员会", "Construction and Management "
      "Commission", ["建管委"], function="housing"),
    D("construction-transport-commission", "建设和交通委员会", "Construction and Transportation "
      "Commission", ["建交委"], function="housing"),
    D("construction-transport-bureau", "建设和交通局", "Bureau of Construction and Transportation",
      ["建交局"], function="housing"),
    D("housing-administration-bureau", "房屋管理局", "Housing Administration Bureau", ["房管局"],
      function="housing-administration"),
    D("housing-security-administration-bureau", "住房保障和房屋管理局", "Housing Security and "
      "Administration Bureau", function="housing-administration"),
    D("landscaping-city-appearance-bureau", "绿化和市容管理局", "Landscaping and City Appearance "
      "Administration Bureau", ["绿化市容局"], function="city-management"),
    D("urban-management-enforcement-bureau", "城市管理行政执法局", "Urban Management and Law "
      "Enforcement Bureau", ["城管执法局"], function="city-management"),
    D("urban-management-enforcement-commission", "城市管理执法委员会", "Urban Management and Law "
      "Enforcement Commission", ["城管执法委"], function="city-management"),
    D("transport-commission", "交通委员会", "Transport Commission", function="transport"),
    D("transport-commission-full", "交通运输委员会", "Commission of Transport", function="transport"),
    D("transport-department", "交通运输厅", "Department of Transport", function="transport"),
    D("transport-bureau", "交通运输局", "Transport Bureau", hidden=["交通局"], function="transport"),
    D("water-affairs-bureau", "水务局", "Water Affairs Bureau", function="water"),
    D("water-resources-department", "水利厅", "Department of Water Resources", function="water"),
    D("water-resources-bureau", "水利局", "Water Resources Bureau", function="water"),
    D("agriculture-rural-commission", "农业农村委员会", "Agriculture and Rural Affairs Commission",
      ["农委"], function="agriculture"),
    D("agriculture-rural-department", "农业农村厅", "Department of Agriculture and Rural Affairs",
      function="agriculture"),
    D("agriculture-rural-bureau", "农业农村局", "Agriculture and Rural Affairs Bureau",
      function="agriculture"),
    D("forestry-grassland-bureau", "林业和草原局", "Forestry and Grassland Bureau", ["林草局"]),
    D("food-reserves-bureau", "粮食和物资储备局", "Food and Strategic Reserves Bureau", ["粮储局"]),
    # regulation, safety
    D("market-regulation-administration", "市场监督管理局", "Administration for Market Regulation",
      ["市监局"]),
    D("emergency-management-department", "应急管理厅", "Department of Emergency Management",
      function="emergency"),
    D("emergency-management-bureau", "应急管理局", "Emergency Management Bureau", ["应急局"],
      function="emergency"),
    D("fire-rescue-corps", "消防救援总队", "Fire and Rescue Corps", function="fire-rescue"),
    D("fire-rescue-detachment", "消防救援支队", "Fire and Rescue Detachment", function="fire-rescue"),
    D("public-security-department", "公安厅", "Department of Public Security",
      function="public-security"),
    D("public-security-bureau", "公安局", "Public Security Bureau", function="public-security"),
    D("civil-defence-office", "人民防空办公室", "Civil Air Defence Office", ["人防办", "民防办"]),
    D("intellectual-property-office", "知识产权局", "Intellectual Property Office"),
    D("government-offices-administration", "机关事务管理局", "Government Offices Administration",
      ["机管局"]),
    D("foreign-affairs-office", "外事办公室", "Foreign Affairs Office", ["外办"]),
    D("taiwan-hk-macao-office", "人民政府台港澳事务办公室",
      "Taiwan, Hong Kong and Macao Affairs Office", ["台港澳办", "台港澳事务办公室"]),
    D("meteorological-bureau", "气象局", "Meteorological Bureau"),
    # bodies of a local party committee: 中共 + area + a name beginning 委 (中共绍兴市委网络安全和
    # 信息化委员会办公室, written 市委网信办); no government department's name begins with 委
    D("party-committee-office", "委办公室", "Office of the Party Committee", ["委办"]),
    D("party-committee-general-office", "委办公厅", "General Office of the Party Committee"),
    D("party-cyberspace-office", "委网络安全和信息化委员会办公室",
      "Office of the Party Committee's Cyberspace Affairs Commission", ["委网信办"]),
    D("party-talent-office", "委人才工作领导小组办公室",
      "Office of the Party Committee's Leading Group for Talent Work", ["委人才办"]),
    D("party-finance-office", "委金融委员会办公室",
      "Office of the Party Committee's Financial Commission", ["委金融办"]),
    D("party-establishment-office", "委机构编制委员会办公室",
      "Office of the Institutional Establishment Commission", ["委编办"]),
    D("party-reform-office", "委全面深化改革委员会办公室",
      "Office of the Commission for Deepening Reform", ["委改革办", "委深改办"]),
    D("party-finance-economy-office", "委财经委员会办公室",
      "Office of the Party Committee's Financial and Economic Affairs Commission", ["委财经办"]),
    D("party-foreign-affairs-office", "委外事工作委员会办公室",
      "Office of the Party Committee's Foreign Affairs Commission", ["委外办"]),
    D("party-organisation-department", "委组织部", "Organisation Department of the Party Committee"),
    D("party-publicity-department", "委宣传部", "Publicity Department of the Party Committee"),
    D("party-united-front-department", "委统一战线工作部",
      "United Front Work Department of the Party Committee", ["委统战部"]),
    D("party-political-legal-commission", "委政法委员会",
      "Political and Legal Affairs Commission of the Party Committee"),
]

PARTY_PREFIX = "中共"  # the full name of a party committee's body: 中共 + area + its type (委…)
