"""Dates in every supported form, English dates with a default year, validity arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.clean import clean
from policykg.loaders.dates import anniversary_minus_one_day, find_dates, find_dates_en
from policykg.loaders.source import read_source
from tests.conftest import seed_file

_DIGITS = "〇一二三四五六七八九"


def _han_small(n: int) -> str:
    """1..31 as written in dates: 九, 十, 十一, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    out = ("" if tens < 2 else _DIGITS[tens]) + ("十" if tens else "")
    return out + (_DIGITS[ones] if ones else "")


def render(d: dt.date, form: str) -> str:
    if form == "ymd":
        return f"{d.year}年{d.month}月{d.day}日"
    if form == "han":
        year = "".join(_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{_han_small(d.month)}月{_han_small(d.day)}日"
    if form == "iso":
        return d.isoformat()
    if form == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if form == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    raise AssertionError(form)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("于2025年3月9日印发", "2025年3月9日", dt.date(2025, 3, 9)),
        ("二〇二五年三月九日", "二〇二五年三月九日", dt.date(2025, 3, 9)),
        ("二○二四年十二月三十一日", "二○二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("二〇二五年十月二十日", "二〇二五年十月二十日", dt.date(2025, 10, 20)),
        ("二0二五年一月五日", "二0二五年一月五日", dt.date(2025, 1, 5)),  # Latin zero
        ("二零二五年二月三日", "二零二五年二月三日", dt.date(2025, 2, 3)),
        ("发布日期：2025-03-09。", "2025-03-09", dt.date(2025, 3, 9)),
        ("2025.3.9", "2025.3.9", dt.date(2025, 3, 9)),
        ("2025/06/30", "2025/06/30", dt.date(2025, 6, 30)),
        ("2025 年 6 月 3 日", "2025 年 6 月 3 日", dt.date(2025, 6, 3)),
        ("截至2027年12月31日号", "2027年12月31日", dt.date(2027, 12, 31)),
    ],
)
def test_find_dates(text: str, surface: str, value: dt.date) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == surface
    assert found[0].value == value
    assert found[0].time is None


def test_date_with_time() -> None:
    text = "时间：2025/6/30 17:46:52 作者："
    (found,) = find_dates(text)
    assert found.value == dt.date(2025, 6, 30)
    assert found.time == dt.time(17, 46, 52)
    assert text[found.start : found.end] == "2025/6/30 17:46:52"
    (iso,) = find_dates("发布时间：2025-04-02 09:30")
    assert iso.time == dt.time(9, 30)


@pytest.mark.parametrize(
    "text",
    ["2025年2月30日", "2025年13月1日", "2025年3月", "第2025号", "12025-03-09", "1.2.3", "3月9日"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_order() -> None:
    text = "自2025年1月1日起至2027年12月31日止，2025-06-27印发"
    assert [d.value for d in find_dates(text)] == [
        dt.date(2025, 1, 1),
        dt.date(2027, 12, 31),
        dt.date(2025, 6, 27),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["ymd", "han", "iso", "slash", "dot"]),
)
def test_date_round_trip(d: dt.date, form: str) -> None:
    surface = render(d, form)
    text = f"本办法于{surface}起施行"
    found = find_dates(text)
    assert [f.value for f in found] == [d]
    assert text[found[0].start : found[0].end] == surface


# ---------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On March 10th, the province", dt.date(2025, 3, 10)),
        ("released on 10 March 2024", dt.date(2024, 3, 10)),
        ("released on March 10, 2024.", dt.date(2024, 3, 10)),
        ("on Mar. 3 the city", dt.date(2025, 3, 3)),
        ("the 1st of June", dt.date(2025, 6, 1)),
        ("published 2025-03-12", dt.date(2025, 3, 12)),
        ("Sept 30, 2026", dt.date(2026, 9, 30)),
    ],
)
def test_find_dates_en(text: str, value: dt.date) -> None:
    assert [d.value for d in find_dates_en(text, default_year=2025)] == [value]


def test_english_without_year_needs_default() -> None:
    assert find_dates_en("On March 10th, the province") == []
    assert find_dates_en("in March 2025 the plan") == []
    assert find_dates_en("It may 5 times") == []  # the modal verb is not a month
    assert find_dates_en("February 30, 2025") == []


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["mdy", "dmy", "md", "ordinal"]),
)
def test_english_round_trip(d: dt.date, form: str) -> None:
    month = d.strftime("%B")
    surface = {
        "mdy": f"{month} {d.day}, {d.year}",
        "dmy": f"{d.day} {month} {d.year}",
        "md": f"{month} {d.day}",
        "ordinal": f"{month} {d.day}th",
    }[form]
    found = find_dates_en(f"The notice of {surface} says", default_year=d.year)
    assert [f.value for f in found] == [d]


# ---------------------------------------------------------------- validity


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (dt.date(2025, 6, 27), 3, dt.date(2028, 6, 26)),
        (dt.date(2025, 1, 1), 1, dt.date(2025, 12, 31)),
        (dt.date(2024, 2, 29), 3, dt.date(2027, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 28)),
        (dt.date(2025, 3, 1), 3, dt.date(2028, 2, 29)),
    ],
)
def test_anniversary_minus_one_day(start: dt.date, years: int, end: dt.date) -> None:
    assert anniversary_minus_one_day(start, years) == end


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(1, 9))
def test_anniversary_property(start: dt.date, years: int) -> None:
    end = anniversary_minus_one_day(start, years)
    following = end + dt.timedelta(days=1)
    assert following.year == start.year + years
    assert (following.month, following.day) == (start.month, start.day) or (
        (start.month, start.day) == (2, 29) and (following.month, following.day) == (3, 1)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(list("0123456789〇一二十年月日号-/.: TMarch,th")), max_size=50
        ).map("".join),
    )
)
def test_date_finders_never_crash(text: str) -> None:
    for found in (find_dates(text), find_dates_en(text, default_year=2025)):
        for d in found:
            assert 0 <= d.start < d.end <= len(text)


# ---------------------------------------------------------------- seeds


def test_seed_dates() -> None:
    ct1 = clean(read_source(seed_file("001")).text)
    values = [d.value for d in find_dates(ct1.view)]
    assert values[0] == dt.date(2025, 3, 9)
    assert dt.date(2027, 12, 31) in values
    ct3 = clean(read_source(seed_file("003")).text)
    found = find_dates(ct3.view)
    assert (found[0].value, found[0].time) == (dt.date(2025, 6, 30), dt.time(17, 46, 52))
    assert found[1].value == dt.date(2025, 6, 27)
    assert ct3.span(found[1].start, found[1].end).text == "2025年6月27日"
    assert anniversary_minus_one_day(found[1].value, 3) == dt.date(2028, 6, 26)
    text0 = read_source(seed_file("000")).text
    assert dt.date(2025, 3, 10) in [d.value for d in find_dates_en(text0, default_year=2025)]
