"""Fact-checking a report's figures against an official document in the graph.

The official side is read from the RDF of the document (its measures, their instruments with
``pol:maxAmount``, ``pol:minThreshold``, ``pol:maxRecipients``…) and, for figures the parser
left outside any instrument, from the measures' quoted text with the same feature extractor the
report side uses. Each claim is compared with every official figure of its kind: the score adds
context agreement (instrument type, enterprise category, recognition level, period, shared
vocabulary concepts) and equality of the figure; the verdict follows from the best candidate
and the roles the two texts give the figure (a threshold retold as a cap conflicts).

Why this module is longer than 400 lines: the figures of an official document and the
verdict on a claim are read together (same scoring, same context words); split, each half would
import the other's private rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.term import Literal

from policykg.loaders.records import ClaimRecord
from policykg.loaders.report_figures import clause_bounds, extract_claims, split_sentences
from policykg.ontology.gazetteer import Gazetteer, load_gazetteer, to_simplified
from policykg.ontology.namespace import OA, POL

CONTEXT_SCHEMES = ("instrument", "category", "sector", "theme", "organization")
AMOUNT_PROPS = ("maxAmount", "minThreshold", "totalBudget", "unitRate")
RELEASE_WINDOW_DAYS = 7
_ROLE_PROP = {
    "cap": "maxAmount",
    "per_recipient_cap": "maxAmount",
    "threshold": "minThreshold",
    "total_budget": "totalBudget",
    "unit_rate": "unitRate",
}
_PROP_WORDS = {
    "maxAmount": "a maximum amount",
    "minThreshold": "an eligibility threshold (a minimum, not a cap)",
    "totalBudget": "a total budget",
    "unitRate": "a rate per unit",
    "amount": "an amount",
    "maxCostShare": "a maximum share of the cost",
    "matchingRatio": "a matching ratio",
    "maxRecipients": "a maximum number of recipients",
    "count": "a number",
}


@dataclass(slots=True)
class OfficialFigure:
    """One figure of the official text, with the context the comparison uses."""

    kind: str  # amount | share | ratio | count
    prop: str  # maxAmount, minThreshold, totalBudget, maxCostShare, matchingRatio, maxRecipients…
    value: Decimal
    measure: URIRef | None
    ordinal: int | None = None
    instrument: URIRef | None = None
    instrument_types: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    level: str | None = None
    period: str | None = None
    context: set[str] = field(default_factory=set)
    quote: str = ""


@dataclass(slots=True)
class OfficialDoc:
    """What the fact-checker knows of one official document."""

    node: URIRef
    number: str | None
    title: str | None
    date_issued: dt.date | None
    date_published: dt.date | None
    measures: int
    figures: list[OfficialFigure]
    valid_until: dt.date | None = None


@dataclass(slots=True)
class Check:
    """A verdict on one claim: Consistent, Conflicting or Unverified, why, and on what."""

    verdict: str
    reason: str
    measure: URIRef | None = None
    instrument: URIRef | None = None
    official_value: Literal | None = None
    score: float = 0.0


# ------------------------------------------------------------------ reading the official side


def _value(g: Graph, s: URIRef, p: URIRef):
    return next(iter(g.objects(s, p)), None)


def _local(term) -> str | None:
    return str(term).rsplit("#", 1)[-1] if term is not None else None


def _concepts(gaz: Gazetteer, simple: str) -> set[str]:
    out: set[str] = set()
    for scheme in CONTEXT_SCHEMES:
        out |= {m.concept for m in gaz.find_all(simple, scheme)}
    return out


def _exact(g: Graph, node: URIRef) -> str:
    quotes = [str(_value(g, ev, OA.exact) or "") for ev in g.objects(node, POL.evidence)]
    return max(quotes, key=len, default="")


def official_document(ds: Dataset | Graph, doc: URIRef, gaz: Gazetteer | None = None) -> OfficialDoc:
    """Collect the figures of ``doc`` from the graph (instruments first, then measure texts)."""
    gaz = gaz or load_gazetteer()
    g = ds
    figures: list[OfficialFigure] = []
    measures = sorted(set(g.objects(doc, POL.hasMeasure)), key=str)
    for measure in measures:
        ordinal = _value(g, measure, POL.ordinal)
        ordinal = int(ordinal) if ordinal is not None else None
        text = _exact(g, measure)
        simple = to_simplified(text)
        context = _concepts(gaz, simple)
        heading = " ".join(str(h) for h in g.objects(measure, POL.heading))
        context |= _concepts(gaz, to_simplified(heading))
        from_graph: list[OfficialFigure] = []
        for inst in sorted(set(g.objects(measure, POL.providesInstrument)), key=str):
            types = {str(t) for t in g.objects(inst, POL.instrumentType)}
            cats = {str(c) for c in g.objects(inst, POL.eligibleCategory)}
            level = _local(_value(g, inst, POL.recognitionLevel))
            period = _local(_value(g, inst, POL.period))
            quote = _exact(g, inst)
            for prop, kind in (
                *((p, "amount") for p in AMOUNT_PROPS),
                ("maxCostShare", "share"),
                ("matchingRatio", "ratio"),
                ("maxRecipients", "count"),
            ):
                for v in g.objects(inst, POL[prop]):
                    from_graph.append(
                        OfficialFigure(kind, prop, Decimal(str(v)), measure, ordinal, inst,
                                       set(types), set(cats), level, period, context, quote)
                    )
        figures.extend(from_graph)
        figures.extend(_text_figures(gaz, text, simple, measure, ordinal, context, from_graph))
    issued = _value(g, doc, POL.dateIssued)
    published = _value(g, doc, POL.datePublished)
    until = _value(g, doc, POL.validUntil)
    number = _value(g, doc, POL.documentNumber)
    title = next((str(t) for t in g.objects(doc, POL.title) if getattr(t, "language", None) == "zh-Hans"), None)
    return OfficialDoc(
        doc,
        str(number) if number is not None else None,
        title,
        _as_date(issued),
        _as_date(published),
        len(measures),
        figures,
        _as_date(until),
    )


def _as_date(term) -> dt.date | None:
    if term is None:
        return None
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _text_figures(gaz: Gazetteer, text: str, simple: str, measure: URIRef, ordinal: int | None,
                  context: set[str], known: list[OfficialFigure]) -> list[OfficialFigure]:
    """Figures of a measure's text; those the instruments already carry only add features."""
    if not text:
        return []

    def concepts_in(a: int, b: int) -> tuple[list[str], list[str]]:
        chunk = simple[a:b]
        return ([m.concept for m in gaz.find_all(chunk, "instrument")],
                [m.concept for m in gaz.find_all(chunk, "category")])

    out = []
    for c in extract_claims(text, simple, split_sentences(text, 0, len(text)), None, concepts_in):
        if c.kind == "amount":
            prop = _ROLE_PROP.get(c.role or "", "amount")
            value = c.amount
        elif c.kind == "share":
            prop, value = "maxCostShare", c.share
        elif c.kind == "ratio":
            prop, value = "matchingRatio", c.share
        elif c.kind == "count":
            prop, value = ("maxRecipients" if c.period else "count"), Decimal(c.count)
        else:
            continue
        fig = OfficialFigure(c.kind, prop, value, measure, ordinal, None,
                             set(c.instrument_concepts), set(c.category_concepts), c.level,
                             c.period, context, c.span.text)
        twin = next((k for k in known if k.value == value and k.kind == c.kind and
                     (k.prop == prop or prop in ("amount", "count"))), None)
        if twin is not None:  # the graph has it: complete its features from the text
            twin.level = twin.level or fig.level
            twin.period = twin.period or fig.period
            twin.categories = twin.categories or fig.categories
            twin.instrument_types = twin.instrument_types or fig.instrument_types
            continue
        out.append(fig)
    return out


