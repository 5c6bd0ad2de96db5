"""Deeply nested pages (issue 21, item 2): 20,000 levels of markup load in linear time and keep
every line of text, in order; ordinary pages are parsed exactly as written."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.html import MAX_BLOCK_DEPTH, cap_nesting, html_to_text
from policykg.loaders.source import source_from_bytes

LEVELS = 20_000
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text"


def nested_lines(levels: int) -> str:
    """``<div><span>`` pairs nested ``levels`` deep, a numbered line of text at each level."""
    pairs = levels // 2
    opening = "".join(f"<div><span>第{i}条 给予奖励。" for i in range(pairs))
    return "<html><body>" + opening + "</span></div>" * pairs + "</body></html>"


def test_twenty_thousand_nested_divs_keep_their_text() -> None:
    markup = "<html><body>" + "<div>" * LEVELS + "正文" + "</div>" * LEVELS + "</body></html>"
    assert html_to_text(markup) == "正文"


def test_every_level_of_a_deep_page_is_a_line_in_order() -> None:
    source = source_from_bytes(nested_lines(LEVELS).encode("utf-8"), "deep.html")
    assert source.media_type == "text/html"
    lines = source.text.split("\n")
    assert lines == [f"第{i}条 给予奖励。" for i in range(LEVELS // 2)]


def test_chrome_and_scripts_are_dropped_below_the_depth_cap() -> None:
    depth = MAX_BLOCK_DEPTH * 3
    markup = ("<body>" + "<div>" * depth + "<script>var x = '脚本';</script>"
              "<ul><li><a href='1'>首页</a></li><li><a href='2'>新闻</a></li><li><a href='3'>公开</a></li></ul>"
              "<p>第一条 正文。</p>" + "</div>" * depth + "</body>")
    assert html_to_text(markup) == "第一条 正文。"


def test_ordinary_pages_are_parsed_as_written() -> None:
    pages = sorted(FIXTURES.glob("*.html"))
    assert len(pages) == 2
    for page in pages:
        markup = page.read_text("utf-8")
        assert cap_nesting(markup) is markup


def test_cap_nesting_renames_only_the_levels_past_the_cap() -> None:
    depth = MAX_BLOCK_DEPTH + 5
    markup = "<div>" * depth + "x" + "</div>" * depth
    capped = cap_nesting(markup)
    assert capped.count("<div>") == MAX_BLOCK_DEPTH and capped.count("</div>") == MAX_BLOCK_DEPTH
    assert capped.count("<kg-flat-div>") == 5 and capped.count("</kg-flat-div>") == 5
    assert html_to_text(capped) == html_to_text(markup) == "x"
