"""No command prints a traceback for any input (issue 21, "Done when"): hostile sources go
through ``build``, ``inspect``, ``stats``, ``query``, ``validate`` and ``export`` and arbitrary
bytes are given as a graph file; each command ends with a documented exit code, and never
with a traceback or an internal error (the one sentence that asks for ``--debug``)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policykg.cli import main

from .hostile import hostile_notice, hostile_text

SETTINGS = settings(max_examples=6, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
EXPORTS = ["rdfxml", "ttl", "graphml", "gexf", "dot", "cyjs", "html", "void", "jsonld"]


def run(args: list[str]) -> tuple[int, str, str]:
    """``policykg ARGS`` in this process: exit code, stdout, stderr."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8", "replace"))
    return code, texts[0], texts[1]


def assert_no_crash(args: list[str], codes: tuple[int, ...] = (0, 1, 2, 3)) -> int:
    code, out, err = run(args)
    assert "Traceback" not in out + err, (args, err)
    assert "internal error" not in err and "rerun with --debug" not in err, (args, err)
    assert code in codes, (args, code, err)
    return code


@SETTINGS
@given(text=hostile_notice(), wrap=st.sampled_from(["txt", "html"]),
       fmt=st.sampled_from(EXPORTS))
@example(text="测府办〔2025〕9号\n一、\x1b[2J\x00\x0c奖励\ufffe。\n", wrap="txt", fmt="rdfxml")
def test_every_command_takes_a_hostile_source_without_a_traceback(text: str, wrap: str,
                                                                  fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        path = src / f"notice.{wrap}"
        path.write_text(f"<html><body><p>{text}</p></body></html>" if wrap == "html" else text,
                        "utf-8", errors="surrogateescape")
        out = Path(tmp) / "out"
        assert_no_crash(["inspect", str(path)])
        assert_no_crash(["inspect", "--json", str(path)])
        built = assert_no_crash(["build", str(src), "--out", str(out), "--no-validate"])
        if built in (0, 3) and (out / "policykg.trig").exists():
            trig = str(out / "policykg.trig")
            assert_no_crash(["stats", trig])
            assert_no_crash(["query", "timeline", "--graph", trig, "--format", "csv"])
            assert_no_crash(["validate", trig])
            target = Path(tmp) / ("site" if fmt == "site" else f"export.{fmt}")
            assert_no_crash(["export", trig, "--format", fmt, "--out", str(target)], (0,))


@settings(max_examples=20, deadline=None, derandomize=True)
@given(data=st.one_of(st.binary(max_size=300), hostile_text(max_size=20).map(
    lambda t: t.encode("utf-8", "surrogateescape"))),
    suffix=st.sampled_from([".ttl", ".nt", ".trig", ".nq", ".rdf", ".jsonld"]))
def test_any_bytes_as_a_graph_file_are_refused_in_one_sentence(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"graph{suffix}"
        path.write_bytes(data)
        for args in (["query", "timeline", "--graph", str(path)], ["validate", str(path)],
                     ["stats", str(path)], ["export", str(path), "--format", "nt", "--out",
                                            str(Path(tmp) / "x.nt")]):
            assert_no_crash(args)


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
