"""Fixtures for the export tests: the hand-written mini build and (slow) the seed build,
each exported once per session with ``policykg export --format all``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import main

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.trig"


def need_tool(path: str) -> str:
    """The tool's path, or skip (locally) / fail (in CI) when the Debian tool is missing."""
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if not found:
        message = f"{path} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def export(source: Path, fmt: str, out: Path, *extra: str) -> Path:
    """Run ``policykg export`` in-process and assert it succeeded."""
    code = main(["export", str(source), "--format", fmt, "--out", str(out), *extra])
    assert code == 0, f"policykg export --format {fmt} exited {code}"
    return out


@pytest.fixture(scope="session")
def mini_trig() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything exported from the mini fixture: dumps/, void.ttl, graphs/, explorer.html, site/."""
    out = tmp_path_factory.mktemp("mini") / "all"
    return export(MINI, "all", out, "--endpoint", "http://127.0.0.1:7878/query")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """``policykg build`` of the seed corpus (run once per session)."""
    out = tmp_path_factory.mktemp("seedbuild") / "kg"
    proc = subprocess.run([sys.executable, "-m", "policykg", "build", str(seeds_dir), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    if not (out / "policykg.trig").is_file():
        pytest.fail(f"seed build failed ({proc.returncode}): {proc.stderr[-800:]}")
    return out


@pytest.fixture(scope="session")
def seed_all(tmp_path_factory: pytest.TempPathFactory, seed_build: Path) -> Path:
    out = tmp_path_factory.mktemp("seedexport") / "all"
    return export(seed_build, "all", out)
