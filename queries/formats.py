"""Render query rows as an aligned table, CSV, TSV, SPARQL JSON or a Markdown table.

Rows are ``dict[str, rdflib term | None]`` (see ``policykg.store.stores.Rows``). The table and
Markdown views shorten policykg IRIs to ``id:``/``pol:`` names; CSV/TSV/JSON keep full IRIs.
CSV and TSV cells that a spreadsheet would read as a formula get a leading ``'`` by the one rule
of ``queries/cells.py`` (``= + - @``, tab, CR, LF and their full-width forms); numbers, and
literals typed as numbers, stay as they are.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from policykg.queries.cells import neutralise_cell
from policykg.store.base import term_to_json

FORMATS = ("table", "csv", "tsv", "json", "md")
SHORT = (
    ("https://w3id.org/policykg/ontology#", "pol:"),
    ("https://w3id.org/policykg/id/", "id:"),
)
_NUMERIC = {str(XSD.decimal), str(XSD.integer), str(XSD.double), str(XSD.float)}


def cell(term: Node | None, short: bool = False) -> str:
    """The text shown for a term (IRIs optionally shortened)."""
    if term is None:
        return ""
    text = str(term)
    if short and isinstance(term, URIRef):
        for long, prefix in SHORT:
            if text.startswith(long):
                return prefix + text[len(long):]
    return text


def _is_number(term: Node | None) -> bool:
    if not isinstance(term, Literal) or term.datatype is None or str(term.datatype) not in _NUMERIC:
        return False
    try:
        float(str(term))
    except ValueError:
        return False
    return True


def spreadsheet_safe(text: str, term: Node | None = None) -> str:
    """Neutralise a cell a spreadsheet would evaluate (numbers are left alone)."""
    return neutralise_cell(text, numeric=_is_number(term))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _flat(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\n\r\t") else text


def render(rows: Sequence[dict[str, Node | None]], variables: Sequence[str], fmt: str) -> str:
    """The rows in one of :data:`FORMATS`, ending with a newline."""
    variables = list(variables)
    if fmt == "json":
        doc = {
            "head": {"vars": variables},
            "results": {"bindings": [
                {v: term_to_json(r[v]) for v in variables if r.get(v) is not None} for r in rows
            ]},
        }
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([spreadsheet_safe(v) for v in variables])
            for r in rows:
                writer.writerow([spreadsheet_safe(cell(r.get(v)), r.get(v)) for v in variables])
        else:
            out.write("\t".join(variables) + "\n")
            for r in rows:
                out.write("\t".join(spreadsheet_safe(_flat(cell(r.get(v))), r.get(v))
                                    for v in variables) + "\n")
        return out.getvalue()
    texts = [[_flat(cell(r.get(v), short=True)) for v in variables] for r in rows]
    numeric = [all(_is_number(r.get(v)) or r.get(v) is None for r in rows) and rows
               for v in variables]
    if fmt == "md":
        def esc(t: str) -> str:
            return t.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")

        lines = ["| " + " | ".join(esc(v) for v in variables) + " |",
                 "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(esc(t) for t in row) + " |" for row in texts]
        return "\n".join(lines) + "\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    widths = [max([_width(v)] + [_width(row[i]) for row in texts]) for i, v in enumerate(variables)]
    lines = ["  ".join(_pad(v, widths[i], bool(numeric[i])) for i, v in enumerate(variables)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in texts:
        lines.append("  ".join(_pad(t, widths[i], bool(numeric[i]))
                               for i, t in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"
