"""The synthetic corpus generator is deterministic and is an oracle the loader must satisfy."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.oracle import score_corpus
from tests.conftest import REPO

CORPUS = REPO / "benchmarks" / "corpus.py"


def _generate(out: Path, docs: int, seed: int) -> None:
    subprocess.run([sys.executable, str(CORPUS), "--docs", str(docs), "--seed", str(seed),
                    "--out", str(out)], check=True, capture_output=True)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_same_seed_gives_same_bytes(tmp_path: Path) -> None:
    _generate(tmp_path / "a", 40, 7)
    _generate(tmp_path / "b", 40, 7)
    _generate(tmp_path / "c", 40, 8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_corpus_has_many_shapes(tmp_path: Path) -> None:
    _generate(tmp_path, 120, 3)
    keys = json.loads((tmp_path / "answers.json").read_text("utf-8"))
    assert {k["encoding"] for k in keys} >= {"utf-8", "gb18030", "big5"}
    assert {Path(k["file"]).suffix for k in keys} == {".txt", ".html"}
    assert {k["script"] for k in keys} == {"zh-Hans", "zh-Hant"}
    assert len({k["area"] for k in keys}) > 10
    assert any(k["repeals"] for k in keys)
    texts = [(tmp_path / "docs" / k["file"]).read_bytes() for k in keys]
    utf8 = [t.decode("utf-8") for t, k in zip(texts, keys, strict=True) if k["encoding"] == "utf-8"]
    assert any("第" in t and "条" in t or "條" in t for t in utf8)
    assert any("（一）" in t for t in utf8)
    assert any("(" in t and ")" in t for t in utf8), "pinyin annotations expected"


@pytest.fixture(scope="module")
def corpus300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("oracle")
    _generate(out, 300, 11)
    return out


@pytest.fixture(scope="module")
def oracle_scores(corpus300: Path):
    return score_corpus(corpus300)


def _generator_module():
    sys.path.insert(0, str(CORPUS.parent))
    try:
        import corpus  # benchmarks/corpus.py
    finally:
        sys.path.remove(str(CORPUS.parent))
    return corpus


def test_document_numbers_and_their_iris_never_collide_at_10k() -> None:
    from policykg.graph.model.iri import document_iri

    gen = _generator_module().Generator(1)
    numbers = [gen.header()[3] for _ in range(10_000)]
    assert len(set(numbers)) == 10_000
    # homophone prefixes (杭/航) share a pinyin slug: the IRIs must be unique too
    assert len({document_iri(n) for n in numbers}) == 10_000


def test_the_mix_follows_the_measured_distributions(corpus300: Path) -> None:
    measured = json.loads((REPO / "benchmarks" / "distributions.json").read_text("utf-8"))
    trees = measured["source_trees"].values()
    keys = json.loads((corpus300 / "answers.json").read_text("utf-8"))
    measures = [m for k in keys for m in k["measures"] if m["heading"] != "附则"]
    bare = sum(1 for m in measures if not (m["amounts"] or m["ratios"] or m["quotas"]))
    shares = [t["figures_per_measure"]["0"] for t in trees]
    assert min(shares) - 0.02 <= bare / len(measures) <= max(shares) + 0.02
    files = [k["file"] for k in keys]
    reports = json.loads((corpus300 / "reports.json").read_text("utf-8"))
    pages = sum(1 for f in files + [r["file"] for r in reports] if f.endswith(".html"))
    assert 0.2 <= pages / 300 <= 0.4
    assert 1 <= len(reports) <= 30 and len(keys) + len(reports) == 300
    assert len({k["number"] for k in keys}) == len(keys)


def test_reports_quote_the_official_and_name_the_document(corpus300: Path) -> None:
    from policykg.loaders.records import Report
    from policykg.loaders.route import load
    from policykg.ontology.gazetteer import to_simplified

    numbers = {k["number"] for k in json.loads((corpus300 / "answers.json").read_text("utf-8"))}
    reports = json.loads((corpus300 / "reports.json").read_text("utf-8"))
    assert reports
    intact = 0
    for rep in reports:
        assert rep["reports_on"] in numbers
        path = corpus300 / "docs" / rep["file"]
        record = load(path).record
        assert isinstance(record, Report), rep["file"]
        text = to_simplified(path.read_bytes().decode(rep["encoding"]))
        if rep["office"] + rep["official"] in text:  # no pinyin noise inside the sentence
            intact += 1
            assert rep["official"] in {to_simplified(p.name) for p in record.people}, rep["file"]
    assert intact >= len(reports) // 2


@pytest.mark.parametrize("kind", ["amounts", "ratios", "quotas", "units", "dates", "repeals"])
def test_loader_matches_answer_key(oracle_scores, kind: str) -> None:
    s = oracle_scores[kind]
    assert s.expected, f"the corpus states no {kind}"
    assert s.precision >= 0.99, f"{kind} precision {s.precision:.3f}; extra: {s.extras()}"
    assert s.recall >= 0.99, f"{kind} recall {s.recall:.3f}; missed: {s.misses()}"
