"""Write the example corpus (``examples/corpus``) again as PDF, Word, Markdown and OFD files.

``python examples/make_formats.py [--out DIR] [--font PATH]`` writes, for every document of
``examples/corpus``, ``NAME.pdf``, ``NAME.docx``, ``NAME.md`` and ``NAME.ofd`` into
``examples/corpus-formats`` (or DIR). The output is deterministic: the same corpus and fonts
give byte-identical files.

The files look like documents as governments publish them, so that the loaders are exercised
on what they meet: the PDF has small A5 pages (every document runs over a page break, sentences
are cut across pages), a running header and a page number in the footer on every page
(``— 2 —``), paragraphs wrapped at the margin; the Word file numbers its measures with Word's
automatic numbering (``一、`` / ``（一）`` / ``1.`` / ``第一条`` are numbering definitions, not
typed text); the Markdown file has YAML front matter (title, number, date, publisher) and a
heading; the OFD file is laid out exactly like the PDF. The tests import these functions to
make their own documents.

The PDF needs a TrueType font with Chinese glyphs: ``--font`` or the first of :data:`FONTS`
that exists (Debian's ``fonts-droid-fallback`` provides it; ``.ci/run`` installs it). A line
given as a list of rows is a table, drawn in its place (Word, PDF and OFD).

Why this module is longer than 400 lines: it is one script that writes one document in four
formats from the same lines; the tests import its writers, and splitting them into a package
of examples would make a script that users run from a folder into an import path to set up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
OUT = HERE / "corpus-formats"
FONTS = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
)
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # digits, Latin, punctuation
RUNNING_HEADER = "示例文件 仅供测试"  # on every PDF page; not part of the document's text
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

# Front matter of the Markdown forms, written by hand from the documents (what a collection
# of policy texts records about each one): file stem, title, number, date, publisher.
_FRONT_ROWS = (
    ("01-shenzhen-robotics-measures-2023", "深圳市促进智能机器人产业集聚发展若干措施",
     "深工信规〔2023〕11号", "2023-04-18", "深圳市工业和信息化局"),
    ("02-shenzhen-ai-robotics-measures-2025", "深圳市加快人工智能与机器人产业融合发展若干措施",
     "深工信规〔2025〕3号", "2025-02-20", "深圳市工业和信息化局 深圳市科技创新局"),
    ("03-zhejiang-embodied-ai-measures-2025", "浙江省支持具身智能機器人產業創新發展若干措施",
     "浙政辦發〔2025〕14號", "2025-05-08", "浙江省人民政府辦公廳"),
    ("04-guangzhou-compute-voucher-rules-2025", "广州市人工智能算力券和模型券管理办法",
     "穗工信规字〔2025〕5号", "2025-07-10", "广州市工业和信息化局"),
    ("05-news-zhejiang-embodied-ai-2025", "", "", "2025-05-12", "之江科技报"),
    ("06-briefing-shenzhen-en", "Shenzhen doubles down on embodied AI: what the new measures "
     "offer", "", "2025-02-28", "Bay Area Technology Policy Observatory"),
)
FRONT_MATTER: dict[str, dict[str, str]] = {
    stem: {key: value for key, value in zip(("title", "number", "date", "publisher"), row,
                                            strict=True) if value}
    for stem, *row in _FRONT_ROWS
}

_CN = "〇一二三四五六七八九十百"
# typed list markers that become Word numbering: (name, pattern, numFmt, lvlText)
MARKERS = (
    ("article", re.compile(rf"^第([{_CN}]+)条(\s*)"), "chineseCounting", "第%1条"),
    ("paren", re.compile(rf"^（([{_CN}]+)）(\s*)"), "chineseCounting", "（%1）"),
    ("dun", re.compile(rf"^([{_CN}]+)、(\s*)"), "chineseCounting", "%1、"),
    ("decimal", re.compile(r"^(\d+)[.．](\s*)"), "decimal", "%1."),
)
_CHINESE = {v: i for i, v in enumerate("〇一二三四五六七八九")}


def document_lines(path: Path) -> list[str]:
    """The lines of a corpus document as a reader sees them (an HTML page reduced to text)."""
    sys.path.insert(0, str(HERE.parent))
    from policykg.loaders.source import read_source

    return read_source(path).text.split("\n")


def _chinese_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CHINESE[numeral[1]]
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return 10 * _CHINESE[tens] + (_CHINESE[units] if units else 0)
    return _CHINESE.get(numeral, -1)


def _cjk(line: str) -> bool:
    return sum(1 for ch in line if "\u3400" <= ch <= "\u9fff") > len(line) // 4


# ------------------------------------------------------------------ PDF


def font_path(font: str | None = None) -> str:
    """The CJK TrueType font to embed: ``font`` or the first of :data:`FONTS` present."""
    for candidate in (font, *FONTS):
        if candidate and Path(candidate).is_file():
            return candidate
    raise FileNotFoundError("no TrueType font with Chinese glyphs found; install Debian's "
                            "fonts-droid-fallback or pass --font")


def pdf_bytes(lines: Iterable[str], font: str | None = None, *, header: str = RUNNING_HEADER,
              table: list[list[str]] | None = None) -> bytes:
    """A born-digital PDF of ``lines``: A5 pages, running header, ``— N —`` footers.

    An empty line is a paragraph gap; an item that is a list of rows (of cells) is a table
    drawn in its place; ``table`` is drawn after the text.
    """
    from fpdf import FPDF
    from fpdf.enums import WrapMode, XPos, YPos

    class Page(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=8)
            self.set_y(8)
            self.cell(0, 5, header, align="R")
            self.set_font("cjk", size=12)
            self.set_y(self.t_margin)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("cjk", size=9)
            self.cell(0, 6, f"— {self.page_no()} —", align="C")

    pdf = Page(format=(148, 210), unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("policykg examples/make_formats.py")
    pdf.add_font("cjk", fname=font_path(font))
    if Path(LATIN_FONT).is_file():  # the CJK font has no Latin letters or digits
        pdf.add_font("latin", fname=LATIN_FONT)
        pdf.set_fallback_fonts(["latin"])
    pdf.set_margins(16, 18, 16)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    for line in lines:
        if isinstance(line, list):
            _pdf_table(pdf, line, fit=True)
            continue
        if not line.strip():
            pdf.ln(4)
            continue
        wrap = WrapMode.CHAR if _cjk(line) else WrapMode.WORD
        pdf.multi_cell(0, 7, line, align="L", wrapmode=wrap, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    if table:
        _pdf_table(pdf, table)
    return bytes(pdf.output())


def _pdf_table(pdf, rows: list[list[str]], fit: bool = False) -> None:
    """Draw ``rows`` as a table; ``fit``: in a smaller type (9 pt, less if the page needs it),
    columns as wide as their longest cell and two characters more (so no cell wraps and a gap
    separates every column)."""
    pdf.ln(3)
    widths = None
    for size in (9, 8, 7, 6) if fit else ():
        pdf.set_font("cjk", size=size)
        columns = max(len(r) for r in rows)
        widths = tuple(max(pdf.get_string_width(r[k]) if k < len(r) else 0 for r in rows)
                       + 2 * pdf.get_string_width("国") + 2 for k in range(columns))
        if sum(widths) <= pdf.epw:
            break
    with pdf.table(text_align="LEFT", line_height=7, first_row_as_headings=False,
                   col_widths=widths, width=sum(widths) if widths else None) as grid:
        for row in rows:
            cells = grid.row()
            for value in row:
                cells.cell(value)
    if fit:
        pdf.set_font("cjk", size=12)
        pdf.ln(3)


def scanned_pdf_bytes(lines: Iterable[str], font: str | None = None) -> bytes:
    """A PDF without a text layer: each page of :func:`pdf_bytes` as a picture, as a scan."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    source = pdfium.PdfDocument(pdf_bytes(lines, font))
    out = FPDF(format=(148, 210), unit="mm")
    out.set_creation_date(FIXED_DATE)
    for index in range(len(source)):
        image = source[index].render(scale=1).to_pil().convert("L")
        out.add_page()
        out.image(image, x=0, y=0, w=out.w, h=out.h)
    source.close()
    return bytes(out.output())


# ------------------------------------------------------------------ OFD

_OFD_NS = "http://www.ofdspec.org/2016"
_PT = 25.4 / 72  # millimetres per PDF point


def _ofd_page(page) -> str:
    """The Content.xml of one OFD page: one TextObject per printed line of the PDF page."""
    from xml.sax.saxutils import escape

    height = page.get_height()
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    lines: list[list[tuple[str, tuple[float, float, float, float]]]] = [[]]
    for i, ch in enumerate(text):
        if ch in "\r\n":
            if lines[-1]:
                lines.append([])
            continue
        lines[-1].append((ch, textpage.get_charbox(i, loose=True)))
    objects = []
    for n, line in enumerate(piece for ln in lines if ln for piece in _cells(ln)):
        left, bottom = line[0][1][0], min(b[1] for _, b in line)
        size = max(b[3] - b[1] for _, b in line) * 0.8
        right = max(b[2] for _, b in line)
        deltas = " ".join(f"{(b2[0] - b1[0]) * _PT:.3f}" for (_, b1), (_, b2)
                          in zip(line, line[1:], strict=False))
        x, y = left * _PT, (height - bottom) * _PT
        objects.append(
            f'<ofd:TextObject ID="{n + 10}" Font="1" Size="{size * _PT:.3f}" '
            f'Boundary="{x:.3f} {y - size * _PT:.3f} {(right - left) * _PT:.3f} '
            f'{size * _PT * 1.2:.3f}"><ofd:TextCode X="0" Y="{size * _PT:.3f}" '
            f'DeltaX="{deltas}">{escape("".join(c for c, _ in line))}</ofd:TextCode>'
            "</ofd:TextObject>")
    textpage.close()
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}">'
            f'<ofd:Content><ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content>'
            "</ofd:Page>")


