"""Any SPARQL 1.1 server: queries over the SPARQL Protocol (SPARQLWrapper), uploads over the Graph
Store Protocol, credentials from the environment and never printed."""

from __future__ import annotations

import base64
import os
import re
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
)

ENV_USER = "POLICYKG_ENDPOINT_USER"
ENV_PASSWORD = "POLICYKG_ENDPOINT_PASSWORD"





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
    name = "endpoint"

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.url).scheme
        if scheme not in ("http", "https"):
            raise RDFInputError(f"--endpoint {redact_url(self.url)}: use an http(s):// URL.")

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
        sw = self._wrapper(self.url, timeout)
        sw.setQuery(strip_comments(sparql))
        if sw.isSparqlUpdateRequest():  # SPARQLWrapper guessed wrong: this is a query
            sw.queryType = "SELECT"
        try:
            response = sw.query()
            doc = response.convert()
        except Exception as err:  # noqa: BLE001 - transport and HTTP errors become one sentence
            if "timed out" in str(err).lower() or isinstance(err, TimeoutError):
                raise QueryTimeout(f"the endpoint {redact_url(self.url)} did not answer within "
                                   f"{timeout:g} s.") from err
            raise QueryError(f"the endpoint {redact_url(self.url)} failed "
                             f"({type(err).__name__}: {first_line(err)[:200]}).") from err
        if isinstance(doc, dict):
            return rows_from_json(doc, limit)
        if isinstance(doc, Graph):
            variables = ["subject", "predicate", "object"]
            triples = sorted(doc, key=lambda t: tuple(x.n3() for x in t))
            rows = [dict(zip(variables, (normalise_term(x) for x in t), strict=True))
                    for t in triples]
            truncated = limit is not None and len(rows) > limit
            return Rows(rows[:limit] if truncated else rows, variables, truncated)
        raise QueryError(f"the endpoint {redact_url(self.url)} gave an unexpected answer.")

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
        raise QueryError(f"{redact_url(store_url)} cannot be reached ({reason}).") from err
