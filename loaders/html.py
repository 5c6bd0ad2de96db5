"""Scraped web pages reduced to plain text: content kept, page chrome dropped, blocks as lines.

``html_to_text`` drops scripts, styles, ``<nav>``/``<header>``/``<footer>``/``<noscript>`` and
elements whose id/class/role obviously mark navigation (menus, breadcrumbs, share bars), then
emits one line per block element (``p``, ``div``, ``br``, ``li``, ``tr``, headings…); a table's
rows are written by :func:`loaders.tables.table_lines`, as the table's prose twin would be. The
result is the ``Source.text`` of an HTML source: every span of an HTML document points into this
text, not into the markup.

The page is parsed by lexbor (through ``selectolax``), an HTML5 parser written in C, and walked
once, without recursion: the time is linear in the size of the page. One thing in HTML5 itself
is not linear: every block start tag looks down the stack of open elements for a ``<p>`` to
close, so a page of 20,000 nested ``<div>`` costs lexbor seconds. Like browsers (Blink stops
nesting at 512 levels, libxml2 at 256), :func:`cap_nesting` first renames the block elements
nested deeper than :data:`MAX_BLOCK_DEPTH` to custom elements (``<div>`` → ``<kg-flat-div>``),
which the parser nests without looking down the stack; the walk reads them back under their own
names, so they still give line breaks, and chrome, menus and ``<pre>`` are recognised as usual.
Pages nested less deeply (every real one seen) are parsed exactly as they are.

Measured with ``benchmarks/htmlpages.py`` (2 shared cores, Python 3.11; seconds; the old
reduction walked a BeautifulSoup tree over lxml; the texts are compared page by page):

==================================================  =============  =======  =======  =========
pages                                               BeautifulSoup  lexbor   ratio    same text
==================================================  =============  =======  =======  =========
the 2 HTML test fixtures (3 kB)                     0.0077         0.0014   ~6×      yes
5 seeds + 100 Shanghai notices in pages (1.1 MB)    0.87           0.060    ~14×     yes
20,000 nested ``<div>`` (220 kB)                    201            0.21     ~940×    yes
10,000 ``<div><span>`` pairs, a line each (1.4 MB)  233            0.16     ~1400×   yes
==================================================  =============  =======  =======  =========

lexbor alone, without :func:`cap_nesting`, takes 2.7 s on the 20,000 nested ``<div>``. Measured
earlier for issue 18: resiliparse 5.6 s on 250 kB of nested markup; trafilatura returns an extract
of its own, so the spans of a document could not point into it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .numbering import number_at
from .tables import table_lines

_DROP_TAGS = frozenset((
    "script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "template",
    "svg", "canvas", "button", "select", "object", "embed",
))  # fmt: skip
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2",
    "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dd", "dt", "dl",
    "title", "main", "aside", "figure", "figcaption", "caption", "hr", "address", "center",
})  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_BOLD_TAGS = frozenset({"b", "strong"})
# a bold lead heading its paragraph: a short heading, one sentence ended inside the bold (支持智能化
# 技术改造。), put on a line of its own as a heading over the paragraph
LEAD_HEADING = re.compile(r"[^。；;！？!?，,：:\n]{4,30}[。.]")
_PRE_TAGS = frozenset({"pre", "textarea"})
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})
# id/class tokens that obviously mark page chrome rather than content
_CHROME = re.compile(
    r"^(?:nav|navbar|navigation|nav[-_].*|.*[-_]nav|menu|.*[-_]?menu|submenu|breadcrumbs?|"
    r"crumbs?|.*breadcrumb.*|footer|.*[-_]footer|foot|header|site[-_]header|topbar|top[-_]bar|"
    r"sidebar|side[-_]bar|share|.*[-_]share|share[-_].*|bdsharebuttonbox|copyright|toolbar|"
    r"skip[-_]link|pagination|pager|position|location|dqwz|bottom|top|sitemap|friendlink|yqlj|"
    r"go[-_]?top|back[-_]?top|gotop)$",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2000-\u200a\u202f\u205f]+")
_NEWLINE = "\x00"  # marker for a block boundary while building the text
_ROW_OPEN, _ROW_CLOSE, _CELL_END = "\x02", "\x03", "\x01"  # a table's structure, until it closes
_ROW = re.compile("\x02([^\x02\x03]*)\x03")
_MAX_COLSPAN = 50
_LAYOUT_BLOCKS, _LAYOUT_CHARS = 3, 300  # a cell holding more lays out a page: no data table
_ROWSPAN = "\x04"  # around the number of rows a cell spans, at its end
_SPANNED = re.compile("\x04(\\d+)\x04\\s*$")
_SPAN_MARK = re.compile("\x04\\d+\x04")
_STRAY_MARKS = str.maketrans({_ROW_OPEN: " ", _ROW_CLOSE: " ", _CELL_END: " ", _ROWSPAN: " "})

BULLET = "•"  # drawn before a <ul> item
MAX_BLOCK_DEPTH = 256
MAX_FRAMES = 2  # inline frames (srcdoc) read inside one another at most
_FLAT = "kg-flat-"  # prefix of a block element renamed by cap_nesting
# start tags for which the HTML5 tree builder looks down the stack for an open <p>
_SCOPED_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav",
    "ol", "p", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "listing", "form", "li", "dd", "dt", "table", "xmp",
))  # fmt: skip
# the open element a start tag closes implicitly (every block start tag closes an open <p>)
_IMPLIED_END = {"li": {"li", "p"}, "dd": {"dd", "dt", "p"}, "dt": {"dd", "dt", "p"}}
_TOKEN = re.compile(
    r"<!--(?:.*?-->|.*\Z)"
    r"|<(?P<raw>script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
    r"[^>]*>(?:.*?</(?P=raw)\s*>|.*\Z)"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_SCOPED_OPEN = re.compile(
    r"<(?:" + "|".join(sorted(_SCOPED_BLOCKS, key=len, reverse=True)) + r")[\s/>]", re.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: a doctype/html/body element, or it starts with a known tag."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return True
    if re.search(r"<(?:html|body)[\s>]", head):
        return True
    return bool(re.match(r"<(?:head|meta|div|p|table|section|article|h[1-6])[\s>/]", head))


def cap_nesting(markup: str, limit: int = MAX_BLOCK_DEPTH) -> str:
    """``markup`` with block elements nested deeper than ``limit`` renamed ``kg-flat-<tag>``.

    One linear scan over the tags (comments and raw-text elements skipped, implied ends of
    ``p``/``li``/``dd``/``dt`` followed); markup that never nests that deep is returned as is.
    """
    if len(_SCOPED_OPEN.findall(markup)) <= limit:
        return markup
    stack: list[tuple[str, bool]] = []  # (tag, renamed)
    pieces: list[str] = []
    last = 0
    for m in _TOKEN.finditer(markup):
        name = m.group("name")
        if name is None or name.lower() not in _SCOPED_BLOCKS:
            continue
        tag = name.lower()
        if m.group("close"):
            renamed = False
            for i in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                if stack[i][0] == tag:
                    renamed = stack[i][1]
                    del stack[i:]
                    break
        else:
            if stack and stack[-1][0] in _IMPLIED_END.get(tag, {"p"}):
                stack.pop()
            renamed = len(stack) >= limit
            stack.append((tag, renamed))
        if renamed:
            pieces.append(markup[last : m.start("name")] + _FLAT)
            last = m.start("name")
    pieces.append(markup[last:])
    return "".join(pieces)


def _is_chrome(node: LexborNode, tag: str) -> bool:
    if tag in _NEVER_CHROME:
        return False
    attrs = node.attributes
    if not attrs:
        return False
    if str(attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    tokens = (attrs.get("class") or "").split()
    ident = attrs.get("id")
    if ident:
        tokens.append(ident)
    return any(_CHROME.match(tok) for tok in tokens)


class _Frame:
    """An open element during the walk: what it emitted, and what its text is made of."""

    __slots__ = ("tag", "block", "muted", "mark", "loose", "has_text", "items", "all_links",
                 "columns", "rows", "first", "lead")

    def __init__(self, tag: str, block: bool, muted: bool, mark: int) -> None:
        self.tag, self.block, self.muted, self.mark = tag, block, muted, mark
        self.loose = False  # holds visible text that is not inside a link within it
        self.has_text = False
        self.items = 0  # <li> children (lists only)
        self.all_links = True  # every <li> child is nothing but link text
        self.columns = self.rows = 1  # table columns and rows a cell spans
        self.first = 1  # the number of an <ol>'s first item (its start attribute)
        self.lead = False  # bold text opening a block (a lead heading its paragraph?)


def html_to_text(markup: str, frames: int = MAX_FRAMES) -> str:
    """Visible content text of ``markup``: one line per block, no empty lines, no chrome.

    Whitespace inside a line is collapsed to one space and lines are stripped; the text ends
    without a trailing newline. Never raises on malformed markup. A list of three items or more
    whose every item is only link text is a menu and dropped. An ``<iframe srcdoc>`` (a page
    that carries its document inside an inline frame) gives the text of its inner page in its
    place, ``frames`` levels deep at most; other frames are dropped.
    """
    root = LexborHTMLParser(cap_nesting(markup)).root
    if root is None:
        return ""
    out: list[str] = []
    stack = [_Frame("#document", False, False, 0)]
    in_pre = 0
    node: LexborNode | None = root
    while node is not None:
        descend = False
        if node.is_text_node:
            text = node.text_content or ""
            frame = stack[-1]
            if not frame.muted:
                out.append(text.replace("\n", _NEWLINE) if in_pre else text)
            if text.strip():
                frame.loose = frame.has_text = True
        elif node.is_element_node:
            tag = node.tag or ""
            if tag.startswith(_FLAT):
                tag = tag[len(_FLAT) :]
            if tag == "iframe" and frames > 0 and not stack[-1].muted:
                inner = str((node.attributes or {}).get("srcdoc") or "")
                if inner.strip():
                    text = html_to_text(inner, frames - 1).replace("\n", _NEWLINE)
                    out.append(_NEWLINE + text + _NEWLINE)
                    stack[-1].loose = stack[-1].has_text = True
            elif tag not in _DROP_TAGS:
                parent = stack[-1]
                muted = parent.muted or _is_chrome(node, tag)
                block = tag in _BLOCK_TAGS
                frame = _Frame(tag, block, muted, len(out))
                stack.append(frame)
                if block and not muted:
                    out.append(_NEWLINE)
                if tag == "tr" and not muted:
                    out.append(_ROW_OPEN)
                elif tag == "ol":
                    start = str((node.attributes or {}).get("start") or "1").strip()
                    frame.first = int(start) if start.isdigit() and len(start) <= 4 else 1
                elif tag in _BOLD_TAGS:
                    frame.lead = parent.block and not parent.has_text
                elif tag in _CELL_TAGS:
                    frame.columns = _span(node, "colspan")
                    frame.rows = _span(node, "rowspan")
                in_pre += tag in _PRE_TAGS
                descend = True
        if descend and node.child is not None:
            node = node.child
            continue
        if descend:  # an element without children closes at once
            in_pre = _close(stack, out, in_pre)
        # climb until a next sibling exists, closing the elements left behind
        while node is not None and node.next is None:
            node = node.parent
            if node is None or len(stack) == 1:
                node = None
                break
            in_pre = _close(stack, out, in_pre)
        if node is not None:
            node = node.next
    lines = []
    text = _unmark("".join(out))  # a row or cell outside any table
    for line in text.replace("\r", "\n").replace("\n", " ").split(_NEWLINE):
        line = _SPACES.sub(" ", line).strip(" \u3000")
        if line:
            lines.append(line)
    return "\n".join(lines)


def _unmark(text: str) -> str:
    """``text`` without the marks of a table's structure (each mark one space)."""
    return _SPAN_MARK.sub("", text).translate(_STRAY_MARKS)


