"""Any SPARQL 1.1 server: queries over the SPARQL Protocol (SPARQLWrapper), uploads over the Graph
Store Protocol, credentials from the environment and never printed."""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.graph import Graph

from policykg.store.base import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryError,
    QueryTimeout,
    RDFInputError,
    Rows,
    Store,
    first_line,
    normalise_term,
    rows_from_json,
    run_with_deadline,
)

ENV_USER = "POLICYKG_ENDPOINT_USER"
ENV_PASSWORD = "POLICYKG_ENDPOINT_PASSWORD"
MAX_RESPONSE_BYTES = 256 * 1024 * 1024  # the largest answer read from an endpoint
_CHUNK = 1 << 16


def read_capped(response, max_bytes: int, url: str) -> bytes:
    """The body of an HTTP ``response``, read in chunks; a :class:`QueryError` as soon as it
    is (or announces to be) larger than ``max_bytes``."""
    too_big = (f"the endpoint {redact_url(url)} answered with more than {max_bytes:,} bytes "
               "(--max-response); make the query more selective or raise the limit.")
    length = response.headers.get("Content-Length") if response.headers else None
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise QueryError(too_big)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            response.close()
            raise QueryError(too_big)
        chunks.append(chunk)



def redact_url(url: str) -> str:
    """The URL without any user:password part (safe to print)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
    return url


def _credentials() -> tuple[str, str] | None:
    user = os.environ.get(ENV_USER)
    if not user:
        return None
    return user, os.environ.get(ENV_PASSWORD, "")


@dataclass
class EndpointStore(Store):
    """Any SPARQL 1.1 endpoint (queries via SPARQLWrapper; credentials from the environment).

    The endpoint must expose the union of named graphs as its default graph (Oxigraph:
    ``--union-default-graph``; Fuseki: ``unionDefaultGraph``).
    """

    url: str
    update_url: str | None = None
    max_bytes: int = MAX_RESPONSE_BYTES
    name = "endpoint"

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.url).scheme
        if scheme not in ("http", "https"):
            raise RDFInputError(f"--endpoint {redact_url(self.url)}: use an http(s):// URL.")
        if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7f for c in self.url):
            raise RDFInputError(f"--endpoint {redact_url(self.url)!r}: a URL holds no spaces or "
                                "control characters; percent-encode them (%20).")

    def _wrapper(self, url: str, timeout: float | None):
        from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

        sw = SPARQLWrapper(url)
        sw.setMethod(POST)
        sw.setRequestMethod(URLENCODED)
        sw.setReturnFormat(JSON)
        if timeout is not None:
            sw.setTimeout(max(1, int(round(timeout))))
        creds = _credentials()
        if creds:
            sw.setCredentials(*creds)
        return sw

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        """Ask the endpoint; the whole exchange (connection, answer, parsing) runs under
        ``timeout`` seconds and the answer may not exceed ``max_bytes``."""
        from SPARQLWrapper import TURTLE

        sw = self._wrapper(self.url, timeout)
        sw.setQuery(strip_comments(sparql))
        if sw.isSparqlUpdateRequest():  # SPARQLWrapper guessed wrong: this is a query
            sw.queryType = "SELECT"
        graph_answer = sw.queryType in ("CONSTRUCT", "DESCRIBE")
        if graph_answer:
            sw.setReturnFormat(TURTLE)
        opened: list = []

        def exchange() -> Rows:
            response = sw.query().response
            opened.append(response)
            body = read_capped(response, self.max_bytes, self.url)
            return self._rows(body, graph_answer, limit)

        def hang_up() -> None:  # close() would wait for the reader's lock: shut the socket
            for response in opened:
                raw = getattr(getattr(response, "fp", None), "raw", None)
                sock = getattr(raw, "_sock", None)
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)

        try:
            return run_with_deadline(exchange, timeout, on_timeout=hang_up,
                                     what=f"the endpoint {redact_url(self.url)}'s answer")
        except (QueryError, QueryTimeout):
            raise
        except Exception as err:  # noqa: BLE001 - transport and HTTP errors become one sentence
            if "timed out" in str(err).lower() or isinstance(err, TimeoutError):
                raise QueryTimeout(f"the endpoint {redact_url(self.url)} did not answer within "
                                   f"{timeout:g} s.", f"the endpoint {redact_url(self.url)}"
                                   ) from err
            raise QueryError(f"the endpoint {redact_url(self.url)} failed "
                             f"({type(err).__name__}: {first_line(err)[:200]}).") from err

    def _rows(self, body: bytes, graph_answer: bool, limit: int | None) -> Rows:
        """The rows of an answer: SPARQL JSON results, or a Turtle graph for CONSTRUCT."""
        where = redact_url(self.url)
        if graph_answer:
            try:
                doc = Graph().parse(data=body, format="turtle")
            except Exception as err:  # noqa: BLE001 - a parser error is the endpoint's answer
                raise QueryError(f"the endpoint {where} answered with a graph that is not "
                                 f"valid Turtle ({first_line(err)[:160]}).") from err
            variables = ["subject", "predicate", "object"]
            triples = sorted(doc, key=lambda t: tuple(x.n3() for x in t))
            rows = [dict(zip(variables, (normalise_term(x) for x in t), strict=True))
                    for t in triples]
            truncated = limit is not None and len(rows) > limit
            return Rows(rows[:limit] if truncated else rows, variables, truncated)
        try:
            doc = json.loads(body)
        except ValueError as err:
            raise QueryError(f"the endpoint {where} answered with something that is not "
                             "SPARQL JSON results; is the URL its query endpoint?") from err
        if not isinstance(doc, dict) or not ("boolean" in doc or "results" in doc):
            raise QueryError(f"the endpoint {where} gave an unexpected answer.")
        return rows_from_json(doc, limit)

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        from SPARQLWrapper import POST

        url = self.update_url or re.sub(r"/query$|/sparql$", "/update", self.url)
        sw = self._wrapper(url, timeout)
        sw.setMethod(POST)
        sw.setQuery(sparql)
        try:
            sw.query()
        except Exception as err:  # noqa: BLE001
            raise QueryError(f"the endpoint {redact_url(url)} refused the update "
                             f"({type(err).__name__}).") from err


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)


def strip_comments(sparql: str) -> str:
    """The query without ``#`` comments (strings and IRIs containing ``#`` are kept)."""
    return _TOKEN.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), sparql)


