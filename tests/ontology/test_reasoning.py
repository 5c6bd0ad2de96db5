"""HermiT finds the ontology + vocabularies consistent with no unsatisfiable class; `policykg
reason` says so, flags an inconsistent data graph with exit 1, and explains a missing Java."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal, URIRef

from policykg.ontology.namespace import ID, ONTOLOGY_IRI, POL
from policykg.ontology.reasoning import dl_view, java_available

DATA = Path(__file__).parent / "fixtures" / "reasoning"


def _need_java() -> None:
    if not java_available():
        if os.environ.get("CI"):
            pytest.fail("java is required in CI for the HermiT tests")
        pytest.skip("java not installed")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", "reason", *args],
                          capture_output=True, text=True, timeout=300)


def test_reason_finds_ontology_and_vocabularies_consistent() -> None:
    _need_java()
    result = _cli()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("consistent: ontology + vocabularies")
    assert "no unsatisfiable classes" in result.stdout


def _seed_graph() -> Graph:
    """The seed corpus built in-process (no outputs), without ontology/vocabulary graphs."""
    from policykg.graph.build.serial import build
    from tests.conftest import SEEDS

    if not SEEDS.is_dir():
        return Graph()
    ds = build([SEEDS], out=None, validate=False).dataset
    skip = {ONTOLOGY_IRI, ID["graph/vocab"]}
    g = Graph()
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        if getattr(ctx, "identifier", ctx) not in skip:
            g.add((s, p, o))
    return g


def test_conforming_data_and_the_seed_build_are_consistent() -> None:
    """One HermiT run over a hand-written conforming graph plus the graph built from the
    seeds: what graph/ writes must agree with the ontology's types, domains and ranges."""
    _need_java()
    from policykg.ontology.reasoning import check, data_graph
    from policykg.store.rdfinput import load_dataset

    data = data_graph(load_dataset(DATA / "consistent.ttl"))
    seeds = _seed_graph()
    report = check(data + seeds)
    assert report.ill_typed == []
    assert report.consistent, report.diagnosis
    assert report.unsatisfiable == [] and report.ok
    assert report.triples > 3000 + len(data) + len(seeds) // 2


def test_reason_flags_an_inconsistent_data_graph(capsys) -> None:
    _need_java()
    from policykg.cli import main

    assert main(["reason", str(DATA / "inconsistent.ttl")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("inconsistent:")
    # the diagnosis names the node typed with two disjoint classes, and the ill-typed triple
    assert "doc/2025/test-1/measure/1 is both" in out
    assert "literal value of an object property" in out


def test_reason_on_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _cli(str(tmp_path / "nope.ttl"))
    assert result.returncode == 2
    assert "nope.ttl does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_reason_on_an_unparsable_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    result = _cli(str(bad))
    assert result.returncode == 2
    assert "could not be parsed as RDF" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_java_is_one_sentence(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import policykg.ontology.reasoning as reasoning
    from policykg.cli import main

    monkeypatch.setattr(reasoning, "java_available", lambda: False)
    assert main(["reason"]) == 2
    err = capsys.readouterr().err.strip()
    assert "Java runtime" in err and "java" in err
    assert len(err.splitlines()) == 1


def test_dl_view_maps_datatypes_and_sets_aside_ill_typed_triples() -> None:
    g = Graph()
    doc = ID["doc/2025/test-1"]
    g.add((doc, POL.dateIssued, Literal("2025-03-09", datatype=XSD.date)))
    g.add((doc, POL.issuedBy, Literal("not an agency")))
    g.add((doc, URIRef("http://example.org/undeclared"), Literal(3)))
    from policykg.ontology.reasoning import tbox_graph

    tbox = tbox_graph()
    view, ill = dl_view(tbox + g)
    assert (doc, POL.dateIssued, Literal("2025-03-09T00:00:00", datatype=XSD.dateTime)) in view
    assert len(ill) == 1 and "issuedBy" in ill[0]
    assert (POL.validUntil, URIRef("http://www.w3.org/2000/01/rdf-schema#range"),
            XSD.dateTime) in view
    owl_dp = URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert (URIRef("http://example.org/undeclared"), rdf_type, owl_dp) in view


def test_reason_on_a_build_folder_without_dump_is_a_usage_error(tmp_path: Path) -> None:
    result = _cli(str(tmp_path))
    assert result.returncode == 2
    assert "policykg.trig does not exist" in result.stderr


def test_ill_typed_triples_fail_even_when_the_rest_is_consistent(monkeypatch, capsys) -> None:
    import policykg.ontology.reasoning as reasoning
    from policykg.cli import main

    line = '<https://w3id.org/policykg/id/x> <https://w3id.org/policykg/ontology#period> "1" .'
    monkeypatch.setattr(reasoning, "check", lambda data=None: reasoning.ReasoningReport(
        consistent=True, ill_typed=[line], triples=10, seconds=0.1))
    assert main(["reason"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ill-typed (the rest is consistent):")
    assert line in out
