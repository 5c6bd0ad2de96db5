"""Figures in running text: money in yuan, percentages, ratios and counts, with their offsets.

Every finder returns :class:`Figure` records whose ``start``/``end`` are offsets into the text
it was given (usually a ``CleanText.view``; map them back with ``CleanText.span``). Values are
exact ``Decimal``: money in yuan (``800万元`` → 8000000), percentages as fractions (``30%`` →
0.3), ratios as left/right (``1∶1`` → 1), counts as integers. A number list that shares one unit
(``50、30、15万元``, ``10-30%``, ``50 and 10 million yuan``) gives one figure per number, each
spanning its own number (the last one includes the unit); a number with its own multiplier
keeps it (``50万至100万元`` → 500000 and 1000000). Roles are decided by the parser.
Money requires an explicit yuan unit (``元``, ``yuan``, ``RMB``, ``¥``), or 万/亿 alone where
the clause speaks of money just before and nothing follows (``单个项目最高300万，``); other
currencies (``美元``, ``USD``) are ignored. Vague amounts (``数百万元``, ``上亿元``) are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from .numerals import chinese_to_int, parse_number, tidy


@dataclass(frozen=True)
class Figure:
    """A number found in a text: ``text[start:end]`` is its surface, ``value`` its exact value."""

    start: int
    end: int
    value: Decimal
    unit: str


_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHN = r"[零〇○一二两兩三四五六七八九十百千万萬亿億壹贰貳叁肆伍陆陸柒捌玖拾佰仟]+(?:[点點][零〇○一二三四五六七八九]+)?"
_MULT = r"千万|百万|十万|万亿|万|萬|亿|億|千"
_MULT_VALUES = {
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万亿": 10**12,
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 10**3, "": 1,
}  # fmt: skip
_YUAN = r"(?:元|圆|圓)"
_VAGUE_BEFORE = set("数幾几上成余多近")
_BOUND_WORD = re.compile(r"(?:以|之)[上下]$|其余$")  # 以上五十万元: a bound word, not 上亿元

_MONEY_COMPOUND = re.compile(
    rf"(?<![\d.,])(?P<a>{_NUM})\s*(?:亿|億)\s*(?P<b>{_NUM})\s*(?:万|萬)\s*{_YUAN}"
)
_MONEY_ARABIC = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})\s?(?P<mult>{_MULT})?\s?{_YUAN}")
_MONEY_CHINESE = re.compile(rf"(?P<num>{_CHN}){_YUAN}")
# money written with 万 or 亿 alone (最高300万, 超过1亿的, as posts and briefings write it): only
# where the clause speaks of money just before and the figure ends there (300万人 is a count)
_MONEY_BARE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})\s?(?P<mult>万|萬|亿|億)"
    r"(?=\s*(?:[，。；、,;:：）)\n]|$|以上|以下|以内|左右|的|奖励|补贴|补助|资助|扶持|支持|贴息|和|或|至|到"
    r"|[\u4e00-\u9fff]{0,8}?(?:资金|基金|经费)))"  # 每年安排1亿产业发展专项资金
)
_MONEY_WORDS = re.compile(
    r"(?:奖励|奖补|补贴|补助|资助|扶持|支持|给予|最高|不超过|投资|营业收入|营收|主营业务收入|销售额|"
    r"销售收入|产值|交易额|总额|资金|金额|经费|贴息|额度|注册资本|实缴资本|融资|费用|税收|安排|设立)"
    r"[^。；;，,\n]{0,12}$"
)
_SHARED_SEP = r"\s*(?P<sep>、|/|至|到|~|～|-|—|–|和|或)\s*"
_RANGE_SEPS = set("至到~～-—–")
_LOOKBACK_NUM = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})(?P<mult>千万|百万|十万|万|萬|亿|億|千)?{_SHARED_SEP}$"
)


def _dec(num: str) -> Decimal | None:
    return parse_number(num)


class _Taken:
    """Disjoint ranges already claimed by a figure, kept sorted for logarithmic overlap tests."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # ranges starting before e
        return i > 0 and self.ends[i - 1] > s

    def append(self, span: tuple[int, int]) -> None:
        i = bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


