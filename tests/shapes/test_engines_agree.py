"""The two SHACL engines give the same results: pySHACL (the reference) and the shapes compiled
to SPARQL on Oxigraph (:mod:`policykg.shapes.oxigraph_engine`), on the whole shape battery,
on the seed graph and through the ``validate`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from policykg.cli import main
from policykg.ontology.namespace import ONTOLOGY_IRI, POL
from policykg.shapes.oxigraph_engine import UnsupportedShape, compile_shapes
from policykg.shapes.validate import validate_dataset, validate_graph

from .conftest import FIXTURES, fixture_graph

CASES = [(d.name, kind) for d in sorted(FIXTURES.iterdir()) if d.is_dir()
         for kind in ("conforms", "violates")]
BROKEN = Path(__file__).resolve().parent / "cli" / "broken.trig"


@pytest.mark.parametrize(("shape", "kind"), CASES)
def test_engines_agree_on_the_shape_battery(shape: str, kind: str) -> None:
    graph = fixture_graph(shape, kind)
    reference = validate_graph(graph, engine="pyshacl")
    compiled = validate_graph(graph, engine="oxigraph")
    assert compiled.results == reference.results
    assert (compiled.conforms, compiled.units) == (reference.conforms, reference.units)
    if kind == "violates":  # the comparison covers real findings, not two empty lists
        assert compiled.results


def test_engines_agree_on_the_seed_graph(seed_dataset: Dataset) -> None:
    reference = validate_dataset(seed_dataset, engine="pyshacl")
    compiled = validate_dataset(seed_dataset, engine="oxigraph", jobs=2)
    assert compiled.results == reference.results
    graphs = {g.identifier for g in seed_dataset.graphs() if len(g)} - {ONTOLOGY_IRI}
    assert any(True for _ in seed_dataset.quads((None, POL.repeals, None, None)))
    # every graph but the ontology, and the cross-document unit (the seeds repeal documents)
    assert compiled.units == reference.units == len(graphs) + 1


def test_validate_command_gives_the_same_report_with_either_engine(
        capsys: pytest.CaptureFixture[str]) -> None:
    reports = {}
    for engine in ("pyshacl", "oxigraph"):
        code = main(["validate", str(BROKEN), "--format", "json", "--engine", engine])
        out, _ = capsys.readouterr()
        reports[engine] = (code, json.loads(out))
    assert reports["pyshacl"] == reports["oxigraph"]
    code, report = reports["oxigraph"]
    assert code == 1 and report["violations"] > 0


def test_a_malformed_graph_is_one_sentence_with_the_oxigraph_engine(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:a> <urn:b> {", encoding="utf-8")
    code = main(["validate", str(bad), "--engine", "oxigraph"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "bad.trig" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_unsupported_constraint_is_named_not_ignored() -> None:
    shapes = Graph()
    shape, prop = URIRef("urn:test:Shape"), URIRef("urn:test:Shape-p")
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef("urn:test:C")))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, URIRef("urn:test:p")))
    shapes.add((prop, SH.hasValue, Literal("x")))
    with pytest.raises(UnsupportedShape, match="hasValue"):
        compile_shapes(shapes, [], [])
