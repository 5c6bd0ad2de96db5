"""Offsets → page numbers for sources read from paged files (PDF, OFD).

``Source.pages`` lists ``(page number, offset of the page's first character)`` in text order;
:func:`page_at` says on which page an offset of ``Source.text`` lies.
"""

from __future__ import annotations

from bisect import bisect_right


def page_at(pages: list[tuple[int, int]] | None, offset: int) -> int | None:
    """The page number holding ``offset``, or None for a source without pages."""
    if not pages:
        return None
    index = bisect_right([start for _, start in pages], offset) - 1
    return pages[max(index, 0)][0]
