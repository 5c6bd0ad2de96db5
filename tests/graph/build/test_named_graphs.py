"""One named graph per source; replacing one source's graph leaves every other graph as it was."""

from __future__ import annotations

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from policykg.graph.build import dump
from policykg.graph.model import iri
from policykg.graph.model.dataset import assemble, replace_source_graph
from policykg.graph.model.resolve import Resolver
from policykg.graph.model.triples import document_graph
from policykg.ontology.namespace import ID, ONTOLOGY_IRI, POL
from tests.graph.conftest import SYNTHETIC_TEXT, synthetic_document


def _second_document():
    text = SYNTHETIC_TEXT.replace("测府办〔2024〕12号", "测府办〔2024〕13号")
    return synthetic_document(text, name="second.txt")


def _graph_texts(ds) -> dict:
    return {name: dump.ntriples_text(triples) for name, triples in dump.graphs_of(ds).items()}


def test_each_source_has_its_own_graph_plus_ontology_and_vocabulary() -> None:
    a = document_graph(synthetic_document(), Resolver(None))
    b = document_graph(_second_document(), Resolver(None))
    ds = assemble([(a.graph_name, a.graph), (b.graph_name, b.graph)])
    names = set(dump.graphs_of(ds))
    assert {a.graph_name, b.graph_name, iri.VOCAB_GRAPH} <= names
    assert a.graph_name == ID["graph/doc/2024/ce-fu-ban-12"]
    # the vocabulary graph carries SKOS concepts, and the default graph is the union
    assert any(True for _ in ds.graph(iri.VOCAB_GRAPH).subjects(SKOS.inScheme, None))
    docs = set(ds.subjects(RDF.type, POL.PolicyDocument))
    assert {a.main, b.main} <= docs


def test_ontology_graph_lets_sparql_follow_subclasses() -> None:
    a = document_graph(synthetic_document(), Resolver(None))
    ds = assemble([(a.graph_name, a.graph)])
    if not len(ds.graph(ONTOLOGY_IRI)):
        import pytest

        pytest.skip("ontology/policy.ttl is not there yet")
    rows = ds.query(
        "SELECT ?i WHERE { ?i a ?c . ?c rdfs:subClassOf* pol:FundingInstrument }",
        initNs={"pol": POL._NS})
    assert len({r.i for r in rows}) == 2  # the Reward and the ComputeVoucher


def test_replacing_one_source_graph_leaves_the_others_untouched() -> None:
    a = document_graph(synthetic_document(), Resolver(None))
    b = document_graph(_second_document(), Resolver(None))
    ds = assemble([(a.graph_name, a.graph), (b.graph_name, b.graph)])
    before = _graph_texts(ds)
    changed_text = SYNTHETIC_TEXT.replace("优秀项目", "杰出创新项目")
    changed = document_graph(synthetic_document(changed_text), Resolver(None))
    assert changed.graph_name == a.graph_name
    replace_source_graph(ds, changed.graph_name, changed.graph)
    after = _graph_texts(ds)
    assert set(before) == set(after)
    for name in before:
        if name != a.graph_name:
            assert before[name] == after[name], name
    assert before[a.graph_name] != after[a.graph_name]
    assert after[a.graph_name] == dump.ntriples_text(set(changed.graph))


def test_replacing_with_an_empty_graph_removes_the_source() -> None:
    a = document_graph(synthetic_document(), Resolver(None))
    ds = assemble([(a.graph_name, a.graph)], vocabulary=False, ontology=False)
    replace_source_graph(ds, a.graph_name, Graph())
    assert a.graph_name not in dump.graphs_of(ds)


def test_rebuilding_with_one_seed_changed_changes_only_its_graph(seeds_dir, tmp_path) -> None:
    import pytest

    pytest.importorskip("policykg.loaders.route", reason="the source loader is not there yet")
    import shutil

    from policykg.graph.build.serial import build

    src = tmp_path / "src"
    shutil.copytree(seeds_dir, src)
    before = build([src], out=None, validate=False)
    target = next(s for s in before.sources if s.kind == "official")
    path = tmp_path / "src" / target.path.rsplit("/", 1)[-1]
    path.write_bytes(path.read_bytes() + b"\n")  # same text, new file identity
    after = build([src], out=None, validate=False)
    one, two = _graph_texts(before.dataset), _graph_texts(after.dataset)
    assert set(one) == set(two)
    changed = {name for name in one if one[name] != two[name]}
    assert changed == {URIRef_(target.graph)}


def URIRef_(text):  # noqa: N802
    from rdflib import URIRef

    return URIRef(text)
