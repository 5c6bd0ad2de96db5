"""Chinese numerals: ``cn2an`` reads the positional forms; the thin wrapper in
``loaders/numerals.py`` supplies only what cn2an's strict mode lacks, and malformed numerals of
any shape give None, never an exception. (Beside ``tests/loaders/test_numerals.py``, which pins
the public behaviour; these pin the division of labour with the library.)"""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int, parse_number


@pytest.mark.parametrize(("text", "value"), [("一千二百", 1200), ("一百零三", 103), ("十五", 15),
                                             ("壹佰贰拾叁", 123), ("一亿零五百万", 105000000)])
def test_cn2an_reads_the_positional_forms(text: str, value: int) -> None:
    assert cn2an.cn2an(text, "strict") == value == chinese_to_int(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二五", 2025),  # digit by digit: cn2an reads it only in its lenient modes
        ("二○二四", 2024),  # the circle zero, unknown to cn2an
        ("两万", 20000),  # 两 as a digit
        ("參拾", 30),  # a traditional financial form cn2an lacks
        ("一千〇五", 1005),  # 〇 as the zero inside a positional numeral
        ("三万五", 35000),  # abbreviated tail
        ("一千五", 1500),
        ("一亿五", 150000000),
        ("一百十", 110),  # 十 without a digit after another unit
    ],
)
def test_the_wrapper_supplies_what_cn2an_strict_lacks(text: str, value: int) -> None:
    with pytest.raises(ValueError):
        cn2an.cn2an(text, "strict")
    assert chinese_to_int(text) == value


def test_ten_after_a_hundred_million_is_not_dropped() -> None:
    # cn2an alone reads 一亿十万 as 100000000; spelled 一亿一十万 it is right
    assert cn2an.cn2an("一亿十万", "strict") == 100000000
    assert chinese_to_int("一亿十万") == 100100000


def test_ten_after_zero_is_one_thousand_and_ten() -> None:
    # the hand-written reader gave 1000 for 一千零十 (the 十 was multiplied by the zero)
    assert chinese_to_int("一千零十") == 1010
    assert chinese_to_int("二万零十") == 20010


@pytest.mark.parametrize("text", ["十百一", "两零一千万", "一百一千", "十十", "零一百", "万万", "百"])
def test_malformed_numerals_are_none(text: str) -> None:
    assert chinese_to_int(text) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CHINESE_NUMERAL_CHARS + "点點", min_size=1, max_size=8))
def test_any_numeral_string_gives_a_value_or_none(text: str) -> None:
    value = chinese_to_int(text)
    assert value is None or (isinstance(value, int) and value >= 0)
    number = parse_number(text)
    assert number is None or number >= 0
