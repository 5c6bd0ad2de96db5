"""Plain records the loaders return: no RDF here, every fact carries a :class:`Span`.

Offsets are character offsets into the *decoded original text* of the source (``Source.text``),
so ``source.text[span.start:span.end] == span.text`` always holds. ``graph/`` alone turns these
records into triples. Vocabulary matches are carried as concept IRIs (strings) taken from
``ontology/vocab``; OWL individuals/classes are carried as their local names (``"PerYear"``).
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .provenance import Provenance

Script = Literal["zh-Hans", "zh-Hant", "en", "mixed", "unknown"]
SourceKind = Literal["official", "report"]

# Money roles (DESIGN §3): which pol: property a figure feeds.
MoneyRole = Literal[
    "cap",  # 最高/不超过/上限 → pol:maxAmount
    "per_recipient_cap",  # 单个/每家/每个/每项 … 最高 → pol:maxAmount (per recipient)
    "min_amount",  # the lower end of a range 给予10万元至300万元 → pol:minAmount
    "total_budget",  # 总额/总资金/发放…券 over the policy term → pol:totalBudget
    "threshold",  # 以上/超过/达到/超…（含） → pol:minThreshold, never a cap
    "unit_rate",  # 每增长X给予Y: Y → pol:unitRate (X → pol:unitStep)
    "unit_step",  # the X of 每增长X
    "penalty",  # 处…万元以下罚款, 没收: a fine or penalty, never a funding offer, cap or threshold
    "other",  # a figure with no funding role (targets, sizes)
]
RatioRole = Literal["cost_share", "matching", "other"]
Period = Literal["PerYear", "PerPolicyTerm", "OneTime"]
Level = Literal["International", "National", "Provincial", "Municipal", "Industry"]
UnitRole = Literal["lead", "support", "responsible"]  # 牵头 / 配合 / 责任单位


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of the original text and the exact characters there."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Warning_:
    """Something a loader noticed and could not do; never fatal. ``line`` is 1-based or None."""

    code: str
    message: str
    line: int | None = None


@dataclass(slots=True)
class Source:
    """One input file: its bytes' identity and the decoded text all spans point into."""

    path: str
    name: str
    sha256: str
    size: int
    encoding: str
    media_type: str  # text/plain, text/html, text/markdown, application/pdf, …/docx, application/ofd
    text: str  # decoded original text (HTML, Markdown, PDF, Word, OFD reduced to text: loaders.source)
    script: Script = "unknown"
    reader: str | None = None  # the library that read a non-text format ("pypdfium2 5.15.2")
    pages: list[tuple[int, int]] | None = None  # paged formats: (page number, its first offset)
    metadata: dict[str, str] | None = None  # what the file declares about itself (front matter)
    warnings: list[Warning_] = field(default_factory=list)  # noticed while reading the file
    # paged formats: per character of ``text`` its box on the page (left, bottom, right, top), 4
    # floats each, NaN for characters the reader wrote itself (line joins, a table's labels)
    boxes: array | None = field(default=None, repr=False)
    provenance: Provenance | None = None  # from its sidecar NAME.meta.json (loaders.provenance)


@dataclass(slots=True)
class ConceptRef:
    """A vocabulary concept found in the text (category, sector, theme, area, instrument type…)."""

    scheme: str  # gazetteer scheme key: instrument, category, sector, theme, area, agency, level
    concept: str  # concept IRI from ontology/vocab
    span: Span


@dataclass(slots=True)
class AgencyRef:
    """A government body named in the text; ``concept`` is None when not in the vocabulary."""

    name: str  # full simplified name after prefix resolution (区工业和信息化局 → 广州市黄埔区工业和信息化局)
    span: Span
    concept: str | None = None
    jurisdiction: str | None = None  # area concept IRI, when known
    written: str | None = None  # the name as the text writes it (市发展改革委), when it differs
    role: UnitRole | None = None  # for responsible units: lead, support or responsible

    @property
    def resolved(self) -> bool:
        """True when the name was matched to an agency of the vocabulary."""
        return self.concept is not None


@dataclass(slots=True)
class AreaRef:
    """An area the vocabulary does not list (南京市江宁区, 青岛西海岸新区), named in the text, with
    the most specific listed area it lies in (``parent``, an area concept IRI) when known."""

    name: str  # full simplified name
    span: Span
    parent: str | None = None