def _cells(line: list[tuple[str, tuple[float, float, float, float]]]
           ) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """A printed line cut where a wide gap separates two characters (table cells: one text
    object each, as OFD writers place them), without the spaces in the gap."""
    pieces: list[list[tuple[str, tuple[float, float, float, float]]]] = [[]]
    last = None
    for ch, box in line:
        if ch.isspace():
            pieces[-1].append((ch, box))
            continue
        if last is not None and box[0] - last[2] > 1.2 * (box[3] - box[1]):
            while pieces[-1] and pieces[-1][-1][0].isspace():
                pieces[-1].pop()
            pieces.append([])
        pieces[-1].append((ch, box))
        last = box
    return [p for p in pieces if p]


def ofd_bytes(pdf: bytes) -> bytes:
    """An OFD file (GB/T 33190) with the text of the PDF ``pdf`` (from :func:`pdf_bytes`) at
    the same places: one text object per printed line."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    pages = [_ofd_page(document[i]) for i in range(len(document))]
    width, height = document[0].get_width() * _PT, document[0].get_height() * _PT
    document.close()
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    page_list = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                        for i in range(len(pages)))
    files = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>policykg-example</ofd:DocID>"
                   "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
                   "</ofd:OFD>",
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
                              f"<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
                              f"0 0 {width:.1f} {height:.1f}</ofd:PhysicalBox></ofd:PageArea>"
                              "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
                              f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'{head}<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="1" FontName="SimSun" FamilyName="SimSun"/>'
                               "</ofd:Fonts></ofd:Res>",
    }
    files |= {f"Doc_0/Pages/Page_{i}/Content.xml": page for i, page in enumerate(pages)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return out.getvalue()


# ------------------------------------------------------------------ Word


def _numbering_definitions(document, formats: dict[str, tuple[str, str]]) -> dict[str, int]:
    """Add one abstract numbering + instance per marker kind (number format, level text with
    the spacing typed after it); return kind → numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    ids: dict[str, int] = {}
    for offset, (kind, (fmt, text)) in enumerate(sorted(formats.items())):
        abstract_id, num_id = 90 + offset, 90 + offset
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '</w:lvl></w:abstractNum>')
        num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                        f'<w:abstractNumId w:val="{abstract_id}"/></w:num>')
        first_num = numbering.find(num.tag)
        if first_num is not None:  # abstract definitions come before the instances
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(num)
        ids[kind] = num_id
    return ids


