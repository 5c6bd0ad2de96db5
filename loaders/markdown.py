"""Markdown files → the text the loaders parse, and the metadata of their YAML front matter.

:func:`read_markdown` takes decoded Markdown and gives plain lines as a reader sees them: the
front matter (``---`` … ``---`` at the top) becomes :attr:`Extracted.metadata`; headings lose
their ``#``; list items keep their marker (``-``, ``1.``), an ordered list's items numbered as a
reader sees them rendered (``1.`` typed on every item gives 1., 2., 3.), so numbered measures
keep their numbers; emphasis, links and inline code keep their text only; a table gives one line per
row, written by :mod:`loaders.tables` as its prose twin would be; code blocks keep their
lines; HTML comments are dropped and other HTML is reduced like a web page. Line breaks inside a
paragraph stay line breaks (policy texts in Markdown put one clause per line), and a blank line
between two blocks of the source stays a blank line.

The Markdown is parsed by markdown-it-py (CommonMark, with its table rule). Front matter is read
with PyYAML's safe loader; front matter that is not a YAML mapping is ignored with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.metadata import PackageNotFoundError, version

from .fileformat import MARKDOWN, Extracted
from .html import LEAD_HEADING, html_to_text
from .records import Warning_
from .tables import table_lines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)


def reader_name() -> str:
    """``markdown-it-py <version>``: the library that parses Markdown."""
    try:
        return f"markdown-it-py {version('markdown-it-py')}"
    except PackageNotFoundError:  # pragma: no cover - installed with policykg
        return "markdown-it-py"


def front_matter(text: str, name: str) -> tuple[dict[str, str] | None, str, list[Warning_]]:
    """Split ``text`` into (metadata, body, warnings); metadata values are strings (dates ISO)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text, []
    import yaml

    body = text[m.end():]
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return None, body, [Warning_("front-matter", (
            f"the front matter of {name} is not valid YAML{where}; it was ignored."), 1)]
    if not isinstance(data, dict):
        return None, body, [Warning_("front-matter", (
            f"the front matter of {name} is not a list of 'key: value' lines; it was ignored."),
            1)]
    meta = {}
    for key, value in data.items():
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value)
        elif value is None or isinstance(value, dict):
            continue
        meta[str(key)] = str(value)
    return meta, body, []


def _bold_lead_end(children: list) -> int | None:
    """The index of the ``strong_close`` ending a bold lead heading the paragraph
    (``**支持技术改造。** 对…``) when text follows it, else None."""
    first = next((k for k, c in enumerate(children)
                  if not (c.type == "text" and not c.content.strip())), None)
    if first is None or children[first].type != "strong_open":
        return None
    close = next((k for k, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None or close + 1 >= len(children):
        return None
    lead = "".join(c.content for c in children[first:close] if c.type == "text").strip()
    rest = "".join(c.content for c in children[close + 1 :] if c.type == "text").strip()
    return close if LEAD_HEADING.fullmatch(lead) and len(rest) > len(lead) else None


def _inline(token) -> str:
    """The text of an inline token: words of links and emphasis, code, line breaks; a bold lead
    heading its paragraph (``**支持技术改造。** 对…``) on a line of its own, as a heading."""
    out = []
    children = list(token.children or ())
    lead_end = _bold_lead_end(children)
    for k, child in enumerate(children):
        kind = child.type
        if k == lead_end:
            out.append("\n")
        elif kind == "text" and k - 1 == lead_end and lead_end is not None:
            out.append(child.content.lstrip())
        elif kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "html_inline" and _BR.fullmatch(child.content.strip()):
            out.append("\n")
        elif kind == "image":
            out.append("")
    return "".join(out)


def render(body: str) -> str:
    """Plain lines of the Markdown ``body`` (see the module docstring)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    blocks: list[tuple[int, int, str]] = []  # (first source line, end line, text)
    prefix = ""
    row: list[str] | None = None
    table: list[list[str]] = []
    table_map: list[int] | None = None
    numbers: list[int] = []  # the next number of each open ordered list
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            table, table_map = [], token.map
        elif kind == "table_close":
            start, end = table_map or (blocks[-1][1] if blocks else 0, 0)
            blocks.append((start, end, "\n".join(table_lines(table))))
        elif kind == "ordered_list_open":
            start = token.attrGet("start")
            numbers.append(int(start) if start is not None else 1)
        elif kind == "ordered_list_close":
            numbers.pop()
        elif kind == "list_item_open":
            marker = token.markup or "-"
            if token.info and numbers:  # numbered as a reader sees it: 1. 1. 1. → 1. 2. 3.
                prefix = f"{numbers[-1]}{marker} "
                numbers[-1] += 1
            else:
                prefix = f"{token.info}{marker} " if token.info else f"{marker} "
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and row is not None:
            row.append(" ".join(_inline(token).split()))
        elif kind == "tr_close" and row is not None:
            table.append(row)
            row = None
        elif kind == "inline":
            start, end = token.map or (0, 0)
            blocks.append((start, end, prefix + _inline(token)))
            prefix = ""
        elif kind in ("fence", "code_block"):
            start, end = token.map or (0, 0)
            blocks.append((start, end, token.content.rstrip("\n")))
        elif kind == "html_block":
            start, end = token.map or (0, 0)
            html = _COMMENT.sub("", token.content)
            if html.strip():
                blocks.append((start, end, html_to_text(html)))
    lines: list[str] = []
    previous_end = None
    for start, end, text in blocks:
        if previous_end is not None and start > previous_end and lines and lines[-1]:
            lines.append("")  # a blank line in the source between two blocks
        lines.append(text)
        previous_end = max(end, start + 1)
    return "\n".join(lines).strip("\n")


def read_markdown(text: str, name: str) -> Extracted:
    """The text and front-matter metadata of the Markdown ``text`` (already decoded)."""
    meta, body, warnings = front_matter(text.lstrip("\ufeff"), name)
    return Extracted(text=render(body), media_type=MARKDOWN, reader=reader_name(),
                     metadata=meta, warnings=warnings)
