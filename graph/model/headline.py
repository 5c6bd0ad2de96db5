"""Short labels cut from long text: at the last sentence or clause end within the limit, else
at the last whole word or number, with an ellipsis.

Contract: :func:`shorten` returns ``text`` (whitespace collapsed) when it fits in ``limit``
characters; otherwise a prefix of it that ends at a sentence end (。！？.!?), a clause end
(；;：:，,、) or before a space or a change between CJK and Latin script, never inside a
number (``4.5``, ``1,200``) or a Latin word, followed by ``…``; at most ``limit`` characters.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
_SENTENCE = "。！？!?"
_CLAUSE = "；;：:，,、"
_WORDISH = re.compile(r"[0-9A-Za-z\u00C0-\u024F'’\-]")


def _in_number(text: str, i: int) -> bool:
    """True when the character at ``i`` (a '.' or ',') sits between two digits."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _cut_ok(text: str, end: int) -> bool:
    """True when ``text[:end]`` does not end inside a word or a number."""
    if end >= len(text) or text[end].isspace():
        return True
    before, after = text[end - 1], text[end]
    if before.isspace():
        return False  # the caller strips; a cut right after a space is a cut before a word
    if _WORDISH.match(before) and _WORDISH.match(after):
        return False
    if after in ".," and _in_number(text, end):
        return False
    return not (before in ".," and _in_number(text, end - 1))


def shorten(text: str, limit: int = 120) -> str:
    """``text`` fitted into ``limit`` characters, cut at a boundary (see module docstring)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[: room + 1]
    for marks in (_SENTENCE + ".", _CLAUSE):
        best = -1
        for i, ch in enumerate(head[:room]):
            if ch in marks and not _in_number(text, i) and (ch != "." or text[i + 1:i + 2] in (" ", "")):
                best = i
        if best >= room // 2:
            return text[: best + 1].rstrip(_CLAUSE) + ELLIPSIS
    for end in range(room, 0, -1):
        if _cut_ok(text, end):
            return text[:end].rstrip(" " + _CLAUSE) + ELLIPSIS
    return text[:room] + ELLIPSIS
