"""Score what the loader extracts against hand-made gold, fact by fact (no RDF).

:func:`found_facts` lists what the loader read from a record, by fact kind (the kinds and the
gold files are :mod:`loaders.gold`); :func:`score` matches gold and found facts one to one per
kind; :func:`evaluate` runs it over a gold folder and a list of source files. Nothing here
raises on bad gold or on a source that fails to load: both become values of the result. The
matching rules are in ``docs/evaluation.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..ontology.department_types import PARTY_PREFIX
from ..ontology.gazetteer import load_gazetteer
from .gold import (
    AMOUNT_ROLES,
    KINDS,
    Fact,
    Gold,
    GoldError,
    canonical_decimal,
    gold_files,
    normalise_text,
    read_gold,
)
from .records import AgencyRef, DocRef, LoadResult, OfficialDocument, Report
from .route import load


@cache
def _labels() -> dict[str, frozenset[str]]:
    """Concept IRI → every label of it in the vocabularies, normalised."""
    gaz = load_gazetteer()
    out: dict[str, set[str]] = {}
    for scheme in gaz.schemes():
        for surface, concept in gaz.surfaces(scheme).items():
            out.setdefault(concept, set()).add(normalise_text(surface))
        for info in gaz.concepts(scheme):
            out.setdefault(info.iri, set()).update(map(normalise_text, info.labels.values()))
    return {concept: frozenset(labels) for concept, labels in out.items()}


def concept_keys(concept: str) -> frozenset[str]:
    """Every label of a vocabulary concept, normalised (empty for an unknown concept)."""
    return _labels().get(concept, frozenset())


def concept_label(concept: str) -> str:
    info = load_gazetteer().info(concept)
    return info.label() if info else concept


# ---------------------------------------------------------------- what the loader found


def _span_attrs(span) -> dict:
    return {"span": (span.start, span.end), "quote": span.text}


def _agency(kind: str, ref: AgencyRef, measure: int | None = None) -> Fact:
    names = {normalise_text(n) for n in (ref.name, ref.written, ref.span.text) if n}
    names.add(normalise_text(ref.name.removeprefix(PARTY_PREFIX)))  # 中共四川省委… = 四川省委…
    if ref.concept:
        names |= concept_keys(ref.concept)
    return Fact(kind, ref.name, frozenset(names), measure=measure, role=ref.role,
                **_span_attrs(ref.span))


def _concept(kind: str, concept: str, measure: int | None = None, span=None) -> Fact:
    keys = concept_keys(concept) | {normalise_text(concept)}
    return Fact(kind, concept_label(concept), keys, measure=measure,
                **(_span_attrs(span) if span is not None else {}))


def _text(kind: str, value: str | None, span=None, group: str | None = None) -> list[Fact]:
    if not value:
        return []
    attrs = _span_attrs(span) if span is not None else {}
    return [Fact(kind, value, frozenset({normalise_text(value)}), group=group, **attrs)]


def _money(kind: str, money, measure: int) -> Fact:
    value = canonical_decimal(money.value)
    role = money.role if kind == "amount" else None
    return Fact(kind, value, frozenset({value}), measure=measure, role=role,
                **_span_attrs(money.span))


def _repeal(ref: DocRef) -> Fact:
    forms = [f for f in (ref.number, ref.title) if f]
    return Fact("repeals", forms[0] if forms else ref.span.text,
                frozenset(normalise_text(f) for f in forms), **_span_attrs(ref.span))


def _document_facts(doc: OfficialDocument) -> list[Fact]:
    facts = [*_text("title", doc.title, doc.title_span, group="title"),
             *_text("title", doc.notice_title, doc.notice_title_span, group="title"),
             *_text("number", doc.number, doc.number_span)]
    facts += [_agency("issuer", a) for a in _unique(doc.issuers, lambda a: a.name)]
    for kind, date, span in (("date_issued", doc.date_issued, doc.date_span),
                             ("valid_from", doc.valid_from, doc.validity_span),
                             ("valid_until", doc.valid_until, doc.validity_span)):
        facts += _text(kind, date.isoformat() if date else None, span)
    areas = doc.jurisdictions or ([doc.jurisdiction] if doc.jurisdiction else [])
    facts += [_concept("jurisdiction", a) for a in _unique(areas, str)]
    facts += [Fact("jurisdiction", a.name, frozenset({normalise_text(a.name)}), **_span_attrs(a.span))
              for a in _unique(doc.unlisted_areas, lambda a: a.name)]
    facts += [_repeal(r) for r in doc.repeals]
    facts.append(Fact("measures", str(len(doc.measures)), frozenset({str(len(doc.measures))})))
    return facts


def _measure_facts(doc: OfficialDocument) -> list[Fact]:
    facts: list[Fact] = []
    for m in doc.measures:
        n = m.ordinal
        for money in m.amounts:
            if money.role in AMOUNT_ROLES and money.role != "min_amount":
                # a range's lower end (50万—100万元) is no amount of its own: the range is its top
                facts.append(_money("amount", money, n))
            elif money.role == "threshold":
                facts.append(_money("threshold", money, n))
        penalties = [*m.penalties, *(a for a in m.amounts if a.role == "penalty")]
        facts += [_money("penalty", p, n)
                  for p in _unique(penalties, lambda p: (p.span.start, p.span.end, p.value))]
        for ratio in m.ratios:
            kind = {"cost_share": "cost_share", "matching": "matching_ratio"}.get(ratio.role)
            if kind:
                facts.append(_money(kind, ratio, n))
        facts += [Fact("quota", str(q.count), frozenset({str(q.count)}), measure=n,
                       period=q.period, **_span_attrs(q.span)) for q in m.quotas]
        units = _unique([*m.responsible, *m.cooperating], lambda a: (a.name, a.role))
        facts += [_agency("responsible", a, n) for a in units]
        categories = [*m.categories, *(c for o in m.offers for c in o.categories)]
        facts += [_concept("category", c.concept, n, c.span)
                  for c in _unique(categories, lambda c: c.concept)]
        facts += [_concept("sector", c.concept, n, c.span)
                  for c in _unique(m.sectors, lambda c: c.concept)]
    return facts


def _unique(items: Iterable, key) -> list:
    seen: set = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def found_facts(record: OfficialDocument | Report | None) -> list[Fact]:
    """Every fact of every kind the loader read from one record (a report: its kind and title;
    a source that failed to load: nothing)."""
    if record is None:
        return []
    kind = "official" if isinstance(record, OfficialDocument) else "report"
    facts = [Fact("kind", kind, frozenset({kind}))]
    if isinstance(record, OfficialDocument):
        return facts + _document_facts(record) + _measure_facts(record)
    return facts + _text("title", record.title, record.title_span)


def vocabulary_notes(gold: Gold) -> list[str]:
    """Gold categories and sectors that are no label of the vocabulary (never found)."""
    gaz = load_gazetteer()
    out = []
    for kind in ("category", "sector"):
        known = {k for c in gaz.concepts(kind) for k in concept_keys(c.iri)}
        out += [f"{kind} {f.value!r} is no label of the {kind} vocabulary; it cannot be found"
                for f in gold.facts.get(kind, []) if not f.keys & known]
    return out


# ---------------------------------------------------------------- matching and scores


def compatible(gold: Fact, found: Fact) -> bool:
    """The found fact has the gold value and every attribute the gold gives (spans overlap)."""
    if not gold.keys & found.keys:
        return False
    for name in ("measure", "role", "period"):
        want = getattr(gold, name)
        if want is not None and want != getattr(found, name):
            return False
    if gold.span is not None:
        return found.span is not None and found.span[0] < gold.span[1] \
            and gold.span[0] < found.span[1]
    return True


def match(gold: list[Fact], found: list[Fact]) -> dict[int, int]:
    """A maximum one-to-one matching, gold index → found index (Hopcroft–Karp, networkx)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(("g", i) for i in range(len(gold)))
    graph.add_nodes_from(("f", j) for j in range(len(found)))
    graph.add_edges_from((("g", i), ("f", j)) for i, g in enumerate(gold)
                         for j, f in enumerate(found) if compatible(g, f))
    pairs = nx.bipartite.hopcroft_karp_matching(graph, [("g", i) for i in range(len(gold))])
    return {i: pairs[("g", i)][1] for i in range(len(gold)) if ("g", i) in pairs}


