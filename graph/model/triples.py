"""Official-document records → RDF triples of one source, under the ontology (docs/model.md).

:func:`document_graph` converts one :class:`OfficialDocument` in isolation into an rdflib
``Graph`` (the future named graph of its source): document, measures, instruments, agencies,
programmes, cited-document stubs, evidence nodes and the source-file node, then the derived
facts of :mod:`policykg.graph.model.derive`. No blank nodes: every node has an IRI from :mod:`iri`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef

from policykg.graph.model import iri
from policykg.graph.model.derive import add_labels, derive
from policykg.graph.model.resolve import (
    INDIVIDUALS,
    Resolver,
    instrument_class,
    pol_term,
)
from policykg.loaders.pages import page_at
from policykg.loaders.records import (
    AgencyRef,
    DocRef,
    Measure,
    Money,
    Offer,
    OfficialDocument,
    Source,
    Span,
)
from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.instruments import INSTRUMENT_CLASSES
from policykg.ontology.namespace import OA, POL

_LEVEL_ZH = {"International": "国际", "National": "国家级", "Provincial": "省级",
             "Municipal": "市级", "Industry": "行业"}


_DATE_WORDED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_CLASS_ZH = {
    "FundingInstrument": "资金支持", "Grant": "资助", "Reward": "奖励", "Subsidy": "补贴",
    "Voucher": "券", "ComputeVoucher": "算力券", "ModelVoucher": "模型券", "DataVoucher": "数据券",
    "SceneVoucher": "场景券", "CorpusVoucher": "语料券", "MatchingFunds": "配套资金",
    "InterestSubsidy": "贴息", "RiskCompensation": "风险补偿", "InvestmentFund": "投资基金",
}


def decimal_literal(value: Decimal | int | float | str) -> Literal:
    """An ``xsd:decimal`` literal with a stable lexical form (no exponent, no trailing zeros)."""
    d = Decimal(str(value)).normalize()
    text = format(d, "f")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def integer_literal(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    return Literal(str(int(value)), datatype=XSD.integer)


@dataclass(slots=True)
class Converted:
    """One source converted: its main node, the named graph's IRI and triples, counts, warnings."""

    main: URIRef
    graph_name: URIRef
    graph: Graph
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None


class SourceWriter:
    """Adds triples for one source: evidence nodes, the source-file node, agency mentions."""

    def __init__(self, source: Source, resolver: Resolver, graph: Graph | None = None) -> None:
        self.source = source
        self.resolver = resolver
        self.g = graph if graph is not None else Graph()
        self.warnings: list[str] = []
        self.source_node = iri.source_iri(source.sha256)
        self.agencies: set[URIRef] = set()

    def add_source_node(self) -> URIRef:
        """The ``pol:SourceFile`` node describing the input file."""
        s, g, node = self.source, self.g, self.source_node
        g.add((node, RDF.type, POL.SourceFile))
        g.add((node, POL.fileName, Literal(s.name)))
        g.add((node, POL.sha256, Literal(s.sha256.lower())))
        if s.encoding:  # a binary format (PDF, Word, OFD) has none
            g.add((node, POL.encoding, Literal(s.encoding)))
        g.add((node, POL.script, Literal(s.script)))
        g.add((node, POL.byteSize, integer_literal(s.size)))
        g.add((node, POL.mediaType, Literal(s.media_type)))
        if s.reader:
            g.add((node, POL.reader, Literal(s.reader)))
        if s.pages:
            g.add((node, POL.pageCount, integer_literal(len(s.pages))))
        add_labels(g, node, s.name, en=s.name)
        return node

    def evidence(self, node: URIRef, span: Span | None, shared: bool = False) -> None:
        """Attach ``pol:evidence`` for ``span`` to ``node`` (shared nodes get source-keyed IRIs)."""
        if span is None:
            return
        if self.source.text[span.start:span.end] != span.text:
            self.warnings.append(
                f"span {span.start}-{span.end} does not match the source text; evidence kept as given"
            )
        ev = iri.evidence_iri(node, span.start, span.end, self.source.sha256 if shared else None)
        g = self.g
        g.add((node, POL.evidence, ev))
        g.add((ev, RDF.type, POL.Evidence))
        g.add((ev, OA.start, integer_literal(span.start)))
        g.add((ev, OA.end, integer_literal(span.end)))
        g.add((ev, OA.exact, Literal(span.text)))
        g.add((ev, OA.hasSource, self.source_node))
        page = page_at(self.source.pages, span.start)
        if page is not None:
            g.add((ev, POL.page, integer_literal(page)))

    def agency(self, ref: AgencyRef, default_jurisdiction: str | None = None) -> URIRef:
        """An agency mention: resolved (or minted) node plus its evidence."""
        node = self.resolver.agency_node(self.g, ref, self.source.sha256, default_jurisdiction)
        self.evidence(node, ref.span, shared=True)
        self.agencies.add(node)
        return node

    def stub(self, ref: DocRef) -> URIRef | None:
        """A cited document: number, title, label and evidence; never a pol:source (model.md)."""
        node = self.resolver.document(ref)
        if node is None:
            self.warnings.append(f"cited document at {ref.span.start} has neither number nor title")
            return None
        g = self.g
        g.add((node, RDF.type, POL.PolicyDocument))
        if ref.number:
            g.add((node, POL.documentNumber, Literal(to_simplified(ref.number))))
        if ref.title:
            add_labels(g, node, to_simplified(ref.title), prop=POL.title)
        add_labels(g, node, to_simplified(ref.title or ref.number or ""))
        self.evidence(node, ref.span, shared=True)
        return node


