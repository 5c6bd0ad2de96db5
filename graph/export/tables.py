"""Tidy tables of a built graph for people who think in rows: Parquet and CSV, with a data
dictionary.

Each table is one SPARQL query over the store, ``graph/export/sparql/<table>.rq``; its comment
header is the table's entry in the data dictionary::

    # title: Funding offers
    # description: One row per funding offer …
    # order: document, measure_ordinal, offer
    # column: amount_cny | decimal | CNY | The headline amount in yuan …

A ``column`` line is ``name | type | unit | meaning`` (``-`` = no unit) and the query selects
exactly those variables, in that order. Types: ``iri``, ``text``, ``code`` (an ontology
individual written in snake_case: ``pol:PerYear`` → ``per_year``), ``text list`` (the query
joins the values with U+001F; they are written sorted), ``integer``, ``decimal``, ``date`` and
``boolean``. Rows are sorted by the ``order`` columns (IRIs and numbers in natural order, so
``measure/2`` comes before ``measure/10``), then by every column, so the same graph gives
byte-identical files whichever store answered.

Contract: :func:`collect` runs the queries through a caller's ``run(sparql) -> Rows`` (the
caller applies its deadline and safety checks); :func:`write_tables` writes
``<table>.parquet``, ``<table>.csv``, ``dictionary.csv`` and ``README.md`` into a folder built
aside and swapped in by renames. CSV is UTF-8, RFC 4180, with every text cell a spreadsheet
would run as a formula neutralised by ``queries/cells.py``; a decimal keeps the graph's exact
figure in CSV and has six decimal places in Parquet (``decimal128(38, 6)``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from policykg.queries.catalog import header_fields
from policykg.queries.cells import neutralise_cell
from policykg.store.base import Rows
from policykg.store.paths import atomic_dir, atomic_write_bytes

TABLES = ("documents", "measures", "offers", "categories", "agencies", "supersession", "claims")
TYPES = ("iri", "text", "code", "text list", "integer", "decimal", "date", "boolean")
LIST_SEPARATOR = "\u001f"  # what the queries' GROUP_CONCAT joins with
CSV_LIST_SEPARATOR = "; "  # how a text list is written in a CSV cell
DECIMAL_SCALE = 6
MARKER = ".policykg-tables"
_SPARQL = "sparql"


class TablesError(ValueError):
    """A table query's header or answer is not what the table needs; ``str`` is one sentence."""


@dataclass(frozen=True)
class Column:
    """One column: its name (= the query's variable), type, unit (``""`` = none) and meaning."""

    name: str
    type: str
    unit: str
    meaning: str


@dataclass(frozen=True)
class TableSpec:
    """One table: its query text and the dictionary entry read from the query's header."""

    name: str
    title: str
    description: str
    order: tuple[str, ...]
    columns: tuple[Column, ...]
    sparql: str

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def parse_spec(name: str, text: str) -> TableSpec:
    """The :class:`TableSpec` of a table query's text (TablesError when the header is wrong)."""
    title, description, order, columns = "", [], (), []
    for key, value in header_fields(text):
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        elif key == "order":
            order = tuple(v.strip() for v in value.split(",") if v.strip())
        elif key == "column":
            parts = [p.strip() for p in value.split("|", 3)]
            if len(parts) != 4 or parts[1] not in TYPES:
                raise TablesError(f"table {name}: a column line needs 'name | type | unit | "
                                  f"meaning' with a type among {', '.join(TYPES)}: {value!r}.")
            cname, ctype, unit, meaning = parts
            columns.append(Column(cname, ctype, "" if unit == "-" else unit, meaning))
    names = [c.name for c in columns]
    if not columns or len(set(names)) != len(names):
        raise TablesError(f"table {name}: the header must declare each column once.")
    unknown = [o for o in order if o not in names]
    if unknown:
        raise TablesError(f"table {name}: order names unknown columns {', '.join(unknown)}.")
    return TableSpec(name, title, " ".join(description), order, tuple(columns), text)


def specs() -> list[TableSpec]:
    """Every table, in :data:`TABLES` order, read from the packaged queries."""
    folder = resources.files("policykg.graph.export").joinpath(_SPARQL)
    return [parse_spec(n, folder.joinpath(f"{n}.rq").read_text("utf-8")) for n in TABLES]


# ------------------------------------------------------------------ values


