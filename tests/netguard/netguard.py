"""Installed in every Python process of a test run (see ``sitecustomize.py``): refuse network access
beyond this machine, so no test run can reach the network unnoticed.

A connection (or DNS look-up) to anything but a loopback address, ``localhost`` or a Unix
socket raises ``ConnectionRefusedError`` naming the address; set ``POLICYKG_TEST_NETWORK=1``
to lift the guard.
"""

from __future__ import annotations

import ipaddress
import os
import socket

_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex
_REAL_GETADDRINFO = socket.getaddrinfo


def _local_host(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").split("%", 1)[0]
    if host in ("", "localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _refuse(what: object) -> ConnectionRefusedError:
    return ConnectionRefusedError(f"the test suite refuses a network connection to {what!r}: "
                                  "tests may only reach servers they start on loopback")


def _check(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        if not _local_host(address[0]):
            raise _refuse(address)


def _connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _REAL_CONNECT(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _REAL_CONNECT_EX(self, address)


def _numeric(host: object) -> bool:
    try:
        ipaddress.ip_address(host.decode() if isinstance(host, bytes) else str(host))
    except ValueError:
        return False
    return True


def _getaddrinfo(host, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - socket's signature
    if not _local_host(host) and not _numeric(host):  # a numeric address is refused at connect
        raise socket.gaierror(socket.EAI_NONAME, str(_refuse(host)))
    return _REAL_GETADDRINFO(host, *args, **kwargs)


def install() -> None:
    """Patch the socket module of this process (idempotent)."""
    if os.environ.get("POLICYKG_TEST_NETWORK") == "1":
        return
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo

