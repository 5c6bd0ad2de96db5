"""Fixtures for query tests: the hand-written mini graph, the seed graph built at run time,
pyoxigraph stores of both, and real ``oxigraph serve`` endpoints (with and without a union
default graph) filled with ``policykg push``."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.store.endpoint import EndpointStore
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore
from tests.store.servers import oxigraph_server

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.trig"


def policykg(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the policykg CLI in a subprocess (same interpreter)."""
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="session")
def seed_build(seeds_dir, tmp_path_factory) -> Path:
    """``policykg build`` of the seed corpus into a temp folder; the path of its TriG dump."""
    out = tmp_path_factory.mktemp("seed-build")
    done = policykg("build", str(seeds_dir), "--out", str(out), "--no-validate", "--quiet")
    trig = out / "policykg.trig"
    assert done.returncode in (0, 3) and trig.is_file(), done.stderr[-2000:]
    return trig


@pytest.fixture(scope="session")
def graphs(seed_build) -> dict[str, Path]:
    return {"mini": MINI, "seeds": seed_build}


@pytest.fixture(scope="session")
def mini_memory() -> MemoryStore:
    return MemoryStore.from_file(MINI)


@pytest.fixture(scope="session")
def seed_memory(seed_build) -> MemoryStore:
    return MemoryStore.from_file(seed_build)


@pytest.fixture(scope="session")
def engines(graphs, tmp_path_factory) -> Iterator[dict[str, dict[str, object]]]:
    """For each graph: the rdflib store, a pyoxigraph store, and two pushed ``oxigraph serve``:
    ``endpoint`` with ``--union-default-graph``, ``plain`` without it."""
    out: dict[str, dict[str, object]] = {}
    with contextlib.ExitStack() as stack:
        for name, path in graphs.items():
            base = tmp_path_factory.mktemp(f"engines-{name}")
            memory = MemoryStore.from_file(path)
            oxi = OxigraphStore.create(base / "store", path)
            out[name] = {"memory": memory, "oxigraph": oxi}
            for engine, union in (("endpoint", True), ("plain", False)):
                url = stack.enter_context(oxigraph_server(base / engine, union=union))
                pushed = policykg("push", str(path), "--endpoint", url, "--quiet")
                assert pushed.returncode == 0, pushed.stderr
                out[name][engine] = EndpointStore(url)
        yield out