def _snake(local: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local).lower()


def convert(value: Any, column: Column) -> Any:
    """The Python value of an answer term for ``column`` (None when unbound or empty)."""
    if value is None:
        return [] if column.type == "text list" else None
    text = str(value)
    kind = column.type
    if kind == "text list":
        return sorted({v for v in text.split(LIST_SEPARATOR) if v})
    if text == "" and kind not in ("text", "iri"):
        return None
    if kind == "code":
        return _snake(text.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    if kind == "integer":
        return int(Decimal(text))
    if kind == "decimal":
        return Decimal(text)
    if kind == "date":
        return dt.date.fromisoformat(text[:10])
    if kind == "boolean":
        return text.strip().lower() in ("true", "1")
    return text


_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _DIGITS.split(text) if p)


def _sort_key(value: Any) -> tuple:
    if value is None or value == []:
        return (0,)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, Decimal)):
        return (2, value)
    if isinstance(value, dt.date):
        return (3, value.toordinal())
    if isinstance(value, list):
        return (4, tuple(_natural(v) for v in value))
    return (5, _natural(str(value)))


def table_rows(spec: TableSpec, rows: Rows) -> list[dict[str, Any]]:
    """Typed rows of ``spec`` from a query answer, de-duplicated and in the table's order."""
    missing = [c for c in spec.names if c not in rows.variables]
    if missing:
        raise TablesError(f"table {spec.name}: the query does not select {', '.join(missing)}.")
    typed = [{c.name: convert(r.get(c.name), c) for c in spec.columns} for r in rows]
    unique: dict[str, dict[str, Any]] = {}
    for row in typed:
        unique.setdefault(repr([row[n] for n in spec.names]), row)
    keys = [*spec.order, *spec.names]
    return sorted(unique.values(), key=lambda r: tuple(_sort_key(r[k]) for k in keys))


def collect(run: Callable[[str], Rows], tables: Iterable[TableSpec] | None = None,
            ) -> dict[str, tuple[TableSpec, list[dict[str, Any]]]]:
    """Run each table's query with ``run`` and type, de-duplicate and sort its rows."""
    out = {}
    for spec in (specs() if tables is None else tables):
        out[spec.name] = (spec, table_rows(spec, run(spec.sparql)))
    return out


# ------------------------------------------------------------------ CSV


def _decimal_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def csv_cell(value: Any, column: Column) -> str:
    """The CSV text of a typed value (formula triggers neutralised; numbers stay numbers)."""
    if value is None:
        return ""
    if column.type == "text list":
        return neutralise_cell(CSV_LIST_SEPARATOR.join(value), numeric=False)
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "decimal":
        return _decimal_text(value)
    if column.type == "integer":
        return str(value)
    if column.type == "date":
        return value.isoformat()
    return neutralise_cell(str(value), numeric=False)


