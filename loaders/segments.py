"""Segments of a measure's text — sentences and clauses — and the figures found in them.

A measure's view is cut into sentences at ``。；！？`` and line breaks that end a sentence (a
line break that only wraps a scraped sentence does not cut it), and sentences into clauses at
``，：``. :class:`Fig` is a number found in the view with the role the rules of
:mod:`loaders.roles` give it; :class:`MeasureFacts` is what :mod:`loaders.clauses` returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from .records import Money, Offer, Quota, Ratio, Span

SpanOf = Callable[[int, int], Span]
SENTENCE_END = re.compile(r"[。；;！？!?\n]")
CLAUSE_END = re.compile(r"[，,：:]")


@dataclass(slots=True, eq=False)
class Fig:
    """An internal figure in view offsets, classified in its clause."""

    kind: str  # money | pct | ratio | count
    start: int
    end: int
    value: Decimal
    role: str = "other"
    sentence: int = 0
    clause: int = 0
    group: int = 0
    enum_head: Fig | None = None  # the first figure of the 、-joined run it belongs to
    basis: str | None = None
    period: str | None = None
    per: str | None = None  # unit of a rate


@dataclass(slots=True)
class Segment:
    start: int
    end: int


@dataclass(slots=True)
class MeasureFacts:
    """What :func:`analyse` finds in one measure (records carry spans over the original)."""

    amounts: list[Money] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    penalties: list[Money] = field(default_factory=list)


# ---------------------------------------------------------------- segmentation


def is_hard_wrap(view: str, pos: int) -> bool:
    """A line break at ``pos`` inside a sentence (scraped text wrapped mid-clause): the line
    before it does not end a sentence and already holds a comma."""
    k = pos
    while k > 0 and view[k - 1] == " ":
        k -= 1
    if k == 0 or view[k - 1] in "。；;！？!?：:）)】」”\"":
        return False
    if view[k - 1] in "，、":
        return True
    return view.find("，", view.rfind("\n", 0, k) + 1, k) >= 0


def split(view: str, start: int, end: int, pattern: re.Pattern[str]) -> list[Segment]:
    """Segments of ``view[start:end]`` cut after each match of ``pattern`` (the mark included);
    a line break that only wraps a sentence does not cut it."""
    out = []
    s = start
    for m in pattern.finditer(view, start, end):
        if m.group(0) == "\n" and is_hard_wrap(view, m.start()):
            continue
        if m.end() > s:
            out.append(Segment(s, m.end()))
        s = m.end()
    if s < end:
        out.append(Segment(s, end))
    return [seg for seg in out if view[seg.start : seg.end].strip(" \n，。；：")]


def index(segments: list[Segment], pos: int) -> int:
    """The segment holding ``pos`` (segments are sorted and disjoint; binary search)."""
    lo, hi = 0, len(segments)
    while lo < hi:
        mid = (lo + hi) // 2
        if segments[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(segments) and segments[lo].start <= pos:
        return lo
    return max(0, len(segments) - 1) if lo >= len(segments) else max(0, lo - 1) if lo else 0
