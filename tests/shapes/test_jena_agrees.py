"""A second SHACL engine, Apache Jena (Debian ``libapache-jena-java``), agrees with pySHACL.

Jena's ``shacl validate`` runs with ``java -cp`` on the jars in /usr/share/java. Every fixture
(conforming and violating) is checked in ONE Jena run: each fixture's instance IRIs are moved
under their own prefix so they cannot meet. For each fixture and for the seed graph the two
engines must give the same verdict (a Violation or none) and the same findings
(sh:sourceShape, focus node, severity).

Debian's Jena 4.5 jars relocate Xerces to the package ``xerces`` but keep its message bundles
under ``org/apache/jena/ext/xerces``; the bundles are copied to where the classes look for them
(a small folder put first on the class path), else Jena fails at start-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
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

from .conftest import FIXTURES, fixture_graph

JARS = Path("/usr/share/java")
ID = "https://w3id.org/policykg/id/"
# Jena's SHACL command and what it needs at run time (Debian package names of the jars).
NEEDED = (
    "jena-shacl", "jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shaded-guava",
    "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage", "jena-dboe-trans-data",
    "jena-dboe-transaction", "jena-tdb", "jena-tdb2", "jena-rdfconnection", "jena-shex",
    "slf4j-api", "slf4j-nop", "commons-cli", "commons-codec", "commons-compress", "commons-io",
    "commons-lang3", "commons-csv", "dexx.collection", "gson", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "titanium-json-ld", "protobuf", "thrift", "httpclient",
    "httpcore", "jakarta.json-api", "guava",
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory):
    """A function running Jena SHACL on an N-Triples file; returns the report graph."""
    java = shutil.which("java")
    if java is None or not (JARS / "jena-shacl.jar").is_file():
        _unavailable("java or Apache Jena (libapache-jena-java) is not installed")
    jars = [JARS / f"{name}.jar" for name in NEEDED if (JARS / f"{name}.jar").is_file()]
    fix = tmp_path_factory.mktemp("jena-xerces-bundles")
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = fix / "xerces" / name.removeprefix("org/apache/jena/ext/xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    classpath = os.pathsep.join([str(fix)] + [str(j) for j in jars])

    def run(data: Path) -> Graph:
        proc = subprocess.run(
            [java, "-cp", classpath, "shacl.shacl", "validate",
             "--shapes", str(shapes_file()), "--data", str(data)],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0 and not proc.stdout.strip():
            _unavailable(f"Jena SHACL did not run: {proc.stderr.strip()[:400]}")
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
