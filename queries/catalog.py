"""The query catalog: one competency question per ``queries/*.rq``, with typed parameters.

Each file starts with a comment header::

    # title: Policies in force on a date
    # description: Documents whose validity covers the date and that were not repealed before it.
    # param: date date 2026-01-01

A ``param`` line is ``name type default`` (``-`` = no default, the variable stays unbound).
Types: ``iri``, ``string``, ``date``, ``decimal``, ``integer``, ``boolean``,
``document-number`` (typed in any script, bracket form or spacing; matched in the stored form) and
``concept-label:<scheme>`` (a label in Chinese or English, or an IRI, resolved to a concept of
that vocabulary scheme; an unknown label is an :class:`UnknownName` naming the nearest labels).

Binding never splices user text into SPARQL: each value becomes a typed RDF term, validated and
serialised with escaping, and all of them go into one ``VALUES (?a ?b …) { (… …) }`` block
inserted at the query's ``# @values`` line, else as the first element of its outermost group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from policykg.ontology.namespace import BASE, ID
from policykg.queries.docnumber import normalise_document_number
from policykg.queries.groups import outermost_group_start
from policykg.queries.suggest import concept_names, did_you_mean, nearest

PREFIXES = {
    "pol": BASE + "ontology#",
    "id": str(ID),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
TYPES = ("iri", "string", "date", "decimal", "integer", "boolean", "document-number", "concept-label")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class CatalogError(ValueError):
    """A catalog file, a parameter name or a parameter value is wrong; ``str`` is one sentence."""


class UnknownName(CatalogError):
    """A category, area, sector or document named by the user is not in the graph (exit 1)."""


@dataclass(frozen=True)
class Param:
    """One declared parameter: SPARQL variable name, type, default (``None`` = unbound)."""

    name: str
    type: str
    default: str | None = None

    @property
    def scheme(self) -> str | None:
        """The vocabulary scheme of a ``concept-label:<scheme>`` parameter."""
        return self.type.split(":", 1)[1] if self.type.startswith("concept-label:") else None


@dataclass
class CatalogQuery:
    """A parsed ``.rq`` file."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    path: Path | None = None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise CatalogError(f"query {self.name!r} has no parameter {name!r} (it takes: {known}).")


def header_fields(text: str) -> Iterator[tuple[str, str]]:
    """The ``(key, value)`` pairs of the ``# key: value`` comment lines a query text starts with
    (keys lower-cased); the header ends at the first line that is not a comment."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, _, value = stripped.lstrip("#").strip().partition(":")
        yield key.strip().lower(), value.strip()


def parse_header(text: str, name: str = "query") -> CatalogQuery:
    """Read the ``# title/description/param`` header of a query text."""
    query = CatalogQuery(name=name, text=text)
    descriptions = []
    for key, value in header_fields(text):
        if key == "title":
            query.title = value
        elif key == "description":
            descriptions.append(value)
        elif key == "param":
            parts = value.split(None, 2)
            if len(parts) < 2:
                raise CatalogError(f"{name}: a param line needs 'name type [default]': {value!r}.")
            pname, ptype = parts[0], parts[1]
            default = parts[2].strip() if len(parts) > 2 else "-"
            if not _NAME.match(pname):
                raise CatalogError(f"{name}: parameter name {pname!r} is not a SPARQL variable name.")
            if ptype.split(":", 1)[0] not in TYPES:
                raise CatalogError(f"{name}: parameter {pname!r} has unknown type {ptype!r}.")
            query.params.append(Param(pname, ptype, None if default == "-" else default))
    query.description = " ".join(descriptions)
    return query


def catalog_dir():
    """The folder of the packaged ``.rq`` files."""
    return resources.files("policykg.queries")


