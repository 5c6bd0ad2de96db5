"""Reading sources: encoding detection, HTML reduction, script detection, errors."""

from __future__ import annotations

import codecs
import hashlib
import random
from pathlib import Path

import opencc
import pytest

from policykg.loaders.html import html_to_text, looks_like_html
from policykg.loaders.script import detect_script
from policykg.loaders.source import (
    MAX_BYTES,
    SourceError,
    decode_bytes,
    read_source,
    source_from_bytes,
)
from tests.conftest import seed_file

FIXTURES = Path(__file__).parent / "fixtures" / "text"
_S2T = opencc.OpenCC("s2t")

SIMPLIFIED = "各区人民政府，市政府各部门：现将《关于支持智能装备产业发展的若干措施》印发给你们。"
TRADITIONAL = "各區人民政府，市政府各部門：現將《關於支持智能裝備產業發展的若干措施》印發給你們。"
# short snippets: charset-normalizer alone misjudges some of these
SHORT_SIMPLIFIED = ["深圳市", "2025年3月9日", "（一）支持企业研发", "杭州市经济和信息化局"]
SHORT_TRADITIONAL = ["臺北市", "關於印發若干措施的通知", "（一）支持企業研發", "香港特別行政區政府"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (TRADITIONAL, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (TRADITIONAL, "utf-16", "utf-16"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),
    ],
)
def test_each_encoding_round_trips(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    data = text.encode(codec)
    source = read_source(_write(tmp_path, "doc.txt", data))
    assert source.text == text
    assert source.encoding == expected
    assert source.size == len(data)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.name == "doc.txt"
    assert source.media_type == "text/plain"


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be")
    source = read_source(_write(tmp_path, "be.txt", data))
    assert source.text == SIMPLIFIED
    assert source.encoding == "utf-16"


def test_utf16_without_bom(tmp_path: Path) -> None:
    data = ("Notice 2025: " + SIMPLIFIED).encode("utf-16-le")
    source = read_source(_write(tmp_path, "le.txt", data))
    assert source.text.endswith(SIMPLIFIED)
    assert source.encoding == "utf-16-le"


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED)
def test_short_gb18030_snippets(text: str) -> None:
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("text", SHORT_TRADITIONAL)
def test_short_big5_snippets(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")


def test_short_gbk_that_is_also_valid_utf8() -> None:
    for text in ("一位", "元业", "之台"):
        data = text.encode("gb18030")
        data.decode("utf-8")  # valid UTF-8 bytes, but nonsense as UTF-8
        assert decode_bytes(data) == (text, "gb18030")


def test_random_sentences_in_both_encodings() -> None:
    # a fixed sample of random word salads (8-40 characters) from common policy characters
    pool = "关于印发支持人工智能产业高质量发展若干政策措施的通知各区人民政府直属单位现将有事项如下"
    pool += "请认真贯彻执行对符合条件企业给予最高万元奖励补贴资金项目申报第一条本办法自起施行责任"
    rng = random.Random(20250309)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(8, 40)))
        assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")
        traditional = _S2T.convert(text)
        assert decode_bytes(traditional.encode("big5")) == (traditional, "big5")


def test_utf8_preferred_when_clean() -> None:
    text = "价格：100元"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_utf8_with_a_broken_tail_stays_utf8() -> None:
    data = (SIMPLIFIED * 3).encode("utf-8")[:-2]  # cut inside the last character
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.startswith(SIMPLIFIED * 2)
    assert text.endswith("\ufffd")


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Müller café", "latin-1"), ("The café – “quoted” note on subsidies.", "cp1252")],
)
def test_western_european_text(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, "cp1252")


