"""What a query may do: SERVICE, LOAD, dataset clauses and updates are refused unless enabled.

Every query is parsed with rdflib's SPARQL parser and its algebra inspected before any engine
sees it. ``SERVICE`` (reaches another endpoint), ``FROM``/``FROM NAMED`` (rdflib would fetch
the IRI) and ``LOAD`` (fetches a URL or file) need ``allow_service``; any update (INSERT,
DELETE, CLEAR, DROP, CREATE, ADD, MOVE, COPY, LOAD) needs ``allow_update``. Text rdflib cannot
parse is refused as invalid. :func:`run` then applies the per-query deadline and row cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from policykg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, QueryError, Rows, Store

_UPDATE_NAMES = {
    "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE",
    "Add": "ADD", "Move": "MOVE", "Copy": "COPY", "Load": "LOAD",
}


class QueryRefused(QueryError):
    """The query would do something not enabled (network, file system, writes)."""


@dataclass
class Inspection:
    """What a SPARQL text asks for, from its parsed algebra."""

    kind: str  # "query" or "update"
    form: str = ""  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery
    operations: list[str] = field(default_factory=list)  # update operations, in order
    services: list[str] = field(default_factory=list)  # SERVICE IRIs
    dataset_clauses: list[str] = field(default_factory=list)  # FROM / FROM NAMED IRIs
    select_star: bool = False  # SELECT *: the engine chooses the column order


def _walk(node: Any) -> Iterator[CompValue]:
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def inspect(sparql: str) -> Inspection:
    """Parse ``sparql`` (query or update) and list the risky features it uses.

    Raises :class:`QueryError` when the text is not valid SPARQL 1.1.
    """
    try:
        parsed = parseQuery(sparql)
        algebra = translateQuery(parsed).algebra
        report = Inspection("query", form=algebra.name)
        report.select_star = parsed[1].name == "SelectQuery" and "projection" not in parsed[1]
        for clause in algebra.get("datasetClause") or []:
            iri = clause.get("default") or clause.get("named")
            report.dataset_clauses.append(str(iri))
        nodes = _walk(algebra)
    except Exception as query_err:  # noqa: BLE001 - not a query; maybe an update
        try:
            update = translateUpdate(parseUpdate(sparql))
        except Exception:  # noqa: BLE001
            raise QueryError(f"the text is not valid SPARQL 1.1 ({_short(query_err)}).") from None
        report = Inspection("update")
        report.operations = [_UPDATE_NAMES.get(op.name, op.name) for op in update.algebra]
        nodes = _walk(list(update.algebra))
    for node in nodes:
        if node.name == "ServiceGraphPattern":
            report.services.append(str(node.get("term")))
    return report


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text[:160] if text else type(err).__name__


def check(sparql: str, *, allow_service: bool = False, allow_update: bool = False) -> Inspection:
    """Refuse (raise :class:`QueryRefused`) what is not enabled; return the inspection."""
    report = inspect(sparql)
    if report.services and not allow_service:
        raise QueryRefused("SERVICE is refused: a query through policykg may not call other "
                           "endpoints; pass --allow-service to enable it.")
    if report.dataset_clauses and not allow_service:
        raise QueryRefused("FROM/FROM NAMED is refused: it may fetch data from the network or "
                           "disk; use GRAPH <iri> { … } or pass --allow-service.")
    if report.kind == "update":
        ops = ", ".join(dict.fromkeys(report.operations)) or "update"
        if "LOAD" in report.operations and not allow_service:
            raise QueryRefused("LOAD is refused: it fetches data from the network or disk; "
                               "pass --allow-update --allow-service to enable it.")
        if not allow_update:
            raise QueryRefused(f"updates ({ops}) are refused: policykg queries are read-only; "
                               "pass --allow-update to enable them.")
    return report


def run(store: Store, sparql: str, *, allow_service: bool = False, allow_update: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = DEFAULT_LIMIT) -> Rows:
    """Check ``sparql`` then run it on ``store`` with the deadline and row cap.

    An allowed update returns an empty :class:`Rows`.
    """
    report = check(sparql, allow_service=allow_service, allow_update=allow_update)
    if report.kind == "update":
        store.update(sparql, timeout=timeout)
        return Rows()
    rows = store.query(sparql, timeout=timeout, limit=limit)
    if report.select_star:
        rows.variables = star_order(sparql, rows.variables)
    return rows


_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\ufffd]+)")


def star_order(sparql: str, variables: list[str]) -> list[str]:
    """The columns of a ``SELECT *`` answer in the order the query first names them (engines
    give them in an arbitrary order, which changed from run to run); others last, sorted."""
    from policykg.store.endpoint import blank_literals

    first: dict[str, int] = {}
    for m in _VARIABLE.finditer(blank_literals(sparql)):
        first.setdefault(m.group(1), m.start())
    return sorted(variables, key=lambda v: (v not in first, first.get(v, 0), v))

