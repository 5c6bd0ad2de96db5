"""SHACL shapes: for every shape a conforming and a violating fixture, with exact findings.

Each ``fixtures/<Shape>/violates.ttl`` must yield exactly the (sh:sourceShape, focus node,
severity) triples listed in EXPECTED, and ``conforms.ttl`` no finding at all. Also checked: the
shapes only use declared pol: terms, the fast SPARQL-constraint engine agrees with pySHACL's own,
per-graph validation equals whole-union validation on the seed build, and the seeds conform.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from policykg.ontology.namespace import POL
from policykg.shapes import sparql_engine
from policykg.shapes.validate import (
    POLSH,
    load_shapes,
    ontology_hierarchy,
    shapes_file,
    validate_dataset,
    validate_graph,
)

from .conftest import FIXTURES, fixture_graph

ID = "https://w3id.org/policykg/id/"

EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "AdministrativeAreaShape": {
        ("AdministrativeAreaShape-label", "area/shi-li-shi", "Warning"),
        ("AdministrativeAreaShape-within", "area/shi-li-shi", "Violation"),
    },
    "AgencyShape": {
        ("AgencyShape-jurisdiction", "agency/example-bureau", "Violation"),
        ("AgencyShape-jurisdictionKnown", "agency/nameless", "Warning"),
        ("AgencyShape-label", "agency/example-bureau", "Warning"),
        ("AgencyShape-label", "agency/nameless", "Warning"),
        ("AgencyShape-name", "agency/nameless", "Violation"),
    },
    "ClaimShape": {
        ("ClaimShape", "report/2025-07-01/example-news/claim/1", "Violation"),
        ("ClaimShape", "report/2025-07-01/example-news/claim/2", "Violation"),
        ("ClaimShape-claimedAmount", "report/2025-07-01/example-news/claim/2", "Violation"),
        ("ClaimShape-verdict", "report/2025-07-01/example-news/claim/1", "Violation"),
    },
    "DocumentDatesShape": {
        ("DocumentDatesShape-dateIssued", "doc/2019/shi-fu-1", "Violation"),
        ("DocumentDatesShape-dateIssued", "doc/2021/shi-fu-3", "Violation"),
        ("DocumentDatesShape-validFrom", "doc/2019/shi-fu-1", "Violation"),
        ("DocumentDatesShape-validFromAfterIssue", "doc/2020/shi-fu-2", "Warning"),
    },
    "EvidenceShape": {
        ("EvidenceShape", "doc/2025/shi-fu-ban-3/evidence/0-20", "Warning"),
        ("EvidenceShape", "doc/2025/shi-fu-ban-3/evidence/9-3", "Warning"),
        ("EvidenceShape-exact", "doc/2025/shi-fu-ban-3/evidence/9-3", "Warning"),
        ("EvidenceShape-hasSource", "doc/2025/shi-fu-ban-3/evidence/9-3", "Warning"),
        ("EvidenceShape-start", "doc/2025/shi-fu-ban-3/evidence/9-3", "Warning"),
    },
    "FundingInstrumentShape": {
        ("FundingInstrumentShape-maxAmount", "doc/2025/shi-fu-ban-3/measure/1/instrument/1", "Violation"),
        ("FundingInstrumentShape-maxCostShare", "doc/2025/shi-fu-ban-3/measure/1/instrument/1", "Violation"),
        ("FundingInstrumentShape-maxRecipients", "doc/2025/shi-fu-ban-3/measure/1/instrument/1", "Violation"),
        ("FundingInstrumentShape-period", "doc/2025/shi-fu-ban-3/measure/1/instrument/1", "Violation"),
        ("FundingInstrumentShape-substance", "doc/2025/shi-fu-ban-3/measure/1/instrument/2", "Warning"),
    },
    "MeasureShape": {
        ("MeasureShape", "doc/2025/shi-fu-ban-3/measure/1", "Violation"),
        ("MeasureShape", "doc/2025/shi-fu-ban-3/measure/1b", "Violation"),
        ("MeasureShape", "doc/2025/shi-fu-ban-3/measure/3", "Violation"),
        ("MeasureShape-heading", "doc/2025/shi-fu-ban-3/measure/0", "Warning"),
        ("MeasureShape-ordinal", "doc/2025/shi-fu-ban-3/measure/0", "Violation"),
        ("MeasureShape-partOf", "doc/2025/shi-fu-ban-3/measure/0", "Violation"),
    },
    "PolicyDocumentReferenceShape": {
        ("PolicyDocumentReferenceShape-documentNumber", "doc/2019/shi-fu-1", "Violation"),
        ("PolicyDocumentReferenceShape-name", "doc/title/nameless", "Violation"),
    },
    "PolicyDocumentShape": {
        ("PolicyDocumentShape-isStub", "doc/2025/shi-fu-ban-3", "Violation"),
        ("PolicyDocumentShape-issuedBy", "doc/2025/shi-fu-ban-3", "Warning"),
        ("PolicyDocumentShape-title", "doc/2025/shi-fu-ban-3", "Violation"),
    },
    "RepealShape": {
        ("RepealShape", "doc/2019/shi-fu-1", "Violation"),
        ("RepealShape", "doc/2025/shi-fu-3", "Violation"),
    },
    "ReportLinkShape": {
        ("ReportLinkShape-linkConfidence", "report/2025-07-01/example-news/link", "Violation"),
        ("ReportLinkShape-linkMethod", "report/2025-07-01/example-news/link", "Violation"),
    },
    "ReportShape": {
        ("ReportShape-date", "report/2025-07-01/example-news", "Violation"),
        ("ReportShape-label", "report/2025-07-01/example-news", "Violation"),
        ("ReportShape-reportsOn", "report/2025-07-01/example-news", "Violation"),
        ("ReportShape-source", "report/2025-07-01/example-news", "Violation"),
    },
    "MeasureLinkShape": {
        (f"MeasureLinkShape-{rule}", "doc/2025/qu-fu-ban-4/measure/1/similar/doc/2025/shi-fu-ban-3/measure/1",
         "Violation")
        for rule in ("linksMeasure", "similarityScore", "similarityMethod", "lagDays", "amountChange",
                     "acrossVersions")
    },
    "SourceFileShape": {
        ("SourceFileShape-fileName", "source/0123456789abcdef", "Violation"),
        ("SourceFileShape-sha256", "source/0123456789abcdef", "Violation"),
        ("SourceFileShape-derivedFrom", "source/0123456789abcdef", "Violation"),
        ("SourceFileShape-retrievedOn", "source/0123456789abcdef", "Violation"),
        ("SourceFileShape-license", "source/0123456789abcdef", "Violation"),
    },
}


def _findings(result) -> set[tuple[str, str, str]]:
    return {(r.source_shape.removeprefix(str(POLSH)), r.focus.removeprefix(ID), r.severity)
            for r in result.results}


def _node_shapes() -> list[str]:
    g = load_shapes()
    return sorted(str(s).removeprefix(str(POLSH)) for s in g.subjects(RDF.type, SH.NodeShape)
                  if isinstance(s, URIRef))


@pytest.fixture(scope="module", autouse=True)
def _needs_ontology() -> None:
    # Subclass targeting (pol:ComputeVoucher ⊑ pol:Voucher ⊑ pol:FundingInstrument) comes from
    # the ontology: without it the FundingInstrument fixtures would silently check nothing.
    assert (POL.Voucher, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
            POL.FundingInstrument) in ontology_hierarchy(), "ontology/policy.ttl lacks the hierarchy"


def test_every_node_shape_has_fixtures_and_expectations() -> None:
    shapes = _node_shapes()
    assert shapes == sorted(EXPECTED), "a node shape without fixtures, or a stale EXPECTED entry"
    for name in shapes:
        assert (FIXTURES / name / "conforms.ttl").is_file()
        assert (FIXTURES / name / "violates.ttl").is_file()


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_conforming_fixture_has_no_finding(shape: str) -> None:
    result = validate_graph(fixture_graph(shape, "conforms"))
    assert result.results == [], result.to_text()
    assert result.conforms


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_violating_fixture_yields_exactly_the_expected_findings(shape: str) -> None:
    result = validate_graph(fixture_graph(shape, "violates"))
    assert _findings(result) == EXPECTED[shape], result.to_text()
    assert result.conforms == all(sev != "Violation" for _, _, sev in EXPECTED[shape])
    assert {r.shape.removeprefix(str(POLSH)) for r in result.results} >= {shape}


def test_instrument_subclass_is_targeted_by_funding_instrument_shape() -> None:
    result = validate_graph(fixture_graph("FundingInstrumentShape", "violates"))
    hit = [r for r in result.results if r.source_shape == str(POLSH["FundingInstrumentShape-maxAmount"])]
    assert len(hit) == 1
    g = fixture_graph("FundingInstrumentShape", "violates")
    assert (URIRef(hit[0].focus), RDF.type, POL.ComputeVoucher) in g
    stated = g.value(URIRef(hit[0].focus), POL.maxAmount)
    assert Decimal(hit[0].value) == Decimal(str(stated)) < 0  # reported in canonical form
    assert hit[0].value_n3 == f'"{hit[0].value}"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_sparql_findings_name_the_broken_rule() -> None:
    measures = validate_graph(fixture_graph("MeasureShape", "violates"))
    gap = [r for r in measures.results if r.focus.endswith("/measure/3") and r.shape.endswith("#MeasureShape")]
    assert len(gap) == 1 and "no measure 2" in gap[0].message and "缺少第 2 条" in gap[0].message_zh
    repeals = validate_graph(fixture_graph("RepealShape", "violates"))
    texts = sorted(r.message for r in repeals.results)
    assert sum("issued later (2025-03-01 after 2019-05-01)" in t for t in texts) == 1
    assert sum("repeals itself through a chain" in t for t in texts) == 2
    claims = validate_graph(fixture_graph("ClaimShape", "violates"))
    assert any("names no measure" in r.message for r in claims.results if r.focus.endswith("claim/1"))
    assert any("is Conflicting" in r.message for r in claims.results if r.focus.endswith("claim/2"))


def test_findings_carry_label_source_file_and_evidence() -> None:
    result = validate_graph(fixture_graph("MeasureShape", "violates"))
    gap = next(r for r in result.results if r.focus.endswith("/measure/3") and r.component.endswith("SPARQLConstraintComponent"))
    assert gap.source_file == "100_example.txt"
    assert (gap.evidence, gap.evidence_start, gap.evidence_end) == ("支持示例平台", 20, 26)
    docs = validate_graph(fixture_graph("PolicyDocumentShape", "violates"))
    stub = next(r for r in docs.results if r.source_shape.endswith("-isStub"))
    assert stub.focus_label == "示例市支持示例產業的若干措施"  # no rdfs:label: the (zh-Hant) title
    assert stub.source_file == "100_example.txt"


def test_sparql_engine_agrees_with_pyshacl_per_node_evaluation() -> None:
    """The one-query-per-constraint engine finds what pySHACL's per-focus-node SELECTs find."""
    from pyshacl import validate

    shapes = load_shapes()
    constraints, _ = sparql_engine.collect(shapes)
    assert len(constraints) == 7
    for shape in ("MeasureShape", "ClaimShape", "EvidenceShape", "RepealShape"):
        data = fixture_graph(shape, "violates")
        for t in ontology_hierarchy():
            data.add(t)
        _, report, _ = validate(data, shacl_graph=shapes, advanced=True, inference="none")
        theirs = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.value)))
                  for r in report.objects(None, SH.result)
                  if report.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent}
        ours = {(f["focus"], str(f["value_node"])) for f in sparql_engine.run(constraints, data)}
        assert ours == theirs and ours, shape


