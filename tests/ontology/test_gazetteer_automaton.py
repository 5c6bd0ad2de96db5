"""The Aho–Corasick matcher of the gazetteer gives exactly the regular expressions' matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.ontology.gazetteer import load_gazetteer, to_simplified
from tests.conftest import SEEDS

GAZ = load_gazetteer()
SCHEMES = GAZ.schemes()
FORMS = sorted({s for scheme in SCHEMES for s in GAZ.surfaces(scheme)})
# characters where str.lower() and re.IGNORECASE disagree, letters around ASCII forms, widths
TRICKY = ["ſ", "ı", "İ", "K", "Σ", "ς", "Ａ", "ａ", "é", "É", " ", "-", "，", "、", "\n"]


def _same(text: str) -> None:
    for scheme in SCHEMES:
        assert GAZ.find_all(text, scheme) == GAZ._find_all_regex(text, scheme), scheme


def test_every_scheme_has_an_automaton():
    assert all(GAZ._automata[s] is not None for s in SCHEMES)


def test_seed_texts_match_alike():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    for path in seeds:
        _same(to_simplified(path.read_text(encoding="utf-8", errors="replace")))


_PIECE = st.one_of(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS).map(lambda f: f[: max(1, len(f) // 2)]),  # fragments
    st.sampled_from(FORMS).map(str.upper),
    st.sampled_from(FORMS).map(str.title),
    st.text(alphabet="abcxyzAIai", min_size=1, max_size=3),
    st.sampled_from(TRICKY),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, max_size=12))
def test_generated_texts_match_alike(pieces):
    _same("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_matches_alike(text):
    _same(text)
