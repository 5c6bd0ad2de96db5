"""``policykg stats``: counts by class, by document and by jurisdiction, from any dump format."""

from __future__ import annotations

import pytest

from policykg.cli import main
from policykg.graph.build import serial as build_mod
from policykg.graph.export.stats import compute, load_graph
from policykg.loaders.records import LoadResult
from tests.graph.conftest import SYNTHETIC_TEXT, synthetic_document


@pytest.fixture
def built(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    monkeypatch.setattr(build_mod, "_load",
                        lambda p: LoadResult(str(p), synthetic_document(name=p.name)))
    build_mod.build([src], out=tmp_path / "out", validate=False)
    return tmp_path / "out"


@pytest.mark.parametrize("name", ["policykg.trig", "policykg.nt", "policykg.ttl"])
def test_counts_by_class_and_document(built, name) -> None:
    st = compute(load_graph(built / name))
    assert st.classes["pol:Measure"] == 2
    assert st.classes["pol:Reward"] == 1 and st.classes["pol:ComputeVoucher"] == 1
    assert st.instruments == 2
    assert st.stubs == 1  # the repealed document is only cited
    [row] = st.documents
    assert row.number == "测府办〔2024〕12号" and row.measures == 2 and row.instruments == 2
    assert st.agencies == 3 and st.agencies_minted == 3
    assert st.classes["pol:Agency"] == 3
    assert ("测试省人民政府办公厅", 1, 0) in st.by_agency
    assert ("测试省科学技术厅", 0, 1) in st.by_agency


def test_stats_command_prints_the_tables(built, capsys) -> None:
    assert main(["stats", str(built / "policykg.trig")]) == 0
    out = capsys.readouterr().out
    assert "By class" in out and "By document" in out and "By jurisdiction" in out
    assert "By agency" in out
    assert "测府办〔2024〕12号" in out


def test_stats_command_on_a_missing_file_is_a_usage_error(tmp_path, capsys) -> None:
    assert main(["stats", str(tmp_path / "nope.trig")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_stats_command_on_a_broken_file_says_so(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert main(["stats", str(bad)]) == 2
    assert "could not be parsed" in capsys.readouterr().err


def test_api_facade_builds_and_loads(tmp_path, monkeypatch) -> None:
    from policykg import api

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    monkeypatch.setattr(build_mod, "_load",
                        lambda p: LoadResult(str(p), synthetic_document(name=p.name)))
    result = api.build([src], validate=False)
    assert result.out is None and result.exit_code == 0
    assert result.totals["measures"] == 2
    result = api.build([src], out=tmp_path / "out", validate=False)
    ds = api.load_graph(tmp_path / "out" / "policykg.trig")
    assert len(ds) == result.totals["triples"]


def test_stats_reads_nquads(built, tmp_path) -> None:
    ds = load_graph(built / "policykg.trig")
    nq = tmp_path / "graph.nq"
    nq.write_text(ds.serialize(format="nquads"), encoding="utf-8")
    st = compute(load_graph(nq))
    assert st.classes["pol:Measure"] == 2 and len(st.documents) == 1


def test_unknown_graph_format_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError):
        load_graph(tmp_path / "graph.xml")
