"""The SKOS vocabularies: they parse, keep SKOS integrity (one scheme per concept, one
prefLabel per language, no broader cycle), link instrument types to OWL classes, keep surface
forms unambiguous per scheme, and name what the seed documents name (read at run time)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from policykg.ontology.gazetteer import (
    Gazetteer,
    load_gazetteer,
    ontology_file,
    scheme_iri,
    to_simplified,
    vocabulary_files,
)
from policykg.ontology.namespace import ID, ORG, POL, WD
from policykg.ontology.vocabulary_source import pinyin_slug, render
from tests.conftest import seed_file

SCHEMES = ("instrument", "category", "sector", "theme", "area", "agency", "level", "period",
           "organization", "department-type")
CLASS_OF = {"instrument": POL.InstrumentType, "category": POL.EnterpriseCategory,
            "sector": POL.Sector, "theme": POL.Theme, "area": POL.AdministrativeArea,
            "agency": POL.Agency, "level": POL.RecognitionLevel, "period": POL.Period,
            "organization": ORG.Organization, "department-type": SKOS.Concept}
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@cache
def vocab() -> Graph:
    g = Graph()
    for path in vocabulary_files():
        g.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return g


@cache
def ontology() -> Graph:
    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


def concepts(scheme: str | None = None) -> list[URIRef]:
    g = vocab()
    if scheme is None:
        return sorted(set(g.subjects(RDF.type, SKOS.Concept)))
    return sorted(set(g.subjects(SKOS.inScheme, scheme_iri(scheme))))


def test_every_vocabulary_file_parses_and_holds_one_scheme() -> None:
    names = []
    for path in vocabulary_files():
        g = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")
        schemes = list(g.subjects(RDF.type, SKOS.ConceptScheme))
        assert len(schemes) == 1, path.name
        names.append(str(schemes[0]).rsplit("/", 1)[-1])
        assert len(g) > 20, path.name
    assert sorted(names) == sorted(SCHEMES)


def test_the_generator_reproduces_the_shipped_files() -> None:
    shipped = {p.name: p.read_text(encoding="utf-8") for p in vocabulary_files()}
    assert render() == shipped, "run python -m policykg.ontology.vocabulary_source and commit the output"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_metadata(scheme: str) -> None:
    g = vocab()
    s = scheme_iri(scheme)
    assert {lit.language for lit in g.objects(s, SKOS.prefLabel)} >= {"en", "zh-Hans"}
    assert g.value(s, RDFS.comment) is not None
    assert len(concepts(scheme)) >= 3


def test_each_concept_is_in_exactly_one_scheme_with_its_class() -> None:
    g = vocab()
    for c in concepts():
        schemes = list(g.objects(c, SKOS.inScheme))
        assert len(schemes) == 1, f"{c} is in {len(schemes)} schemes"
        key = str(schemes[0]).rsplit("/", 1)[-1]
        assert (c, RDF.type, CLASS_OF[key]) in g, f"{c} lacks rdf:type {CLASS_OF[key]}"


def test_prefLabels_one_per_language_in_three_languages() -> None:
    g = vocab()
    for c in concepts():
        langs = [lit.language for lit in g.objects(c, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "zh-Hans", "zh-Hant"], f"{c}: {langs}"
        for prop in LABELS:
            for lit in g.objects(c, prop):
                assert isinstance(lit, Literal) and lit.language in ("en", "zh-Hans", "zh-Hant")
                assert str(lit) == str(lit).strip() and str(lit)


def test_traditional_prefLabel_simplifies_to_the_simplified_one() -> None:
    g = vocab()
    for c in concepts():
        labels = {lit.language: str(lit) for lit in g.objects(c, SKOS.prefLabel)}
        plain = labels["zh-Hans"].replace("“", '"').replace("”", '"')
        back = to_simplified(labels["zh-Hant"]).replace("「", '"').replace("」", '"')
        assert back == plain, c


def test_no_cycle_in_broader_and_broader_stays_in_the_scheme() -> None:
    g = vocab()
    parents = defaultdict(set)
    for child, parent in g.subject_objects(SKOS.broader):
        assert g.value(child, SKOS.inScheme) == g.value(parent, SKOS.inScheme), (child, parent)
        parents[child].add(parent)
    for start in parents:
        seen, todo = set(), list(parents[start])
        while todo:
            node = todo.pop()
            assert node != start, f"skos:broader cycle through {start}"
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))


def test_within_is_acyclic_and_points_at_areas() -> None:
    g = vocab()
    areas = set(concepts("area"))
    parents = defaultdict(set)
    for a, b in g.subject_objects(POL.within):
        assert a in areas and b in areas, (a, b)
        parents[a].add(b)
    for start in list(parents):
        seen, todo = set(), list(parents[start])
        while todo:
            node = todo.pop()
            assert node != start, f"pol:within cycle through {start}"
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))


def test_instrument_types_link_to_declared_instrument_classes() -> None:
    g, onto = vocab(), ontology()
    linked = set()
    for c in concepts("instrument"):
        classes = list(g.objects(c, POL.instrumentClass))
        assert len(classes) == 1, f"{c} needs exactly one pol:instrumentClass"
        cls = classes[0]
        assert (cls, RDF.type, OWL.Class) in onto, f"{cls} is not an OWL class of policy.ttl"
        chain, node = set(), cls
        while node is not None and node not in chain:
            chain.add(node)
            node = onto.value(node, RDFS.subClassOf)
        assert POL.FundingInstrument in chain, f"{cls} is not a pol:FundingInstrument"
        linked.add(cls)
    every_instrument_class = {s for s in onto.subjects(RDFS.subClassOf, None)
                              if str(s).startswith(str(POL._NS))} & {
        POL.Grant, POL.Reward, POL.Subsidy, POL.Voucher, POL.ComputeVoucher, POL.ModelVoucher,
        POL.DataVoucher, POL.SceneVoucher, POL.CorpusVoucher, POL.MatchingFunds,
        POL.InterestSubsidy, POL.RiskCompensation, POL.InvestmentFund}
    assert every_instrument_class <= linked


def test_surface_forms_are_unambiguous_within_a_scheme() -> None:
    g = vocab()
    for scheme in SCHEMES:
        owner: dict[str, URIRef] = {}
        for c in concepts(scheme):
            for prop in LABELS:
                for lit in g.objects(c, prop):
                    form = Gazetteer.normalise(str(lit), lit.language)
                    other = owner.setdefault(form, c)
                    assert other == c, f"{scheme}: {form!r} names both {other} and {c}"


def test_concept_iris_follow_the_conventions() -> None:
    g = vocab()
    for scheme in ("instrument", "category", "sector", "theme", "organization", "department-type"):
        for c in concepts(scheme):
            assert re.fullmatch(rf"{ID}concept/{scheme}/[a-z0-9-]+", str(c)), c
    for c in concepts("area"):
        assert re.fullmatch(rf"{ID}area/[a-z0-9-]+", str(c)), c
    for c in concepts("agency"):
        name = next(str(lit) for lit in g.objects(c, SKOS.prefLabel) if lit.language == "zh-Hans")
        assert str(c) == f"{ID}agency/{pinyin_slug(name)}", c
    assert set(concepts("level")) == {POL.International, POL.National, POL.Provincial,
                                      POL.Municipal, POL.Industry}
    assert set(concepts("period")) == {POL.PerYear, POL.PerPolicyTerm, POL.OneTime}


def test_agencies_have_a_jurisdiction_and_known_parents() -> None:
    g = vocab()
    areas, agencies = set(concepts("area")), set(concepts("agency"))
    for c in agencies:
        juris = list(g.objects(c, POL.jurisdiction))
        assert len(juris) == 1 and juris[0] in areas, c
        for parent in g.objects(c, ORG.subOrganizationOf):
            assert parent in agencies, (c, parent)
    office = ID["agency/guang-dong-sheng-ren-min-zheng-fu-ban-gong-ting"]
    assert g.value(office, ORG.subOrganizationOf) == ID[
        "agency/guang-dong-sheng-ren-min-zheng-fu"]
    assert g.value(office, POL.jurisdiction) == ID["area/guangdong"]


def test_area_hierarchy_levels_and_wikidata() -> None:
    g = vocab()
    chain = [ID["area/huangpu"], ID["area/guangzhou"], ID["area/guangdong"], ID["area/china"]]
    for child, parent in zip(chain, chain[1:], strict=False):
        assert (child, SKOS.broader, parent) in g and (child, POL.within, parent) in g
    assert (ID["area/guangzhou-development-district"], POL.within, ID["area/guangzhou"]) in g
    assert (ID["area/shenzhen"], POL.within, ID["area/greater-bay-area"]) in g
    levels = {str(o) for o in g.objects(None, POL.areaLevel)}
    assert levels <= {"country", "province", "city", "district", "zone", "region"}
    provinces = [c for c in concepts("area") if str(g.value(c, POL.areaLevel)) == "province"]
    assert len(provinces) >= 31
    guangdong_cities = [c for c in concepts("area") if g.value(c, SKOS.broader) == ID[
        "area/guangdong"] and str(g.value(c, POL.areaLevel)) == "city"]
    assert len(guangdong_cities) == 21
    assert g.value(ID["area/china"], SKOS.exactMatch) == WD.Q148
    assert g.value(ID["area/guangdong"], SKOS.exactMatch) == WD.Q15175
    assert g.value(ID["area/guangzhou"], SKOS.exactMatch) == WD.Q16572
    assert g.value(ID["area/shenzhen"], SKOS.exactMatch) == WD.Q15174


# ------------------------------------------------------------ the gazetteer's view


def test_surface_forms_resolve_in_both_scripts_and_with_quote_variants() -> None:
    gz = load_gazetteer()
    little_giant = gz.lookup("专精特新“小巨人”企业", "category")
    assert little_giant is not None
    for form in ('专精特新"小巨人"企业', "专精特新小巨人企业", "專精特新「小巨人」企業",
                 "專精特新“小巨人”企業", "little giant enterprises", "Little Giant"):
        assert gz.lookup(form, "category") == little_giant, form
    assert gz.info(little_giant).link("broader") == gz.lookup("专精特新中小企业", "category")
    assert gz.lookup("單項冠軍企業", "category") == gz.lookup("individual champion", "category")
    for form, cls in (("算力券", POL.ComputeVoucher), ("computing power vouchers", POL.ComputeVoucher),
                      ("model vouchers", POL.ModelVoucher), ("corpus vouchers", POL.CorpusVoucher),
                      ("scene-based subsidies", POL.SceneVoucher), ("貼息", POL.InterestSubsidy),
                      ("補助", POL.Subsidy), ("资金支持", POL.Grant), ("配套奖励", POL.MatchingFunds),
                      ("产业基金", POL.InvestmentFund), ("风险补偿", POL.RiskCompensation)):
        concept = gz.lookup(form, "instrument")
        assert concept is not None, form
        assert gz.info(concept).link("instrumentClass") == str(cls), form
    assert gz.lookup("每年", "period") == str(POL.PerYear)
    assert gz.lookup("有效期内", "period") == str(POL.PerPolicyTerm)
    assert gz.lookup("國家級", "level") == str(POL.National)


def test_huangpu_short_forms_are_hidden_labels_of_huangpu_bodies() -> None:
    gz, g = load_gazetteer(), vocab()
    bureau = gz.lookup("区工业和信息化局", "agency")
    assert bureau == str(ID["agency/guang-zhou-shi-huang-pu-qu-gong-ye-he-xin-xi-hua-ju"])
    assert (URIRef(bureau), SKOS.hiddenLabel, Literal("区工业和信息化局", lang="zh-Hans")) in g
    assert gz.info(bureau).link("jurisdiction") == str(ID["area/huangpu"])
    for c in concepts("agency"):
        for lit in g.objects(c, SKOS.altLabel):
            assert not re.match(r"^[区市省](?!委)", str(lit)) or str(lit).startswith("市场"), (
                f"relative short form {lit} must be a hiddenLabel")


def _clauses(text: str, marker: str) -> list[str]:
    return re.findall(marker + r"[：:]([^）)]+)[）)]", text)


def test_every_responsible_unit_of_seed_003_is_an_agency() -> None:
    gz = load_gazetteer()
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    units = set()
    for clause in _clauses(text, "责任单位"):
        for part in clause.split("、"):
            units.add(re.sub(r"等.*$", "", part.strip()))
    assert len(units) >= 12
    missing = sorted(u for u in units if gz.lookup(u, "agency") is None)
    assert missing == []


def test_issuers_named_in_the_official_seeds_are_agencies() -> None:
    gz = load_gazetteer()
    for prefix in ("001", "003"):
        text = to_simplified(seed_file(prefix).read_text(encoding="utf-8"))
        found = {gz.info(m.concept).label("zh-Hans") for m in gz.find_all(text, "agency")}
        assert found, prefix
    text = to_simplified(seed_file("001").read_text(encoding="utf-8"))
    names = {m.surface for m in gz.find_all(text, "agency")}
    assert "广东省人民政府办公厅" in names
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    names = {m.surface for m in gz.find_all(text, "agency")}
    assert {"广州开发区经济和信息化局", "广州市黄埔区工业和信息化局", "广州开发区管委会",
            "黄埔区政府"} <= names


def test_every_domain_enumerated_in_the_official_seeds_is_a_sector() -> None:
    """Items of '…、…等(特色)领域' lists in seeds 001/003 are sector labels."""
    gz = load_gazetteer()
    table = gz.surfaces("sector")
    checked = 0
    for prefix in ("001", "003"):
        text = to_simplified(seed_file(prefix).read_text(encoding="utf-8"))
        text = re.sub(r"\([a-z\u00e0-\u00fc\u0100-\u01dc]+\)", "", text)  # pinyin artifacts like 关(guān)
        text = re.sub(r"[,，]*、[,，]*", "、", re.sub(r"[,，]{2,}", "，", text))
        for m in re.finditer(r"([^，。；：]*?、[^，。；：]*?)”?等(?:特色|重点)?领域", text):
            items = [i.strip("“”\" ") for i in m.group(1).split("、")]
            first = items[0]
            assert any(first.endswith(form) for form in table), first
            for item in items[1:]:
                assert item in table, f"seed {prefix}: sector {item!r} missing"
                checked += 1
    assert checked >= 20


def test_instrument_words_of_seed_003_map_to_voucher_classes() -> None:
    gz = load_gazetteer()
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    classes = {gz.info(m.concept).link("instrumentClass") for m in gz.find_all(text, "instrument")}
    assert {str(POL.ComputeVoucher), str(POL.ModelVoucher), str(POL.SceneVoucher),
            str(POL.DataVoucher), str(POL.Reward), str(POL.Subsidy)} <= classes


def test_relative_short_forms_agree_with_the_full_names() -> None:
    """A hidden ``区X``/``省X`` label names the same body as the jurisdiction's full prefix + X,
    which is how the loader resolves such forms against the issuing jurisdiction."""
    gz, g = load_gazetteer(), vocab()
    prefixes = {"区": "广州市黄埔区", "省": "广东省"}
    checked = 0
    for c in concepts("agency"):
        for lit in g.objects(c, SKOS.hiddenLabel):
            form = str(lit)
            if form[0] in prefixes:
                full = prefixes[form[0]] + form[1:]
                assert gz.lookup(full, "agency") == str(c), f"{form} → {full}"
                checked += 1
    assert checked >= 15


# ------------------------------------------------------------ legislatures, departments, districts


def test_every_province_and_city_has_a_congress_and_its_standing_committee() -> None:
    gz, g = load_gazetteer(), vocab()
    checked = 0
    for area in concepts("area"):
        level = str(g.value(area, POL.areaLevel))
        zh = next(str(lit) for lit in g.objects(area, SKOS.prefLabel) if lit.language == "zh-Hans")
        if level not in ("province", "city") or zh.endswith("特别行政区"):
            continue
        if zh == "新疆生产建设兵团":  # the Corps has no people's congress (nor government)
            assert gz.lookup(zh + "人民代表大会", "agency") is None
            assert gz.lookup(zh + "办公厅", "agency") is not None
            continue
        congress = gz.lookup(zh + "人民代表大会", "agency")
        committee = gz.lookup(zh + "人民代表大会常务委员会", "agency")
        assert congress and committee, zh
        assert gz.info(committee).link("parent") == congress
        assert gz.info(congress).link("jurisdiction") == gz.info(committee).link("jurisdiction") \
            == str(area)
        assert gz.lookup(zh + "人大常委会", "agency") == committee
        checked += 1
    assert checked == 31 + 21 + 32  # mainland provincial-level areas, Guangdong's cities, 32 others
    npcsc = gz.lookup("全国人大常委会", "agency")
    assert gz.info(npcsc).label("en") == "Standing Committee of the National People's Congress"
    assert gz.info(npcsc).link("parent") == gz.lookup("全国人民代表大会", "agency")
    assert gz.lookup("香港特别行政区人民代表大会", "agency") is None


def test_congress_names_follow_the_official_english_pattern_in_three_languages() -> None:
    gz = load_gazetteer()
    expected = {
        "上海市人民代表大会常务委员会": "Standing Committee of the Shanghai Municipal People's Congress",
        "广东省人民代表大会": "Guangdong Provincial People's Congress",
        "深圳市人民代表大会常务委员会": "Standing Committee of the Shenzhen Municipal People's Congress",
        "广西壮族自治区人民代表大会常务委员会":
            "Standing Committee of the People's Congress of Guangxi Zhuang Autonomous Region",
    }
    for zh, en in expected.items():
        info = gz.info(gz.lookup(zh, "agency"))
        assert info.label("en") == en
        assert to_simplified(info.label("zh-Hant")) == zh
    hant = gz.info(gz.lookup("广东省人民代表大会", "agency")).label("zh-Hant")
    assert hant == "廣東省人民代表大會"
    assert gz.lookup("上海市人民代表大會常務委員會", "agency") == gz.lookup(
        "上海市人民代表大会常务委员会", "agency")


def test_shaanxi_and_shanxi_legislatures_are_two_bodies_of_two_provinces() -> None:
    gz = load_gazetteer()
    shaanxi = gz.lookup("陕西省人民代表大会常务委员会", "agency")
    shanxi = gz.lookup("山西省人民代表大会常务委员会", "agency")
    assert shaanxi.endswith("/agency/shaan-xi-sheng-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui")
    assert shanxi.endswith("/agency/shan-xi-sheng-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui")
    assert gz.info(shaanxi).link("jurisdiction") == str(ID["area/shaanxi"])
    assert gz.info(shanxi).link("jurisdiction") == str(ID["area/shanxi"])
    assert gz.info(shaanxi).label("en").startswith("Standing Committee of the Shaanxi Provincial")


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("发展改革委", "发展和改革委员会"),
        ("发改委", "发展和改革委员会"),
        ("發改委", "发展和改革委员会"),
        ("发展和改革局", "发展和改革局"),
        ("市场监管局", "市场监督管理局"),
        ("规划资源局", "规划和自然资源局"),
        ("经济信息化委", "经济和信息化委员会"),
        ("经信委", "经济和信息化委员会"),
        ("人力资源社会保障局", "人力资源和社会保障局"),
        ("人社局", "人力资源和社会保障局"),
        ("绿化市容局", "绿化和市容管理局"),
        ("住房城乡建设管理委", "住房和城乡建设管理委员会"),
        ("住房城鄉建設管理委", "住房和城乡建设管理委员会"),
        ("国资委", "人民政府国有资产监督管理委员会"),  # a local SASAC is a body of the government
        ("国有资产监管委", "人民政府国有资产监督管理委员会"),
        ("国有资产监督管理委员会", "人民政府国有资产监督管理委员会"),
        ("政府", "人民政府"),
        ("政府办公厅", "人民政府办公厅"),
        ("府办", "人民政府办公室"),
        ("人大常委会", "人民代表大会常务委员会"),
        ("管委会", "管理委员会"),
    ],
)
def test_department_short_names_resolve_to_the_standard_name(written: str, standard: str) -> None:
    gz = load_gazetteer()
    concept = gz.lookup(written, "department-type")
    assert concept is not None, written
    assert gz.info(concept).label("zh-Hans") == standard


def test_department_types_of_one_function_are_related() -> None:
    g = vocab()
    commission = ID["concept/department-type/development-reform-commission"]
    bureau = ID["concept/department-type/development-reform-bureau"]
    assert (commission, SKOS.related, bureau) in g and (bureau, SKOS.related, commission) in g
    assert 60 <= len(concepts("department-type")) <= 120


def test_party_committee_offices_resolve_to_their_full_names() -> None:
    from policykg.loaders.agencies import resolve_organisation

    gz = load_gazetteer()
    prefixes = {"市": "绍兴市", "省": "浙江省"}
    assert resolve_organisation("市委网信办", prefixes, gz).name == "中共绍兴市委网络安全和信息化委员会办公室"
    assert resolve_organisation("市委人才办", prefixes, gz).name == "中共绍兴市委人才工作领导小组办公室"
    assert resolve_organisation("中共绍兴市委金融办", prefixes, gz).name == "中共绍兴市委金融委员会办公室"
    assert resolve_organisation("省委统战部", prefixes, gz).name == "中共浙江省委统一战线工作部"
    # a government department keeps its name: no 中共 before a bureau
    assert resolve_organisation("市财政局", prefixes, gz).name == "绍兴市财政局"


def test_short_name_rules() -> None:
    from policykg.ontology.department_types import short_forms

    assert short_forms("发展和改革委员会") == ("发展改革委", ["发展和改革委", "发展改革委员会"])
    assert short_forms("市场监督管理局") == ("市场监管局", [])
    assert short_forms("人民政府办公室") == ("政府办公室", [])
    assert short_forms("人民代表大会常务委员会") == (None, [])  # a 常委会, never a 常务委
    assert short_forms("管理委员会") == (None, [])  # a 管委会
    assert short_forms("财政局") == (None, [])


def test_districts_of_the_four_municipalities() -> None:
    gz, g = load_gazetteer(), vocab()
    counts = defaultdict(int)
    for c in concepts("area"):
        parent = g.value(c, SKOS.broader)
        if str(g.value(c, POL.areaLevel)) == "district" and parent in (
                ID["area/beijing"], ID["area/tianjin"], ID["area/shanghai"], ID["area/chongqing"]):
            counts[str(parent).rsplit("/", 1)[-1]] += 1
    assert counts == {"beijing": 16, "tianjin": 16, "shanghai": 16, "chongqing": 38}
    fengxian = gz.lookup("上海市奉贤区", "area")
    assert fengxian == str(ID["area/shanghai-fengxian"]) == gz.lookup("奉贤区", "area")
    assert gz.info(fengxian).label("en") == "Fengxian District, Shanghai"
    assert gz.info(gz.lookup("静安区", "area")).label("en") == "Jing'an District, Shanghai"
    assert gz.info(gz.lookup("浦东新区", "area")).label("en") == "Pudong New Area, Shanghai"
    # Shanghai's 黄浦区 and Guangzhou's 黄埔区 are two areas
    assert gz.lookup("黄浦区", "area") == str(ID["area/shanghai-huangpu"])
    assert gz.lookup("黄埔区", "area") == str(ID["area/huangpu"])
    assert gz.info(gz.lookup("闵行区", "area")).label("en") == "Minhang District, Shanghai"
