"""Clauses inside one measure: money with its role, ratios, quotas, tiers and funding offers.

:func:`analyse` reads the simplified view of one measure: it cuts it into sentences and clauses
(:mod:`loaders.segments`), finds every figure (:mod:`loaders.money`), gives each its role
(:mod:`loaders.roles`) and builds the funding offers (:mod:`loaders.offers`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from ..ontology.gazetteer import Gazetteer
from .counts import find_counts
from .matchindex import MatchIndex
from .money import find_money, find_percentages, find_ratios
from .offers import (
    GroupContext,
    Vocab,
    attach_quotas,
    attach_thresholds,
    figureless_offers,
    group_clauses,
    has_figures,
    instrument_of_heading,
    merge_budget_only,
    period_at,
)
from .quotas import _NO_PERIOD, is_quota
from .records import Money, Quota, Ratio, Span
from .roles import (
    _CN_SMALL,
    _FUNDING_ROLES,
    _MULTIPLE,
    _MULTIPLE_OF,
    PENALTY_WORDS,
    classify_money,
    elliptical_caps,
)
from .segments import CLAUSE_END, SENTENCE_END, Fig, MeasureFacts, Segment, SpanOf, index, split
from .share_roles import classify_percentage, classify_ratio

__all__ = ["analyse", "has_figures", "split", "SENTENCE_END", "MeasureFacts"]


def analyse(
    view: str, start: int, end: int, span_of: SpanOf, gaz: Gazetteer | None,
    heading: tuple[int, int] | None = None, skip: list[tuple[int, int]] | None = None,
    matches: MatchIndex | None = None,
) -> MeasureFacts:
    """Every amount, ratio, quota and offer in the measure ``view[start:end]``.

    ``matches`` may hold vocabulary matches over the whole view per scheme (to match once)."""
    skip = skip or []
    facts = MeasureFacts()
    vocab = Vocab(gaz, view, start, end, matches)
    text = view[start:end]

    def shift(found):  # figures over the measure text → view offsets
        return [(x.start + start, x.end + start, x.value) for x in found]

    skip_starts = [a for a, _ in sorted(skip)]
    skip_sorted = sorted(skip)

    def skipped(s: int) -> bool:
        k = bisect_right(skip_starts, s) - 1
        return k >= 0 and skip_sorted[k][0] <= s < skip_sorted[k][1]

    sentences = split(view, start, end, SENTENCE_END)
    basis_spans: list[tuple[int, int]] = []
    money_by_sentence: dict[int, list[Fig]] = {}
    pct: list[Fig] = []
    ratios: list[Fig] = []
    counts: list[Fig] = []
    for kind, found, bucket in (
        ("money", find_money(text), None),
        ("pct", find_percentages(text), pct),
        ("ratio", find_ratios(text), ratios),
        ("count", find_counts(text), counts),
    ):
        for s, e, value in shift(found):
            if skipped(s):
                continue
            si = index(sentences, s)
            f = Fig(kind, s, e, value, sentence=si)
            if bucket is None:
                money_by_sentence.setdefault(si, []).append(f)
            else:
                bucket.append(f)

    all_money: list[Fig] = []
    groups_by_sentence: dict[int, list[Segment]] = {}
    clauses_by_sentence: dict[int, list[Segment]] = {}
    for si, sentence in enumerate(sentences):
        clauses = split(view, sentence.start, sentence.end, CLAUSE_END)
        if not clauses:
            clauses = [sentence]
        clauses_by_sentence[si] = clauses
        figs = money_by_sentence.get(si, [])
        for f in figs:
            f.clause = index(clauses, f.start)
        classify_money(view, figs, clauses)
        groups_by_sentence[si] = group_clauses(view, clauses, figs)
        for f in figs:
            f.group = index(groups_by_sentence[si], f.start)
        all_money.extend(figs)
    elliptical_caps(view, all_money, clauses_by_sentence)

    def penalty_sentence(f: Fig) -> bool:
        sent = sentences[f.sentence]
        return bool(PENALTY_WORDS.search(view, sent.start, sent.end))

    for f in pct:
        clauses = clauses_by_sentence[f.sentence]
        if penalty_sentence(f):
            f.role = "other"
            f.group = index(groups_by_sentence[f.sentence], f.start)
            continue
        classify_percentage(view, f, clauses[index(clauses, f.start)], sentences[f.sentence])
        if f.basis:
            basis_spans.append((f.start - len(f.basis) - 2, f.start))
        f.group = index(groups_by_sentence[f.sentence], f.start)
    ratios.extend(f for f in pct if f.role == "matching")  # 按…资金的50%给予配套
    pct = [f for f in pct if f.role != "matching"]
    for m in _MULTIPLE.finditer(view, start, end):
        if skipped(m.start()) or any(r.start <= m.start() < r.end for r in ratios):
            continue
        si = index(sentences, m.start())
        sent = sentences[si]
        if not (re.search(r"配套|配比|匹配", view[sent.start : sent.end])
                or _MULTIPLE_OF.search(view, max(sent.start, m.start() - 40), m.end())
                and re.match(r"\s*(?:给予|予以)", view[m.end() : m.end() + 4])):
            continue
        raw = m.group(1)
        value = Decimal("0.5") if raw == "半" else (Decimal(raw) if raw[0].isdigit()
                                                    else Decimal(_CN_SMALL.index(raw) + 1))
        ratios.append(Fig("ratio", m.start(), m.end(), value, sentence=si))
    ratios.sort(key=lambda x: x.start)
    for f in ratios:
        classify_ratio(view, f, sentences[f.sentence])
        if penalty_sentence(f):
            f.role = "other"
    quotas = []
    for f in counts:
        if is_quota(view, f, sentences[f.sentence]):
            clauses = clauses_by_sentence[f.sentence]
            c = clauses[index(clauses, f.start)]
            sent = sentences[f.sentence]
            if _NO_PERIOD.search(view, c.start, f.start):
                f.period = None  # 每批次支持不超过3项: per batch, no calendar period
            else:
                f.period = period_at(vocab, view, c.start, c.end, basis_spans) or period_at(
                    vocab, view, sent.start, sent.end, basis_spans)
            f.group = index(groups_by_sentence[f.sentence], f.start)
            quotas.append(f)

    # records for the measure's lists
    def clause_of(f: Fig) -> Span:
        clauses = clauses_by_sentence[f.sentence]
        c = clauses[index(clauses, f.start)]
        return span_of(c.start, c.end)

    def money(f: Fig) -> Money:
        return Money(value=f.value, role=f.role, span=span_of(f.start, f.end),  # type: ignore[arg-type]
                     per=f.per, clause=clause_of(f))

    def ratio(f: Fig) -> Ratio:
        return Ratio(value=f.value, role=f.role, span=span_of(f.start, f.end),  # type: ignore[arg-type]
                     cost_basis=f.basis, clause=clause_of(f))

    def quota(f: Fig) -> Quota:
        return Quota(count=int(f.value), span=span_of(f.start, f.end), period=f.period,  # type: ignore[arg-type]
                     clause=clause_of(f))

    facts.penalties = [money(f) for f in all_money if f.role == "penalty"]
    all_money = [f for f in all_money if f.role != "penalty"]
    facts.amounts = [money(f) for f in all_money]
    facts.ratios = [ratio(f) for f in sorted(pct + ratios, key=lambda x: x.start)]
    facts.quotas = [quota(f) for f in quotas]

    # offers
    heading_instrument = instrument_of_heading(vocab, heading)
    figured_classes: set[str] = set()
    money_of: dict[int, list[Fig]] = {}
    for f in all_money:
        money_of.setdefault(f.sentence, []).append(f)
    matching_of: dict[int, list[Fig]] = {}
    for f in ratios:
        if f.role == "matching":
            matching_of.setdefault(f.sentence, []).append(f)
    pct_of: dict[int, list[Fig]] = {}
    for f in pct:
        pct_of.setdefault(f.sentence, []).append(f)
    quotas_of: dict[int, list[Fig]] = {}
    for f in quotas:
        quotas_of.setdefault(f.sentence, []).append(f)
    for si, sentence in enumerate(sentences):
        groups = groups_by_sentence[si]
        clauses = clauses_by_sentence[si]
        figs = money_of.get(si, [])
        sent_matching = matching_of.get(si, [])
        made = False
        for gi, group in enumerate(groups):
            gfigs = [f for f in figs if f.group == gi]
            gshares = [f for f in pct_of.get(si, []) if f.group == gi and f.role == "cost_share"]
            gquotas = [f for f in quotas_of.get(si, []) if f.group == gi]
            if not (any(f.role in _FUNDING_ROLES for f in gfigs) or gshares
                    or (sent_matching and gi == 0)):
                continue
            ctx = GroupContext(view, vocab, group, clauses, gfigs, gshares, sent_matching,
                                gquotas, basis_spans, heading_instrument, span_of, money, ratio, quota)
            offers = ctx.offers()
            facts.offers.extend(offers)
            figured_classes.update(o.instrument_class for o in offers)
            made = made or bool(offers)
        if not made:
            facts.offers.extend(figureless_offers(view, vocab, sentence, clauses, span_of))
    # a figureless offer repeating the class of an offer with figures adds nothing
    facts.offers = [
        o for o in facts.offers
        if has_figures(o) or o.instrument_class not in figured_classes
    ]
    facts.offers = merge_budget_only(facts.offers)
    attach_thresholds(facts, [s2 for s2 in sentences], span_of)
    attach_quotas(facts)
    return facts
