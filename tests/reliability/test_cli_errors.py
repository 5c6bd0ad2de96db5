"""CLI errors are one sentence naming the file or option, exit codes are documented (issue 11, item 3).

``policykg build`` exits 0 when every source loaded, 3 when some failed (or, with ``--strict``,
had warnings) and 2 on a usage error; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import main

from ..conftest import seed_file


def policykg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def one_sentence(stderr: str) -> str:
    """The single non-empty line of ``stderr`` (asserting there is exactly one, no traceback)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_missing_source_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    proc = policykg("build", str(missing), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert str(missing) in line and "does not exist" in line and "give" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_empty_folder_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("not a source", "utf-8")  # .md is a source now
    proc = policykg("build", str(empty), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    line = one_sentence(proc.stderr)
    assert str(empty) in line and ".txt" in line


def test_an_unknown_option_is_named(tmp_path: Path) -> None:
    proc = policykg("build", str(tmp_path), "--frobnicate", "3")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "--frobnicate" in proc.stderr.splitlines()[-1]


def test_out_being_a_file_is_named(tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", "utf-8")
    code = main(["build", str(seed_file("003")), "--out", str(target)])
    assert code == 2
    line = one_sentence(capsys.readouterr().err)
    assert f"--out {target}" in line and "folder" in line
    assert target.read_text("utf-8") == "keep me"


def test_debug_adds_the_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    plain = policykg("build", str(missing), "--out", str(tmp_path / "out"))
    debug = policykg("--debug", "build", str(missing), "--out", str(tmp_path / "out"))
    sub_debug = policykg("build", "--debug", str(missing), "--out", str(tmp_path / "out"))
    assert plain.returncode == debug.returncode == sub_debug.returncode == 2
    assert "Traceback" not in plain.stderr
    for proc in (debug, sub_debug):
        assert "Traceback (most recent call last)" in proc.stderr
        assert proc.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_an_internal_error_is_one_sentence_pointing_to_debug(tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    import policykg.graph.build.serial as build_module

    def broken(*args, **kwargs):
        raise RuntimeError("synthetic breakage")

    monkeypatch.setattr(build_module, "build", broken)
    code = main(["build", str(seed_file("003")), "--out", str(tmp_path / "out")])
    assert code == 1
    line = one_sentence(capsys.readouterr().err)
    assert "synthetic breakage" in line and "--debug" in line


def test_exit_codes_are_documented_in_help() -> None:
    for args in (["--help"], ["build", "--help"]):
        proc = policykg(*args)
        assert proc.returncode == 0
        text = proc.stdout
        assert "exit codes:" in text
        for code, phrase in (("0", "success"), ("2", "usage error"), ("3", "failed")):
            assert any(line.strip().startswith(code) and phrase in line
                       for line in text.splitlines()), (code, text)
    assert "--strict" in policykg("build", "--help").stdout


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Path:
    """An official seed that loads without warnings and a report seed that warns."""
    src = tmp_path_factory.mktemp("strict") / "src"
    src.mkdir()
    for prefix in ("003", "004"):
        shutil.copyfile(seed_file(prefix), src / seed_file(prefix).name)
    return src


def _report(out: Path) -> dict[str, dict]:
    data = json.loads((out / "report.json").read_text("utf-8"))
    return {Path(s["path"]).name: s for s in data["sources"]}


def graph_names(out: Path) -> set[str]:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return {g.value for g in store.named_graphs()}


def test_strict_turns_warnings_into_failures(two_sources: Path, tmp_path: Path) -> None:
    lenient, strict = tmp_path / "lenient", tmp_path / "strict"
    first = policykg("build", str(two_sources), "--out", str(lenient), "--quiet", "--no-validate")
    assert first.returncode == 0, first.stderr
    entries = _report(lenient)
    warned = {name for name, e in entries.items() if e["warnings"]}
    clean = {name for name, e in entries.items() if not e["warnings"]}
    assert warned and clean  # the fixture has both kinds, else the test proves nothing
    assert all(entries[name]["status"] == "ok" for name in entries)

    second = policykg("build", str(two_sources), "--out", str(strict), "--quiet", "--no-validate",
                      "--strict")
    assert second.returncode == 3
    strict_entries = _report(strict)
    for name in warned:
        entry = strict_entries[name]
        assert (entry["status"], entry["stage"], entry["graph"]) == ("failed", "strict", None)
        assert name in entry["error"] and "--strict" in entry["error"]
        assert "\n" not in entry["error"]
        assert f"failed: {entry['path']} (strict)" in second.stderr
        graph = entries[name]["graph"]
        assert graph in graph_names(lenient) and graph not in graph_names(strict)
    for name in clean:
        assert strict_entries[name]["status"] == "ok"
        assert strict_entries[name]["graph"] == entries[name]["graph"]
    assert json.loads((strict / "report.json").read_text("utf-8"))["exit_code"] == 3


def test_strict_is_refused_with_the_scaled_build(two_sources: Path, tmp_path: Path) -> None:
    proc = policykg("build", str(two_sources), "--out", str(tmp_path / "out"), "--strict",
                    "--jobs", "2")
    assert proc.returncode == 2
    assert "--strict" in one_sentence(proc.stderr)
