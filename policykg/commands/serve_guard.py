"""The guard in front of ``policykg serve``'s Oxigraph server: every request goes through it.

Oxigraph listens on a private loopback port; the guard listens on ``--bind``. A SPARQL query
(``/query``, GET or POST, form or ``application/sparql-query``) is parsed first: ``SERVICE``
(a server-side request to any URL), ``FROM`` and ``LOAD`` are refused with 403 unless the
server was started with ``--allow-service``, text that is not SPARQL 1.1 with 400. Every
answer is read whole from Oxigraph under the per-query deadline and only then sent, with its
length: a query past the deadline ends with 503 and a one-sentence body, never a 200 with a
cut body. Other requests (the query UI, Graph Store reads) are passed on under the same rules.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from policykg.queries.safety import QueryRefused, check
from policykg.store.base import QueryError

MAX_ANSWER_BYTES = 256 * 1024 * 1024
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade",
                "proxy-connection", "te", "trailer"}


class Stopped(Exception):
    """The upstream answer could not be had whole: ``status`` and a one-sentence reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def query_text(method: str, path: str, content_type: str, body: bytes) -> str | None:
    """The SPARQL query of a protocol request (None when the request carries none)."""
    parts = urllib.parse.urlsplit(path)
    params = urllib.parse.parse_qs(parts.query)
    texts = params.get("query", [])
    if method == "POST":
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind == "application/sparql-query":
            texts.append(body.decode("utf-8", "replace"))
        elif kind == "application/x-www-form-urlencoded":
            texts += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    return "\n".join(texts) if texts else None


def fetch(port: int, method: str, path: str, headers: dict[str, str], body: bytes,
          deadline: float, max_bytes: int = MAX_ANSWER_BYTES) -> tuple[int, list, bytes]:
    """Ask the upstream server and read its whole answer before ``deadline`` (monotonic)."""
    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        return remaining

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=left())
    try:
        conn.request(method, path, body=body or None, headers=headers)
        conn.sock.settimeout(left())
        response = conn.getresponse()
        chunks, size = [], 0
        while True:
            conn.sock.settimeout(left())
            chunk = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise Stopped(507, f"the answer is larger than {max_bytes:,} bytes; make the "
                                   "query more selective.")
            chunks.append(chunk)
        return response.status, response.getheaders(), b"".join(chunks)
    except http.client.IncompleteRead:  # the server gave up in the middle (its own timeout)
        raise TimeoutError from None
    finally:
        conn.close()


def make_handler(upstream: int, timeout: float, allow_service: bool) -> type:
    """The request handler class of the guard for an Oxigraph server on ``upstream``."""

    class Guard(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "policykg-serve"

        def _plain(self, status: int, text: str) -> None:
            data = json.dumps({"error": text}, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self) -> None:
            started = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            text = query_text(self.command, self.path, self.headers.get("Content-Type", ""),
                              body)
            if text is not None:
                try:
                    check(text, allow_service=allow_service, allow_update=False)
                except QueryRefused as err:
                    message = str(err).replace("--allow-service", "serve --allow-service")
                    return self._plain(403, message.replace("--allow-update",
                                                            "(this server is read-only)"))
                except QueryError as err:
                    return self._plain(400, str(err))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS
                       and k.lower() != "host"}
            try:
                status, answer_headers, data = fetch(upstream, self.command, self.path,
                                                     headers, body, started + timeout)
            except TimeoutError:
                return self._plain(503, f"the query ran longer than {timeout:g} s and was "
                                        "stopped; make it more selective.")
            except Stopped as err:
                return self._plain(err.status, str(err))
            except OSError as err:
                return self._plain(502, f"the Oxigraph server did not answer ({err}).")
            self.send_response(status)
            for key, value in answer_headers:
                if key.lower() not in _HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _handle

        def log_message(self, *args: object) -> None:  # the console stays quiet
            pass

    return Guard


def guard_server(host: str, port: int, upstream: int, timeout: float,
                 allow_service: bool) -> ThreadingHTTPServer:
    """Bind the guard on ``host:port`` (an OSError when the address is taken)."""
    handler = make_handler(upstream, timeout, allow_service)
    if ":" in host:
        class Server6(ThreadingHTTPServer):
            import socket as _socket

            address_family = _socket.AF_INET6

        server: ThreadingHTTPServer = Server6((host, port), handler)
    else:
        server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
