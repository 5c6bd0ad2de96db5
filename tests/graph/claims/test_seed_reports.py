"""The seed reports end to end: 000 and 002 report on 粤府办〔2025〕6号, 004 on a Shenzhen plan that
is not in the corpus. Official facts are taken from the official loader's output at run time."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from rdflib import RDF, Literal

from policykg.graph.claims.report import report_to_graph
from policykg.loaders.report import load_report
from policykg.loaders.source import read_source
from policykg.ontology.namespace import POL, SCHEMA
from tests.conftest import seed_file

from .helpers import load_official, official_dataset

NUMBER = "粤府办〔2025〕6号"


@cache
def _officials():
    return load_official(seed_file("001")), load_official(seed_file("003"))


@cache
def _dataset():
    return official_dataset(*_officials())


def _doc_node(ds):
    (doc,) = set(ds.subjects(POL.documentNumber, Literal(NUMBER)))
    return doc


def _report_graph(prefix: str):
    ds = _dataset()
    report = load_report(read_source(seed_file(prefix)))
    name, g = report_to_graph(report, ds)
    (node,) = set(g.subjects(RDF.type, POL.Report))
    return ds, report, node, g


def test_001_is_the_document_the_tests_expect():
    doc = _officials()[0]
    assert doc.number == NUMBER


def test_000_and_002_report_on_the_guangdong_measures():
    for prefix in ("000", "002"):
        ds, _, node, g = _report_graph(prefix)
        assert set(g.objects(node, POL.reportsOn)) == {_doc_node(ds)}, prefix
        link = g.value(node, POL.hasLink)
        assert str(g.value(link, POL.linkMethod)) in ("title", "english-title"), prefix
        assert Decimal(str(g.value(link, POL.linkConfidence))) >= Decimal("0.5")


def test_000_gives_the_document_its_english_title():
    ds, report, _, g = _report_graph("000")
    english = {str(t) for t in g.objects(_doc_node(ds), POL.title) if t.language == "en"}
    quoted = {r.title for r in report.policy_titles if r.title and r.title.isascii()}
    assert english and english <= quoted


def test_every_figure_in_000_has_a_verdict_and_both_outcomes_occur():
    ds, report, node, g = _report_graph("000")
    claims = list(g.objects(node, POL.hasClaim))
    assert len(claims) == len(report.claims) >= 15
    for claim in claims:
        assert len(list(g.objects(claim, POL.verdict))) == 1
        assert g.value(claim, POL.verdictReason) is not None
    official = _officials()[0]
    caps = {o.max_amount.value for m in official.measures for o in m.offers if o.max_amount}
    thresholds = {a.value for m in official.measures for a in m.amounts if a.role == "threshold"}
    consistent = [c for c in claims if g.value(c, POL.verdict) == POL.Consistent]
    consistent_amounts = {Decimal(str(g.value(c, POL.claimedAmount))) for c in consistent
                          if g.value(c, POL.claimedAmount) is not None}
    assert consistent_amounts and consistent_amounts <= caps
    assert Decimal("8000000") in consistent_amounts
    counts = {int(g.value(c, POL.claimedCount)) for c in consistent if g.value(c, POL.claimedCount)}
    recipients = {o.max_recipients.count for m in official.measures for o in m.offers if o.max_recipients}
    assert 10 in counts and 10 in recipients
    conflicting = [c for c in claims if g.value(c, POL.verdict) == POL.Conflicting]
    assert conflicting
    for claim in conflicting:
        official_value = Decimal(str(g.value(claim, POL.officialValue)))
        assert official_value in thresholds | caps
        assert g.value(claim, POL.aboutMeasure) is not None
    threshold_claims = [c for c in conflicting if "threshold" in str(g.value(c, POL.verdictReason))]
    assert threshold_claims
    assert {Decimal(str(g.value(c, POL.officialValue))) for c in threshold_claims} <= thresholds


def test_000_release_date_is_weighed_against_the_issue_date():
    ds, _, node, g = _report_graph("000")
    issued = _officials()[0].date_issued
    dated = [c for c in g.objects(node, POL.hasClaim) if g.value(c, POL.claimedDate) is not None]
    assert dated
    for claim in dated:
        assert g.value(claim, POL.officialValue) == Literal(issued)
        assert issued.isoformat() in str(g.value(claim, POL.verdictReason))


def test_region_figures_are_unverified():
    for prefix in ("002", "004"):
        _, report, node, g = _report_graph(prefix)
        region = [c for c in report.claims if c.about_region]
        assert region, prefix
        unverified = [c for c in g.objects(node, POL.hasClaim)
                      if "region" in str(g.value(c, POL.verdictReason))]
        assert len(unverified) == len(region)
        assert all(g.value(c, POL.verdict) == POL.Unverified for c in unverified)


def test_004_is_a_shenzhen_policy_known_only_from_the_report():
    ds, _, node, g = _report_graph("004")
    assert _doc_node(ds) not in set(g.objects(node, POL.reportsOn))
    (doc,) = set(g.subjects(POL.attestedBy, node))
    assert str(g.value(doc, POL.jurisdiction)).endswith("/area/shenzhen")
    assert {Decimal(str(v)) for v in g.objects(None, POL.totalBudget)} == {Decimal("4500000000")}
    (voucher,) = set(g.subjects(RDF.type, POL.ComputeVoucher))
    assert Decimal(str(g.value(voucher, POL.maxCostShare))) == Decimal("0.6")
    assert Decimal(str(g.value(voucher, POL.maxAmount))) == Decimal("10000000")
    kinds = {g.value(i, RDF.type) for i in g.subjects(RDF.type, None)}
    assert {POL.ModelVoucher, POL.CorpusVoucher, POL.SceneVoucher} <= kinds
    people = {str(g.value(p, SCHEMA.name)): p for p in g.objects(doc, POL.namedPerson)}
    assert set(people) == {"Lin Yi", "Zhang Lin"}
    assert (people["Lin Yi"], RDF.type, SCHEMA.Person) in g
    assert "head" in str(g.value(people["Lin Yi"], POL.personRole))
    assert "director" in str(g.value(people["Zhang Lin"], POL.personRole))
    agency = g.value(people["Zhang Lin"], SCHEMA.worksFor)
    assert (agency, RDF.type, POL.Agency) in g or (agency, RDF.type, POL.Agency) in ds


def test_inspect_lists_each_claim_with_verdict_and_reason(capsys):
    from policykg.cli import main

    report = load_report(read_source(seed_file("000")))
    assert main(["inspect", str(seed_file("000"))]) == 0
    out = capsys.readouterr().out
    assert f"Claims: {len(report.claims)}" in out
    lines = [line for line in out.splitlines() if line[:4].strip().rstrip(".").isdigit()]
    assert len(lines) == len(report.claims)
    assert any("[Consistent]" in line for line in lines)
    conflicting = [line for line in lines if "[Conflicting]" in line]
    assert conflicting and all(": " in line for line in conflicting)
    assert NUMBER in out


def test_inspect_against_other_documents_does_not_link(capsys):
    from policykg.cli import main

    assert main(["inspect", str(seed_file("000")), "--against", str(seed_file("003"))]) == 0
    out = capsys.readouterr().out
    assert "Reports on: no official document among the 1 compared" in out
    assert "[Consistent]" not in out and "[Conflicting]" not in out
