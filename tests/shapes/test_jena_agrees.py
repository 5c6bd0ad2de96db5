"""A second SHACL engine, Apache Jena (Debian ``libapache-jena-java``), agrees with pySHACL.

Jena's ``shacl validate`` runs with ``java -cp`` on the jars in /usr/share/java
(``tests/store/jena.py``). Every fixture
(conforming and violating) is checked in ONE Jena run: each fixture's instance IRIs are moved
under their own prefix so they cannot meet. For each fixture and for the seed graph the two
engines must give the same verdict (a Violation or none) and the same findings
(sh:sourceShape, focus node, severity).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from policykg.shapes.validate import (
    ontology_hierarchy,
    shapes_file,
    validate_dataset,
    validate_graph,
)
from tests.store.jena import jena_classpath, unavailable

from .conftest import FIXTURES, fixture_graph

ID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory):
    """A function running Jena SHACL on an N-Triples file; returns the report graph."""
    java, classpath = jena_classpath(tmp_path_factory.mktemp("jena-xerces-bundles"))

    def run(data: Path) -> Graph:
        proc = subprocess.run(
            [java, "-cp", classpath, "shacl.shacl", "validate",
             "--shapes", str(shapes_file()), "--data", str(data)],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0 and not proc.stdout.strip():
            unavailable(f"Jena SHACL did not run: {proc.stderr.strip()[:400]}")
        return Graph().parse(data=proc.stdout, format="turtle")

    return run


def _findings(report: Graph) -> set[tuple[str, str, str]]:
    out = set()
    for r in report.objects(None, SH.result):
        out.add((str(report.value(r, SH.sourceShape)), str(report.value(r, SH.focusNode)),
                 str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return out


def _ours(result) -> set[tuple[str, str, str]]:
    return {(r.source_shape, r.focus, r.severity) for r in result.results}


def _moved(g: Graph, prefix: str) -> Graph:
    def move(node):
        if isinstance(node, URIRef) and str(node).startswith(ID):
            return URIRef(ID + prefix + "/" + str(node).removeprefix(ID))
        return node

    out = Graph()
    for s, p, o in g:
        out.add((move(s), p, move(o)))
    return out


def test_jena_and_pyshacl_agree_on_every_fixture(jena, tmp_path: Path) -> None:
    combined = Graph()
    for t in ontology_hierarchy():
        combined.add(t)
    cases = []
    for shape_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for kind in ("conforms", "violates"):
            prefix = f"{shape_dir.name}-{kind}"
            moved = _moved(fixture_graph(shape_dir.name, kind), prefix)
            for t in moved:
                combined.add(t)
            cases.append((prefix, validate_graph(moved)))
    data = tmp_path / "fixtures.nt"
    combined.serialize(data, format="nt", encoding="utf-8")
    theirs = _findings(jena(data))
    assert len(cases) >= 26
    for prefix, ours in cases:
        mine = {f for f in theirs if f[1].startswith(ID + prefix + "/")}
        jena_conforms = all(sev != "Violation" for _, _, sev in mine)
        assert jena_conforms == ours.conforms, prefix
        assert mine == _ours(ours), prefix
    assert any(sev == "Violation" for _, _, sev in theirs)


def test_jena_and_pyshacl_agree_on_the_seed_graph(jena, seed_dataset: Dataset, tmp_path: Path) -> None:
    union = Graph()
    for g in seed_dataset.graphs():
        for t in g:
            union.add(t)
    data = tmp_path / "seeds.nt"
    union.serialize(data, format="nt", encoding="utf-8")
    theirs = _findings(jena(data))
    ours = validate_dataset(seed_dataset)
    assert ours.conforms
    assert all(sev != "Violation" for _, _, sev in theirs), theirs
    assert theirs == _ours(ours)
