"""Nothing is skipped without a line in report.json (issue 21, items 7 and 11): a link to a
file already read, an unreadable folder, a dangling link, a FIFO, hidden entries, the build's
own outputs and whatever ``policykg export`` wrote inside the source tree are each listed with
their reason; a FIFO named on the command line is a usage error that says what it is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import main
from policykg.graph.build import serial

from ..graph.conftest import SYNTHETIC_TEXT

OTHER = SYNTHETIC_TEXT.replace("12号", "13号")


def _tree(root: Path) -> Path:
    src = root / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "sub" / "b.txt").write_text(OTHER, "utf-8")
    return src


def _report(out: Path) -> dict[str, dict]:
    report = json.loads((out / "report.json").read_text("utf-8"))
    return {str(Path(e["path"]).relative_to(out.parent / "src")): e for e in report["sources"]}


def test_every_path_passed_over_is_reported_with_its_reason(tmp_path, monkeypatch):
    src = _tree(tmp_path)
    (src / "link-to-a.txt").symlink_to(src / "a.txt")
    os.link(src / "sub" / "b.txt", src / "hard-b.txt")
    (src / "gone.txt").symlink_to(src / "no-such-file.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "locked").mkdir()
    (src / "locked" / "c.txt").write_text(OTHER.replace("13号", "15号"), "utf-8")
    (src / ".hidden.txt").write_text(OTHER, "utf-8")
    (src / "loop").symlink_to(src / "sub")
    real_scandir = os.scandir

    def scandir(path):  # as root, chmod 000 does not stop reading: refuse like the kernel would
        if not isinstance(path, int) and Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = serial.build([src], out=tmp_path / "out", validate=False, source_timeout=None)
    entries = _report(tmp_path / "out")
    assert entries["a.txt"]["status"] == "ok"
    expected = {
        "link-to-a.txt": ("skipped", "same file as"),
        "hard-b.txt": ("ok", None),  # first in path order: sub/b.txt is then the link
        "sub/b.txt": ("skipped", "same file as"),
        "gone.txt": ("failed", "does not exist"),
        "pipe.txt": ("skipped", "FIFO"),
        "locked": ("failed", "cannot be read"),
        ".hidden.txt": ("skipped", "hidden"),
        "loop": ("skipped", "same folder as"),
    }
    for name, (status, words) in expected.items():
        assert entries[name]["status"] == status, (name, entries[name])
        if words:
            assert words in entries[name]["error"] and name.split("/")[-1] in entries[name]["error"]
    assert result.exit_code == 3  # an unreadable folder and a dangling link lost sources
    assert sorted(entries) == sorted([*expected, "a.txt"])


def test_a_fifo_named_on_the_command_line_is_a_usage_error(tmp_path, capsys):
    os.mkfifo(tmp_path / "pipe.txt")
    code = main(["build", str(tmp_path / "pipe.txt"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "FIFO" in err and "does not exist" not in err


def test_a_build_inside_its_sources_never_reads_its_outputs_back(tmp_path):
    src = _tree(tmp_path)
    out = src / "build"
    first = main(["build", str(src), "--out", str(out), "--no-validate", "--quiet"])
    assert main(["export", str(out), "--format", "html", "--out", str(src / "explorer.html")]) == 0
    assert main(["export", str(out), "--format", "site", "--out", str(src / "site")]) == 0
    (src / "stats.html").write_text("<html><body>not ours</body></html>", "utf-8")
    second = main(["build", str(src), "--out", str(out), "--no-validate", "--quiet"])
    report = json.loads((out / "report.json").read_text("utf-8"))
    entries = {str(Path(e["path"]).relative_to(src)): e for e in report["sources"]}
    assert first == 0 and second == 3  # stats.html is a source of ours that is not a notice
    assert entries["explorer.html"]["status"] == "skipped"
    assert "policykg export" in entries["explorer.html"]["error"]
    assert entries["site"]["status"] == "skipped" and "policykg export" in entries["site"]["error"]
    assert entries["build"]["status"] == "skipped" and "output folder" in entries["build"]["error"]
    assert not any(name.startswith(("site/", "build/")) for name in entries)
    assert entries["stats.html"]["status"] == "failed"


def test_a_folder_of_only_passed_over_entries_says_why(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "gone.txt").symlink_to(src / "nothing.txt")
    done = subprocess.run([sys.executable, "-m", "policykg", "build", str(src), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "gone.txt" in done.stderr and "does not exist" in done.stderr


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_dangling_link_named_on_the_command_line_says_where_it_points(tmp_path, capsys, suffix):
    link = tmp_path / f"gone{suffix}"
    link.symlink_to(tmp_path / "target-missing")
    assert main(["build", str(link), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "symbolic link" in err and "target-missing" in err


def test_a_jsonld_export_never_replaces_a_users_context_file(tmp_path, capsys):
    mini = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "mini.trig"
    folder = tmp_path / "exports"
    folder.mkdir()
    mine = folder / "context.jsonld"
    mine.write_text('{"@context": {"mine": "http://example.org/mine#"}}\n', "utf-8")
    code = main(["export", str(mini), "--format", "jsonld", "--out", str(folder / "g.jsonld")])
    assert code == 2 and "context.jsonld" in capsys.readouterr().err
    assert mine.read_text("utf-8") == '{"@context": {"mine": "http://example.org/mine#"}}\n'
    assert not (folder / "g.jsonld").exists()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for _ in range(2):  # policykg's own context next to the dump is rewritten without a word
        assert main(["export", str(mini), "--format", "jsonld", "--out",
                     str(fresh / "g.jsonld")]) == 0
    assert (fresh / "context.jsonld").is_file() and (fresh / "g.jsonld").is_file()
