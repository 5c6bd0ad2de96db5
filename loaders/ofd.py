"""OFD files (GB/T 33190, China's format for official electronic documents) → text with pages.

:func:`read_ofd` opens the package with ofdkit, takes every page's text runs (position,
baseline, size, advance width; template text included) and groups them into printed lines by
baseline, left to right, each character given its share of the run's width (by a rough
table of advances: OFD gives one width per run); then
:func:`loaders.layout.page_text` rebuilds paragraphs exactly as for a PDF (headers, footers and
page numbers dropped, wrapped lines joined, table rows kept). An OFD without text runs is a
scan and needs OCR.

Evaluated on PyPI for issue 24: ofdkit (Apache-2.0, standard library only, reads text in
reading order with positions, limits on entry count and size against zip bombs, reads
non-conforming packages) was chosen; easyofd pulls PyMuPDF, loguru and reportlab and is built
to convert OFD to PDF or images; ofdreader's wheel holds no code; ofdparser was last released
in 2023. ofdkit is at 0.2 ("the API may still change"), so its version is pinned from below and
only ``ofdkit.open``, ``pages``, ``runs``, ``height`` and ``OFDError`` are used.
"""

from __future__ import annotations

import unicodedata
from importlib.metadata import PackageNotFoundError, version

from .fileformat import OFD, Extracted, FormatError
from .layout import Line, page_text
from .records import Warning_


def reader_name() -> str:
    """``ofdkit <version>``: the library that reads OFD files."""
    try:
        return f"ofdkit {version('ofdkit')}"
    except PackageNotFoundError:  # pragma: no cover - installed with policykg
        return "ofdkit"


def _weight(ch: str) -> float:
    """Rough advance of ``ch`` in ems: a run's width is shared among its characters by these
    (OFD gives one width per run; a word's width decides whether a line was wrapped)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch.isspace() or ch in "ijlI.,:;'|!`()[]ft":
        return 0.3
    if ch in "mwMW":
        return 0.85
    return 0.68 if ch.isupper() else 0.55


def _lines(runs, height: float, page_number: int) -> list[Line]:
    """Runs grouped into lines by baseline (top to bottom), characters boxed left to right."""
    runs = sorted((r for r in runs if r.text.strip()), key=lambda r: (r.y, r.x))
    rows: list[list] = []
    for run in runs:
        if rows and abs(rows[-1][0].y - run.y) <= 0.35 * max(run.size, rows[-1][0].size):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        line = Line(page_number)
        for run in sorted(row, key=lambda r: r.x):
            total = sum(_weight(ch) for ch in run.text) or 1.0
            x = run.x
            bottom, top = height - run.y - 0.15 * run.size, height - run.y + 0.85 * run.size
            for ch in run.text:
                width = run.width * _weight(ch) / total
                line.add(ch, (x, bottom, x + width, top))
                x += width
        lines.append(line)
    return lines


def read_ofd(data: bytes, name: str) -> Extracted:
    """The text of the OFD ``data`` with its page starts; raise
    :class:`~loaders.fileformat.FormatError` when it cannot be read or has no text."""
    try:
        import ofdkit
    except ImportError:  # pragma: no cover - a dependency of policykg
        raise FormatError(f"{name} is an OFD file; reading OFD needs the ofdkit package, "
                          "which is not installed.") from None
    try:
        with ofdkit.open(data) as document:
            pages, heights = [], []
            for index, page in enumerate(document.pages):
                heights.append(page.height)
                pages.append(_lines(page.runs, page.height, index + 1))
            notes = list(document.warnings)
    except ofdkit.OFDError as err:
        raise FormatError(f"{name} is a damaged OFD file ({str(err).rstrip('.')}).") from None
    except (ValueError, KeyError, OSError) as err:
        raise FormatError(f"{name} is a damaged OFD file ({type(err).__name__}).") from None
    text, starts, boxes, warnings = page_text(pages, heights, name)
    warnings += [Warning_("ofd", f"{name}: {note}.") for note in notes]
    return Extracted(text=text, media_type=OFD, reader=reader_name(), pages=starts,
                     warnings=warnings, boxes=boxes)
