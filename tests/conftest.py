"""Shared fixtures: the seed corpus is read at run time from ../shared/seeds (never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("POLICYKG_SEEDS", REPO.parent / "shared" / "seeds"))


def seed_file(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. ``"001"``)."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return matches[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS
