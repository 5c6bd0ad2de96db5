"""PDF files → the text the loaders parse, with the page each character came from.

:func:`read_pdf` takes the text layer page by page, in PDFium's reading order, with each
character's box (pypdfium2), and hands the lines to :func:`loaders.layout.page_text`, which
drops running headers, footers and page numbers, joins lines wrapped at the margin (across page
breaks too) and keeps table rows as rows. ``Source.pages`` lists ``(page number, offset of its
first character)``; a page without text gets no entry.

A PDF without any text is a scan: :class:`~loaders.fileformat.FormatError` says it needs OCR
(policykg does no OCR); pages without text in a PDF that has some are listed in a warning. A
damaged or password-protected file gets one sentence as well.

Library chosen, measured on the example corpus as PDF (``benchmarks/formats.py``; 2 shared
cores): pypdfium2 (PDFium, C++) with every character box and the paragraphs rebuilt reads
150–210 pages/s; pdfplumber (pdfminer.six, pure Python) 35–50 pages/s for its ``extract_text``
alone, which moreover drops the ideographic-space indentation (``　　``) that marks a Chinese
paragraph. pdfplumber's table finder needs ruling
lines that many published notices do not draw; rows rebuilt from character positions work for
both. So pypdfium2 alone, no pdfminer.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pypdfium2.raw as pdfium_c

from .fileformat import PDF, Extracted, FormatError
from .layout import Line, page_text

_BREAKS = "\r\n"


def reader_name() -> str:
    """``pypdfium2 <version>``: the library that reads PDF files."""
    try:
        return f"pypdfium2 {version('pypdfium2')}"
    except PackageNotFoundError:  # pragma: no cover - installed with policykg
        return "pypdfium2"


def _page_lines(textpage, page_index: int) -> list[Line]:
    """The page's characters grouped into printed lines: PDFium's line breaks split them,
    except a break between two pieces on the same baseline, left to right (PDFium breaks there
    between far-apart text objects: table cells, a spaced-out page number); a piece that drops
    to the next printed line without a break splits them too."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs: fall back to one call per character
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
    generated = getattr(pdfium_c, "FPDFText_IsGenerated", None)  # spaces PDFium made up
    lines: list[Line] = []
    current = Line(page_index + 1)
    broken = False  # a line break was generated since the last visible character
    spaces: list[tuple[str, tuple[float, float, float, float], bool]] = []  # after that break
    for i, ch in enumerate(text):
        if ch in _BREAKS:
            broken = True
            continue
        if ch in "\x00\ufffe\uffff":
            continue
        box = textpage.get_charbox(i, loose=True)
        typed = not (ch.isspace() and generated and generated(textpage.raw, i) == 1)
        if broken and ch.isspace():  # indentation of the next line, or a gap on this one
            spaces.append((ch, box, typed))
            continue
        if current.chars and not ch.isspace() and (
                current.wraps_to(box) or (broken and not current.beside(box))):
            lines.append(current)
            current = Line(page_index + 1)
        for space, space_box, space_typed in spaces:
            current.add(space, space_box, space_typed)
        spaces, broken = [], False
        current.add(ch, box, typed)
    if current.chars:
        lines.append(current)
    return [ln for ln in lines if ln.text.strip()]


def read_pdf(data: bytes, name: str) -> Extracted:
    """The text of the PDF ``data`` with its page starts (see the module docstring); raise
    :class:`~loaders.fileformat.FormatError` when it cannot be read or has no text layer."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        reason = str(err)
        if "password" in reason.lower():
            raise FormatError(f"{name} is a password-protected PDF; policykg cannot open it.") \
                from None
        raise FormatError(f"{name} is a damaged PDF that cannot be opened ({reason.rstrip('.')}).") \
            from None
    try:
        pages: list[list[Line]] = []
        heights: list[float] = []
        for index in range(len(document)):
            page = document[index]
            heights.append(page.get_height())
            textpage = page.get_textpage()
            pages.append(_page_lines(textpage, index))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as err:
        raise FormatError(f"{name} is a damaged PDF: a page cannot be read ({err}).") from None
    finally:
        document.close()
    text, starts, boxes, warnings = page_text(pages, heights, name)
    return Extracted(text=text, media_type=PDF, reader=reader_name(), pages=starts,
                     warnings=warnings, boxes=boxes)
