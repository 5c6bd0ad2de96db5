"""The fast reader (pyoxigraph) gives the same quads, term for term, as rdflib's parser: the
same N-Triples text for every term, language tags in their case (pyoxigraph lowercases them,
which made ``zh-Hans`` labels vanish from the site)."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.publish import fastread, lod


def _n3(quads: list) -> list[tuple[str, ...]]:
    return [tuple("" if t is None else t.n3() for t in q) for q in quads]


def test_fast_reader_equals_rdflib_term_for_term(mini_trig: Path) -> None:
    slow = lod.canonical_quads(lod.load_dataset(mini_trig))
    fast = lod.canonicalize(fastread.read_quads(mini_trig))
    assert _n3(fast) == _n3(slow)
    assert any(q[2].n3().endswith('@zh-Hans') for q in fast)
