"""A report → the named graph of its source: the report, its links to the documents it reports on
(:mod:`policykg.graph.claims.link`), its claims with verdicts, the people it names, and a policy
known only from it. :func:`report_to_graph` is what the build calls for every report.
"""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg.graph.claims.link import check_report
from policykg.graph.model import iri
from policykg.graph.model.derive import add_labels
from policykg.graph.model.headline import shorten
from policykg.graph.model.resolve import Resolver, instrument_class
from policykg.graph.model.writer import SourceWriter, decimal_literal, integer_literal
from policykg.loaders.records import ClaimRecord, Offer, Report
from policykg.ontology.gazetteer import Gazetteer, load_gazetteer, to_simplified
from policykg.ontology.namespace import ID, ORG, POL, SCHEMA

# ------------------------------------------------------------------ triples


def report_node(report: Report) -> URIRef:
    """``report/<date>/<slug of headline>`` (the lead sentence stands in for a missing headline)."""
    title = report.title
    if not title:
        text = report.source.text.strip()
        title = text[:80]
    return iri.report_iri(report.date, title)


def _lang(report: Report) -> str:
    return "en" if report.language == "en" else report.language


def _label(g: Graph, node: URIRef, text: str, lang: str) -> None:
    if lang.startswith("zh"):
        add_labels(g, node, to_simplified(text))
    else:
        g.add((node, RDFS.label, Literal(" ".join(text.split()), lang="en")))


def _claim_label(claim: ClaimRecord) -> str:
    return " ".join(claim.figure_span.text.split())


def report_to_graph(report: Report, official: Dataset | Graph) -> tuple[URIRef, Graph]:
    """The named graph (IRI, triples) of a report's source, linked and fact-checked against the
    official documents in ``official`` (whose graphs are left untouched)."""
    gaz = load_gazetteer()
    result = check_report(report, official, gaz)
    node = report_node(report)
    w = SourceWriter(report.source, Resolver.default())
    g = w.g
    lang = _lang(report)
    g.add((node, RDF.type, POL.Report))
    g.add((node, POL.source, w.add_source_node()))
    headline = report.title or shorten(report.source.text.strip().split("\n", 1)[0], 120)
    _label(g, node, headline, lang)
    if report.title:
        g.add((node, DCTERMS.title, Literal(report.title, lang=lang)))
        w.evidence(node, report.title_span)
    if report.publisher:
        g.add((node, DCTERMS.publisher, Literal(report.publisher)))
    if report.date:
        g.add((node, DCTERMS.date, Literal(report.date.isoformat(), datatype=XSD.date)))
        w.evidence(node, report.date_span)
    g.add((node, POL.language, Literal(report.language)))
    for name in report.authors:
        g.add((node, POL.author, Literal(name)))

    for n, link in enumerate(result.links, start=1):
        ln = URIRef(f"{node}/link/{n}")
        g.add((node, POL.reportsOn, link.doc))
        g.add((node, POL.hasLink, ln))
        g.add((ln, RDF.type, POL.ReportLink))
        g.add((ln, POL.reportsOn, link.doc))
        g.add((ln, POL.linkMethod, Literal(link.method)))
        g.add((ln, POL.linkConfidence, decimal_literal(link.confidence)))
        g.add((ln, RDFS.label, Literal(f"link by {link.method} ({link.confidence})", lang="en")))
        if link.english_title:
            g.add((link.doc, POL.title, Literal(link.english_title, lang="en")))
            g.add((link.doc, RDFS.label, Literal(link.english_title, lang="en")))

    people = _people(w, report, node)
    reported = None
    if not result.links and report.reported_policy is not None:
        reported = _reported_policy(w, report, node, people, gaz)

    for n, (claim, check) in enumerate(zip(report.claims, result.checks, strict=True), start=1):
        cn = iri.claim_iri(node, n)
        g.add((node, POL.hasClaim, cn))
        g.add((cn, RDF.type, POL.Claim))
        g.add((cn, RDFS.label, Literal(f"{_claim_label(claim)}: {check.verdict}", lang="en")))
        if claim.kind == "amount" and claim.amount is not None:
            g.add((cn, POL.claimedAmount, decimal_literal(claim.amount)))
        elif claim.kind in ("share", "ratio") and claim.share is not None:
            g.add((cn, POL.claimedShare, decimal_literal(claim.share)))
        elif claim.kind == "count" and claim.count is not None:
            g.add((cn, POL.claimedCount, integer_literal(claim.count)))
        elif claim.kind == "date" and claim.date is not None:
            g.add((cn, POL.claimedDate, Literal(claim.date.isoformat(), datatype=XSD.date)))
        if claim.role:
            g.add((cn, POL.claimRole, Literal(claim.role)))
        g.add((cn, POL.verdict, POL[check.verdict]))
        g.add((cn, POL.verdictReason, Literal(check.reason, lang="en")))
        if check.official_value is not None:
            g.add((cn, POL.officialValue, check.official_value))
        if check.measure is not None:
            g.add((cn, POL.aboutMeasure, check.measure))
        elif result.links:
            g.add((cn, POL.aboutDocument, result.links[0].doc))
        elif reported is not None:
            g.add((cn, POL.aboutDocument, reported))
        w.evidence(cn, claim.span)
    return iri.graph_iri(node), g


