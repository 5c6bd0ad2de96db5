"""The catalog: every .rq has its header and parses; every question is answered correctly on the
hand-written mini graph and on the seed build (seed facts read from the seed texts at run time)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib.plugins.sparql import prepareQuery

from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import ID, POL
from policykg.queries import catalog
from policykg.queries.safety import inspect, run
from policykg.store.memory import MemoryStore

from ..conftest import seed_file

QUESTIONS = {
    "policies-in-force", "funding-ranked", "eligibility", "vouchers-compared",
    "agencies-by-measures", "supersession", "implements", "yearly-commitment",
    "sectors-by-jurisdiction", "conflicting-claims", "theme-coverage", "measure-evidence",
    "timeline", "similar-measures", "followers", "offer-changes", "compare-documents",
}
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def seed_text(prefix: str) -> str:
    """A seed in simplified script without the pinyin artifacts, for fact look-ups."""
    return _PINYIN.sub("", to_simplified(seed_file(prefix).read_text(encoding="utf-8")))


def ask(store, name, **params):
    return run(store, catalog.bind(catalog.load(name), params, store=store))


def values(rows, key):
    return [None if r[key] is None else r[key].toPython() for r in rows]


# ------------------------------------------------------------------ the files


def test_catalog_has_exactly_the_competency_questions():
    assert {q.name for q in catalog.list_queries()} == QUESTIONS


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_query_has_a_header_and_parses(name):
    query = catalog.load(name)
    assert query.title and query.description
    assert query.text.lstrip().startswith("# title:")
    for p in query.params:
        assert p.type.split(":")[0] in catalog.TYPES
    text = catalog.bind(query, {})
    prepareQuery(text)  # rdflib's parser
    report = inspect(text)
    assert report.kind == "query" and not report.services and not report.dataset_clauses
    assert "ORDER BY" in query.text, "answers must be deterministic"


def test_a_query_file_outside_the_catalog_loads_by_path(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\n# param: n integer 3\nSELECT ?n WHERE { }\n", encoding="utf-8")
    query = catalog.load(path)
    assert query.title == "Mine" and query.params == [catalog.Param("n", "integer", "3")]
    with pytest.raises(catalog.CatalogError):
        catalog.load(tmp_path / "missing.rq")


# ------------------------------------------------------------------ mini graph answers

SPARK = ID["concept/category/spark"]
PATHFINDER = ID["concept/category/spark-pathfinder"]
A = "青府办〔2024〕3号"
B = "松工信规字〔2025〕1号"
C = "松工信规字〔2023〕4号"
D = "松工信规字〔2021〕9号"
E = "明府〔2025〕2号"


def test_mini_policies_in_force(mini_memory):
    assert values(ask(mini_memory, "policies-in-force"), "number") == sorted([A, E, B])  # not C
    assert values(ask(mini_memory, "policies-in-force", date="2025-01-01"), "number") == sorted([A, C])
    assert values(ask(mini_memory, "policies-in-force", date="2027-06-01"), "number") == sorted([E, B])


def test_mini_funding_ranked(mini_memory):
    rows = ask(mini_memory, "funding-ranked")
    amounts = values(rows, "amountCNY")
    assert amounts == sorted(amounts, reverse=True)
    assert rows[0]["amountCNY"].toPython() == Decimal("5000000") and rows[0]["type"] == POL.Grant
    assert values(ask(mini_memory, "funding-ranked", min_amount="1000000"), "amountCNY") == [
        Decimal(x) for x in ("5000000", "2500000", "2000000", "2000000", "1000000", "1000000")]


def test_mini_eligibility_includes_containing_areas_and_category_tree(mini_memory):
    rows = ask(mini_memory, "eligibility", category="星火領航企業", area="Songhu District",
               date="2025-06-01")
    got = {(str(r["offer"]).split("/id/")[1], r["match"].toPython()) for r in rows}
    assert got == {
        ("doc/2024/qing-fu-ban-3/measure/1/instrument/1", "narrower"),  # provincial, national rank
        ("doc/2024/qing-fu-ban-3/measure/3/instrument/1", "broader"),  # provincial voucher
        ("doc/2025/song-gong-xin-gui-zi-1/measure/1/instrument/1", "broader"),
        ("doc/2025/song-gong-xin-gui-zi-1/measure/2/instrument/1", "exact"),
    }
    voucher = next(r for r in rows if r["type"] == POL.ComputeVoucher)
    assert voucher["maxCostShare"].toPython() == Decimal("0.4")
    assert voucher["budgetCNY"].toPython() == Decimal("20000000")
    assert voucher["agencyName"].toPython() == "青川省工业和信息化厅"
    quota = next(r for r in rows if r["type"] == POL.ModelVoucher)
    assert quota["maxRecipients"].toPython() == 20 and quota["period"] == POL.PerPolicyTerm
    # before B took effect, C's offer applies and B's do not
    early = ask(mini_memory, "eligibility", category=str(PATHFINDER), area="松湖区",
                date="2025-01-01")
    assert set(values(early, "number")) == {A, C}
    # another province's offers never apply
    assert E not in values(ask(mini_memory, "eligibility", category="星火企业", area="松湖区"),
                           "number")


def test_mini_eligibility_sector_and_general_offers(mini_memory):
    rows = ask(mini_memory, "eligibility", category="星火企业", area="松湖区",
               date="2025-06-01", sector="云端农业", include_general="true")
    offers = {str(r["offer"]).split("/id/")[1] for r in rows}
    assert "doc/2025/song-gong-xin-gui-zi-1/measure/3/instrument/1" in offers  # general, sector
    assert "doc/2024/qing-fu-ban-3/measure/4/instrument/1" in offers  # general, no sector
    assert "doc/2024/qing-fu-ban-3/measure/1/instrument/1" not in offers  # deep-sea robots only
    general = [r for r in rows if r["match"].toPython() == "any"]
    assert general and all(r["categories"].toPython() == "" for r in general)


def test_optional_labels_of_unbound_nodes_stay_unbound(mini_memory):
    """Regression: an OPTIONAL label lookup on an unbound variable matched every label."""
    rows = ask(mini_memory, "conflicting-claims", verdict="pol:Unverified")
    assert len(rows) == 1 and rows[0]["measure"] is None and rows[0]["ordinal"] is None


def test_mini_vouchers_compared(mini_memory):
    rows = ask(mini_memory, "vouchers-compared")
    got = [(r["jurisdictionName"].toPython(), r["type"], r["maxCostShare"].toPython(),
            r["amountCNY"].toPython()) for r in rows]
    assert got == [
        ("明州省", POL.ComputeVoucher, Decimal("0.5"), Decimal("2000000")),
        ("青川省", POL.ComputeVoucher, Decimal("0.4"), Decimal("1000000")),
        ("松湖区", POL.ModelVoucher, Decimal("0.3"), Decimal("500000")),
    ]


def test_mini_agencies_by_measures(mini_memory):
    rows = ask(mini_memory, "agencies-by-measures")
    assert [(r["agencyName"].toPython(), r["measures"].toPython(), r["documents"].toPython())
            for r in rows][:3] == [("松湖区工业和信息化局", 3, 2), ("青川省工业和信息化厅", 3, 1),
                                    ("明州省科学技术厅", 2, 1)]


def test_agencies_the_vocabulary_does_not_know_are_listed_as_unresolved(tmp_path):
    """A unit named only in the text becomes an organisation of its own, flagged resolved=false."""
    from policykg.graph.build.serial import build

    src = tmp_path / "notice.txt"
    src.write_text("深圳市支持低空经济发展若干措施\n"
                   "一、支持航线开通。对新开通航线的企业给予最高50万元补助。（责任单位：市低空经济协调办公室）\n"
                   "二、支持基础设施。对起降场建设给予补助。（责任单位：市工业和信息化局）\n"
                   "深圳市人民政府办公厅\n2026年3月2日\n", encoding="utf-8")
    out = tmp_path / "build"
    build([src], out, validate=False)
    rows = ask(MemoryStore.from_file(out / "policykg.trig"), "agencies-by-measures")
    resolved = {r["agencyName"].toPython(): r["resolved"].toPython() for r in rows}
    assert resolved == {"深圳市低空经济协调办公室": False, "深圳市工业和信息化局": True}


def test_mini_supersession_is_transitive_with_dates(mini_memory):
    rows = ask(mini_memory, "supersession", document_number=B)
    got = {(r["repealedNumber"].toPython(), r["repealedByNumber"].toPython(),
            str(r["date"]), r["direct"].toPython()) for r in rows}
    assert got == {(C, B, "2025-05-10", True), (D, C, "2023-01-15", False)}


def test_mini_implements(mini_memory):
    rows = ask(mini_memory, "implements")
    assert [(r["number"].toPython(), r["basedOnNumber"].toPython(),
             r["basedOnJurisdiction"].toPython()) for r in rows] == [(B, A, "青川省")]


def test_mini_yearly_commitment(mini_memory):
    rows = ask(mini_memory, "yearly-commitment")
    got = [(r["level"].toPython(), r["number"].toPython(),
            None if r["ordinal"] is None else r["ordinal"].toPython(), r["yearlyCNY"].toPython())
           for r in rows]
    assert got == [
        ("document", B, None, Decimal("1000000")),
        ("measure", B, 3, Decimal("1000000")),
        ("document", A, None, Decimal("60000000")),  # 10 × 5 000 000 + 4 × 2 500 000
        ("measure", A, 2, Decimal("50000000")),
        ("measure", A, 4, Decimal("10000000")),
    ]
    assert len(ask(mini_memory, "yearly-commitment", document_number=A)) == 3


def test_mini_sectors_by_jurisdiction(mini_memory):
    rows = ask(mini_memory, "sectors-by-jurisdiction")
    got = {(r["jurisdictionName"].toPython(), r["sectorName"].toPython()):
           r["measures"].toPython() for r in rows}
    assert got == {("明州省", "云端农业"): 1, ("松湖区", "云端农业"): 2,
                   ("青川省", "深海机器人"): 2, ("青川省", "云端农业"): 1}


def test_mini_conflicting_claims(mini_memory):
    rows = ask(mini_memory, "conflicting-claims")
    assert len(rows) == 1
    row = rows[0]
    assert row["publisher"].toPython() == "Qingchuan Daily"
    assert row["claimed"].toPython() == Decimal("8000000")
    assert row["official"].toPython() == Decimal("5000000")
    assert (row["claimedRole"].toPython(), row["officialRole"].toPython()) == ("amount", "cap")
    assert (row["number"].toPython(), row["ordinal"].toPython()) == (A, 2)
    unverified = ask(mini_memory, "conflicting-claims", verdict="pol:Unverified")
    assert values(unverified, "number") == [E] and values(unverified, "ordinal") == [None]


def test_mini_theme_coverage(mini_memory):
    rows = ask(mini_memory, "theme-coverage")
    got = {(r["number"].toPython(), r["themeName"].toPython()): (r["measures"].toPython(),
                                                                  r["total"].toPython())
           for r in rows}
    assert got[(A, "算力")] == (3, 4) and got[(A, "开源")] == (1, 4)
    assert got[(B, "算力")] == (2, 3) and got[(C, "企业培育")] == (1, 1)


def test_mini_measure_evidence(mini_memory):
    rows = ask(mini_memory, "measure-evidence", document_number=A, ordinal="2")
    by_role = {}
    for r in rows:
        by_role.setdefault(r["role"].toPython(), set()).add(
            (str(r["property"]).split("#")[1], str(r["value"]), r["exact"].toPython()))
    assert ("maxAmount", "5000000", "每年遴选不超过10个案例，每个最高500万元") in by_role["instrument"]
    assert ("maxRecipients", "10", "每年遴选不超过10个案例，每个最高500万元") in by_role["instrument"]
    assert any(p == "responsibleAgency" for p, _, _ in by_role["measure"])
    assert ("claimedAmount", "8000000", "up to 8 million yuan for each model") in by_role["claim"]
    same = ask(mini_memory, "measure-evidence",
               measure=str(ID["doc/2024/qing-fu-ban-3/measure/2"]))
    assert list(same) == list(rows)


def test_mini_timeline(mini_memory):
    rows = ask(mini_memory, "timeline", **{"from": "2025-05-01", "until": "2025-12-31"})
    got = [(str(r["date"]), r["event"].toPython(), r["number"].toPython()) for r in rows]
    assert got == [("2025-05-10", "in force", B), ("2025-05-10", "issued", B),
                   ("2025-05-10", "repealed", C), ("2025-06-01", "reported", A),
                   ("2025-12-31", "expires", C)]


# ------------------------------------------------------------------ seed graph answers

YUE = "粤府办〔2025〕6号"
SUI = "穗开经信规字〔2025〕7号"


def test_seed_policies_in_force(seed_memory):
    text = seed_text("001")
    until = re.search(r"有效期至(\d{4})年(\d{1,2})月(\d{1,2})日", text).groups()
    last_day = f"{until[0]}-{int(until[1]):02d}-{int(until[2]):02d}"
    rows = ask(seed_memory, "policies-in-force", date="2026-01-01")
    assert values(rows, "number") == [SUI, YUE]
    yue = rows[1]
    assert str(yue["validUntil"]) == last_day and yue["jurisdictionName"].toPython() == "广东省"
    assert values(ask(seed_memory, "policies-in-force", date="2025-04-01"), "number") == [YUE]
    after = ask(seed_memory, "policies-in-force", date=f"{int(until[0]) + 1}-01-01")
    assert values(after, "number") == [SUI]


def test_seed_funding_ranked(seed_memory):
    text = seed_text("001")
    top = max(int(x) for x in re.findall(r"最高(\d+)万元", text)) * 10_000
    rows = ask(seed_memory, "funding-ranked")
    assert rows[0]["amountCNY"].toPython() == Decimal(top) == Decimal("50000000")
    assert (rows[0]["number"].toPython(), rows[0]["ordinal"].toPython()) == (YUE, 1)
    amounts = values(rows, "amountCNY")
    assert amounts == sorted(amounts, reverse=True)
    assert Decimal("100000000") not in amounts  # 超1亿元 is a threshold, never a cap
    assert rows[0]["amount"].toPython() == f"{top // 10_000}万元"
    offers = values(rows, "offer")
    assert len(offers) == len(set(offers))  # one row per offer, its categories joined
    for r in rows:
        names = r["categories"].toPython().split("; ") if r["categories"].toPython() else []
        assert names == sorted(names)


def test_seed_eligibility_little_giant_in_huangpu(seed_memory):
    rows = ask(seed_memory, "eligibility", category="专精特新小巨人", area="黄埔区",
               date="2026-01-01")
    little = [r for r in rows if r["match"].toPython() == "exact"]
    assert [(r["number"].toPython(), r["ordinal"].toPython(), r["amountCNY"].toPython())
            for r in little] == [(YUE, 2, Decimal("2000000"))]
    assert Decimal("3000000") not in values(rows, "amountCNY")  # the single-champion reward
    assert {YUE, SUI} == set(values(rows, "number"))  # provincial and district offers
    before = ask(seed_memory, "eligibility", category="专精特新小巨人", area="黄埔区",
                 date="2025-04-01")
    assert set(values(before, "number")) == {YUE}  # the district document was not issued yet


def test_seed_vouchers_compared(seed_memory):
    text = seed_text("003")
    rows = ask(seed_memory, "vouchers-compared")
    official = [r for r in rows if r.get("number") is not None]
    types = {str(t).split("#")[1] for t in values(official, "type")}
    words = {"ComputeVoucher": "算力券", "ModelVoucher": "模型券", "SceneVoucher": "场景券",
             "DataVoucher": "数据券"}
    assert types == {t for t, w in words.items() if f"“{w}”" in text}
    compute = {(r["maxCostShare"] and r["maxCostShare"].toPython(), r["amountCNY"].toPython(),
                r["budgetCNY"] and r["budgetCNY"].toPython())
               for r in official if str(r["type"]).endswith("ComputeVoucher")}
    assert compute == {(Decimal("0.3"), Decimal("5000000"), None),
                       (None, Decimal("500000"), Decimal("10000000"))}


def test_seed_vouchers_compared_across_jurisdictions(seed_memory):
    """A voucher known only from a news report is compared with the official ones."""
    report = seed_text("004")
    share = Decimal(re.search(r"up to (\d+)%", report).group(1)) / 100
    cap = Decimal(re.search(r"ceiling of (\d+) million yuan", report).group(1)) * 1_000_000
    rows = ask(seed_memory, "vouchers-compared")
    by_area = {}
    for r in rows:
        by_area.setdefault(str(r["jurisdiction"]).rsplit("/", 1)[-1], []).append(r)
    assert len(by_area) >= 2
    shenzhen = [r for r in by_area["shenzhen"] if str(r["type"]).endswith("ComputeVoucher")]
    assert [(r["maxCostShare"].toPython(), r["amountCNY"].toPython()) for r in shenzhen] == [
        (share, cap)]


def test_seed_agencies_by_measures(seed_memory):
    text = seed_text("003")
    duties = re.findall(r"责任单位[:：]([^)）]*)[)）]", text)
    expected = sum("区工业和信息化局" in d for d in duties)
    rows = ask(seed_memory, "agencies-by-measures")
    assert rows[0]["agencyName"].toPython().endswith("黄埔区工业和信息化局")
    assert rows[0]["resolved"].toPython() is True  # an agency of the vocabulary
    assert rows[0]["measures"].toPython() == expected == 10


def test_seed_supersession(seed_memory):
    rows = ask(seed_memory, "supersession", document_number=SUI)
    got = {(r["repealedNumber"].toPython(), str(r["date"]), r["direct"].toPython()) for r in rows}
    cited = set(re.findall(r"(穗埔工信规字〔\d{4}〕\d+号)", seed_text("003")))
    assert got == {(n, "2025-06-27", True) for n in cited}
    assert len(cited) == 2


def test_seed_implements(seed_memory):
    text = seed_text("003")
    preamble = text[text.index("为深入贯彻"):text.index("现制定本措施")]
    cited = {to_simplified(t) for t in re.findall(r"《([^》]+)》", preamble)}
    rows = ask(seed_memory, "implements")
    assert set(values(rows, "number")) == {SUI}
    assert set(values(rows, "basedOnTitle")) == cited
    assert "广东省关于人工智能赋能千行百业的若干措施" in cited


def test_seed_yearly_commitment(seed_memory):
    text = seed_text("001")
    quotas = [int(q) for q in re.findall(r"每年择优支持不超过(\d+)个", text)]
    cap = Decimal(8_000_000)
    assert "最高800万元" in text and quotas == [10, 5]
    rows = ask(seed_memory, "yearly-commitment", document_number=YUE)
    got = [(r["level"].toPython(), r["ordinal"] and r["ordinal"].toPython(),
            r["yearlyCNY"].toPython()) for r in rows]
    assert got == [("document", None, sum(quotas) * cap), ("measure", 4, quotas[0] * cap),
                   ("measure", 7, quotas[1] * cap)]


def test_seed_sectors_by_jurisdiction(seed_memory):
    rows = ask(seed_memory, "sectors-by-jurisdiction")
    pairs = {(r["jurisdictionName"].toPython(), r["sectorName"].toPython()) for r in rows}
    assert ("广东省", "机器人") in pairs and ("广东省", "人工智能") in pairs
    assert ("广州经济技术开发区", "生物医药") in pairs  # named among 003's fields
    assert "生物医药" in seed_text("003")
    guangdong_ai = next(r for r in rows if (r["jurisdictionName"].toPython(),
                                            r["sectorName"].toPython()) == ("广东省", "人工智能"))
    assert guangdong_ai["documents"].toPython() == 1


def test_seed_conflicting_claims(seed_memory):
    rows = ask(seed_memory, "conflicting-claims")
    assert rows, "the English news misreads the 1-billion threshold of the official text"
    news = seed_file("000").read_text(encoding="utf-8")
    row = rows[0]
    assert row["publisher"].toPython() in news and str(row["reportDate"]) in news
    assert (row["number"].toPython(), row["ordinal"].toPython()) == (YUE, 1)
    assert row["claimed"].toPython() == Decimal("100000000")
    # like with like: the report's "up to" is a cap, the official 1亿元 is a threshold (超1亿元)
    assert "超1亿元" in seed_text("001")
    assert (row["claimedRole"].toPython(), row["officialRole"].toPython()) == ("cap", "threshold")


def test_seed_theme_coverage(seed_memory):
    rows = ask(seed_memory, "theme-coverage")
    totals = {r["number"].toPython(): r["total"].toPython() for r in rows}
    articles = len(set(re.findall(r"第([一二三四五六七八九十]+)条", seed_text("003"))))
    headings = len(set(re.findall(r"(?:^|[。\s])([一二三四五六七八九十]{1,3}),?、", seed_text("001"))))
    assert totals == {YUE: headings, SUI: articles} == {YUE: 12, SUI: 15}
    assert all(r["measures"].toPython() <= r["total"].toPython() for r in rows)


def test_seed_measure_evidence_quotes_the_source(seed_memory):
    text = seed_file("001").read_text(encoding="utf-8")
    rows = ask(seed_memory, "measure-evidence", document_number=YUE, ordinal="4")
    assert rows
    for r in rows:
        start, end = r["start"].toPython(), r["end"].toPython()
        if r["role"].toPython() != "claim":
            assert text[start:end] == r["exact"].toPython()
    facts = {(str(r["property"]).split("#")[1], str(r["value"])) for r in rows
             if r["role"].toPython() == "instrument"}
    assert {("maxAmount", "8000000"), ("maxRecipients", "10"),
            ("period", str(POL.PerYear))} <= facts


def test_seed_timeline(seed_memory):
    rows = ask(seed_memory, "timeline")
    events = {(str(r["date"]), r["event"].toPython(), r["number"].toPython()) for r in rows}
    assert ("2025-03-09", "issued", YUE) in events and "2025年3月9日" in seed_text("001")
    assert ("2027-12-31", "expires", YUE) in events
    assert ("2025-06-27", "repealed", "穗埔工信规字〔2024〕2号") in events
    assert ("2025-03-12", "reported", YUE) in events
    assert "2025-03-12" in seed_file("000").read_text(encoding="utf-8")
    dates = [str(r["date"]) for r in rows]
    assert dates == sorted(dates)
