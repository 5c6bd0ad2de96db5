"""The bundled example corpus as PDF, Word, Markdown and OFD (``examples/corpus-formats``).

Each form builds to the same facts as ``examples/corpus`` (.txt and .html); the committed files
are what ``examples/make_formats.py`` writes; PDF evidence carries its page in the graph and in
``inspect``; a scanned and a damaged PDF each fail with one sentence in ``report.json``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rdflib import RDF, BNode, Literal, URIRef

from policykg.graph.build.serial import build
from policykg.ontology.namespace import OA, POL
from tests.loaders.format_helpers import CORPUS, CORPUS_FORMATS, make_formats

FORMATS = (".pdf", ".docx", ".md", ".ofd")
_PROVENANCE = {POL.evidence, POL.source, OA.hasSource}


def _facts(files: list[Path]) -> tuple[dict, set]:
    """Totals and every statement of the build except evidence and source-file nodes (their
    offsets and file identity differ by format by design) and the fixed graphs' blank nodes."""
    result = build(files, out=None, validate=False)
    ds = result.dataset
    skip = set(ds.subjects(RDF.type, POL.Evidence)) | set(ds.subjects(RDF.type, POL.SourceFile))
    facts = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))
             if p not in _PROVENANCE and s not in skip and o not in skip
             and not isinstance(s, BNode) and not isinstance(o, BNode)}
    return result.totals, facts


