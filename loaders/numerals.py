"""Numbers written in Arabic or Chinese numerals → exact ``int``/``Decimal`` values.

``chinese_to_int`` reads positional Chinese numerals (``一千二百``, ``一百零三``, ``十五``,
``两万``, financial forms ``壹贰叁…拾佰仟``) and digit-by-digit ones (``二〇二五``).
``parse_number`` accepts Arabic numbers (``800``, ``0.5``, ``1,000``, full-width ``１２``),
Chinese numerals with an optional ``点`` decimal part (``三点五``) and an optional trailing
multiplier (``1.5万``, ``3亿``, ``五千万``). Percentages are not numbers here (see ``money.py``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0, "０": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
DECIMAL_POINT = "点點"
ZEROS = "〇○零Ｏ０"
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)

_ARABIC = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MULTIPLIER = re.compile(r"^(?P<num>.*?)(?P<mult>千万|百万|十万|万亿|[万萬亿億千百])$")
_MULT_VALUES = {
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万亿": 10**12,
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 10**3, "百": 10**2,
}  # fmt: skip


def to_halfwidth_digits(s: str) -> str:
    """Full-width digits, point, comma and percent sign → ASCII; other characters unchanged."""
    return s.translate(
        {o: o - 0xFEE0 for o in range(0xFF10, 0xFF1A)} | {0xFF0E: 0x2E, 0xFF0C: 0x2C}
    )


def chinese_to_int(s: str) -> int | None:
    """Value of a Chinese numeral (``十五``→15, ``一百零三``→103, ``二〇二五``→2025), else None.

    The caller strips prefixes such as ``第``. Digit strings without units (two or more digits,
    as in years) are read digit by digit. Returns None for empty or malformed numerals.
    """
    s = s.strip()
    if not s or any(c not in CHINESE_NUMERAL_CHARS for c in s):
        return None
    if all(c in DIGITS for c in s):
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[c]) for c in s))
    total = 0  # completed 亿 groups
    section = 0  # completed 万 groups within the current 亿 group
    group = 0  # below 万
    number: int | None = None  # pending digit
    last_small = 10**9  # the last small unit seen in this group (must decrease)
    last_large = 10**13
    prev_unit = 0  # value of the unit character just before, for 三万五 = 35000
    tail_unit = 0  # the unit right before the pending digit
    for c in s:
        if c in DIGITS:
            tail_unit, prev_unit = (prev_unit if DIGITS[c] else 0), 0
            if number is not None and number != 0 and DIGITS[c] != 0:
                return None  # two digits in a row without a unit: malformed
            number = DIGITS[c]
            continue
        elif c in SMALL_UNITS:
            unit = SMALL_UNITS[c]
            if unit >= last_small:
                return None
            if number is None:
                if unit == 10:
                    number = 1  # 十五, 一百十 (colloquial)
                else:
                    return None  # 百 without a digit
            group += number * unit
            number = None
            last_small = unit
            prev_unit = unit
        else:
            unit = LARGE_UNITS[c]
            value = group + (number or 0)
            if unit == 10**8:
                if total + section + value == 0:
                    return None
                total = (total + section + value) * unit
                section = 0
            else:
                if value == 0 and not total and not section:
                    return None  # 万 without a digit
                section += value * unit
            if unit == last_large == 10**4:
                return None  # 万万
            group, number, last_small, last_large = 0, None, 10**9, unit
            prev_unit = unit
    if number and tail_unit > 10:
        number *= tail_unit // 10  # abbreviated tail: 一千五 = 1500, 三万五 = 35000
    return total + section + group + (number or 0)


def tidy(value: Decimal) -> Decimal:
    """``value`` without a meaningless fractional part or trailing zeros (15000.0 → 15000)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_number(s: str) -> Decimal | None:
    """Exact value of an Arabic or Chinese number, with optional 点-decimals and multiplier.

    ``'800'``, ``'0.5'``, ``'1,000'``, ``'１２'``, ``'五千'``, ``'一千二百'``, ``'二〇二五'``,
    ``'三点五'``, ``'1.5万'`` (15000), ``'五千万'``. None when ``s`` is not a number.
    """
    s = to_halfwidth_digits(s.strip())
    if not s:
        return None
    if _ARABIC.match(s):
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern guarantees a number
            return None
    whole = chinese_to_int(s)
    if whole is not None:
        return Decimal(whole)
    m = _MULTIPLIER.match(s)
    if m and m.group("num"):
        base = _plain_number(m.group("num"))
        if base is not None:
            return tidy(base * _MULT_VALUES[m.group("mult")])
    return _plain_number(s)


def _plain_number(s: str) -> Decimal | None:
    """An Arabic number, a Chinese integer, or a Chinese number with a 点 decimal part."""
    if _ARABIC.match(s):
        return Decimal(s.replace(",", ""))
    for point in DECIMAL_POINT:
        if point in s:
            head, _, tail = s.partition(point)
            whole = chinese_to_int(head) if head else None
            if whole is None or not tail or any(c not in DIGITS for c in tail):
                return None
            return Decimal(f"{whole}." + "".join(str(DIGITS[c]) for c in tail))
    value = chinese_to_int(s)
    return Decimal(value) if value is not None else None
