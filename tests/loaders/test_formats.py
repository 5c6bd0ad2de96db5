"""Every format gives the records of its plain-text twin; PDF pages, headers, tables, errors.

The documents are made here from the project's own example texts (``examples/corpus``) with the
generator of ``examples/make_formats.py``: a PDF with small pages, a running header and page
numbers (fpdf2, Droid Sans Fallback), a Word file whose measures carry automatic numbering, a
Markdown file with front matter, an OFD file laid out like the PDF. Each must read as its
``.txt``/``.html`` twin does: same number, titles, issuers, dates, measures with their amounts,
shares, quotas and units, same claims for the reports.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from policykg.loaders.pages import page_at
from policykg.loaders.route import load
from policykg.loaders.source import SourceError, read_source, source_from_bytes
from tests.loaders.format_helpers import CORPUS, make_formats, record_facts

DOCS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
FORMATS = (".pdf", ".docx", ".md", ".ofd")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus written as PDF, Word, Markdown and OFD into a fresh folder."""
    mf = make_formats()
    out = tmp_path_factory.mktemp("formats")
    for name in DOCS:
        lines = mf.document_lines(CORPUS / name)
        stem = Path(name).stem
        pdf = mf.pdf_bytes(lines)
        (out / f"{stem}.pdf").write_bytes(pdf)
        (out / f"{stem}.ofd").write_bytes(mf.ofd_bytes(pdf))
        (out / f"{stem}.docx").write_bytes(mf.docx_bytes(lines))
        (out / f"{stem}.md").write_text(mf.markdown_text(lines, mf.FRONT_MATTER.get(stem)),
                                        encoding="utf-8")
    return out


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("name", DOCS)
def test_each_format_reads_as_its_text_twin(generated: Path, name: str, suffix: str) -> None:
    twin = load(CORPUS / name)
    copy = load(generated / f"{Path(name).stem}{suffix}")
    assert copy.error is None and twin.record is not None and copy.record is not None
    assert type(copy.record) is type(twin.record)
    assert record_facts(copy.record) == record_facts(twin.record)
    assert copy.warnings == twin.warnings  # nothing noticed while reading a well-made file


def test_the_facts_compared_are_the_documents_facts(generated: Path) -> None:
    """The comparison above is not vacuous: the twin of 02 has its number and six measures."""
    facts = record_facts(load(generated / "02-shenzhen-ai-robotics-measures-2025.pdf").record)
    assert facts["number"] == "深工信规〔2025〕3号"
    assert len(facts["measures"]) == 6
    first = facts["measures"][0]
    assert ("0.3", "cost_share") in first[4] and ("3000000", "per_recipient_cap") in first[3]


@pytest.mark.parametrize(("suffix", "media_type", "reader"), [
    (".pdf", "application/pdf", "pypdfium2"),
    (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "python-docx"),
    (".md", "text/markdown", "markdown-it-py"),
    (".ofd", "application/ofd", "ofdkit"),
])
def test_the_source_records_format_and_reader(generated: Path, suffix: str, media_type: str,
                                              reader: str) -> None:
    source = read_source(generated / f"02-shenzhen-ai-robotics-measures-2025{suffix}")
    assert source.media_type == media_type
    assert source.reader is not None and source.reader.split()[0] == reader
    assert re.fullmatch(r"\d+(\.\d+)+", source.reader.split()[1])
    assert source.encoding == ("" if suffix != ".md" else "utf-8")


@pytest.mark.parametrize("suffix", [".pdf", ".ofd"])
def test_page_starts_point_at_each_pages_text(generated: Path, suffix: str) -> None:
    """Every span's page is the page whose printed text holds it (read with PDFium directly)."""
    path = generated / f"02-shenzhen-ai-robotics-measures-2025{suffix}"
    doc = load(path).record
    pages = doc.source.pages
    assert [p for p, _ in pages] == [1, 2] and pages[0][1] == 0
    printed = _printed_pages(generated / "02-shenzhen-ai-robotics-measures-2025.pdf")
    spans = [doc.number_span, doc.date_span, doc.validity_span, doc.title_span]
    spans += [a.span for m in doc.measures for a in m.amounts]
    for span in spans:
        head = re.sub(r"\s", "", span.text)[:4]
        assert head in printed[page_at(pages, span.start) - 1], span
    assert page_at(pages, doc.number_span.start) == 1
    assert page_at(pages, doc.validity_span.start) == 2