def _shared_unit_numbers(
    text: str, start: int, limit: int = 8
) -> list[tuple[int, int, str, str, str]]:
    """Numbers before ``start`` joined to it by list/range separators, nearest first.

    Each is (start, end, number, own multiplier or "", separator after it): ``50万至100万元``
    gives ("50", "万", "至").
    """
    found: list[tuple[int, int, str, str, str]] = []
    pos = start
    while len(found) < limit:
        m = _LOOKBACK_NUM.search(text, max(0, pos - 40), pos)
        if not m:
            break
        end = m.end("mult") if m.group("mult") else m.end("num")
        found.append((m.start("num"), end, m.group("num"), m.group("mult") or "", m.group("sep")))
        pos = m.start("num")
    return found


def find_money(text: str) -> list[Figure]:
    """Chinese money figures in yuan: ``800万元``, ``0.5亿元``, ``五千万元``, ``1亿5000万元``, ``50、30、15万元``."""
    figures: list[Figure] = []
    taken = _Taken()
    for m in _MONEY_COMPOUND.finditer(text):
        a, b = _dec(m.group("a")), _dec(m.group("b"))
        if a is None or b is None:
            continue
        figures.append(Figure(m.start(), m.end(), tidy(a * 10**8 + b * 10**4), "亿元"))
        taken.append((m.start(), m.end()))
    for m in _MONEY_ARABIC.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        value = _dec(m.group("num"))
        if value is None:
            continue
        mult = m.group("mult") or ""
        unit = mult.replace("萬", "万").replace("億", "亿") + "元"
        figures.append(Figure(m.start(), m.end(), tidy(value * _MULT_VALUES[mult]), unit))
        taken.append((m.start(), m.end()))
        right = value * _MULT_VALUES[mult]
        for s, e, num, own, sep in _shared_unit_numbers(text, m.start()):
            v = _dec(num)
            if v is None or taken.overlaps(s, e):
                break
            k = own or mult
            amount = v * _MULT_VALUES[k]
            if sep in _RANGE_SEPS and amount >= right:
                break  # a range goes up: 10至20万元; 2024-5万元 is no range
            figures.append(
                Figure(s, e, tidy(amount), k.replace("萬", "万").replace("億", "亿") + "元")
            )
            taken.append((s, e))
            right = amount
    for m in _MONEY_BARE.finditer(text):
        value = _dec(m.group("num"))
        if (value is None or taken.overlaps(m.start(), m.end())
                or not _MONEY_WORDS.search(text, max(0, m.start() - 30), m.start())):
            continue
        mult = m.group("mult")
        unit = mult.replace("萬", "万").replace("億", "亿")
        figures.append(Figure(m.start(), m.end(), tidy(value * _MULT_VALUES[mult]), unit + "元"))
        taken.append((m.start(), m.end()))
    for m in _MONEY_CHINESE.finditer(text):
        num = m.group("num")
        start = m.start()
        # the numeral run may begin with characters of a preceding word; trim to a valid numeral
        while num and (parse_number(num) is None or num[0] in "万萬亿億百千佰仟"):
            num, start = num[1:], start + 1
        if len(num) < 2 or taken.overlaps(start, m.end()):
            continue
        if start > 0 and text[start - 1] in _VAGUE_BEFORE and not _BOUND_WORD.search(
                text, max(0, start - 2), start):
            continue
        if not any(ch in "一二两兩三四五六七八九十壹贰貳叁肆伍陆陸柒捌玖拾" for ch in num):
            continue
        value = parse_number(num)
        if value is None:
            continue
        unit = "亿元" if num[-1] in "亿億" else "万元" if num[-1] in "万萬" else "元"
        figures.append(Figure(start, m.end(), tidy(value), unit))
        taken.append((start, m.end()))
    return _dedupe_plain(figures)


