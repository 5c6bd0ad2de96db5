"""Word's automatic numbering rendered as the text a reader sees: ``一、`` ``（二）`` ``3.`` ``第四条``.

Word does not store the number of a numbered paragraph: the paragraph names a numbering
instance and a level (``w:numPr``, directly or through its style), the instance points at an
abstract definition whose level says where to start, the number format (``chineseCounting``,
``decimal``, ``upperRoman``…), the text around it (``lvlText`` such as ``（%1）`` or ``%1.%2``)
and what follows (tab, space, nothing). :class:`Numbering` keeps the counters while the
paragraphs are read in order, as Word does: instances of one abstract definition share their
counters unless an instance restarts a level (``w:startOverride``), and a deeper level restarts
when a shallower one advances.

Measured for issue 24: docx2python 3.7 renders ``chineseCounting`` levels as ``--`` (it knows
only decimal, letters, roman numerals and bullets), so the Chinese numbering of a notice is
lost there; python-docx exposes the raw elements and this module renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_CJK_CLOSE = tuple("、）】」』")  # no space after these, whatever the suffix
_LEVEL_REF = re.compile(r"%([1-9])")


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: A…Z, then AA…ZZ, AAA…"""
    letter = chr(ord("A") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _cyclic(n: int, symbols: str) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """``n`` written in the Word number format ``fmt`` (unknown formats: decimal)."""
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "japaneseDigitalTenThousand"):
        return cn2an.an2cn(n) if n else "〇"
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return cn2an.an2cn(n, "up") if n else "零"
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _cyclic(n, _STEMS)
    if fmt == "ideographZodiac":
        return _cyclic(n, _BRANCHES)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letters(n) if n else "0"
        return text if fmt == "upperLetter" else text.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if n else "0"
        return text if fmt == "upperRoman" else text.lower()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass(slots=True)
class Level:
    """One level of a numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # tab | space | nothing
    legal: bool = False  # isLgl: every level shown in decimal
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never


@dataclass(slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl → overriding level


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return None if child is None else child.get(W + "val")


def _level(lvl) -> Level:
    level = Level()
    start = _val(lvl, "start")
    if start and start.lstrip("-").isdigit():
        level.start = int(start)
    level.fmt = _val(lvl, "numFmt") or level.fmt
    text = _val(lvl, "lvlText")
    level.text = text if text is not None else level.text
    level.suffix = _val(lvl, "suff") or level.suffix
    legal = lvl.find(W + "isLgl")
    level.legal = legal is not None and legal.get(W + "val", "1") not in ("0", "false")
    restart = _val(lvl, "lvlRestart")
    level.restart = int(restart) if restart and restart.isdigit() else None
    return level


def _levels(parent) -> dict[int, Level]:
    out = {}
    for lvl in parent.findall(W + "lvl"):
        ilvl = lvl.get(W + "ilvl", "0")
        if ilvl.isdigit():
            out[int(ilvl)] = _level(lvl)
    return out


class Numbering:
    """The numbering definitions of one Word document and the running counters."""

    def __init__(self, numbering_element=None, styles_element=None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.num_style_links: dict[str, str] = {}  # abstract → style whose numbering it uses
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()
        if numbering_element is not None:
            self._read_numbering(numbering_element)
        if styles_element is not None:
            self._read_styles(styles_element)

    def _read_numbering(self, root) -> None:
        for abstract in root.findall(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId", "")
            self.abstracts[key] = _levels(abstract)
            num_link = _val(abstract, "numStyleLink")
            if num_link:
                self.num_style_links[key] = num_link
        for num in root.findall(W + "num"):
            instance = _Instance(_val(num, "abstractNumId") or "")
            for override in num.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start and start.lstrip("-").isdigit():
                    instance.starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self.instances[num.get(W + "numId", "")] = instance

    def _read_styles(self, root) -> None:
        for style in root.findall(W + "style"):
            ppr = style.find(W + "pPr")
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            self.styles[style.get(W + "styleId", "")] = (
                _val(num_pr, "numId"), _val(num_pr, "ilvl"), _val(style, "basedOn"))

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self.styles.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0
            style_id = based_on
        return None, 0

    def _abstract_levels(self, key: str) -> dict[int, Level]:
        levels = self.abstracts.get(key, {})
        if levels:
            return levels
        num_id, _ = self._style_numbering(self.num_style_links.get(key))  # numStyleLink
        instance = self.instances.get(num_id or "")
        if instance is not None and instance.abstract != key:
            return self.abstracts.get(instance.abstract, {})
        return {}

    def label(self, paragraph) -> str:
        """The number a ``w:p`` element shows, with what follows it (``"一、"``, ``"1. "``);
        ``""`` when it is not numbered. Advances the counters: call once per paragraph, in
        document order."""
        ppr = paragraph.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        if num_id is None:
            num_id, level_from_style = self._style_numbering(_val(ppr, "pStyle"))
            ilvl = ilvl or str(level_from_style)
        level_index = int(ilvl) if ilvl and ilvl.isdigit() else 0
        instance = self.instances.get(num_id or "")
        if instance is None:  # numId 0 or unknown: not numbered
            return ""
        levels = dict(self._abstract_levels(instance.abstract))
        levels.update(instance.levels)
        level = levels.get(level_index)
        if level is None:
            return ""
        counters = self.counters.setdefault(instance.abstract, {})
        key = (num_id or "", level_index)
        if level_index in instance.starts and key not in self.restarted:
            self.restarted.add(key)
            counters[level_index] = instance.starts[level_index]
        elif level_index in counters:
            counters[level_index] += 1
        else:
            counters[level_index] = level.start
        for deeper in [k for k in counters if k > level_index]:
            restart = levels.get(deeper, Level()).restart
            if restart != 0 and (restart is None or restart > level_index):
                del counters[deeper]
        if level.fmt == "bullet":
            return _bullet(level.text)

        def number(m: re.Match[str]) -> str:
            index = int(m.group(1)) - 1
            ref = levels.get(index, Level())
            value = counters.get(index, ref.start)
            return format_number(value, "decimal" if level.legal and index != level_index
                                 else ref.fmt)

        text = _LEVEL_REF.sub(number, level.text)
        if not text or level.suffix == "nothing" or text.endswith(_CJK_CLOSE):
            return text
        return text + " "  # a tab or a space after the number


def _bullet(symbol: str) -> str:
    """A bullet as text: its character, or ``•`` for a symbol-font glyph (private use)."""
    if not symbol or any(0xE000 <= ord(ch) <= 0xF8FF for ch in symbol):
        symbol = "•"
    return symbol + " "
