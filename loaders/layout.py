"""Fixed-layout pages (PDF, OFD) → the text an author typed: paragraphs, not printed lines.

The readers of paged formats give, per page, its height and its lines in reading order, each
line with its characters and their boxes (:class:`Line`, PDF coordinates: y grows upwards).
:func:`page_text` then

* drops running headers and footers: a line in the top or bottom band of a page that is a page
  number (``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``, ``Page 3 of 12``) or that repeats in the same
  band on at least half of the pages (digits aside);
* joins lines wrapped at the margin into their paragraph, within a page and across page breaks:
  a line continues the previous one when the previous one reaches the right edge of the text
  (the next line's first word would not have fitted in what is left), the next line is not
  indented, and it does not start a numbered or bulleted item after a finished sentence; CJK
  text is joined without a space (even inside a number), Latin words with one;
* turns a gap between lines wider than the usual line pitch into an empty line; a line with
  wide gaps between characters (table cells, one space each) is a table row and is never joined
  to another, so a table keeps one line per row; two or more such rows in a row with as many
  cells are a table, written by :func:`loaders.tables.table_lines` as its prose twin would be.

It returns the text, where each page starts in it (``(page number, offset)``) and the box of
each character on its page (NaN for the characters it wrote itself).
"""

from __future__ import annotations

import re
import statistics
from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from .fileformat import FormatError
from .records import Warning_
from .tables import is_header, table_lines

_SENTENCE_END = "。；：！？!?;:.）)」』”"
_NUMBERED_START = re.compile(
    r"^[\s\u3000]*(?:第[一二三四五六七八九十百零〇\d]+[条章节款]|[一二三四五六七八九十]+[、．.]"
    r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．)）](?![\d.．,，;；)）])|[①-⑳]|[-•·●▪■◆*+]\s)"
)
_MARKER = re.compile(
    r"^\s*(?:[•·●▪■◆*+–-]|\(?\d{1,3}[.)]|[a-zA-Z][.)]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+、)\s*"
)
_PAGE_NUMBER = re.compile(
    r"^[-—–－~〜·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:[/／]|共)\s*\d{1,4}\s*页?)?[-—–－~〜·\s]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_NO_BOX = array("f", [float("nan")] * 4)
_BAND = 0.12  # share of the page height at top and bottom where headers and footers live


@dataclass(slots=True)
class Line:
    """One visual line: its characters, their boxes (left, bottom, right, top) and the page."""

    page: int
    chars: list[str] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    cells: int = 0  # wide gaps on the line (table cells), each made one space
    typed_space: bool = False  # a space typed in the text since the last visible character
    cell_starts: list[int] = field(default_factory=list)  # where each cell after the first starts

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, ch: str, box: tuple[float, float, float, float], typed: bool = True) -> None:
        """Append a character (``typed`` False: a space the reader made up for a gap). A wide
        gap before a visible character with no typed space in it is a step to the next table
        cell: counted in :attr:`cells`, and one space in the text if the reader gave none."""
        if ch.isspace():
            self.typed_space |= typed
        else:
            last = next((b for c, b in zip(reversed(self.chars), reversed(self.boxes),
                                           strict=True) if not c.isspace()), None)
            if last is not None and not self.typed_space and \
                    box[0] - last[2] > 1.2 * (box[3] - box[1]):
                self.cells += 1
                if not self.chars[-1].isspace():
                    self.chars.append(" ")
                    self.boxes.append((last[2], box[1], box[0], box[3]))
                self.cell_starts.append(len(self.chars))
            self.typed_space = False
        self.chars.append(ch)
        self.boxes.append(box)

    def cell_texts(self) -> list[str]:
        """The texts of the line's table cells (one for a line that is no table row)."""
        bounds = [0, *self.cell_starts, len(self.chars)]
        return ["".join(self.chars[a:b]).strip() for a, b in zip(bounds, bounds[1:], strict=False)]

    def wraps_to(self, box: tuple[float, float, float, float]) -> bool:
        """True when a character at ``box`` is on the next printed line, not this one: lower
        by more than half its height and back to the left (a reader's text run may hold
        several printed lines without a break between them)."""
        last = next((b for c, b in zip(reversed(self.chars), reversed(self.boxes), strict=True)
                     if not c.isspace()), None)
        return last is not None and last[1] - box[1] > 0.5 * (box[3] - box[1]) and \
            box[0] < last[0]

    def beside(self, box: tuple[float, float, float, float]) -> bool:
        """True when a character at ``box`` sits on this line's baseline, right of its end."""
        ink = self._ink()
        if not ink:
            return False
        return abs(ink[-1][1] - box[1]) <= 0.3 * (box[3] - box[1]) and box[0] >= ink[-1][2] - 0.5

    def _ink(self) -> list[tuple[float, float, float, float]]:
        return [b for c, b in zip(self.chars, self.boxes, strict=True) if not c.isspace()]

    @property
    def box(self) -> tuple[float, float, float, float]:
        """``(left, bottom, right, top)`` around the line's visible characters."""
        ink = self._ink()
        return (min(b[0] for b in ink), min(b[1] for b in ink), max(b[2] for b in ink),
                max(b[3] for b in ink))

    @property
    def base(self) -> float:
        """The line's vertical position: the median bottom of its characters (a bracket or a
        larger glyph does not move it)."""
        return statistics.median(b[1] for b in self._ink())

    @property
    def size(self) -> float:
        return statistics.median(b[3] - b[1] for b in self._ink())

    def hang(self) -> float | None:
        """Where the text after a leading list marker (``•``, ``1.``, ``a)``, ``（一）``) starts:
        the indent of the item's wrapped lines; None for a line without a marker."""
        m = _MARKER.match(self.text)
        if not m or m.end() >= len(self.chars):
            return None
        return self.boxes[m.end()][0]

    def first_word_width(self) -> float:
        """Width of the first word (CJK: the first character) and a space before it."""
        pairs = list(zip(self.chars, self.boxes, strict=True))
        first = next(i for i, (c, _) in enumerate(pairs) if not c.isspace())
        start = end = pairs[first][1][0]
        for c, b in pairs[first:]:
            if c.isspace() or (end > start and (is_cjk(c) or is_cjk(pairs[first][0]))):
                break
            end = b[2]
        return end - start + 0.25 * self.size


