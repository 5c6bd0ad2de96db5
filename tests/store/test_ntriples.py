"""N-Triples bodies for bulk loads and uploads spell terms exactly as the build's dumps do, and
every string — control characters, quotes, backslashes, line breaks — reads back unchanged."""

from __future__ import annotations

from pyoxigraph import RdfFormat, parse
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from policykg.graph.build.dump import ntriples_text
from policykg.store.ntriples import dataset_nquads, graph_ntriples, nt_term

S = URIRef("https://w3id.org/policykg/id/doc/2025/test-1")
P = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
G = URIRef("https://w3id.org/policykg/id/graph/doc/2025/test-1")
HOSTILE = ["研发\x0c奖励", "最高\x01200万元", 'say "yes"\\no', "line\nbreak\rreturn\ttab", "\x7f\x1f"]


def _graph() -> Graph:
    g = Graph()
    for i, text in enumerate(HOSTILE):
        g.add((S, P, Literal(text, lang="zh-hans" if i % 2 else None)))
    g.add((S, URIRef("https://w3id.org/policykg/ontology#maxAmount"), Literal("2000000", datatype=XSD.decimal)))
    return g


def test_upload_body_is_the_dump_writers_n_triples() -> None:
    g = _graph()
    assert graph_ntriples(g).decode("utf-8") == ntriples_text(g)


def test_every_string_reads_back_unchanged() -> None:
    body = graph_ntriples(_graph())
    read = {q.object.value for q in parse(body, format=RdfFormat.N_TRIPLES)}
    assert set(HOSTILE) <= read
    assert b"\x0c" not in body and b"\x01" not in body and b"\\u000C" in body


def test_nquads_of_a_dataset_name_their_graph() -> None:
    ds = Dataset()
    for triple in _graph():
        ds.graph(G).add(triple)
    quads = list(parse(dataset_nquads(ds), format=RdfFormat.N_QUADS))
    assert len(quads) == len(HOSTILE) + 1
    assert {q.graph_name.value for q in quads} == {str(G)}
    assert {q.object.value for q in quads} >= set(HOSTILE)


def test_plain_strings_carry_no_datatype() -> None:
    assert nt_term(Literal("x", datatype=XSD.string)) == '"x"'
    assert nt_term(Literal("x")) == '"x"'
