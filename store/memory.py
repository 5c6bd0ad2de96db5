"""The embedded default store: an rdflib ``Dataset`` in memory, queries under a thread deadline."""

from __future__ import annotations

import os
from typing import Any

from rdflib import Dataset, Literal
from rdflib.graph import ConjunctiveGraph, Graph
from rdflib.term import Node

from policykg.store.base import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    Interrupted,
    QueryError,
    Rows,
    Store,
    first_line,
    normalise_term,
    run_with_deadline,
)
from policykg.store.rdfinput import load_dataset


def _rows_from_rdflib(result: Any, limit: int | None) -> Rows:
    if result.type == "ASK":
        return Rows([{"boolean": Literal(bool(result.askAnswer))}], ["boolean"])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda t: tuple(x.n3() for x in t))
        variables = ["subject", "predicate", "object"]
        rows = [dict(zip(variables, (normalise_term(x) for x in t), strict=True))
                for t in triples]
        truncated = limit is not None and len(rows) > limit
        return Rows(rows[:limit] if truncated else rows, variables, truncated)
    variables = [str(v) for v in result.vars or []]
    rows: list[dict[str, Node | None]] = []
    truncated = False
    for solution in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append({v: normalise_term(solution[i]) for i, v in enumerate(variables)})
    return Rows(rows, variables, truncated)


class MemoryStore(Store):
    """rdflib ``Dataset`` in memory; its default graph is the union of the named graphs."""

    name = "memory"

    def __init__(self, dataset: Dataset | Graph | None = None) -> None:
        if dataset is None:
            dataset = Dataset(default_union=True)
        elif isinstance(dataset, Dataset):
            dataset.default_union = True
        elif not isinstance(dataset, Graph):
            raise TypeError("MemoryStore takes an rdflib Dataset or Graph")
        self.dataset = dataset

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, allow_network: bool = False,
                  ) -> MemoryStore:
        """Read an RDF dump safely (see :func:`load_dataset`)."""
        return cls(load_dataset(path, allow_network=allow_network))

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        def work() -> Rows:
            try:
                return _rows_from_rdflib(self.dataset.query(sparql), limit)
            except Interrupted:
                raise
            except Exception as err:  # noqa: BLE001 - rdflib raises many kinds
                raise QueryError(f"rdflib could not run the query ({first_line(err)}).") from err

        return run_with_deadline(work, timeout)

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        def work() -> None:
            target = self.dataset
            if isinstance(target, Dataset):  # rdflib's Dataset.update cannot add triples
                target = ConjunctiveGraph(store=target.store,
                                          identifier=target.default_graph.identifier)
            try:
                target.update(sparql)
            except Exception as err:  # noqa: BLE001
                raise QueryError(f"rdflib could not run the update ({first_line(err)}).") from err

        run_with_deadline(work, timeout)
