"""A report → the named graph of its source: the report, its links to the documents it reports on,
its claims with verdicts, the people it names, and a policy known only from it.

:func:`link_report` finds the document(s) a report is about among the official documents of a
dataset — by number, by title (either script, compared in simplified), by an English title
(bilingual overlap of vocabulary concepts and area names), else by jurisdiction + subject + date
window — and never links a report to a document of another jurisdiction. :func:`report_to_graph`
is what the build calls for every report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg.graph.claims.factcheck import (
    Check,
    OfficialDoc,
    check_claim,
    documents_in,
    official_document,
)
from policykg.graph.model import iri
from policykg.graph.model.derive import add_labels
from policykg.graph.model.resolve import Resolver, instrument_class
from policykg.graph.model.triples import SourceWriter, decimal_literal, integer_literal
from policykg.loaders.records import ClaimRecord, Offer, Report
from policykg.ontology.gazetteer import Gazetteer, load_gazetteer, to_simplified
from policykg.ontology.namespace import ID, ORG, POL, SCHEMA

DATE_WINDOW_DAYS = 120
TITLE_SCHEMES = ("area", "sector", "theme", "instrument", "category", "doctype")
_PUNCT = re.compile(r"[\s《》“”\"'‘’「」『』〈〉()（）,，、.。:：;；!！?？·•\-—_]+")
# Words that name the genre of a document (若干政策措施 ↔ several policy measures): grammar of
# document titles, used only to add overlap; the subject of a title comes from the vocabularies.
_GENRE = [
    (re.compile(r"若干(?:政策)?措施"), re.compile(r"several (?:policy )?measures", re.I), "measures"),
    (re.compile(r"行动方案|行动计划"), re.compile(r"action plan", re.I), "action-plan"),
    (re.compile(r"实施方案"), re.compile(r"implementation plan", re.I), "implementation-plan"),
    (re.compile(r"管理办法"), re.compile(r"administrative measures|management measures", re.I), "rules"),
    (re.compile(r"实施意见|指导意见"), re.compile(r"opinions", re.I), "opinions"),
    (re.compile(r"创新发展"), re.compile(r"innovative development|innovation and development", re.I),
     "innovative-development"),
    (re.compile(r"高质量发展"), re.compile(r"high[- ]quality development", re.I), "high-quality-development"),
]


@dataclass(slots=True)
class Link:
    """A report's link to a document: how it was found and how sure it is (0–1)."""

    doc: URIRef
    method: str
    confidence: float
    english_title: str | None = None


@dataclass(slots=True)
class ReportCheck:
    """A report linked and checked: the links, and one :class:`Check` per claim (same order)."""

    links: list[Link]
    checks: list[Check] = field(default_factory=list)
    docs: dict[URIRef, OfficialDoc] = field(default_factory=dict)


# ------------------------------------------------------------------ linking


def _key(title: str) -> str:
    return _PUNCT.sub("", to_simplified(title))


def _strip_area(gaz: Gazetteer, key: str) -> str:
    """A title key without the area names it starts with (广东省推动… → 推动…)."""
    while True:
        matches = [m for m in gaz.find_all(key, "area") if m.start == 0]
        if not matches:
            return key
        key = key[max(m.end for m in matches):]


def _title_concepts(gaz: Gazetteer, title: str) -> set[str]:
    simple = to_simplified(title)
    out = set()
    for scheme in TITLE_SCHEMES:
        out |= {m.concept for m in gaz.find_all(simple, scheme)}
    for zh, en, key in _GENRE:
        if zh.search(simple) or en.search(title):
            out.add("genre:" + key)
    return out


def _areas(gaz: Gazetteer, text: str) -> set[str]:
    return {m.concept for m in gaz.find_all(to_simplified(text), "area")}


def _area_ok(gaz: Gazetteer, report_area: str | None, doc_area: str | None) -> bool:
    """Same jurisdiction (or one of them unknown)."""
    if not report_area or not doc_area:
        return True
    return report_area == doc_area


def _doc_facts(g: Graph, doc: URIRef) -> tuple[list[str], str | None, dt.date | None, str | None]:
    titles = [str(t) for p in (POL.title, POL.noticeTitle) for t in g.objects(doc, p)]
    area = next((str(a) for a in g.objects(doc, POL.jurisdiction)), None)
    issued = next(iter(g.objects(doc, POL.dateIssued)), None)
    number = next((str(n) for n in g.objects(doc, POL.documentNumber)), None)
    day = issued.toPython() if isinstance(issued, Literal) else None
    return titles, area, day if isinstance(day, dt.date) else None, number


