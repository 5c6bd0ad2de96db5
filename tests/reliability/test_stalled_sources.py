"""One stalled source never holds up a build (issue 21, item 2): each source loads in a worker
process under ``--source-timeout``; one over it is ended, reported (stage ``timeout``) and left
out, a worker that dies is reported too, and the other sources give the same dumps as a build
without the stalled one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.graph.build import serial
from policykg.graph.build.parallel import build_parallel

from ..graph.conftest import SYNTHETIC_TEXT

OTHER = SYNTHETIC_TEXT.replace("12号", "13号").replace("300万元", "350万元")


def _sources(root: Path, *extra: str) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "a.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "c.txt").write_text(OTHER, "utf-8")
    for name in extra:
        (src / name).write_text(SYNTHETIC_TEXT.replace("12号", "14号"), "utf-8")
    return src


def _stall_on(name: str, how: str):
    real = serial._load

    def load(path: Path):
        if path.name == name:
            if how == "sleep":
                time.sleep(600)
            os.kill(os.getpid(), 9)  # the worker dies as under the OOM killer
        return real(path)

    return load


def test_a_stalled_source_is_stopped_reported_and_the_rest_is_unchanged(tmp_path, monkeypatch):
    reference = serial.build([_sources(tmp_path / "ref")], out=tmp_path / "ref-out",
                             validate=False)
    monkeypatch.setattr(serial, "_load", _stall_on("b_stall.txt", "sleep"))
    started = time.monotonic()
    result = serial.build([_sources(tmp_path / "run", "b_stall.txt")], out=tmp_path / "out",
                          validate=False, source_timeout=2)
    assert time.monotonic() - started < 60
    by_name = {Path(s.path).name: s for s in result.sources}
    assert [Path(s.path).name for s in result.sources] == ["a.txt", "b_stall.txt", "c.txt"]
    stalled = by_name["b_stall.txt"]
    assert (stalled.status, stalled.stage) == ("failed", "timeout")
    assert "b_stall.txt" in stalled.error and "2 s" in stalled.error
    assert by_name["a.txt"].status == by_name["c.txt"].status == "ok"
    assert result.exit_code == 3
    for dump in ("policykg.nt", "policykg.trig"):
        assert (tmp_path / "out" / dump).read_bytes() == (tmp_path / "ref-out" / dump).read_bytes()
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert [e["stage"] for e in report["sources"]] == [None, "timeout", None]
    assert reference.exit_code == 0


def test_a_worker_that_dies_is_reported_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(serial, "_load", _stall_on("b_dies.txt", "kill"))
    result = serial.build([_sources(tmp_path, "b_dies.txt")], out=None, validate=False,
                          source_timeout=30)
    by_name = {Path(s.path).name: s for s in result.sources}
    assert (by_name["b_dies.txt"].status, by_name["b_dies.txt"].stage) == ("failed", "load")
    assert "died" in by_name["b_dies.txt"].error and "SIGKILL" in by_name["b_dies.txt"].error
    assert by_name["c.txt"].status == "ok"  # loaded by the replacement worker


def test_the_parallel_build_stops_a_stalled_source_too(tmp_path, monkeypatch):
    monkeypatch.setattr(serial, "_load", _stall_on("b_stall.txt", "sleep"))
    started = time.monotonic()
    result = build_parallel([_sources(tmp_path, "b_stall.txt")], out=tmp_path / "out",
                            jobs=2, validate=False, source_timeout=2)
    assert time.monotonic() - started < 60
    by_name = {Path(s.path).name: s for s in result.sources}
    assert (by_name["b_stall.txt"].status, by_name["b_stall.txt"].stage) == ("failed", "timeout")
    assert by_name["a.txt"].status == by_name["c.txt"].status == "ok"


def test_the_cli_stops_a_stalled_source(tmp_path):
    src = _sources(tmp_path, "b_stall.txt")
    script = ("import sys, time\n"
              "from policykg.graph.build import serial\n"
              "real = serial._load\n"
              "serial._load = lambda p: time.sleep(600) if p.name == 'b_stall.txt' else real(p)\n"
              "from policykg.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", script, "build", str(src), "--out",
                           str(tmp_path / "out"), "--no-validate", "--source-timeout", "2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "b_stall.txt (timeout)" in done.stdout and "--source-timeout" in done.stdout


def _stall_in_this_process(stall: str, dies: str) -> None:
    """Run on each Dask worker: ``stall`` sleeps for ten minutes, loading ``dies`` kills its
    process (so the worker's own loader is patched, not the test process's)."""
    slow = _stall_on(stall, "sleep")
    serial._load = lambda path: _stall_on(dies, "kill")(path) if path.name == dies else slow(path)


def test_the_dask_executor_stops_a_stalled_source_too(tmp_path):
    """``--executor dask``: the source deadline holds on the cluster's worker processes (real
    worker processes of a LocalCluster on 127.0.0.1, not threads of the test process)."""
    distributed = pytest.importorskip("dask.distributed")
    from policykg.graph.build.distributed import build_dask

    src = _sources(tmp_path, "b_stall.txt")
    (src / "b_dies.txt").write_text(SYNTHETIC_TEXT.replace("12号", "15号"), "utf-8")
    reference = build_parallel([_sources(tmp_path / "ref")], out=tmp_path / "ref-out", jobs=1,
                               validate=False, partitions=True)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
    try:
        with distributed.Client(cluster) as client:
            client.run(_stall_in_this_process, "b_stall.txt", "b_dies.txt")
            started = time.monotonic()
            result = build_dask([src], tmp_path / "out", client=client, validate=False,
                                source_timeout=3)
            elapsed = time.monotonic() - started
    finally:
        cluster.close()
    assert elapsed < 120
    by_name = {Path(s.path).name: s for s in result.sources}
    assert (by_name["b_stall.txt"].status, by_name["b_stall.txt"].stage) == ("failed", "timeout")
    assert "3 s" in by_name["b_stall.txt"].error and "--source-timeout" in by_name["b_stall.txt"].error
    assert (by_name["b_dies.txt"].status, by_name["b_dies.txt"].stage) == ("failed", "load")
    assert "SIGKILL" in by_name["b_dies.txt"].error
    assert by_name["a.txt"].status == by_name["c.txt"].status == "ok"
    assert result.exit_code == 3 and reference.exit_code == 0
    for dump in ("policykg.nt", "policykg.trig"):
        assert (tmp_path / "out" / dump).read_bytes() == (tmp_path / "ref-out" / dump).read_bytes()
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert [e["stage"] for e in report["sources"]] == [None, "load", "timeout", None]


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
def test_a_source_timeout_that_is_not_a_duration_is_a_usage_error(tmp_path, value):
    done = subprocess.run([sys.executable, "-m", "policykg", "build", str(_sources(tmp_path)),
                           "--out", str(tmp_path / "out"), "--source-timeout", value],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--source-timeout" in done.stderr and "seconds" in done.stderr
