"""The bundled example corpus (``examples/corpus``) builds with the CLI and holds the facts we wrote.

The gold below was written by hand from the six invented documents of ``examples/corpus`` (their
README says what each one exercises), never copied from the loader's output. Where today's loader
misreads a document the test is marked ``xfail(strict=True)`` with the reason: the gold stays
right, and the day the loader reads the fact the test passes unexpectedly and fails, asking for
the mark to go.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, Namespace

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
POL = Namespace("https://w3id.org/policykg/ontology#")

# ------------------------------------------------------------------ what today's loader misses


def known(reason: str):
    """A fact today's loader misses: the gold is right, the reader is not (yet)."""
    return pytest.mark.xfail(reason=reason, strict=True)



# ------------------------------------------------------------------ gold, written by hand


@dataclass(frozen=True)
class DocGold:
    """The header facts of one official document of the corpus."""

    file: str
    number: str
    issuers: frozenset[str]
    issued: str
    valid_from: str
    valid_until: str
    jurisdiction: str
    measures: int
    title: str


DOCS = {
    "sz2023": DocGold(
        "01-shenzhen-robotics-measures-2023.txt", "深工信规〔2023〕11号",
        frozenset({"深圳市工业和信息化局"}), "2023-04-18", "2023-05-01", "2026-04-30",
        "深圳市", 4, "深圳市促进智能机器人产业集聚发展若干措施"),
    "sz2025": DocGold(
        "02-shenzhen-ai-robotics-measures-2025.txt", "深工信规〔2025〕3号",
        frozenset({"深圳市工业和信息化局", "深圳市科技创新局"}), "2025-02-20", "2025-03-01",
        "2028-02-29", "深圳市", 6, "深圳市加快人工智能与机器人产业融合发展若干措施"),
    "zj2025": DocGold(
        "03-zhejiang-embodied-ai-measures-2025.txt", "浙政办发〔2025〕14号",
        frozenset({"浙江省人民政府办公厅"}), "2025-05-08", "2025-06-01", "2028-05-31",
        "浙江省", 5, "浙江省支持具身智能机器人产业创新发展若干措施"),
    "gz2025": DocGold(
        "04-guangzhou-compute-voucher-rules-2025.html", "穗工信规字〔2025〕5号",
        frozenset({"广州市工业和信息化局"}), "2025-07-10", "2025-08-01", "2028-07-31",
        "广州市", 9, "广州市人工智能算力券和模型券管理办法"),
}
NEWS = "05-news-zhejiang-embodied-ai-2025.txt"
BRIEFING = "06-briefing-shenzhen-en.txt"


@dataclass(frozen=True)
class OfferGold:
    """One offer of a measure; only the fields given are checked (amounts in yuan)."""

    doc: str
    ordinal: int
    kind: str | None = None  # the instrument class, e.g. ComputeVoucher
    amount: str | None = None  # pol:maxAmount
    share: str | None = None  # pol:maxCostShare
    quota: int | None = None  # pol:maxRecipients
    budget: str | None = None  # pol:totalBudget
    period: str | None = None  # PerYear | OneTime
    level: str | None = None  # International | National | Provincial | Industry


OFFERS = [
    OfferGold("sz2023", 1, amount="2000000", share="0.2"),
    OfferGold("sz2023", 2, amount="1000000", share="0.15", period="PerYear"),
    OfferGold("sz2023", 3, amount="500000", period="OneTime", level="National"),
    OfferGold("sz2023", 4, amount="3000000", share="0.25", quota=5, period="PerYear"),
    OfferGold("sz2025", 1, amount="3000000", share="0.3", period="PerYear"),
    pytest.param(OfferGold("sz2025", 1, kind="ComputeVoucher", amount="3000000"),
                 id="sz2025-1-compute-voucher"),
    OfferGold("sz2025", 2, amount="10000000", share="0.2", quota=10, period="PerYear"),
    OfferGold("sz2025", 3, kind="Reward", amount="1000000", quota=20, period="PerYear"),
    pytest.param(OfferGold("sz2025", 4, amount="30000000", level="National"),
                 id="sz2025-4-national-centre"),
    OfferGold("sz2025", 4, amount="8000000", level="Provincial"),
    OfferGold("sz2025", 5, amount="500000", period="OneTime", level="National"),
    OfferGold("sz2025", 5, amount="1000000", period="OneTime", level="National"),
    pytest.param(OfferGold("sz2025", 6, amount="500000", level="International"), id="sz2025-6-international-standard"),
    pytest.param(OfferGold("sz2025", 6, amount="300000", level="National"), id="sz2025-6-national-standard"),
    pytest.param(OfferGold("sz2025", 6, amount="100000", level="Industry"), id="sz2025-6-industry-standard"),
    OfferGold("zj2025", 1, amount="20000000", share="0.4", quota=15, period="PerYear"),
    OfferGold("zj2025", 2, amount="5000000", share="0.2"),
    OfferGold("zj2025", 3, amount="10000000", share="0.3"),
    OfferGold("zj2025", 3, kind="DataVoucher", amount="1000000", share="0.5", period="PerYear"),
    OfferGold("zj2025", 5, kind="InvestmentFund", budget="5000000000"),
    OfferGold("gz2025", 3, kind="ComputeVoucher", amount="2000000", share="0.5", period="PerYear"),
    OfferGold("gz2025", 4, kind="ModelVoucher", amount="1000000", share="0.3", period="PerYear"),
    OfferGold("gz2025", 5, budget="100000000", period="PerYear"),
]


