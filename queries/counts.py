"""The totals every command prints (`build`, `stats`, `push`, `tables`), each defined once.

Contract: every count is one SPARQL query in :data:`QUERIES`, run over *named graphs only*
(``GRAPH ?g``), so the same data gives the same numbers in an rdflib Dataset (a build in
memory, a dump read by ``stats``), a pyoxigraph store (the parallel build) and a SPARQL server
after ``push`` — whether or not its default graph is the union. :func:`render` is the one way to
print them, so the same number always carries the same words.

Definitions (the words users see):

- ``documents``: policy documents whose own text was loaded (they have ``pol:source``);
  ``reported_documents`` are known only from a report (``pol:attestedBy``, no source) and
  ``cited_documents`` only from a citation (neither).
- ``measures`` / ``offers``: measures of loaded documents and the funding offers
  (``pol:providesInstrument``) of those measures; ``reported_measures`` / ``reported_offers``
  are the ones a report describes for a document known only from it.
- ``agencies``: distinct bodies named as issuer, approver, contact, responsible or cooperating
  agency.
- ``reports``, ``claims``: secondary sources and the claims read from them.
- ``triples``: distinct triples of the union; ``quads``: triples counted once per named graph
  that holds them (what ``push`` uploads and the server stores); ``graphs``: non-empty named
  graphs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

PREFIX = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
_LOADED = "?d pol:source ?source ; pol:hasMeasure ?m ."
_AGENCY_PROPS = ("pol:issuedBy pol:approvedBy pol:contactAgency pol:responsibleAgency "
                 "pol:cooperatingAgency")

QUERIES: dict[str, str] = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a pol:PolicyDocument ;"
                 " pol:source ?source } }",
    "reported_documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a "
                          "pol:PolicyDocument ; pol:attestedBy ?r } FILTER NOT EXISTS { GRAPH ?h "
                          "{ ?d pol:source ?source } } }",
    "cited_documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a "
                       "pol:PolicyDocument } FILTER NOT EXISTS { GRAPH ?h { ?d pol:source ?s } } "
                       "FILTER NOT EXISTS { GRAPH ?k { ?d pol:attestedBy ?r } } }",
    "measures": f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH ?g {{ {_LOADED} }} }}",
    "reported_measures": "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?d pol:hasMeasure"
                         " ?m ; pol:attestedBy ?r } FILTER NOT EXISTS { GRAPH ?h { ?d pol:source "
                         "?source } } }",
    "offers": f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ {_LOADED} "
              "?m pol:providesInstrument ?i } }",
    "reported_offers": "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { GRAPH ?g { ?d pol:hasMeasure ?m"
                       " ; pol:attestedBy ?r . ?m pol:providesInstrument ?i } FILTER NOT EXISTS "
                       "{ GRAPH ?h { ?d pol:source ?source } } }",
    "agencies": f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?p {{ {_AGENCY_PROPS} }} "
                "GRAPH ?g { ?x ?p ?a } }",
    "reports": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?r a pol:Report } }",
    "claims": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a pol:Claim } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g "
               "{ ?s ?p ?o } } }",
    "quads": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}


@dataclass(frozen=True, slots=True)
class Counts:
    """The totals of one graph (see the module docstring for each definition)."""

    documents: int = 0
    reported_documents: int = 0
    cited_documents: int = 0
    measures: int = 0
    reported_measures: int = 0
    offers: int = 0
    reported_offers: int = 0
    agencies: int = 0
    reports: int = 0
    claims: int = 0
    triples: int = 0
    quads: int = 0
    graphs: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def count(run: Callable[[str], int]) -> Counts:
    """The totals, with ``run(sparql)`` answering each query of :data:`QUERIES` with its ``?n``."""
    return Counts(**{name: run(PREFIX + sparql) for name, sparql in QUERIES.items()})


def count_store(store: Any, timeout: float | None = None) -> Counts:
    """The totals of a :class:`policykg.store.base.Store` (memory, pyoxigraph folder, endpoint)."""

    def run(sparql: str) -> int:
        rows = store.query(sparql, timeout=timeout, limit=1)
        value = rows[0].get("n") if rows else None
        return int(value.toPython()) if value is not None else 0

    return count(run)


def count_dataset(dataset: Any) -> Counts:
    """The totals of an rdflib ``Dataset`` (read-only: its default-graph setting is kept)."""

    def run(sparql: str) -> int:
        for row in dataset.query(sparql):
            return int(row[0].toPython()) if row[0] is not None else 0
        return 0

    return count(run)


def count_pyoxigraph(store: Any) -> Counts:
    """The totals of a ``pyoxigraph.Store`` opened in this process (the parallel build's)."""

    def run(sparql: str) -> int:
        for solution in store.query(sparql):
            term = solution["n"]
            return int(term.value) if term is not None else 0
        return 0

    return count(run)


_WORDS = ("documents", "measures", "offers", "agencies", "reports", "claims", "triples", "graphs",
          "quads")


def render(counts: Counts, extra: dict[str, str] | None = None) -> list[str]:
    """The totals as a two-line table (header, values) and a line saying what is not in it.

    ``extra`` appends columns (``build`` adds warnings and seconds). Every command prints its
    totals through here, so the same number always has the same heading.
    """
    c = counts
    header = list(_WORDS) + list(extra or {})
    values = [str(getattr(c, w)) for w in _WORDS] + list((extra or {}).values())
    widths = [max(len(h), len(v)) for h, v in zip(header, values, strict=True)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join(v.rjust(w) for v, w in zip(values, widths, strict=True))]
    lines.append(note(c))
    return lines


def note(c: Counts) -> str:
    """What the table's documents, measures and offers leave out, in one line."""
    beyond = []
    if c.reported_documents:
        beyond.append(f"{_n(c.reported_documents, 'document')} known only from reports "
                      f"({_n(c.reported_measures, 'measure')}, {_n(c.reported_offers, 'offer')})")
    if c.cited_documents:
        beyond.append(f"{_n(c.cited_documents, 'document')} only cited")
    head = ("documents, measures and offers count documents whose own text was loaded; "
            "triples are distinct, quads count each named graph's copy")
    return head + ("; not counted: " + ", ".join(beyond) if beyond else "")


def _n(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
