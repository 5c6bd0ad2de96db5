"""``policykg validate``: exit codes, formats, and a report that names node, file and span."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from policykg.cli import main

from .conftest import FIXTURES

BROKEN = Path(__file__).resolve().parent / "cli" / "broken.trig"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_broken_graph_fails_with_node_file_and_span(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, str(BROKEN))
    assert code == 1, err
    assert out.splitlines()[0].startswith("SHACL validation: does NOT conform — 6 violation(s), 0 warning(s)")
    blocks = out.split("\n  • ")
    amount = next(b for b in blocks if "FundingInstrumentShape-maxAmount" in b)
    assert "示例算力券" in amount and "/measure/1/instrument/1>" in amount
    assert "value: -8000000" in amount  # canonical decimal form
    assert "file: 200_broken_example.txt" in amount
    assert "evidence [40–50]: 「最高800万元算力券」" in amount
    dates = next(b for b in blocks if "DocumentDatesShape-validFrom" in b)
    assert "示例市扶持措施" in dates and "file: 200_broken_example.txt" in dates
    assert "evidence [0–11]: 「示府办〔2025〕3号」" in dates
    cycle = [b for b in blocks if "repeals itself through a chain" in b]
    assert len(cycle) == 2
    assert any("file: 201_older_example.txt" in b and "「示府〔2019〕1号」" in b for b in cycle)
    order = next(b for b in blocks if "which was issued later" in b)
    assert "示例市旧措施" in order and "(2025-03-01 after 2019-05-01)" in order
    # grouped by shape: each node shape heads one group
    heads = [line for line in out.splitlines() if line.startswith("VIOLATION ")]
    assert heads == ["VIOLATION polsh:DocumentDatesShape — 2 finding(s)",
                     "VIOLATION polsh:FundingInstrumentShape — 1 finding(s)",
                     "VIOLATION polsh:RepealShape — 3 finding(s)"]


def test_json_and_turtle_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, str(BROKEN), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["conforms"] is False and data["violations"] == 6
    amount = next(r for r in data["results"] if r["source_shape"].endswith("-maxAmount"))
    assert amount["source_file"] == "200_broken_example.txt"
    assert (amount["evidence_start"], amount["evidence_end"]) == (40, 50)
    written = tmp_path / "validation.ttl"
    code, out, _ = _run(capsys, str(BROKEN), "--format", "ttl", "--output", str(written))
    assert code == 1
    report = Graph().parse(data=out, format="turtle")
    assert len(list(report.objects(None, SH.result))) == 6
    assert written.read_text(encoding="utf-8") == out


def test_conforming_graph_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(FIXTURES / "MeasureShape" / "conforms.ttl"))
    assert code == 0
    assert out.startswith("SHACL validation: conforms — 0 violation(s), 0 warning(s)")


def test_warnings_alone_still_conform(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(FIXTURES / "EvidenceShape" / "violates.ttl"))
    assert code == 0
    assert "conforms — 0 violation(s), 5 warning(s)" in out.splitlines()[0]


@pytest.mark.parametrize("name", ["missing.trig", "graph.csv"])
def test_usage_errors_exit_two_with_one_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 name: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n", encoding="utf-8")
    code, out, err = _run(capsys, str(path))
    assert code == 2 and out == ""
    assert err.startswith("policykg validate: ") and str(path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unparsable_graph_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle <", encoding="utf-8")
    code, _, err = _run(capsys, str(path))
    assert code == 2 and "not valid turtle" in err and "Traceback" not in err


def test_default_graph_is_build_policykg_trig(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys)
    assert code == 2 and "build/policykg.trig" in err and "policykg build" in err
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "policykg.trig").write_bytes(BROKEN.read_bytes())
    code, out, _ = _run(capsys)
    assert code == 1 and "6 violation(s)" in out
    code, out, _ = _run(capsys, str(tmp_path / "build"))  # a build folder names its policykg.trig
    assert code == 1 and "6 violation(s)" in out
