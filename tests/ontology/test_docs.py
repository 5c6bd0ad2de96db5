"""`policykg docs --out DIR` writes a readable pyLODE page naming every class of the ontology,
deterministically and atomically; a file given as --out is a usage error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph

from policykg.ontology.gazetteer import ontology_file
from policykg.ontology.namespace import POL


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", "docs", *args],
                          capture_output=True, text=True, timeout=300)


def test_docs_writes_an_index_naming_every_class(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _run("--out", str(out))
    assert result.returncode == 0, result.stderr
    index = out / "index.html"
    html = index.read_text(encoding="utf-8")
    assert [p.name for p in out.iterdir()] == ["index.html"]  # no temp file left behind
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500]
    assert "policykg ontology" in html
    g = Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")
    classes = [c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(POL._NS))]
    assert len(classes) >= 30
    for cls in classes:
        assert str(cls) in html, f"{cls} missing from the documentation"
        en = next(lbl for lbl in g.objects(cls, RDFS.label) if lbl.language == "en")
        assert str(en) in html
    # the external terms policy.ttl declares only for OWL DL are not documented as our classes
    assert 'id="LegalResource"' not in html
    # deterministic: a second run gives the same bytes
    again = tmp_path / "again"
    assert _run("--out", str(again)).returncode == 0
    assert (again / "index.html").read_bytes() == index.read_bytes()


def test_docs_out_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file.html"
    target.write_text("x", encoding="utf-8")
    result = _run("--out", str(target))
    assert result.returncode == 2
    assert "is a file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "x"
