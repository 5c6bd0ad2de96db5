"""The OWL ontology: it parses, declares every term of namespace.py and DESIGN §3 with labels,
definition and isDefinedBy, carries the header metadata, and has the axioms the design fixes."""

from __future__ import annotations

import re
from functools import cache

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from policykg.ontology.gazetteer import ontology_file
from policykg.ontology.namespace import ELI, ONTOLOGY_IRI, ORG, POL, SCHEMA, VANN
from tests.conftest import REPO

NS = str(POL._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
         OWL.NamedIndividual)

# DESIGN §3 "Core vocabulary (fixed names)": used when ../shared/DESIGN.md is not at hand.
DESIGN_TERMS = """
PolicyDocument Measure FundingInstrument Grant Reward Subsidy Voucher ComputeVoucher ModelVoucher
DataVoucher SceneVoucher CorpusVoucher MatchingFunds InterestSubsidy RiskCompensation
InvestmentFund Agency EnterpriseCategory Sector Theme AdministrativeArea Report Claim Program
documentNumber title dateIssued validFrom validUntil issuedBy approvedBy jurisdiction hasMeasure
partOf repeals repealedBy supersedes basedOn source ordinal heading theme responsibleAgency
providesInstrument targetsSector mentions maxAmount maxCostShare costBasis maxRecipients period
PerYear PerPolicyTerm OneTime totalBudget matchingRatio eligibleCategory recognitionLevel
International National Provincial Municipal Industry minThreshold condition reportsOn
aboutMeasure claimedAmount verdict Consistent Conflicting Unverified evidence
""".split()


@cache
def ontology() -> Graph:
    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


def namespace_terms() -> set[str]:
    return {name for name in POL.__annotations__ if not name.startswith("_")}


def declared_terms(g: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in g.subjects(RDF.type, None) if str(s).startswith(NS)}


def design_section3_terms() -> set[str]:
    design = REPO.parent / "shared" / "DESIGN.md"
    terms = set(DESIGN_TERMS)
    if design.is_file():
        text = design.read_text(encoding="utf-8")
        section = text.split("## 3.", 1)[1].split("\n## ", 1)[0]
        terms |= set(re.findall(r"\bpol:([A-Za-z][A-Za-z0-9]*)", section))
    return terms


