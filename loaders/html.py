"""Scraped web pages reduced to plain text: content kept, page chrome dropped, blocks as lines.

``html_to_text`` drops scripts, styles, ``<nav>``/``<header>``/``<footer>``/``<noscript>`` and
elements whose id/class/role obviously mark navigation (menus, breadcrumbs, share bars), then
emits one line per block element (``p``, ``div``, ``br``, ``li``, ``tr``, headings…), table cells
separated by a space. The result is the ``Source.text`` of an HTML source: every span of an
HTML document points into this text, not into the markup.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "template",
    "svg", "canvas", "button", "select", "object", "embed",
)  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2",
    "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dd", "dt", "dl",
    "title", "main", "aside", "figure", "figcaption", "caption", "hr", "address", "center",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
# id/class tokens that obviously mark page chrome rather than content
_CHROME = re.compile(
    r"^(?:nav|navbar|navigation|nav[-_].*|.*[-_]nav|menu|.*[-_]?menu|submenu|breadcrumbs?|"
    r"crumbs?|.*breadcrumb.*|footer|.*[-_]footer|foot|header|site[-_]header|topbar|top[-_]bar|"
    r"sidebar|side[-_]bar|share|.*[-_]share|share[-_].*|bdsharebuttonbox|copyright|toolbar|"
    r"skip[-_]link|pagination|pager|position|location|dqwz|bottom|top|sitemap|friendlink|yqlj|"
    r"go[-_]?top|back[-_]?top|gotop)$",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2000-\u200a\u202f\u205f]+")
_NEWLINE = "\x00"  # marker for a block boundary while building the text


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: a doctype/html/body element, or it starts with a known tag."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return True
    if re.search(r"<(?:html|body)[\s>]", head):
        return True
    return bool(re.match(r"<(?:head|meta|div|p|table|section|article|h[1-6])[\s>/]", head))


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = tag.attrs or {}
    if str(attrs.get("role", "")).lower() in _CHROME_ROLES:
        return True
    tokens: list[str] = []
    classes = attrs.get("class") or []
    tokens.extend(classes if isinstance(classes, list) else str(classes).split())
    ident = attrs.get("id")
    if ident:
        tokens.append(str(ident))
    return any(_CHROME.match(tok) for tok in tokens)


def _is_link_list(tag: Tag) -> bool:
    """A list whose every item is only link text (three items or more): a menu."""
    if tag.name not in ("ul", "ol"):
        return False
    items = tag.find_all("li", recursive=False)
    if len(items) < 3:
        return False
    for li in items:
        text = li.get_text("", strip=True)
        link_text = "".join(a.get_text("", strip=True) for a in li.find_all("a"))
        if not text or text != link_text:
            return False
    return True


def html_to_text(markup: str) -> str:
    """Visible content text of ``markup``: one line per block, no empty lines, no chrome.

    Whitespace inside a line is collapsed to one space and lines are stripped; the text ends
    without a trailing newline. Never raises on malformed markup.
    """
    soup = BeautifulSoup(markup, "lxml")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if _is_chrome(tag) or _is_link_list(tag):
            tag.decompose()
    for pre in soup.find_all(["pre", "textarea"]):
        for string in pre.find_all(string=True):
            string.replace_with(str(string).replace("\n", _NEWLINE))
    for tag in soup.find_all(True):
        if tag.name in _BLOCK_TAGS:
            tag.insert_before(_NEWLINE)
            tag.insert_after(_NEWLINE)
        elif tag.name in _CELL_TAGS:
            tag.insert_after(" ")
    raw = soup.get_text("")
    lines = []
    for line in raw.replace("\r", "\n").replace("\n", " ").split(_NEWLINE):
        line = _SPACES.sub(" ", line).strip(" \u3000")
        if line:
            lines.append(line)
    return "\n".join(lines)
