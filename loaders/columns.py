"""A page set in two columns that a copy merged line by line (each line: a line of the left
column, padding, a line of the right column) → the left column read down, then the right one.

PDF and OFD copies of gazettes do this: ``三、每年遴选不超    五、对首次升规的企业，给予一次`` /
``过12个标杆项目。        性奖励10万元。``. A run of at least three lines whose right part starts
at the same character offset or display column (within two), after a gap of four spaces or two ideographic
spaces, with Han text on both sides, is such a page (a line of three cells or more is a row of a
table: no column break). Each column's lines are joined into
paragraphs (a column is narrower than a sentence), a new paragraph starting at a numbering
marker (``三、``, ``（二）``, ``3.``) or after a sentence end. Every other line is unchanged.
"""

from __future__ import annotations

import re
import unicodedata

_GAP = re.compile(r"(?:[ ]{4,}|\u3000{2,}[ \u3000]*|[ \u3000]{3,}\u3000[ \u3000]*)(?=\S)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])")
_MIN_RUN = 3
_SLACK = 2


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _split(line: str) -> tuple[str, str, int, int] | None:
    """(left part, right part, character offset and display column of the right part) of a
    merged line, or None."""
    body = line.rstrip()
    lead = len(body) - len(body.lstrip(" \u3000"))
    for m in _GAP.finditer(body, lead + 1):
        left, right = body[:m.start()].strip(" \u3000"), body[m.end():]
        if _HAN.search(left) and _HAN.search(right):
            if _GAP.search(left) or _GAP.search(right.strip()):
                return None  # three cells or more: a row of a table, not two columns
            return left, right.strip(), m.end(), _width(body[:m.end()])
    return None


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and not _MARKER.match(line) and not out[-1].endswith(("。", "；", "：")):
            out[-1] += line
        else:
            out.append(line)
    return out


def unmerge_columns(text: str) -> str:
    """``text`` with every page of two columns merged line by line read column by column."""
    if "    " not in text and "\u3000\u3000" not in text:
        return text
    lines = text.split("\n")
    parts = [_split(line) for line in lines]
    out: list[str] = []
    k = 0
    while k < len(lines):
        if parts[k] is None:
            out.append(lines[k])
            k += 1
            continue
        first = parts[k]
        end = k
        while end < len(lines) and (p := parts[end]) is not None and (
                abs(p[2] - first[2]) <= _SLACK or abs(p[3] - first[3]) <= _SLACK):
            end += 1
        if end - k < _MIN_RUN:
            out.append(lines[k])
            k += 1
            continue
        left = [p[0] for p in parts[k:end] if p is not None]
        right = [p[1] for p in parts[k:end] if p is not None]
        # the left column may run a line longer than the right (…不超过300家。（ / 责任单位：…））
        while (end < len(lines) and lines[end].strip() and parts[end] is None
               and not left[-1].endswith(("。", "；")) and _width(lines[end].strip()) < first[3]):
            left.append(lines[end].strip())
            end += 1
        out.extend(_paragraphs(left) + _paragraphs(right))
        k = end
    return "\n".join(out)