@dataclass(slots=True)
class DocRef:
    """Another document cited by title and/or number (repealed, implemented)."""

    span: Span
    title: str | None = None  # simplified script, without 《》
    number: str | None = None  # normalised: simplified script, 〔〕 brackets


@dataclass(slots=True)
class Money:
    """An amount of money in yuan with the role it plays in its clause."""

    value: Decimal
    role: MoneyRole
    span: Span
    per: str | None = None  # for a rate: the unit it is paid per (亩, 平方米, 千瓦时, 人·月)
    clause: Span | None = None  # the clause the figure sits in (evidence narrower than the measure)


@dataclass(slots=True)
class Ratio:
    """A ratio: a cost share (0.3 for 30%), a matching ratio (1 for 1∶1), or another percentage."""

    value: Decimal
    role: RatioRole
    span: Span
    cost_basis: str | None = None  # simplified text of the cost the share applies to
    clause: Span | None = None  # the clause the figure sits in


@dataclass(slots=True)
class Quota:
    """A cap on the number of recipients/projects, and over which period it applies."""

    count: int
    span: Span
    period: Period | None = None
    clause: Span | None = None  # the clause the figure sits in


@dataclass(slots=True)
class Offer:
    """One concrete funding offer (→ one pol:FundingInstrument). Tiers give one Offer each."""

    span: Span
    instrument_class: str = "FundingInstrument"  # local name of the OWL class, e.g. "ComputeVoucher"
    instrument_concept: str | None = None  # instrument-type concept IRI
    max_amount: Money | None = None
    min_amount: Money | None = None  # the lower end of a range (给予10万元至300万元)
    total_budget: Money | None = None
    min_threshold: Money | None = None
    unit_rate: Money | None = None
    unit_step: Money | None = None
    max_cost_share: Ratio | None = None
    matching_ratio: Ratio | None = None
    max_recipients: Quota | None = None
    period: Period | None = None
    recognition_level: Level | None = None
    categories: list[ConceptRef] = field(default_factory=list)
    condition: str | None = None  # simplified text of the eligibility condition


@dataclass(slots=True)
class ProgramRef:
    """A named programme, action, competition or platform, usually in quotes."""

    name: str  # simplified, without quotes
    span: Span


@dataclass(slots=True)
class Measure:
    """One numbered article/measure; sub-items stay inside. Supplementary articles count too."""

    ordinal: int
    span: Span  # the whole measure
    heading: str  # simplified script
    heading_span: Span
    numbering: str  # style: "一、", "第一条", "（一）", "1."
    offers: list[Offer] = field(default_factory=list)
    amounts: list[Money] = field(default_factory=list)  # every money figure, role-tagged
    ratios: list[Ratio] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    responsible: list[AgencyRef] = field(default_factory=list)
    cooperating: list[AgencyRef] = field(default_factory=list)
    categories: list[ConceptRef] = field(default_factory=list)
    sectors: list[ConceptRef] = field(default_factory=list)
    themes: list[ConceptRef] = field(default_factory=list)
    programs: list[ProgramRef] = field(default_factory=list)
    organizations: list[ConceptRef] = field(default_factory=list)  # non-agency organisations
    penalties: list[Money] = field(default_factory=list)  # fines (role "penalty"), never offers
    group: str | None = None  # heading of the chapter/section grouping this measure (simplified)
    group_span: Span | None = None
    marker: str = ""  # its own marker written out (第十五条, （三）, 7.); "" for unnumbered headings


@dataclass(slots=True)
class OfficialDocument:
    """An official policy document: header, measures and document-level clauses."""

    source: Source
    title: str | None = None  # the measures' title (simplified)
    title_span: Span | None = None
    notice_title: str | None = None  # the covering notice's title (simplified)
    notice_title_span: Span | None = None
    number: str | None = None  # 粤府办〔2025〕6号 (simplified, 〔〕)
    number_span: Span | None = None
    issuers: list[AgencyRef] = field(default_factory=list)
    approvers: list[AgencyRef] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    contact: AgencyRef | None = None
    date_issued: dt.date | None = None
    date_span: Span | None = None
    published: dt.datetime | None = None  # web publication time when given
    published_span: Span | None = None
    jurisdiction: str | None = None  # area concept IRI
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    validity_span: Span | None = None
    repeals: list[DocRef] = field(default_factory=list)
    based_on: list[DocRef] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)  # every area concept IRI it is issued for
    unlisted_areas: list[AreaRef] = field(default_factory=list)  # areas issued for, not in vocab
    transmitted: list[AgencyRef] = field(default_factory=list)  # bodies whose text it 转发/批转
    events: list[DocEvent] = field(default_factory=list)  # adopted / amended / revised / effective
    non_cumulative: Span | None = None  # 从高不重复 clause
    scope: Span | None = None
    measures: list[Measure] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