def test_ontology_parses_and_has_a_header() -> None:
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    titles = {lit.language for lit in g.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert {"en", "zh-Hans"} <= titles
    assert g.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert g.value(ONTOLOGY_IRI, DCTERMS.created) is not None
    assert str(g.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "pol"
    assert str(g.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == NS


def test_namespace_py_and_policy_ttl_declare_the_same_terms() -> None:
    declared = declared_terms(ontology())
    in_code = namespace_terms()
    assert sorted(in_code - declared) == [], "in namespace.py but not declared in policy.ttl"
    assert sorted(declared - in_code) == [], "declared in policy.ttl but missing in namespace.py"


def test_every_design_section3_term_is_in_the_namespace() -> None:
    assert sorted(design_section3_terms() - namespace_terms()) == []


@pytest.mark.parametrize("name", sorted(namespace_terms()))
def test_term_is_documented(name: str) -> None:
    g = ontology()
    term = POL._NS[name]
    kinds = [k for k in KINDS if (term, RDF.type, k) in g]
    assert len(kinds) == 1, f"pol:{name} must have exactly one OWL kind, has {kinds}"
    labels = [lit for lit in g.objects(term, RDFS.label) if isinstance(lit, Literal)]
    by_lang = {lang: [lit for lit in labels if lit.language == lang] for lang in ("en", "zh-Hans")}
    assert len(by_lang["en"]) == 1 and len(by_lang["zh-Hans"]) == 1, f"pol:{name} labels"
    assert len(labels) == 2, f"pol:{name} has extra rdfs:label values"
    comments = [lit for lit in g.objects(term, RDFS.comment) if lit.language == "en"]
    assert len(comments) == 1 and len(str(comments[0])) > 10
    assert g.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI


def test_inverse_pairs_and_the_repeal_chain() -> None:
    g = ontology()
    assert (POL.hasMeasure, OWL.inverseOf, POL.partOf) in g
    assert (POL.repeals, OWL.inverseOf, POL.repealedBy) in g
    assert (POL.repeals, RDFS.subPropertyOf, POL.supersedes) in g
    assert (POL.supersedes, RDFS.subPropertyOf, ELI.changes) in g


def test_characteristics() -> None:
    g = ontology()
    for prop in (POL.ordinal, POL.documentNumber):
        assert (prop, RDF.type, OWL.FunctionalProperty) in g
    assert (POL.within, RDF.type, OWL.TransitiveProperty) in g


def test_domains_and_ranges_of_core_properties() -> None:
    g = ontology()
    expected = {
        POL.issuedBy: (POL.PolicyDocument, POL.Agency),
        POL.hasMeasure: (POL.PolicyDocument, POL.Measure),
        POL.providesInstrument: (POL.Measure, POL.FundingInstrument),
        POL.eligibleCategory: (POL.FundingInstrument, POL.EnterpriseCategory),
        POL.period: (POL.FundingInstrument, POL.Period),
        POL.recognitionLevel: (POL.FundingInstrument, POL.RecognitionLevel),
        POL.aboutMeasure: (POL.Claim, POL.Measure),
        POL.verdict: (POL.Claim, POL.Verdict),
    }
    for prop, (domain, range_) in expected.items():
        assert g.value(prop, RDFS.domain) == domain, prop
        assert g.value(prop, RDFS.range) == range_, prop
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert g.value(POL.maxAmount, RDFS.range) == URIRef(xsd + "decimal")
    assert g.value(POL.ordinal, RDFS.range) == URIRef(xsd + "integer")
    assert g.value(POL.validUntil, RDFS.range) == URIRef(xsd + "date")


def test_funding_instrument_tree() -> None:
    g = ontology()
    for cls in (POL.Grant, POL.Reward, POL.Subsidy, POL.Voucher, POL.MatchingFunds,
                POL.InterestSubsidy, POL.RiskCompensation, POL.InvestmentFund):
        assert (cls, RDFS.subClassOf, POL.FundingInstrument) in g
    for cls in (POL.ComputeVoucher, POL.ModelVoucher, POL.DataVoucher, POL.SceneVoucher,
                POL.CorpusVoucher):
        assert (cls, RDFS.subClassOf, POL.Voucher) in g


def test_individuals_belong_to_their_enumerations() -> None:
    g = ontology()
    groups = {
        POL.Period: {POL.PerYear, POL.PerPolicyTerm, POL.OneTime},
        POL.RecognitionLevel: {POL.International, POL.National, POL.Provincial, POL.Municipal,
                               POL.Industry},
        POL.Verdict: {POL.Consistent, POL.Conflicting, POL.Unverified},
    }
    different = set()
    for node in g.subjects(RDF.type, OWL.AllDifferent):
        different |= set(Collection(g, g.value(node, OWL.distinctMembers)))
    for cls, members in groups.items():
        assert set(g.subjects(RDF.type, cls)) == members
        assert members <= different


def test_top_classes_are_pairwise_disjoint_but_not_skos_concept() -> None:
    g = ontology()
    groups = [set(Collection(g, g.value(n, OWL.members)))
              for n in g.subjects(RDF.type, OWL.AllDisjointClasses)]
    top = {POL.PolicyDocument, POL.Measure, POL.FundingInstrument, POL.Agency,
           POL.AdministrativeArea, POL.Report, POL.Claim, POL.Program, POL.SourceFile,
           POL.Evidence}
    assert any(top <= grp for grp in groups)
    skos_concept = URIRef("http://www.w3.org/2004/02/skos/core#Concept")
    assert all(skos_concept not in grp for grp in groups)
    assert (None, OWL.disjointWith, skos_concept) not in g


def test_alignments() -> None:
    g = ontology()
    assert (POL.PolicyDocument, RDFS.subClassOf, ELI.LegalResource) in g
    assert (POL.PolicyDocument, RDFS.subClassOf, SCHEMA.Legislation) in g
    assert (POL.Measure, RDFS.subClassOf, ELI.LegalResourceSubdivision) in g
    assert (POL.Agency, RDFS.subClassOf, ORG.Organization) in g
    assert (POL.title, RDFS.subPropertyOf, DCTERMS.title) in g


def test_external_terms_used_in_axioms_have_one_owl_kind() -> None:
    """OWL 2 DL: a property is an object, datatype or annotation property — never two."""
    g = ontology()
    props = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for s in set(g.subjects(RDF.type, None)):
        kinds = {k for k in g.objects(s, RDF.type) if k in props}
        assert len(kinds) <= 1, f"{s} has kinds {kinds}"
    for sub, sup in g.subject_objects(RDFS.subPropertyOf):
        sub_kind = {k for k in g.objects(sub, RDF.type) if k in props}
        sup_kind = {k for k in g.objects(sup, RDF.type) if k in props}
        assert sup_kind, f"{sup} (super-property of {sub}) is not declared"
        assert sub_kind == sup_kind, f"{sub} ⊑ {sup} mixes {sub_kind} and {sup_kind}"
    for cls, sup in g.subject_objects(RDFS.subClassOf):
        if isinstance(sup, URIRef):
            assert (sup, RDF.type, OWL.Class) in g, f"{sup} (superclass of {cls}) undeclared"


def test_the_ontology_states_the_currency_of_every_amount():
    """Money is stated in yuan: each amount property says so with pol:currency "CNY"."""
    g = ontology()
    assert (POL.currency, RDF.type, OWL.AnnotationProperty) in g
    assert {lit.language for lit in g.objects(POL.currency, RDFS.label)} >= {"en", "zh-Hans"}
    assert "yuan" in str(g.value(POL.currency, RDFS.comment))
    for prop in (POL.maxAmount, POL.totalBudget, POL.minThreshold, POL.claimedAmount):
        assert g.value(prop, POL.currency) == Literal("CNY"), prop
    assert g.value(POL.maxCostShare, POL.currency) is None  # a share has no currency
