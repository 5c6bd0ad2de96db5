"""No test run reaches the network (issue 21): the guard in ``tests/netguard`` refuses any
connection or look-up beyond loopback, in the test process and in every process it starts."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_a_connection_beyond_loopback_is_refused_in_the_test_process() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(ConnectionRefusedError, match="192.0.2.1"):
            s.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.org", 80)


def test_a_connection_beyond_loopback_is_refused_in_a_child_process() -> None:
    code = ("import socket\n"
            "try:\n"
            "    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except ConnectionRefusedError as err:\n"
            "    print('refused', err)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.startswith("refused"), done.stdout + done.stderr


def test_loopback_stays_open() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
