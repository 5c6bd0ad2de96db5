"""Fixtures for the SHACL tests: fixture graphs next to the tests, and the seed build (once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_graph(shape: str, kind: str) -> Graph:
    """The ``conforms`` or ``violates`` graph written for ``shape``."""
    g = Graph()
    g.parse(FIXTURES / shape / f"{kind}.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def seed_dataset(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The dataset `policykg build` makes from the seed corpus (built without validation)."""
    try:
        from policykg.graph.build.serial import build
    except ImportError as err:  # the graph builder is written in parallel
        pytest.skip(f"policykg.graph.build.serial is not importable yet ({err})")
    result = build([seeds_dir], out=None, validate=False)
    assert not result.failed, [s.error for s in result.failed]
    return result.dataset
