"""``build``, ``stats``, ``push`` and ``tables`` print the same totals with the same words (issue 22,
item 3): the seeds and the bundled example corpus are built, the printed tables are read back,
and the numbers are checked against each other, against the per-source counts the loaders
report in report.json, and against what a real ``oxigraph serve`` holds after ``push``.

Regression: before, ``build`` printed 32 instruments and 14101 triples for the seeds, ``stats``
37 funding instruments (reported offers included) and ``push`` 14127 triples (quads)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.store.servers import oxigraph_server

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "corpus"
WORDS = ["documents", "measures", "offers", "agencies", "reports", "claims", "triples", "graphs",
         "quads"]


def policykg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True,
                          text=True, timeout=600)


def totals_after(text: str, marker: str | None = None) -> dict[str, int]:
    """The totals table printed in ``text``: the header line of WORDS and the values below it
    (after the line ``marker`` when given)."""
    lines = text.splitlines()
    if marker is not None:
        lines = lines[[ln.strip() for ln in lines].index(marker) + 1:]
    for i, line in enumerate(lines):
        words = line.split()
        if words[:len(WORDS)] == WORDS:
            return dict(zip(words, map(int, lines[i + 1].split()[:len(WORDS)]), strict=False))
    raise AssertionError(f"no totals table in:\n{text}")


def server_count(query_url: str, sparql: str) -> int:
    """One number from the server, asked directly over the SPARQL protocol (not through policykg)."""
    body = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(query_url, data=body,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        bindings = json.load(answer)["results"]["bindings"]
    return int(bindings[0]["n"]["value"])


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("corpus") / "kg"
    done = policykg("build", str(CORPUS), "--out", str(out), "--no-validate")
    assert done.returncode == 0, done.stderr[-2000:]
    return out, done.stdout


@pytest.fixture(scope="module")
def seeds_printed(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("seeds") / "kg"
    done = policykg("build", str(seeds_dir), "--out", str(out), "--no-validate")
    assert done.returncode in (0, 3) and (out / "policykg.trig").is_file(), done.stderr[-2000:]
    return out, done.stdout


@pytest.fixture(params=["seeds", "corpus"])
def printed(request) -> tuple[Path, str]:
    return request.getfixturevalue("seeds_printed" if request.param == "seeds" else "corpus_build")


def test_build_stats_push_and_tables_print_the_same_totals(printed, tmp_path) -> None:
    out, build_out = printed
    trig = out / "policykg.trig"
    built = totals_after(build_out)

    stats = policykg("stats", str(trig))
    assert stats.returncode == 0, stats.stderr
    assert totals_after(stats.stdout, "Totals") == built

    tables = policykg("tables", "--graph", str(trig), str(tmp_path / "tables"))
    assert tables.returncode == 0, tables.stderr
    assert totals_after(tables.stdout) == built

    with oxigraph_server(tmp_path / "server") as url:
        pushed = policykg("push", str(trig), "--endpoint", url)
        assert pushed.returncode == 0, pushed.stderr
        assert totals_after(pushed.stderr, "the endpoint now holds:") == built
        # what the server holds, asked without policykg: one copy of a triple per named graph
        held = server_count(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        documents = server_count(url, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a "
                                      "<https://w3id.org/policykg/ontology#PolicyDocument> ; "
                                      "<https://w3id.org/policykg/ontology#source> ?s } }")
    assert f"pushed {built['graphs']} graphs ({built['quads']} quads)" in pushed.stderr
    assert held == built["quads"] and documents == built["documents"]


def test_the_totals_agree_with_what_each_loaded_source_reported(printed) -> None:
    """The store's documents, measures and offers are the sums of the per-source counts the
    converter recorded while building each official document (report.json)."""
    out, build_out = printed
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    official = [s for s in report["sources"] if s["status"] == "ok" and s["kind"] == "official"]
    built = totals_after(build_out)
    assert built["documents"] == len(official) > 0
    assert built["measures"] == sum(s["counts"]["measures"] for s in official) > 0
    assert built["offers"] == sum(s["counts"]["instruments"] for s in official) > 0
    assert built["reports"] == sum(1 for s in report["sources"]
                                   if s["status"] == "ok" and s["kind"] == "report")
    assert built["claims"] == sum(s["counts"].get("claims", 0) for s in report["sources"]
                                  if s["kind"] == "report")
    assert {k: report["totals"][k] for k in WORDS} == built
    nt_lines = sum(1 for line in (out / "policykg.nt").read_text(encoding="utf-8").splitlines()
                   if line.strip())
    assert built["triples"] == nt_lines <= built["quads"]


def test_the_parallel_build_counts_the_same(seeds_printed, seeds_dir, tmp_path) -> None:
    _, build_out = seeds_printed
    done = policykg("build", str(seeds_dir), "--out", str(tmp_path / "p"), "--no-validate",
                    "--jobs", "2")
    assert done.returncode in (0, 3), done.stderr[-2000:]
    assert totals_after(done.stdout) == totals_after(build_out)
