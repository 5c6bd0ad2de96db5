"""A generator of hostile inputs for the reliability suite (issue 21): text that carries what
an attacker or an unlucky scrape puts in a source — terminal escapes, C0/C1 controls, DEL,
bidirectional overrides, XML-forbidden characters, markup and script fragments, spreadsheet
formula triggers (ASCII and full-width), CJK and emoji — alone or inside a notice-shaped
document; and the large inputs that once made parsing quadratic (deep HTML, many provisions).

Every notice sentence here is invented for these tests.
"""

from __future__ import annotations

from hypothesis import strategies as st

ESCAPES = ["\x1b[2J", "\x1b]0;title\x07", "\x1b[31m", "\x9b0m", "\x1bP+q\x1b\\", "\r", "\x08"]
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f,
                              0x85, 0x9b, 0x9f)]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u061c", "\u200f"]
NON_XML = ["\ufffe", "\uffff", "\x0c", "\x0b", "\x00"]
MARKUP = ["<script>alert(1)</script>", "</script><script>x()</script>", "]]>", "<!--", "-->",
          "&amp;", "&#0;", "&lt;", '"', "'", "\\", "`", "javascript:alert(1)",
          "<img src=x onerror=y>", "{{TITLE}}", "${x}", "%s", "\\u0000"]
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "＝1+1", "＋A1", "－1", "＠x",
            "\t=1", "\n=1", "=HYPERLINK(\"http://x\")"]
TEXTS = ["关于支持人工智能产业发展的若干措施", "最高奖励500万元", "測試市政府", "责任单位：测试市工业和信息化局",
         "🤖", "ｆｕｌｌ　ｗｉｄｔｈ", "a" * 40, " ", "\n", "\t", "\u3000"]

PIECES = ESCAPES + CONTROLS + BIDI + NON_XML + MARKUP + FORMULAS + TEXTS


def hostile_text(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Text made of hostile pieces and arbitrary characters (no lone surrogates: decoded text
    never holds one)."""
    piece = st.one_of(st.sampled_from(PIECES),
                      st.text(st.characters(blacklist_categories=("Cs",)), max_size=6))
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


def notice(fill: list[str]) -> str:
    """An invented notice with the hostile strings of ``fill`` in its title, a measure heading,
    an amount sentence and a responsible unit."""
    a, b, c, d = (fill + ["", "", "", ""])[:4]
    return (f"测试市人民政府办公室关于印发测试市支持{a}机器人产业发展若干措施的通知\n"
            "测府办〔2025〕9号\n2025年4月1日\n"
            f"一、{b}研发奖励。对新认定的研发中心，给予最高200万元奖励。{c}（责任单位：测试市{d}科学技术局）\n"
            "二、示范应用。每年支持不超过10个示范项目，每个项目最高50万元。\n"
            "本措施自印发之日起施行，有效期至2027年12月31日。\n")


def hostile_notice() -> st.SearchStrategy[str]:
    """A notice-shaped document with hostile text in its title, headings and units."""
    return st.lists(hostile_text(max_size=4), min_size=4, max_size=4).map(notice)


def nested_html(depth: int) -> str:
    """An HTML page whose article sits ``depth`` unclosed ``<div>`` deep (once quadratic)."""
    body = notice([]).replace("\n", "<br>")
    return ("<html><head><title>通知</title></head><body>" + "<div>" * depth + body
            + "</div>" * (depth // 2) + "</body></html>")


def many_provisions(count: int) -> str:
    """A regulation of ``count`` numbered articles (once quadratic in the official loader)."""
    lines = ["测试市促进机器人产业发展条例", "（2025年3月1日测试市人民代表大会常务委员会通过）"]
    lines += [f"第{i}条 对符合条件的企业，给予最高{i % 90 + 10}万元奖励。" for i in range(1, count + 1)]
    return "\n".join(lines) + "\n"
