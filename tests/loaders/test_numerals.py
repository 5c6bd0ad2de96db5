"""Arabic and Chinese numerals → exact values, with a round-trip property through a renderer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.numerals import chinese_to_int, parse_number

_DIGITS = "零一二三四五六七八九"


def render_chinese(n: int, *, short_ten: bool = True, liang: bool = False) -> str:
    """Render ``n`` (0 ≤ n < 10^12) as a positional Chinese numeral, the way documents write it."""
    if n == 0:
        return "零"

    def group(x: int) -> str:  # 1..9999
        out, zero, started = "", False, False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = zero or started
                continue
            if zero:
                out += "零"
                zero = False
            digit = "两" if liang and d == 2 and unit >= 100 else _DIGITS[d]
            out += digit + name
            started = True
        return out

    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, skipped = "", False
    for value, name in parts:
        if value == 0:
            skipped = skipped or bool(out)
            continue
        if out and (value < 1000 or skipped):
            out += "零"
        out += group(value) + name
        skipped = False
    if short_ten and out.startswith("一十"):
        out = out[1:]
    return out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十五", 15),
        ("十", 10),
        ("二十", 20),
        ("一百零三", 103),
        ("一百一十", 110),
        ("一千二百", 1200),
        ("一千零五", 1005),
        ("五千", 5000),
        ("十二", 12),
        ("两", 2),
        ("两千", 2000),
        ("两万", 20000),
        ("五千万", 50000000),
        ("一亿二千万", 120000000),
        ("三万五", 35000),  # abbreviated tail
        ("一千五", 1500),
        ("二〇二五", 2025),  # digit by digit
        ("二○二四", 2024),  # with the circle zero
        ("一九九九", 1999),
        ("零", 0),
        ("壹佰贰拾", 120),  # financial numerals
        ("貳拾萬", 200000),
    ],
)
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize(
    "text", ["", "百", "万", "亿", "一百一千", "十十", "三五十", "abc", "第十"]
)
def test_chinese_to_int_rejects(text: str) -> None:
    assert chinese_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("800", "800"),
        ("0.5", "0.5"),
        ("1,000", "1000"),
        ("12,345,678.9", "12345678.9"),
        ("1.5", "1.5"),
        ("１２", "12"),
        ("０．５", "0.5"),
        ("五千", "5000"),
        ("一千二百", "1200"),
        ("二〇二五", "2025"),
        ("两", "2"),
        ("三点五", "3.5"),
        ("1.5万", "15000"),
        ("0.5亿", "50000000"),
        ("五千万", "50000000"),
        ("3千万", "30000000"),
        (" 42 ", "42"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,00", "1..5", "百分之三十", "30%", "1.5美元", "-"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_renderer_examples() -> None:
    # the renderer used by the properties writes what documents write
    assert render_chinese(103) == "一百零三"
    assert render_chinese(15) == "十五"
    assert render_chinese(100001000) == "一亿零一千"
    assert render_chinese(50000000) == "五千万"


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.booleans(), st.booleans())
def test_chinese_round_trip(n: int, short_ten: bool, liang: bool) -> None:
    text = render_chinese(n, short_ten=short_ten, liang=liang)
    assert chinese_to_int(text) == n
    assert parse_number(text) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=9999))
def test_digit_by_digit_round_trip(n: int) -> None:
    text = "".join("〇一二三四五六七八九"[int(d)] for d in f"{n:04d}")
    assert chinese_to_int(text) == n


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_arabic_round_trip(value: Decimal) -> None:
    plain = f"{value:f}"
    assert parse_number(plain) == value
    assert parse_number(f"{value:,f}") == value
    fullwidth = plain.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
    assert parse_number(fullwidth) == value
