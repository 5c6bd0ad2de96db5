"""A cleaned, simplified *matching view* of an original text that maps every character back.

``clean(original)`` composes small steps, each rewriting a list of view characters that carry
the original range ``[ostart, oend)`` they stand for:

1. ``normalise_width`` — full-width ASCII letters/digits/symbols to ASCII (``１２３``→``123``,
   ``％``→``%``, ``．``→``.``, ``［］``→``[]``); Chinese punctuation ``，：；（）！？～`` stays
   full-width; small forms to normal ones (``﹝2025﹞``→``〔2025〕``); ideographic/no-break
   spaces to spaces; zero-width characters and BOMs are dropped; the ratio colon ``∶`` is kept.
2. ``drop_pinyin`` — pinyin annotations right after a Han character (``關(guān)``→``關``):
   parentheses (ASCII or full-width) holding 1–4 pinyin syllables with tone marks, or toneless or
   tone-digit syllables (``guan1``) that pypinyin confirms as readings of the characters before.
   Real parentheticals (``（含）``, ``(2025)``, ``(API)``, ``（责任单位：…）``) are never touched.
3. ``book_title_marks`` — ``<<…>>`` around a Han title → ``《…》``;
   ``chinese_punctuation`` — ASCII ``,`` ``:`` ``;`` ``!`` ``?``, ``(``…``)`` and ``"``…``"`` in Han
   context become ``，：；！？（）“”``; a comma/colon between two digits (``1,000``, ``17:46``)
   stays ASCII.
4. ``collapse_punctuation`` — runs of clause punctuation (``,,`` ``,。`` ``、,`` ``;,``) become the
   strongest one of them (``。！？`` > ``；`` > ``：`` > ``、`` > ``，``), covering the whole run.
5. ``collapse_whitespace`` — a whitespace run containing a line break becomes one ``\\n``; any
   other run becomes one space; letter-spaced Han (``通 知``, ``关 于 印 发``: single Han
   characters separated by single spaces) loses its spaces. A space between two longer Han runs
   is KEPT, because in scraped headers it separates items (two issuing organs, organ and date).
   Leading and trailing whitespace of the whole text is dropped.
6. ``simplify`` — OpenCC t2s, character for character.

The view has one entry per character in ``CleanText.starts``/``ends``; ``span(i, j)`` gives the
exact original characters ``original[orig_start(i):orig_end(j)]`` (annotations and doubled
punctuation inside the range included — quotes always come from the original).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology.gazetteer import to_simplified
from .records import Span
from .script import is_han

# a view character: (text, original start, original end)
Char = tuple[str, int, int]

_KEEP_FULLWIDTH = set("，：；（）！？～")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—·～")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_INITIALS = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = rf"[aeiouv{_TONED}ê]+(?:ng|n|r)?"
_SYLLABLE = rf"{_INITIALS}{_FINAL}[1-5]?"
_PINYIN_GROUP = re.compile(
    rf"[（(]\s*(?P<body>{_SYLLABLE}(?:[\s'’\-]{{0,2}}{_SYLLABLE}){{0,3}})\s*[)）]"
)

_PUNCT_RANK = {"。": 5, "！": 5, "？": 5, "；": 4, "：": 3, "、": 2, "，": 1}
_ASCII_TO_CJK = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


@dataclass
class CleanText:
    """The original text, its matching view, and the view→original offset map."""

    original: str
    view: str
    starts: list[int] = field(repr=False, default_factory=list)  # per view char
    ends: list[int] = field(repr=False, default_factory=list)  # per view char, exclusive

    def orig_start(self, i: int) -> int:
        """Original offset of view character ``i`` (``len(view)`` → end of the last character)."""
        if i < len(self.starts):
            return self.starts[i]
        return self.ends[-1] if self.ends else len(self.original)

    def orig_end(self, j: int) -> int:
        """Original exclusive end for a view range ending at ``j`` (exclusive)."""
        if j <= 0:
            return self.starts[0] if self.starts else 0
        return self.ends[min(j, len(self.ends)) - 1]

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of the original text the view range ``[start, end)`` stands for."""
        s = self.orig_start(start)
        e = self.orig_end(end) if end > start else s
        e = max(e, s)
        return Span(s, e, self.original[s:e])

    def to_view(self, orig: int) -> int:
        """The first view index whose original range ends after ``orig`` (inverse map, for B2)."""
        lo, hi = 0, len(self.ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= orig:
                lo = mid + 1
            else:
                hi = mid
        return lo


# ---------------------------------------------------------------- steps


def _text(chars: list[Char]) -> str:
    return "".join(c[0] for c in chars)


def _merge(run: list[Char], text: str) -> Char:
    return (text, run[0][1], run[-1][2])


def normalise_width(chars: list[Char]) -> list[Char]:
    """Full-width ASCII forms to ASCII (Chinese punctuation kept), zero-width chars dropped."""
    out: list[Char] = []
    for ch, s, e in chars:
        if ch in _ZERO_WIDTH:
            continue
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E and ch not in _KEEP_FULLWIDTH:
            ch = chr(o - 0xFEE0)
        elif ch in "\u3000\u00a0\u2002\u2003\u2009\u202f":
            ch = " "
        elif 0xFF61 <= o <= 0xFF64:  # half-width ｡｢｣､ → 。「」、
            ch = unicodedata.normalize("NFKC", ch)
        elif 0xFE50 <= o <= 0xFE6B:  # small form variants: ﹝2025﹞ → 〔2025〕, ﹪ → %
            ch = unicodedata.normalize("NFKC", ch) or ch
        out.append((ch, s, e))
    return out


@lru_cache(maxsize=8192)
def _readings(ch: str) -> frozenset[str]:
    try:
        from pypinyin import Style, pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return frozenset()
    return (
        frozenset(
            r.lower() for r in pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")[0]
        )
        if is_han(ch)
        else frozenset()
    )


def _is_annotation(body: str, before: str) -> bool:
    """Pinyin with tone marks, or syllables (toneless or with tone digits, ``guan1``) that
    pypinyin confirms as readings of the Han characters before them."""
    if not body.isascii():
        return True  # tone marks: only pinyin looks like this
    plain = re.sub(r"(?<=[a-z])[1-5]", " ", body.lower())
    syllables = [s for s in re.split(r"[\s'’\-]+", plain) if s]
    hans = [c for c in before if is_han(c)][-len(syllables) :]
    if len(hans) < len(syllables):
        return False
    return all(
        s.lower().replace("ü", "v") in _readings(h) for s, h in zip(syllables, hans, strict=True)
    )


def drop_pinyin(chars: list[Char]) -> list[Char]:
    """Remove pinyin annotations in parentheses right after a Han character (repeatedly)."""
    while True:
        kept = _drop_pinyin_once(chars)
        if len(kept) == len(chars):
            return kept
        chars = kept


def _drop_pinyin_once(chars: list[Char]) -> list[Char]:
    text = _text(chars)
    drop: set[int] = set()
    for m in _PINYIN_GROUP.finditer(text):
        i = m.start()
        if i == 0 or not is_han(text[i - 1]):
            continue
        body = m.group("body")
        if any(c.isupper() for c in body):
            continue  # pinyin annotations are lowercase; (API), (Ai) stay
        if _is_annotation(body, text[max(0, i - 4) : i]):
            drop.update(range(m.start(), m.end()))
    if not drop:
        return chars
    return [c for k, c in enumerate(chars) if k not in drop]


def _han_context(ch: str) -> bool:
    return is_han(ch) or ch in _CJK_PUNCT


_LINE_BREAKS = "\n\r\f\v\u2028\u2029\x85\x1c\x1d\x1e"


def _blank(ch: str) -> bool:
    """Whitespace within a line (skipped when looking for the neighbour of a mark)."""
    return ch.isspace() and ch not in _LINE_BREAKS


def chinese_punctuation(chars: list[Char]) -> list[Char]:
    """ASCII clause punctuation and parentheses in Han context to their full-width forms.

    A matched ``(``…``)`` pair (and a ``"``…``"`` pair on one line, to ``“``…``”``) converts
    when the character before it is Han or Chinese punctuation or the pair holds a Han character; ``, : ; ! ?`` convert when the nearest
    non-blank neighbour on either side is Han or Chinese punctuation, except a comma or colon
    between two digits. Conversions enable each other, so the rules run to a fixpoint.
    """
    out = list(chars)
    n = len(out)
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, (ch, _, _) in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
        elif ch in _LINE_BREAKS:
            stack.clear()
    pairs.sort()
    marks = [i for i, c in enumerate(chars) if c[0] in _ASCII_TO_CJK]
    quotes: list[tuple[int, int]] = []  # ASCII "…" pairs on one line
    opening: int | None = None
    for i, (ch, _, _) in enumerate(chars):
        if ch == '"':
            if opening is None:
                opening = i
            else:
                quotes.append((opening, i))
                opening = None
        elif ch in _LINE_BREAKS:
            opening = None

    def neighbour(i: int, step: int) -> str:
        k = i + step
        while 0 <= k < n and _blank(out[k][0]):
            k += step
        return out[k][0] if 0 <= k < n else ""

    changed = True
    while changed:
        changed = False
        for j, i in pairs:
            if out[j][0] == "（":
                continue
            p = out[j - 1][0] if j > 0 else ""
            if _han_context(p) or any(is_han(out[k][0]) for k in range(j + 1, i)):
                out[j] = ("（", out[j][1], out[j][2])
                out[i] = ("）", out[i][1], out[i][2])
                changed = True
        for j, i in quotes:
            if out[j][0] == "“":
                continue
            p = out[j - 1][0] if j > 0 else ""
            if _han_context(p) or any(is_han(out[k][0]) for k in range(j + 1, i)):
                out[j] = ("“", out[j][1], out[j][2])
                out[i] = ("”", out[i][1], out[i][2])
                changed = True
        for i in marks:
            ch = out[i][0]
            if ch not in _ASCII_TO_CJK:
                continue
            p, q = neighbour(i, -1), neighbour(i, 1)
            if ch in ",:" and p.isdigit() and q.isdigit():
                continue  # 1,000 and 17:46 stay ASCII
            if _han_context(p) or (_han_context(q) and not (ch == ":" and p.isdigit())):
                out[i] = (_ASCII_TO_CJK[ch], out[i][1], out[i][2])
                changed = True
    return out


_BOOK_TITLE = re.compile(r"<<([^<>\n]{1,150})>>")


def book_title_marks(chars: list[Char]) -> list[Char]:
    """``<<…>>`` around a Han title becomes ``《…》`` (each mark covers both original chars)."""
    text = _text(chars)
    edits: dict[int, Char] = {}
    drop: set[int] = set()
    for m in _BOOK_TITLE.finditer(text):
        if not any(is_han(c) for c in m.group(1)):
            continue
        a, b = m.start(), m.end()
        edits[a] = ("《", chars[a][1], chars[a + 1][2])
        edits[b - 2] = ("》", chars[b - 2][1], chars[b - 1][2])
        drop.update((a + 1, b - 1))
    if not edits:
        return chars
    return [edits.get(k, c) for k, c in enumerate(chars) if k not in drop]


def collapse_punctuation(chars: list[Char]) -> list[Char]:
    """A run of two or more clause punctuation marks becomes the strongest mark of the run.

    Runs of only ``！``/``？`` (``！？``) are kept: they are intended, not scraping artifacts.
    """
    out: list[Char] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i][0] in _PUNCT_RANK:
            j = i
            while j < n and chars[j][0] in _PUNCT_RANK:
                j += 1
            run = chars[i:j]
            if j - i >= 2 and not all(c[0] in "！？" for c in run):
                best = max(run, key=lambda c: _PUNCT_RANK[c[0]])[0]
                out.append(_merge(run, best))
            else:
                out.extend(run)
            i = j
        else:
            out.append(chars[i])
            i += 1
    return out