def link_report(report: Report, g: Graph | Dataset, gaz: Gazetteer | None = None) -> list[Link]:
    """The documents ``report`` is about, best first (empty when none fits)."""
    gaz = gaz or load_gazetteer()
    docs = documents_in(g)
    facts = {d: _doc_facts(g, d) for d in docs}
    links: dict[URIRef, Link] = {}

    def add(link: Link) -> None:
        old = links.get(link.doc)
        if old is None or link.confidence > old.confidence:
            if old is not None and old.english_title and not link.english_title:
                link.english_title = old.english_title
            links[link.doc] = link
        elif link.english_title and not old.english_title:
            old.english_title = link.english_title

    for ref in report.policy_titles:
        for doc, (titles, area, _, number) in facts.items():
            if ref.number and number and to_simplified(ref.number) == number:
                add(Link(doc, "number", 1.0))
            if not ref.title:
                continue
            quoted = _key(ref.title)
            keys = [_key(t) for t in titles]
            if quoted and quoted in keys:
                add(Link(doc, "title", 0.95))
            elif quoted and _strip_area(gaz, quoted) in {_strip_area(gaz, k) for k in keys} and (
                _area_ok(gaz, report.jurisdiction, area)
            ) and len(_strip_area(gaz, quoted)) >= 6:
                add(Link(doc, "title", 0.9))
            elif ref.title.isascii():
                en = _title_concepts(gaz, ref.title)
                en_areas = _areas(gaz, ref.title)
                if area and area not in en_areas:
                    continue  # the English title does not name the document's jurisdiction
                best = 0.0
                for t in titles:
                    zh = _title_concepts(gaz, t)
                    if en and zh:
                        best = max(best, len(en & zh) / len(en | zh))
                if best >= 0.5 and _area_ok(gaz, report.jurisdiction, area):
                    add(Link(doc, "english-title", round(0.5 + 0.4 * best, 2), ref.title))
    if not links and report.jurisdiction:
        candidates = []
        when = report.policy_date or report.date
        subject = set(report.subject_concepts)
        for doc, (titles, area, issued, _) in facts.items():
            if area != report.jurisdiction or not subject:
                continue
            doc_subject = set()
            for t in titles:
                doc_subject |= _title_concepts(gaz, t)
            for m in g.objects(doc, POL.hasMeasure):
                doc_subject |= {str(c) for p in (POL.theme, POL.targetsSector) for c in g.objects(m, p)}
            overlap = len(subject & doc_subject) / len(subject)
            if overlap < 0.5:
                continue
            if when and issued and not (0 <= (when - issued).days <= DATE_WINDOW_DAYS):
                continue
            conf = 0.4 + 0.3 * overlap + (0.1 if when and issued else 0.0)
            candidates.append((round(conf, 2), doc))
        candidates.sort(key=lambda t: (-t[0], str(t[1])))
        if candidates and (len(candidates) == 1 or candidates[0][0] > candidates[1][0]):
            add(Link(candidates[0][1], "jurisdiction+subject+date", candidates[0][0]))
    return sorted(links.values(), key=lambda link: (-link.confidence, str(link.doc)))


def _union(ds: Graph | Dataset) -> Graph:
    if isinstance(ds, Dataset) and not ds.default_union:
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return ds


def check_report(report: Report, official: Graph | Dataset, gaz: Gazetteer | None = None) -> ReportCheck:
    """Link ``report`` and give every claim a verdict against the best-linked document."""
    gaz = gaz or load_gazetteer()
    g = _union(official)
    links = link_report(report, g, gaz)
    result = ReportCheck(links)
    doc = official_document(g, links[0].doc, gaz) if links else None
    if doc is not None:
        result.docs[doc.node] = doc
    for claim in report.claims:
        if doc is None:
            if claim.about_region:
                result.checks.append(Check("Unverified", "about the region, not a measure"))
            else:
                result.checks.append(Check(
                    "Unverified",
                    "no official text in the corpus to compare with"
                    + ("; the figure is attested only by this report" if report.reported_policy else ""),
                ))
        else:
            result.checks.append(check_claim(claim, doc, report.source.text, gaz))
    return result


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
    headline = report.title or report.source.text.strip().split("\n", 1)[0][:120]
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
