"""The small public Python API: build a graph from sources, load a built graph.

>>> from policykg import api
>>> result = api.build(out="/tmp/kg")        # the bundled example corpus   # doctest: +SKIP
>>> result = api.build(["my-notices/"], out="/tmp/kg")                      # doctest: +SKIP
>>> ds = api.load_graph("/tmp/kg/policykg.trig")                            # doctest: +SKIP
>>> api.tables("/tmp/kg-tables", graph="/tmp/kg/policykg.trig")             # doctest: +SKIP

Nothing here reads a path the caller did not name, except the example corpus that ships with a
source checkout (``examples/corpus``), used when ``build`` is given no sources.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset

from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT
from policykg.graph.build.serial import BuildResult, SourceReport
from policykg.graph.build.serial import build as _build
from policykg.graph.export.stats import load_graph as _load_graph

__all__ = ["EXAMPLE_CORPUS", "BuildResult", "SourceReport", "build", "example_corpus", "load_graph",
           "tables"]

EXAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def example_corpus() -> Path:
    """The folder of the bundled example documents; FileNotFoundError (one sentence) if absent."""
    if not EXAMPLE_CORPUS.is_dir():
        raise FileNotFoundError(
            f"the example corpus is not at {EXAMPLE_CORPUS}: it ships with a source checkout "
            "(git clone), not with an installed wheel; pass your own sources instead.")
    return EXAMPLE_CORPUS


def build(sources: Iterable[str | os.PathLike] | None = None, out: str | os.PathLike | None = None,
          validate: bool = True, source_timeout: float | None = DEFAULT_SOURCE_TIMEOUT,
          ) -> BuildResult:
    """Build the graph of ``sources`` (files or folders; default: the example corpus) and write
    the dumps into ``out`` if given; each source loads under ``source_timeout`` seconds."""
    if sources is None:
        sources = [example_corpus()]
    return _build(sources, out=out, validate=validate, source_timeout=source_timeout)


def load_graph(path: str | os.PathLike) -> Dataset:
    """Read a built graph (.trig, .nq, .ttl, .nt) into a Dataset whose default graph is the union."""
    return _load_graph(path)


def tables(out: str | os.PathLike, graph: str | os.PathLike | None = None,
           store: str | os.PathLike | None = None, endpoint: str | None = None,
           timeout: float | None = None) -> dict[str, int]:
    """Write the tidy tables (Parquet + CSV, ``README.md`` and ``dictionary.csv``) of a built
    graph file, a pyoxigraph store folder or an endpoint (name exactly one) into the folder
    ``out``, replacing it atomically; the number of rows of each table. Each query runs under
    ``timeout`` seconds (None: no deadline). Needs pyarrow (``pip install 'policykg[tables]'``)."""
    from policykg.graph.export.tables import collect, write_tables
    from policykg.store.stores import open_store

    source = open_store(graph=graph, store=store, endpoint=endpoint)
    try:  # the table queries ship with policykg: no safety check needed, no row cap wanted
        collected = collect(lambda text: source.query(text, timeout=timeout, limit=None))
    finally:
        source.close()
    write_tables(Path(out), collected)
    return {name: len(rows) for name, (_, rows) in collected.items()}
