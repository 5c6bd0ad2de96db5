"""One official-document record → the triples of its source graph (hand-built records)."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef

from policykg.graph.model import iri
from policykg.graph.model.resolve import Resolver
from policykg.graph.model.triples import decimal_literal, document_graph
from policykg.loaders.records import AgencyRef, Span
from policykg.ontology.namespace import ID, OA, POL
from tests.graph.conftest import SYNTHETIC_TEXT

PREFIXES = {"pol": POL._NS, "rdfs": RDFS, "oa": OA, "xsd": str(XSD)}


def _convert(doc, resolver=None):
    return document_graph(doc, resolver or Resolver(None))


def _ask(g: Graph, where: str) -> bool:
    return bool(g.query("ASK { " + where + " }", initNs=PREFIXES).askAnswer)


def test_document_statements(synthetic) -> None:
    conv = _convert(synthetic)
    g, doc = conv.graph, conv.main
    assert doc == ID["doc/2024/ce-fu-ban-12"]
    assert conv.graph_name == ID["graph/doc/2024/ce-fu-ban-12"]
    assert g.value(doc, POL.documentNumber) == Literal("测府办〔2024〕12号")
    assert g.value(doc, POL.dateIssued) == Literal("2024-05-06", datatype=XSD.date)
    assert g.value(doc, POL.validUntil) == Literal("2026-12-31", datatype=XSD.date)
    # validity derived: valid from the issue date when only an end is given
    assert g.value(doc, POL.validFrom) == Literal("2024-05-06", datatype=XSD.date)
    assert {str(t) for t in g.objects(doc, POL.title)} == {
        "测试省支持机器人产业若干措施", "測試省支持機器人產業若干措施"}
    assert conv.counts["measures"] == 2 and conv.counts["instruments"] == 2


def test_amounts_with_roles(synthetic) -> None:
    g = _convert(synthetic).graph
    assert _ask(g, "?i a pol:Reward ; pol:maxAmount ?a ; pol:maxRecipients 5 ; "
                   "pol:period pol:PerYear FILTER(?a = 3000000)")
    assert _ask(g, """?i a pol:ComputeVoucher ; pol:totalBudget ?b ; pol:minThreshold ?t ;
                      pol:maxCostShare ?s FILTER(?b = 20000000 && ?t = 50000000 && ?s = 0.4)""")
    assert not _ask(g, "?i pol:maxAmount ?a FILTER(?a = 50000000)")  # a threshold is never a cap


def test_decimal_lexical_forms_are_stable() -> None:
    from decimal import Decimal

    assert str(decimal_literal(Decimal("3E+6"))) == "3000000"
    assert str(decimal_literal(Decimal("20000000.00"))) == "20000000"
    assert str(decimal_literal(Decimal("0.40"))) == "0.4"
    assert decimal_literal(Decimal("0.5")).datatype == XSD.decimal


def test_every_node_has_labels_in_both_scripts(synthetic) -> None:
    g = _convert(synthetic).graph
    typed = set(g.subjects(RDF.type, None)) - set(g.subjects(RDF.type, POL.Evidence))
    assert typed
    for node in typed:
        langs = {lit.language for lit in g.objects(node, RDFS.label)}
        assert {"zh-Hans", "zh-Hant"} <= langs, node


def test_no_blank_nodes(synthetic) -> None:
    g = _convert(synthetic).graph
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_evidence_quotes_the_source_text(synthetic) -> None:
    g = _convert(synthetic).graph
    evidence = set(g.subjects(RDF.type, POL.Evidence))
    assert len(evidence) >= 8
    for ev in evidence:
        start, end = int(g.value(ev, OA.start)), int(g.value(ev, OA.end))
        assert SYNTHETIC_TEXT[start:end] == str(g.value(ev, OA.exact))
        assert g.value(ev, OA.hasSource) == iri.source_iri(synthetic.source.sha256)
    for node in set(g.subjects(RDF.type, POL.Measure)) | set(
            g.subjects(RDF.type, POL.Reward)) | set(g.subjects(RDF.type, POL.Agency)):
        assert g.value(node, POL.evidence) is not None, node


def test_source_file_node(synthetic) -> None:
    g = _convert(synthetic).graph
    src = iri.source_iri(synthetic.source.sha256)
    assert g.value(src, RDF.type) == POL.SourceFile
    assert g.value(src, POL.byteSize) == Literal(len(SYNTHETIC_TEXT.encode()), datatype=XSD.integer)
    assert str(g.value(src, POL.sha256)) == synthetic.source.sha256
    assert str(g.value(src, POL.encoding)) == "utf-8"


def test_unknown_agency_is_minted_with_jurisdiction(synthetic) -> None:
    doc = dataclasses.replace(synthetic, jurisdiction=str(ID["area/testland"]))
    g = _convert(doc).graph
    node = iri.agency_iri("测试省虚构事务局")
    assert g.value(node, RDF.type) == POL.Agency
    assert g.value(node, POL.fromVocabulary) == Literal(False)
    assert g.value(node, POL.jurisdiction) == ID["area/testland"]
    assert (None, POL.responsibleAgency, node) in g


def test_known_agency_resolves_to_the_vocabulary(synthetic) -> None:
    from policykg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    concepts = gaz.concepts("agency")
    if not concepts:
        pytest.skip("the agency vocabulary is empty")
    known = concepts[0]
    name = known.label("zh-Hans")
    text = synthetic.source.text + name
    src = dataclasses.replace(synthetic.source, text=text)
    ref = AgencyRef(name, Span(len(text) - len(name), len(text), name))
    doc = dataclasses.replace(synthetic, source=src, issuers=[ref])
    g = _convert(doc, Resolver(gaz)).graph
    assert (ID["doc/2024/ce-fu-ban-12"], POL.issuedBy, URIRef(known.iri)) in g
    assert (URIRef(known.iri), POL.fromVocabulary, Literal(False)) not in g


def test_repealed_document_is_a_stub_with_inverse(synthetic) -> None:
    g = _convert(synthetic).graph
    old = iri.document_iri("测府办〔2020〕3号")
    doc = ID["doc/2024/ce-fu-ban-12"]
    assert (doc, POL.repeals, old) in g and (old, POL.repealedBy, doc) in g
    assert g.value(old, POL.documentNumber) == Literal("测府办〔2020〕3号")
    assert g.value(old, POL.source) is None  # a stub: no source of its own
    assert (old, POL.isStub, None) not in g


def test_parts_link_both_ways(synthetic) -> None:
    g = _convert(synthetic).graph
    doc = ID["doc/2024/ce-fu-ban-12"]
    measures = set(g.objects(doc, POL.hasMeasure))
    assert measures == {iri.measure_iri(doc, 1), iri.measure_iri(doc, 2)}
    assert all((m, POL.partOf, doc) in g for m in measures)
    assert g.value(iri.measure_iri(doc, 2), POL.mentions) == iri.program_iri("星火计划")


def test_unknown_instrument_class_falls_back_with_a_warning(synthetic) -> None:
    offer = dataclasses.replace(synthetic.measures[0].offers[0], instrument_class="Lottery")
    m = dataclasses.replace(synthetic.measures[0], offers=[offer])
    conv = _convert(dataclasses.replace(synthetic, measures=[m]))
    inst = iri.instrument_iri(iri.measure_iri(conv.main, 1), 1)
    assert conv.graph.value(inst, RDF.type) == POL.FundingInstrument
    assert any("Lottery" in w for w in conv.warnings)


def test_document_without_number_or_title_is_an_error(synthetic) -> None:
    doc = dataclasses.replace(synthetic, number=None, title=None, notice_title=None)
    with pytest.raises(ValueError):
        _convert(doc)


def test_citation_by_title_merges_with_a_loaded_document(synthetic) -> None:
    from policykg.loaders.records import DocRef

    resolver = Resolver(None)
    loaded = iri.document_iri("测府办〔2020〕3号")
    resolver.know_document("测试省旧的机器人扶持办法", loaded)
    ref = DocRef(synthetic.repeals[0].span, title="测试省旧的机器人扶持办法")
    conv = _convert(dataclasses.replace(synthetic, repeals=[ref]), resolver)
    assert (conv.main, POL.repeals, loaded) in conv.graph


def test_validity_worded_as_a_duration_is_kept_and_addressees_listed(synthetic) -> None:
    text = SYNTHETIC_TEXT.replace("有效期至2026年12月31日", "有效期3年")
    from tests.graph.conftest import span_of, synthetic_document

    doc = synthetic_document(text)
    doc = dataclasses.replace(doc, validity_span=span_of(text, "有效期3年"), valid_until=None,
                              addressees=["各地级以上市人民政府"])
    g = _convert(doc).graph
    node = ID["doc/2024/ce-fu-ban-12"]
    assert g.value(node, POL.validityText) == Literal("有效期3年", lang="zh-Hans")
    assert Literal("各地级以上市人民政府", lang="zh-Hans") in set(g.objects(node, POL.addressedTo))
    assert (node, POL.validityText, None) not in _convert(synthetic).graph  # a date needs no text
    measure_text = str(g.value(iri.measure_iri(node, 1), POL.text))
    assert measure_text.startswith("一、设立奖励")


def test_a_threshold_on_no_offer_qualifies_the_offer_it_follows(synthetic) -> None:
    m2 = synthetic.measures[1]
    threshold = m2.offers[0].min_threshold
    offer = dataclasses.replace(m2.offers[0], min_threshold=None)
    m2 = dataclasses.replace(m2, offers=[offer], amounts=[threshold])
    conv = _convert(dataclasses.replace(synthetic, measures=[synthetic.measures[0], m2]))
    inst = iri.instrument_iri(iri.measure_iri(conv.main, 2), 1)
    assert conv.graph.value(inst, POL.minThreshold) == decimal_literal(50000000)
    assert any("attached" in w for w in conv.warnings)


def test_a_threshold_on_no_offer_conditions_the_measure_not_an_instrument(synthetic) -> None:
    from decimal import Decimal

    from policykg.loaders.records import Money
    from tests.graph.conftest import span_of

    m1 = synthetic.measures[0]
    stray = Money(Decimal("20000000"), "threshold", span_of(SYNTHETIC_TEXT, "2000万元"))
    conv = _convert(dataclasses.replace(synthetic, measures=[
        dataclasses.replace(m1, amounts=[stray]), synthetic.measures[1]]))
    measure = iri.measure_iri(conv.main, 1)
    holders = set(conv.graph.subjects(POL.minThreshold, decimal_literal(20000000)))
    assert holders == {measure}


def test_an_area_the_vocabulary_does_not_list_is_minted_within_its_parent(tmp_path) -> None:
    """南京市江宁区 is no area of the vocabulary: the document's jurisdiction is a minted area
    within 南京市 (not 南京市 itself), flagged pol:fromVocabulary false."""
    from rdflib import Literal

    from policykg.graph.model.triples import document_graph
    from policykg.loaders.official import parse_official
    from policykg.loaders.source import source_from_bytes

    text = ("南京市江宁区人民政府办公室关于印发江宁区支持智能制造若干措施的通知\n"
            "一、支持技改。对企业技术改造给予最高100万元补助。\n二、支持应用。给予补贴。\n"
            "南京市江宁区人民政府办公室\n2025年6月3日\n")
    doc = parse_official(source_from_bytes(text.encode("utf-8"), "jiangning.txt"))
    conv = document_graph(doc)
    areas = set(conv.graph.objects(conv.main, POL.jurisdiction))
    minted = iri.area_iri("南京市江宁区")
    assert areas == {minted}
    assert conv.graph.value(minted, POL.fromVocabulary) == Literal(False)
    assert str(conv.graph.value(minted, POL.within)).endswith("/area/nanjing")
