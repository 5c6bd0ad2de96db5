"""Exports are safe to open: labels with ``<script>``, ``=cmd|…`` and ``../`` are harmless in
HTML, CSV and the site; no file is written outside the output folder; export never replaces a
folder it did not write. (The IRI → file name rules are tested in ``tests/store/test_paths.py``,
the CSV cell rule in ``tests/queries/test_cells.py``.)"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

from policykg.cli import main
from policykg.store.paths import HASHED_DIR
from tests.graph.conftest import export

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
TRAVERSAL = "../../etc/passwd"


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_site_pages_show_hostile_labels_as_text(mini_all: Path) -> None:
    site = mini_all / "site"
    pages = html_pages(site)
    assert len(pages) > 10
    seen_script_text = False
    for page in pages:
        if page.name == "explorer.html":
            continue
        raw = page.read_text("utf-8")
        doc = lxml.html.fromstring(raw)
        # no page of the site runs a script (pyLODE's page carries inert JSON-LD metadata)
        assert all(s.get("type") == "application/ld+json" for s in doc.xpath("//script")), page
        if page.parent == site / "id" or site / "id" in page.parents:
            assert "<script" not in raw.lower(), page
        links = doc.xpath("//@href | //@src | //@action")
        assert not [h for h in links if h.strip().lower().startswith(("javascript", "data:text"))]
        assert not doc.xpath("//b"), page  # the English label's <b> stays text
        seen_script_text |= SCRIPT in doc.text_content()
    assert seen_script_text
    program = (site / "id" / "program" / "traversal.html").read_text("utf-8")
    doc = lxml.html.fromstring(program)
    assert doc.xpath("//h1")[0].text_content() == TRAVERSAL
    # rdfs:seeAlso <javascript:alert(2)> is shown as code, never as a link
    assert "javascript:alert(2)" in doc.text_content()
    assert not [h for h in doc.xpath("//a/@href") if h.lower().startswith("javascript")]


def test_explorer_embeds_labels_as_inert_json(mini_all: Path) -> None:
    raw = (mini_all / "explorer.html").read_text("utf-8")
    assert SCRIPT not in raw and "<b>bold" not in raw
    data = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', raw, re.S)
    assert data is not None
    parsed = json.loads(data.group(1))
    labels = {n["label"] for n in parsed["nodes"]}
    assert SCRIPT + "测试措施" in labels
    # exactly three script elements: data, vis-network, the explorer's own code
    assert raw.lower().count("</script") == 3
    assert len(lxml.html.fromstring(raw).xpath("//script")) == 3


def test_no_file_is_written_outside_out(mini_trig: Path, tmp_path: Path) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    export(mini_trig, "site", parent / "site")
    assert [p.name for p in parent.iterdir()] == ["site"]  # no temp or stray files beside it
    root = (parent / "site").resolve()
    for path in root.rglob("*"):
        assert path.resolve().is_relative_to(root)
        assert not path.is_symlink()
    hashed = sorted((root / HASHED_DIR).glob("*.html"))
    assert len(hashed) == 2  # the two IRIs with `..` / `%2e%2e` get hashed names inside the site
    labels = {lxml.html.fromstring(p.read_bytes()).xpath("//h1")[0].text_content() for p in hashed}
    assert labels == {"escaping IRI", "+odd"}
    assert not (tmp_path / "escape.html").exists() and not (tmp_path / "etc").exists()


def test_export_refuses_to_replace_a_foreign_folder(mini_trig: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("keep me")
    code = main(["export", str(mini_trig), "--format", "site", "--out", str(foreign)])
    assert code == 2
    assert "not empty" in capsys.readouterr().err
    assert (foreign / "thesis.tex").read_text() == "keep me"
    # the input's own folder is refused too
    code = main(["export", str(mini_trig), "--format", "all", "--out", str(mini_trig.parent)])
    assert code == 2
    assert mini_trig.is_file()


def test_export_replaces_its_own_previous_output(mini_trig: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export(mini_trig, "site", out)
    (out / "stale.html").write_text("old")
    export(mini_trig, "site", out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()


def test_cli_errors_are_one_sentence(mini_trig: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "missing"), "--format", "ttl", "--out",
                 str(tmp_path / "x.ttl")]) == 2
    assert main(["export", str(mini_trig), "--format", "void", "--out", str(tmp_path / "v.ttl"),
                 "--created", "yesterday"]) == 2
    assert main(["export", str(mini_trig), "--format", "void", "--out", str(tmp_path / "v.ttl"),
                 "--endpoint", "javascript:alert(1)"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 3


def test_query_csv_neutralises_the_agency_formula_label(mini_trig: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    query = tmp_path / "labels.rq"
    query.write_text("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                     "SELECT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label\n")
    out = tmp_path / "labels.csv"
    code = main(["query", str(query), "--graph", str(mini_trig), "--format", "csv",
                 "--output", str(out)])
    assert code == 0, capsys.readouterr().err
    cells = [row[0] for row in csv.reader(io.StringIO(out.read_text("utf-8")))][1:]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert "'@SUM(1+1)" in cells and "'+odd" in cells
    assert SCRIPT + "测试措施" in cells