@dataclass(slots=True)
class Counts:
    """True positives, false positives (extras) and false negatives (misses)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict:
        return {"gold": self.tp + self.fn, "found": self.tp + self.fp, "tp": self.tp,
                "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class DocumentScore:
    """The score of one gold file against its source."""

    gold: str
    source: str | None
    counts: dict[str, Counts] = field(default_factory=dict)
    misses: list[Fact] = field(default_factory=list)
    extras: list[Fact] = field(default_factory=list)
    error: str | None = None  # the source could not be loaded: every gold fact is a miss
    notes: list[str] = field(default_factory=list)
    # per miss (same order): an extra with its value but other attributes (role, measure…)
    found_as: list[Fact | None] = field(default_factory=list)


def score(gold: Gold, found: list[Fact], kinds: Iterable[str] = KINDS) -> DocumentScore:
    """Match the gold's facts with the found ones, kind by kind, for the kinds the gold gives."""
    result = DocumentScore(gold.path, gold.source, notes=vocabulary_notes(gold))
    for kind in kinds:
        if kind not in gold.facts:
            continue
        g = gold.facts[kind]
        f = [x for x in found if x.kind == kind]
        pairs = match(g, f)
        matched = set(pairs.values())
        misses = [x for i, x in enumerate(g) if i not in pairs]
        extras = _extras(f, matched)
        result.counts[kind] = Counts(len(pairs), len(extras), len(misses))
        result.found_as += _near(misses, extras)
        result.misses += misses
        result.extras += extras
    return result


