"""Scoring and candidate pairs on hand-made profiles: MinHash LSH proposes the pairs that share
wording, and scores them exactly as all-pairs scoring does."""

from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from policykg.graph.compare.profile import MeasureProfile, normalise
from policykg.graph.compare.similarity import Scorer, candidate_pairs

ID = "https://w3id.org/policykg/id/"
TEXTS = {  # invented clauses: a city's voucher, a district's near copy, an unrelated talent clause
    ("doc/2024/a-1", 1): "一、发放算力券。对企业租用智能算力的费用按30%给予补贴，每家企业每年最高200万元。",
    ("doc/2025/b-2", 3): "第三条 发放算力券。对企业租用智能算力的费用按20%给予补贴，每家企业每年最高100万元。",
    ("doc/2025/b-2", 4): "第四条 引进高层次人才。对新引进的领军人才给予安家补助，最高50万元。",
}


def _profiles() -> list[MeasureProfile]:
    out = []
    for (doc, ordinal), text in TEXTS.items():
        out.append(MeasureProfile(URIRef(f"{ID}{doc}/measure/{ordinal}"), URIRef(ID + doc), ordinal,
                                  text=normalise(text),
                                  amounts={"max": Decimal(2_000_000 if doc.endswith("a-1") else 1_000_000)}))
    return sorted(out, key=lambda p: str(p.iri))


def test_normalise_drops_numbering_pinyin_punctuation_and_digits() -> None:
    assert normalise("第三条 發放(fā)算力券。最高100万元") == "发放算力券最高万元"


def test_lsh_finds_the_near_copy_and_scores_it_like_all_pairs() -> None:
    profiles = _profiles()
    scorer = Scorer(profiles)
    _, every = candidate_pairs(profiles, scorer, "all-pairs")
    method, lsh = candidate_pairs(profiles, scorer, "minhash-lsh")
    every, lsh = list(every), list(lsh)
    assert method == "minhash-lsh" and len(every) == 2  # the same document's measures never pair
    copy = next((i, j) for i, j in every if {profiles[i].ordinal, profiles[j].ordinal} == {1, 3})
    assert copy in lsh
    talent = next(pair for pair in every if pair != copy)
    scores = {pair: scorer.score(profiles[pair[0]], profiles[pair[1]]) for pair in every}
    assert scores[copy].score > scores[talent].score
    assert "amount:0.50" in scores[copy].features
