"""Counts in running text: a number with a measure word (``10家``, ``三个项目``) or, in English,
before a plural noun (``10 robots``), with their offsets. The figures are :class:`Figure`
records as :mod:`loaders.money` gives them; roles (quota, threshold…) are decided by the parser.
"""

from __future__ import annotations

import re

from .money import _CHN, _MULT_VALUES, _NUM, _VAGUE_BEFORE, Figure
from .numerals import parse_number, tidy, to_halfwidth_digits

# ---------------------------------------------------------------- counts

_MEASURE = r"个|家|项|名|人|所|台|套|款|件|次|批|条|种|户|位|支|座|组|间|栋|场|只|本|部|张|份|辆"
_NOT_COUNT_AFTER = r"(?!百分点|月|工作日|小时|季度|自然日|周|星期|年度)"
_CHN_CHARS = "零〇○一二两兩三四五六七八九十百千万萬亿億壹贰貳叁肆伍陆陸柒捌玖拾佰仟点點"
_COUNT = re.compile(
    rf"(?:(?<![\d.,第])(?P<arabic>{_NUM})|(?<![第{_CHN_CHARS}])(?P<chinese>{_CHN}))"
    rf"\s?(?P<mult>万|萬|亿|億)?(?P<unit>{_MEASURE}){_NOT_COUNT_AFTER}"
)


def find_counts(text: str) -> list[Figure]:
    """Counts with a measure word: ``10个``, ``10家以内`` (→ ``10家``), ``30个项目``, ``三家``.

    ``value`` is an integral Decimal, ``unit`` the measure word. Ordinals (``第十个``), durations
    (``3个月``, ``5个工作日``), percentage points (``2个百分点``), ``一批`` (a number of) and
    ``一次性`` (one-time) are not counts.
    """
    figures: list[Figure] = []
    for m in _COUNT.finditer(text):
        group = "arabic" if m.group("arabic") else "chinese"
        num = m.group(group)
        start = m.start(group)
        if group == "chinese":
            while num and parse_number(num) is None:
                num, start = num[1:], start + 1
            if not num or (start > 0 and text[start - 1] in _VAGUE_BEFORE | {"第"}):
                continue
            if num[0] in "万萬亿億百千佰仟":
                continue
        value = parse_number(to_halfwidth_digits(num))
        if value is None:
            continue
        if m.group("mult"):
            value *= _MULT_VALUES[m.group("mult")]
        if value != value.to_integral_value():
            continue
        unit = m.group("unit")
        if num in ("一", "壹") and (
            unit == "批" or (unit == "次" and text[m.end() : m.end() + 1] == "性")
        ):
            continue  # 一批 "a number of", 一次性 "one-time": not counts
        figures.append(Figure(start, m.end(), tidy(value), unit))
    return figures


# ---------------------------------------------------------------- counts in English

_COUNT_EN = re.compile(
    rf"(?<![\w.,:/-])(?P<num>{_NUM})\s+(?P<noun>(?:[A-Za-z][\w-]*\s+){{0,3}}?[A-Za-z][\w-]*s)\b"
)
_NOT_COUNT_NOUN = re.compile(
    r"^(?:years?|months?|days?|hours?|minutes?|percent|yuan|dollars|times|billions?|millions?)$"
    r"|yuan|percent",
    re.IGNORECASE,
)


def find_counts_en(text: str) -> list[Figure]:
    """English counts: a whole number before a plural noun phrase (``10 robots``, ``1,000 firms``).

    ``unit`` is the noun phrase (up to four words, the last one plural). Durations, money and
    percentages (``3 years``, ``5 million yuan``), fractions and a bare year (``2025 firms``) are
    not counts.
    """
    figures: list[Figure] = []
    for m in _COUNT_EN.finditer(text):
        noun, num = m.group("noun"), m.group("num")
        value = parse_number(num)
        if value is None or _NOT_COUNT_NOUN.search(noun.split()[-1]):
            continue
        if value != value.to_integral_value() or (1900 <= value <= 2100 and "," not in num):
            continue
        figures.append(Figure(m.start(), m.end(), tidy(value), noun))
    return figures
