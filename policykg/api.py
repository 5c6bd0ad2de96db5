"""The small public Python API: build a graph from sources, load a built graph.

>>> from policykg import api
>>> result = api.build(["../shared/seeds"], out="/tmp/kg")   # doctest: +SKIP
>>> ds = api.load_graph("/tmp/kg/policykg.trig")              # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from rdflib import Dataset

from policykg.graph.build.serial import BuildResult, SourceReport
from policykg.graph.build.serial import build as _build
from policykg.graph.export.stats import load_graph as _load_graph

__all__ = ["BuildResult", "SourceReport", "build", "load_graph"]


def build(sources: Iterable[str | os.PathLike], out: str | os.PathLike | None = None,
          validate: bool = True) -> BuildResult:
    """Build the graph of ``sources`` (files or folders); write dumps into ``out`` if given."""
    return _build(sources, out=out, validate=validate)


def load_graph(path: str | os.PathLike) -> Dataset:
    """Read a built graph (.trig, .nq, .nt, .ttl) into a Dataset whose default graph is the union."""
    return _load_graph(path)