def _money(g: Graph, node: URIRef, prop: URIRef, money: Money | None) -> None:
    if money is not None:
        g.add((node, prop, decimal_literal(money.value)))


def _instrument(w: SourceWriter, measure: Measure, mnode: URIRef, n: int, offer: Offer) -> URIRef:
    g, res = w.g, w.resolver
    node = iri.instrument_iri(mnode, n)
    cls = instrument_class(offer.instrument_class)
    if offer.instrument_class not in INSTRUMENT_CLASSES:
        w.warnings.append(
            f"measure {measure.ordinal}: unknown instrument class {offer.instrument_class!r}, "
            "typed pol:FundingInstrument"
        )
    g.add((node, RDF.type, cls))
    g.add((mnode, POL.providesInstrument, node))
    w.evidence(node, offer.span)
    type_label = type_label_en = None
    if offer.instrument_concept:
        g.add((node, POL.instrumentType, URIRef(offer.instrument_concept)))
        type_label = res.label(offer.instrument_concept)
        type_label_en = res.label(offer.instrument_concept, "en")
    _money(g, node, POL.maxAmount, offer.max_amount)
    _money(g, node, POL.totalBudget, offer.total_budget)
    _money(g, node, POL.minThreshold, offer.min_threshold)
    _money(g, node, POL.unitRate, offer.unit_rate)
    _money(g, node, POL.unitStep, offer.unit_step)
    _money(g, node, POL.minAmount, offer.min_amount)
    if offer.unit_rate is not None and offer.unit_rate.per:
        add_labels(g, node, to_simplified(offer.unit_rate.per), prop=POL.rateUnit)
    if offer.max_cost_share is not None:
        g.add((node, POL.maxCostShare, decimal_literal(offer.max_cost_share.value)))
        if offer.max_cost_share.cost_basis:
            add_labels(g, node, to_simplified(offer.max_cost_share.cost_basis), prop=POL.costBasis)
    if offer.matching_ratio is not None:
        g.add((node, POL.matchingRatio, decimal_literal(offer.matching_ratio.value)))
    period = offer.period
    if offer.max_recipients is not None:
        g.add((node, POL.maxRecipients, integer_literal(offer.max_recipients.count)))
        period = period or offer.max_recipients.period
    if period:
        term = pol_term(period, INDIVIDUALS)
        if term is not None:
            g.add((node, POL.period, term))
    level_label = ""
    if offer.recognition_level:
        term = pol_term(offer.recognition_level, INDIVIDUALS)
        if term is not None:
            g.add((node, POL.recognitionLevel, term))
            level_label = "（" + _LEVEL_ZH.get(offer.recognition_level, "") + "）"
    for cat in offer.categories:
        g.add((node, POL.eligibleCategory, URIRef(cat.concept)))
    if offer.condition:
        add_labels(g, node, to_simplified(offer.condition), prop=POL.condition)
    local = str(cls).rsplit("#", 1)[-1]
    what = type_label or _CLASS_ZH.get(local, local)
    heading = to_simplified(measure.heading or "") or f"第{measure.ordinal}项措施"
    words = type_label_en or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()
    en = f"{words} (measure {measure.ordinal}, offer {n})"
    add_labels(g, node, f"{heading}：{what}{level_label}", en=en)
    return node