# ------------------------------------------------------------------ comparing


def _related(gaz: Gazetteer, a: set[str], b: set[str]) -> bool:
    for x in a:
        near = gaz.narrower_or_self(x)
        if near & b or any(x in gaz.narrower_or_self(y) for y in b):
            return True
    return False


def _claim_figure(claim: ClaimRecord) -> Decimal | None:
    if claim.kind == "amount":
        return claim.amount
    if claim.kind in ("share", "ratio"):
        return claim.share
    if claim.kind == "count" and claim.count is not None:
        return Decimal(claim.count)
    return None


def _compatible(claim: ClaimRecord, fig: OfficialFigure) -> bool:
    if claim.kind == fig.kind:
        return True
    return {claim.kind, fig.kind} <= {"share", "ratio"}


def score(claim: ClaimRecord, claim_context: set[str], fig: OfficialFigure, gaz: Gazetteer) -> float:
    """How well the official figure's context fits the claim's (the value itself not counted)."""
    s = 0.0
    if claim_context:
        s += 3.0 * len(claim_context & fig.context) / len(claim_context)
    if claim.instrument_concepts and fig.instrument_types:
        s += 2.0 if _related(gaz, set(claim.instrument_concepts), fig.instrument_types) else -1.0
    if claim.category_concepts and fig.categories:
        s += 2.0 if _related(gaz, set(claim.category_concepts), fig.categories) else -3.0
    elif claim.category_concepts and fig.context:
        s += 1.0 if set(claim.category_concepts) & fig.context else -1.0
    if claim.level and fig.level:
        s += 1.5 if claim.level == fig.level else -3.0
    if claim.period and fig.period:
        s += 0.5 if claim.period == fig.period else -0.5
    return s


