"""How the generated documents write numbers, money, dates and article numbers
(``benchmarks/corpus.py``): the forms real notices use, each drawn through the generator's
``random.Random`` so the corpus stays deterministic."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

CN_DIGITS = "〇一二三四五六七八九"


def money_text(rng: random.Random, wan: int) -> str:
    """Render an amount given in 万元 in one of the forms documents use."""
    form = rng.random()
    if wan >= 5000 and form < 0.5:
        yi = Decimal(wan) / Decimal(10000)
        return f"{yi.normalize():f}亿元"
    if form < 0.15 and wan % 10 == 0 and wan < 10000:
        return f"{chinese_number(wan)}万元"
    return f"{wan}万元"


def chinese_number(n: int) -> str:
    """Chinese numeral for 0 < n < 10000 (e.g. 1500 → 一千五百)."""
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for value, unit in units:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += ("" if (unit == "十" and digit == 1 and not out) else CN_DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + CN_DIGITS[n]
    return out


def date_text(rng: random.Random, d: dt.date) -> str:
    form = rng.randrange(3)
    if form == 0:
        return f"{d.year}年{d.month}月{d.day}日"
    if form == 1:
        year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{chinese_number(d.month)}月{chinese_number(d.day)}日"
    return d.isoformat()


def anniversary_minus_one_day(d: dt.date, years: int) -> dt.date:
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        end = d.replace(year=d.year + years, day=28) + dt.timedelta(days=1)
    return end - dt.timedelta(days=1)


def numbering(style: str, n: int) -> str:
    cn = chinese_number(n)
    return {"yi": f"{cn}、", "tiao": f"第{cn}条 ", "paren": f"（{cn}）", "arabic": f"{n}．"}[style]
