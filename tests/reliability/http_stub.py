"""A tiny HTTP server on loopback for the reliability tests: it counts the requests it gets
and answers each with what the test asks (a fixed body, a slow drip, an endless stream or
garbage), so a test can show that policykg fetched nothing, or gave up in time."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Stub:
    """What the server answers and what it saw."""

    url: str
    answer: Callable[[BaseHTTPRequestHandler], None]
    requests: list[str] = field(default_factory=list)


def fixed(body: bytes, content_type: str = "application/json") -> Callable:
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return answer


def drip(head: bytes, seconds: float = 1.0) -> Callable:
    """A 200 answer that sends one byte every ``seconds``, for ever."""
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.end_headers()
        h.wfile.write(head)
        with contextlib.suppress(OSError):
            while True:
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(seconds)
    return answer


def flood(head: bytes) -> Callable:
    """A 200 answer with no length that never ends (as fast as the client reads)."""
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.end_headers()
        h.wfile.write(head)
        block = b" " * (1 << 16)
        with contextlib.suppress(OSError):
            while True:
                h.wfile.write(block)
    return answer


def garbage(h: BaseHTTPRequestHandler) -> None:
    """Not HTTP at all."""
    h.wfile.write(b"\x00\x01 this is not an HTTP status line\r\n\r\n")
    h.close_connection = True


@contextlib.contextmanager
def stub_server(answer: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[Stub]:
    """Serve ``answer`` on a free loopback port until the block ends."""
    stub = Stub("", answer)

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            stub.requests.append(f"{self.command} {self.path}")
            stub.answer(self)

        do_GET = do_POST = do_PUT = _any

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    stub.url = f"http://{host}:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def busy_port() -> Iterator[int]:
    """A loopback port that something is already listening on (for the duration)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    try:
        yield s.getsockname()[1]
    finally:
        s.close()
