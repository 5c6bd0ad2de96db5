"""Score how alike two measures are, from explainable features, and find the pairs to score.

Contract: :class:`Scorer` is built once over all profiles (it learns how rare each text bigram
and each concept is: weight ln((n+1)/(df+0.5)) over n measures) and :meth:`Scorer.score` gives two measures a score in [0, 1] and the
features that made it. The score is a weighted mean of feature similarities, over the features
at least one of the two measures has (a feature neither has is left out, not counted as 0):

========== ====== =========================================================================
feature    weight similarity
========== ====== =========================================================================
text       0.35   rarity-weighted cosine of the character bigrams of the normalised text
heading    0.15   the same over the heading
theme      0.20   rarity-weighted Jaccard of themes
instrument 0.10   rarity-weighted Jaccard of instrument types (compute voucher, reward, …)
category   0.10   rarity-weighted Jaccard of enterprise categories
sector     0.05   rarity-weighted Jaccard of sectors
amount     0.05   smaller cap / larger cap, when both state a cap
========== ====== =========================================================================

:func:`candidate_pairs` names the pairs of measures of different documents to score: every pair
up to :data:`ALL_PAIRS_MAX` measures, else the pairs MinHash LSH (``datasketch``) finds on the
rarer text bigrams and concepts. Everything is deterministic: sorted inputs, fixed seeds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from policykg.graph.compare.profile import MeasureProfile

WEIGHTS = {"text": 0.35, "heading": 0.15, "theme": 0.20, "instrument": 0.10, "category": 0.10,
           "sector": 0.05, "amount": 0.05}
DEFAULT_THRESHOLD = 0.12  # chosen on the seed gold (tests/fixtures/gold/compare); see docs/compare.md
ALL_PAIRS_MAX = 1500  # measures; above it candidates come from MinHash LSH
LSH_THRESHOLD = 0.3
LSH_PERMUTATIONS = 64
LSH_CANDIDATES = 20  # per measure: the LSH hits with the highest estimated Jaccard
COMMON_SHARE = 0.2  # a bigram in more than this share of measures is too common to find candidates


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pair: ``a`` sorts before ``b``; ``features`` are "kind:value" strings, sorted."""

    a: MeasureProfile
    b: MeasureProfile
    score: float
    features: tuple[str, ...]


def bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of a normalised text."""
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _slug(iri) -> str:
    return str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class Scorer:
    """Feature similarities and the weighted score, with rarity weights learnt from ``profiles``."""

    def __init__(self, profiles: list[MeasureProfile]) -> None:
        n = max(len(profiles), 1)
        self.grams = {p.iri: bigrams(p.text) for p in profiles}
        self.heads = {p.iri: bigrams(p.heading) for p in profiles}
        df: Counter = Counter()
        for p in profiles:
            df.update(self.grams[p.iri] | self.heads[p.iri])
        for p in profiles:
            df.update(p.themes | p.instruments | p.categories | p.sectors)
        self.df = df
        self.idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
        self.common = {k for k, c in df.items() if c > COMMON_SHARE * n and n >= 20}
        self.idf2 = {k: w * w for k, w in self.idf.items()}
        self.norms = {(kind, iri): math.sqrt(sum(self.idf2[x] for x in grams))
                      for kind, table in (("t", self.grams), ("h", self.heads))
                      for iri, grams in table.items()}

    def _weighted(self, a: frozenset, b: frozenset) -> float:
        idf = self.idf
        union = sum(idf.get(x, 1.0) for x in a | b)
        return sum(idf.get(x, 1.0) for x in a & b) / union if union else 0.0

    def _cosine(self, kind: str, a: MeasureProfile, b: MeasureProfile) -> float:
        table = self.grams if kind == "t" else self.heads
        norm = self.norms[(kind, a.iri)] * self.norms[(kind, b.iri)]
        idf2 = self.idf2
        return sum(idf2[x] for x in table[a.iri] & table[b.iri]) / norm if norm else 0.0

    def _parts(self, a: MeasureProfile, b: MeasureProfile) -> dict[str, float]:
        """The similarity of each feature at least one of the two measures has."""
        parts: dict[str, float] = {}
        if self.grams[a.iri] or self.grams[b.iri]:
            parts["text"] = self._cosine("t", a, b)
        if self.heads[a.iri] or self.heads[b.iri]:
            parts["heading"] = self._cosine("h", a, b)
        for kind, x, y in (("theme", a.themes, b.themes), ("instrument", a.instruments, b.instruments),
                           ("category", a.categories, b.categories), ("sector", a.sectors, b.sectors)):
            if x or y:
                parts[kind] = self._weighted(x, y)
        ma, mb = a.max_amount, b.max_amount
        if ma and mb:
            parts["amount"] = float(min(ma, mb) / max(ma, mb))
        return parts

    def value(self, a: MeasureProfile, b: MeasureProfile, parts: dict[str, float] | None = None) -> float:
        """The weighted score of two measures (rounded to 4 places), without the explanation."""
        parts = self._parts(a, b) if parts is None else parts
        total = sum(WEIGHTS[k] for k in parts)
        return round(sum(WEIGHTS[k] * v for k, v in parts.items()) / total, 4) if total else 0.0

    def score(self, a: MeasureProfile, b: MeasureProfile, threshold: float = 0.0) -> Match | None:
        """The weighted score of two measures and the features that contributed to it (None
        when the score is below ``threshold``: nothing to explain)."""
        parts = self._parts(a, b)
        value = self.value(a, b, parts)
        if value < threshold:
            return None
        features = [f"{kind}:{_slug(c)}" for kind, x, y in (
            ("theme", a.themes, b.themes), ("instrument", a.instruments, b.instruments),
            ("category", a.categories, b.categories), ("sector", a.sectors, b.sectors)) for c in x & y]
        features += [f"level:{_slug(c).lower()}" for c in a.levels & b.levels]
        features += [f"{k}:{parts[k]:.2f}" for k in ("text", "heading", "amount") if parts.get(k)]
        first, second = (a, b) if str(a.iri) <= str(b.iri) else (b, a)
        return Match(first, second, value, tuple(sorted(features)))

    def tokens(self, p: MeasureProfile) -> list[str]:
        """What LSH hashes for a measure: its rarer text bigrams, themes, instruments, categories."""
        grams = sorted(g for g in self.grams[p.iri] if g not in self.common)
        concepts = sorted(f"{k}:{c}" for k, cs in (("t", p.themes), ("i", p.instruments),
                                                   ("c", p.categories)) for c in cs)
        return grams + concepts


def _all_pairs(profiles: list[MeasureProfile]) -> Iterator[tuple[int, int]]:
    docs = [str(p.doc) for p in profiles]
    for i, doc in enumerate(docs):
        for j in range(i + 1, len(profiles)):
            if docs[j] != doc:
                yield i, j


def _lsh_pairs(profiles: list[MeasureProfile], scorer: Scorer) -> Iterator[tuple[int, int]]:
    """For each measure, its LSH hits of other documents, the :data:`LSH_CANDIDATES` with the
    highest estimated Jaccard (ties: lower index first); each pair once (i < j)."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=LSH_PERMUTATIONS)
    hashes = []
    for i, p in enumerate(profiles):
        mh = MinHash(num_perm=LSH_PERMUTATIONS, seed=1)
        mh.update_batch([t.encode("utf-8") for t in scorer.tokens(p)])
        hashes.append(mh)
        lsh.insert(i, mh, check_duplication=False)
    values = np.array([mh.hashvalues for mh in hashes])
    doc_ids: dict[str, int] = {}
    docs = [doc_ids.setdefault(str(p.doc), len(doc_ids)) for p in profiles]
    seen: set[tuple[int, int]] = set()
    for i, mh in enumerate(hashes):
        hits = np.array(sorted(j for j in lsh.query(mh) if docs[j] != docs[i]), dtype=np.int64)
        if not len(hits):
            continue
        estimate = (values[hits] == values[i]).mean(axis=1)
        order = np.lexsort((hits, -estimate))[:LSH_CANDIDATES]
        for j in sorted(int(j) for j in hits[order]):
            pair = (min(i, j), max(i, j))
            if pair not in seen:
                seen.add(pair)
                yield pair


def candidate_pairs(profiles: list[MeasureProfile], scorer: Scorer,
                    method: str | None = None) -> tuple[str, Iterable[tuple[int, int]]]:
    """The method name and the index pairs (i < j, different documents) worth scoring.

    ``method`` forces "all-pairs" or "minhash-lsh"; by default the corpus size chooses.
    """
    if method is None:
        method = "all-pairs" if len(profiles) <= ALL_PAIRS_MAX else "minhash-lsh"
    if method == "all-pairs":
        return method, _all_pairs(profiles)
    if method == "minhash-lsh":
        return method, _lsh_pairs(profiles, scorer)
    raise ValueError(f"unknown candidate method {method!r} (all-pairs or minhash-lsh)")
