"""Open the store a command asks for: an RDF file in memory, a pyoxigraph folder or an endpoint.

The three engines answer one interface (:class:`policykg.store.base.Store`): ``query(sparql,
timeout=…, limit=…) -> Rows``; the default graph of every store is the union of its named graphs.
"""

from __future__ import annotations

import os

from policykg.store.base import RDFInputError, Store
from policykg.store.endpoint import EndpointStore
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore


def open_store(graph: str | os.PathLike[str] | None = None,
               store: str | os.PathLike[str] | None = None,
               endpoint: str | None = None) -> Store:
    """Open exactly one of: an RDF file in memory, a pyoxigraph directory, an endpoint URL."""
    given = [x for x in (graph, store, endpoint) if x is not None]
    if len(given) > 1:
        raise RDFInputError("give only one of --graph, --store and --endpoint.")
    if endpoint is not None:
        return EndpointStore(endpoint)
    if store is not None:
        return OxigraphStore(store)
    if graph is None:
        raise RDFInputError("no graph given; pass --graph FILE, --store DIR or --endpoint URL.")
    return MemoryStore.from_file(graph)
