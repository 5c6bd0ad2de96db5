"""Test helpers: a free loopback port, waiting for an HTTP server, and a real ``oxigraph serve``
on 127.0.0.1 (the CLI the ``oxigraph`` package installs next to the interpreter)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@contextlib.contextmanager
def oxigraph_server(location: Path, union: bool = True) -> Iterator[str]:
    """A read-write ``oxigraph serve`` on a free loopback port; yields the query URL. ``union``
    starts it with ``--union-default-graph``; without it the default graph is its own, as on
    most public endpoints."""
    if not OXIGRAPH.is_file():
        if os.environ.get("CI"):
            pytest.fail("the oxigraph CLI is missing from the environment")
        pytest.skip("the oxigraph CLI is not installed")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])],
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
