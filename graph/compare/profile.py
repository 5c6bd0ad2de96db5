"""A comparable profile of every measure of the loaded documents, read from RDF.

Contract: :func:`profiles` reads a graph holding (at least) the triples whose predicates are in
:data:`PROFILE_PREDICATES` — the union of a built dataset, or a projection of a store (any
object with rdflib's ``objects``, ``subjects`` and ``value`` reads) — and
returns one :class:`MeasureProfile` per measure of a document whose own text was loaded
(``pol:source``), sorted by IRI. A profile holds what is compared: instrument types, amounts by
role (yuan), enterprise categories, sectors, themes, recognition levels, conditions, heading and
normalised text, plus the document's date issued, jurisdiction level and repeal links.
Nothing here scores or writes triples (see :mod:`.similarity` and :mod:`.links`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import POL

# What a profile reads: the parallel build projects exactly these predicates out of its store.
PROFILE_PREDICATES = (
    POL.source, POL.hasMeasure, POL.documentNumber, POL.dateIssued, POL.jurisdiction,
    POL.areaLevel, POL.repeals, POL.repealedBy, POL.ordinal, POL.heading, POL.text, POL.theme,
    POL.targetsCategory, POL.targetsSector, POL.providesInstrument, POL.instrumentType,
    POL.maxAmount, POL.totalBudget, POL.minThreshold, POL.eligibleCategory, POL.recognitionLevel,
    POL.condition,
)
# Administrative levels from the widest to the narrowest (pol:areaLevel values).
LEVELS = ("country", "region", "province", "city", "district", "zone")
AMOUNT_ROLES = {POL.maxAmount: "max", POL.totalBudget: "budget", POL.minThreshold: "threshold"}

_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,12}\)")
_NUMBERING = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[条章节]|[一二三四五六七八九十]+、|\d+[.、])")
_NOISE = re.compile(r"[\s\W\d_a-zA-Z]+")


@dataclass(slots=True)
class MeasureProfile:
    """What one measure offers, in comparable form (sets of concept IRIs, amounts in yuan)."""

    iri: URIRef
    doc: URIRef
    ordinal: int
    heading: str = ""
    text: str = ""
    instruments: frozenset[URIRef] = frozenset()
    categories: frozenset[URIRef] = frozenset()
    sectors: frozenset[URIRef] = frozenset()
    themes: frozenset[URIRef] = frozenset()
    levels: frozenset[URIRef] = frozenset()
    conditions: tuple[str, ...] = ()
    amounts: dict[str, Decimal] = field(default_factory=dict)  # role -> the largest figure

    @property
    def max_amount(self) -> Decimal | None:
        """The largest per-recipient cap the measure offers (yuan), if any."""
        return self.amounts.get("max")


@dataclass(slots=True)
class DocumentInfo:
    """What diffusion needs of a document: number, date issued, level, repeal links."""

    iri: URIRef
    number: str = ""
    issued: dt.date | None = None
    level: str | None = None
    repeals: frozenset[URIRef] = frozenset()


def normalise(text: str) -> str:
    """Simplified script, without pinyin glosses, article numbering, punctuation or digits."""
    text = _PINYIN.sub("", to_simplified(text))
    text = _NUMBERING.sub("", text)
    return _NOISE.sub("", text)


def _zh(values: list) -> str:
    """The zh-Hans literal among ``values`` (else the first), as text."""
    lits = sorted((v for v in values if isinstance(v, Literal)), key=lambda v: (v.language != "zh-Hans", str(v)))
    return str(lits[0]) if lits else ""


def _objects(g: Graph, s: URIRef, p: URIRef) -> list:
    return list(g.objects(s, p))


def _level(g: Graph, doc: URIRef) -> str | None:
    """The widest administrative level among the document's jurisdictions."""
    levels = {str(lv) for area in g.objects(doc, POL.jurisdiction) for lv in g.objects(area, POL.areaLevel)}
    ranked = [lv for lv in LEVELS if lv in levels]
    return ranked[0] if ranked else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def documents(g: Graph) -> dict[URIRef, DocumentInfo]:
    """Every document whose own text was loaded, with what diffusion reads of it."""
    out: dict[URIRef, DocumentInfo] = {}
    for doc in sorted(set(g.subjects(POL.source, None))):
        if not isinstance(doc, URIRef) or g.value(doc, POL.hasMeasure) is None:
            continue
        repeals = set(g.objects(doc, POL.repeals)) | set(g.subjects(POL.repealedBy, doc))
        out[doc] = DocumentInfo(doc, _zh(_objects(g, doc, POL.documentNumber)),
                                min(filter(None, map(_date, g.objects(doc, POL.dateIssued))), default=None),
                                _level(g, doc), frozenset(r for r in repeals if isinstance(r, URIRef)))
    return out


def _measure(g: Graph, doc: URIRef, m: URIRef) -> MeasureProfile:
    insts = sorted(set(g.objects(m, POL.providesInstrument)))
    amounts: dict[str, Decimal] = {}
    conditions: set[str] = set()
    kinds, cats, levels = set(), set(g.objects(m, POL.targetsCategory)), set()
    for i in insts:
        kinds.update(g.objects(i, POL.instrumentType))
        cats.update(g.objects(i, POL.eligibleCategory))
        levels.update(g.objects(i, POL.recognitionLevel))
        conditions.update(str(c) for c in g.objects(i, POL.condition)
                          if isinstance(c, Literal) and c.language == "zh-Hans")
        for pred, role in AMOUNT_ROLES.items():
            for v in g.objects(i, pred):
                try:
                    amount = Decimal(str(v))
                except ArithmeticError:
                    continue
                amounts[role] = max(amounts.get(role, amount), amount)
    ordinal = g.value(m, POL.ordinal)
    return MeasureProfile(
        iri=m, doc=doc, ordinal=int(ordinal) if ordinal is not None else 0,
        heading=normalise(_zh(_objects(g, m, POL.heading))),
        text=normalise(_zh(_objects(g, m, POL.text))),
        instruments=frozenset(kinds), categories=frozenset(cats),
        sectors=frozenset(g.objects(m, POL.targetsSector)), themes=frozenset(g.objects(m, POL.theme)),
        levels=frozenset(levels), conditions=tuple(sorted(conditions)), amounts=amounts)


def profiles(g: Graph, docs: dict[URIRef, DocumentInfo] | None = None) -> list[MeasureProfile]:
    """One profile per measure of every loaded document (``docs``, else :func:`documents`)."""
    docs = documents(g) if docs is None else docs
    out = [_measure(g, doc, m) for doc in docs for m in g.objects(doc, POL.hasMeasure)
           if isinstance(m, URIRef)]
    return sorted(out, key=lambda p: str(p.iri))
