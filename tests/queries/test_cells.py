"""CSV cells never start a formula (``= + - @``, full-width forms, a leading tab or CR); numbers
and ordinary text stay as they are; query output to CSV uses the same rule."""

from __future__ import annotations

import csv
import io

import pytest

from policykg.queries.cells import csv_text, neutralise_cell

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
TRAVERSAL = "../../etc/passwd"


@pytest.mark.parametrize("text", [FORMULA, "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  "＝HYPERLINK(1)", " =1"])
def test_csv_cells_never_start_a_formula(text: str) -> None:
    safe = neutralise_cell(text)
    assert safe.startswith("'") and safe[1:] == text


@pytest.mark.parametrize("text", ["-5", "+3.25", "8000000", "测试省人民政府", TRAVERSAL, SCRIPT, ""])
def test_csv_leaves_numbers_and_ordinary_text(text: str) -> None:
    assert neutralise_cell(text) == text


def test_csv_text_round_trips_hostile_labels() -> None:
    text = csv_text(["label", "amount"], [[FORMULA, "8000000"], [SCRIPT, -5], [TRAVERSAL, None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + FORMULA, "8000000"]
    assert rows[2] == [SCRIPT, "-5"]
    assert rows[3] == [TRAVERSAL, ""]
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)




def test_query_csv_neutralises_full_width_and_line_feed_starts() -> None:
    # issue 21, item 6: the query path had its own rule, blind to ＝ ＋ － ＠ and a leading LF
    from rdflib import Literal
    from rdflib.namespace import XSD

    from policykg.queries.formats import render

    hostile = ["＝HYPERLINK(1)", "＋1", "－1", "＠SUM(A1)", "\n=1", "+1"]
    rows = [{"x": Literal(text)} for text in hostile] + [{"x": Literal("-5", datatype=XSD.decimal)}]
    cells = [row[0] for row in csv.reader(io.StringIO(render(rows, ["x"], "csv")))][1:]
    assert cells == ["'＝HYPERLINK(1)", "'＋1", "'－1", "'＠SUM(A1)", "'\n=1", "'+1", "-5"]
    lines = render(rows, ["x"], "tsv").splitlines()[1:]
    assert lines == ["'＝HYPERLINK(1)", "'＋1", "'－1", "'＠SUM(A1)", "'=1", "'+1", "-5"]