_WS = set(" \t\r\n\f\v\u3000\u00a0\u2028\u2029\x85")


def collapse_whitespace(chars: list[Char]) -> list[Char]:
    """Whitespace runs → one ``\\n`` (if a line break is in the run) or one space; see module doc."""
    out: list[Char] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i][0] in _WS or chars[i][0].isspace():
            j = i
            while j < n and (chars[j][0] in _WS or chars[j][0].isspace()):
                j += 1
            run = chars[i:j]
            if out and j < n:  # drop leading/trailing whitespace of the whole text
                newline = any(c[0] in _LINE_BREAKS for c in run)
                out.append(_merge(run, "\n" if newline else " "))
            i = j
        else:
            out.append(chars[i])
            i += 1
    return _join_letter_spaced(out)


def _join_letter_spaced(chars: list[Char]) -> list[Char]:
    """Drop the spaces of letter-spaced Han: ≥2 single Han chars separated by single spaces."""
    text = _text(chars)
    drop: set[int] = set()
    for m in re.finditer(r"(?<![^\s])(?:[^\W\d_] ){1,}[^\W\d_](?![^\s])", text):
        tokens = m.group(0).split(" ")
        if all(len(t) == 1 and is_han(t) for t in tokens):
            drop.update(k for k in range(m.start(), m.end()) if text[k] == " ")
    if not drop:
        return chars
    return [c for k, c in enumerate(chars) if k not in drop]