def is_cjk(ch: str) -> bool:
    """A CJK character or CJK/full-width punctuation."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or \
        0x3000 <= o <= 0x303F


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_headers_footers(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page numbers and running headers/footers from the top and bottom bands. A row of
    a table (beside another row with as many cells) is never a running header or footer: the
    rows of a table going on over a page break differ only in their figures."""
    def banded(index: int) -> list[tuple[str, Line]]:
        lines, h = pages[index], heights[index]
        top = [ln for ln in lines[:2] if ln.box[3] >= h * (1 - _BAND)]
        bottom = [ln for ln in lines[-2:] if ln.box[1] <= h * _BAND]
        return [("top", ln) for ln in top] + \
            [("bottom", ln) for ln in bottom if all(ln is not t for t in top)]

    def table_row(lines: list[Line], line: Line) -> bool:
        k = next(i for i, ln in enumerate(lines) if ln is line)
        return bool(line.cells) and any(0 <= n < len(lines) and lines[n].cells == line.cells
                                        for n in (k - 1, k + 1))

    repeated: dict[tuple[str, str], int] = {}
    for i in range(len(pages)):
        for key in {(band, _normal(ln.text)) for band, ln in banded(i)}:
            repeated[key] = repeated.get(key, 0) + 1
    enough = max(2, (len([p for p in pages if p]) + 1) // 2)
    for i in range(len(pages)):
        drop = {id(ln) for band, ln in banded(i) if _PAGE_NUMBER.match(ln.text.strip())
                or (repeated.get((band, _normal(ln.text)), 0) >= enough
                    and not table_row(pages[i], ln))}
        pages[i] = [ln for ln in pages[i] if id(ln) not in drop]


def _continues(prev: Line, line: Line, right_edge: float, left_edge: float,
               hang: float | None) -> bool:
    """True when ``line`` is the wrapped continuation of ``prev`` (same paragraph); ``hang`` is
    where the text of a list item whose first line is ``prev`` (or above) starts."""
    size = max(prev.size, line.size)
    if prev.cells or line.cells:  # table rows stay rows
        return False
    if abs(line.size - prev.size) > 0.2 * size:  # another font size: a heading, a footnote
        return False
    left = line.box[0]
    if left > left_edge + 0.8 * size and (hang is None or abs(left - hang) > 0.6 * size):
        return False  # indented (and not under the text of a list item): a new paragraph
    if right_edge - prev.box[2] >= line.first_word_width():  # room left: the line ended there
        return False
    tail = prev.text.rstrip()
    return not (tail and tail[-1] in _SENTENCE_END and _NUMBERED_START.match(line.text))


def _joiner(before: str, after: str) -> str:
    """How two pieces of a wrapped line meet: Latin text wraps between words (one space),
    CJK text anywhere, even inside a number (no space)."""
    a, b = before.rstrip()[-1:], after.lstrip()[:1]
    if not a or not b or is_cjk(a) or is_cjk(b):
        return ""
    line = before[before.rfind("\n") + 1:]
    if sum(map(is_cjk, line)) * 2 > len(line):
        return ""
    return " "


def _edges(lines: list[Line]) -> tuple[float, float]:
    """The text block's left margin — where most lines start (headings set further out and
    indented first lines aside) — and its right edge."""
    starts = Counter(round(ln.box[0]) for ln in lines)
    margin = max(starts, key=lambda x: (starts[x], -x))
    return min(ln.box[0] for ln in lines if round(ln.box[0]) == margin), \
        max(ln.box[2] for ln in lines)


def _pitch(pages: list[list[Line]]) -> float:
    """The usual distance between two lines of a paragraph (median over all pages)."""
    gaps = [a.base - b.base for lines in pages for a, b in zip(lines, lines[1:], strict=False)
            if a.base - b.base > 0]
    return statistics.median(gaps) if gaps else 0.0


def page_text(pages: list[list[Line]], heights: list[float], name: str
              ) -> tuple[str, list[tuple[int, int]], array, list[Warning_]]:
    """The text of the pages of the file ``name`` (see the module docstring), ``(page number,
    offset)`` of each page with text, each character's box (4 floats, NaN for characters not
    printed as such) and a warning listing pages without text; ``pages[i]`` is modified
    (headers and footers removed). No text at all raises
    :class:`~loaders.fileformat.FormatError`: the file is a scan and needs OCR."""
    count = len(pages)
    if not any(pages):
        raise FormatError(
            f"{name} has no text layer (its {count} page{'s' if count != 1 else ''} "
            f"{'are images' if count != 1 else 'is an image'}, a scan): it needs OCR, which "
            "policykg does not do.")
    warnings = []
    empty = [i + 1 for i, p in enumerate(pages) if not p]
    if empty:
        many = len(empty) > 1
        warnings.append(Warning_("no-text-layer", (
            f"page{'s' if many else ''} {', '.join(map(str, empty))} of {name} "
            f"{'have' if many else 'has'} no text layer (scanned?) and "
            f"{'were' if many else 'was'} skipped: reading {'them' if many else 'it'} needs "
            "OCR.")))
    _drop_headers_footers(pages, heights)
    return (*_assemble(pages), warnings)


def _tables(lines: list[Line], carried: list[str] | None
            ) -> tuple[dict[int, str], list[str] | None]:
    """The text of each line of a page's tables — two or more table rows in a row with as many
    cells each — written by :func:`loaders.tables.table_lines` (as the table's prose twin
    would be): the first row of a table holds all its lines, the others an empty string. A
    table that goes on from the previous page (rows with as many cells as ``carried``, its
    header row, at the top of this page) is read under that header. Also returns the header
    of a table that reaches the foot of this page, for the next."""
    out: dict[int, str] = {}
    header: list[str] | None = None
    j = 0
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k].cells and lines[k].cells == lines[j].cells:
            k += 1
        rows = [ln.cell_texts() for ln in lines[j:k]]
        going_on = j == 0 and carried is not None and rows and len(rows[0]) == len(carried) \
            and not is_header(rows[0])
        if k - j >= 2 or (going_on and k > j):
            first = [carried] if going_on else []
            out[id(lines[j])] = "\n".join(table_lines(first + rows))
            out.update((id(ln), "") for ln in lines[j + 1:k])
            header = (carried if going_on else rows[0] if is_header(rows[0]) else None) \
                if k == len(lines) else None
        j = max(k, j + 1)
    return out, header