def _people(w: SourceWriter, report: Report, node: URIRef) -> list[URIRef]:
    g = w.g
    out = []
    for person in report.people:
        pn = ID[f"person/{iri.slug(person.name)}"]
        out.append(pn)
        g.add((pn, RDF.type, SCHEMA.Person))
        g.add((pn, SCHEMA.name, Literal(person.name)))
        lang = "en" if person.name.isascii() else "zh-Hans"
        if lang == "en":
            g.add((pn, RDFS.label, Literal(person.name, lang="en")))
        else:
            add_labels(g, pn, to_simplified(person.name))
        if person.role:
            g.add((pn, POL.personRole, Literal(person.role, lang=lang)))
        if person.organization is not None:
            g.add((pn, SCHEMA.worksFor, _agency(w, person.organization)))
        w.evidence(pn, person.span, shared=True)
        g.add((node, POL.namedPerson, pn))
    return out


def _agency(w: SourceWriter, ref) -> URIRef:
    """An agency named in a report: the vocabulary's node, else a minted ``pol:Agency`` (Chinese
    name) or ``org:Organization`` (English name only: the ontology wants agencies' Chinese names)."""
    if ref.concept or w.resolver.gazetteer and w.resolver.gazetteer.lookup(ref.name, "agency"):
        return w.agency(ref)
    name = re.sub(r"[’']s\b", "", ref.name)
    g = w.g
    if name.isascii():
        # known only by an English name: an organisation until its Chinese name is known
        node = iri.organization_iri(name)
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDFS.label, Literal(name, lang="en")))
    else:
        node = iri.agency_iri(to_simplified(name))
        g.add((node, RDF.type, POL.Agency))
        add_labels(g, node, to_simplified(name))
    g.add((node, POL.fromVocabulary, Literal(False)))
    if ref.jurisdiction:
        g.add((node, POL.jurisdiction, URIRef(ref.jurisdiction)))
    w.evidence(node, ref.span, shared=True)
    return node


def reported_document_iri(report_iri: URIRef) -> URIRef:
    """``doc/report/<path of the report after report/>``: a policy attested only by a report."""
    path = str(report_iri)[len(str(ID) + "report/"):]
    return ID[f"doc/report/{path}"]


def _reported_policy(w: SourceWriter, report: Report, node: URIRef, people: list[URIRef],
                     gaz: Gazetteer) -> URIRef:
    policy = report.reported_policy
    assert policy is not None
    g = w.g
    doc = reported_document_iri(node)
    g.add((doc, RDF.type, POL.PolicyDocument))
    g.add((doc, POL.attestedBy, node))
    g.add((node, POL.reportsOn, doc))
    area = policy.jurisdiction
    area_name = (gaz.info(area).label("en") if area and gaz.info(area) else None) or "unnamed area"
    if policy.title:
        g.add((doc, POL.title, Literal(policy.title, lang="en")))
        g.add((doc, RDFS.label, Literal(policy.title, lang="en")))
    else:
        label = f"{area_name} policy reported by “{(report.title or 'a report')[:80]}”"
        g.add((doc, RDFS.label, Literal(label, lang="en")))
    if area:
        g.add((doc, POL.jurisdiction, URIRef(area)))
    for pn in people:
        g.add((doc, POL.namedPerson, pn))
    w.evidence(doc, policy.span)
    measure = iri.measure_iri(doc, 1)
    g.add((doc, POL.hasMeasure, measure))
    g.add((measure, POL.partOf, doc))
    g.add((measure, RDF.type, POL.Measure))
    g.add((measure, POL.ordinal, integer_literal(1)))
    g.add((measure, RDFS.label, Literal("measures as reported", lang="en")))
    g.add((measure, POL.heading, Literal("measures as reported", lang="en")))
    w.evidence(measure, policy.span)
    for ref in policy.agencies:
        g.add((measure, POL.mentions, _agency(w, ref)))  # named, role in the policy unknown
    n = 0
    if policy.total_budget is not None:
        n += 1
        inst = iri.instrument_iri(measure, n)
        g.add((measure, POL.providesInstrument, inst))
        g.add((inst, RDF.type, POL.FundingInstrument))
        g.add((inst, POL.totalBudget, decimal_literal(policy.total_budget.value)))
        g.add((inst, RDFS.label, Literal("policy budget (as reported)", lang="en")))
        w.evidence(inst, policy.total_budget.span)
    for offer in policy.offers:
        n += 1
        _reported_offer(w, measure, n, offer, gaz)
    return doc


def _reported_offer(w: SourceWriter, measure: URIRef, n: int, offer: Offer, gaz: Gazetteer) -> None:
    g = w.g
    inst = iri.instrument_iri(measure, n)
    g.add((measure, POL.providesInstrument, inst))
    g.add((inst, RDF.type, instrument_class(offer.instrument_class)))
    label = offer.span.text
    if offer.instrument_concept:
        g.add((inst, POL.instrumentType, URIRef(offer.instrument_concept)))
        info = gaz.info(offer.instrument_concept)
        label = (info.label("en") if info else None) or label
    g.add((inst, RDFS.label, Literal(f"{label} (as reported)", lang="en")))
    if offer.max_amount is not None:
        g.add((inst, POL.maxAmount, decimal_literal(offer.max_amount.value)))
    if offer.max_cost_share is not None:
        g.add((inst, POL.maxCostShare, decimal_literal(offer.max_cost_share.value)))
    if offer.period:
        g.add((inst, POL.period, POL[offer.period]))
    if offer.recognition_level:
        g.add((inst, POL.recognitionLevel, POL[offer.recognition_level]))
    w.evidence(inst, offer.span)
