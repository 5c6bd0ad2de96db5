"""The seed corpus built once for the comparison tests (read from ../shared/seeds at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build.serial import BuildResult, build


@pytest.fixture(scope="package")
def seed_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    out = tmp_path_factory.mktemp("compare-seeds")
    return build([seeds_dir], out=out, validate=False, source_timeout=None)


@pytest.fixture(scope="package")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The bundled example corpus: two versions of a Shenzhen policy, the later repealing the
    earlier, so links across versions exist."""
    corpus = Path(__file__).resolve().parents[3] / "examples" / "corpus"
    return build([corpus], out=tmp_path_factory.mktemp("compare-examples"), validate=False,
                 source_timeout=None)
