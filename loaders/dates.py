"""Calendar dates in Chinese and English text, and the validity arithmetic of policy terms.

``find_dates`` reads ``2025年3月9日``, ``二〇二五年三月九日`` (also ``○``/``零`` zeros),
``2025-03-09``, ``2025/6/30 17:46:52`` (time kept), ``2025.3.9`` and ISO ``2025-03-12T08:00``;
``find_dates_en`` reads ``March 10th``, ``March 10, 2025``, ``10 March 2025``, ``Mar. 10``
(year from ``default_year`` when absent) and ISO dates. Offsets are into the given text;
impossible dates (``2025年2月30日``) are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numerals import chinese_to_int


@dataclass(frozen=True)
class DateFigure:
    """A date found in a text: ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: dt.date
    time: dt.time | None = None


_TIME = r"(?:[ T\u3000]+(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?)?"
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20|21)\d\d)\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    rf"(?![\d]){_TIME}(?![\d])"
)
_YMD_ZH = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
    r"(?:\s*(?P<h>\d{1,2})\s*[时時:：]\s*(?P<mi>\d{1,2})\s*分?)?"
)
_ZH_DIGITS = "〇○零Ｏ０0OΟ一二三四五六七八九"
_ZEROS = str.maketrans({c: "〇" for c in "○零Ｏ０0OΟ"})
_YMD_HAN = re.compile(
    rf"(?P<y>[{_ZH_DIGITS}]{{4}})\s*年\s*(?P<m>[一二三四五六七八九十]{{1,2}})\s*月"
    rf"\s*(?P<d>[一二三四五六七八九十]{{1,3}})\s*[日号號]"
)


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _time(match: re.Match[str]) -> dt.time | None:
    g = match.groupdict()
    if g.get("h") is None:
        return None
    try:
        return dt.time(int(g["h"]), int(g["mi"]), int(g.get("s") or 0))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateFigure]:
    """Chinese/numeric dates in ``text`` in order of position (see the module doc for forms)."""
    found: list[DateFigure] = []
    for m in _YMD_ZH.finditer(text):
        day = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if day:
            found.append(DateFigure(m.start(), m.end(), day, _time(m)))
    for m in _YMD_HAN.finditer(text):
        y = chinese_to_int(m.group("y").translate(_ZEROS))
        mo, d = chinese_to_int(m.group("m")), chinese_to_int(m.group("d"))
        if y is None or mo is None or d is None:
            continue
        day = _make(y, mo, d)
        if day:
            found.append(DateFigure(m.start(), m.end(), day))
    for m in _NUMERIC.finditer(text):
        day = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if day:
            end = m.end() if m.group("h") is not None and _time(m) else m.end("d")
            found.append(DateFigure(m.start(), end, day, _time(m)))
    return _ordered(found)


def _ordered(found: list[DateFigure]) -> list[DateFigure]:
    out: list[DateFigure] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_MDY = re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y>(?:19|20|21)\d\d)\b)?")
_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<y>(?:19|20|21)\d\d)\b)?"
)
_ISO = re.compile(r"(?<![\d.])(?P<y>(?:19|20|21)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")


def find_dates_en(text: str, default_year: int | None = None) -> list[DateFigure]:
    """English dates; without a year in the text ``default_year`` is used, or the date skipped."""
    found: list[DateFigure] = []
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            year = int(m.group("y")) if m.group("y") else default_year
            if year is None:
                continue
            day = _make(year, _MONTHS[m.group("mon").lower()], int(m.group("d")))
            if day:
                found.append(DateFigure(m.start(), m.end(), day))
    for m in _ISO.finditer(text):
        day = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if day:
            found.append(DateFigure(m.start(), m.end(), day))
    return _ordered(found)


def anniversary_minus_one_day(d: dt.date, years: int) -> dt.date:
    """Last day of a term of ``years`` years starting on ``d`` (the day before the anniversary).

    2025-06-27 + 3 years → 2028-06-26. From 29 February the anniversary in a common year is
    1 March, so the term ends on 28 February.
    """
    try:
        anniversary = d.replace(year=d.year + years)
    except ValueError:  # 29 February → common year
        anniversary = dt.date(d.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)
