"""Open the store a command asks for: an RDF file in memory, a pyoxigraph folder or an endpoint.

The three engines answer one interface (:class:`policykg.store.base.Store`): ``query(sparql,
timeout=…, limit=…) -> Rows``; the default graph of every store is the union of its named graphs.
"""

from __future__ import annotations

import os

from policykg.store.base import RDFInputError, Store, run_with_deadline
from policykg.store.endpoint import EndpointStore
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore


def open_store(graph: str | os.PathLike[str] | None = None,
               store: str | os.PathLike[str] | None = None,
               endpoint: str | None = None, *, timeout: float | None = None,
               allow_network: bool = False, max_bytes: int | None = None) -> Store:
    """Open exactly one of: an RDF file in memory, a pyoxigraph directory, an endpoint URL.

    Reading ``graph`` runs under ``timeout`` seconds (a :class:`QueryTimeout` past it), so a
    query's deadline counts its loading; ``allow_network`` lets a JSON-LD file fetch contexts;
    ``max_bytes`` caps an endpoint's answers (default 256 MB).
    """
    given = [x for x in (graph, store, endpoint) if x is not None]
    if len(given) > 1:
        raise RDFInputError("give only one of --graph, --store and --endpoint.")
    if endpoint is not None:
        return (EndpointStore(endpoint) if max_bytes is None
                else EndpointStore(endpoint, max_bytes=max_bytes))
    if store is not None:
        return OxigraphStore(store)
    if graph is None:
        raise RDFInputError("no graph given; pass --graph FILE, --store DIR or --endpoint URL.")
    return run_with_deadline(lambda: MemoryStore.from_file(graph, allow_network=allow_network),
                             timeout, what=f"loading {graph}")