def _measure(w: SourceWriter, doc_node: URIRef, measure: Measure,
             jurisdiction: str | None) -> tuple[URIRef, int]:
    g = w.g
    node = iri.measure_iri(doc_node, measure.ordinal)
    g.add((node, RDF.type, POL.Measure))
    g.add((doc_node, POL.hasMeasure, node))
    g.add((node, POL.ordinal, integer_literal(measure.ordinal)))
    heading = to_simplified(measure.heading or "")
    if heading:
        add_labels(g, node, heading, prop=POL.heading)
    add_labels(g, node, heading or f"第{measure.ordinal}项措施")
    g.add((node, POL.text, Literal(to_simplified(measure.span.text).strip(), lang="zh-Hans")))
    w.evidence(node, measure.span)
    if measure.group:
        add_labels(g, node, to_simplified(measure.group), prop=POL.section)
    for ref in measure.responsible:
        agency = w.agency(ref, jurisdiction)
        g.add((node, POL.responsibleAgency, agency))
        if ref.role == "lead":  # pol:leadAgency ⊑ pol:responsibleAgency, both stated
            g.add((node, POL.leadAgency, agency))
    for ref in measure.cooperating:
        g.add((node, POL.cooperatingAgency, w.agency(ref, jurisdiction)))
    for c in measure.categories:
        g.add((node, POL.targetsCategory, URIRef(c.concept)))
    for c in measure.themes:
        g.add((node, POL.theme, URIRef(c.concept)))
    for c in measure.sectors:
        g.add((node, POL.targetsSector, URIRef(c.concept)))
    for p in measure.programs:
        pnode = iri.program_iri(to_simplified(p.name))
        g.add((pnode, RDF.type, POL.Program))
        add_labels(g, pnode, to_simplified(p.name))
        w.evidence(pnode, p.span, shared=True)
        g.add((node, POL.mentions, pnode))
    for o in measure.organizations:
        g.add((node, POL.mentions, URIRef(o.concept)))
    offers = _attach_orphans(w, measure)
    for n, offer in enumerate(offers, start=1):
        _instrument(w, measure, node, n, offer)
    carried = {o.min_threshold.span for o in offers if o.min_threshold is not None}
    for money in measure.amounts:  # a threshold of support that is no funding offer
        if money.role == "threshold" and money.span not in carried:
            _money(g, node, POL.minThreshold, money)
    return node, len(offers)


_OFFER_MONEY = ("max_amount", "total_budget", "min_threshold", "unit_rate", "unit_step")
_FUNDING_ROLES = {"cap", "per_recipient_cap", "total_budget", "threshold", "unit_rate"}


def _attach_orphans(w: SourceWriter, measure: Measure) -> list[Offer]:
    """Offers of a measure, with thresholds the loader left on no offer attached to one.

    A threshold (``超1亿元``) that no offer carries qualifies the offer it follows in the same
    sentence (no ``。`` between): it becomes that offer's ``min_threshold`` if it has none. Other
    funding figures that no offer carries are only reported as warnings.
    """
    offers = list(measure.offers)
    used = {getattr(o, f).span for o in offers for f in _OFFER_MONEY if getattr(o, f)}
    text = w.source.text
    for money in measure.amounts:
        if money.span in used or money.role not in _FUNDING_ROLES:
            continue
        target = None
        if money.role == "threshold":
            before = [i for i, o in enumerate(offers) if o.span.start <= money.span.start
                      and "。" not in text[o.span.end:money.span.start]
                      and o.min_threshold is None]
            target = before[-1] if before else None
        if target is not None:
            offers[target] = replace(offers[target], min_threshold=money)
            w.warnings.append(
                f"measure {measure.ordinal}: threshold {money.span.text!r} attached to the offer "
                f"it follows ({offers[target].instrument_class})")
        elif money.role != "threshold":  # an unattached threshold conditions the measure
            w.warnings.append(
                f"measure {measure.ordinal}: {money.role} {money.span.text!r} is on no offer")
    return offers


def _jurisdiction(doc: OfficialDocument, resolver: Resolver) -> str | None:
    if doc.jurisdiction:
        return doc.jurisdiction
    for ref in doc.issuers:
        if ref.jurisdiction:
            return ref.jurisdiction
        area = resolver.area_of(ref.name)
        if area:
            return area
    return None


