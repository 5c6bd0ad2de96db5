"""Numbers written in Arabic or Chinese numerals → exact ``int``/``Decimal`` values.

``chinese_to_int`` reads positional Chinese numerals (``一千二百``, ``一百零三``, ``十五``,
``两万``, financial forms ``壹贰叁…拾佰仟``) with the ``cn2an`` library, and digit-by-digit ones
(``二〇二五``), which cn2an reads only in its lenient modes (where it also accepts nonsense such
as ``十百一``), here.
``parse_number`` accepts Arabic numbers (``800``, ``0.5``, ``1,000``, full-width ``１２``),
Chinese numerals with an optional ``点`` decimal part (``三点五``) and an optional trailing
multiplier (``1.5万``, ``3亿``, ``五千万``). Percentages are not numbers here (see ``money.py``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

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


# What cn2an's strict mode lacks, supplied here: variant characters it does not know, the
# colloquial forms documents use (一百十, 三万五), and digit-by-digit numerals (二〇二五).
_TO_CN2AN = str.maketrans({
    "两": "二", "兩": "二", "參": "叁", "幺": "一", "〇": "零", "○": "零", "Ｏ": "零", "０": "零",
    "萬": "万", "億": "亿",  # cn2an knows these two; spelled simplified for _ABBREVIATED_TAIL
})  # fmt: skip
_BARE_TEN = re.compile(r"(?<=[百佰千仟万亿])(?=[十拾])")  # 一百十 → 一百一十
_ABBREVIATED_TAIL = {"百": "十", "佰": "拾", "千": "百", "仟": "佰", "万": "千", "亿": "千万"}


@lru_cache(maxsize=8192)
def chinese_to_int(s: str) -> int | None:
    """Value of a Chinese numeral (``十五``→15, ``一百零三``→103, ``二〇二五``→2025), else None.

    The caller strips prefixes such as ``第``. Digit strings without units (two or more digits,
    as in years) are read digit by digit. Positional numerals are read by ``cn2an`` (strict
    mode) once the forms it lacks are spelled out: ``两``/``兩``, ``參``, ``幺`` and the zeros ``〇○``,
    ``十`` without a digit after another unit (``一百十`` = 110), an abbreviated tail (``三万五``
    = 35000, ``一千五`` = 1500). Returns None for empty or malformed numerals.
    """
    s = s.strip()
    if not s or any(c not in CHINESE_NUMERAL_CHARS for c in s):
        return None
    if all(c in DIGITS for c in s):
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[c]) for c in s))
    plain = _BARE_TEN.sub("一", s.translate(_TO_CN2AN))
    if len(plain) > 1 and plain[-1] in DIGITS and plain[-1] not in ZEROS:
        plain += _ABBREVIATED_TAIL.get(plain[-2], "")
    try:
        value = cn2an.cn2an(plain, "strict")
    except (ValueError, KeyError, IndexError):  # cn2an's word for a malformed numeral
        return None
    return int(value)


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
