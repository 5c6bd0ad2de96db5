"""Exports are safe to open: labels with ``<script>``, ``=cmd|…`` and ``../`` are harmless in
HTML, CSV and the site; file names derived from IRIs never leave the output folder; export
never replaces a folder it did not write."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path, PurePosixPath

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.cli import main
from policykg.ontology.namespace import BASE
from policykg.queries.cells import csv_text, neutralise_cell
from policykg.store.paths import HASHED_DIR, inside, iri_relpath

from .conftest import export

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


@pytest.mark.parametrize("text", [FORMULA, "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  "＝HYPERLINK(1)", " =1"])
def test_csv_cells_never_start_a_formula(text: str) -> None:
    safe = neutralise_cell(text)
    assert safe.startswith("'") and safe[1:] == text


@pytest.mark.parametrize("text", ["-5", "+3.25", "8000000", "测试省人民政府", TRAVERSAL, SCRIPT, ""])
def test_csv_leaves_numbers_and_ordinary_text(text: str) -> None:
    assert neutralise_cell(text) == text


def test_csv_text_round_trips_hostile_labels() -> None:
    text = csv_text(["label", "amount"], [[FORMULA, "8000000"], [SCRIPT, -5], [TRAVERSAL, None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + FORMULA, "8000000"]
    assert rows[2] == [SCRIPT, "-5"]
    assert rows[3] == [TRAVERSAL, ""]
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


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


@pytest.mark.parametrize("iri", [
    BASE + "id/../../escape", BASE + "id/program/%2e%2e/odd%20name", BASE + "id/a/./b",
    BASE + "id//etc/passwd", BASE + "/etc/passwd", BASE + "id/a\\..\\b", BASE + "id/a?x=1",
    BASE + "id/a#frag", BASE + "id/" + "x" * 300, BASE + "_h/abc", BASE + "id/.hidden",
    BASE + "id/a.ttl/b", BASE,
])
def test_unsafe_iris_get_hashed_paths(iri: str) -> None:
    rel = iri_relpath(iri)
    assert rel is not None and rel.parts[0] == HASHED_DIR and len(rel.parts) == 2


def test_safe_iris_keep_their_path() -> None:
    assert iri_relpath(BASE + "id/doc/2025/yue-fu-ban-6") == PurePosixPath("id/doc/2025/yue-fu-ban-6")
    assert iri_relpath("https://example.org/x") is None


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../b", "a\\b", ""])
def test_inside_refuses_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError):
        inside(tmp_path, rel)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_iri_maps_inside_the_folder(tmp_path_factory: pytest.TempPathFactory, tail: str) -> None:
    root = tmp_path_factory.getbasetemp() / "hyp-root"
    rel = iri_relpath(BASE + tail)
    assert rel is not None
    target = inside(root, rel)  # raises if it would escape
    assert target.resolve().is_relative_to(root.resolve())
    assert all(part not in ("..", ".") and "/" not in part for part in rel.parts)


def test_rdfxml_input_never_resolves_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    source = tmp_path / "xxe.rdf"
    source.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '<rdf:Description rdf:about="https://w3id.org/policykg/id/x">'
        "<rdfs:label>&xxe;</rdfs:label></rdf:Description>\n</rdf:RDF>\n")
    out = tmp_path / "out.nt"
    code = main(["export", str(source), "--format", "nt", "--out", str(out)])
    if code == 0:
        assert "TOP-SECRET-VALUE" not in out.read_text("utf-8")
    else:
        assert code == 2 and not out.exists()
