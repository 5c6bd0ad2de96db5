"""Fixtures for the export tests: the bundled example corpus (``examples/corpus``) built once
per session (without SHACL validation, which these tests do not read)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "corpus"


def corpus_text(prefix: str) -> str:
    """The text of the example source whose file name starts with ``prefix`` (e.g. ``01-``)."""
    (path,) = sorted(p for p in CORPUS.glob(prefix + "*") if not p.name.endswith(".meta.json"))
    return path.read_text("utf-8")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``policykg.trig`` of the example corpus (the README of the folder is skipped)."""
    from policykg.graph.build.serial import build

    out = tmp_path_factory.mktemp("example") / "build"
    sources = sorted(p for p in CORPUS.iterdir() if p.name != "README.md")
    build(sources, out, validate=False)
    trig = out / "policykg.trig"
    assert trig.is_file()
    return trig
