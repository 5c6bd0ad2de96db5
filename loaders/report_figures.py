"""Figures a report states (money, percentages, ratios, counts, dates) with the context that
tells which measure they are about: the role a figure is given (cap, threshold, total), the period,
the recognition level, and whether the clause speaks of a measure at all or of the region.

Works on English prose and on Chinese (either script, searched in its simplified view, which has
the same length so offsets stay valid). Returns :class:`~policykg.loaders.records.ClaimRecord`
values whose spans point into the source text; no RDF here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from .counts import find_counts, find_counts_en
from .money import find_money, find_money_en, find_percentages, find_ratios
from .numerals import tidy
from .records import ClaimRecord, Level, MoneyRole, Span

# ------------------------------------------------------------------ sentences and clauses

_SENT_EN = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")
_SENT_ZH = re.compile(r"(?<=[。！？])")
_CLAUSE = re.compile(r"[;；。!?！？]|(?<=[^\d]),(?=\s*(?:while|but|whereas)\b)")


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence of the body: ``[start, end)`` in the source text."""

    start: int
    end: int


def split_sentences(text: str, start: int, end: int) -> list[Segment]:
    """Sentences of ``text[start:end]`` (English or Chinese), trimmed of surrounding space."""
    chunk = text[start:end]
    cuts = [0]
    for pattern in (_SENT_EN, _SENT_ZH):
        cuts.extend(m.end() for m in pattern.finditer(chunk))
    cuts.append(len(chunk))
    out = []
    for a, b in zip(sorted(set(cuts)), sorted(set(cuts))[1:], strict=False):
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append(Segment(start + a + lead, start + b - trail))
    return out


def clause_bounds(simple: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between ``;``/``；``/``。``…) of ``simple[lo:hi]`` that contains ``pos``."""
    a, b = lo, hi
    for m in _CLAUSE.finditer(simple, lo, hi):
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


def comma_bounds(simple: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The comma-delimited piece (``，`` or ``,``) of ``simple[lo:hi]`` around ``pos``."""
    a = max(simple.rfind("，", lo, pos), simple.rfind(", ", lo, pos))
    b_candidates = [i for i in (simple.find("，", pos, hi), simple.find(", ", pos, hi)) if i >= 0]
    return (a + 1 if a >= 0 else lo), (min(b_candidates) if b_candidates else hi)


# ------------------------------------------------------------------ figures

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(
        rf"\b(?P<mn>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d))?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_RE})\.?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b",
        re.IGNORECASE,
    ),
]

# ------------------------------------------------------------------ context cues
# Figure roles and context words are grammar of the report language, not vocabulary concepts:
# the concepts (instrument types, categories) come from the SKOS gazetteer.

