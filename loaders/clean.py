"""A cleaned, simplified *matching view* of an original text that maps every character back.

``clean(original)`` composes small steps, each rewriting a list of view characters that carry
the original range ``[ostart, oend)`` they stand for:

0. ``drop_markup`` — lightweight markup that scraped and Markdown texts carry: heading marks
   at the start of a line (``# 标题``, ``## 第一章``), emphasis marks (``**加粗**``, ``__…__``),
   quote marks at the start of a line (``> ``) and HTML comments (``<!-- … -->``).
1. ``normalise_width`` — full-width ASCII letters/digits/symbols to ASCII (``１２３``→``123``,
   ``％``→``%``, ``．``→``.``, ``［］``→``[]``); Chinese punctuation ``，：；（）！？～`` stays
   full-width; small forms to normal ones (``﹝2025﹞``→``〔2025〕``); ideographic/no-break
   spaces to spaces; zero-width characters and BOMs are dropped; the ratio colon ``∶`` is kept;
   a keycap digit (``1️⃣``, as WeChat posts number their points) becomes ``1.``.
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
   is KEPT, because in scraped headers it separates items (two issuing organs, organ and date),
   except where it is the one space of a clause of a prose line (a comma and a sentence end in
   it): a stray space inside a word (``中小 企业``), dropped (not after an article's number,
   ``第一条 为了``).
   Leading and trailing whitespace of the whole text is dropped.
6. ``drop_page_breaks`` — a page break inside a sentence of a text copied from a PDF (the page
   number and the running headers beside it) is dropped, its line break kept.
7. ``join_wrapped_lines`` — a line break that wraps a sentence of the body at a fixed width
   (``单台（套）最\n高200万元``) is dropped (see the function for the test).
8. ``simplify`` — OpenCC t2s, character for character.

The view has one entry per character in ``CleanText.starts``/``ends`` (compact integer arrays;
edits only rebuild them where something changes, so long texts stay cheap); ``span(i, j)`` gives the
exact original characters ``original[orig_start(i):orig_end(j)]`` (annotations and doubled
punctuation inside the range included — quotes always come from the original).

Why this module is longer than 400 lines: the cleaning steps share one
view-with-offset-map machinery (:class:`View`, :func:`apply_edits`); splitting them would
spread that one invariant — every view character maps back to the original — over modules.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..ontology.gazetteer import to_simplified
from .records import Span
from .script import is_han

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
    starts: Sequence[int] = field(repr=False, default_factory=list)  # per view char
    ends: Sequence[int] = field(repr=False, default_factory=list)  # per view char, exclusive

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
        """The first view index whose original range ends after ``orig`` (the inverse map)."""
        return bisect_right(self.ends, orig)


# ---------------------------------------------------------------- steps


@dataclass(slots=True)
class View:
    """Work in progress: the view text and, per character, its original range."""

    text: str
    starts: array[int]
    ends: array[int]


Edit = tuple[int, int, str]  # replace view[a:b] by a string of 0 or 1 character


def apply_edits(v: View, edits: list[Edit]) -> View:
    """Apply sorted, non-overlapping edits; a replacement covers the original range of [a, b)."""
    if not edits:
        return v
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    pos = 0
    for a, b, repl in edits:
        parts.append(v.text[pos:a])
        starts.extend(v.starts[pos:a])
        ends.extend(v.ends[pos:a])
        if repl:
            parts.append(repl)
            starts.append(v.starts[a])
            ends.append(v.ends[b - 1])
        pos = b
    parts.append(v.text[pos:])
    starts.extend(v.starts[pos:])
    ends.extend(v.ends[pos:])
    return View("".join(parts), starts, ends)


def _width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for o in range(0xFF01, 0xFF5F):
        if chr(o) not in _KEEP_FULLWIDTH:
            table[o] = chr(o - 0xFEE0)
    for o in list(range(0xFE50, 0xFE6C)) + list(range(0xFF61, 0xFF65)):
        # small forms ﹝2025﹞ → 〔2025〕, ﹪ → %; half-width ｡｢｣､ → 。「」、
        norm = unicodedata.normalize("NFKC", chr(o))
        if len(norm) == 1 and norm != chr(o):
            table[o] = norm
    for ch in "\u3000\u00a0\u2002\u2003\u2009\u202f":
        table[ord(ch)] = " "
    return table


_WIDTH = _width_table()
_ZERO_WIDTH_CLASS = "[" + "".join(sorted(_ZERO_WIDTH)) + "]"
# a zero-width character, or the keycap of a digit (U+FE0F U+20E3 after it: 1️⃣)
_INVISIBLE = re.compile(rf"{_ZERO_WIDTH_CLASS}|(?<=\d)(\ufe0f?\u20e3)")


def normalise_width(v: View) -> View:
    """Full-width ASCII forms to ASCII (Chinese punctuation kept), zero-width chars dropped,
    a keycap digit (``1️⃣``, the numbering of WeChat posts) read as a numbered point ``1.``."""
    v = View(v.text.translate(_WIDTH), v.starts, v.ends)
    edits = [(m.start(), m.end(), "." if m.group(1) else "") for m in _INVISIBLE.finditer(v.text)]
    return apply_edits(v, edits)


@lru_cache(maxsize=8192)
def _readings(ch: str) -> frozenset[str]:
    if not is_han(ch):
        return frozenset()
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r.lower() for r in readings[0]) if readings else frozenset()


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


def drop_pinyin(v: View) -> View:
    """Remove pinyin annotations in parentheses right after a Han character (repeatedly)."""
    while True:
        edits: list[Edit] = []
        text = v.text
        for m in _PINYIN_GROUP.finditer(text):
            i = m.start()
            if i == 0 or not is_han(text[i - 1]):
                continue
            body = m.group("body")
            if not body.islower():
                continue  # pinyin annotations are lowercase; (API), (Ai) stay
            if _is_annotation(body, text[max(0, i - 4) : i]):
                edits.append((m.start(), m.end(), ""))
        if not edits:
            return v
        v = apply_edits(v, edits)


def _han_context(ch: str) -> bool:
    return is_han(ch) or ch in _CJK_PUNCT


_LINE_BREAKS = "\n\r\f\v\u2028\u2029\x85\x1c\x1d\x1e"
_PUNCT_CANDIDATES = re.compile(r'[,:;!?()"\n\r\f\v\u2028\u2029\x85\x1c\x1d\x1e]')


def _blank(ch: str) -> bool:
    """Whitespace within a line (skipped when looking for the neighbour of a mark)."""
    return ch.isspace() and ch not in _LINE_BREAKS


def chinese_punctuation(v: View) -> View:
    """ASCII clause punctuation, parentheses and quotes in Han context to full-width forms.

    A matched ``(``…``)`` pair (and a ``"``…``"`` pair on one line, to ``“``…``”``) converts
    when the character before it is Han or Chinese punctuation or the pair holds a Han character;
    ``, : ; ! ?`` convert when the nearest non-blank neighbour on either side is Han or Chinese
    punctuation, except a comma or colon between two digits. Conversions enable each other, so
    the rules run to a fixpoint.
    """
    text = v.text
    n = len(text)
    pairs: list[tuple[int, int]] = []
    quotes: list[tuple[int, int]] = []
    marks: list[int] = []
    stack: list[int] = []
    opening: int | None = None
    for m in _PUNCT_CANDIDATES.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
        elif ch == '"':
            if opening is None:
                opening = i
            else:
                quotes.append((opening, i))
                opening = None
        elif ch in _LINE_BREAKS:
            stack.clear()
            opening = None
        else:
            marks.append(i)
    if not (pairs or quotes or marks):
        return v
    pairs.sort()
    out: dict[int, str] = {}

    def at(k: int) -> str:
        return out.get(k) or text[k]

    def neighbour(i: int, step: int) -> str:
        k = i + step
        while 0 <= k < n and _blank(text[k]):
            k += step
        return at(k) if 0 <= k < n else ""

    def holds_han(j: int, i: int) -> bool:
        return any(is_han(c) for c in text[j + 1 : i])

    changed = True
    while changed:
        changed = False
        for group, left, right in ((pairs, "（", "）"), (quotes, "“", "”")):
            for j, i in group:
                if j in out:
                    continue
                p = at(j - 1) if j > 0 else ""
                if _han_context(p) or holds_han(j, i):
                    out[j], out[i] = left, right
                    changed = True
        for i in marks:
            if i in out:
                continue
            ch = text[i]
            p, q = neighbour(i, -1), neighbour(i, 1)
            if ch in ",:" and p.isdigit() and q.isdigit():
                continue  # 1,000 and 17:46 stay ASCII
            if _han_context(p) or (_han_context(q) and not (ch == ":" and p.isdigit())):
                out[i] = _ASCII_TO_CJK[ch]
                changed = True
    return apply_edits(v, [(i, i + 1, ch) for i, ch in sorted(out.items())])


_BOOK_TITLE = re.compile(r"<<([^<>\n]{1,150})>>")


def book_title_marks(v: View) -> View:
    """``<<…>>`` around a Han title becomes ``《…》`` (each mark covers both original chars)."""
    edits: list[Edit] = []
    for m in _BOOK_TITLE.finditer(v.text):
        if any(is_han(c) for c in m.group(1)):
            edits.append((m.start(), m.start() + 2, "《"))
            edits.append((m.end() - 2, m.end(), "》"))
    return apply_edits(v, edits)


_PUNCT_RUN = re.compile("[" + "".join(_PUNCT_RANK) + "]{2,}")


def collapse_punctuation(v: View) -> View:
    """A run of two or more clause punctuation marks becomes the strongest mark of the run.

    Runs of only ``！``/``？`` (``！？``) are kept: they are intended, not scraping artifacts.
    """
    edits: list[Edit] = []
    for m in _PUNCT_RUN.finditer(v.text):
        run = m.group()
        if all(c in "！？" for c in run):
            continue
        edits.append((m.start(), m.end(), max(run, key=lambda c: _PUNCT_RANK[c])))
    return apply_edits(v, edits)


_WS_RUN = re.compile(r"\s+")


def collapse_whitespace(v: View) -> View:
    """Whitespace runs → one ``\\n`` (if a line break is in the run) or one space; see module doc."""
    edits: list[Edit] = []
    n = len(v.text)
    for m in _WS_RUN.finditer(v.text):
        a, b = m.span()
        run = m.group()
        if a == 0 or b == n:  # drop leading/trailing whitespace of the whole text
            edits.append((a, b, ""))
            continue
        repl = "\n" if any(c in _LINE_BREAKS for c in run) else " "
        if run != repl:
            edits.append((a, b, repl))
    return _join_spaced_words(_join_letter_spaced(apply_edits(v, edits)))


_LETTER_SPACED = re.compile(r"(?<![^\s])(?:[^\W\d_] ){1,}[^\W\d_](?![^\s])")


def _join_letter_spaced(v: View) -> View:
    """Drop the spaces of letter-spaced Han: ≥2 single Han chars separated by single spaces."""
    edits: list[Edit] = []
    for m in _LETTER_SPACED.finditer(v.text):
        if all(is_han(c) for c in m.group().split(" ")):
            edits.extend((k, k + 1, "") for k in range(m.start(), m.end()) if v.text[k] == " ")
    return apply_edits(v, edits)


_PROSE_LINE = re.compile(r"[^\n]*，[^\n]*[。；][^\n]*")
_CLAUSE = re.compile(r"[^，。；：！？、\n]+")
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_MARKER_BEFORE = re.compile(r"(?:^|[\s。；])第[一二三四五六七八九十百零〇\d]+[章条條节節款]$")  # before t2s


def _join_spaced_words(v: View) -> View:
    """Drop a stray space inside a word of a prose line (``对中小 企业购买``, ``诊断 服务``): a line
    with a comma and a sentence end, the space between two Han characters, the only space of
    its clause (a page run onto one line sets its parts apart with several: ``办公厅 2024年9月20日
    成都市…措施 为加快…``), and not after an article's number (``第一条 为了``). Spaces in lines
    without sentences (two organs of a header, cells of a table row) are kept."""
    edits: list[Edit] = []
    text = v.text
    for line in _PROSE_LINE.finditer(text):
        for clause in _CLAUSE.finditer(text, line.start(), line.end()):
            part = clause.group().strip(" ")
            if part.count(" ") != 1 or len(part) > 60:
                continue
            m = _SPACE_IN_WORD.search(text, clause.start(), clause.end())
            if m and not _MARKER_BEFORE.search(text[max(clause.start(), m.start() - 16) : m.start()]):
                edits.append((m.start(), m.end(), ""))
    return apply_edits(v, edits) if edits else v


_SENTENCE_END = ("。", "；", "：", "！", "？", ";", ":", "!", "?")


def _running(line: str, counts: Counter[str]) -> bool:
    """A running header or footer: a short line without a clause mark, found on several pages."""
    text = line.strip()
    return counts[text] >= 2 and 2 <= len(text) <= 40 and not re.search(r"[，。；,;]", text)


def _header_like(line: str) -> bool:
    """A short line without clause marks naming a body or its papers (…局文件, …规范性文件)."""
    text = line.strip()
    return 4 <= len(text) <= 30 and not re.search(r"[，。；,;：:]", text) and text.endswith(
        ("文件", "公报", "简报"))


def drop_page_breaks(v: View) -> View:
    """A page break inside a sentence of a text copied from a PDF (``…设备投资额达到500`` / ``— 1 —``
    / a running header / ``万元以上的…``) is dropped: the page-number line and the running headers
    and footers beside it (lines found on several pages), when the line before does not end a
    sentence and the line after starts no numbered item. The line break stays, for
    :func:`join_wrapped_lines` to judge."""
    text = v.text
    if "\n" not in text:
        return v
    lines = text.split("\n")
    counts = Counter(line.strip() for line in lines)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    edits: list[Edit] = []
    done = -1
    for i, line in enumerate(lines):
        if i <= done or not is_page_number(line):
            continue
        first, last = i, i
        while first - 1 > 0 and _running(lines[first - 1], counts):
            first -= 1
        while last + 1 < len(lines) - 1 and _running(lines[last + 1], counts):
            last += 1
        if (first > 0 and last + 2 < len(lines) and not lines[first - 1].rstrip().endswith(
                _SENTENCE_END) and _header_like(lines[last + 1])
                and not _LINE_MARKER.match(lines[last + 2].strip())
                and re.search(r"[，。；]", lines[last + 2])):
            last += 1  # a running header found once (the page's red head), between two halves
        done = last
        before, after = lines[first - 1].rstrip() if first else "", lines[last + 1] if (
            last + 1 < len(lines)) else ""
        if (before and after.strip() and not before.endswith(_SENTENCE_END)
                and not _LINE_MARKER.match(after.strip()) and first > 0
                and not (edits and edits[-1][1] > offsets[first] - 1)):
            edits.append((offsets[first] - 1, offsets[last] + len(lines[last]), ""))
    return apply_edits(v, edits) if edits else v


# a break after a Han character or a digit, before one or a clause mark (…达到200\n0万元以上)
_WRAPPED = re.compile(r"(?<=[\u4e00-\u9fff\d])\n(?=[\u4e00-\u9fff\d，、；。])")
_LINE_MARKER = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[章条节]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[①-⑳]|附件|附表|抄送)")


_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[：:]")  # 责任单位：… opens a field of its own
_FIGURE_REST = re.compile(r"\d*(?:\.\d+)?\s*(?:万元|亿元|千元|元|%|％|万|亿)")
_CLAUSE_MARK = re.compile(r"[，。；]")  # a line of prose (a heading has none)
_CLOSES_NOTE = re.compile(r"[^（）()\n]{1,40}[）)][。；]?\s*$")


def join_wrapped_lines(v: View) -> View:
    """A line break that wraps a sentence at a fixed width (``…单台（套）最\n高200万元。``) is
    dropped: the line before is a body line (25 characters or more, a clause or sentence mark in
    it) ending in a Han character or a digit, the line after goes on the sentence (10 characters
    or more, a sentence or clause mark in it; 2 characters or more ending the sentence; or the
    rest of a bracket left open) and starts with no numbering marker and no field label
    (``责任单位：``). A break cutting a figure from its unit (``…收入200\n0万元以上的…``) is dropped
    whatever the lengths of the lines."""
    edits: list[Edit] = []
    text = v.text
    joined_to, sentence_start = -1, 0  # the last break joined, where its logical line starts
    for m in _WRAPPED.finditer(text):
        a = m.start()
        line_start = text.rfind("\n", 0, a) + 1
        # a line that a joined break began goes on the logical line before it
        start = sentence_start if line_start - 1 == joined_to else line_start
        before = text[start:a]
        stop = text.find("\n", a + 1)
        after = text[a + 1 : stop if stop >= 0 else len(text)]
        goes_on = len(after) >= 10 and re.search(r"[。，；、]", after)
        # …最高不\n超过100万元。 (a PDF's hard wrap may leave a word alone: …由市财政局负\n责。)
        ends_it = len(after.rstrip()) >= 2 and after.rstrip().endswith(("。", "；"))
        # a bracketed note broken inside a name: （…配合单位：市工业和\n信息化局）
        closes_it = (before.count("（") + before.count("(") > before.count("）") + before.count(")")
                     and _CLOSES_NOTE.match(after))
        # a figure cut in two (…收入200\n0万元以上, …最高200\n万元。): prose on both sides
        splits_figure = (before[-1:].isdigit() and _FIGURE_REST.match(after)
                         and re.search(r"[\u4e00-\u9fff]", before))
        if ((len(before) >= 25 and _CLAUSE_MARK.search(before) and (goes_on or ends_it or closes_it)
             or splits_figure)
                and not _LINE_MARKER.match(after) and not _FIELD_LABEL.match(after)):
            edits.append((a, a + 1, ""))
            joined_to, sentence_start = a, start
    return apply_edits(v, edits)


def simplify(v: View) -> View:
    """Simplified script (OpenCC t2s), one view character for one view character."""
    simple = to_simplified(v.text)
    if len(simple) != len(v.text):  # pragma: no cover - to_simplified guarantees the length
        simple = "".join(to_simplified(c)[:1] or c for c in v.text)
    return View(simple, v.starts, v.ends)


_MARKUP = re.compile(r"(?m)^[ \t]*(?:#{1,6}|>)[ \t]+|<!--.{0,2000}?-->", re.S)
_EMPHASIS = re.compile(r"(\*\*|(?<![A-Za-z0-9])__)(?=\S)([^*_\n]{1,200}?)(?<=\S)\1")


def drop_markup(v: View) -> View:
    """Markdown/scraping markup out of the view: ``#`` heading marks, ``**``/``__`` emphasis
    pairs on one line, ``>`` quote marks at a line start, ``<!-- … -->`` comments."""
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _MARKUP.finditer(v.text)]
    for m in _EMPHASIS.finditer(v.text):
        edits.append((m.start(1), m.end(1), ""))
        edits.append((m.end(2), m.end(), ""))
    edits.sort()
    kept: list[Edit] = []
    for e in edits:
        if not kept or e[0] >= kept[-1][1]:
            kept.append(e)
    return apply_edits(v, kept)


STEPS: tuple[Callable[[View], View], ...] = (
    drop_markup,
    normalise_width,
    drop_pinyin,
    book_title_marks,
    chinese_punctuation,
    collapse_punctuation,
    collapse_whitespace,
    drop_page_breaks,
    join_wrapped_lines,
    simplify,
)


def clean(original: str) -> CleanText:
    """The matching view of ``original`` (see the module doc) with its offset map. Never raises."""
    n = len(original)
    v = View(original, array("q", range(n)), array("q", range(1, n + 1)))
    for step in STEPS:
        v = step(v)
    return CleanText(original=original, view=v.text, starts=v.starts, ends=v.ends)


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
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_FURNITURE_WORDS = re.compile(r"^(?:打印|关闭|收藏|分享|返回|顶部|[【】\[\]\s|｜/]|大|中|小)+$")


def is_page_number(line: str) -> bool:
    """True when a whole line is a page number (``— 2 —``, ``第3页 共9页``, ``3/9``)."""
    return bool(_PAGE_NUMBER.match(line.strip()))


def is_furniture_line(line: str) -> bool:
    """True when a whole line is page furniture (``打印本页 关闭窗口``, ``- 3 -``, ``来源：…``)."""
    stripped = line.strip()
    if not stripped:
        return False
    if _PAGE_NUMBER.match(stripped):
        return True
    return len(stripped) <= 80 and bool(
        (_FURNITURE.search(stripped) or _FURNITURE_WORDS.match(stripped))
        and ("。" not in stripped.rstrip("。") or _FURNITURE.match(stripped)))


def furniture_lines(view: str) -> list[tuple[int, int]]:
    """View ranges ``[start, end)`` that look like web-page furniture, for the parser to skip.

    A whole line counts when it is a page number (``- 3 -``, ``第3页 共9页``) or is short
    (≤ 80 characters) and holds a furniture marker (信息来源, 公开方式, 点击数, 作者：,
    【打印】, 【关闭】, 分享到…) or only furniture words; on a longer
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
        if is_page_number(stripped):
            ranges.append((start, end))
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