@dataclass(slots=True)
class DocEvent:
    """A dated event of a document's history (``2020年5月14日…常务委员会…会议通过``)."""

    kind: Literal["adopted", "amended", "revised", "approved", "promulgated", "effective", "signed"]
    date: dt.date
    span: Span
    body: AgencyRef | None = None  # the body that adopted/amended it, when named


# ---------------------------------------------------------------- routing


@dataclass(slots=True)
class Sign:
    """One piece of evidence for routing a source: what was found, for which kind, its weight."""

    name: str  # e.g. "document-number", "notice-title", "byline"
    kind: SourceKind  # the kind it speaks for
    weight: float
    span: Span | None = None


@dataclass(slots=True)
class Routing:
    """Why a source was read as an official document or as a report: every sign and the sums."""

    kind: SourceKind
    official: float = 0.0  # sum of the official signs' weights
    report: float = 0.0  # sum of the report signs' weights
    signs: list[Sign] = field(default_factory=list)


# ---------------------------------------------------------------- secondary sources

ClaimKind = Literal["amount", "share", "count", "date", "ratio"]


@dataclass(slots=True)
class ClaimRecord:
    """One figure a report states, with its context; the verdict is decided in ``graph/``."""

    kind: ClaimKind
    span: Span  # the sentence (or clause) quoted as evidence
    figure_span: Span  # the figure itself
    amount: Decimal | None = None  # yuan
    share: Decimal | None = None  # 0.6 for 60%
    count: int | None = None
    date: dt.date | None = None
    role: MoneyRole | None = None  # how the report frames it: cap, total_budget, threshold…
    period: Period | None = None
    instrument_concepts: list[str] = field(default_factory=list)
    category_concepts: list[str] = field(default_factory=list)
    level: Level | None = None
    about_region: bool = False  # a figure about the region (industry size, lab counts)
    topic: str | None = None  # what else it is about: "measure-count", "release", "matching"


@dataclass(slots=True)
class PersonRef:
    """A person a report names, with the role and organisation given there."""

    name: str
    span: Span
    role: str | None = None
    organization: AgencyRef | None = None


@dataclass(slots=True)
class Report:
    """A secondary source (news article, think-tank briefing) about one or more policies."""

    source: Source
    title: str | None = None
    title_span: Span | None = None
    language: str = "en"
    publisher: str | None = None
    date: dt.date | None = None
    date_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    # what it says about the policy it reports on, for linking in graph/
    policy_titles: list[DocRef] = field(default_factory=list)  # titles quoted (any language)
    jurisdiction: str | None = None  # area concept IRI of the policy it is about
    policy_date: dt.date | None = None  # release date it gives for the policy
    subject_concepts: list[str] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    people: list[PersonRef] = field(default_factory=list)
    agencies: list[AgencyRef] = field(default_factory=list)
    # a policy known only from this report (e.g. a plan with no official text in the corpus)
    reported_policy: ReportedPolicy | None = None
    warnings: list[Warning_] = field(default_factory=list)


@dataclass(slots=True)
class ReportedPolicy:
    """A policy attested only by a report: what the report says it contains."""

    span: Span
    jurisdiction: str | None = None
    title: str | None = None
    total_budget: Money | None = None
    offers: list[Offer] = field(default_factory=list)
    agencies: list[AgencyRef] = field(default_factory=list)


Record = OfficialDocument | Report


@dataclass(slots=True)
class LoadResult:
    """What loading one source gives: a record (or None when it failed) and its warnings."""

    path: str
    record: Record | None
    warnings: list[Warning_] = field(default_factory=list)
    error: str | None = None  # one sentence when the source could not be loaded
    stage: str | None = None  # read | decode | parse | assemble
    routing: Routing | None = None  # the evidence the source was routed on