def list_queries() -> list[CatalogQuery]:
    """Every catalog query, sorted by name."""
    out = []
    for item in sorted(catalog_dir().iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            out.append(parse_header(item.read_text(encoding="utf-8"), item.name[:-3]))
            out[-1].path = Path(str(item))
    return out


def load(name_or_path: str | Path) -> CatalogQuery:
    """A catalog query by name (``eligibility``) or any ``.rq``/``.sparql`` file by path."""
    text_name = str(name_or_path)
    item = catalog_dir() / (text_name if text_name.endswith(".rq") else text_name + ".rq")
    if "/" not in text_name and item.is_file():
        query = parse_header(item.read_text(encoding="utf-8"), item.name[:-3])
        query.path = Path(str(item))
        return query
    path = Path(name_or_path)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CatalogError(f"{path}: cannot be read as UTF-8 text ({err}).") from err
        query = parse_header(text, path.stem)
        query.path = path
        return query
    names = ", ".join(q.name for q in list_queries())
    raise CatalogError(f"{text_name!r} is neither a catalog query nor a file; catalog: {names}.")


# ------------------------------------------------------------------ terms


def iri_term(value: str) -> URIRef:
    """A validated absolute IRI (``pol:``/``id:`` prefixes expanded)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not _SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise CatalogError(f"{value!r} is not an absolute IRI without spaces or <>\"{{}}|^`\\.")
    return URIRef(value)


def literal_term(param: Param, value: str) -> Literal:
    """A typed literal for a string/date/decimal/integer/boolean parameter."""
    kind = param.type
    try:
        if kind == "document-number":
            return Literal(normalise_document_number(value))
        if kind == "date":
            return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
        if kind == "decimal":
            number = Decimal(value.strip())
            if not number.is_finite() or abs(number.adjusted()) > 40:
                raise InvalidOperation
            return Literal(format(number, "f"), datatype=XSD.decimal)
        if kind == "integer":
            return Literal(str(int(value.strip())), datatype=XSD.integer)
        if kind == "boolean":
            lowered = value.strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return Literal("true" if lowered in ("true", "1", "yes") else "false",
                           datatype=XSD.boolean)
    except (ValueError, InvalidOperation):
        raise CatalogError(f"parameter {param.name}={value!r} is not a valid {kind}.") from None
    return Literal(value)


def sparql_term(term: URIRef | Literal) -> str:
    """SPARQL syntax for a term, escaped so that no value can end the string or the IRI."""
    if isinstance(term, URIRef):
        text = str(term)
        if _IRI_FORBIDDEN.search(text):
            raise CatalogError(f"{text!r} is not a valid IRI.")
        return f"<{text}>"
    text = str(term)
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    # a backslash before u/U would read as a code point escape (\\u0041), which SPARQL expands
    # before parsing: the letter is written as the escape of itself
    escaped = re.sub(r"\\\\([uU])", lambda m: f"\\\\\\U{ord(m.group(1)):08X}", escaped)
    escaped = "".join(c if ord(c) >= 0x20 else f"\\u{ord(c):04X}" for c in escaped)
    out = f'"{escaped}"'
    if term.language:
        if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
            raise CatalogError(f"{term.language!r} is not a language tag.")
        return f"{out}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{out}^^{sparql_term(URIRef(term.datatype))}"
    return out


# ------------------------------------------------------------------ injection point


def values_block(terms: dict[str, URIRef | Literal | None]) -> str:
    """``VALUES (?a ?b) { (term term) }`` with ``UNDEF`` for unbound parameters."""
    names = list(terms)
    for name in names:
        if not _NAME.match(name):
            raise CatalogError(f"{name!r} is not a SPARQL variable name.")
    row = " ".join("UNDEF" if terms[n] is None else sparql_term(terms[n]) for n in names)
    heads = " ".join("?" + n for n in names)
    return f"VALUES ({heads}) {{ ({row}) }}"


_MARKER = re.compile(r"^[ \t]*#[ \t]*@values[ \t]*$", re.MULTILINE)


def inject_values(text: str, terms: dict[str, URIRef | Literal | None]) -> str:
    """The query text with a VALUES block for ``terms``.

    It goes where the query has a line ``# @values`` (the author's choice: the group whose
    filters use the parameters), else as the first element of the outermost WHERE group.
    """
    if not terms:
        return text
    marker = _MARKER.search(text)
    if marker:
        return f"{text[:marker.start()]}  {values_block(terms)}{text[marker.end():]}"
    pos = outermost_group_start(text)
    if pos < 0:
        raise CatalogError("the query has no group pattern { … } to bind parameters into.")
    return f"{text[:pos]}\n  {values_block(terms)}\n{text[pos:]}"


# ------------------------------------------------------------------ binding


def resolve_concept(value: str, scheme: str, store=None) -> URIRef:
    """A concept IRI from an IRI, or from a Chinese/English label of ``scheme``.

    Looks in the packaged vocabularies (gazetteer) first, then among the labels of concepts in
    ``store`` (so graphs with their own vocabularies work too).
    """
    value = value.strip()
    if _SCHEME.match(value) and (value.startswith(("http://", "https://"))
                                 or value.split(":", 1)[0] in PREFIXES):
        return iri_term(value)
    from policykg.ontology.gazetteer import load_gazetteer, to_simplified

    try:
        found = load_gazetteer().lookup(value, scheme)
    except Exception:  # noqa: BLE001 - a broken or missing vocabulary falls back to the graph
        found = None
    if found:
        return URIRef(found)
    if store is not None:
        forms = sorted({value, to_simplified(value)})
        labels = " ".join(f"({sparql_term(Literal(f))})" for f in forms)
        sparql = (
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT DISTINCT ?c WHERE {\n"
            f"  VALUES (?form) {{ {labels} }}\n"
            "  ?c skos:inScheme ?scheme ; skos:prefLabel|skos:altLabel|skos:hiddenLabel|rdfs:label ?l .\n"
            f"  FILTER(STRENDS(STR(?scheme), {sparql_term(Literal('/' + scheme))}))\n"
            "  FILTER(LCASE(STR(?l)) = LCASE(?form))\n"
            "} ORDER BY ?c"
        )
        rows = store.query(sparql, timeout=30, limit=20)
        iris = sorted({str(r["c"]) for r in rows})
        if len(iris) == 1:
            return URIRef(iris[0])
        if len(iris) > 1:
            raise CatalogError(f"{value!r} names several {scheme} concepts ({', '.join(iris)}); "
                               "pass the IRI instead.")
    raise UnknownName(f"no {scheme} concept is called {value!r}; use a label from the "
                      f"vocabulary (Chinese or English) or the concept IRI."
                      + did_you_mean(nearest(value, concept_names(scheme, store))))


def param_term(param: Param, value: str | URIRef | Literal | None, store=None,
               ) -> URIRef | Literal | None:
    """The RDF term a parameter value stands for (``None`` keeps the variable unbound)."""
    if value is None:
        return None
    if isinstance(value, (URIRef, Literal)):
        if param.type == "iri" or param.scheme:
            return iri_term(str(value))
        return value
    if not isinstance(value, str):
        value = value.isoformat() if isinstance(value, date) else str(value)
    if param.scheme:
        return resolve_concept(value, param.scheme, store)
    if param.type == "iri":
        return iri_term(value)
    return literal_term(param, value)


def bind(query: CatalogQuery, values: dict[str, object] | None = None, store=None) -> str:
    """The query text with every declared parameter bound (given value, else default, else UNDEF).

    Values for undeclared parameters are refused.
    """
    values = dict(values or {})
    for name in values:
        query.param(name)
    terms: dict[str, URIRef | Literal | None] = {}
    for p in query.params:
        raw = values.get(p.name, p.default)
        terms[p.name] = param_term(p, raw, store)  # type: ignore[arg-type]
    return inject_values(query.text, terms)


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``["k=v", …]`` from ``--param`` options into a dict (the first ``=`` splits)."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not _NAME.match(name.strip()):
            raise CatalogError(f"--param {pair!r}: write it as name=value.")
        check_text(f"--param {name.strip()}", value)
        out[name.strip()] = value
    return out


def check_text(option: str, value: str) -> str:
    """``value`` if it is text a query can carry, else a :class:`CatalogError` naming ``option``:
    no lone surrogate (bytes that were not UTF-8 on the command line), no control character."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CatalogError(f"{option}: the value is not valid UTF-8 text; give it in UTF-8."
                           ) from None
    if any(ord(c) < 0x20 and c not in "\t\n\r" or c == "\x7f" for c in value):
        raise CatalogError(f"{option}: the value holds a control character; remove it.")
    return value
