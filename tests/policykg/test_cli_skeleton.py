"""The CLI skeleton: `policykg --help` lists every subcommand with a one-line description, a
command that is not available says so in one sentence and exits 2, and bad usage exits 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from policykg import cli

EXPECTED = ("build", "inspect", "validate", "query", "eligible", "export", "serve", "push",
            "reason", "docs", "stats")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True,
                          text=True, timeout=120)


def test_help_lists_every_subcommand_with_its_description() -> None:
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    assert set(EXPECTED) <= set(cli.COMMANDS)
    for name, line in cli.COMMANDS.items():
        assert name in result.stdout
        assert line in " ".join(result.stdout.split()), name
        assert "\n" not in line and line.endswith(".")
    assert "exit codes" in result.stdout


def test_no_command_prints_help_and_exits_2() -> None:
    result = _run()
    assert result.returncode == 2
    assert "usage: policykg" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = _run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unavailable_command_says_so_and_exits_2(monkeypatch: pytest.MonkeyPatch,
                                                    capsys) -> None:
    monkeypatch.setitem(cli.COMMANDS, "teleport", "Move a graph somewhere else.")
    assert cli.main(["teleport", "anything"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "policykg teleport is not available yet in this version."


@pytest.mark.parametrize("name", ["reason", "docs"])
def test_each_available_subcommand_has_help(name: str) -> None:
    result = _run(name, "--help")
    assert result.returncode == 0
    assert f"usage: policykg {name}" in result.stdout