def test_bom_is_not_part_of_text(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path, "bom.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode()))
    assert source.text == SIMPLIFIED
    assert not source.text.startswith("\ufeff")


def test_script_recorded(tmp_path: Path) -> None:
    assert read_source(_write(tmp_path, "t.txt", TRADITIONAL.encode("big5"))).script == "zh-Hant"
    assert read_source(_write(tmp_path, "s.txt", SIMPLIFIED.encode("gbk"))).script == "zh-Hans"


# ---------------------------------------------------------------- errors


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "empty.txt", b""))
    assert err.value.stage == "read"
    assert "empty" in str(err.value)


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "blank.txt", b" \r\n\t\n"))
    assert err.value.stage == "read"


@pytest.mark.parametrize(
    "data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"<html><script>x</script></html>"]
)
def test_no_text_content(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "hollow.txt", data))
    assert err.value.stage == "read"


def test_crlf_gbk_text_keeps_its_line_breaks(tmp_path: Path) -> None:
    text = "第一条 总则\r\n第二条 附则\r\n"
    source = read_source(_write(tmp_path, "crlf.txt", text.encode("gbk")))
    assert source.text == text  # spans point into the text exactly as decoded
    assert source.encoding == "gb18030"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_source(tmp_path / "nope.txt")
    assert err.value.stage == "read"
    assert "does not exist" in str(err.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_source(tmp_path)
    assert err.value.stage == "read"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 8
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "blob.bin", data))
    assert err.value.stage == "decode"
    assert "binary" in str(err.value)


def test_mostly_control_characters(tmp_path: Path) -> None:
    data = b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50 + b"text"
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "ctl.txt", data))
    assert err.value.stage == "decode"


def test_undecodable_bytes(tmp_path: Path) -> None:
    data = bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xFF]) * 40
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "junk.txt", data))
    assert err.value.stage == "decode"


def test_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", ("字" * 100).encode())
    with pytest.raises(SourceError) as err:
        read_source(path, max_bytes=50)
    assert err.value.stage == "read"
    assert "50" in str(err.value)
    assert read_source(path, max_bytes=300).text == "字" * 100
    assert MAX_BYTES == 20_000_000