def _near(misses: list[Fact], extras: list[Fact]) -> list[Fact | None]:
    """For each miss, a distinct extra of the same value (the loader found it elsewhere)."""
    free = list(range(len(extras)))
    out: list[Fact | None] = []
    for miss in misses:
        j = next((j for j in free if miss.keys & extras[j].keys), None)
        out.append(None if j is None else extras[j])
        if j is not None:
            free.remove(j)
    return out


def _extras(found: list[Fact], matched: set[int]) -> list[Fact]:
    """Unmatched found facts; alternatives of one group count once, and not at all when one of
    them matched."""
    done = {found[j].group for j in matched if found[j].group}
    out = []
    for j, fact in enumerate(found):
        if j in matched or (fact.group and fact.group in done):
            continue
        if fact.group:
            done.add(fact.group)
        out.append(fact)
    return out


# ---------------------------------------------------------------- a whole evaluation


@dataclass(slots=True)
class Evaluation:
    """Scores of every gold file matched to a source, and what could not be scored."""

    documents: list[DocumentScore] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # malformed or duplicate gold files
    unmatched: list[str] = field(default_factory=list)  # gold whose source is not given
    sources_without_gold: list[str] = field(default_factory=list)
    kinds: tuple[str, ...] = KINDS

    def by_kind(self) -> dict[str, Counts]:
        """Counts per kind, summed over documents, for every kind some gold scored."""
        totals: dict[str, Counts] = {}
        for doc in self.documents:
            for kind, counts in doc.counts.items():
                totals.setdefault(kind, Counts()).add(counts)
        return {k: totals[k] for k in self.kinds if k in totals}

    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_kind().values():
            total.add(counts)
        return total


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _pair(gold: Gold, by_name: dict[str, list[Path]], by_sha: dict[str, Path]
          ) -> tuple[Path | None, str | None]:
    """The source a gold file describes and a note; (None, reason) when none can be chosen."""
    if gold.sha256 and gold.sha256 in by_sha:
        return by_sha[gold.sha256], None
    named = by_name.get(gold.source or "", [])
    if len(named) > 1:
        return None, (f"{gold.path} names {gold.source}, and several sources have that name "
                      f"({', '.join(map(str, named))}); give its sha256 to choose")
    if named:
        note = (f"{named[0]} is not the file the gold was written for (its sha256 differs); "
                "spans may not match") if gold.sha256 else None
        return named[0], note
    what = gold.source or f"sha256 {gold.sha256}"
    return None, f"{gold.path} describes {what}, which is not among the sources"


def _score_source(gold: Gold, source: Path, loader, kinds: tuple[str, ...]) -> DocumentScore:
    """Load one source and score it; a record the scorer cannot read counts as not loaded."""
    loaded: LoadResult = loader(source)
    error = loaded.error if loaded.record is None else None
    try:
        found = found_facts(loaded.record)
    except Exception as err:  # noqa: BLE001 - one malformed record must not stop the others
        found, error = [], f"its record could not be read ({type(err).__name__}: {err})."
    doc = score(gold, found, kinds)
    doc.source, doc.error = str(source), error
    return doc


def evaluate(gold_dir: str | Path, sources: Iterable[str | Path],
             kinds: Iterable[str] = KINDS, loader=load) -> Evaluation:
    """Score every gold file of ``gold_dir`` against the source it names among ``sources``."""
    result = Evaluation(kinds=tuple(k for k in KINDS if k in set(kinds)))
    golds: list[Gold] = []
    for path in gold_files(gold_dir):
        try:
            golds.append(read_gold(path))
        except GoldError as err:
            result.problems.append(str(err))
    paths = [Path(s) for s in sources]
    by_name: dict[str, list[Path]] = {}
    for p in paths:
        by_name.setdefault(p.name, []).append(p)
    need_sha = any(g.sha256 for g in golds)
    by_sha: dict[str, Path] = {}
    for p in paths if need_sha else []:
        if (digest := _sha256(p)) is not None:
            by_sha.setdefault(digest, p)
    used: dict[str, str] = {}
    for gold in golds:
        source, note = _pair(gold, by_name, by_sha)
        if source is None:
            result.unmatched.append(note or gold.path)
            continue
        if str(source) in used:
            result.problems.append(f"{gold.path}: describes the same source as {used[str(source)]} "
                                   f"({source}); only the first is scored.")
            continue
        used[str(source)] = gold.path
        doc = _score_source(gold, source, loader, result.kinds)
        doc.notes += [note] if note else []
        result.documents.append(doc)
    result.sources_without_gold = [str(p) for p in paths if str(p) not in used]
    return result