def simplify(chars: list[Char]) -> list[Char]:
    """Simplified script (OpenCC t2s), one view character for one view character."""
    text = _text(chars)
    simple = to_simplified(text)
    if len(simple) != len(text):  # pragma: no cover - to_simplified guarantees the length
        simple = "".join(to_simplified(c)[:1] or c for c in text)
    return [(s, c[1], c[2]) for s, c in zip(simple, chars, strict=True)]


STEPS: tuple[Callable[[list[Char]], list[Char]], ...] = (
    normalise_width,
    drop_pinyin,
    book_title_marks,
    chinese_punctuation,
    collapse_punctuation,
    collapse_whitespace,
    simplify,
)


def clean(original: str) -> CleanText:
    """The matching view of ``original`` (see the module doc) with its offset map. Never raises."""
    chars: list[Char] = [(ch, k, k + 1) for k, ch in enumerate(original)]
    for step in STEPS:
        chars = step(chars)
    return CleanText(
        original=original,
        view=_text(chars),
        starts=[c[1] for c in chars],
        ends=[c[2] for c in chars],
    )


# ---------------------------------------------------------------- page furniture

_NOT_AFTER_HAN = r"(?<![\u4e00-\u9fff])"
_FURNITURE = re.compile(
    r"(?:信息|文章|稿件|新闻|内容)来源|" + _NOT_AFTER_HAN + r"来源[：:]|公开方式|"
    r"点击数|点击量|点击率|浏览次数|浏览量|阅读数|阅读量|访问量|访问次数|"
    + _NOT_AFTER_HAN
    + r"作者[：:]|"
    r"[【\[]打印(?:本页|此页)?[】\]]|打印本页|打印此页|[【\[]关闭(?:窗口|本页)?[】\]]|关闭窗口|"
    r"关闭本页|分享到|[【\[]收藏[】\]]|加入收藏|收藏本页|扫一扫|"
    r"(?<!文)字号[：:]?\s*[【\[]?[大中小]|字体[：:]?\s*[【\[]?[大中小]|返回顶部|"
    r"上一篇[：:]|下一篇[：:]|相关链接|责任编辑|" + _NOT_AFTER_HAN + r"编辑[：:]|"
    r"(?:发布|更新|发稿)(?:时间|日期)[：:]|" + _NOT_AFTER_HAN + r"时间[：:]"
)
_FURNITURE_WORDS = re.compile(r"^(?:打印|关闭|收藏|分享|返回|顶部|[【】\[\]\s|｜/]|大|中|小)+$")


def furniture_lines(view: str) -> list[tuple[int, int]]:
    """View ranges ``[start, end)`` that look like web-page furniture, for the parser to skip.

    A whole line counts when it is short (≤ 80 characters) and holds a furniture marker
    (信息来源, 公开方式, 点击数, 作者：, 打印, 关闭, 分享…) or only furniture words; on a longer
    line only a trailing tail starting at a marker after a space or sentence end, with no
    ``。`` in it and ≤ 60 characters, counts. Furniture lines may still hold facts (``时间：``
    gives the web publication time), so read those before skipping.
    """
    ranges: list[tuple[int, int]] = []
    pos = 0
    for line in view.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= 80 and (
            _FURNITURE.search(stripped) or _FURNITURE_WORDS.match(stripped)
        ):
            if "。" not in stripped.rstrip("。") or _FURNITURE.match(stripped):
                ranges.append((start, end))
                continue
        for m in _FURNITURE.finditer(line):
            k = m.start()
            if k == 0 or line[k - 1] not in " 。；！？":
                continue
            tail = line[k:]
            if len(tail) <= 60 and "。" not in tail:
                ranges.append((start + k, end))
                break
    return ranges