_CAP = re.compile(
    r"up to|maximum|max\.|at most|no more than|not (?:more than|exceed\w*)|ceiling|capped|cap of"
    r"|limit of|最高|不超过|上限|封顶",
    re.IGNORECASE,
)
_THRESHOLD = re.compile(
    r"more than|over|exceed\w*|at least|above|or more|以上|超过|超|达到|不低于|（含）|\(含\)",
    re.IGNORECASE,
)
_EACH = re.compile(
    r"\beach\b|\bper\b|\bevery\b|单个|每个|每家|每项|每家企业|每户|每人|每个项目",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\btotal\b|\bin all\b|\binject\w*|\bbudget\b|\bfund\b|\ballocat\w*|set aside|earmark\w*|总额|总规模|总资金|共计|合计",
    re.IGNORECASE,
)
_YEARLY = re.compile(r"annual(?:ly)?|each year|per year|every year|a year|yearly|每年|年度", re.I)
_RESPECTIVELY = re.compile(r"respectively|分别", re.IGNORECASE)
_LEVELS: list[tuple[Level, re.Pattern[str]]] = [
    ("International", re.compile(r"\binternational\b|国际", re.I)),
    ("National", re.compile(r"\bnational(?:[- ]level)?\b|国家级|国家(?=标准)|全国", re.I)),
    (
        "Provincial",
        re.compile(
            r"\bprovincial(?:[- ]level)?\b(?!\s+(?:finance|financial|fiscal|government|budget))"
            r"|省级(?!财政|配套)|(?<=[\u4e00-\u9fff])省(?=专业)",
            re.I,
        ),
    ),
    ("Municipal", re.compile(r"\bmunicipal\b|\bcity[- ]level\b|市级", re.I)),
    ("Industry", re.compile(r"\bindustry standards?\b|行业标准", re.I)),
]
_SUPPORT = re.compile(
    r"support|reward|subsid\w*|fund\w*|grant\w*|voucher\w*|financ\w*|incentive\w*|bonus\w*"
    r"|allocat\w*|inject\w*|award\w*|receiv\w*|\bget\b|\bgets\b|provid\w*|offer\w*|\bgive\w*"
    r"|\bwin\b|eligible|set aside|earmark\w*|select\w*|recover\w*|reimburs\w*|refund\w*"
    r"|\bcover\w*|capped|\bup to\b|\bat most\b|as much as"
    r"|给予|资助|奖励|奖(?=\d)|补贴|补助|支持|激励|配套|扶持|资金|券",
    re.IGNORECASE,
)
_REGION = re.compile(
    r"home to|industry (?:scale|size|output)|output value|revenue|already|currently|existing"
    r"|boast\w*|规模|产值|营收|拥有|已经|已有|目前|现有|集聚",
    re.IGNORECASE,
)
_MEASURE_NOUN = re.compile(
    r"^(?:[a-z-]+\s+)?(?:measures?|dimensions?|articles?|points?|policy measures)$|^条$",
    re.IGNORECASE,
)
_RELEASE = re.compile(
    r"releas\w*|publish\w*|unveil\w*|issu\w*|announc\w*|launch\w*|introduc\w*|印发|发布|出台|公布",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Figure:
    kind: str
    start: int
    end: int
    amount: Decimal | None = None
    share: Decimal | None = None
    count: int | None = None
    date: dt.date | None = None
    noun: str | None = None


def _overlaps(a: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in taken)


def find_report_dates(text: str, default_year: int | None) -> list[tuple[int, int, dt.date]]:
    """Full dates (day precision) in ``text``: ``(start, end, date)``; a missing year is taken
    from ``default_year`` (the report's own year), or the date is skipped when that is None."""
    out: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if _overlaps((m.start(), m.end()), taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else default_year
            month = (
                _MONTHS[groups["mn"].lower().rstrip(".")] if groups.get("mn") else int(groups["m"])
            )
            if year is None:
                continue
            try:
                value = dt.date(year, month, int(groups["d"]))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), value))
    return sorted(out)


def _figures(simple: str, lo: int, hi: int, default_year: int | None) -> list[_Figure]:
    """Every figure in ``simple[lo:hi]``, longest reading first, no two overlapping."""
    found: list[_Figure] = []
    taken: list[tuple[int, int]] = []

    def add(fig: _Figure) -> None:
        if not _overlaps((fig.start, fig.end), taken):
            taken.append((fig.start, fig.end))
            found.append(fig)

    for s, e, value in find_report_dates(simple[lo:hi], default_year):
        add(_Figure("date", lo + s, lo + e, date=value))
    chunk = simple[lo:hi]
    for money in sorted(find_money(chunk) + find_money_en(chunk), key=lambda f: (f.start, -f.end)):
        add(_Figure("amount", lo + money.start, lo + money.end, amount=tidy(money.value)))
    for f in find_percentages(chunk):
        add(_Figure("share", lo + f.start, lo + f.end, share=f.value))
    for f in find_ratios(chunk):
        if f.value:
            add(_Figure("ratio", lo + f.start, lo + f.end, share=f.value))
    for f in sorted(find_counts_en(chunk) + find_counts(chunk), key=lambda f: f.start):
        add(_Figure("count", lo + f.start, lo + f.end, count=int(f.value), noun=f.unit))
    return sorted(found, key=lambda f: f.start)


