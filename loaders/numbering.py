"""Numbered structure of an official document: which numbered items are its measures.

Works on the simplified view (offsets into the view). Recognised numbering styles, each also
with a space before its mark (``一 、``, ``1 .``, ``（ 一 ）``), as scraped pages write them:

- ``第一条`` articles (optionally followed by ``【heading】``);
- ``一、`` / ``一．`` / ``一.`` sections (``一，`` at the start of a line);
- ``第一，`` / ``第一、`` ordinal sections; ``第一项`` items followed by their heading (``第一项　推广…``);
- ``一）``, ``【一】`` and Roman numerals (``Ⅰ、``, ``Ⅱ.``) opening a line, as ``一、`` sections;
- ``（一）`` items; ``1.`` / ``1．`` / ``1、`` / ``1)`` / ``1）`` points; ``A.`` lettered items opening a
  line before Chinese text; ``（1）`` items;
- ``①`` circled numbers (also ``⑴`` and ``⒈``); bullets (``•`` of a ``<ul>`` item, ``●``) in their order;
- ``序号：1`` on a line of its own, heading a record of labelled lines (a table typed as
  records: 序号：1 / 项目：… / 支持标准：… / 责任单位：…), ranked between ``（一）`` and ``1.``;
- ``一是…二是…`` (and ``其一，…其二，…``) enumerations inside running text, and ``首先…其次…（再次…）最后…`` written the
  same way (numbered 1, 2, … in their order);
- and, when nothing is numbered, heading lines: ``【支持研发】`` on a line of its own, or a
  short line with no sentence end followed by a paragraph that ends one (a bold heading of a
  scraped page) — at least two, each followed by its paragraph.

``第一章`` chapters are recognised and never measures themselves.

A marker counts only at a boundary (start of a line, after white space or after ``。；：``)
and only as part of a chain numbered 1, 2, 3… in text order, so a stray ``二、`` inside a
sentence is not a measure.

Rule for choosing the measure level (documented contract):

1. If the document has a chain of at least two articles (``第一条``…), the articles are the
   measures; everything numbered inside an article stays inside it.
2. Otherwise the top level is the outermost style with a chain of at least two items, in the
   order ``一、`` > ``第一，`` > ``（一）`` > ``1.`` > ``（1）`` > ``①``. If the top-level
   sections are *chapters* — at least two sub-items of the next style exist inside them, and
   every section with sub-items carries only a short heading before its first sub-item (no
   sentence end ``。``; a note in parentheses is not counted) — then the measures are the
   sub-items of every chapter (the sub-style is the first lower style that fits, ``一是…二是…``
   last) and each keeps its chapter as its *group* (a chapter without
   sub-items but with body text is a measure itself). Otherwise the top-level sections are the
   measures.
3. With no numbered chain, ``一是…二是…`` enumerations, then heading lines, are the measures.
4. Measures are numbered 1..n in text order (``ordinal``); when sub-items restart at ``（一）``
   in each chapter the running count is used, so ordinals stay unique in the document.
5. Under ``第X章`` chapters (and no articles), when the sections restart in every chapter, the
   sections of all chapters are the measures, numbered on in the same way. Articles and
   sections under a ``第X章`` chapter have that chapter as their group.

Everything here is linear in the length of the view (one pass per style).

Why this module is longer than 400 lines: the styles, the chain rule and the choice of the
measure level (chapters, leaves, attachments, heading lines) share the markers and their
extents; split apart, each part would import the others.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import cn2an

from .numerals import chinese_to_int
from .unit_notes import block_notes, closing_note, inline_note, shared_units

_CN = "〇零一二三四五六七八九十百两"
_BOUNDARY = r"(?:^|(?<=[\s。；：:;]))"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # the Roman numeral characters (U+2160…)

STYLES: dict[str, re.Pattern[str]] = {
    "第一条": re.compile(_BOUNDARY + rf"第\s?([{_CN}千万\d]{{1,10}})\s?条[ \t\u3000]*", re.M),
    "一、": re.compile(
        _BOUNDARY + rf"([{_CN}]{{1,4}})\s?[、.．](?![{_CN}\d])|^([{_CN}]{{1,4}})[，,](?![{_CN}\d])"
        # 一） and 【一】 opening a line (a closing bracket alone; a number in lenticular brackets)
        rf"|^[ \t]*([{_CN}]{{1,4}})[)）](?![{_CN}\d])|^[ \t]*【([{_CN}]{{1,4}})】"
        rf"|^[ \t]*([{_ROMAN}])\s?[、.．]",  # Ⅰ、 and Ⅱ. as sections
        re.M),
    "第一项": re.compile(_BOUNDARY + rf"第\s?([{_CN}\d]{{1,4}})\s?项[ \t]*(?=[^\s，,、。；;])", re.M),
    "第一，": re.compile(_BOUNDARY + rf"第([{_CN}]{{1,3}})[，,、：:](?![{_CN}\d])", re.M),
    "（一）": re.compile(_BOUNDARY + rf"[（(]\s?([{_CN}]{{1,4}})\s?[)）]", re.M),
    "1.": re.compile(_BOUNDARY + r"(\d{1,2})\s?(?:[.．、]|[)）](?![)）]))(?![\d%])", re.M),
    "（1）": re.compile(_BOUNDARY + r"[（(]\s?(\d{1,2})\s?[)）]", re.M),
    # lettered items opening a line before Chinese text (A. 智能化改造项目：…), as guides write them
    "A.": re.compile(r"^[ \t]*([A-Z])\s?[.．、](?=[ \t]*[\u4e00-\u9fff])", re.M),
    # a table typed as records, one labelled field per line (序号：1 / 项目：… / 支持标准：…)
    "序号：1": re.compile(r"^[ \t\u3000]*(?:序号|编号)[ \t\u3000]*[：:][ \t\u3000]*(\d{1,3})[ \t\u3000]*$", re.M),
    "①": re.compile(_BOUNDARY + rf"([{_CIRCLED}{_PAREN_DIGITS}{_DOT_DIGITS}])", re.M),
    # bullets opening a line (• of a <ul> item, ● ▪ ◆ ■ typed): items numbered in their order
    "•": re.compile(r"^[ \t]*[•●▪◆■](?=[ \t]*\S)", re.M),
    "一是": re.compile(rf"(?:^|(?<=[\s。；：:;，,]))([{_CN}]{{1,3}})是(?=[^，。；\n]{{2}})"
                     rf"|(?:^|(?<=[\s。；：:;]))其([{_CN}]{{1,2}})(?=[，,、：:])", re.M),  # 其一，…其二，…
}
# ordinal words opening the sentences of an inline enumeration: 首先，… 其次，… 最后，…
_ORDINAL_WORDS = re.compile(r"(?:^|(?<=[\s。；：:;]))(首先|其次|再次|最后)(?=[，,]?[^，。；\n]{2})", re.M)
CHAPTER = re.compile(_BOUNDARY + rf"第([{_CN}\d]{{1,4}})章[^\n]*", re.M)
_ORDER = ["一、", "第一项", "第一，", "（一）", "序号：1", "1.", "A.", "（1）", "①", "•"]
_NOTE = re.compile(r"[（(][^（）()\n]{0,80}[）)]")
_BRACKET_LINE = re.compile(r"^[ \t]*【([^【】\n]{2,40})】[ \t]*$", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*([^\n。；！？!?，,：:]{4,30})。?[ \t]*$", re.M)
_NOT_HEADING = re.compile(r"^(?:附件|抄送|发布|来源|日期|时间|各|关于)|[〔〕]|\d{4}年|(?:通知|决定|意见)$")


@dataclass(frozen=True, slots=True)
class Marker:
    """One numbering marker in the view: ``[start, end)`` covers the marker itself."""

    style: str
    number: int
    start: int
    end: int


def marker_label(style: str, number: int) -> str:
    """A marker written out in its own style: (``第一条``, 15) → ``第十五条``, (``（一）``, 3) →
    ``（三）``, (``1.``, 7) → ``7.``, (``①``, 2) → ``②``; unnumbered headings give ``""``."""
    if number <= 0 or style not in STYLES:
        return ""
    if style == "①":
        return _CIRCLED[number - 1] if number <= len(_CIRCLED) else f"({number})"
    if style in ("1.", "（1）", "序号：1"):
        return style.replace("1", str(number))
    if style == "A.":
        return chr(ord("A") + number - 1) + "." if number <= 26 else f"({number})"
    return style.replace("一", cn2an.an2cn(number), 1)


@dataclass(frozen=True, slots=True)
class Item:
    """A measure found in the view: its marker, its extent ``[start, end)`` and, when it sits
    in a chapter or section that groups measures, the view extent of that group's heading."""

    ordinal: int
    marker: Marker
    start: int
    end: int
    group: tuple[int, int] | None = None
    # for a leaf of a split item: the extent of the outermost item it was split from
    parent: tuple[int, int] | None = None
    # where the units that hold for the item's block are named (a note closing its block, the
    # lead of the item it was split from), when its own text names none
    units: tuple[int, int] | None = None


