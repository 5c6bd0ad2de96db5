"""``policykg inspect FILE [--json]`` on the seeds and on bad input (run as a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seed_file


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policykg", "inspect", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def seed_001_text() -> str:
    proc = run(str(seed_file("001")))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_inspect_001_prints_header_and_measures(seed_001_text: str) -> None:
    out = seed_001_text
    assert "粤府办〔2025〕6号" in out
    assert "2025-03-09" in out and "2027-12-31" in out
    assert "广东省人民政府办公厅" in out
    assert "Measures:      12" in out
    assert "Measure 10 (十、) 推进标准体系建设" in out
    # each clause: role, value and the quoted original (traditional script) span
    assert "threshold" in out and "100,000,000 元" in out and "「1億元」" in out
    assert "level International" in out and "level Provincial" in out
    assert "「800萬元」" in out


def test_inspect_003_text() -> None:
    proc = run(str(seed_file("003")))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "穗开经信规字〔2025〕7号" in out
    assert "2028-06-26" in out
    assert "Published:     2025-06-30 17:46:52" in out
    assert "Measure 15 (第十五条) 附则" in out
    assert "unit_rate" in out and "unit_step" in out
    assert "广州市黄埔区工业和信息化局" in out
    assert "穗埔工信规字〔2024〕2号" in out


def test_inspect_json_parses_and_matches(tmp_path: Path) -> None:
    proc = run(str(seed_file("003")), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["kind"] == "OfficialDocument"
    record = data["record"]
    assert record["number"] == "穗开经信规字〔2025〕7号"
    assert record["date_issued"] == "2025-06-27"
    assert len(record["measures"]) == 15
    amounts = [(a["value"], a["role"]) for a in record["measures"][6]["amounts"]]
    assert ("30000", "unit_rate") in amounts and ("10000000", "unit_step") in amounts
    span = record["number_span"]
    text = seed_file("003").read_text("utf-8")
    assert text[span["start"] : span["end"]] == span["text"]
    # deterministic: the same input gives the same bytes
    assert run(str(seed_file("003")), "--json").stdout == proc.stdout


def test_inspect_a_report_seed() -> None:
    proc = run(str(seed_file("000")))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_inspect_missing_file_is_one_sentence(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "missing.txt" in proc.stderr


def test_inspect_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    proc = run(str(path))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


NOTICE = ("上海市奉贤区人民政府关于印发节能改造扶持办法的通知\n奉府发〔2024〕3号\n"
          "现将《节能改造扶持办法》印发给你们，请认真按照执行。\n"
          "一、鼓励节能改造。按投资额的30%给予补贴，最高不超过50万元。（责任单位：区发展改革委；配合单位：區財政局）\n"
          "二、支持绿色建材。给予一次性奖励10万元。（牵头单位：区府办）\n"
          "上海市奉贤区人民政府\n2024年5月6日\n")


def test_inspect_shows_each_agency_as_written_its_label_concept_and_resolution(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    proc = run(str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)["record"]
    first = record["measures"][0]
    (lead,) = first["responsible"]
    assert {k: lead[k] for k in ("name", "label", "concept", "resolved")} == {
        "name": "区发展改革委", "label": "上海市奉贤区发展和改革委员会", "concept": None,
        "resolved": False}
    assert lead["jurisdiction"].endswith("/area/shanghai-fengxian")
    (support,) = first["cooperating"]
    assert (support["name"], support["label"]) == ("區財政局", "上海市奉贤区财政局")
    proc = run(str(seed_file("001")), "--json")
    issuer = json.loads(proc.stdout)["record"]["issuers"][0]
    assert issuer["label"] == "广东省人民政府办公厅" and issuer["resolved"] is True
    assert issuer["concept"].endswith("/agency/guang-dong-sheng-ren-min-zheng-fu-ban-gong-ting")
    text = run(str(path)).stdout
    assert "上海市奉贤区发展和改革委员会 (written 区发展改革委) (unresolved)" in text
    assert "上海市奉贤区人民政府办公室 (written 区府办) (unresolved)" in text
