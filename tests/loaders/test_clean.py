"""The matching view: each cleaning step, the offset map back to the original, furniture."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.clean import clean, furniture_lines
from policykg.loaders.source import read_source
from policykg.ontology.gazetteer import to_simplified
from tests.conftest import seed_file

# ---------------------------------------------------------------- pinyin annotations


@pytest.mark.parametrize(
    ("original", "view"),
    [
        ("有關(guān)部門", "有关部门"),
        ("印發(fā)通知", "印发通知"),
        ("機(jī)器人", "机器人"),
        ("創(chuàng)新", "创新"),
        ("有关（guān）部门", "有关部门"),  # full-width parentheses
        ("有关(guan1)部门", "有关部门"),  # tone digit
        ("有关(guan)部门", "有关部门"),  # toneless, confirmed by the reading of 关
        ("机构(ji1 gou4)改革", "机构改革"),
        ("机构(jī gòu)改革", "机构改革"),  # two syllables for two characters
        ("綠(lǜ)色", "绿色"),
    ],
)
def test_pinyin_annotations_removed(original: str, view: str) -> None:
    assert clean(original).view == view


@pytest.mark.parametrize(
    ("original", "view"),
    [
        ("（责任单位：区科技局）", "（责任单位：区科技局）"),
        ("粤府办(2025)6号", "粤府办（2025）6号"),
        ("超过1亿元（含）的", "超过1亿元（含）的"),
        ("调用(API)接口", "调用（API）接口"),
        ("调用(api)接口", "调用（api）接口"),  # toneless and not a reading of 用
        ("包括(a)项", "包括（a）项"),
        ("包括(a1)项", "包括（a1）项"),  # tone digit, but not a reading of 括
        ("（一）支持研发", "（一）支持研发"),
        ("the (guān) word", "the (guān) word"),  # not after a Han character
    ],
)
def test_real_parentheticals_kept(original: str, view: str) -> None:
    assert clean(original).view == view


# ---------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("original", "view"),
    [
        ("企业,,高校", "企业，高校"),
        ("攻关,。支持", "攻关。支持"),
        ("企业、,高校", "企业、高校"),
        ("技术,、高成长", "技术、高成长"),
        ("一,、总则", "一、总则"),
        ("措施;,附则", "措施；附则"),
        ("甲,乙", "甲，乙"),
        ("时间:2025", "时间：2025"),
        ("如下:", "如下："),
        ("是否?", "是否？"),
        ("共1,000家", "共1,000家"),
        ("17:46:52", "17:46:52"),
        ("按1∶1配套", "按1∶1配套"),
        ("Hello, world: yes; no", "Hello, world: yes; no"),
        ("当年(1-11月)营收", "当年（1-11月）营收"),
        ("。。", "。"),
        ('实施"人工智能+"行动', "实施“人工智能+”行动"),
        ('say "hello" now', 'say "hello" now'),
        ("根据<<某市促进办法>>制定", "根据《某市促进办法》制定"),
        ("if a<<b and c>>d", "if a<<b and c>>d"),
    ],
)
def test_punctuation(original: str, view: str) -> None:
    assert clean(original).view == view


def test_doubled_punctuation_span_covers_both_marks() -> None:
    ct = clean("企业,,高校")
    i = ct.view.index("，")
    assert ct.span(i, i + 1).text == ",,"


# ---------------------------------------------------------------- width, whitespace, script


@pytest.mark.parametrize(
    ("original", "view"),
    [
        ("１２３万元", "123万元"),
        ("３０％", "30%"),
        ("ＡＰＩ接口", "API接口"),
        ("１．支持", "1.支持"),
        ("甲，乙：丙；（丁）！？", "甲，乙：丙；（丁）！？"),
        ("零\u200b宽", "零宽"),
        ("某府办﹝2025﹞3号", "某府办〔2025〕3号"),
        ("某府办［2025］3号", "某府办[2025]3号"),
        ("按1﹕1配套", "按1:1配套"),
        ("企业､高校｡", "企业、高校。"),
    ],
)
def test_width_normalisation(original: str, view: str) -> None:
    assert clean(original).view == view


@pytest.mark.parametrize(
    ("original", "view"),
    [
        ("  开头和结尾  ", "开头和结尾"),
        ("第一行\r\n\r\n\u3000\u3000第二行", "第一行\n第二行"),
        ("甲机关 乙机关", "甲机关 乙机关"),  # separates two header items: kept
        ("关 于 印 发", "关于印发"),  # letter-spaced title
        ("通 知", "通知"),
        ("word   word", "word word"),
        ("甲\t\t乙丙", "甲 乙丙"),
        ("100 万元", "100 万元"),
        # a stray space inside a word of a prose line is dropped
        ("对中小 企业购买服务的，按30%给予补贴。", "对中小企业购买服务的，按30%给予补贴。"),
        ("对企业，给予贴 息支持。", "对企业，给予贴息支持。"),
        # … not after an article's number, nor where a page run onto one line sets parts apart
        ("第一条 为了促进发展，制定本办法。", "第一条 为了促进发展，制定本办法。"),
        ("某市人民政府 2024年9月20日 某市若干措施 为加快发展，制定本措施。",
         "某市人民政府 2024年9月20日 某市若干措施 为加快发展，制定本措施。"),
        ("某市财政局 某市商务局", "某市财政局 某市商务局"),
    ],
)
def test_whitespace(original: str, view: str) -> None:
    assert clean(original).view == view


# ---------------------------------------------------------------- lines wrapped at a fixed width

_BODY = "二、支持零部件研发。对企业研发关键部件的，按项目研发投入的"


@pytest.mark.parametrize(
    ("original", "view"),
    [
        # a sentence wrapped twice: the second break falls inside 最高, on a short middle line
        (_BODY + "\n20%给予补助，单个项目最\n高300万元，资金由市财政安排。",
         _BODY + "20%给予补助，单个项目最高300万元，资金由市财政安排。"),
        # a break inside a word that splits an amount from its verb
        ("一、对年度营业收入首次突破1亿元的整机企业，给予一次性奖励\n50万元；突破5亿元的，奖励100万元。",
         "一、对年度营业收入首次突破1亿元的整机企业，给予一次性奖励50万元；突破5亿元的，奖励100万元。"),
    ],
)
def test_a_sentence_wrapped_at_a_fixed_width_is_joined(original: str, view: str) -> None:
    assert clean(original).view == view


def test_a_joined_break_stays_in_the_span_of_the_original() -> None:
    ct = clean(_BODY + "\n20%给予补助，单个项目最\n高300万元，资金由市财政安排。")
    i = ct.view.index("最高300万元")
    assert ct.span(i, i + 7).text == "最\n高300万元"


@pytest.mark.parametrize(
    "text",
    [
        # the next line is an item of its own
        "一、对首次认定的高新技术企业，给予一次性奖励二十万元，由区财政安排资金\n二、对新认定的企业，给予奖励。",
        "（一）对首次认定的高新技术企业，给予一次性奖励二十万元，由区财政安排\n（二）对新认定的企业，给予奖励。",
        # a short heading line, a closing line with no clause mark
        "四、保障措施\n各部门要加强协调配合，形成工作合力，确保各项措施落到实处。",
        # a notice title (organs set apart by 、, no comma) above the addressee line
        "上海市人民政府关于批转市经济信息化委、市财政局制订的《某某管理办法》的通知\n"
        "各区人民政府，市政府各委、办、局：",
        "对首次认定的高新技术企业，给予一次性奖励二十万元，资金由区财政安排\n芜湖市经济和信息化局",
    ],
)
def test_lines_that_are_no_wrapped_sentence_stay_apart(text: str) -> None:
    assert clean(text).view == text


def test_simplified_view_one_char_per_char() -> None:
    ct = clean("廣東省人民政府辦公廳關於印發")
    assert ct.view == "广东省人民政府办公厅关于印发"
    assert list(ct.starts) == list(range(len(ct.view)))


def test_span_maps_view_to_exact_original() -> None:
    original = "  粵府辦〔2025〕6號\n有關(guān)部門,,請于3月9日前報送。"
    ct = clean(original)
    i = ct.view.index("粤府办")
    j = ct.view.index("号") + 1
    span = ct.span(i, j)
    assert span.text == "粵府辦〔2025〕6號"
    assert original[span.start : span.end] == span.text
    k = ct.view.index("有关部门")
    assert ct.span(k, k + 4).text == "有關(guān)部門"
    # an empty range gives an empty span at the right place
    assert ct.span(k, k).text == ""
    assert ct.span(k, k).start == original.index("有")
    assert ct.to_view(original.index("部")) == ct.view.index("部")


def test_orig_offsets_at_the_ends() -> None:
    ct = clean(" 甲乙 ")
    assert ct.orig_start(0) == 1
    assert ct.orig_end(2) == 3
    assert ct.orig_start(len(ct.view)) == 3
    empty = clean("")
    assert empty.view == ""
    assert empty.span(0, 0).text == ""


# ---------------------------------------------------------------- furniture


def test_furniture_lines() -> None:
    view = (
        "时间：2025/1/2 10:00:00 作者： 点击数：\n"
        "某局关于印发若干措施的通知\n"
        "第一条 支持企业研发。\n"
        "【打印】【关闭】\n"
        "正文最后一句。 信息来源：某市人民政府网站\n"
        "公开方式：主动公开"
    )
    ranges = furniture_lines(view)
    texts = [view[a:b] for a, b in ranges]
    assert texts == [
        "时间：2025/1/2 10:00:00 作者： 点击数：",
        "【打印】【关闭】",
        "信息来源：某市人民政府网站",
        "公开方式：主动公开",
    ]


def test_page_numbers_are_furniture() -> None:
    view = "第一条 正文。\n- 3 -\n第二条 正文。\n第2页 共9页\n3/9\n第3条 3个"
    assert [view[a:b] for a, b in furniture_lines(view)] == ["- 3 -", "第2页 共9页", "3/9"]


def test_furniture_keeps_metadata_lines() -> None:
    view = "发文字号：某府办〔2025〕12号\n字号：大 中 小\n正文。"
    assert [view[a:b] for a, b in furniture_lines(view)] == ["字号：大 中 小"]


def test_furniture_never_swallows_body_text() -> None:
    view = "第五条 对作者：的规定，按照来源：核实后给予支持。本条由某局负责解释。"
    assert all("支持" not in view[a:b] for a, b in furniture_lines(view))


@pytest.mark.parametrize(
    "line",
    [
        "（资金来源：市级财政专项资金）",
        "申报时间：每年3月",
        "依法关闭退出落后产能企业",
        "支持企业打印设备研发",
        "上一篇文章的规定继续有效",
    ],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert furniture_lines(line) == []


# ---------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "關", "于", "發", "展", "機", "構", "区", "市", "国", "(guān)", "(fā)", "（jī）",
        "(guan1)", "关(guan1)", "(API)", "（含）", "(2025)", '"', "<<", ">>", "〔2025〕", ",", ",,", ",。", "、,", ",、", ";,",
        "，", "。", "、", "：", ":", ";", "(", ")", "（", "）", "１２", "３％", "Ａ", "12", "0.5",
        " ", "  ", "\n", "\r\n", "\u3000", "\t", "a", "word", "∶", "号", "万元", "\u200b",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES | st.text(max_size=3), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_offset_map_property(original: str) -> None:
    ct = clean(original)
    assert len(ct.starts) == len(ct.ends) == len(ct.view)
    previous_end = 0
    for k, ch in enumerate(ct.view):
        s, e = ct.starts[k], ct.ends[k]
        assert previous_end <= s < e <= len(original)
        previous_end = e
        source = original[s:e]
        if ch.isalnum() and len(source) == 1:
            # a letter/digit/Han character comes from the same character (simplified, NFKC)
            assert ch in (to_simplified(source), unicodedata.normalize("NFKC", source))
    n = len(ct.view)
    for i in range(0, n + 1, max(1, n // 7)):
        for j in range(i, n + 1, max(1, n // 5)):
            span = ct.span(i, j)
            assert original[span.start : span.end] == span.text
            assert span.start <= span.end


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_clean_is_idempotent_and_leaves_no_artifacts(original: str) -> None:
    view = clean(original).view
    assert clean(view).view == view
    assert not re.search(r"[，、；。]{2}", view)
    assert not re.search(r"[\u4e00-\u9fff][（(](?:guān|fā|jī)[)）]|关[（(]guan1[)）]", view)
    assert "\r" not in view and "  " not in view


# ---------------------------------------------------------------- seeds (read at run time)


def test_seed_001_view_has_no_artifacts() -> None:
    source = read_source(seed_file("001"))
    ct = clean(source.text)
    assert source.text.count("(guān)") > 0 and source.text.count(",,") > 0  # the artifacts exist
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", ct.view)
    assert "，，" not in ct.view and ",," not in ct.view
    assert not re.search(r"[\u4e00-\u9fff],[\u4e00-\u9fff]", ct.view)
    i = ct.view.index("粤府办〔2025〕6号")
    span = ct.span(i, i + len("粤府办〔2025〕6号"))
    assert span.text == "粵府辦〔2025〕6號"
    assert source.text[span.start : span.end] == span.text
    assert "一、支持关键核心技术攻关。" in ct.view
    d = ct.view.index("2025年3月9日")
    assert ct.span(d, d + 9).text == "2025年3月9日"
    assert "有效期至2027年12月31日。" in ct.view


def test_seed_003_view_and_spans() -> None:
    source = read_source(seed_file("003"))
    ct = clean(source.text)
    number = "穗开经信规字〔2025〕7号"
    i = ct.view.index(number)
    assert ct.span(i, i + len(number)).text == "穗開經信規字〔2025〕7號"
    # the space between the two issuing organs survives in the view
    assert "广州开发区经济和信息化局 广州市黄埔区工业和信息化局\n" in ct.view
    assert "时间：2025/6/30 17:46:52" in ct.view
    lines = ct.view.split("\n")
    assert any(line.startswith("第十五条 【附则】") for line in lines)
    furniture = [ct.view[a:b] for a, b in furniture_lines(ct.view)]
    assert furniture[0].startswith("时间：2025/6/30")
    assert furniture[-1] == "公开方式：主动公开"


def test_markup_marks_leave_the_view_but_spans_keep_them():
    """Markdown headings, emphasis pairs, quote marks and comments are not text of the notice."""
    from policykg.loaders.clean import clean

    original = "# 某市促进办法\n\n<!-- 注释 -->\n\n## 第一章 总则\n\n**第一条** 为了促进发展。5**2 不变"
    ct = clean(original)
    assert ct.view == "某市促进办法\n第一章 总则\n第一条 为了促进发展。5**2 不变"
    i = ct.view.index("第一条")
    assert ct.span(i, i + 3).text == "第一条"
    assert ct.span(0, 6).text == "某市促进办法"