def test_error_message_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        read_source(_write(tmp_path, "empty.txt", b""))
    message = str(err.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message


# ---------------------------------------------------------------- HTML


def test_html_page_reduced_to_text() -> None:
    data = (FIXTURES / "notice_page.html").read_bytes()
    source = source_from_bytes(data, "notice_page.html", "/x/notice_page.html")
    assert source.media_type == "text/html"
    assert source.path == "/x/notice_page.html"
    text = source.text
    lines = text.split("\n")
    assert lines[0] == "某市科技局关于印发支持机器人产业发展若干措施的通知"
    assert "各区科技主管部门：" in lines
    assert "一、对新认定的研发中心，给予最高200万元补助。" in lines
    # <br> breaks a paragraph into two lines
    assert "二、每年支持不超过20个示范项目，" in lines
    assert "每个项目最高50万元。" in lines
    # a table row as its prose twin: each cell labelled by its column
    assert "项目类别为国家级，补助标准为100万元。" in lines
    assert "某市科技局" in lines and "2025年4月1日" in lines
    # &nbsp; indentation stripped
    assert any(line.startswith("现将《") for line in lines)
    # page metadata inside the article stays (the parser reads the publication time)
    assert "发布时间：2025-04-02 09:30 信息来源：某市科技局" in lines
    for chrome in (
        "统计代码",
        "首页",
        "机构概况",
        "当前位置",
        "分享到",
        "版权所有",
        "广告",
        "请启用脚本",
        "color",
    ):
        assert chrome not in text, chrome
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.script == "zh-Hans"


def test_html_detected_by_content(tmp_path: Path) -> None:
    markup = "<html><body><p>第一条 总则</p><script>x=1</script><p>第二条 附则</p></body></html>"
    source = read_source(_write(tmp_path, "page.txt", markup.encode("gb18030")))
    assert source.media_type == "text/html"
    assert source.text == "第一条 总则\n第二条 附则"
    assert source.encoding == "gb18030"


def test_html_declared_charset_big5(tmp_path: Path) -> None:
    markup = f'<html><head><meta charset="big5"></head><body><p>{TRADITIONAL}</p></body></html>'
    source = read_source(_write(tmp_path, "page.htm", markup.encode("big5")))
    assert source.text == TRADITIONAL
    assert source.encoding == "big5"


def test_table_layout_page_in_gb2312(tmp_path: Path) -> None:
    markup = (FIXTURES / "table_layout_page.html").read_text(encoding="utf-8")
    source = read_source(_write(tmp_path, "page.htm", markup.encode("gb18030")))
    assert source.encoding == "gb18030"
    lines = source.text.split("\n")
    assert lines[0] == "索引号： 000000/2025-00012 发文字号： 某府办〔2025〕12号"
    assert "某县人民政府办公室关于印发某县促进数字经济发展十条措施的通知" in lines
    assert "2.对年度营业收入首次突破1亿元的企业，给予50万元奖励。" in lines
    assert lines[-1] == "【打印本页】 【关闭窗口】"  # left for furniture_lines
    for chrome in ("门户网站", "您现在的位置", "主办：", "微信", "printPage"):
        assert chrome not in source.text


def test_html_gov_site_chrome_classes_dropped() -> None:
    markup = (
        "<body><div class='dqwz'>当前位置：首页</div><div id='top'>网站顶部</div>"
        "<div class='content'><p>第一条 正文。</p></div>"
        "<div class='bottom'>主办单位：某市人民政府</div><div class='gotop'>返回顶部</div></body>"
    )
    assert html_to_text(markup) == "第一条 正文。"


def test_plain_text_with_stray_tag_is_not_html() -> None:
    text = "第一条 正文内容。</p> 第二条 其他内容。"
    assert not looks_like_html(text)
    source = source_from_bytes(text.encode(), "doc.txt")
    assert source.media_type == "text/plain"
    assert source.text == text


def test_html_named_file_without_tags_is_plain_text() -> None:
    text = "第一条 总则。\n第二条 附则。"
    source = source_from_bytes(text.encode(), "saved.html")
    assert source.media_type == "text/plain"
    assert source.text == text


def test_html_pre_keeps_its_line_breaks() -> None:
    assert html_to_text("<body><pre>第一条 甲\n第二条 乙</pre></body>") == "第一条 甲\n第二条 乙"


def test_html_form_text_is_kept() -> None:
    # some sites wrap the whole article in a <form>; its text must survive
    markup = "<body><form><div><p>第一条 正文。</p></div><button>提交</button></form></body>"
    assert html_to_text(markup) == "第一条 正文。"


def test_html_to_text_on_broken_markup() -> None:
    assert html_to_text("<div><p>甲<p>乙</div></span>") == "甲\n乙"
    assert html_to_text("") == ""


def test_html_menu_lists_dropped_but_content_lists_kept() -> None:
    markup = (
        "<body><ul><li><a href='1'>首页</a></li><li><a href='2'>新闻</a></li>"
        "<li><a href='3'>公开</a></li></ul>"
        "<ol><li>对企业给予奖励。</li><li>支持平台建设。</li><li>其他事项。</li></ol></body>"
    )
    assert html_to_text(markup) == "1. 对企业给予奖励。\n2. 支持平台建设。\n3. 其他事项。"


# ---------------------------------------------------------------- script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SIMPLIFIED, "zh-Hans"),
        (TRADITIONAL, "zh-Hant"),
        ("The city will provide subsidies to robotics companies.", "en"),
        ("", "unknown"),
        ("2025 123 ，。", "unknown"),
        ("中国人民", "zh-Hans"),  # no distinctive characters either way
        (SIMPLIFIED + TRADITIONAL, "mixed"),
    ],
)
def test_detect_script(text: str, expected: str) -> None:
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("001", "zh-Hant"), ("003", "zh-Hant"), ("002", "zh-Hans"), ("000", "en"), ("004", "en")],
)
def test_seed_scripts(prefix: str, expected: str) -> None:
    source = read_source(seed_file(prefix))
    assert source.script == expected
    assert source.encoding == "utf-8"
    assert source.size == seed_file(prefix).stat().st_size