# ---------------------------------------------------------------- English money

_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_SCALE = r"(?:thousand|million|billion|trillion|mn|bn|tn|m|b|k)"
_CUR_BEFORE = r"(?:RMB|CNY|Rmb|rmb|¥|￥|yuan)"
_CUR_AFTER = r"(?:(?:Chinese\s+)?yuan|renminbi|RMB|CNY)"
_EN_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONEY_EN_PREFIX = re.compile(
    rf"(?P<cur>{_CUR_BEFORE})\s?(?P<num>{_EN_NUM})(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s+{_CUR_AFTER}\b)?",
    re.IGNORECASE,
)
_MONEY_EN_SUFFIX = re.compile(
    rf"(?<![\d.,])(?P<num>{_EN_NUM})(?:[\s-]?(?P<scale>{_SCALE})\b)?(?:\s*|-)(?P<cur>{_CUR_AFTER})\b",
    re.IGNORECASE,
)
_EN_LIST_LAST = re.compile(
    rf"(?<![\d.,])(?P<num>{_EN_NUM})(?:\s?(?P<scale>{_SCALE})\b)?\s*"
    rf"(?:,?\s+(?:and|or)\s+|(?P<range>\s+to\s+|\s*[-–]\s*))$",
    re.IGNORECASE,
)
_EN_LIST_MORE = re.compile(
    rf"(?<![\d.,])(?P<num>{_EN_NUM})(?:\s?(?P<scale>{_SCALE})\b)?\s*,\s*$", re.IGNORECASE
)


def _en_value(num: str, scale: str | None) -> Decimal | None:
    value = parse_number(num)
    if value is None:
        return None
    return tidy(value * _SCALES[scale.lower()]) if scale else value


def _en_unit(scale: str | None) -> str:
    if not scale:
        return "yuan"
    full = {"k": "thousand", "mn": "million", "m": "million", "bn": "billion", "b": "billion",
            "tn": "trillion"}.get(scale.lower(), scale.lower())  # fmt: skip
    return f"{full} yuan"


def find_money_en(text: str) -> list[Figure]:
    """English money in yuan: ``8 million yuan``, ``RMB 10 million``, ``¥1.2 billion``, ``500,000 yuan``.

    A list sharing the last unit (``50, 30 and 15 million yuan``, ``10-20 million yuan``) gives
    a figure per number; a bare 4-digit year-like number is never pulled into such a list.
    """
    figures: list[Figure] = []
    taken = _Taken()
    for m in _MONEY_EN_PREFIX.finditer(text):
        cur, scale = m.group("cur"), m.group("scale")
        if cur.lower() == "yuan" and not scale:
            continue  # "yuan 5" is not a form; avoid "yuan 2025"
        value = _en_value(m.group("num"), scale)
        if value is not None:
            figures.append(Figure(m.start(), m.end(), value, _en_unit(scale)))
            taken.append((m.start(), m.end()))
    for m in _MONEY_EN_SUFFIX.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        scale = m.group("scale")
        value = _en_value(m.group("num"), scale)
        if value is None:
            continue
        figures.append(Figure(m.start(), m.end(), value, _en_unit(scale)))
        taken.append((m.start(), m.end()))
        pos, pattern = m.start(), _EN_LIST_LAST
        while True:
            lm = pattern.search(text, max(0, pos - 40), pos)
            if not lm:
                break
            own = lm.group("scale")
            num = lm.group("num")
            if not own and scale and re.fullmatch(r"(?:19|20)\d\d", num):
                break
            v = _en_value(num, own or scale)
            s, e = lm.start("num"), lm.end("scale") if own else lm.end("num")
            if v is None or taken.overlaps(s, e):
                break
            if lm.groupdict().get("range") and v >= value:
                break  # a range goes up: 10 to 20 million yuan
            figures.append(Figure(s, e, v, _en_unit(own or scale)))
            taken.append((s, e))
            pos, pattern = s, _EN_LIST_MORE
    return sorted(figures, key=lambda f: f.start)