def _numbered(lines: list[str]) -> list[tuple[str | None, str, str]]:
    """Each line as (marker kind or None, text without the marker, the spacing typed after the
    marker) where the typed numbers count 1, 2, 3… per kind (otherwise the marker stays typed)."""
    counters: dict[str, int] = {}
    out: list[tuple[str | None, str, str]] = []
    for line in lines:
        for kind, pattern, _fmt, _text in MARKERS:
            m = pattern.match(line)
            if not m:
                continue
            value = int(m.group(1)) if kind == "decimal" else _chinese_value(m.group(1))
            if value == counters.get(kind, 0) + 1:
                counters[kind] = value
                out.append((kind, line[m.end():], m.group(2)))
                break
        else:
            out.append((None, line, "nothing"))
    return out


def docx_bytes(lines: Iterable[str], *, table: list[list[str]] | None = None) -> bytes:
    """A Word file of ``lines``: numbered measures carry automatic numbering, not typed text.

    Every empty line is an empty paragraph; an item that is a list of rows (of cells) is a table
    in its place; ``table`` follows the text.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    props = document.core_properties
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.author = props.last_modified_by = "policykg"
    blocks = list(lines)
    items = _numbered([b for b in blocks if isinstance(b, str)])
    formats = {kind: (fmt, text + spacing) for kind, _t, spacing in items if kind
               for name, _p, fmt, text in MARKERS if name == kind}
    ids = _numbering_definitions(document, formats)
    paragraphs = iter(items)
    for block in blocks:
        if isinstance(block, list):
            _docx_table(document, block)
            continue
        kind, text, _suffix = next(paragraphs)
        paragraph = document.add_paragraph(text)
        if kind:
            num_pr = OxmlElement("w:numPr")
            ilvl, num_id = OxmlElement("w:ilvl"), OxmlElement("w:numId")
            ilvl.set(qn("w:val"), "0")
            num_id.set(qn("w:val"), str(ids[kind]))
            num_pr.extend((ilvl, num_id))
            paragraph._p.get_or_add_pPr().append(num_pr)
    if table:
        _docx_table(document, table)
    if table or (blocks and isinstance(blocks[-1], list)):
        document.add_paragraph()  # Word ends a body with a paragraph, never with a table
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _docx_table(document, rows: list[list[str]]) -> None:
    """A Word table of ``rows``; a line break in a cell's text starts a new paragraph there."""
    grid = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, values in zip(grid.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            first, *more = value.split("\n")
            cell.text = first
            for text in more:
                cell.add_paragraph(text)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip archive with every member dated :data:`FIXED_DATE` (reproducible files)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ Markdown


def markdown_text(lines: list[str], meta: dict[str, str] | None = None) -> str:
    """A Markdown file of ``lines``: YAML front matter, the first line as a ``#`` heading, the
    other lines as typed (a line break inside a paragraph stays a line of its own)."""
    out: list[str] = []
    if meta:
        out += ["---", *(f'{key}: "{value}"' for key, value in meta.items()), "---", ""]
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    for i, line in enumerate(lines):
        out.append(f"# {line.strip()}" if i == first else line)
    return "\n".join(out).rstrip("\n") + "\n"


# ------------------------------------------------------------------ the corpus


def corpus_documents(corpus: Path = CORPUS) -> list[Path]:
    """The documents of the example corpus (``.txt`` and ``.html``), sorted by name."""
    return sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))


def write_formats(out: Path = OUT, corpus: Path = CORPUS, font: str | None = None) -> list[Path]:
    """Write every corpus document as ``.pdf``, ``.docx``, ``.md`` and ``.ofd`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in corpus_documents(corpus):
        lines = document_lines(doc)
        pdf = pdf_bytes(lines, font)
        for suffix, data in (
            (".pdf", pdf),
            (".docx", docx_bytes(lines)),
            (".md", markdown_text(lines, FRONT_MATTER.get(doc.stem)).encode("utf-8")),
            (".ofd", ofd_bytes(pdf)),
        ):
            target = out / f"{doc.stem}{suffix}"
            target.write_bytes(data)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--font", help="a TrueType font with Chinese glyphs")
    args = parser.parse_args(argv)
    for path in write_formats(args.out, CORPUS, args.font):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
