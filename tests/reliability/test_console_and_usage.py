"""What the console shows and how bad arguments end (issue 21, items 8, 9 and 12): terminal
escapes in source text are neutralised by ``inspect`` and ``query``; a folder as --output, a
--timeout that is not a duration, parameters with spaces or bytes that are not UTF-8 are usage
errors (exit 2) in one sentence; ``SELECT *`` keeps the order in which the query names its
variables, run after run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import main

from ..graph.conftest import SYNTHETIC_TEXT

MINI = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "mini.trig"
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\u202e"


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and "internal error" not in err and len(lines) == 1, err
    return lines[0]


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
            or c == "\u202e"]


@pytest.mark.parametrize("as_json", [False, True])
def test_inspect_never_prints_a_terminal_escape(tmp_path, capsys, as_json):
    notice = SYNTHETIC_TEXT.replace("设立奖励", "设立" + ESCAPES + "奖励", 1)
    assert notice != SYNTHETIC_TEXT
    path = tmp_path / "notice.txt"
    path.write_text(notice, "utf-8")
    assert main(["inspect", str(path), *(["--json"] if as_json else [])]) == 0
    out = capsys.readouterr().out
    assert _raw_controls(out) == []
    assert "\\u001b[2J" in out and "\\u009b31m" in out
    if as_json:
        json.loads(out)  # still valid JSON: the escapes are JSON escapes


def _graph_with_escapes(tmp_path: Path) -> Path:
    path = tmp_path / "g.nt"
    label = ESCAPES.replace("\x1b", "\\u001B").replace("\x07", "\\u0007").replace(
        "\x9b", "\\u009B").replace("\u202e", "\\u202E")
    path.write_text(f'<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> '
                    f'"evil{label}" .\n', "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_query_tables_never_print_a_terminal_escape(tmp_path, capsys, fmt):
    rq = tmp_path / "labels.rq"
    rq.write_text("SELECT ?label WHERE { ?s ?p ?label }\n", "utf-8")
    assert main(["query", str(rq), "--graph", str(_graph_with_escapes(tmp_path)),
                 "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "evil" in out and _raw_controls(out) == []


def test_every_command_output_on_a_terminal_is_neutralised(tmp_path):
    """On a real terminal (a pseudo-terminal here) even CSV is shown with escapes made visible."""
    import pty

    rq = tmp_path / "labels.rq"
    rq.write_text("SELECT ?label WHERE { ?s ?p ?label }\n", "utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "query", str(rq), "--graph",
                             str(_graph_with_escapes(tmp_path)), "--format", "csv"],
                            stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert "evil" in out and "\\u001b" in out and "\x1b" not in out


@pytest.mark.parametrize("args, words", [
    (["--output", "FOLDER"], "is a folder"),
    (["--timeout", "nan"], "--timeout nan"),
    (["--timeout", "-3"], "--timeout"),
    (["--param", "measure=http://example.org/a b"], "IRI"),
    (["--param", "measure=http://example.org/\udc80"], "UTF-8"),
    (["--param", "measure=http://example.org/\x1b[0m"], "control character"),
])
def test_bad_arguments_are_usage_errors(tmp_path, capsys, args, words):
    args = [str(tmp_path) if a == "FOLDER" else a for a in args]
    code = main(["query", "measure-evidence", "--graph", str(MINI), *args])
    assert code == 2 and words in _one_sentence(capsys.readouterr().err)


def test_a_lone_surrogate_in_an_eligible_label_is_a_usage_error(capsys):
    code = main(["eligible", "--graph", str(MINI), "--category", "小巨人\udcff", "--area", "x"])
    assert code == 2 and "UTF-8" in _one_sentence(capsys.readouterr().err)


def test_select_star_keeps_the_order_the_query_names_its_variables(tmp_path):
    rq = tmp_path / "star.rq"
    rq.write_text("# ?aaa in a comment does not count\n"
                  "SELECT * WHERE { ?zeta ?alpha ?mid . FILTER(?mid != \"?first\") } LIMIT 1\n",
                  "utf-8")
    heads = set()
    for seed in ("1", "2", "3", "4"):  # str hashing changes with the seed, and so did the order
        done = subprocess.run([sys.executable, "-m", "policykg", "query", str(rq), "--graph",
                               str(MINI), "--format", "csv"], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        heads.add(done.stdout.splitlines()[0])
    assert heads == {"zeta,alpha,mid"}


@pytest.mark.parametrize("command, words", [
    (["validate", str(MINI), "--output", "FOLDER"], "is a folder"),
    (["query", "timeline", "--endpoint", "http://127.0.0.1:9/a b"], "spaces"),
    (["build", str(MINI.parent), "--out", "FOLDER", "--jobs", "0"], "--jobs 0"),
])
def test_other_commands_give_usage_errors_not_internal_ones(tmp_path, capsys, command, words):
    command = [str(tmp_path) if a == "FOLDER" else a for a in command]
    code = main(command)
    assert code == 2 and words in _one_sentence(capsys.readouterr().err)
