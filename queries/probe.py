"""Why an endpoint answered nothing: tell "no such policy" from "this query does not fit here".

Contract: :func:`explain_empty` is asked after a query returned zero rows from a remote endpoint.
It runs two ASK probes — is there a ``pol:PolicyDocument`` in some named graph, and in the default
graph — and returns one sentence naming the likely cause, or None when the endpoint holds no
policykg data at all (then the empty answer is just that). A probe that fails says nothing.
"""

from __future__ import annotations

import re

from policykg.store.base import QueryError, Store

_IN_NAMED = ("PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
             "ASK { GRAPH ?g { ?document a pol:PolicyDocument } }")
_IN_DEFAULT = ("PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
               "ASK { ?document a pol:PolicyDocument }")
_GRAPH = re.compile(r"\bGRAPH\b", re.IGNORECASE)


def _ask(store: Store, sparql: str, timeout: float | None) -> bool | None:
    try:
        rows = store.query(sparql, timeout=timeout, limit=1)
    except QueryError:
        return None
    return bool(rows) and bool(rows[0].get("boolean") is not None
                               and rows[0]["boolean"].toPython())


def explain_empty(store: Store, query_text: str, timeout: float | None = 10) -> str | None:
    """One sentence on why ``query_text`` found no rows on ``store``, or None (see above)."""
    named = _ask(store, _IN_NAMED, timeout)
    default = _ask(store, _IN_DEFAULT, timeout)
    names_graphs = bool(_GRAPH.search(query_text))
    if named and not default and not names_graphs:
        return ("no rows, but the endpoint holds policykg data in named graphs and its default "
                "graph is empty (it is not the union of the named graphs, as on most public "
                "endpoints): name the graphs in the query with GRAPH ?g { … }.")
    if default and not named and names_graphs:
        return ("no rows, but the endpoint holds policykg data only in its default graph, and "
                "the query reads named graphs (GRAPH ?g): upload with `policykg push` (one named "
                "graph per source) or load the .trig dump rather than the .nt.")
    if named or default:
        return ("no rows, though the endpoint holds policykg data: the parameters match nothing "
                "there (check them against `policykg query --list`).")
    return None
