"""The graph/ reorganisation (issue 18) kept the build's output byte for byte.

``fixtures/layout_parity_seeds.json`` holds what the code of the commit before the split
(e935a04 = ``1fe6438^``) wrote for the seeds: SHA-256 and size of every file of a one-process build,
a ``--jobs 2`` build and ``policykg export --format all`` (the site as one digest), with the
seeds' own digests and the library versions of the recording (made with
``python benchmarks/layout_parity.py --docs 0 --record …``). The test builds the seeds with the
code of the last layout commit (86284cb, with the six ``graph/build`` files a56db74 added because
``.gitignore`` had hidden them) and compares. It proves the reorganisation preserved output; it
says nothing of today's code, whose loaders have changed the dumps since, on purpose.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

RECORD = Path(__file__).resolve().parent / "fixtures" / "layout_parity_seeds.json"
_SPEC = importlib.util.spec_from_file_location("layout_parity",
                                               REPO / "benchmarks" / "layout_parity.py")
parity = importlib.util.module_from_spec(_SPEC)
sys.modules["layout_parity"] = parity  # its dataclass looks its module up while it is made
_SPEC.loader.exec_module(parity)


def test_the_recording_is_of_the_previous_layout_on_all_five_seeds() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert record["before"].startswith("e935a04")
    assert record["before"] == parity.BEFORE
    # the seeds: 001 and 003 are official documents, 000, 002 and 004 reports
    assert record["counts"] == {"sources": 5, "official": 2, "reports": 3}
    assert len(record["inputs"]) == 5
    dumps = {"policykg.nt", "policykg.ttl", "policykg.trig", "report.json", "validation.ttl"}
    assert {k.split("/", 1)[1] for k in record["files"] if k.startswith("build/")} == dumps
    assert {k.split("/", 1)[1] for k in record["files"] if k.startswith("build-jobs2/")} == dumps
    # one process and two write the same dumps
    for name in dumps:
        assert record["files"][f"build/{name}"] == record["files"][f"build-jobs2/{name}"]
    assert record["files"]["export/site/"][2] > 700  # pages of 724 resources, and their formats


def test_compare_names_every_file_that_differs() -> None:
    before = {"build/policykg.nt": ["a" * 64, 10], "build/report.json": ["b" * 64, 5],
              "export/site/index.html": ["c" * 64, 3], "export/site/id/x.html": ["d" * 64, 4]}
    after = {"build/policykg.nt": ["a" * 64, 10], "build/report.json": ["e" * 64, 6],
             "export/site/index.html": ["c" * 64, 3], "export/site/id/x.html": ["f" * 64, 4],
             "build/extra.ttl": ["0" * 64, 1]}
    lines, differ = parity.compare(before, after)
    assert differ == 3  # report.json, the site, the file only the second build wrote
    assert [line.split()[:2] for line in lines if not line.startswith(" ")] == [
        ["DIFFERS", "build/extra.ttl"], ["same", "build/policykg.nt"],
        ["DIFFERS", "build/report.json"], ["DIFFERS", "export/site/"]]
    assert "           export/site/id/x.html" in lines
    assert parity.compare(before, dict(before))[1] == 0


@pytest.mark.slow
def test_post_split_commit_writes_the_recorded_bytes(seeds_dir: Path, tmp_path: Path) -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    if shutil.which("git") is None:
        pytest.skip("git is needed to materialise the post-split commit")
    commit = parity.LAYOUT[-1]
    reason = parity.missing_history((commit,))
    if reason:
        pytest.skip(f"{reason}: the post-split code cannot be built")
    if parity.seed_digests(seeds_dir) != record["inputs"]:
        pytest.skip(f"the seeds under {seeds_dir} are not those the recording was made from")
    view = parity.materialise(commit, tmp_path / "code")
    files, counts = parity.build_all(view, tmp_path / "work", seeds_dir, ("all",))
    assert counts == record["counts"]
    lines, differ = parity.compare(record["files"], files)
    assert differ == 0, (
        f"{commit.short} does not write what {parity.BEFORE[:7]} wrote (recorded with "
        f"{record['environment']}, run with {parity.environment()}; if only the libraries "
        "differ, `python benchmarks/layout_parity.py --docs 0` builds both commits now):\n"
        + "\n".join(line for line in lines if not line.startswith("same")))