# ---------------------------------------------------------------- percentages

_PERCENT = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})\s?(?P<sign>[%％‰])")
_PERCENT_ZH = re.compile(rf"(?P<kind>百分之|千分之)(?P<num>{_NUM}|{_CHN})")
# 按购置价格的三成给予补贴, 按3成: tenths after 的/按/予, never inside a word (一成不变, 九成以上的企业)
_TENTHS = re.compile(r"(?<=[的按予])(?P<num>[一二三四五六七八九1-9])成(?![\u4e00-\u9fff]{0,1}(?:员|本|功|果|立|为|交|就|熟|型|品|套|绩|效|不变|以上))")
_PERCENT_EN = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})\s?(?:percent|per\s?cent|pct)\b", re.I)
_PERCENT_LOOKBACK = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})\s*(?:~|～|-|—|–|至|到)\s*$")


def find_percentages(text: str) -> list[Figure]:
    """Percentages as fractions: ``30%`` → 0.3, ``百分之三十`` → 0.3, ``按…的三成`` → 0.3,
    ``60 percent`` → 0.6, ``5‰``."""
    figures: list[Figure] = []
    for m in _PERCENT.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        div = 1000 if m.group("sign") == "‰" else 100
        unit = "‰" if div == 1000 else "%"
        figures.append(Figure(m.start(), m.end(), tidy(value / div), unit))
        lm = _PERCENT_LOOKBACK.search(text, max(0, m.start() - 20), m.start())
        if lm:
            v = parse_number(lm.group("num"))
            if v is not None and v < value:  # a range goes up: 10-30%
                figures.append(Figure(lm.start("num"), lm.end("num"), tidy(v / div), unit))
    for m in _PERCENT_ZH.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        div = 100 if m.group("kind") == "百分之" else 1000
        figures.append(Figure(m.start(), m.end(), tidy(value / div), "%" if div == 100 else "‰"))
    for m in _TENTHS.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            figures.append(Figure(m.start(), m.end(), tidy(value / 10), "%"))
    for m in _PERCENT_EN.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            figures.append(Figure(m.start(), m.end(), tidy(value / 100), "%"))
    return _dedupe_plain(figures)


def _dedupe_plain(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for f in sorted(figures, key=lambda f: (f.start, -f.end)):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


# ---------------------------------------------------------------- ratios

_RATIO = re.compile(
    rf"(?<![\d.:：∶])(?P<a>{_NUM})\s?(?P<sep>[∶:：比])\s?(?P<b>{_NUM})(?![\d.]|\s?[:：∶]\s?\d|%)"
)
_RATIO_ZH = re.compile(r"(?P<a>[一二两三四五六七八九十]+)比(?P<b>[一二两三四五六七八九十]+)")
_DATE_BEFORE = re.compile(
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|[上下]午|时间[：:]?|at)\s*$"
)


def find_ratios(text: str) -> list[Figure]:
    """Ratios ``1∶1``, ``1:1``, ``1比1``, ``一比一`` → left/right (unit ``ratio``); clock times are skipped."""
    figures: list[Figure] = []
    for m in _RATIO.finditer(text):
        a, b, sep = m.group("a"), m.group("b"), m.group("sep")
        if sep in ":：":
            if len(b) == 2 and b[0] == "0":
                continue  # 9:05 is a time
            if _DATE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                continue
        left, right = parse_number(a), parse_number(b)
        if left is None or right is None or right == 0:
            continue
        figures.append(Figure(m.start(), m.end(), tidy(left / right), "ratio"))
    for m in _RATIO_ZH.finditer(text):
        left, right = chinese_to_int(m.group("a")), chinese_to_int(m.group("b"))
        if left is None or not right:
            continue
        figures.append(Figure(m.start(), m.end(), tidy(Decimal(left) / Decimal(right)), "ratio"))
    return _dedupe_plain(figures)