def document_node(doc: OfficialDocument) -> URIRef:
    """The IRI of a loaded document: by its number, else by its title with its date or source."""
    title = to_simplified(doc.title) if doc.title else None
    notice = to_simplified(doc.notice_title) if doc.notice_title else None
    number = to_simplified(doc.number) if doc.number else None
    return iri.document_iri(number, title or notice, doc.date_issued, doc.source.sha256)


def document_graph(doc: OfficialDocument, resolver: Resolver | None = None) -> Converted:
    """Convert one official document into the triples of its source's named graph."""
    resolver = resolver or Resolver.default()
    title = to_simplified(doc.title) if doc.title else None
    notice = to_simplified(doc.notice_title) if doc.notice_title else None
    number = to_simplified(doc.number) if doc.number else None
    if not (number or title or notice):
        raise ValueError("the document has neither a number nor a title, so it cannot be named")
    node = document_node(doc)
    w = SourceWriter(doc.source, resolver)
    g = w.g
    g.add((node, RDF.type, POL.PolicyDocument))
    g.add((node, POL.source, w.add_source_node()))
    if number:
        g.add((node, POL.documentNumber, Literal(number)))
        w.evidence(node, doc.number_span)
    if title:
        add_labels(g, node, title, prop=POL.title)
        w.evidence(node, doc.title_span)
    if notice:
        add_labels(g, node, notice, prop=POL.noticeTitle)
        w.evidence(node, doc.notice_title_span)
    add_labels(g, node, title or notice or number or "")
    if doc.date_issued:
        g.add((node, POL.dateIssued, Literal(doc.date_issued)))
        w.evidence(node, doc.date_span)
    if doc.published:
        g.add((node, POL.datePublished, Literal(doc.published.replace(microsecond=0))))
        w.evidence(node, doc.published_span)
    if doc.valid_from:
        g.add((node, POL.validFrom, Literal(doc.valid_from)))
    if doc.valid_until:
        g.add((node, POL.validUntil, Literal(doc.valid_until)))
    if doc.validity_span is not None:
        worded = to_simplified(doc.validity_span.text)
        if not _DATE_WORDED.search(worded):  # a duration such as 有效期3年: keep the wording
            g.add((node, POL.validityText, Literal(" ".join(worded.split()), lang="zh-Hans")))
        w.evidence(node, doc.validity_span)
    for addressee in doc.addressees:
        add_labels(g, node, to_simplified(addressee), prop=POL.addressedTo)
    jurisdiction = _jurisdiction(doc, resolver)
    for area in dict.fromkeys([a for a in (jurisdiction, *doc.jurisdictions) if a]):
        g.add((node, POL.jurisdiction, URIRef(area)))  # every area, by each of its names
    for ref in doc.issuers:
        g.add((node, POL.issuedBy, w.agency(ref, jurisdiction)))
    for ref in doc.approvers:
        g.add((node, POL.approvedBy, w.agency(ref, jurisdiction)))
    for ref in doc.transmitted:
        g.add((node, POL.transmittedFrom, w.agency(ref, jurisdiction)))
    for event in doc.events:
        if event.kind == "adopted":
            g.add((node, POL.dateAdopted, Literal(event.date)))
        elif event.kind in ("amended", "revised"):
            g.add((node, POL.dateAmended, Literal(event.date)))
    if doc.contact is not None:
        g.add((node, POL.contactAgency, w.agency(doc.contact, jurisdiction)))
    stubs = 0
    for prop, refs in ((POL.repeals, doc.repeals), (POL.basedOn, doc.based_on)):
        for ref in refs:
            target = w.stub(ref)
            if target is not None and target != node:
                g.add((node, prop, target))
                stubs += 1
    if doc.non_cumulative is not None:
        g.add((node, POL.nonCumulative, Literal(True)))
        w.evidence(node, doc.non_cumulative)
    if doc.scope is not None:
        add_labels(g, node, to_simplified(doc.scope.text), prop=POL.scopeNote)
        w.evidence(node, doc.scope)
    instruments = 0
    seen: set[int] = set()
    for measure in doc.measures:
        if measure.ordinal in seen:
            w.warnings.append(f"measure ordinal {measure.ordinal} occurs twice; the later one merged")
        seen.add(measure.ordinal)
        instruments += _measure(w, node, measure, jurisdiction)[1]
    derive(g, resolver.gazetteer)
    counts = {
        "documents": 1,
        "measures": len(seen),
        "instruments": instruments,
        "agencies": len(w.agencies),
        "cited_documents": stubs,
        "triples": len(g),
    }
    return Converted(node, iri.graph_iri(node), g, counts, w.warnings, title or notice)