@pytest.fixture(scope="module")
def text_build() -> tuple[dict, set]:
    return _facts(sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")))


def test_the_corpus_exists_in_every_form() -> None:
    stems = sorted(p.stem for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    for suffix in FORMATS:
        assert sorted(p.stem for p in CORPUS_FORMATS.glob(f"*{suffix}")) == stems


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_form_builds_to_the_same_facts(text_build: tuple[dict, set], suffix: str) -> None:
    totals, facts = _facts(sorted(CORPUS_FORMATS.glob(f"*{suffix}")))
    want_totals, want = text_build
    assert (totals["sources"], totals["failed"], totals["documents"], totals["reports"]) == \
        (6, 0, 4, 2)
    for key in ("measures", "instruments", "agencies", "warnings"):
        assert totals[key] == want_totals[key], key
    assert sorted(want - facts) == [] and sorted(facts - want) == []
    assert len(facts) > 1000  # the comparison covers the whole graph, not an empty one


def _pdf_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_the_committed_files_are_what_the_script_writes(tmp_path: Path) -> None:
    """Word, Markdown and OFD files are byte for byte what the script writes; a PDF embeds a
    font subset that fpdf2 cuts with fontTools, whose bytes change with those libraries'
    releases, so a PDF is compared by what it holds: its pages and the text of each."""
    written = make_formats().write_formats(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in CORPUS_FORMATS.iterdir())
    for path in written:
        committed = CORPUS_FORMATS / path.name
        if path.suffix == ".pdf":
            pages = _pdf_pages(path)
            assert len(pages) >= 1 and all(page.strip() for page in pages), path.name
            assert pages == _pdf_pages(committed), path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


def test_pdf_evidence_carries_its_page_and_the_source_its_reader() -> None:
    pdf = CORPUS_FORMATS / "02-shenzhen-ai-robotics-measures-2025.pdf"
    ds = build([pdf], out=None, validate=False).dataset
    source = next(ds.subjects(RDF.type, POL.SourceFile))
    assert str(ds.value(source, POL.reader)).startswith("pypdfium2 ")
    assert ds.value(source, POL.pageCount) == Literal(2)
    assert ds.value(source, POL.mediaType) == Literal("application/pdf")
    assert ds.value(source, POL.encoding) is None
    doc = URIRef("https://w3id.org/policykg/id/doc/2025/shen-gong-xin-gui-3")
    pages = {}
    for ev in ds.objects(doc, POL.evidence):
        pages[str(ds.value(ev, OA.exact))] = ds.value(ev, POL.page)
    assert pages["深工信规〔2025〕3号"] == Literal(1)
    measure6 = URIRef(str(doc) + "/measure/6")
    assert {ds.value(ev, POL.page) for ev in ds.objects(measure6, POL.evidence)} == {Literal(2)}


def test_pdf_evidence_on_one_line_is_boxed_where_it_is_printed() -> None:
    """PDFium reads back, inside each single-line span's pol:boundingBox, the span's own
    text; a span wrapped over lines gets the box around all its lines."""
    pdf = CORPUS_FORMATS / "02-shenzhen-ai-robotics-measures-2025.pdf"
    ds = build([pdf], out=None, validate=False).dataset
    document = pdfium.PdfDocument(pdf)
    one_line = wrapped = 0
    for ev in sorted(set(ds.subjects(RDF.type, POL.Evidence))):
        exact, page = str(ds.value(ev, OA.exact)), int(ds.value(ev, POL.page))
        left, bottom, right, top = map(float, str(ds.value(ev, POL.boundingBox)).split())
        printed = document[page - 1].get_textpage().get_text_bounded(
            left - 0.05, bottom - 0.05, right + 0.05, top + 0.05)
        if top - bottom < 18:  # one printed line (12 pt type, lines 20 pt apart)
            assert re.sub(r"\s", "", printed) == re.sub(r"\s", "", exact), ev
            one_line += 1
        else:
            assert re.sub(r"\s", "", exact) in re.sub(r"\s", "", printed), ev
            wrapped += 1
    document.close()
    assert one_line >= 10 and wrapped >= 10  # 11 and 24 in this document


def test_text_evidence_has_no_page() -> None:
    ds = build([CORPUS / "01-shenzhen-robotics-measures-2023.txt"], out=None,
               validate=False).dataset
    assert list(ds.subject_objects(POL.page)) == []
    assert list(ds.subject_objects(POL.boundingBox)) == []
    assert list(ds.subject_objects(POL.reader)) == []


def test_inspect_shows_the_page_of_each_span() -> None:
    pdf = CORPUS_FORMATS / "02-shenzhen-ai-robotics-measures-2025.pdf"
    done = subprocess.run([sys.executable, "-m", "policykg.cli", "inspect", str(pdf)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    number = next(ln for ln in done.stdout.splitlines() if ln.startswith("Number:"))
    valid = next(ln for ln in done.stdout.splitlines() if ln.startswith("Valid:"))
    assert number.endswith(", page 1") and valid.endswith(", page 2")
    assert "pypdfium2" in done.stdout.splitlines()[0] and "2 pages" in done.stdout.splitlines()[0]
    done = subprocess.run([sys.executable, "-m", "policykg.cli", "inspect", "--json", str(pdf)],
                          capture_output=True, text=True, timeout=120, check=False)
    record = json.loads(done.stdout)["record"]
    assert record["number_span"]["page"] == 1 and record["validity_span"]["page"] == 2
    left, bottom, right, top = record["number_span"]["box"]  # PDF points, y upwards
    document = pdfium.PdfDocument(pdf)
    assert document[0].get_textpage().get_text_bounded(
        left - 0.05, bottom - 0.05, right + 0.05, top + 0.05) == "深工信规〔2025〕3号"
    document.close()
    assert "boxes" not in json.loads(done.stdout)["record"]["source"]


def test_a_scanned_and_a_damaged_pdf_each_give_one_line_in_the_report(tmp_path: Path) -> None:
    mf = make_formats()
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "a-notice.pdf").write_bytes((CORPUS_FORMATS /
                                           "01-shenzhen-robotics-measures-2023.pdf").read_bytes())
    (folder / "b-scan.pdf").write_bytes(mf.scanned_pdf_bytes(["某区关于支持企业发展的通知"]))
    good = (CORPUS_FORMATS / "02-shenzhen-ai-robotics-measures-2025.pdf").read_bytes()
    (folder / "c-damaged.pdf").write_bytes(good[: len(good) // 3])
    result = build([folder], out=tmp_path / "out", validate=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    by_name = {Path(s["path"]).name: s for s in report["sources"]}
    assert by_name["a-notice.pdf"]["status"] == "ok"
    for name, words in (("b-scan.pdf", "needs OCR"), ("c-damaged.pdf", "damaged PDF")):
        entry = by_name[name]
        assert entry["status"] == "failed" and entry["stage"] == "read", entry
        assert words in entry["error"] and "\n" not in entry["error"], entry["error"]
    assert result.exit_code == 3 and report["totals"]["failed"] == 2