def _offer_id(offer: OfferGold) -> str:
    return f"{offer.doc}-{offer.ordinal}-{offer.amount or offer.budget}"


# ------------------------------------------------------------------ the build, once


@dataclass
class Built:
    proc: subprocess.CompletedProcess[str]
    report: dict
    ds: Dataset
    graph_of: dict[str, URIRef]  # file name → its named graph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``policykg build examples/corpus --out OUT``, run from an unrelated working directory."""
    out = tmp_path_factory.mktemp("example-build") / "build"
    proc = subprocess.run(
        [sys.executable, "-m", "policykg", "build", str(CORPUS), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=out.parent)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ds = Dataset(default_union=True)
    ds.parse(out / "policykg.trig", format="trig")
    graph_of = {Path(s["path"]).name: URIRef(s["graph"]) for s in report["sources"] if s["graph"]}
    return Built(proc, report, ds, graph_of)


def _labels(ds: Dataset, node) -> set[str]:
    return {str(o) for p in (SKOS.prefLabel, RDFS.label) for o in ds.objects(node, p)}


def _typed_in(b: Built, file: str, cls: URIRef) -> list[URIRef]:
    """The nodes typed ``cls`` in the named graph of ``file``."""
    return sorted({s for s, _, _, _ in b.ds.quads((None, RDF.type, cls, b.graph_of[file]))})


def _document(b: Built, key: str) -> URIRef:
    """The policy document loaded from the file of ``key`` (the one with a pol:source there)."""
    file = DOCS[key].file
    docs = [d for d in _typed_in(b, file, POL.PolicyDocument)
            if any(True for _ in b.ds.quads((d, POL.source, None, b.graph_of[file])))]
    assert len(docs) == 1, f"{file}: {len(docs)} documents"
    return docs[0]


def _measure(b: Built, doc: URIRef, ordinal: int) -> URIRef:
    found = [m for m in b.ds.objects(doc, POL.hasMeasure)
             if b.ds.value(m, POL.ordinal) == Literal(ordinal)]
    assert found, f"{doc} has no measure {ordinal}"
    return found[0]


def _report(b: Built, file: str) -> URIRef:
    reports = _typed_in(b, file, POL.Report)
    assert len(reports) == 1, f"{file}: {len(reports)} reports"
    return reports[0]


def _claims(b: Built, file: str) -> list[URIRef]:
    return list(b.ds.objects(_report(b, file), POL.hasClaim))


def _claim_with(b: Built, file: str, prop: str, value: str) -> URIRef:
    """The claim of ``file`` whose ``pol:<prop>`` equals ``value`` (a decimal or integer)."""
    found = [c for c in _claims(b, file)
             if any(Decimal(str(o)) == Decimal(value) for o in b.ds.objects(c, POL[prop]))]
    assert found, f"{file}: no claim with {prop} {value}"
    return found[0]


def _verdict(b: Built, claim: URIRef) -> str:
    return str(b.ds.value(claim, POL.verdict)).rsplit("#", 1)[-1]


# ------------------------------------------------------------------ the build


def test_build_exits_0_and_every_source_loads(built: Built) -> None:
    assert built.proc.returncode == 0, built.proc.stdout + built.proc.stderr
    totals = built.report["totals"]
    # the six documents, and the folder's README passed over with a line saying why
    assert (totals["sources"], totals["failed"], totals["skipped"]) == (7, 0, 1)
    assert (totals["documents"], totals["reports"]) == (4, 2)
    read = [s for s in built.report["sources"] if s["status"] == "ok"]
    kinds = {Path(s["path"]).name: s["kind"] for s in read}
    assert kinds == {**{d.file: "official" for d in DOCS.values()},
                     NEWS: "report", BRIEFING: "report"}
    skipped = [s for s in built.report["sources"] if s["status"] != "ok"]
    assert [(Path(s["path"]).name, s["status"]) for s in skipped] == [("README.md", "skipped")]
    assert "not a policy document" in skipped[0]["error"]


def test_the_example_graph_conforms_to_the_shapes(built: Built) -> None:
    assert built.report["validation"]["conforms"] is True


# ------------------------------------------------------------------ official documents


@pytest.mark.parametrize("key", DOCS)
def test_document_number_title_issuer_and_jurisdiction(built: Built, key: str) -> None:
    gold, doc = DOCS[key], _document(built, key)
    assert str(built.ds.value(doc, POL.documentNumber)) == gold.number
    assert gold.title in {str(t) for t in built.ds.objects(doc, POL.title)}
    issuers = list(built.ds.objects(doc, POL.issuedBy))
    names = set().union(*(_labels(built.ds, a) for a in issuers))
    assert len(issuers) == len(gold.issuers) and gold.issuers <= names
    areas = list(built.ds.objects(doc, POL.jurisdiction))
    assert len(areas) == 1 and gold.jurisdiction in _labels(built.ds, areas[0])


@pytest.mark.parametrize("key", DOCS)
def test_document_dates_and_validity(built: Built, key: str) -> None:
    gold, doc = DOCS[key], _document(built, key)
    assert str(built.ds.value(doc, POL.dateIssued)) == gold.issued
    assert str(built.ds.value(doc, POL.validFrom)) == gold.valid_from
    assert str(built.ds.value(doc, POL.validUntil)) == gold.valid_until


@pytest.mark.parametrize("key", DOCS)
def test_document_measure_count(built: Built, key: str) -> None:
    doc = _document(built, key)
    ordinals = sorted(int(built.ds.value(m, POL.ordinal)) for m in built.ds.objects(doc, POL.hasMeasure))
    assert ordinals == list(range(1, DOCS[key].measures + 1))


def test_traditional_document_keeps_both_scripts(built: Built) -> None:
    titles = {(str(t), t.language) for t in built.ds.objects(_document(built, "zj2025"), POL.title)}
    assert ("浙江省支持具身智能机器人产业创新发展若干措施", "zh-Hans") in titles
    assert ("浙江省支持具身智能機器人產業創新發展若干措施", "zh-Hant") in titles


def test_html_page_keeps_its_publication_date_apart(built: Built) -> None:
    doc = _document(built, "gz2025")
    assert str(built.ds.value(doc, POL.datePublished)).startswith("2025-07-15")
    assert str(built.ds.value(doc, POL.dateIssued)) == "2025-07-10"


def test_joint_notice_names_responsible_units(built: Built) -> None:
    doc = _document(built, "sz2025")

    def units(ordinal: int) -> set[str]:
        agencies = built.ds.objects(_measure(built, doc, ordinal), POL.responsibleAgency)
        return {name for a in agencies for name in _labels(built.ds, a)}

    assert "深圳市科技创新局" in units(2)
    assert {"深圳市工业和信息化局", "深圳市政务服务和数据管理局"} <= units(3)


def _matches(ds: Dataset, inst: URIRef, offer: OfferGold) -> bool:
    def dec(prop) -> set[Decimal]:
        return {Decimal(str(o)) for o in ds.objects(inst, POL[prop])}

    checks = [
        offer.kind is None or (inst, RDF.type, POL[offer.kind]) in ds,
        offer.amount is None or dec("maxAmount") == {Decimal(offer.amount)},
        offer.share is None or dec("maxCostShare") == {Decimal(offer.share)},
        offer.quota is None or dec("maxRecipients") == {Decimal(offer.quota)},
        offer.budget is None or dec("totalBudget") == {Decimal(offer.budget)},
        offer.period is None or (inst, POL.period, POL[offer.period]) in ds,
        offer.level is None or (inst, POL.recognitionLevel, POL[offer.level]) in ds,
    ]
    return all(checks)


@pytest.mark.parametrize("offer", OFFERS, ids=lambda o: _offer_id(o) if isinstance(o, OfferGold) else None)
def test_offer(built: Built, offer: OfferGold) -> None:
    measure = _measure(built, _document(built, offer.doc), offer.ordinal)
    instruments = list(built.ds.objects(measure, POL.providesInstrument))
    assert any(_matches(built.ds, i, offer) for i in instruments), (
        f"no offer of measure {offer.ordinal} matches {offer}")


def test_revenue_threshold_is_never_a_cap(built: Built) -> None:
    """第六条's 500万元 is who may apply (营业收入…以上), not what anyone gets."""
    doc = _document(built, "gz2025")
    caps = {Decimal(str(a)) for m in built.ds.objects(doc, POL.hasMeasure)
            for i in built.ds.objects(m, POL.providesInstrument)
            for a in built.ds.objects(i, POL.maxAmount)}
    assert Decimal(5000000) not in caps


def test_measures_without_money_offer_nothing(built: Built) -> None:
    for key, ordinals in (("zj2025", (4,)), ("gz2025", (1, 2, 6, 7, 8, 9))):
        doc = _document(built, key)
        for n in ordinals:
            offers = list(built.ds.objects(_measure(built, doc, n), POL.providesInstrument))
            assert offers == [], f"{key} measure {n}: {offers}"


def test_new_shenzhen_measures_repeal_the_2023_ones_by_number(built: Built) -> None:
    new, old = _document(built, "sz2025"), _document(built, "sz2023")
    assert (new, POL.repeals, old) in built.ds
    assert (old, POL.repealedBy, new) in built.ds
    assert (_document(built, "zj2025"), POL.repeals, None) not in built.ds


# ------------------------------------------------------------------ reports and their claims


def test_chinese_news_reports_on_the_zhejiang_measures(built: Built) -> None:
    report = _report(built, NEWS)
    assert list(built.ds.objects(report, POL.reportsOn)) == [_document(built, "zj2025")]
    assert str(built.ds.value(report, DCTERMS.title)).startswith("浙江出台具身智能机器人新政")


def test_chinese_news_dateline(built: Built) -> None:
    report = _report(built, NEWS)
    assert str(built.ds.value(report, DCTERMS.date)) == "2025-05-12"
    assert str(built.ds.value(report, DCTERMS.publisher)) == "之江科技报"


@pytest.mark.parametrize(("prop", "value", "ordinal"), [
    ("claimedAmount", "20000000", 1), ("claimedShare", "0.4", 1), ("claimedCount", "15", 1),
    ("claimedAmount", "5000000", 2), ("claimedShare", "0.2", 2),
    ("claimedAmount", "10000000", 3), ("claimedShare", "0.3", 3),
    ("claimedAmount", "1000000", 3), ("claimedShare", "0.5", 3),
])
def test_chinese_news_figures_agree_with_the_measures(built: Built, prop: str, value: str,
                                                       ordinal: int) -> None:
    claim = _claim_with(built, NEWS, prop, value)
    assert _verdict(built, claim) == "Consistent"
    measure = _measure(built, _document(built, "zj2025"), ordinal)
    assert built.ds.value(claim, POL.aboutMeasure) == measure


def test_chinese_news_measure_count_agrees(built: Built) -> None:
    counts = [c for c in _claims(built, NEWS)
              if any(int(o) == 5 for o in built.ds.objects(c, POL.claimedCount))]
    assert counts and all(_verdict(built, c) == "Consistent" for c in counts)


def test_english_briefing_reports_on_the_2025_shenzhen_measures(built: Built) -> None:
    report = _report(built, BRIEFING)
    assert list(built.ds.objects(report, POL.reportsOn)) == [_document(built, "sz2025")]
    assert str(built.ds.value(report, DCTERMS.title)) == (
        "Shenzhen doubles down on embodied AI: what the new measures offer")
    assert str(built.ds.value(report, DCTERMS.date)) == "2025-02-28"


def test_english_briefing_wrong_reward_is_conflicting(built: Built) -> None:
    """The briefing says 2 million yuan per demonstration case; measure 3 of 02 says 1 million."""
    claim = _claim_with(built, BRIEFING, "claimedAmount", "2000000")
    assert _verdict(built, claim) == "Conflicting"
    assert built.ds.value(claim, POL.aboutMeasure) == _measure(built, _document(built, "sz2025"), 3)
    assert Decimal(str(built.ds.value(claim, POL.officialValue))) == Decimal(1000000)


@pytest.mark.parametrize(("prop", "value"), [
    ("claimedShare", "0.3"), ("claimedAmount", "3000000"), ("claimedShare", "0.2"),
    ("claimedAmount", "10000000"), ("claimedAmount", "30000000"), ("claimedAmount", "8000000"),
    ("claimedAmount", "500000"),
])
def test_english_briefing_right_figures_are_consistent(built: Built, prop: str, value: str) -> None:
    assert _verdict(built, _claim_with(built, BRIEFING, prop, value)) == "Consistent"


def test_the_one_wrong_figure_is_the_only_conflict(built: Built) -> None:
    conflicting = [c for f in (NEWS, BRIEFING) for c in _claims(built, f)
                   if _verdict(built, c) == "Conflicting"]
    assert conflicting == [_claim_with(built, BRIEFING, "claimedAmount", "2000000")]


# ------------------------------------------------------------------ the Python API's default


def test_api_build_without_sources_builds_the_example_corpus() -> None:
    from policykg import api

    result = api.build(validate=False)
    assert result.exit_code == 0
    assert (result.totals["sources"], result.totals["failed"], result.totals["skipped"]) == (7, 0, 1)
    assert (result.totals["documents"], result.totals["reports"]) == (4, 2)


def test_api_example_corpus_missing_is_one_sentence(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    from policykg import api

    monkeypatch.setattr(api, "EXAMPLE_CORPUS", tmp_path / "absent")
    with pytest.raises(FileNotFoundError) as err:
        api.build()
    message = str(err.value)
    assert "absent" in message and "\n" not in message