def _printed_pages(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    texts = [re.sub(r"\s", "", document[i].get_textpage().get_text_range())
             for i in range(len(document))]
    document.close()
    return texts


def test_pdf_headers_footers_and_page_numbers_are_dropped(generated: Path) -> None:
    mf = make_formats()
    for name in DOCS:
        text = read_source(generated / f"{Path(name).stem}.pdf").text
        assert mf.RUNNING_HEADER not in text
        assert not re.search(r"^\s*—\s*\d+\s*—\s*$", text, re.M), name


@pytest.mark.parametrize("name", ["01-shenzhen-robotics-measures-2023.txt",
                                  "03-zhejiang-embodied-ai-measures-2025.txt",
                                  "05-news-zhejiang-embodied-ai-2025.txt"])
def test_pdf_lines_broken_across_a_page_are_joined(generated: Path, name: str) -> None:
    """These three break a sentence over pages 1 and 2; the text holds the sentence whole."""
    source = read_source(generated / f"{Path(name).stem}.pdf")
    boundary = source.pages[1][1]
    assert source.text[boundary - 1] != "\n"  # page 2 starts inside a paragraph
    line = source.text[source.text.rfind("\n", 0, boundary) + 1: source.text.find("\n", boundary)]
    assert line in read_source(CORPUS / name).text.split("\n")


def test_pdf_and_word_tables_keep_one_line_per_row() -> None:
    mf = make_formats()
    table = [["项目类别", "补助比例", "单个项目最高"], ["核心部件攻关", "40%", "2000万元"],
             ["整机首台套", "20%", "500万元"]]
    lines = ["某市支持机器人产业的补助标准", "按下表给予补助："]
    for data, name in ((mf.pdf_bytes(lines, table=table), "t.pdf"),
                       (mf.docx_bytes(lines, table=table), "t.docx")):
        text = source_from_bytes(data, name).text.split("\n")
        for row in table:
            assert " ".join(row) in text, (name, row, text)


def test_a_scanned_pdf_needs_ocr_in_one_sentence() -> None:
    mf = make_formats()
    data = mf.scanned_pdf_bytes(["扫描件示例：某区关于支持企业发展的通知", "一、给予奖励。"])
    with pytest.raises(SourceError) as err:
        source_from_bytes(data, "scan.pdf")
    message = str(err.value)
    assert "scan.pdf" in message and "needs OCR" in message and "\n" not in message


def test_a_pdf_with_one_scanned_page_warns_about_that_page(tmp_path: Path) -> None:
    mf = make_formats()
    text_pdf = pdfium.PdfDocument(mf.pdf_bytes(["某区关于支持企业发展的通知", "一、给予奖励。"]))
    scan = pdfium.PdfDocument(mf.scanned_pdf_bytes(["另一页"]))
    merged = pdfium.PdfDocument.new()
    merged.import_pages(text_pdf)
    merged.import_pages(scan)
    path = tmp_path / "mixed.pdf"
    merged.save(str(path))
    source = read_source(path)
    assert [w.code for w in source.warnings] == ["no-text-layer"]
    assert "page 2 of mixed.pdf" in source.warnings[0].message
    assert source.pages == [(1, 0)]


@pytest.mark.parametrize(("data", "name", "words"), [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer broken", "broken.pdf",
     "damaged PDF"),
    (b"<html><body>Not found</body></html>", "page.pdf", "not a PDF file"),
    (b"plain words", "notes.docx", "not a Word (.docx) file"),
    (b"PK\x03\x04 truncated", "cut.docx", "damaged zip archive"),
    (b"plain words", "doc.ofd", "not an OFD file"),
])
def test_a_broken_file_gives_one_sentence(data: bytes, name: str, words: str) -> None:
    with pytest.raises(SourceError) as err:
        source_from_bytes(data, name)
    assert words in str(err.value) and name in str(err.value)
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def test_a_password_protected_pdf_says_so() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Sealed notice")
    with pytest.raises(SourceError, match="password-protected PDF"):
        source_from_bytes(bytes(pdf.output()), "sealed.pdf")


def test_an_ofd_without_text_needs_ocr() -> None:
    mf = make_formats()
    ofd = mf.ofd_bytes(mf.pdf_bytes(["某区通知"]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ofd)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("Content.xml"):
                data = re.sub(rb"<ofd:TextObject.*?</ofd:TextObject>", b"", data)
            dst.writestr(info, data)
    with pytest.raises(SourceError, match="needs OCR"):
        source_from_bytes(out.getvalue(), "scan.ofd")


def test_a_pdf_is_recognised_by_its_bytes_whatever_its_name(generated: Path) -> None:
    data = (generated / "01-shenzhen-robotics-measures-2023.pdf").read_bytes()
    assert source_from_bytes(data, "download.bin").media_type == "application/pdf"


def test_a_zip_member_needing_a_newer_zip_version_is_a_damaged_file() -> None:
    """Regression: zipfile raises NotImplementedError (not BadZipFile) for a member whose
    "version needed to extract" it does not support; that escaped as a crash."""
    data = bytearray(make_formats().docx_bytes(["某区通知", "一、给予奖励。"]))
    central = data.find(b"PK\x01\x02")
    while central >= 0:  # every central directory entry: version needed to extract = 9.9
        data[central + 6] = 99
        central = data.find(b"PK\x01\x02", central + 4)
    with pytest.raises(SourceError, match="damaged"):
        source_from_bytes(bytes(data), "notice.docx")
