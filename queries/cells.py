"""CSV cells that a spreadsheet will never run as a formula (CSV/formula injection).

Contract: :func:`neutralise_cell` returns text unchanged unless it starts with a character
that Excel, LibreOffice or Google Sheets treat as the start of a formula or command
(``= + - @``, tab, carriage return, line feed, and their full-width forms); such text gets a
leading apostrophe. Plain numbers (``-5``, ``+3.2``) are left as they are so figures stay
numeric; a caller that knows a cell's type (a typed RDF literal) says so instead. :func:`csv_text`
writes rows with every string cell neutralised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: str, numeric: bool | None = None) -> str:
    """``value`` made safe to open in a spreadsheet (prefix ``'`` before a formula trigger).

    ``numeric`` says whether the cell is a number (left as it is); None decides from the text.
    """
    if not value:
        return value
    stripped = value.lstrip(" \u3000")
    if numeric is None:
        numeric = bool(_NUMBER.fullmatch(stripped))
    if stripped[:1] in _TRIGGERS and not numeric:
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180 quoting, ``\\r\\n`` line ends) with every cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([neutralise_cell(str(h)) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise_cell(str(v)) for v in row])
    return buf.getvalue()