def csv_bytes(spec: TableSpec, rows: Sequence[dict[str, Any]]) -> bytes:
    """The table as UTF-8 CSV (header line of column names, ``\\r\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(spec.names)
    for row in rows:
        writer.writerow([csv_cell(row[c.name], c) for c in spec.columns])
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------------ Parquet


def arrow_type(column: Column):
    """The Arrow type of a column."""
    import pyarrow as pa

    return {
        "iri": pa.string(), "text": pa.string(), "code": pa.string(),
        "text list": pa.list_(pa.string()), "integer": pa.int64(),
        "decimal": pa.decimal128(38, DECIMAL_SCALE), "date": pa.date32(), "boolean": pa.bool_(),
    }[column.type]


_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)


def parquet_bytes(spec: TableSpec, rows: Sequence[dict[str, Any]]) -> bytes:
    """The table as Parquet bytes (one row group, Snappy, the same bytes for the same rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = []
    for column in spec.columns:
        values = [row[column.name] for row in rows]
        if column.type == "decimal":
            values = [None if v is None else v.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
                      for v in values]
        arrays.append(pa.array(values, type=arrow_type(column)))
    schema = pa.schema([pa.field(c.name, arrow_type(c)) for c in spec.columns])
    table = pa.Table.from_arrays(arrays, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="snappy", row_group_size=max(1, len(rows)))
    return sink.getvalue().to_pybytes()


# ------------------------------------------------------------------ dictionary

PARQUET_TYPES = {
    "iri": "string", "text": "string", "code": "string", "text list": "list<string>",
    "integer": "int64", "decimal": f"decimal(38,{DECIMAL_SCALE})", "date": "date32",
    "boolean": "bool",
}
_DICT_HEADER = ("table", "column", "type", "parquet_type", "unit", "meaning")


def dictionary_csv(tables: Sequence[TableSpec]) -> bytes:
    """``dictionary.csv``: one row per table and column."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(_DICT_HEADER)
    for spec in tables:
        for c in spec.columns:
            writer.writerow([spec.name, c.name, c.type, PARQUET_TYPES[c.type], c.unit,
                             neutralise_cell(c.meaning)])
    return buf.getvalue().encode("utf-8")


DICTIONARY_INTRO = """# policykg tables — data dictionary

Tidy tables of a policykg knowledge graph, written by `policykg tables`: one file per table in
Parquet (`<table>.parquet`) and CSV (`<table>.csv`), the same rows in the same order. The same
graph always gives byte-identical files (with the same pyarrow version). `dictionary.csv` holds
this dictionary as a table.

- **Keys.** `document` (an IRI) joins every table to `documents`; a measure is
  `(document, ordinal)` in `measures` and `(document, measure_ordinal)` elsewhere.
- **Money** is in yuan (CNY) as the graph states it (`最高800万元` → 8000000). CSV keeps the exact
  figure; Parquet stores `decimal(38,6)`. A threshold is never an amount paid.
- **Shares** of a cost are percentages (`cost_share_pct` 30 = 30%); a claim's `share` is a
  fraction (0.3), as the report framed it.
- **Lists** (`text list`) are Parquet `list<string>` and, in CSV, the values joined by `; `,
  sorted.
- **Empty** cells are unknown or not stated, never zero.
- **CSV** is UTF-8 without a byte-order mark, RFC 4180 quoting, CRLF line ends; a text cell
  that a spreadsheet would run as a formula (starting with `= + - @`) begins with `'`.
  In Excel use Data › From Text/CSV and choose UTF-8.
- **Labels** are the preferred names in simplified Chinese (`label_en` in English where
  known); IRIs are the graph's own, the same as in SPARQL and on the linked-data site.

Example (DuckDB): `SELECT number, measure_ordinal, role, amount_cny FROM 'offers.parquet'
WHERE role = 'cap' ORDER BY amount_cny DESC;`
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def dictionary_markdown(tables: Sequence[TableSpec], counts: dict[str, int]) -> bytes:
    """``README.md``: what every table and column means, with row counts."""
    parts = [DICTIONARY_INTRO]
    for spec in tables:
        parts.append(f"\n## {spec.name} — {spec.title}\n\n{spec.description}\n\n"
                     f"Rows: {counts.get(spec.name, 0)}. Sorted by "
                     f"{', '.join(spec.order) or 'every column'}.\n\n"
                     "| column | type | unit | meaning |\n|---|---|---|---|\n")
        parts.append("".join(f"| `{c.name}` | {c.type} | {_md(c.unit) or '—'} | "
                             f"{_md(c.meaning)} |\n" for c in spec.columns))
    return "".join(parts).encode("utf-8")


# ------------------------------------------------------------------ writing


def write_tables(out: Path, collected: dict[str, tuple[TableSpec, list[dict[str, Any]]]],
                 ) -> list[str]:
    """Write every table (Parquet + CSV) and the dictionary into ``out``, atomically; the file
    names written, sorted."""
    names: list[str] = []

    def fill(root: Path) -> None:
        atomic_write_bytes(root / MARKER, b"written by policykg tables; safe to replace\n")
        tables = [spec for spec, _ in collected.values()]
        for spec, rows in collected.values():
            atomic_write_bytes(root / f"{spec.name}.parquet", parquet_bytes(spec, rows))
            atomic_write_bytes(root / f"{spec.name}.csv", csv_bytes(spec, rows))
            names.extend([f"{spec.name}.parquet", f"{spec.name}.csv"])
        atomic_write_bytes(root / "dictionary.csv", dictionary_csv(tables))
        counts = {name: len(rows) for name, (_, rows) in collected.items()}
        atomic_write_bytes(root / "README.md", dictionary_markdown(tables, counts))
        names.extend(["dictionary.csv", "README.md"])

    atomic_dir(out, fill)
    return sorted(names)