def _assemble(pages: list[list[Line]]) -> tuple[str, list[tuple[int, int]], array]:
    """Join the body lines of every page into paragraphs; return (text, page starts, the box of
    every character: 4 floats, NaN for a character written here — a join, a table's labels)."""
    pitch = _pitch(pages)
    out: list[str] = []
    boxes = array("f")
    length = 0
    starts: list[tuple[int, int]] = []
    prev: Line | None = None
    prev_edges = (0.0, 0.0)
    hang: float | None = None  # where the wrapped lines of the current list item start
    carried: list[str] | None = None  # the header of a table going on over the page break
    for lines in pages:
        if not lines:
            continue
        left, right = _edges(lines)
        tables, carried = _tables(lines, carried)
        for j, line in enumerate(lines):
            text = tables.get(id(line), line.text).rstrip()
            if not text:  # a table row written with the table's first row
                prev = line
                continue
            gap = bool(prev and j and pitch and prev.base - line.base > 1.4 * pitch)
            if prev is not None and not gap and _continues(
                    prev, line, right if j else prev_edges[1], left, hang):
                body = text.lstrip(" ")
                piece = _joiner(out[-1], text) + body
            else:  # a new paragraph (or list item) starts here
                body = text
                piece = ("" if prev is None else "\n\n" if gap else "\n") + text
                hang = line.hang()
            boxes.extend(_NO_BOX * (len(piece) - len(body)))
            if id(line) in tables:  # rewritten: its characters are not the printed ones
                boxes.extend(_NO_BOX * len(body))
            else:
                first = len(text) - len(body)
                boxes.extend(chain.from_iterable(line.boxes[first:first + len(body)]))
            if j == 0:
                lead = len(piece) - len(piece.lstrip("\n"))
                starts.append((line.page, length + lead))
            out.append(piece)
            length += len(piece)
            prev = line
        prev_edges = (left, right)
    return "".join(out), starts, boxes
