"""What every store shares: the query interface, its errors, normalised result rows and the
deadline a query runs under.

Rows map each projected variable to an rdflib term (``None`` when unbound), normalised so that the
same answer compares equal whichever engine computed it (decimal/integer lexical forms,
``xsd:string`` vs plain literals, language-tag case). Queries are bounded: a deadline and a row
cap (rows beyond it are dropped and ``Rows.truncated`` is set).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

DEFAULT_TIMEOUT = 30.0  # seconds per query
DEFAULT_LIMIT = 10_000  # rows per query

T = TypeVar("T")




# ------------------------------------------------------------------ errors


class QueryError(Exception):
    """A query failed (syntax, engine or transport error); ``str`` is one sentence."""


class QueryTimeout(QueryError):
    """A query ran past its deadline and was stopped; ``what`` names what ran too long."""

    def __init__(self, message: str, what: str = "the query") -> None:
        super().__init__(message)
        self.what = what


class RDFInputError(Exception):
    """A user RDF file cannot be read safely or at all; ``str`` is one sentence."""


class RDFSyntaxError(RDFInputError):
    """A user RDF file is not valid in its format (the parser's first complaint in ``str``)."""


class Interrupted(BaseException):
    """Raised inside a worker thread to stop it (BaseException so ``except Exception`` misses it)."""


# ------------------------------------------------------------------ results


class Rows(list):
    """Query answer: ``list[dict[str, Node | None]]`` plus the variable order and a truncation flag."""

    def __init__(self, rows: Iterable[dict[str, Node | None]] = (), variables: Iterable[str] = (),
                 truncated: bool = False) -> None:
        super().__init__(rows)
        self.variables: list[str] = list(variables)
        self.truncated = truncated


_NUMERIC_INTEGER = {
    str(XSD[n]) for n in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
}


def canonical_language(tag: str) -> str:
    """BCP 47 case convention: ``zh-hans`` → ``zh-Hans``, ``en-us`` → ``en-US``."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _decimal_lexical(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def normalise_term(term: Node | None) -> Node | None:
    """One canonical rdflib term per value, so engines' answers compare equal."""
    if term is None or not isinstance(term, Literal):
        return term
    lexical = str(term)
    datatype = str(term.datatype) if term.datatype else None
    if term.language:
        return Literal(lexical, lang=canonical_language(term.language))
    if datatype is None or datatype == str(XSD.string):
        return Literal(lexical)
    try:
        if datatype == str(XSD.decimal):
            return Literal(_decimal_lexical(Decimal(lexical.strip())), datatype=XSD.decimal)
        if datatype in _NUMERIC_INTEGER:
            return Literal(str(int(lexical.strip())), datatype=XSD.integer)
        if datatype in (str(XSD.double), str(XSD.float)):
            return Literal(repr(float(lexical.strip())), datatype=XSD.double)
        if datatype == str(XSD.boolean):
            return Literal("true" if lexical.strip() in ("true", "1") else "false",
                           datatype=XSD.boolean)
    except (InvalidOperation, ValueError):
        pass
    return Literal(lexical, datatype=URIRef(datatype))


def term_from_oxigraph(term: Any) -> Node:
    """The rdflib term of a pyoxigraph term (language tags canonical, xsd:string untyped)."""
    from pyoxigraph import BlankNode as OxBlankNode
    from pyoxigraph import Literal as OxLiteral
    from pyoxigraph import NamedNode as OxNamedNode

    if isinstance(term, OxNamedNode):
        return URIRef(term.value)
    if isinstance(term, OxBlankNode):
        return BNode(term.value)
    if isinstance(term, OxLiteral):
        if term.language:
            return Literal(term.value, lang=canonical_language(term.language))
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected term {term!r}")


_XSD_STRING = str(XSD.string)


def term_from_json(binding: dict[str, str]) -> Node:
    """An rdflib term from a SPARQL 1.1 JSON results binding."""
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        if "datatype" in binding:
            return Literal(value, datatype=URIRef(binding["datatype"]))
        return Literal(value)
    raise QueryError(f"the endpoint returned an unknown term type {kind!r}.")


def term_to_json(term: Node) -> dict[str, str]:
    """A SPARQL 1.1 JSON results binding for an rdflib term."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def rows_from_json(doc: dict[str, Any], limit: int | None) -> Rows:
    """Normalised rows from a SPARQL 1.1 JSON results document (SELECT or ASK)."""
    if "boolean" in doc:
        return Rows([{"boolean": Literal(bool(doc["boolean"]))}], ["boolean"])
    variables = list(doc.get("head", {}).get("vars", []))
    bindings = doc.get("results", {}).get("bindings", [])
    truncated = limit is not None and len(bindings) > limit
    if truncated:
        bindings = bindings[:limit]
    rows = [
        {v: normalise_term(term_from_json(b[v])) if v in b else None for v in variables}
        for b in bindings
    ]
    return Rows(rows, variables, truncated)


# ------------------------------------------------------------------ deadlines


def run_with_deadline(fn: Callable[[], T], timeout: float | None,
                      what: str = "the query",
                      on_timeout: Callable[[], None] | None = None) -> T:
    """Run ``fn`` in a worker thread; past ``timeout`` seconds interrupt it and raise QueryTimeout
    (its sentence says ``what`` ran too long).

    The interrupt is an asynchronous exception, which stops pure-Python work such as rdflib's
    SPARQL evaluator or its parsers at the next bytecode; ``on_timeout`` is called first, to
    end what a bytecode boundary cannot (closing a socket the worker is blocked on).
    """
    if timeout is None:
        return fn()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except Interrupted:
            box["interrupted"] = True
        except BaseException as err:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = err

    worker = threading.Thread(target=target, name="policykg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        if on_timeout is not None:
            try:
                on_timeout()
            except Exception:  # noqa: BLE001 - best effort: the interrupt below follows anyway
                pass
        for _ in range(50):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(worker.ident or 0), ctypes.py_object(Interrupted))
            worker.join(0.1)
            if not worker.is_alive():
                break
        raise QueryTimeout(f"{what} ran longer than {timeout:g} s and was stopped; "
                           "raise --timeout or make the query more selective.", what)
    if "error" in box:
        raise box["error"]
    if box.get("interrupted"):
        raise QueryTimeout(f"{what} ran longer than {timeout:g} s and was stopped.", what)
    return box["value"]


# ------------------------------------------------------------------ engines


class Store:
    """Common interface of the three engines."""

    name = "store"

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        """Run a SELECT/ASK/CONSTRUCT query; rows of normalised rdflib terms."""
        raise NotImplementedError

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        """Run a SPARQL update (callers check it was allowed)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release resources (nothing to do for most engines)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def first_line(err: BaseException) -> str:
    text = str(err).strip()
    return (text.splitlines()[0] if text else type(err).__name__)[:300]
