"""A local HTTP server for an exported site that negotiates content as the nginx configuration
does (``policykg serve --site DIR``): an extension-less IRI path (``/id/…``, ``/ontology``) is
answered with the file of the variant :func:`negotiate.choose` picks (for a similarity link
or an evidence span, ``…/similar/…``, ``…/evidence/…``, the file of the resource its IRI lies
under, which describes it), ``406`` when the
``Accept`` header allows none, ``Vary: Accept`` on both; every other path is a file of the site,
served with the media type of its suffix. GET and HEAD only; nothing outside DIR is served.
"""

from __future__ import annotations

import re
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policykg.graph.publish.conneg import FILE_TYPES, NOT_ACCEPTABLE
from policykg.graph.publish.negotiate import choose

IRI_PATH = re.compile(r"/(?:id/[A-Za-z0-9_~/-]+|ontology)")  # as in the nginx configuration
# a similarity link or an evidence span: answered with the files of the resource above it
HOSTED = re.compile(r"(/id/[A-Za-z0-9_~-]+(?:/[A-Za-z0-9_~-]+)*?)/(?:similar|evidence)/[A-Za-z0-9_~/-]+")
_TEXT = {".html", ".css", ".ttl", ".jsonld", ".nt", ".nq", ".trig", ".rdf", ".atom", ".json",
         ".js"}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site folder (``directory``) with content negotiation on IRI paths."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      **{"." + s: m + ("; charset=utf-8" if "." + s in _TEXT else "")
                         for s, m in FILE_TYPES.items()}}
    server_version = "policykg-site"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet: the command prints where it serves, not every request."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = unquote(urlsplit(self.path).path)
        if not IRI_PATH.fullmatch(path):
            if path.endswith("/") and path != "/":
                self.send_error(404, "Not Found")
                return None
            return super().send_head()
        suffix = choose(self.headers.get("Accept"))
        if suffix is None:
            body = (NOT_ACCEPTABLE + "\n").encode()
            self.send_response(406)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None
        hosted = HOSTED.fullmatch(path)
        if hosted:
            path = hosted.group(1)
        target = Path(self.directory) / (path.lstrip("/") + suffix)
        if not target.is_file():
            self.send_error(404, "Not Found")
            return None
        self.path = path + suffix
        self._vary = True
        return super().send_head()

    def end_headers(self) -> None:
        if getattr(self, "_vary", False):
            self.send_header("Vary", "Accept")
            self._vary = False
        super().end_headers()


def site_server(site: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A server (not yet serving) for the site folder ``site`` on ``host:port``."""
    handler = partial(SiteHandler, directory=str(site.resolve()))
    return ThreadingHTTPServer((host, port), handler)
