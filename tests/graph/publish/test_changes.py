"""Changes between builds: two builds of the example corpus, the second with one figure of one
document changed, give a diff and a change feed that name exactly that change; graphs added and
removed and documents newly repealed are named too."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from policykg.api import build, example_corpus
from policykg.cli import main
from policykg.graph.publish.changes import diff
from policykg.ontology.namespace import ID, POL
from tests.graph.conftest import export

ATOM = "{http://www.w3.org/2005/Atom}"
# Hand-read from the example corpus: the Guangzhou rules' article 4 caps the model voucher at
# 100万元 a year; the second build says 150万元.
CHANGED_DOC = "https://w3id.org/policykg/id/doc/2025/sui-gong-xin-gui-zi-5"
OLD_CAP, NEW_CAP = "单家企业每年最高100万元", "单家企业每年最高150万元"
MAX_AMOUNT = "<https://w3id.org/policykg/ontology#maxAmount>"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("changes")
    corpus = root / "corpus"
    shutil.copytree(example_corpus(), corpus)
    edited = [p for p in sorted(corpus.iterdir())
              if p.is_file() and OLD_CAP.encode() in p.read_bytes()]
    assert len(edited) == 1  # the sentence is in one document only
    data = edited[0].read_bytes()
    assert data.count(OLD_CAP.encode()) == 1
    build([example_corpus()], out=root / "old", validate=False)
    edited[0].write_bytes(data.replace(OLD_CAP.encode(), NEW_CAP.encode()))
    build([corpus], out=root / "new", validate=False)
    return root / "old", root / "new"


def test_diff_names_exactly_the_changed_document_and_figure(builds: tuple[Path, Path],
                                                            tmp_path: Path,
                                                            capsys: pytest.CaptureFixture) -> None:
    old, new = builds
    out = tmp_path / "changes.json"
    assert main(["diff", str(old), str(new), "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["old_version"] != data["new_version"]
    (change,) = data["changes"]
    assert change["kind"] == "changed" and change["resource"] == CHANGED_DOC
    amounts_added = [t for t in change["added"] if MAX_AMOUNT in t]
    amounts_removed = [t for t in change["removed"] if MAX_AMOUNT in t]
    assert len(amounts_added) == 1 and '"1500000"' in amounts_added[0]
    assert len(amounts_removed) == 1 and '"1000000"' in amounts_removed[0]
    assert all("/measure/4" in t for t in change["added"] + change["removed"])
    capsys.readouterr()
    assert main(["diff", str(old), str(new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("changed") and CHANGED_DOC in lines[1]


def test_the_site_feed_names_exactly_that_change(builds: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = builds
    site = export(new, "site", tmp_path / "site", "--previous", str(old))
    feed = ET.fromstring((site / "changes.atom").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    (entry,) = entries
    assert entry.find(f"{ATOM}link").get("href") == CHANGED_DOC
    assert entry.find(f"{ATOM}category").get("term") == "changed"
    content = entry.find(f"{ATOM}content").text
    assert f'+ <{CHANGED_DOC}/measure/4/instrument/1> {MAX_AMOUNT} "1500000"' in content
    assert f'- <{CHANGED_DOC}/measure/4/instrument/1> {MAX_AMOUNT} "1000000"' in content
    assert feed.find(f"{ATOM}updated").text.endswith("Z")
    assert 'href="changes.atom"' in (site / "index.html").read_text("utf-8")


def test_the_same_build_twice_has_no_change(builds: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture) -> None:
    old, _ = builds
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(": 0 changes")


def test_graphs_added_removed_and_documents_repealed() -> None:
    a, b, c = (URIRef(f"{ID}doc/2025/x-{n}") for n in (1, 2, 3))
    graph = {d: URIRef(f"{ID}graph/doc/2025/x-{n}") for n, d in ((1, a), (2, b), (3, c))}
    old = [(a, RDF.type, POL.PolicyDocument, graph[a]), (b, RDF.type, POL.PolicyDocument, graph[b])]
    new = [(a, RDF.type, POL.PolicyDocument, graph[a]), (c, RDF.type, POL.PolicyDocument, graph[c]),
           (c, POL.repeals, a, graph[c]), (c, POL.title, Literal("新办法", lang="zh-Hans"), graph[c])]
    found = [(ch.kind, ch.resource, len(ch.added), len(ch.removed)) for ch in diff(old, new).entries]
    assert found == [("repealed", str(a), 0, 0), ("removed", str(b), 0, 1), ("added", str(c), 3, 0)]


def test_diff_refuses_a_graph_without_named_graphs(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    flat = tmp_path / "flat.ttl"
    flat.write_text("<http://example.org/a> <http://example.org/b> 1 .\n", "utf-8")
    assert main(["diff", str(flat), str(flat)]) == 2
    err = capsys.readouterr().err
    assert "has no named graphs to compare" in err and "Traceback" not in err
