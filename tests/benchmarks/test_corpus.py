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
    assert {k["script"] for k in keys} == {"zh-Hans", "zh-Hant"}
    assert len({k["area"] for k in keys}) > 10
    assert any(k["repeals"] for k in keys)
    texts = [(tmp_path / "docs" / k["file"]).read_bytes() for k in keys]
    utf8 = [t.decode("utf-8") for t, k in zip(texts, keys, strict=True) if k["encoding"] == "utf-8"]
    assert any("第" in t and "条" in t or "條" in t for t in utf8)
    assert any("（一）" in t for t in utf8)
    assert any("(" in t and ")" in t for t in utf8), "pinyin annotations expected"


@pytest.fixture(scope="module")
def oracle_scores(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("oracle")
    _generate(out, 300, 11)
    return score_corpus(out)


@pytest.mark.parametrize("kind", ["amounts", "ratios", "quotas", "units", "dates", "repeals"])
def test_loader_matches_answer_key(oracle_scores, kind: str) -> None:
    s = oracle_scores[kind]
    assert s.expected, f"the corpus states no {kind}"
    assert s.precision >= 0.99, f"{kind} precision {s.precision:.3f}; extra: {s.extras()}"
    assert s.recall >= 0.99, f"{kind} recall {s.recall:.3f}; missed: {s.misses()}"
