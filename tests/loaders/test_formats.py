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
    rows = ["项目类别为核心部件攻关，补助比例为40%，单个项目最高为2000万元。",
            "项目类别为整机首台套，补助比例为20%，单个项目最高为500万元。"]
    for data, name in ((mf.pdf_bytes(lines, table=table), "t.pdf"),
                       (mf.docx_bytes(lines, table=table), "t.docx")):
        text = [ln for ln in source_from_bytes(data, name).text.split("\n") if ln]
        assert text[-4:] == lines + rows, name  # (a one-page PDF keeps its running header)


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


def _blank_pdf():
    """An fpdf2 document with the CJK and Latin fonts, pages placed by hand (no auto break)."""
    from fpdf import FPDF

    mf = make_formats()
    pdf = FPDF(format=(148, 210), unit="mm")
    pdf.set_creation_date(mf.FIXED_DATE)
    pdf.add_font("cjk", fname=mf.font_path())
    pdf.add_font("latin", fname=mf.LATIN_FONT)
    pdf.set_fallback_fonts(["latin"])
    pdf.set_auto_page_break(False)
    return pdf


def _official_layout_pdf(title: str, paragraphs: list[str], pages_footer: str = "- {} -") -> bytes:
    """A PDF laid out like a printed notice: a large centred title wrapped over two lines, body
    paragraphs whose first line is indented by position (no ideographic spaces in the text),
    wrapped character by character at the margin, a page number at the foot of each page."""
    pdf = _blank_pdf()
    left, right, top, bottom, pitch, size = 18.0, 130.0, 20.0, 185.0, 7.0, 12
    em = size * 25.4 / 72

    def put(x: float, y: float, text: str) -> None:  # cell(), unlike text(), has fallback fonts
        pdf.set_xy(x, y)
        pdf.cell(text=text)

    def footer() -> None:
        pdf.set_font("cjk", size=9)
        put(70, 196, pages_footer.format(pdf.page_no()))

    pdf.add_page()
    pdf.set_font("cjk", size=18)
    half = len(title) // 2 + 1
    y = top + 8
    for part in (title[:half], title[half:]):
        put((148 - pdf.get_string_width(part)) / 2, y, part)
        y += 10
    pdf.set_font("cjk", size=size)
    y += 4
    for text in paragraphs:
        x, line = left + 2 * em, ""
        for ch in text:
            if x + pdf.get_string_width(line + ch) > right:
                put(x, y, line)
                x, line, y = left, "", y + pitch
                if y > bottom:
                    footer()
                    pdf.add_page()
                    pdf.set_font("cjk", size=size)
                    y = top
            line += ch
        put(x, y, line)
        y += pitch
        if y > bottom:
            footer()
            pdf.add_page()
            pdf.set_font("cjk", size=size)
            y = top
    footer()
    return bytes(pdf.output())


def test_a_printed_notice_layout_gives_one_line_per_paragraph() -> None:
    title = "某市关于支持智能网联汽车产业高质量发展的若干措施"
    paragraphs = [
        "为加快培育智能网联汽车产业集群，推动整车、零部件和应用服务协同发展，结合本市实际，制定以下措施。",
        "一、支持整车研发。对在本市完成整车研发并取得产品准入的企业，按研发投入的20%给予补助，单个企业每年最高1000万元。",
        "二、支持测试示范。每年遴选不超过15个道路测试和示范应用项目，每个项目给予最高300万元奖励。",
    ] * 3
    text = source_from_bytes(_official_layout_pdf(title, paragraphs), "notice.pdf").text
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert "".join(lines[:2]) == title  # the centred title stays two lines, nothing lost
    assert lines[2:] == paragraphs  # every paragraph whole, across the page break too
    assert "- 1 -" not in text and "- 2 -" not in text


def test_cells_placed_one_by_one_make_one_row_each() -> None:
    """Each cell is its own text object far from the last: PDFium may break the line between
    them; the cells of one baseline are still one row, in order, and no row joins another."""
    pdf = _blank_pdf()
    pdf.add_page()
    pdf.set_font("cjk", size=11)
    rows = [["责任单位", "牵头事项", "完成时限"], ["市工业和信息化局", "平台建设", "2025年底"],
            ["市财政局", "资金保障", "长期"]]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            pdf.set_xy(15 + 42 * c, 30 + 9 * r)
            pdf.cell(text=cell)
    text = source_from_bytes(bytes(pdf.output()), "units.pdf").text
    assert text.split("\n") == [" ".join(row) for row in rows]
