"""Units notes that hold for a block of measures rather than for the one item they follow: a
bracketed 责任单位 line closing a section's sub-items, a note closing a paragraph of inline
``一是…二是…`` items, the lead of an item split into leaves (see :mod:`loaders.numbering`)."""

from __future__ import annotations

import re

_NOTE_LINE = re.compile(r"^[ \t\u3000]*[（(【][^\n]{2,120}[）)】][ \t\u3000]*$", re.M)


# a units note closing a paragraph: …；二是…。（市发展改革委牵头，市财政局配合）
_INLINE_NOTE = re.compile(r"[（(]([^（）()\n]{0,120}(?:牵头|配合|负责|责任单位)[^（）()\n]{0,40})[）)][。；;.\s]*$")


def inline_note(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The extent of a units note in brackets that ends the paragraph of inline ``一是…二是…``
    items (``view[start:end]``, from the last item on, cut at the paragraph's end: the last item
    may run on to the closing paragraphs): its units hold for every item."""
    para_end = view.find("\n", start, end)
    end = end if para_end < 0 else para_end
    m = _INLINE_NOTE.search(view[start:end].rstrip())
    return (start + m.start(), start + m.end()) if m else None


def block_notes(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Units notes on lines of their own (bracketed, or labelled ``责任单位：…``) among a
    chapter's sub-items, each closing the block of sub-items since the one before (（一）1. 2.（责任单位：A、B）（二）3. 4.（责任单位：A）: A and B hold
    for 1 and 2, A for 3 and 4)."""
    return [(m.start(), m.end()) for m in _UNITS_LINE.finditer(view, start, end)]


_UNIT_WORDS = re.compile(r"牵头|配合|负责|责任单位|责任部门")
# a line that is one bracketed units note and nothing else
_UNITS_LINE = re.compile(r"^[ \t\u3000]*[（(【](?=[^\n]*?(?:牵头|配合|负责|责任单位|责任部门))"
                         r"[^\n（）()【】]{2,120}[）)】][ \t\u3000。；]*$"
                         # or a labelled line: 责任单位：区工业和信息化局、区财政局
                         r"|^[ \t\u3000]*(?:责任|牵头|配合)(?:单位|部门)[ \t\u3000]*[：:][^\n]{2,120}$",
                         re.M)


# a sentence on a line of its own naming the units of the items above it: 以上两条由A牵头、B配合。
# (上述第1、2项由… names items by number: loaders.unit_ranges)
_SUMMARY_LINE = re.compile(r"^[ \t\u3000]*(?:以上|上述)(?!第)[^\n，,。]{0,10}?(?:条|项|款|措施|政策)"
                           r"[^\n]{0,120}?(?:牵头|配合|负责)[^\n]{0,60}$", re.M)


def closing_note(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The extent of a bracketed note on a line of its own closing a block of sub-items
    (``（市农牧局、市工业和信息化局按职责分工负责）``), or of a sentence saying so (``以上两条由A牵头、
    B配合。``): its units hold for every sub-item."""
    last = None
    for m in _NOTE_LINE.finditer(view, start, end):
        last = m
    for m in _SUMMARY_LINE.finditer(view, start, end):
        if last is None or m.start() > last.start():
            last = m
    if last is None or view[last.end() : end].strip():
        return None
    return last.start(), last.end()


def shared_units(view: str, start: int, end: int, first: int,
                 last: tuple[int, int]) -> tuple[int, int] | None:
    """Where the units that hold for every leaf of the item ``view[start:end]`` are named (its
    leaves begin at ``first``; ``last`` is the last leaf's marker): its lead when the lead
    names any (一、…（市科技局牵头）：), else the note closing a paragraph of inline leaves, else
    the lines after the last leaf's first line (a 责任单位 line closing the leaves); None when
    none names any — never one leaf's own sentence."""
    lead = (start, first)
    if _UNIT_WORDS.search(view, *lead):
        return lead
    line_start = max(start, view.rfind("\n", start, last[0]) + 1)
    if view[line_start : last[0]].strip(" \t\u3000"):
        # leaves inline in one paragraph (一是…二是…（A牵头）): the note closing it is shared
        note = inline_note(view, last[0], end)
        if note is not None:
            return note
    line_end = view.find("\n", last[1], end)
    if line_end >= 0 and _UNIT_WORDS.search(view, line_end, end):
        return line_end, end
    return None
