"""``--jobs 1`` (serial, in memory) and ``--jobs 2`` (process pool, streamed into a store) give
byte-identical dumps and report.json on a generated corpus plus the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from policykg.cli import main
from policykg.graph.build.parallel import build_parallel
from policykg.graph.build.serial import build
from tests.graph.build.mixed import mixed_corpus, same_bytes, store_signature  # noqa: F401


def test_jobs_1_and_jobs_2_give_the_same_bytes(mixed_corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["build", str(mixed_corpus), "--out", str(one), "--jobs", "1", "--quiet",
                 "--no-validate"]) == 0
    assert main(["build", str(mixed_corpus), "--out", str(two), "--jobs", "2", "--quiet",
                 "--no-validate", "--store", str(tmp_path / "store")]) == 0
    assert same_bytes(one, two) == []
    report = json.loads((two / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["sources"] == 41
    assert report["totals"]["reports"] == 3  # the three news/briefing seeds
    assert report["totals"]["documents"] >= 38
    nt_lines = (two / "policykg.nt").read_text(encoding="utf-8").count("\n")
    assert report["totals"]["triples"] == nt_lines
    # the N-Triples dump is sorted and has no duplicate line
    lines = (two / "policykg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_store_holds_every_graph_of_the_trig(mixed_corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    result = build_parallel([mixed_corpus], tmp_path / "out", jobs=2, validate=False,
                            store=tmp_path / "store", partitions=True)
    serial = tmp_path / "serial"
    build([mixed_corpus], out=serial, validate=False)
    reference = Store()
    reference.bulk_load(path=str(serial / "policykg.trig"), format=RdfFormat.TRIG)
    assert store_signature(result.store) == store_signature(reference)
    parts = sorted((tmp_path / "out" / "partitions").glob("part-*.nq"))
    assert [p.name for p in parts] == [p.name for p in result.partitions]
    quads = sum(p.read_text(encoding="utf-8").count("\n") for p in parts)
    assert quads == len(result.store)
    for p in parts:
        lines = p.read_text(encoding="utf-8").splitlines()
        assert lines == sorted(lines)


def test_parallel_validation_equals_serial_on_the_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    build([seeds_dir], out=tmp_path / "serial")
    build_parallel([seeds_dir], tmp_path / "parallel", jobs=2)
    assert same_bytes(tmp_path / "serial", tmp_path / "parallel",
                      (*("policykg.nt", "policykg.trig", "report.json"), "validation.ttl")) == []
