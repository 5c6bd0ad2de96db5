"""Where a SPARQL query's outermost group pattern opens: the place a VALUES block can go."""

from __future__ import annotations

import re

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def outermost_group_start(text: str) -> int:
    """Offset just after the ``{`` opening the outermost group pattern of a query, -1 if none.

    Comments, strings and IRIs are skipped; braces inside parentheses (``EXISTS { }`` in a
    projection) are not taken.
    """
    i, n, parens = 0, len(text), 0
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                j += 1
            i = j + len(quote)
            continue
        if c == "<":
            m = _IRI.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "(":
            parens += 1
        elif c == ")":
            parens = max(0, parens - 1)
        elif c == "{" and parens == 0:
            return i + 1
        i += 1
    return -1
