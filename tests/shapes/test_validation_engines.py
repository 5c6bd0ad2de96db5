"""Validation at scale: on a generated corpus plus the seeds, the Oxigraph engine (all graphs in
one query per constraint) finds exactly what pySHACL finds graph by graph, and the build reports it."""

from __future__ import annotations

import json
from pathlib import Path

from policykg.graph.build.parallel import build_parallel
from policykg.shapes.validate import validate_file
from tests.graph.build.mixed import mixed_corpus  # noqa: F401


def test_engines_agree_on_a_generated_corpus(mixed_corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "out"
    result = build_parallel([mixed_corpus], out, jobs=2, validate=True)
    reference = validate_file(out / "policykg.trig", engine="pyshacl", jobs=2)
    compiled = validate_file(out / "policykg.trig", engine="oxigraph", jobs=2)
    assert compiled.results == reference.results
    assert compiled.units == reference.units
    assert reference.results, "the generated corpus should leave some warnings to compare"
    # the build validated with the Oxigraph engine by default and wrote what it found
    assert result.validation.results == reference.results
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["validation"]["conforms"] is reference.conforms
    assert (out / "validation.ttl").read_bytes() == reference.to_ttl().encode("utf-8")
