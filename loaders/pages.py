"""Offsets → page numbers for sources read from paged files (PDF, OFD).

``Source.pages`` lists ``(page number, offset of the page's first character)`` in text order;
:func:`page_at` says on which page an offset of ``Source.text`` lies, and :func:`box_of` where
on that page a span is printed (from ``Source.boxes``).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right


def page_at(pages: list[tuple[int, int]] | None, offset: int) -> int | None:
    """The page number holding ``offset``, or None for a source without pages."""
    if not pages:
        return None
    index = bisect_right([start for _, start in pages], offset) - 1
    return pages[max(index, 0)][0]


def box_of(pages: list[tuple[int, int]] | None, boxes: array | None, start: int, end: int,
           text: str) -> tuple[float, float, float, float] | None:
    """``(left, bottom, right, top)`` around the printed, visible characters of
    ``text[start:end]`` on the page where the span starts (the page's units, y upwards), or
    None when none of them has a box (a source without boxes, a table's rewritten row)."""
    if not pages or boxes is None or len(boxes) < 4 * end:
        return None
    page = page_at(pages, start)
    index = [p for p, _ in pages].index(page)
    stop = min(end, pages[index + 1][1]) if index + 1 < len(pages) else end
    found = [boxes[4 * i: 4 * i + 4] for i in range(start, stop)
             if not text[i].isspace() and not math.isnan(boxes[4 * i])]
    if not found:
        return None
    return (min(b[0] for b in found), min(b[1] for b in found), max(b[2] for b in found),
            max(b[3] for b in found))