def _fmt(value: Decimal | int | dt.date) -> str:
    if isinstance(value, Decimal):
        v = value.normalize()
        return format(v, "f") if v == v.to_integral_value() else format(v, "f")
    return str(value)


def _literal(fig: OfficialFigure) -> Literal:
    from policykg.graph.model.writer import decimal_literal, integer_literal

    if fig.kind == "count":
        return integer_literal(int(fig.value))
    return decimal_literal(fig.value)


def _where(fig: OfficialFigure) -> str:
    """``the official text (measure 4, national level, per year)``."""
    parts = [f"measure {fig.ordinal}" if fig.ordinal is not None else "document level"]
    if fig.level:
        parts.append(f"{fig.level.lower()} level")
    if fig.period:
        parts.append({"PerYear": "per year", "OneTime": "one-time"}.get(fig.period, fig.period))
    return "the official text (" + ", ".join(parts) + ")"


def _unit(fig: OfficialFigure) -> str:
    if fig.kind == "amount":
        return f"{_fmt(fig.value)} yuan"
    if fig.kind == "share" or fig.prop == "maxCostShare":
        return f"{_fmt(fig.value * 100)}%"
    if fig.kind == "ratio":
        return f"{_fmt(fig.value)}:1"
    return _fmt(fig.value)


def check_claim(claim: ClaimRecord, doc: OfficialDoc, report_text: str,
                gaz: Gazetteer | None = None) -> Check:
    """The verdict on one claim against one official document (see the module docstring)."""
    gaz = gaz or load_gazetteer()
    from policykg.graph.model.writer import integer_literal

    if claim.kind == "date":
        return _check_date(claim, doc)
    if claim.topic == "measure-count" and claim.count is not None:
        if claim.count == doc.measures:
            return Check("Consistent", f"the official text has {doc.measures} numbered measures",
                         official_value=integer_literal(doc.measures))
        return Check("Conflicting",
                     f"the official text has {doc.measures} numbered measures, not {claim.count}",
                     official_value=integer_literal(doc.measures))
    if claim.about_region:
        return Check("Unverified", "about the region, not a measure")
    value = _claim_figure(claim)
    if value is None:
        return Check("Unverified", "the claim states no figure that can be compared")
    simple = to_simplified(report_text)
    a, b = clause_bounds(simple, claim.figure_span.start, claim.span.start, claim.span.end)
    context = _concepts(gaz, simple[a:b])
    ranked = sorted(
        ((score(claim, context, f, gaz), f) for f in doc.figures if _compatible(claim, f)),
        key=lambda t: (-t[0] - (2.5 if t[1].value == value else 0), t[1].ordinal or 0, str(t[1].instrument)),
    )
    if not ranked:
        return Check("Unverified", f"the official text states no {claim.kind} to compare with")
    equal = [(s, f) for s, f in ranked if f.value == value]
    best_score, best = ranked[0]
    if equal and equal[0][0] + 2.5 >= best_score and equal[0][0] > -2.0:
        s, fig = equal[0]
        return _same_value(claim, fig, s)
    if best_score >= 3.0 and best.prop not in ("amount", "count"):
        return Check(
            "Conflicting",
            f"{_where(best)} gives {_unit(best)} as {_PROP_WORDS[best.prop]}, "
            f"not {_fmt(value)}",
            best.measure, best.instrument, _literal(best), best_score,
        )
    return Check("Unverified", "no measure of the official text states a comparable figure",
                 score=best_score)