def blank_literals(sparql: str) -> str:
    """The query with its strings, IRIs and comments blanked out (what is left: keywords,
    variables, prefixed names, punctuation)."""
    return _TOKEN.sub(" ", sparql)


def graph_store_url(endpoint: str) -> str:
    """Guess the Graph Store Protocol URL of an endpoint (Oxigraph: ``/query`` → ``/store``)."""
    return re.sub(r"/(query|sparql)/?$", "/store", endpoint)


def gsp_put(store_url: str, graph: URIRef | None, data: bytes, *,
            content_type: str = "application/n-triples", timeout: float = 120.0) -> int:
    """Replace one graph at a Graph Store Protocol endpoint (``graph=None`` → the default graph)."""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": str(graph)})
    sep = "&" if "?" in store_url else "?"
    request = urllib.request.Request(f"{store_url}{sep}{query}", data=data, method="PUT",
                                     headers={"Content-Type": content_type})
    creds = _credentials()
    if creds:
        token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as err:
        raise QueryError(f"{redact_url(store_url)} refused graph {graph or 'default'} "
                         f"(HTTP {err.code}).") from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise EndpointUnusable(f"{redact_url(store_url)} cannot be reached ({reason}).") from err
    except http.client.HTTPException as err:
        raise EndpointUnusable(f"{redact_url(store_url)} did not answer in HTTP "
                               f"({type(err).__name__}); is it a Graph Store endpoint?") from err


class EndpointUnusable(QueryError):
    """The URL given reaches no server, or one that does not speak the protocol."""