def _span(node: LexborNode, attribute: str) -> int:
    value = str((node.attributes or {}).get(attribute) or "1").strip()
    return min(int(value), _MAX_COLSPAN) if value.isdigit() and int(value) > 0 else 1


def _grid(rows: list[list[str]]) -> list[list[str | None]]:
    """Rows of cells as marked (a cell spanning rows ends in its count) → rows of a grid, where
    ``None`` stands in each row below a cell spanning rows, in its column."""
    pending: dict[int, int] = {}  # column → rows still covered by a cell above
    out: list[list[str | None]] = []
    for cells in rows:
        row: list[str | None] = []
        for cell in cells:
            while pending.get(len(row), 0) > 0:
                pending[len(row)] -= 1
                row.append(None)
            m = _SPANNED.search(cell)
            if m:
                pending[len(row)] = int(m.group(1)) - 1
                cell = cell[: m.start()]
            row.append(cell)
        while pending.get(len(row), 0) > 0:  # covered columns at the end of the row
            pending[len(row)] -= 1
            row.append(None)
        out.append(row)
    return out


def _table_text(markup: str) -> str:
    """The text emitted inside a ``<table>`` (rows and cells marked) → its lines, written by
    :func:`loaders.tables.table_lines`; text outside the rows (a caption) stays as it is. A
    table laying out a page (a cell holding more than :data:`_LAYOUT_BLOCKS` blocks or
    :data:`_LAYOUT_CHARS` characters) keeps its blocks as lines and its cells one space apart."""
    for m in _ROW.finditer(markup):
        for cell in m.group(1).split(_CELL_END):
            blocks = [b for b in cell.split(_NEWLINE) if b.strip()]
            if len(blocks) > _LAYOUT_BLOCKS or sum(map(len, blocks)) > _LAYOUT_CHARS:
                return _unmark(markup)
    pieces, rows, last = [], [], 0

    def flush() -> None:
        if rows:
            pieces.append(_NEWLINE + _NEWLINE.join(table_lines(_grid(rows))) + _NEWLINE)
            rows.clear()

    for m in _ROW.finditer(markup):
        between = markup[last:m.start()]
        if between.strip(_NEWLINE + " \t\r\n"):
            flush()
            pieces.append(between)
        cells = m.group(1).split(_CELL_END)
        if len(cells) > 1:
            rows.append([_SPACES.sub(" ", c.replace(_NEWLINE, " ").replace("\n", " ")).strip()
                         for c in cells[:-1]])
        last = m.end()
    flush()
    pieces.append(markup[last:])
    return _unmark("".join(pieces))


