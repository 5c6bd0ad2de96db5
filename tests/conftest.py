"""Shared fixtures: the seed corpus is read at run time from ../shared/seeds (never copied).

No test run opens a socket except to the local servers the tests start: ``tests/netguard``
refuses any connection or DNS look-up beyond loopback, in this process and (through
``PYTHONPATH``) in every Python process a test starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NETGUARD = Path(__file__).resolve().parent / "netguard"

sys.path.insert(0, str(NETGUARD))
import netguard as _netguard  # noqa: E402 - the guard goes in before any test runs

_netguard.install()
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(NETGUARD), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]])
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
