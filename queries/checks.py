"""What a user's parameters must name before a catalog query runs, checked with one sentence each.

Contract: :func:`bind_checked` is :func:`catalog.bind` for values a person typed. Before binding,
a query whose header says ``# requires: a | b`` (it lists evidence, which without a subject would
be every fact of the graph) refuses to run unless one of those parameters is given
(:class:`catalog.CatalogError`). After binding, each ``document-number`` parameter, already in
the stored form (see ``docnumber.py``), must be the number of a document in the store; if not, an
:class:`catalog.UnknownName` names the nearest numbers the store holds. Unknown categories, areas
and sectors are refused the same way by ``catalog.resolve_concept``.
"""

from __future__ import annotations

from policykg.queries import catalog
from policykg.queries.suggest import did_you_mean, nearest
from policykg.store.base import Store

NUMBERS = """PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT DISTINCT ?number WHERE { GRAPH ?g { ?document pol:documentNumber ?number } }
ORDER BY ?number"""


def requirements(query: catalog.CatalogQuery) -> list[str]:
    """The parameters of which one must be given (``# requires: a | b``), else none."""
    for key, value in catalog.header_fields(query.text):
        if key == "requires":
            return [name.strip() for name in value.split("|") if name.strip()]
    return []


def check_required(query: catalog.CatalogQuery, values: dict[str, object]) -> None:
    """Refuse a query that needs a subject when none of its subject parameters is given."""
    needed = requirements(query)
    if needed and not any(values.get(name) not in (None, "") for name in needed):
        options = " or ".join(f"--param {name}=…" for name in needed)
        raise catalog.CatalogError(f"{query.name} lists the evidence of one subject; give {options}"
                                   " (without one it would print every fact of the graph).")


def check_documents(query: catalog.CatalogQuery, values: dict[str, object], store: Store | None,
                    timeout: float | None = 30) -> None:
    """Refuse a document number the store does not hold, naming the nearest ones it does."""
    given = {p.name: values[p.name] for p in query.params
             if p.type == "document-number" and values.get(p.name) not in (None, "")}
    if not given or store is None:
        return
    numbers = {str(r["number"]) for r in store.query(NUMBERS, timeout=timeout, limit=None)}
    for name, value in given.items():
        stored = str(catalog.param_term(query.param(name), str(value)))
        if stored not in numbers:
            raise catalog.UnknownName(f"no document is numbered {stored!r} in this graph."
                                      + did_you_mean(nearest(stored, numbers)))


def bind_checked(query: catalog.CatalogQuery, values: dict[str, object] | None = None,
                 store: Store | None = None) -> str:
    """The bound query text, after the checks of the module docstring."""
    values = dict(values or {})
    check_required(query, values)
    text = catalog.bind(query, values, store=store)
    check_documents(query, values, store)
    return text
