"""Funding offers of a measure: from the role-tagged figures of each sentence to
:class:`records.Offer` records, one per group of clauses (or one per tier).

A sentence is cut into *groups* at a clause starting with ``对`` once the current group already
has an amount; a group with an amount, a cost share or a matching ratio gives an offer — or one
offer per tier when ``分别/分档/依次`` is followed by amounts joined by ``、``, aligned with the
thresholds, recognition levels or categories enumerated before it. A sentence with no amount
gives an offer only where a giving verb (``给予/发放/设立…``) governs an instrument word.
Thresholds and quotas stated apart are attached to the offer they qualify. Instrument types,
categories, levels and periods come from the vocabularies.

Why this module is longer than 400 lines: one offer is built from the figures,
vocabulary matches and clauses of its group at once (:class:`GroupContext`); the role rules
are in :mod:`loaders.roles`, the segmentation in :mod:`loaders.segments`.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Gazetteer, Match
from . import subjects
from .matchindex import MatchIndex
from .records import ConceptRef, Money, Offer, Span
from .roles import (
    _CONDITIONAL,
    _FUNDING_ROLES,
    _GENERIC_SUPPORT,
    _ISSUED_VOUCHER,
    _NOT_RECIPIENT_LEVEL,
    _OFFER_VERB,
    _PER_YEAR_CAP,
    _RECIPIENT,
)
from .segments import Fig, MeasureFacts, Segment, SpanOf, index


class Vocab:
    """Vocabulary matches inside one measure (view offsets)."""

    def __init__(self, gaz: Gazetteer | None, view: str, start: int, end: int,
                 matches: MatchIndex | None = None) -> None:
        self.gaz = gaz
        self.by_scheme: MatchIndex = MatchIndex()
        self._seen: dict[tuple[str, int, int], list[Match]] = {}
        if gaz is None:
            return
        text = view[start:end]
        for scheme in ("instrument", "category", "level", "period", "area"):
            if matches is not None and scheme in matches:  # whole-view matches, computed once
                self.by_scheme[scheme] = matches.within(scheme, start, end)
                continue
            self.by_scheme[scheme] = [
                Match(m.start + start, m.end + start, m.concept, m.scheme, m.surface)
                for m in gaz.find_all(text, scheme)
            ]
        self.by_scheme = MatchIndex(self.by_scheme)

    def within(self, scheme: str, s: int, e: int) -> list[Match]:
        key = (scheme, s, e)  # the same ranges are asked for again and again in one measure
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self.by_scheme.within(scheme, s, e)
        return found

    def instrument_class(self, concept: str) -> str:
        if self.gaz is None:
            return "FundingInstrument"
        info = self.gaz.info(concept)
        link = info.link("instrumentClass") if info else None
        return link.rsplit("#", 1)[-1] if link else "FundingInstrument"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _level_of(vocab: Vocab, view: str, m: Match) -> str | None:
    """Recognition level of a level/area match (single-character 省/市 only inside a name)."""
    if m.scheme == "level":
        if _NOT_RECIPIENT_LEVEL.match(view, m.end):  # 市级财政/省级专项资金: the payer, not a tier
            return None
        if len(m.surface) == 1:
            prev = view[m.start - 1] if m.start > 0 else ""
            if not (prev in "、，" or _inside_area(vocab, m)):
                return None
        return _local(m.concept)
    return None


def _inside_area(vocab: Vocab, m: Match) -> bool:
    return any(a.start <= m.start and m.end <= a.end for a in vocab.by_scheme.get("area", []))


def levels_in(vocab: Vocab, view: str, s: int, e: int) -> list[tuple[int, str]]:
    """Recognition levels named in ``view[s:e]`` in text order (``国际/国家/行业``, ``全国``, ``广东省``)."""
    out: list[tuple[int, str]] = []
    for m in vocab.within("level", s, e):
        lvl = _level_of(vocab, view, m)
        if lvl:
            out.append((m.start, lvl))
    # a level word may be hidden inside a longer area match (广东省 → 省): look inside areas too
    for a in vocab.within("area", s, e):
        if any(a.start <= p < a.end for p, _ in out):
            continue
        if vocab.gaz is None:
            continue
        for lm in vocab.gaz.find_all(view[a.start : a.end], "level"):
            if lm.end == a.end - a.start:
                out.append((a.start, _local(lm.concept)))
    return sorted(out)


def period_at(vocab: Vocab, view: str, s: int, e: int, exclude: list[tuple[int, int]]) -> str | None:
    for m in vocab.within("period", s, e):
        if any(a <= m.start < b for a, b in exclude):
            continue
        return _local(m.concept)
    if _PER_YEAR_CAP.search(view[s:e]):
        return "PerYear"
    return None


def attach_quotas(facts: MeasureFacts) -> None:
    """A quota stated in a sentence of its own (``每年支持不超过10个项目。``) caps the offer it
    follows in the measure (else the first offer after it), if that offer has no quota yet."""
    used = {o.max_recipients.span for o in facts.offers if o.max_recipients is not None}
    for quota in facts.quotas:
        if quota.span in used:
            continue
        free = [o for o in facts.offers if o.max_recipients is None]
        before = [o for o in free if o.span.start <= quota.span.start]
        after = [o for o in free if o.span.start > quota.span.start]
        target = before[-1] if before else (after[0] if after else None)
        if target is not None:
            target.max_recipients = quota
            if target.period is None and quota.period is not None:
                target.period = quota.period
            used.add(quota.span)


def attach_thresholds(facts: MeasureFacts, sentences: list[Segment], span_of: SpanOf) -> None:
    """A threshold no offer carries (``配套金额超1亿元（含）的，…给予支持``) qualifies the
    offer of its sentence: the last one before it, else the first after it, if that offer has
    no threshold yet. A threshold in a sentence without an offer stays on the measure only."""
    used = {o.min_threshold.span for o in facts.offers if o.min_threshold is not None}
    for money in facts.amounts:
        if money.role != "threshold" or money.span in used:
            continue
        sent = next((span_of(x.start, x.end) for x in sentences
                     if span_of(x.start, x.end).start <= money.span.start
                     < span_of(x.start, x.end).end), None)
        if sent is None:
            continue
        same = [o for o in facts.offers if o.span.start < sent.end and sent.start < o.span.end]
        before = [o for o in same if o.span.start <= money.span.start]
        target = before[-1] if before else (same[0] if same else None)
        if target is not None and target.min_threshold is None:
            target.min_threshold = money
            used.add(money.span)


def merge_budget_only(offers: list[Offer]) -> list[Offer]:
    """A sentence giving only a programme's total budget (``发放总额不超过1亿元``) followed by
    an offer of the same instrument with no total: the total belongs to that offer."""
    out: list[Offer] = []
    for i, o in enumerate(offers):
        nxt = offers[i + 1] if i + 1 < len(offers) else None
        budget_only = o.total_budget is not None and not any(
            (o.max_amount, o.unit_rate, o.max_cost_share, o.matching_ratio, o.min_threshold))
        if (budget_only and nxt is not None and nxt.total_budget is None
                and nxt.instrument_class == o.instrument_class):
            nxt.total_budget = o.total_budget
            if nxt.max_recipients is None:
                nxt.max_recipients = o.max_recipients
            continue
        out.append(o)
    return out


def has_figures(o: Offer) -> bool:
    """True when an offer carries any figure (amount, share, ratio, quota, threshold)."""
    return any((o.max_amount, o.total_budget, o.unit_rate, o.max_cost_share, o.matching_ratio,
                o.max_recipients, o.min_threshold))


def group_clauses(view: str, clauses: list[Segment], figs: list[Fig]) -> list[Segment]:
    """Cut a sentence at clauses starting with ``对`` once the current group has an amount."""
    groups: list[Segment] = []
    current: Segment | None = None
    has_amount = False
    for c in clauses:
        starts_recipient = bool(_RECIPIENT.match(view[c.start : c.end]))
        if current is not None and starts_recipient and has_amount:
            groups.append(current)
            current = None
            has_amount = False
        if current is None:
            current = Segment(c.start, c.end)
        else:
            current.end = c.end
        if any(c.start <= f.start < c.end and f.role in ("cap", "per_recipient_cap", "unit_rate")
               for f in figs):
            has_amount = True
    if current is not None:
        groups.append(current)
    return groups


def instrument_of_heading(vocab: Vocab, heading: tuple[int, int] | None) -> Match | None:
    if heading is None:
        return None
    found = [m for m in vocab.within("instrument", *heading)
             if vocab.instrument_class(m.concept) != "FundingInstrument"]
    return found[0] if found else None


def figureless_offers(
    view: str, vocab: Vocab, sentence: Segment, clauses: list[Segment], span_of: SpanOf
) -> list[Offer]:
    """Offers of a sentence with no amount: a giving verb governing an instrument word."""
    out: list[Offer] = []
    seen: set[str] = set()
    for c in clauses:
        verbs = list(_OFFER_VERB.finditer(view, c.start, c.end))
        if not verbs:
            continue
        matches = vocab.within("instrument", c.start, c.end)
        chosen: list[Match] = []
        for m in matches:
            if not any(v.end() <= m.start <= v.end() + 20 for v in verbs):
                continue
            if vocab.instrument_class(m.concept) in ("FundingInstrument",):
                continue
            if _GENERIC_SUPPORT.match(m.surface):  # 给予政策扶持: a verb of support, no instrument
                continue
            if chosen and chosen[-1].end == m.start:  # 配套奖励: the head noun wins
                chosen[-1] = m
                continue
            chosen.append(m)
        for m in chosen:
            cls = vocab.instrument_class(m.concept)
            if cls in seen:
                continue
            seen.add(cls)
            out.append(Offer(span=span_of(c.start, c.end), instrument_class=cls,
                             instrument_concept=m.concept))
    return out


class GroupContext:
    """Builds the offer(s) of one group of clauses."""

    def __init__(self, view, vocab, group, clauses, figs, shares, matching, quotas, basis_spans,
                 heading_instrument, span_of, money, ratio, quota) -> None:
        self.view = view
        self.vocab: Vocab = vocab
        self.group: Segment = group
        self.clauses: list[Segment] = [c for c in clauses if group.start <= c.start < group.end]
        self.figs: list[Fig] = figs
        self.shares: list[Fig] = shares
        self.matching: list[Fig] = matching
        self.quotas: list[Fig] = quotas
        self.basis_spans = basis_spans
        self.heading_instrument: Match | None = heading_instrument
        self.span_of: SpanOf = span_of
        self.money = money
        self.ratio = ratio
        self.quota = quota

    def clause_of(self, pos: int) -> Segment:
        return self.clauses[index(self.clauses, pos)]

    def tier_run(self) -> list[Fig]:
        """Amounts joined by 、 right after ``分别`` (the tiers), or []."""
        idx = tier_cue(self.view, self.group.start, self.group.end)
        if idx < 0:
            return []
        after = [f for f in self.figs if f.start > idx and f.role in _FUNDING_ROLES]
        if not after:
            return []
        head = after[0]
        run = [head] + [f for f in self.figs if f.enum_head is head]
        return run if len(run) >= 2 else []

    def instrument(self, anchor: int) -> Match | None:
        """The instrument word the amount pays (``X元奖励``, ``X元“算力券”``); else the one the
        measure leads with (``发放“场景券”``); else the nearest one before the amount."""
        found = [m for m in self.vocab.within("instrument", self.group.start, self.group.end)
                 if not any(a <= m.start < b for a, b in self.basis_spans)]
        clause = self.clause_of(anchor - 1 if anchor > self.group.start else anchor)
        after = [m for m in found if anchor <= m.start <= anchor + 12 and m.end <= clause.end]
        if after:
            return after[0]
        if self.heading_instrument is not None:
            return self.heading_instrument
        issued = [m for m in found if m.end <= anchor and _ISSUED_VOUCHER.search(
            self.view, max(self.group.start, m.start - 6), m.start)
            and "Voucher" in self.vocab.instrument_class(m.concept)]
        if issued:  # 发放“算力券”，按…30%给予补贴: the voucher is the offer, 补贴 its face value
            return issued[-1]
        before = [m for m in found if m.end <= anchor]
        return before[-1] if before else (found[0] if found else None)

    def recipient_clause(self, anchor: int) -> Segment | None:
        """The clause naming who gets the offer: ``对…``, or a conditional ``获批为国家级…的``."""
        found = None
        for c in self.clauses:
            if c.start > anchor:
                break
            text = self.view[c.start : c.end]
            if _RECIPIENT.match(text) or (_CONDITIONAL.search(text) and c.end <= anchor):
                found = c
        return found

    def concepts(self, scheme: str, s: int, e: int) -> list[ConceptRef]:
        out: list[ConceptRef] = []
        for m in self.vocab.within(scheme, s, e):
            if subjects.split_word(self.view, m):
                continue
            if all(r.concept != m.concept for r in out):
                out.append(ConceptRef(scheme=scheme, concept=m.concept,
                                      span=self.span_of(m.start, m.end)))
        return out

    def base_offer(self, anchor: Fig) -> Offer:
        inst = self.instrument(anchor.end)
        offer = Offer(span=self.span_of(self.group.start, self.group.end))
        if inst is not None:
            offer.instrument_concept = inst.concept
            offer.instrument_class = self.vocab.instrument_class(inst.concept)
        if self.shares:
            offer.max_cost_share = self.ratio(self.shares[0])
        if self.matching:
            offer.matching_ratio = self.ratio(self.matching[0])
        if self.quotas:
            offer.max_recipients = self.quota(self.quotas[0])
        steps = [f for f in self.figs if f.role == "unit_step"]
        if steps:
            offer.unit_step = self.money(steps[0])
        totals = [f for f in self.figs if f.role == "total_budget"]
        if totals:
            offer.total_budget = self.money(totals[0])
        return offer

    def period(self, offer: Offer, anchor: Fig) -> str | None:
        g = self.group
        if offer.max_amount is not None:
            c = self.clause_of(offer_pos(self, offer.max_amount))
            p = period_at(self.vocab, self.view, c.start, c.end, self.basis_spans)
            if p:
                return p
        if self.quotas and self.quotas[0].period:
            return self.quotas[0].period
        c = self.clause_of(anchor.start)
        found = period_at(self.vocab, self.view, c.start, c.end, self.basis_spans)
        if found:
            return found
        # a sentence opening with a bare adverbial (政策有效期内，…) sets the period for all of it
        first = self.clauses[0] if self.clauses else g
        if len(self.view[first.start : first.end].strip(" ，,")) <= 8:
            return period_at(self.vocab, self.view, first.start, first.end, self.basis_spans)
        return None

    def condition(self, anchor: int) -> tuple[str | None, Segment | None]:
        rc = self.recipient_clause(anchor)
        if rc is None:
            return None, None
        text = self.view[rc.start : rc.end]
        text = re.sub(r"^\s*(?:对于|对)", "", text)
        cut = re.search(r"(?:给予|按照|按|予以|奖励|分别|，|,)", text)
        if cut:
            text = text[: cut.start()]
        text = text.strip(" ，。；")
        return (text or None), rc

    def offers(self) -> list[Offer]:
        tiers = self.tier_run()
        if tiers:
            return self.tier_offers(tiers)
        funding = [f for f in self.figs if f.role in _FUNDING_ROLES]
        anchor = next((f for f in funding if f.role in ("per_recipient_cap", "cap", "unit_rate")),
                      funding[0] if funding else (self.shares or self.matching)[0])
        offer = self.base_offer(anchor)
        caps = [f for f in self.figs if f.role in ("per_recipient_cap", "cap")]
        if caps:
            offer.max_amount = self.money(caps[0])
        floors = [f for f in self.figs if f.role == "min_amount"]
        if floors:
            offer.min_amount = self.money(floors[0])
        rates = [f for f in self.figs if f.role == "unit_rate"]
        if rates:
            offer.unit_rate = self.money(rates[0])
        thresholds = [f for f in self.figs if f.role == "threshold"]
        if thresholds:
            offer.min_threshold = self.money(thresholds[0])
        offer.period = self.period(offer, anchor)  # type: ignore[assignment]
        offer.condition, rc = self.condition(anchor.start)
        scope = rc or self.group
        offer.categories = self.concepts("category", scope.start, scope.end)
        if rc is None and self.clauses and self.clauses[0].end <= anchor.start:
            rc = self.clauses[0]  # 省级企业技术中心，给予最高50万元: the leading noun phrase
        if rc is not None:
            levels = levels_in(self.vocab, self.view, rc.start, rc.end)
            if levels:
                offer.recognition_level = levels[0][1]  # type: ignore[assignment]
        used = [anchor, *caps[:1], *floors[:1], *rates[:1], *thresholds[:1], *self.shares[:1],
                *self.matching[:1], *self.quotas[:1]]
        offer.span = self.narrow(used, rc)
        return [offer]

    def narrow(self, used: list[Fig], rc: Segment | None) -> Span:
        """The offer's own clauses: from its recipient clause (or first figure's clause) to the
        clause of its last figure, within the group — the evidence, not the whole sentence."""
        clauses = [self.clause_of(f.start) for f in used if self.group.start <= f.start < self.group.end]
        if rc is not None:
            clauses.append(rc)
        if not clauses:
            return self.span_of(self.group.start, self.group.end)
        s = max(self.group.start, min(c.start for c in clauses))
        e = min(self.group.end, max(c.end for c in clauses))
        instrument = self.instrument(used[0].end)  # keep the instrument word the offer names
        if instrument is not None and self.group.start <= instrument.start < s:
            s = self.clause_of(instrument.start).start
        return self.span_of(s, e)

    def tier_offers(self, tiers: list[Fig]) -> list[Offer]:
        n = len(tiers)
        idx = tier_cue(self.view, self.group.start, self.group.end)
        region_end = idx  # what is enumerated before the cue, in its own clause too
        thresholds = [f for f in self.figs if f.role == "threshold"]
        threshold_run = _runs(self.figs, thresholds, n)
        levels = levels_in(self.vocab, self.view, self.group.start, region_end)
        if len(levels) != n and region_end > self.group.start:
            prev = self.clause_of(region_end - 1)
            levels = levels_in(self.vocab, self.view, prev.start, prev.end)
        cats = self.concepts("category", self.group.start, region_end)
        shared_caps = [f for f in self.figs if f.role in ("per_recipient_cap", "cap") and f not in tiers]
        out = []
        for i, t in enumerate(tiers):
            offer = self.base_offer(t)
            if t.role in ("cap", "per_recipient_cap"):
                offer.max_amount = self.money(t)
            elif t.role == "unit_rate":
                offer.unit_rate = self.money(t)
                if shared_caps:
                    offer.max_amount = self.money(shared_caps[0])
            elif t.role == "total_budget":
                offer.total_budget = self.money(t)
            if threshold_run:
                offer.min_threshold = self.money(threshold_run[i])
            elif len(thresholds) == 1:
                offer.min_threshold = self.money(thresholds[0])
            if len(levels) == n:
                offer.recognition_level = levels[i][1]  # type: ignore[assignment]
            elif len(cats) == n:
                offer.categories = [cats[i]]
            if not offer.categories and len(cats) != n:
                offer.categories = [c for c in cats]
            offer.period = self.period(offer, t)  # type: ignore[assignment]
            offer.condition, _ = self.condition(t.start)
            out.append(offer)
        return out


_TIER_CUE = re.compile(r"分别|分档|分级|依次|按档|分类")


def tier_cue(view: str, start: int, end: int) -> int:
    """Where ``分别/分档/分级/依次`` announces tiers in ``view[start:end]``, else -1."""
    m = _TIER_CUE.search(view, start, end)
    return m.start() if m else -1


def offer_pos(ctx: GroupContext, m: Money) -> int:
    """View position of an offer's money figure (found again among the group's figures)."""
    for f in ctx.figs:
        if ctx.span_of(f.start, f.end) == m.span:
            return f.start
    return ctx.group.start


def _runs(figs: list[Fig], chosen: list[Fig], n: int) -> list[Fig]:
    """A run of exactly ``n`` figures joined by 、 among ``chosen``, or []."""
    for head in chosen:
        if head.enum_head is not None:
            continue
        run = [head] + [f for f in chosen if f.enum_head is head]
        if len(run) == n:
            return run
    return []