def _mark_item(out: list[str], frame: _Frame, marker: str) -> None:
    """A list item gets the marker a browser draws before it (``3.`` in an ``<ol>``, ``•`` in a
    ``<ul>``: the numbering reads bullets as items in their order), unless its text starts with a
    number of its own (``1．…``, ``（一）…``, ``第一条…``: any numbering style)."""
    if number_at(_unmark("".join(out[frame.mark + 1 :])).replace(_NEWLINE, " "), 0) is not None:
        return
    out.insert(frame.mark + 1, marker + " ")


def _close(stack: list[_Frame], out: list[str], in_pre: int) -> int:
    """Close the innermost open element: drop it if it is a menu, else emit its boundary."""
    frame = stack.pop()
    parent = stack[-1]
    if frame.tag == "a":
        frame.loose = False
    if frame.tag == "li" and parent.tag in ("ul", "ol"):
        parent.items += 1
        parent.all_links &= frame.has_text and not frame.loose
        if parent.tag == "ol" and not frame.muted:
            _mark_item(out, frame, f"{parent.first + parent.items - 1}.")
        elif parent.tag == "ul" and not frame.muted and frame.loose:
            _mark_item(out, frame, BULLET)  # (an item that is only a link, 相关文件, gets none)
    if frame.tag in ("ul", "ol") and frame.items >= 3 and frame.all_links:
        del out[frame.mark :]
    elif not frame.muted:
        if frame.tag == "tr":
            out.append(_ROW_CLOSE)
        elif frame.tag == "table":
            out[frame.mark:] = [_table_text("".join(out[frame.mark:]))]
        if frame.block:
            out.append(_NEWLINE)
        elif frame.lead and LEAD_HEADING.fullmatch(_SPACES.sub("", "".join(out[frame.mark :]))):
            out.append(_NEWLINE)  # <p><b>支持技术改造。</b>对…: the lead heads its paragraph
        elif frame.tag in _CELL_TAGS:
            if frame.rows > 1:
                out.append(f"{_ROWSPAN}{frame.rows}{_ROWSPAN}")
            out.append(_CELL_END * frame.columns)
    parent.loose |= frame.loose
    parent.has_text |= frame.has_text
    return in_pre - (frame.tag in _PRE_TAGS)
