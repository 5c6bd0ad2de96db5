"""Money, percentages, ratios and counts in running text, with exact values and offsets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.clean import clean
from policykg.loaders.counts import find_counts
from policykg.loaders.money import (
    Figure,
    find_money,
    find_money_en,
    find_percentages,
    find_ratios,
)
from policykg.loaders.source import read_source
from tests.conftest import seed_file
from tests.loaders.test_numerals import render_chinese


def _found(figures: list[Figure], text: str) -> list[tuple[str, Decimal, str]]:
    return [(text[f.start : f.end], f.value, f.unit) for f in figures]


# ---------------------------------------------------------------- Chinese money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("给予最高800万元奖励", [("800万元", Decimal(8000000), "万元")]),
        ("融资0.5亿元以上", [("0.5亿元", Decimal(50000000), "亿元")]),
        ("设立五千万元基金", [("五千万元", Decimal(50000000), "万元")]),
        ("补贴3万元", [("3万元", Decimal(30000), "万元")]),
        ("每人2000元", [("2000元", Decimal(2000), "元")]),
        ("合计1,200,000元", [("1,200,000元", Decimal(1200000), "元")]),
        ("不超过１５０万元", [("１５０万元", Decimal(1500000), "万元")]),
        ("总额1亿5000万元", [("1亿5000万元", Decimal(150000000), "亿元")]),
        ("给予一千二百万元", [("一千二百万元", Decimal(12000000), "万元")]),
        ("奖励十万元", [("十万元", Decimal(100000), "万元")]),
        ("500 万元", [("500 万元", Decimal(5000000), "万元")]),
        ("人民币3千万元", [("3千万元", Decimal(30000000), "千万元")]),
        ("人民币壹佰万元整", [("壹佰万元", Decimal(1000000), "万元")]),
        ("捐赠伍仟元", [("伍仟元", Decimal(5000), "元")]),
    ],
)
def test_find_money(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert _found(find_money(text), text) == expected


def test_enumeration_each_with_unit() -> None:
    text = "营收增量超0.5亿元、1.5亿元、4亿元的，分别给予3万元、4万元、5.5万元支持"
    assert [f.value for f in find_money(text)] == [
        Decimal(50000000),
        Decimal(150000000),
        Decimal(400000000),
        Decimal(30000),
        Decimal(40000),
        Decimal(55000),
    ]


def test_number_list_sharing_one_unit() -> None:
    text = "分别给予最高50、30、15万元资助"
    found = _found(find_money(text), text)
    assert found == [
        ("50", Decimal(500000), "万元"),
        ("30", Decimal(300000), "万元"),
        ("15万元", Decimal(150000), "万元"),
    ]


def test_range_sharing_one_unit() -> None:
    text = "给予10至20万元补助"
    assert [f.value for f in find_money(text)] == [Decimal(100000), Decimal(200000)]
    text = "给予50万至100万元补助"
    assert _found(find_money(text), text) == [
        ("50万", Decimal(500000), "万元"),
        ("100万元", Decimal(1000000), "万元"),
    ]
    text = "补助5千-1万元"
    assert [f.value for f in find_money(text)] == [Decimal(5000), Decimal(10000)]
    # a "range" that goes down is no range: only the figure with the unit counts
    assert [f.value for f in find_money("2024-5万元")] == [Decimal(50000)]
    assert [f.value for f in find_percentages("2024-30%")] == [Decimal("0.3")]


@pytest.mark.parametrize(
    "text",
    [
        "投资800万美元",  # another currency
        "数百万元资金",  # vague
        "上亿元规模",
        "几十万元",
        "二元结构",  # not money
        "万元以上",  # no number
        "第3条",
        "港元100",
    ],
)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=100000, places=2),
    st.sampled_from([("元", 1), ("万元", 10**4), ("亿元", 10**8), ("千万元", 10**7)]),
    st.sampled_from(["给予最高", "不超过", "，", "总额", ""]),
)
def test_money_property(amount: Decimal, unit: tuple[str, int], prefix: str) -> None:
    surface = f"{amount.normalize():f}{unit[0]}"
    text = f"{prefix}{surface}的奖励"
    found = find_money(text)
    assert len(found) == 1
    assert found[0].value == amount * unit[1]
    assert text[found[0].start : found[0].end] == surface


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=11, max_value=10**9), st.booleans())
def test_chinese_money_property(n: int, wan: bool) -> None:
    # single-character numerals (一元, 二元) are skipped on purpose: 二元结构 is not money
    if wan:
        n = n % 10000 or 11  # 一千二百万元: the numeral before 万元 is below 10000
        if n < 11:
            n += 11
    numeral = render_chinese(n) + ("万元" if wan else "元")
    text = f"给予{numeral}支持"
    found = find_money(text)
    assert [f.value for f in found] == [Decimal(n) * (10**4 if wan else 1)]
    assert text[found[0].start : found[0].end] == numeral


# ---------------------------------------------------------------- English money


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("grants of at most 8 million yuan per firm", [8000000]),
        ("caps of 40 million yuan and 20 million yuan", [40000000, 20000000]),
        ("a fund of 4.5 billion yuan", [4500000000]),
        ("gets 400000 yuan, 200000 yuan, and 120000 yuan", [400000, 200000, 120000]),
        ("a cap of RMB 10 million per firm", [10000000]),
        ("worth ¥1.2 billion", [1200000000]),
        ("a 100 million yuan pool", [100000000]),
        ("RMB10bn", [10000000000]),
        ("grants of 60 and 20 million yuan each", [60000000, 20000000]),
        ("between 2 and 5 million yuan", [2000000, 5000000]),
        ("from 10 to 20 million yuan", [10000000, 20000000]),
        ("10-20 million yuan", [10000000, 20000000]),
        ("page 30 - 5 million yuan", [5000000]),
        ("5, 3 and 1 million yuan", [5000000, 3000000, 1000000]),
        ("300,000 yuan", [300000]),
        ("a 500,000-yuan grant", [500000]),
        ("a 2-million-yuan cap", [2000000]),
    ],
)
def test_find_money_en(text: str, values: list[int]) -> None:
    assert [f.value for f in find_money_en(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    "text",
    ["In 2024 and 5 million yuan", "US$5 million", "5 million dollars", "a yuan 2025 note"],
)
def test_find_money_en_does_not_invent(text: str) -> None:
    values = [f.value for f in find_money_en(text)]
    assert Decimal(2024000000) not in values
    assert all(v in (Decimal(5000000),) for v in values)
    if "yuan" not in text and "RMB" not in text:
        assert values == []


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=999, places=1),
    st.sampled_from([("million", 10**6), ("billion", 10**9), ("thousand", 10**3)]),
)
def test_english_money_property(amount: Decimal, scale: tuple[str, int]) -> None:
    text = f"provide up to {amount.normalize():f} {scale[0]} yuan to firms"
    assert [f.value for f in find_money_en(text)] == [amount * scale[1]]


# ---------------------------------------------------------------- percentages, ratios, counts


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("费用的30%给予补贴", ["0.3"]),
        ("不超过百分之三十", ["0.3"]),
        ("交易额的3%", ["0.03"]),
        ("增速超10%", ["0.1"]),
        ("pays 60% of the bill", ["0.6"]),
        ("60 percent of costs", ["0.6"]),
        ("50 per cent", ["0.5"]),
        ("比例为12.5％", ["0.125"]),
        ("千分之五", ["0.005"]),
        ("10-30%之间", ["0.1", "0.3"]),
        ("提高2个百分点", []),
    ],
)
def test_find_percentages(text: str, values: list[str]) -> None:
    assert [f.value for f in find_percentages(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("按1∶1比例配套", ["1"]),
        ("按1:1配套", ["1"]),
        ("按1比1配套", ["1"]),
        ("按一比一配套", ["1"]),
        ("按1：2配套", ["0.5"]),
        ("时间：2025/6/30 17:46:52", []),
        ("上午9:05开始", []),
        ("2025-03-09 10:30", []),
        ("同比增长", []),
    ],
)
def test_find_ratios(text: str, values: list[str]) -> None:
    found = find_ratios(text)
    assert [f.value for f in found] == [Decimal(v) for v in values]
    assert all(f.unit == "ratio" for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年支持不超过10个标杆案例", [("10个", 10, "个")]),
        ("支持10家以内企业", [("10家", 10, "家")]),
        ("遴选30个项目", [("30个", 30, "个")]),
        ("培育100个以上模型", [("100个", 100, "个")]),
        ("认定三家机构", [("三家", 3, "家")]),
        ("第十一个", []),
        ("3个月内", []),
        ("提高2个百分点", []),
        ("5个工作日", []),
        ("数十家企业", []),
        ("引进1万名人才", [("1万名", 10000, "名")]),
        ("打造一批示范项目", []),
        ("给予一次性奖励", []),
        ("奖励一次", [("一次", 1, "次")]),
    ],
)
def test_find_counts(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _found(find_counts(text), text) == [(s, Decimal(v), u) for s, v, u in expected]


# ---------------------------------------------------------------- seeds (read at run time)


def test_seed_001_amounts() -> None:
    ct = clean(read_source(seed_file("001")).text)
    values = [f.value for f in find_money(ct.view)]
    for amount in (50000000, 10000000, 3000000, 2000000, 8000000, 100000000):
        assert Decimal(amount) in values
    # the tiered standards amounts, in order
    tiers = [Decimal(v) for v in (500000, 300000, 150000, 1000000, 300000, 100000)]
    assert any(values[i : i + 6] == tiers for i in range(len(values)))
    ratios = find_ratios(ct.view)
    assert [r.value for r in ratios] == [Decimal(1)]
    assert ct.span(ratios[0].start, ratios[0].end).text == "1∶1"
    assert Decimal("0.3") in [p.value for p in find_percentages(ct.view)]


def test_seed_003_amounts_and_counts() -> None:
    source = read_source(seed_file("003"))
    ct = clean(source.text)
    money = find_money(ct.view)
    values = [f.value for f in money]
    for amount in (5000000, 10000000, 500000, 1000000, 200000, 100000, 50000000, 55000):
        assert Decimal(amount) in values
    for f in money:  # every figure maps to the exact original characters
        span = ct.span(f.start, f.end)
        assert source.text[span.start : span.end] == span.text
        assert span.text.endswith(("元", "0", "5")) or span.text[-1].isdigit()
    counts = [(f.value, f.unit) for f in find_counts(ct.view)]
    assert (Decimal(10), "家") in counts and (Decimal(30), "个") in counts
    assert Decimal("0.03") in [p.value for p in find_percentages(ct.view)]
    # the clock time in the page header is not a ratio
    assert find_ratios(ct.view) == []


def test_seed_000_english_amounts() -> None:
    text = read_source(seed_file("000")).text
    values = [f.value for f in find_money_en(text)]
    for amount in (8000000, 100000000, 50000000, 10000000, 500000, 300000, 150000):
        assert Decimal(amount) in values


_FUZZ = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(list("0123456789.,，、万亿元千百十一二两〇%∶:比个家第 -至()yuanmillion")),
        max_size=60,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_FUZZ)
def test_finders_never_crash_and_stay_in_range(text: str) -> None:
    for finder in (find_money, find_money_en, find_percentages, find_ratios, find_counts):
        found = finder(text)
        for f in found:
            assert 0 <= f.start < f.end <= len(text)
        starts = [f.start for f in found]
        assert starts == sorted(starts)
