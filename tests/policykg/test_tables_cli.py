"""``policykg tables`` on the command line: bad OUT folders and inputs get one sentence and exit 2;
a spreadsheet never runs a label as a formula; the Python API writes the same files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from policykg import api
from policykg.cli import main

pytest.importorskip("pyarrow")

MINI = Path(__file__).resolve().parents[1] / "graph" / "fixtures" / "mini.trig"
FORMULA = "=cmd|' /C calc'!A0"  # the English label of the mini graph's issuing agency


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_out_that_is_a_file_is_refused_in_one_sentence(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tables"
    out.write_text("my notes\n", encoding="utf-8")
    assert main(["tables", str(out), "--graph", str(MINI)]) == 2
    line = _one_sentence(capsys.readouterr().err)
    assert line.startswith("policykg tables: OUT ") and "is a file" in line
    assert out.read_text("utf-8") == "my notes\n"


def test_out_inside_a_file_is_refused(tmp_path: Path, capsys) -> None:
    parent = tmp_path / "file.txt"
    parent.write_text("x", encoding="utf-8")
    assert main(["tables", str(parent / "tables"), "--graph", str(MINI)]) == 2
    assert "is a file" in _one_sentence(capsys.readouterr().err)


def test_a_folder_it_did_not_write_is_left_alone(tmp_path: Path, capsys) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    assert main(["tables", str(out), "--graph", str(MINI)]) == 2
    assert "was not written by policykg tables" in _one_sentence(capsys.readouterr().err)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_a_missing_graph_is_one_sentence(tmp_path: Path, capsys) -> None:
    assert main(["tables", str(tmp_path / "t"), "--graph", str(tmp_path / "nope.trig")]) == 2
    _one_sentence(capsys.readouterr().err)
    assert not (tmp_path / "t").exists()


def test_formula_labels_are_neutralised_and_the_api_writes_the_same_files(tmp_path: Path,
                                                                          capsys) -> None:
    out = tmp_path / "cli"
    assert main(["tables", str(out), "--graph", str(MINI)]) == 0
    assert "wrote 16 files" in capsys.readouterr().out
    [row] = csv.DictReader(io.StringIO((out / "agencies.csv").read_text("utf-8")))
    assert (row["role"], row["label"], row["label_en"]) == ("issuer", "测试省人民政府",
                                                            "'" + FORMULA)
    counts = api.tables(tmp_path / "api", graph=MINI)
    assert counts["documents"] == 1
    for path in sorted(out.iterdir()):
        assert (tmp_path / "api" / path.name).read_bytes() == path.read_bytes(), path.name
