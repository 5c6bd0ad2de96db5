"""Linking a report to the document it is about — and to nothing when that document is absent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import RDF, RDFS, Literal, URIRef

from policykg.graph.claims.link import link_report
from policykg.graph.claims.report import report_to_graph
from policykg.loaders.report import load_report
from policykg.loaders.source import source_from_bytes
from policykg.ontology.namespace import ID, POL

from .helpers import fixture_official, fixture_source

DOC = ID["doc/2024/yue-ce-3"]


def test_english_title_links_by_vocabulary_overlap_and_adds_the_english_title():
    report = load_report(fixture_source("en_wire_guangdong.txt"))
    links = link_report(report, fixture_official())
    assert [(link.doc, link.method) for link in links] == [(DOC, "english-title")]
    assert 0.5 < links[0].confidence < 1
    name, g = report_to_graph(report, fixture_official())
    assert str(name).startswith(str(ID["graph/report/2024-05-08/"]))
    english = [t for t in g.objects(DOC, POL.title) if t.language == "en"]
    assert english and "Robot Industry of Guangdong Province" in str(english[0])
    assert (DOC, RDFS.label, english[0]) in g
    (report_node,) = set(g.subjects(RDF.type, POL.Report))
    link = g.value(report_node, POL.hasLink)
    assert (link, RDF.type, POL.ReportLink) in g
    assert g.value(link, POL.linkMethod) == Literal("english-title")
    assert Decimal(str(g.value(link, POL.linkConfidence))) == Decimal(str(links[0].confidence))
    assert (report_node, POL.reportsOn, DOC) in g


def test_chinese_title_links_exactly_in_simplified_script():
    report = load_report(fixture_source("zh_news_furniture.txt"))
    links = link_report(report, fixture_official())
    assert [(link.doc, link.method, link.confidence) for link in links] == [(DOC, "title", 0.95)]


def test_traditional_script_title_links_too():
    text = "廣東新政出爐\n2024年5月10日\n日前，《廣東省支持機器人產業創新發展若干措施》印發，每年遴選不超過8個示範案例。\n"
    report = load_report(source_from_bytes(text.encode("utf-8"), "t.txt"))
    assert [link.method for link in link_report(report, fixture_official())] == ["title"]


def _plain(text: str):
    return load_report(source_from_bytes(text.encode("utf-8"), "plain.txt"))


def test_jurisdiction_subject_and_date_window():
    story = (
        "Guangdong backs its robot industry\n\n{day}\n\n"
        "Guangdong has issued new measures for the robotics industry, officials said. "
        "Each year no more than 8 demonstration cases will be selected.\n"
    )
    near = _plain(story.format(day="2024-05-20"))
    links = link_report(near, fixture_official())
    assert [(link.doc, link.method) for link in links] == [(DOC, "jurisdiction+subject+date")]
    assert links[0].confidence < 0.9
    late = _plain(story.format(day="2026-05-20"))
    assert link_report(late, fixture_official()) == []
    elsewhere = _plain(story.replace("Guangdong", "Zhejiang").format(day="2024-05-20"))
    assert link_report(elsewhere, fixture_official()) == []


def test_story_about_a_policy_not_in_the_corpus_does_not_link_and_becomes_a_reported_policy():
    report = load_report(fixture_source("en_wire_zhejiang.txt"))
    official = fixture_official()
    assert link_report(report, official) == []
    name, g = report_to_graph(report, official)
    (report_node,) = set(g.subjects(RDF.type, POL.Report))
    assert (report_node, POL.reportsOn, DOC) not in g
    docs = set(g.subjects(POL.attestedBy, report_node))
    assert len(docs) == 1
    (doc,) = docs
    assert str(doc).startswith(str(ID["doc/report/"]))
    assert g.value(doc, POL.jurisdiction) == ID["area/zhejiang"]
    vouchers = set(g.subjects(RDF.type, POL.ComputeVoucher))
    assert [Decimal(str(g.value(v, POL.maxAmount))) for v in vouchers] == [Decimal("5000000")]
    budgets = {Decimal(str(o)) for o in g.objects(None, POL.totalBudget)}
    assert budgets == {Decimal("2000000000")}
    for claim in g.objects(report_node, POL.hasClaim):
        assert g.value(claim, POL.verdict) == POL.Unverified
        assert g.value(claim, POL.aboutDocument) == doc


def test_report_graph_is_deterministic():
    report = load_report(fixture_source("en_wire_guangdong.txt"))
    a = report_to_graph(report, fixture_official())[1]
    b = report_to_graph(load_report(fixture_source("en_wire_guangdong.txt")), fixture_official())[1]
    assert sorted(a) == sorted(b)
    assert isinstance(next(iter(a.subjects(RDF.type, POL.Report))), URIRef)
    assert dt.date(2024, 5, 8).isoformat() in str(next(iter(a.subjects(RDF.type, POL.Report))))


def test_without_its_official_text_a_report_keeps_the_tiers_it_states():
    from rdflib import Dataset

    report = load_report(fixture_source("zh_news_furniture.txt"))
    _, g = report_to_graph(report, Dataset(default_union=True))
    tiers = {
        (g.value(i, POL.recognitionLevel), Decimal(str(g.value(i, POL.maxAmount))))
        for i in g.subjects(RDF.type, POL.Grant)
    }
    assert tiers == {(POL.National, Decimal("20000000")), (POL.Provincial, Decimal("5000000"))}
