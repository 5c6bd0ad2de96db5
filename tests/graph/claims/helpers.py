"""Shared helpers for the report tests: read a fixture or seed, build the official dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from policykg.loaders.records import OfficialDocument, Source
from policykg.loaders.source import read_source

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_source(name: str) -> Source:
    return read_source(FIXTURES / name)


def fixture_official() -> Dataset:
    """The synthetic official document of ``fixtures/official_robot_measures.trig``."""
    ds = Dataset(default_union=True)
    ds.parse(FIXTURES / "official_robot_measures.trig", format="trig")
    return ds


def load_official(path: Path) -> OfficialDocument:
    """Load an official document with the project's router (skip while it is not there)."""
    try:
        from policykg.loaders.route import load
    except ImportError:  # the router is not there yet: use the official parser directly
        official = pytest.importorskip("policykg.loaders.official")
        return official.parse_official(read_source(path))
    result = load(str(path))
    if not isinstance(result.record, OfficialDocument):
        pytest.fail(f"{path.name} did not load as an official document: {result.error}")
    return result.record


def official_dataset(*docs: OfficialDocument) -> Dataset:
    """The dataset the build gives the report converter: official graphs + ontology + vocab."""
    from policykg.graph.model.dataset import assemble
    from policykg.graph.model.triples import document_graph

    converted = [document_graph(d) for d in docs]
    return assemble((c.graph_name, c.graph) for c in converted)
