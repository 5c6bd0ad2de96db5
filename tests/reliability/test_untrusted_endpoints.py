"""Remote endpoints are not trusted (issue 21, items 4 and 8): ``query --endpoint`` keeps a
total deadline even when the server drips one byte a second, refuses an answer larger than
``--max-response`` without holding it in memory, and a server that answers garbage gets one
sentence from ``query`` and a usage error from ``push``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policykg.cli import main

from .http_stub import drip, fixed, flood, garbage, stub_server

MINI = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "mini.trig"
HEAD = b'{"head": {"vars": ["x"]}, "results": {"bindings": ['


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1, err
    return lines[0]


def test_a_dripping_endpoint_is_stopped_at_the_deadline(capsys):
    with stub_server(drip(HEAD, 0.2)) as stub:
        started = time.monotonic()
        code = main(["query", "timeline", "--endpoint", f"{stub.url}/query", "--timeout", "2"])
        elapsed = time.monotonic() - started
    line = _one_sentence(capsys.readouterr().err)
    assert code == 1 and "2 s" in line
    assert elapsed < 6


def test_an_endless_answer_is_cut_at_the_size_limit(capsys):
    with stub_server(flood(HEAD)) as stub:
        code = main(["query", "timeline", "--endpoint", f"{stub.url}/query",
                     "--max-response", "1"])
    line = _one_sentence(capsys.readouterr().err)
    assert code == 1 and "1,048,576 bytes" in line and "--max-response" in line


def test_an_announced_oversized_answer_is_refused_before_reading(capsys):
    body = HEAD + b" " * (2 << 20) + b"]}}"
    with stub_server(fixed(body)) as stub:
        code = main(["query", "timeline", "--endpoint", f"{stub.url}/query",
                     "--max-response", "1"])
    assert code == 1 and "--max-response" in _one_sentence(capsys.readouterr().err)


def test_a_small_answer_still_comes_through(capsys):
    body = (b'{"head": {"vars": ["x"]}, "results": {"bindings": '
            b'[{"x": {"type": "literal", "value": "42"}}]}}')
    with stub_server(fixed(body, "application/sparql-results+json")) as stub:
        code = main(["query", "timeline", "--endpoint", f"{stub.url}/query", "--format", "csv"])
    assert code == 0 and capsys.readouterr().out == "x\n42\n"


@pytest.mark.parametrize("answer", [garbage, fixed(b"<html>not sparql</html>", "text/html")])
def test_an_endpoint_that_answers_garbage_gets_one_sentence(capsys, answer):
    with stub_server(answer) as stub:
        code = main(["query", "timeline", "--endpoint", f"{stub.url}/query"])
    assert code == 1 and stub.url in _one_sentence(capsys.readouterr().err)


def test_push_to_a_server_that_answers_garbage_is_a_usage_error(capsys):
    with stub_server(garbage) as stub:
        code = main(["push", str(MINI), "--endpoint", f"{stub.url}/query", "--quiet"])
    line = _one_sentence(capsys.readouterr().err)
    assert code == 2 and "did not answer in HTTP" in line and "internal error" not in line
