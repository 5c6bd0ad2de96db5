"""Numbered structure of an official document: which numbered items are its measures.

Works on the simplified view (offsets into the view). Recognised numbering styles:
``第一条`` (articles, optionally followed by ``【heading】``), ``一、``/``一．`` (sections),
``（一）`` (items), ``1.``/``1．``/``1、`` (points) and ``（1）``; ``第一章`` chapters are
recognised and skipped.

A marker counts only at a boundary (start of a line, after white space or after ``。；：``)
and only as part of a chain numbered 1, 2, 3… in text order, so a stray ``二、`` inside a
sentence is not a measure.

Rule for choosing the measure level (documented contract):

1. If the document has a chain of at least two articles (``第一条``…), the articles are the
   measures; everything numbered inside an article stays inside it.
2. Otherwise the top level is the outermost style with a chain of at least two items, in the
   order ``一、`` > ``（一）`` > ``1.`` > ``（1）``. If the top-level sections are *chapters* — at least
   two sub-items of the next style exist inside them, and every section with sub-items carries
   only a short heading before its first sub-item (no sentence end ``。``) — then the measures are the
   sub-items of every chapter (the sub-style is the first lower style that fits: ``（一）``, else
   ``1.``…) (a chapter without sub-items but with body text is a measure
   itself). Otherwise the top-level sections are the measures.
3. Measures are numbered 1..n in text order (``ordinal``); when sub-items restart at ``（一）``
   in each chapter the running count is used, so ordinals stay unique in the document.
4. Under ``第X章`` chapters (and no articles), when the sections restart in every chapter, the
   sections of all chapters are the measures, numbered on in the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import chinese_to_int

_CN = "〇零一二三四五六七八九十百两"
_BOUNDARY = r"(?:^|(?<=[\s。；：:;]))"

STYLES: dict[str, re.Pattern[str]] = {
    "第一条": re.compile(_BOUNDARY + rf"第([{_CN}\d]{{1,5}})条[ \t\u3000]*", re.M),
    "一、": re.compile(_BOUNDARY + rf"([{_CN}]{{1,4}})[、.．](?![{_CN}\d])", re.M),
    "（一）": re.compile(_BOUNDARY + rf"[（(]([{_CN}]{{1,4}})[)）]", re.M),
    "1.": re.compile(_BOUNDARY + r"(\d{1,2})[.．、](?!\d)", re.M),
    "（1）": re.compile(_BOUNDARY + r"[（(](\d{1,2})[)）]", re.M),
}
CHAPTER = re.compile(_BOUNDARY + rf"第([{_CN}\d]{{1,4}})章[^\n]*", re.M)
_ORDER = ["一、", "（一）", "1.", "（1）"]


@dataclass(frozen=True, slots=True)
class Marker:
    """One numbering marker in the view: ``[start, end)`` covers the marker itself."""

    style: str
    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """A measure found in the view: its marker and its extent ``[start, end)``."""

    ordinal: int
    marker: Marker
    start: int
    end: int


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_to_int(text)


def markers(view: str, style: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """Every boundary marker of ``style`` in ``view[start:end]`` (view offsets)."""
    end = len(view) if end is None else end
    out = []
    for m in STYLES[style].finditer(view, start, end):
        n = _number(m.group(1))
        if n is not None and n > 0:
            out.append(Marker(style, n, m.start(), m.end()))
    return out


def chain(found: list[Marker], first: int | tuple[int, ...] = 1) -> list[Marker]:
    """The sequence numbered first, first+1, … taken greedily in text order."""
    starts = (first,) if isinstance(first, int) else first
    best: list[Marker] = []
    for s in starts:
        out: list[Marker] = []
        expected = s
        for mk in found:
            if mk.number == expected:
                out.append(mk)
                expected += 1
        if len(out) > len(best):
            best = out
    return best


def _extents(chain_: list[Marker], end: int) -> list[tuple[Marker, int, int]]:
    out = []
    for i, mk in enumerate(chain_):
        stop = chain_[i + 1].start if i + 1 < len(chain_) else end
        out.append((mk, mk.start, stop))
    return out


def find_measures(view: str, start: int = 0, end: int | None = None) -> list[Item]:
    """The measures of the body ``view[start:end]`` according to the rule in the module doc.

    Under ``第X章`` chapters whose sections restart at ``一、`` in each chapter, the measures
    of every chapter are joined with running ordinals."""
    end = len(view) if end is None else end
    found = _find_measures(view, start, end)
    heads = [m.start() for m in CHAPTER.finditer(view, start, end)]
    if len(heads) >= 2 and not (found and found[0].marker.style == "第一条"):
        joined: list[Item] = []
        bounds = heads + [end]
        for s, e in zip(bounds, bounds[1:], strict=False):
            for item in _find_measures(view, s, e):
                joined.append(Item(len(joined) + 1, item.marker, item.start, item.end))
        if len(joined) > len(found):
            return joined
    return found


def _find_measures(view: str, start: int, end: int) -> list[Item]:
    articles = chain(markers(view, "第一条", start, end))
    if len(articles) >= 2:
        return [Item(i + 1, mk, s, e) for i, (mk, s, e) in enumerate(_extents(articles, end))]
    for style in _ORDER:
        top = chain(markers(view, style, start, end))
        if len(top) < 2:
            continue
        sections = _extents(top, end)
        for sub in _ORDER[_ORDER.index(style) + 1 :]:  # 一、 chapters over （一） or 1. items
            if _are_chapters(view, sections, sub):
                return _chapter_items(view, sections, sub)
        return [Item(i + 1, mk, s, e) for i, (mk, s, e) in enumerate(sections)]
    return []


def _sub_chain(view: str, sub: str, s: int, e: int, previous: int) -> list[Marker]:
    return chain(markers(view, sub, s, e), (1, previous + 1) if previous else 1)


def _are_chapters(view: str, sections: list[tuple[Marker, int, int]], sub: str) -> bool:
    total = 0
    previous = 0
    for mk, _s, e in sections:
        items = _sub_chain(view, sub, mk.end, e, previous)
        if items:
            lead = view[mk.end : items[0].start]
            if "。" in lead.strip().rstrip("。") or len(lead.strip()) > 40:
                return False
            total += len(items)
            previous = items[-1].number
    return total >= 2


def _chapter_items(view: str, sections: list[tuple[Marker, int, int]], sub: str) -> list[Item]:
    out: list[Item] = []
    previous = 0
    for mk, s, e in sections:
        items = _sub_chain(view, sub, mk.end, e, previous)
        if items:
            previous = items[-1].number
            for sm, ss, se in _extents(items, e):
                out.append(Item(len(out) + 1, sm, ss, se))
        else:
            body = view[mk.end : e]
            if "。" in body:
                out.append(Item(len(out) + 1, mk, s, e))
    return out


def chapters(view: str) -> list[tuple[int, int, str]]:
    """``第X章`` chapter heading lines as ``(start, end, text)`` in the view."""
    return [(m.start(), m.end(), m.group(0).strip()) for m in CHAPTER.finditer(view)]
