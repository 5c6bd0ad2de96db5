"""``policykg plot``: the figures of the example corpus as files, byte-identical on a rerun."""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")

from policykg.cli import main  # noqa: E402
from tests.graph.export.example_build import example_graph  # noqa: E402


def test_plot_writes_both_figures_the_same_twice(tmp_path, capsys):
    graph = str(example_graph())
    outs = []
    for run in ("one", "two"):
        assert main(["plot", str(tmp_path / run), "--graph", graph]) == 0
        outs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
    assert set(outs[0]) == {"funding.png", "timeline.png"}
    assert outs[0] == outs[1]
    assert outs[0]["funding.png"][:8] == b"\x89PNG\r\n\x1a\n"
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2:] == [str(tmp_path / "two" / f"{n}.png") for n in ("funding", "timeline")]


def test_plot_writes_svg(tmp_path, capsys):
    assert main(["plot", str(tmp_path), "--graph", str(example_graph()), "--format", "svg",
                 "--amount", "total"]) == 0
    svg = (tmp_path / "funding.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg
    assert (tmp_path / "timeline.svg").is_file()


def test_plot_refuses_a_file_as_the_folder(tmp_path, capsys):
    target = tmp_path / "figures"
    target.write_text("not a folder")
    assert main(["plot", str(target), "--graph", str(example_graph())]) == 2
    assert "is a file; name a folder" in capsys.readouterr().err


def test_plot_names_a_missing_graph(tmp_path, capsys):
    assert main(["plot", str(tmp_path / "out"), "--graph", str(tmp_path / "none.trig")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
