"""Compare loader records with the synthetic corpus's answer key: precision and recall per fact."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from policykg.loaders.records import OfficialDocument
from policykg.loaders.route import load

ROLE_CLASS = {"cap": "cap", "per_recipient_cap": "cap", "total_budget": "total_budget",
              "threshold": "threshold"}


@dataclass
class Score:
    """Counts of true positives, extracted and expected facts of one kind."""

    found: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)

    @property
    def tp(self) -> int:
        return sum((self.found & self.expected).values())

    @property
    def precision(self) -> float:
        total = sum(self.found.values())
        return self.tp / total if total else 1.0

    @property
    def recall(self) -> float:
        total = sum(self.expected.values())
        return self.tp / total if total else 1.0

    def misses(self, n: int = 5) -> list:
        return list((self.expected - self.found).elements())[:n]

    def extras(self, n: int = 5) -> list:
        return list((self.found - self.expected).elements())[:n]


def _dec(value) -> str:
    return str(Decimal(str(value)).normalize())


def expected_facts(key: dict) -> dict[str, Counter]:
    f = key["file"]
    facts: dict[str, Counter] = {k: Counter() for k in
                                 ("amounts", "ratios", "quotas", "units", "dates", "repeals")}
    facts["dates"].update([(f, "issued", key["date_issued"]), (f, "from", key["valid_from"]),
                           (f, "until", key["valid_until"]), (f, "number", key["number"])])
    facts["repeals"].update((f, n) for n in key["repeals"])
    for m in key["measures"]:
        o = m["ordinal"]
        facts["amounts"].update((f, o, _dec(v), r) for v, r in m["amounts"])
        facts["ratios"].update((f, o, _dec(v), r) for v, r in m["ratios"])
        facts["quotas"].update((f, o, n, p) for n, p in m["quotas"])
        facts["units"].update((f, o, u) for u in m["responsible"])
    return facts


def extracted_facts(f: str, doc: OfficialDocument) -> dict[str, Counter]:
    facts: dict[str, Counter] = {k: Counter() for k in
                                 ("amounts", "ratios", "quotas", "units", "dates", "repeals")}
    for label, value in (("issued", doc.date_issued), ("from", doc.valid_from),
                         ("until", doc.valid_until)):
        if value:
            facts["dates"][(f, label, value.isoformat())] += 1
    if doc.number:
        facts["dates"][(f, "number", doc.number)] += 1
    facts["repeals"].update((f, r.number) for r in doc.repeals if r.number)
    for m in doc.measures:
        o = m.ordinal
        facts["amounts"].update((f, o, _dec(a.value), ROLE_CLASS[a.role])
                                for a in m.amounts if a.role in ROLE_CLASS)
        facts["ratios"].update((f, o, _dec(r.value), r.role) for r in m.ratios
                               if r.role == "cost_share")
        facts["quotas"].update((f, o, q.count, q.period) for q in m.quotas)
        facts["units"].update((f, o, u.name) for u in m.responsible)
    return facts


def score_corpus(folder: Path) -> dict[str, Score]:
    """Load every generated document and score each fact kind against ``answers.json``."""
    keys = json.loads((folder / "answers.json").read_text("utf-8"))
    scores: dict[str, Score] = {}
    for key in keys:
        result = load(folder / "docs" / key["file"])
        exp = expected_facts(key)
        got = (extracted_facts(key["file"], result.record)
               if isinstance(result.record, OfficialDocument) else {k: Counter() for k in exp})
        for kind in exp:
            s = scores.setdefault(kind, Score())
            s.expected.update(exp[kind])
            s.found.update(got[kind])
    return scores
