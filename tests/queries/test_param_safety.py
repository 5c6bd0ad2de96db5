"""Parameters become typed, escaped RDF terms: hostile values cannot change a query's shape."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from policykg.queries import catalog
from policykg.queries.docnumber import normalise_document_number
from policykg.queries.safety import run
from policykg.store.memory import MemoryStore

HOSTILE = [
    'x" } ; DROP ALL ; SELECT * { "',
    "x' } ; DROP ALL #",
    '"""',
    "a\\",
    "</x> <y>",
    "line one\nline two\r\n} INSERT DATA { <a> <b> <c> }",
    "} ; DROP ALL",
    "?s ?p ?o } UNION { ?s ?p ?o",
    "\x00\x01\t tab",
    "粤府办〔2025〕6号\" . ?s ?p ?o . #",
]

ECHO = catalog.parse_header(
    "# title: echo\n# param: value string -\nSELECT ?value ?n WHERE { BIND(STRLEN(?value) AS ?n) }\n",
    "echo",
)


def _shape(text: str) -> str:
    """The query algebra with the VALUES data blanked out."""
    algebra = translateQuery(parseQuery(text)).algebra
    found = []

    def blank(node):
        if isinstance(node, CompValue):
            if node.name == "values":
                found.append(node["res"])
                node["res"] = "<values>"
            for v in node.values():
                blank(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                blank(v)

    blank(algebra)
    assert len(found) == 1, "exactly one VALUES block"
    return repr(algebra), found[0]


@pytest.mark.parametrize("name", ["measure-evidence", "yearly-commitment", "supersession"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_keep_the_query_shape(name, hostile):
    query = catalog.load(name)
    safe_shape, _ = _shape(catalog.bind(query, {"document_number": "ok"}))
    shape, rows = _shape(catalog.bind(query, {"document_number": hostile}))
    assert shape == safe_shape
    bound = [v for row in rows for k, v in row.items() if str(k) == "document_number"]
    # carried whole as one literal, in the stored form of a document number (no spaces)
    assert bound == [Literal(normalise_document_number(hostile))]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_round_trip_as_data(hostile):
    store = MemoryStore()
    rows = run(store, catalog.bind(ECHO, {"value": hostile}))
    assert str(rows[0]["value"]) == hostile
    assert rows[0]["n"].toPython() == len(hostile)


@pytest.mark.parametrize("text", ["\\U0000", "\\u0041", "\\U00000041", "\\\\u0041",
                                  "x\\U0001F600y", "\\u", "u\\"])
def test_a_backslash_before_u_is_no_code_point_escape(text):
    # SPARQL expands \uXXXX before parsing: "\\u0041" must stay a backslash, u and digits
    rows = run(MemoryStore(), catalog.bind(ECHO, {"value": text}), timeout=None)
    assert str(rows[0]["value"]) == text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_text_binds_to_itself(text):
    store = MemoryStore()
    rows = run(store, catalog.bind(ECHO, {"value": text}), timeout=None)
    assert str(rows[0]["value"]) == text


@pytest.mark.parametrize("bad", [
    "http://example.org/a> . ?s ?p ?o . <x",
    "http://example.org/a b",
    'http://example.org/"',
    "http://example.org/{}",
    "not an iri",
    "javascript:alert(1)>",
])
def test_iri_parameters_refuse_characters_that_end_an_iri(bad):
    with pytest.raises(catalog.CatalogError):
        catalog.bind(catalog.load("measure-evidence"), {"measure": bad})


@pytest.mark.parametrize(("param", "bad"), [
    ("ordinal", "1 } ; DROP ALL"), ("ordinal", "1.5"),
])
def test_typed_parameters_refuse_other_text(param, bad):
    with pytest.raises(catalog.CatalogError):
        catalog.bind(catalog.load("measure-evidence"), {param: bad})


def test_dates_and_decimals_are_typed_terms():
    text = catalog.bind(catalog.load("timeline"), {"from": "2025-01-31"})
    assert '"2025-01-31"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    with pytest.raises(catalog.CatalogError):
        catalog.bind(catalog.load("timeline"), {"from": '2025-01-31"}'})
    with pytest.raises(catalog.CatalogError):
        catalog.bind(catalog.load("funding-ranked"), {"min_amount": "1e999999 } DROP ALL"})
    with pytest.raises(catalog.CatalogError):
        catalog.bind(catalog.load("funding-ranked"), {"min_amount": "1e999999"})
    assert catalog.param_term(catalog.Param("x", "iri"), "pol:PerYear") == URIRef(
        "https://w3id.org/policykg/ontology#PerYear")


def test_undeclared_parameters_are_refused():
    with pytest.raises(catalog.CatalogError, match="no parameter"):
        catalog.bind(catalog.load("timeline"), {"graph": "x"})


def test_concept_labels_resolve_in_either_script_and_english(mini_memory):
    param = catalog.Param("area", "concept-label:area")
    want = URIRef("https://w3id.org/policykg/id/area/songhu")
    for label in ("松湖区", "松湖區", "Songhu District", "songhu district"):
        assert catalog.param_term(param, label, mini_memory) == want
    with pytest.raises(catalog.CatalogError, match="no area concept"):
        catalog.param_term(param, '松湖区" } DROP ALL', mini_memory)
