"""Two sources for one document are reported, never silently dropped (issue 11, item 2).

Same bytes under another name, or the same document number with other bytes: one graph is
built (from the first source in path order) and the other source is listed in report.json
with a warning naming the first. A report given twice fails at 'assemble', naming the graph.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import URIRef

from policykg.graph.build.serial import build
from policykg.ontology.namespace import POL

from ..conftest import seed_file
from ..graph.conftest import SYNTHETIC_TEXT

OTHER_NUMBER = SYNTHETIC_TEXT.replace("12号", "13号")
OTHER_BYTES = SYNTHETIC_TEXT.replace("300万元", "350万元")


def _entries(result) -> dict[str, object]:
    return {Path(s.path).name: s for s in result.sources}


def _max_amounts(result, graph: str) -> set[str]:
    return {str(o) for o in result.dataset.graph(URIRef(graph)).objects(None, POL.maxAmount)}


def test_same_bytes_under_another_name_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "b_copy.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "c_other.txt").write_text(OTHER_NUMBER, "utf-8")
    result = build([src], out=None, validate=False)
    entries = _entries(result)
    assert entries["a.txt"].status == entries["c_other.txt"].status == "ok"
    assert entries["a.txt"].graph != entries["c_other.txt"].graph
    copy = entries["b_copy.txt"]
    assert copy.status == "skipped" and copy.graph == entries["a.txt"].graph
    assert any("a.txt" in w["message"] and "same document" in w["message"]
               for w in copy.warnings)
    assert result.totals["documents"] == 2 and result.totals["skipped"] == 1
    assert result.exit_code == 0


def test_same_number_with_other_bytes_is_reported_and_the_first_wins(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "1_first.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "2_revised.txt").write_text(OTHER_BYTES, "utf-8")
    result = build([src], out=None, validate=False)
    first, revised = _entries(result)["1_first.txt"], _entries(result)["2_revised.txt"]
    assert first.status == "ok" and revised.status == "skipped"
    assert revised.graph == first.graph
    assert any("1_first.txt" in w["message"] for w in revised.warnings)
    amounts = _max_amounts(result, first.graph)
    assert "3000000" in {a.split(".")[0] for a in amounts}
    assert "3500000" not in {a.split(".")[0] for a in amounts}
    # renaming decides which copy is built, deterministically
    (src / "1_first.txt").rename(src / "3_first.txt")
    again = build([src], out=None, validate=False)
    assert _entries(again)["2_revised.txt"].status == "ok"
    assert _entries(again)["3_first.txt"].status == "skipped"
    assert "3500000" in {a.split(".")[0]
                         for a in _max_amounts(again, _entries(again)["2_revised.txt"].graph)}


def test_strict_makes_a_duplicate_a_failure_but_keeps_the_first(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, "utf-8")
    (src / "b.txt").write_text(OTHER_BYTES, "utf-8")
    result = build([src], out=None, validate=False, strict=True)
    first, second = _entries(result)["a.txt"], _entries(result)["b.txt"]
    assert result.exit_code == 3
    assert (second.status, second.stage) == ("failed", "strict")
    assert "b.txt" in second.error
    assert not first.warnings and first.status == "ok"  # the shared graph is not removed
    assert len(result.dataset.graph(URIRef(first.graph))) > 0


def test_the_same_report_twice_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("001", "004"):
        shutil.copyfile(seed_file(name), src / seed_file(name).name)
    shutil.copyfile(seed_file("004"), src / "zz_copy_of_004.txt")
    result = build([src], out=None, validate=False)
    entries = _entries(result)
    original, copy = entries[seed_file("004").name], entries["zz_copy_of_004.txt"]
    assert original.status == "ok" and original.kind == "report"
    assert (copy.status, copy.stage) == ("failed", "assemble")  # listed with a reason
    assert original.graph in copy.error and copy.graph is None
