"""Fixtures for query tests: the hand-written mini graph, the seed graph built at run time,
pyoxigraph stores of both, and real ``oxigraph serve`` endpoints filled with ``policykg push``."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.store.endpoint import EndpointStore
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.trig"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 30.0) -> None:
    """Poll ``url`` until it answers (any HTTP status) or fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def policykg(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the policykg CLI in a subprocess (same interpreter)."""
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout)


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A read-write ``oxigraph serve`` on a free loopback port; yields the query URL."""
    if not OXIGRAPH.is_file():
        if os.environ.get("CI"):
            pytest.fail("the oxigraph CLI is missing from the environment")
        pytest.skip("the oxigraph CLI is not installed")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
    """For each graph: the rdflib store, a pyoxigraph store, and a pushed oxigraph server."""
    out: dict[str, dict[str, object]] = {}
    with contextlib.ExitStack() as stack:
        for name, path in graphs.items():
            base = tmp_path_factory.mktemp(f"engines-{name}")
            memory = MemoryStore.from_file(path)
            oxi = OxigraphStore.create(base / "store", path)
            url = stack.enter_context(oxigraph_server(base / "server"))
            pushed = policykg("push", str(path), "--endpoint", url, "--quiet")
            assert pushed.returncode == 0, pushed.stderr
            out[name] = {"memory": memory, "oxigraph": oxi, "endpoint": EndpointStore(url)}
        yield out
