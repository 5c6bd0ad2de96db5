"""A killed or interrupted build leaves the previous outputs intact; a rebuild is idempotent.

Issue 11, item 2. A previous build of the seeds sits in --out; a build of a bigger generated
corpus (``benchmarks/corpus.py``) into the same --out is killed (SIGKILL) or interrupted
(SIGINT) part-way, while loading and while writing its dumps. Every file in --out must keep
its bytes, and no temporary folder may stay behind (after SIGKILL, the next build removes it).
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import REPO, seed_file

SEEDS = ("000", "001", "002", "003", "004")


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too): files → sha256, folders → 'dir'."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        found[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def start_build(sources: list[Path], out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "policykg", "build", *map(str, sources), "--out", str(out),
         "--no-validate", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_build(sources: list[Path], out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policykg", "build", *map(str, sources), "--out", str(out),
         "--no-validate", "--quiet"], capture_output=True, text=True, timeout=600)


def wait_for_temp_folder(proc: subprocess.Popen, out: Path, seconds: float = 300) -> bool:
    """Poll until the build creates its temporary output folder (it is writing its dumps)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.glob(".policykg-build-*")):
            return True
        time.sleep(0.005)
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> dict[str, Path]:
    """Seed copies, a generated corpus of 150 documents, and a small slice of it."""
    root = tmp_path_factory.mktemp("interrupted")
    seeds = root / "seeds"
    seeds.mkdir()
    for prefix in SEEDS:
        shutil.copyfile(seed_file(prefix), seeds / seed_file(prefix).name)
    generated = root / "generated"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), "--docs", "150",
                    "--seed", "1", "--out", str(generated), "--plain"], check=True, capture_output=True,
                   timeout=300)
    docs = sorted((generated / "docs").iterdir())
    assert len(docs) == 150
    small = root / "small"
    small.mkdir()
    for doc in docs[:25]:
        shutil.copyfile(doc, small / doc.name)
    return {"root": root, "seeds": seeds, "big": generated / "docs", "small": small}


@pytest.fixture(scope="module")
def previous(corpus) -> dict:
    """A finished build of the seeds: the outputs that must survive."""
    out = corpus["root"] / "out"
    proc = run_build([corpus["seeds"]], out)
    assert proc.returncode == 0, proc.stderr
    before = snapshot(out)
    assert {"policykg.nt", "policykg.ttl", "policykg.trig", "report.json"} <= set(before)
    return {"out": out, "before": before}


def test_sigkill_while_loading_leaves_previous_outputs(corpus, previous) -> None:
    out = previous["out"]
    proc = start_build([corpus["big"], corpus["seeds"]], out)
    time.sleep(1.5)
    assert proc.poll() is None, "the big build finished too early to be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(out) == previous["before"]


def test_sigint_while_loading_leaves_previous_outputs(corpus, previous) -> None:
    out = previous["out"]
    proc = start_build([corpus["big"], corpus["seeds"]], out)
    time.sleep(2.0)
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert snapshot(out) == previous["before"]


def test_sigint_while_writing_leaves_no_temp_folder(corpus, previous) -> None:
    out = previous["out"]
    proc = start_build([corpus["small"], corpus["seeds"]], out)
    assert wait_for_temp_folder(proc, out), "the build never started writing"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert snapshot(out) == previous["before"]


def test_sigkill_while_writing_keeps_outputs_and_the_next_build_cleans_up(corpus,
                                                                         previous) -> None:
    out = previous["out"]
    proc = start_build([corpus["small"], corpus["seeds"]], out)
    assert wait_for_temp_folder(proc, out), "the build never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    after = snapshot(out)
    kept = {k: v for k, v in after.items() if not k.startswith(".policykg-build-")}
    assert kept == previous["before"]  # the dumps in --out were not touched
    # the killed process could not clean up; the next build does
    rebuilt = run_build([corpus["seeds"]], out)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert snapshot(out) == previous["before"]


def test_rebuilding_is_idempotent(corpus, previous) -> None:
    """Rebuilding into the same --out is checked above; a fresh folder gets the same bytes too."""
    elsewhere = corpus["root"] / "elsewhere"
    assert run_build([corpus["seeds"]], elsewhere).returncode == 0
    assert snapshot(elsewhere) == previous["before"]


@pytest.mark.parametrize("after", [0.3, 0.8])
def test_sigint_while_starting_is_one_sentence(corpus, previous, after: float) -> None:
    """Ctrl-C while the command line is still importing its modules: exit 130, no traceback."""
    out = previous["out"]
    proc = start_build([corpus["small"]], out)
    time.sleep(after)
    if proc.poll() is not None:
        pytest.fail("the build finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert snapshot(out) == previous["before"]