def test_shapes_use_only_declared_pol_terms() -> None:
    text = shapes_file().read_text(encoding="utf-8")
    used = set(re.findall(r"\bpol:([A-Za-z][A-Za-z0-9]*)", text))
    g = load_shapes()
    used |= {str(o).removeprefix(str(POL._NS)) for t in g for o in t if str(o).startswith(str(POL._NS))}
    undeclared = sorted(u for u in used - {""} if u not in POL.__annotations__)
    assert not undeclared, undeclared


def test_every_shape_speaks_english_and_chinese() -> None:
    g = load_shapes()
    for shape in list(g.subjects(RDF.type, SH.NodeShape)) + list(g.subjects(RDF.type, SH.PropertyShape)):
        langs = {m.language for m in g.objects(shape, SH.message)}
        assert {"en", "zh-Hans"} <= langs, shape
    for c in g.subjects(RDF.type, SH.SPARQLConstraint):
        assert len(list(g.objects(c, SH.message))) == 1, c  # Apache Jena accepts one
        assert list(g.objects(c, POLSH.messageTranslation)), c


def test_report_is_deterministic_and_round_trips() -> None:
    first = validate_graph(fixture_graph("FundingInstrumentShape", "violates"))
    second = validate_graph(fixture_graph("FundingInstrumentShape", "violates"))
    assert first.to_ttl() == second.to_ttl()
    report = Graph().parse(data=first.to_ttl(), format="turtle")
    assert len(list(report.objects(None, SH.result))) == len(first.results) == 5
    assert not report.value(next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms).toPython()


def test_parallel_validation_gives_the_same_results() -> None:
    ds = Dataset()
    for shape in ("FundingInstrumentShape", "MeasureShape", "ClaimShape"):
        target = ds.graph(URIRef(f"{ID}graph/test/{shape}"))
        for t in fixture_graph(shape, "violates"):
            target.add(t)
    assert validate_dataset(ds, jobs=2).results == validate_dataset(ds, jobs=1).results


def test_seed_graph_conforms(seed_dataset: Dataset) -> None:
    result = validate_dataset(seed_dataset)
    assert result.conforms, result.to_text()
    assert result.units >= 6  # four source graphs or more, the vocabulary, the cross-document pass


def test_per_graph_validation_equals_whole_union_validation(seed_dataset: Dataset) -> None:
    """Shapes are local to a source graph: checking graph by graph finds what the union finds."""
    union = Graph()
    for g in seed_dataset.graphs():
        for t in g:
            union.add(t)
    per_graph = _findings(validate_dataset(seed_dataset))
    whole = _findings(validate_graph(union))
    assert per_graph == whole
