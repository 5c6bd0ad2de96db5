"""A closing sentence that gives units to items by their numbers: ``上述第1、2项由区科技局牵头，
区财政局配合；第3至5项由…牵头；第6、7项由A、B按职责分工负责。``

The numbers are those written before the items in the text (a lead-in item split into leaves
gives its units to each leaf). Ranges (``第3至5项``, ``第3-5项``, ``第（一）至（三）项``) and lists
(``第1、2项``, ``第一、二条``) are read, also after a colon (具体分工如下：第…); each clause runs to
the next ``；`` or ``。``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import chinese_to_int

_NUM = r"[（(]?[\d一二三四五六七八九十]{1,3}[)）]?"  # 第（一）至（三）项: the items' own brackets
_SEP = r"\s*(?:、|，|,|和|及|与|至|到|-|—|–|~|～)\s*第?\s*"
# 上述第1、2项由… / 第3至5项由… / 以上第一、二条由…
_CLAUSE = re.compile(rf"第\s*({_NUM}(?:{_SEP}{_NUM})*)\s*(?:项|条|款|点)(?:措施|政策)?(由[^；;。\n]{{2,120}})")
_OPENS = re.compile(r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?:上述|以上|前述)?(?=第\s*" + _NUM + ")", re.M)
_RANGE = re.compile(r"(?:至|到|-|—|–|~|～)")


@dataclass(frozen=True, slots=True)
class RangeUnits:
    """Item numbers and the view extent of the clause naming their units (``由…``)."""

    numbers: tuple[int, ...]
    start: int
    end: int
    sentence_start: int  # where the whole sentence begins (it is no part of the last item)
    bracketed: bool = False  # 第（一）至（三）项: the numbers of bracketed items


def _numbers(text: str) -> tuple[int, ...]:
    out: list[int] = []
    previous: int | None = None
    pending_range = False
    for m in re.finditer(rf"{_NUM}|{_RANGE.pattern}", text):
        token = m.group(0).strip("（()）")
        if _RANGE.fullmatch(token):
            pending_range = previous is not None
            continue
        n = int(token) if token.isdigit() else chinese_to_int(token)
        if n is None:
            continue
        if pending_range and previous is not None and previous < n <= previous + 50:
            out.extend(range(previous + 1, n + 1))
        else:
            out.append(n)
        previous, pending_range = n, False
    return tuple(out)


def find_ranges(view: str, start: int = 0, end: int | None = None) -> list[RangeUnits]:
    """Every clause of a units-by-number sentence in ``view[start:end]`` (a sentence opening
    with ``第N项…由``), in text order."""
    end = len(view) if end is None else end
    out: list[RangeUnits] = []
    for opening in _OPENS.finditer(view, start, end):
        stop = view.find("。", opening.end(), end)
        stop = end if stop < 0 else stop
        pos = opening.end()
        clauses = []
        while (m := _CLAUSE.match(view, pos, stop)) is not None:
            clauses.append(RangeUnits(_numbers(m.group(1)), m.start(2), m.end(2), opening.start(),
                                      bool(re.match(r"[（(]", m.group(1)))))
            pos = m.end()
            while pos < stop and view[pos] in "；;，, \t\u3000":
                pos += 1
        if clauses and pos >= stop:  # the whole sentence gives units by numbers
            out.extend(clauses)
    return out