def _role(simple: str, fig: _Figure, a: int, b: int) -> MoneyRole:
    """How the clause frames an amount: a cap, a per-recipient cap, a threshold or a total."""
    before = simple[max(a, fig.start - 60) : fig.start]
    after = simple[fig.end : min(b, fig.end + 30)]
    cap = _CAP.search(before) or re.match(r"\s*(?:at most|maximum|为限)", after)
    each = _EACH.search(simple[a:b])
    if re.match(r"\s*(?:以上|（含）|\(含\)|or more)", after) or (
        not cap and re.search(r"(?:more than|over|exceeding|at least|above|超过|超|达到)\s*$", before, re.I)
    ):
        return "threshold"
    if cap:
        return "per_recipient_cap" if each else "cap"
    if _TOTAL.search(simple[a:b]):
        return "total_budget"
    if each:
        return "per_recipient_cap"
    return "other"


def _levels_in(simple: str, a: int, b: int) -> list[tuple[int, Level]]:
    """Recognition levels named in ``simple[a:b]``, in text order."""
    hits = {(m.start(), level) for level, pattern in _LEVELS for m in pattern.finditer(simple, a, b)}
    return sorted(hits)


def extract_claims(
    text: str,
    simple: str,
    sentences: list[Segment],
    default_year: int | None,
    concepts_in: callable,  # (start, end) -> (instrument IRIs, category IRIs)
) -> list[ClaimRecord]:
    """One :class:`ClaimRecord` per figure in the given sentences, with its context features.

    ``simple`` is the simplified-script view of ``text`` (same length). ``concepts_in`` returns the
    instrument-type and enterprise-category concepts the gazetteer finds in a range.
    """
    claims: list[ClaimRecord] = []
    for sent in sentences:
        figs = _figures(simple, sent.start, sent.end, default_year)
        # "respectively": figures of one kind in a clause are given to the levels in order
        tiers: dict[int, Level] = {}
        by_clause: dict[tuple[int, int], list[_Figure]] = {}
        for fig in figs:
            by_clause.setdefault(clause_bounds(simple, fig.start, sent.start, sent.end), []).append(fig)
        for (a, b), members in by_clause.items():
            if not _RESPECTIVELY.search(simple, a, b):
                continue
            levels = [lv for _, lv in _levels_in(simple, a, b)]
            for kind in ("amount", "share"):
                series = [f for f in members if f.kind == kind]
                if len(series) > 1 and len(levels) >= len(series):
                    levels_used = levels[-len(series) :] if len(levels) > len(series) else levels
                    for fig, level in zip(series, levels_used, strict=True):
                        tiers[fig.start] = level
        for fig in figs:
            a, b = clause_bounds(simple, fig.start, sent.start, sent.end)
            ca, cb = comma_bounds(simple, fig.start, a, b)
            clause = simple[a:b]
            instruments, categories = concepts_in(a, b)
            level = tiers.get(fig.start)
            if level is None and fig.kind == "count":
                after = [lv for s, lv in _levels_in(simple, fig.end, min(b, fig.end + 6))]
                level = after[0] if after else None
            if level is None:
                near = [(s, lv) for s, lv in _levels_in(simple, a, b) if s < fig.start]
                level = near[-1][1] if near else None
            support = bool(_SUPPORT.search(simple, ca, cb) or _SUPPORT.search(clause) and instruments)
            region = bool(_REGION.search(simple, ca, cb)) or not _SUPPORT.search(clause)
            claim = ClaimRecord(
                kind=fig.kind,  # type: ignore[arg-type]
                span=Span(sent.start, sent.end, text[sent.start : sent.end]),
                figure_span=Span(fig.start, fig.end, text[fig.start : fig.end]),
                amount=fig.amount,
                share=fig.share if fig.kind in ("share", "ratio") else None,
                count=fig.count,
                date=fig.date,
                period="PerYear" if _YEARLY.search(clause) else None,
                instrument_concepts=instruments,
                category_concepts=categories,
                level=level,
            )
            if fig.kind == "amount":
                claim.role = _role(simple, fig, a, b)
            elif fig.kind == "share":
                claim.role = None
            if fig.kind == "count" and fig.noun and _MEASURE_NOUN.match(fig.noun.strip()):
                claim.topic = "measure-count"
            elif fig.kind == "date":
                claim.topic = "release" if _RELEASE.search(simple, sent.start, sent.end) else "date"
            elif fig.kind == "ratio":
                claim.topic = "matching" if _SUPPORT.search(clause) else None
                claim.about_region = not _SUPPORT.search(clause)
            else:
                claim.about_region = region and not support
            claims.append(claim)
    return claims