def _number(text: str) -> int | None:
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and "A" <= text <= "Z":
        return ord(text) - ord("A") + 1
    for table in (_CIRCLED, _PAREN_DIGITS, _DOT_DIGITS, _ROMAN):
        if len(text) == 1 and text in table:
            return table.index(text) + 1
    return chinese_to_int(text)


def markers(view: str, style: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """Every boundary marker of ``style`` in ``view[start:end]`` (view offsets)."""
    end = len(view) if end is None else end
    out = []
    for m in STYLES[style].finditer(view, start, end):
        if style == "•":
            out.append(Marker(style, len(out) + 1, m.start(), m.end()))
            continue
        raw = next(g for g in m.groups() if g is not None)
        n = _number(raw)
        if n is not None and n > 0:
            out.append(Marker(style, n, m.start(), m.end()))
    if style == "一是":
        out = sorted(out + _ordinal_words(view, start, end), key=lambda mk: mk.start)
    return out


def _ordinal_words(view: str, start: int, end: int) -> list[Marker]:
    """``首先…其次…最后`` as inline markers numbered in order: 首先 is 1, each following word
    numbers on (a 其次 or 最后 with no 首先 before it starts nothing)."""
    out: list[Marker] = []
    previous = 0
    for m in _ORDINAL_WORDS.finditer(view, start, end):
        word = m.group(1)
        if word == "首先":
            previous = 1
        elif previous:
            previous += 1
        else:
            continue
        out.append(Marker("一是", previous, m.start(), m.end()))
        if word == "最后":
            previous = 0
    return out


def number_at(view: str, pos: int) -> int | None:
    """The number of the marker that begins at ``pos`` (white space before it skipped), in
    any style, or None."""
    while pos < len(view) and view[pos] in " \t\u3000\n":
        pos += 1
    for style, pattern in STYLES.items():
        if style == "一是":
            continue
        m = pattern.match(view, pos)
        if m:
            return _number(next(g for g in m.groups() if g is not None))
    return None


def chain(found: list[Marker], first: int | tuple[int, ...] = 1) -> list[Marker]:
    """The sequence numbered first, first+1, … taken greedily in text order."""
    starts = (first,) if isinstance(first, int) else first
    best: list[Marker] = []
    for s in starts:
        out: list[Marker] = []
        expected = s
        for mk in found:
            if mk.number == expected:
                out.append(mk)
                expected += 1
        if len(out) > len(best):
            best = out
    return best


def _extents(chain_: list[Marker], end: int) -> list[tuple[Marker, int, int]]:
    out = []
    for i, mk in enumerate(chain_):
        stop = chain_[i + 1].start if i + 1 < len(chain_) else end
        out.append((mk, mk.start, stop))
    return out


# a later attachment's heading on a line of its own (附件2 after 附件1 holding the measures)
_LATER_ANNEX = re.compile(r"^[ \t\u3000]*附\s*件\s*(?:[2-9二三四五六七八九]|\d{2})[ \t\u3000]*$", re.M)


def find_measures(view: str, start: int = 0, end: int | None = None) -> list[Item]:
    """The measures of the body ``view[start:end]`` according to the rule in the module doc,
    each split into its leaves where it has some (rule 6). A later attachment (``附件2`` on a
    line of its own: forms, a list of materials) ends the body when at least as many items
    that say something (a sentence, a figure) come before it as after it."""
    later = _LATER_ANNEX.search(view, start, len(view) if end is None else end)
    if later is not None:
        before = _split(view, _measures(view, start, later.start()))
        after = _measures(view, later.end(), end)
        if len(before) >= 2 and _substantive(view, before) >= _substantive(view, after):
            return before
    return _split(view, _measures(view, start, end))


def _substantive(view: str, items: list[Item]) -> int:
    """How many items say something (a sentence or a figure), unlike a form's fields
    (``1．企业名称：``)."""
    return sum(1 for it in items
               if "。" in view[it.start : it.end] or _LEAD_FIGURE.search(view, it.start, it.end))


def _split(view: str, items: list[Item]) -> list[Item]:
    """Each item split into its leaves, all numbered 1..n."""
    out: list[Item] = []
    for item in items:
        out.extend(_leaves(view, item, depth=3))
    if len(out) == len(items):
        return items
    return [Item(i + 1, it.marker, it.start, it.end, it.group, it.parent, it.units)
            for i, it in enumerate(out)]


_ATTACHMENTS = re.compile(r"附\s*(?:件|表)\s*[：:]?\s*$")
# a lead that states a figure (…给予最高100万元奖励：) carries the offer: its sub-items are conditions
_LEAD_FIGURE = re.compile(r"[\d〇零一二三四五六七八九十百千两]+(?:\.\d+)?\s*(?:万元|亿元|元|%|％)")


def _leaves(view: str, item: Item, depth: int) -> list[Item]:
    """``item`` split into its sub-items when it is only a heading (or a lead ending ``：``) over
    a chain of at least two numbered sub-items; recursively, ``depth`` levels deep."""
    style = item.marker.style
    if depth == 0 or (style not in _ORDER and style != "第一条"):
        return [item]
    below = [*(_ORDER[2:] if style == "第一条" else _ORDER[_ORDER.index(style) + 1 :]), "一是"]
    for sub in below:
        found = markers(view, sub, item.marker.end, item.end)
        # sub-items may number on across sections (（一）… 1. 2. （二）… 3. 4.)
        subs = chain(found, (1, found[0].number) if found else 1)
        if len(subs) < 2:
            continue
        lead = _NOTE.sub("", view[item.marker.end : subs[0].start]).strip()
        on_lines = not view[item.marker.end : subs[0].start].rstrip(" \t\u3000").endswith(("：", ":"))
        if not _is_heading_lead(lead, article=style == "第一条", leaves_on_lines=on_lines) or (
                _ATTACHMENTS.search(lead)):
            return [item]  # 附件：1.… 2.… lists files
        return _leaf_items(view, item, subs, depth)
    # unnumbered: short heading lines, each over its paragraph (a bold lead put on its own line)
    # (inside an item a heading's paragraph may be short: one sentence with its figure)
    heads = [it.marker for it in _heading_lines(view, item.marker.end, item.end, paragraph=12)]
    if len(heads) >= 2 and _is_heading_lead(view[item.marker.end : heads[0].start].strip()):
        return _leaf_items(view, item, heads, depth)
    return [item]


def _leaf_items(view: str, item: Item, subs: list[Marker], depth: int) -> list[Item]:
    """The leaves of ``item`` starting at the markers ``subs``, each split further."""
    out: list[Item] = []
    shared = shared_units(view, item.start, item.end, subs[0].start,
                          (subs[-1].start, subs[-1].end)) or item.units
    for sm, ss, se in _extents(subs, item.end):
        leaf = Item(0, sm, ss, se, item.group or (item.start, item.marker.end + len(
            view[item.marker.end : subs[0].start].rstrip())), item.parent or (item.start, item.end),
            shared)
        out.extend(_leaves(view, leaf, depth - 1))
    return out


def _is_heading_lead(lead: str, *, article: bool = False, leaves_on_lines: bool = True) -> bool:
    """A short heading (one sentence at most, ``支持企业做大做强。``; in a ``第X条`` article not even
    a clause) or a lead-in ending ``：`` (``…应当具备下列条件：``, each condition then a leaf),
    which may follow a short heading (``关键技术攻关。对…项目，按以下方式支持：``); either states
    no figure of its own."""
    if _LEAD_FIGURE.search(lead):
        return False
    body = lead.rstrip("。：:；; \t\n")
    if lead.endswith(("：", ":")):
        # 支持关键技术攻关。对…项目，按以下方式支持： a heading, then the lead-in of its leaves
        heading, _, body = body.rpartition("。")
        if heading and (not leaves_on_lines or len(heading) > 60
                        or any(c in heading for c in "。；;")
                        or (len(heading) > 20 and any(c in heading for c in "，,"))):
            return False  # …包括：（一）设备购置；（二）人员培训 in one line: an enumeration
    if any(c in body for c in "。；;"):
        return False
    if lead.endswith(("：", ":")):
        return len(body) <= 60
    return len(body) <= 40 and not (article and any(c in body for c in "，,"))


def _measures(view: str, start: int = 0, end: int | None = None) -> list[Item]:
    end = len(view) if end is None else end
    found = _find_measures(view, start, end)
    heads = [(m.start(), m.end()) for m in CHAPTER.finditer(view, start, end)]
    if len(heads) >= 2 and not (found and found[0].marker.style == "第一条"):
        joined: list[Item] = []
        bounds = [s for s, _ in heads] + [end]
        for (s, e), (_, head_end) in zip(zip(bounds, bounds[1:], strict=False), heads, strict=False):
            for item in _find_measures(view, s, e):
                joined.append(Item(len(joined) + 1, item.marker, item.start, item.end,
                                   item.group or (s, head_end), units=item.units))
        if len(joined) > len(found):
            return joined
    if heads and found and all(i.group is None for i in found):
        starts = [s for s, _ in heads]
        out = []
        for item in found:
            k = bisect_right(starts, item.start) - 1
            group = heads[k] if k >= 0 else None
            stop = item.end  # the last article of a chapter ends where the next chapter begins
            if k + 1 < len(starts) and starts[k + 1] < stop:
                stop = starts[k + 1]
            out.append(Item(item.ordinal, item.marker, item.start, stop, group,
                            units=item.units))
        return out
    return found


def _find_measures(view: str, start: int, end: int) -> list[Item]:
    articles = chain(markers(view, "第一条", start, end))
    if len(articles) >= 2:
        return [Item(i + 1, mk, s, e) for i, (mk, s, e) in enumerate(_extents(articles, end))]
    for style in _ORDER:
        top = chain(markers(view, style, start, end))
        if len(top) < 2:
            continue
        sections = _extents(top, end)
        for sub in [*_ORDER[_ORDER.index(style) + 1 :], "一是"]:  # 一、 over （一）, 1. or 一是
            if _are_chapters(view, sections, sub):
                return _chapter_items(view, sections, sub)
        return [Item(i + 1, mk, s, e) for i, (mk, s, e) in enumerate(sections)]
    inline = chain(markers(view, "一是", start, end))
    if len(inline) >= 2:
        return [Item(i + 1, mk, s, e) for i, (mk, s, e) in enumerate(_extents(inline, end))]
    return _heading_lines(view, start, end)


def _sub_chain(view: str, sub: str, s: int, e: int, previous: int) -> list[Marker]:
    return chain(markers(view, sub, s, e), (1, previous + 1) if previous else 1)


def _are_chapters(view: str, sections: list[tuple[Marker, int, int]], sub: str) -> bool:
    total = 0
    previous = 0
    for mk, _s, e in sections:
        items = _sub_chain(view, sub, mk.end, e, previous)
        if items:
            # a chapter heading may carry its units: 一、提升创新能力（省科技厅牵头，…配合）
            lead = _NOTE.sub("", view[mk.end : items[0].start])
            if "。" in lead.strip().rstrip("。") or len(lead.strip()) > 40:
                return False
            total += len(items)
            previous = items[-1].number
    return total >= 2


# a provision of labelled fields with no sentence: 联系人：王某  电话：… (a signature has none)
_FIELD = re.compile(r"\n[^\n]*(?<!附)(?<!附件)(?!附件|附表)[\u4e00-\u9fff]{2,6}\s*[：:]\s*[^\s：:]")


def _heading_extent(view: str, mk: Marker, e: int) -> tuple[int, int]:
    """The chapter heading after a marker: to the end of its line (or first sentence end outside
    brackets: ``（牵头单位：A；配合单位：B）`` is one note)."""
    stop, depth = mk.end, 0
    while stop < e and view[stop] != "\n" and (depth or view[stop] not in "。；"):
        depth += (view[stop] in "（(") - (depth > 0 and view[stop] in "）)")
        stop += 1
    return mk.start, stop


def _chapter_items(view: str, sections: list[tuple[Marker, int, int]], sub: str) -> list[Item]:
    out: list[Item] = []
    previous = 0
    for mk, s, e in sections:
        items = _sub_chain(view, sub, mk.end, e, previous)
        if items:
            previous = items[-1].number
            group = _heading_extent(view, mk, items[0].start)
            note = closing_note(view, items[-1].end, e) or (
                inline_note(view, items[-1].start, e) if sub == "一是" else None)
            blocks = block_notes(view, items[0].start, e)
            for sm, ss, se in _extents(items, e):
                own = next(((a, b) for a, b in blocks if a >= ss), None)
                out.append(Item(len(out) + 1, sm, ss, se, group, units=own or note))
        else:
            body = view[mk.end : e]
            if "。" in body or _FIELD.search(body):
                out.append(Item(len(out) + 1, mk, s, e))
    return out


def _heading_lines(view: str, start: int, end: int, paragraph: int = 30) -> list[Item]:
    """Unnumbered measures: 【bracketed】 heading lines, else short heading lines, each followed
    by a paragraph ending a sentence (longer than ``paragraph`` characters); at least two of them
    (see the module doc)."""
    found = [Marker("【】", 0, m.start(1) - 1, m.start(1) - 1)
             for m in _BRACKET_LINE.finditer(view, start, end)]
    style = "【】"
    if len(found) < 2:
        style = "heading"
        found = []
        for m in _HEADING_LINE.finditer(view, start, end):
            line = m.group(1).strip()
            if _NOT_HEADING.search(line) or not _paragraph_follows(view, m.end(), end, paragraph):
                continue
            found.append(Marker("heading", 0, m.start(1), m.start(1)))
    if len(found) < 2:
        return []
    items = []
    for i, mk in enumerate(found):
        stop = found[i + 1].start if i + 1 < len(found) else end
        items.append(Item(i + 1, Marker(style, i + 1, mk.start, mk.end), mk.start, stop))
    return items


def _paragraph_follows(view: str, pos: int, end: int, longer: int = 30) -> bool:
    """The next line is a paragraph: longer than ``longer`` and ending a sentence."""
    nxt = view.find("\n", pos)
    if nxt < 0 or nxt + 1 >= end:
        return False
    stop = view.find("\n", nxt + 1)
    line = view[nxt + 1 : stop if 0 <= stop < end else end].strip()
    line = _CLOSING_NOTE.sub("", line)  # …。（牵头单位：市科技局；配合单位：市财政局）
    return len(line) > longer and line.endswith(("。", "；"))


# a note in parentheses closing a paragraph after its sentence end
_CLOSING_NOTE = re.compile(r"(?<=[。；])\s*[（(][^（）()\n]{2,80}[）)]\s*$")


def chapters(view: str) -> list[tuple[int, int, str]]:
    """``第X章`` chapter heading lines as ``(start, end, text)`` in the view."""
    return [(m.start(), m.end(), m.group(0).strip()) for m in CHAPTER.finditer(view)]
