"""Python API for notebooks: ``policykg.query("eligibility", source=…, area="黄埔区", …)``.

``source`` is an RDF dump path, a pyoxigraph store directory, an ``http(s)://`` endpoint URL,
an rdflib Graph/Dataset, an open ``policykg.store.stores.Store``, or ``None`` for the last build
(``build/policykg.trig``). Keyword arguments bind the query's declared parameters safely.
The answer is a list of dicts of plain Python values (``str`` for IRIs and texts, ``Decimal``,
``int``, ``datetime.date``, ``None`` when unbound); ``.dataframe()`` turns it into a pandas
DataFrame (Decimals as floats) and ``.terms`` keeps the rdflib terms.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from rdflib import Literal
from rdflib.graph import Graph

from policykg.queries import catalog
from policykg.queries.checks import bind_checked
from policykg.queries.language import with_language
from policykg.queries.safety import run
from policykg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Rows, Store
from policykg.store.endpoint import EndpointStore
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore

DEFAULT_GRAPH = Path("build") / "policykg.trig"
_QUERY_TEXT = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b|\{", re.IGNORECASE)


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


class QueryRows(list):
    """Rows as dicts of Python values, with the variable order, rdflib terms and a DataFrame view."""

    def __init__(self, rows: Rows) -> None:
        super().__init__({k: _python(v) for k, v in r.items()} for r in rows)
        self.variables: list[str] = list(rows.variables)
        self.terms: Rows = rows
        self.truncated: bool = rows.truncated

    def dataframe(self):
        """A pandas DataFrame of the rows (Decimal values as floats); needs pandas."""
        try:
            import pandas as pd
        except ModuleNotFoundError as err:  # pragma: no cover - depends on the environment
            raise ModuleNotFoundError("pandas is needed for .dataframe(): pip install pandas") from err
        from decimal import Decimal

        records = [{k: float(v) if isinstance(v, Decimal) else v for k, v in r.items()}
                   for r in self]
        return pd.DataFrame.from_records(records, columns=self.variables)


def as_store(source: Any = None) -> Store:
    """A store for any of the accepted ``source`` kinds (see the module docstring)."""
    if isinstance(source, Store):
        return source
    if isinstance(source, Graph):
        return MemoryStore(source)
    if source is None:
        source = DEFAULT_GRAPH
    text = os.fspath(source) if isinstance(source, os.PathLike) else str(source)
    if text.startswith(("http://", "https://")):
        return EndpointStore(text)
    path = Path(text)
    if path.is_dir():
        return OxigraphStore(path)
    return MemoryStore.from_file(path)


def query(name_or_text: str, source: Any = None, *, timeout: float | None = DEFAULT_TIMEOUT,
          limit: int | None = DEFAULT_LIMIT, allow_service: bool = False,
          allow_update: bool = False, as_dataframe: bool = False, lang: str = "zh",
          **params: Any):
    """Run a catalog query (by name), a ``.rq`` file, or SPARQL text on ``source``.

    Parameters are checked as on the command line (a document number in any script or bracket
    form; an unknown category, area or document raises ``catalog.UnknownName`` naming the nearest
    ones); ``lang`` (``zh`` or ``en``) is the language of the labels shown.
    Returns :class:`QueryRows`, or a DataFrame when ``as_dataframe`` is true.
    """
    store = as_store(source)
    if _QUERY_TEXT.search(name_or_text) and not Path(name_or_text).is_file():
        parsed = catalog.parse_header(name_or_text, "query")
    else:
        parsed = catalog.load(name_or_text)
    text = with_language(bind_checked(parsed, params, store=store), lang)
    rows = QueryRows(run(store, text, allow_service=allow_service, allow_update=allow_update,
                         timeout=timeout, limit=limit))
    return rows.dataframe() if as_dataframe else rows
