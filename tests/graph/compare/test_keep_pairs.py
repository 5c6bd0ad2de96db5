"""Which scored pairs become links: :func:`policykg.graph.compare.links.keep_pairs` works on three
numbers per pair (so a large corpus does not hold a Match per pair) and must keep exactly what the
rule on matches keeps — the ``top`` best of either measure, best by score then by the pair."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph.compare.links import keep_pairs


def _reference(pairs: dict[tuple[int, int], float], top: int) -> list[tuple[int, int]]:
    """The rule as the link step stated it on matches before (sort, then fill each end's top)."""
    best: dict[int, list[tuple[int, int]]] = {}
    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])):
        for end in (i, j):
            best.setdefault(end, [])
            if len(best[end]) < top:
                best[end].append((i, j))
    return sorted({p for kept in best.values() for p in kept})


_pair = st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda p: p[0] < p[1])
_score = st.sampled_from([0.12, 0.2, 0.2, 0.35, 0.5, 0.9])  # repeated scores: ties matter


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_pair, _score, max_size=40), st.integers(1, 4))
def test_keep_pairs_keeps_what_the_rule_keeps(pairs: dict, top: int) -> None:
    first, second, scores = array("q"), array("q"), array("d")
    for (i, j), s in pairs.items():
        first.append(i)
        second.append(j)
        scores.append(s)
    assert keep_pairs(first, second, scores, 12, top) == _reference(pairs, top)