def _same_value(claim: ClaimRecord, fig: OfficialFigure, s: float) -> Check:
    lit = _literal(fig)
    where = _where(fig)
    if claim.kind == "amount":
        framed = _ROLE_PROP.get(claim.role or "")
        if framed == "maxAmount" and fig.prop == "minThreshold":
            return Check(
                "Conflicting",
                f"the report gives {_unit(fig)} as a maximum, but in {where} it is "
                f"{_PROP_WORDS['minThreshold']}: the support applies from that amount up",
                fig.measure, fig.instrument, lit, s,
            )
        if framed == "totalBudget" and fig.prop == "maxAmount":
            return Check(
                "Conflicting",
                f"the report gives {_unit(fig)} as a total, but in {where} it is "
                "a cap per recipient or item",
                fig.measure, fig.instrument, lit, s,
            )
        if framed == "minThreshold" and fig.prop == "maxAmount":
            return Check(
                "Conflicting",
                f"the report gives {_unit(fig)} as a threshold, but in {where} it "
                "is a maximum amount",
                fig.measure, fig.instrument, lit, s,
            )
    note = ""
    if fig.level and not claim.level:
        note = f"; the official figure is for the {fig.level.lower()} level only"
    return Check("Consistent", f"{where} gives {_unit(fig)} as "
                 f"{_PROP_WORDS.get(fig.prop, 'a figure')}{note}", fig.measure, fig.instrument, lit, s)


def _check_date(claim: ClaimRecord, doc: OfficialDoc) -> Check:
    claimed = claim.date
    if claimed is None:
        return Check("Unverified", "the date could not be read")
    if claim.topic != "release":
        for name, day in (("issue date", doc.date_issued), ("end of validity", doc.valid_until)):
            if day == claimed:
                return Check("Consistent", f"the official {name} is {day.isoformat()}",
                             official_value=Literal(day))
        return Check("Unverified", "the date is not one the official text states")
    if doc.date_published is not None:
        if doc.date_published == claimed:
            return Check("Consistent", f"the official text was published on {claimed.isoformat()}",
                         official_value=Literal(doc.date_published))
        return Check("Conflicting",
                     f"the official text was published on {doc.date_published.isoformat()}, "
                     f"not {claimed.isoformat()}", official_value=Literal(doc.date_published))
    issued = doc.date_issued
    if issued is None:
        return Check("Unverified", "the official text gives no issue or publication date")
    if claimed == issued:
        return Check("Consistent", f"the official issue date is {issued.isoformat()}",
                     official_value=Literal(issued))
    delta = (claimed - issued).days
    if 0 < delta <= RELEASE_WINDOW_DAYS:
        return Check(
            "Unverified",
            f"the official issue date is {issued.isoformat()}; the report's release date "
            f"{claimed.isoformat()} is {delta} day{'s' if delta > 1 else ''} later, which may be "
            "the publication date "
            "(the official text gives none), so it is neither confirmed nor contradicted",
            official_value=Literal(issued),
        )
    return Check(
        "Conflicting",
        f"the official issue date is {issued.isoformat()}; a release on {claimed.isoformat()} is "
        + ("before the document was issued" if delta < 0 else f"{delta} days later"),
        official_value=Literal(issued),
    )


def documents_in(ds: Dataset | Graph) -> list[URIRef]:
    """Loaded official documents (with a ``pol:source``, not attested only by a report)."""
    out = []
    for doc in set(ds.subjects(RDF.type, POL.PolicyDocument)):
        if (doc, POL.source, None) in ds and (doc, POL.attestedBy, None) not in ds:
            out.append(doc)
    return sorted(out, key=str)
