"""The Apache configurations the site ships, against a real Apache httpd (Debian
``apache2-bin``) started on 127.0.0.1: the site's ``.htaccess`` answers each resource in the
RDF syntax an ``Accept`` header names (HTML otherwise) with ``Vary: Accept`` (a similarity link
or an evidence span with the files of the resource above it) and serves the
file-extension URLs with their media types; ``w3id.htaccess``, placed as w3id.org places it
(``policykg/.htaccess``), redirects resources with 303 and files with 302 to ``--host``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.graph.conftest import export, need_tool

from .servers import (
    MEDIA,
    check_files,
    free_port,
    get,
    hosted_paths,
    linked_source,
    resource_paths,
    running,
)

MODULES = "/usr/lib/apache2/modules"
HOST = "https://data.example.org/kg"
# An Accept header naming one type → the file Apache's rewrite rules serve (hand-written from
# the rules' promise: the first RDF syntax named, else HTML).
CASES = [(None, ".html"), ("text/html", ".html"), ("*/*", ".html"), ("text/turtle", ".ttl"),
         ("application/ld+json", ".jsonld"), ("application/json", ".jsonld"),
         ("application/rdf+xml", ".rdf"), ("application/n-triples", ".nt")]


@pytest.fixture(scope="module")
def apache(mini_trig: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """Apache serving ``/site/`` (the exported site) and ``/w3id/policykg/`` (its w3id rules);
    yields (port, site folder). Run as root, Apache serves as ``nobody``: the folder is made
    world-readable under /tmp."""
    binary = need_tool("/usr/sbin/apache2")
    root = Path(tempfile.mkdtemp(prefix="policykg-apache-"))
    try:
        os.chmod(root, 0o755)
        source = linked_source(mini_trig, Path(tempfile.mkdtemp(prefix="policykg-linked-")))
        site = export(source, "site", root / "site", "--host", HOST)
        shutil.rmtree(source.parent)
        (root / "w3id" / "policykg").mkdir(parents=True)
        shutil.copy(site / "w3id.htaccess", root / "w3id" / "policykg" / ".htaccess")
        for path in [root, *root.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        port = free_port()
        modules = ["mpm_event", "authz_core", "mime", "headers", "rewrite", "dir"]
        conf = root / "httpd.conf"
        conf.write_text(
            f"ServerRoot {root}\nListen 127.0.0.1:{port}\nServerName localhost\n"
            + "".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in modules)
            + ("User nobody\nGroup nogroup\n" if os.geteuid() == 0 else "")
            + f"PidFile {root}/httpd.pid\nErrorLog /dev/stderr\nTypesConfig /dev/null\n"
            f"DocumentRoot {root}\nDirectoryIndex index.html\n"
            f"<Directory {root}>\n  AllowOverride FileInfo Indexes Options\n"
            "  Require all granted\n</Directory>\n")
        with running([binary, "-f", str(conf), "-X"], port):
            yield port, site
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_htaccess_serves_the_format_an_accept_header_names(apache: tuple[int, Path]) -> None:
    port, site = apache
    paths = resource_paths(site)
    for path, files in [(p, p) for p in paths] + hosted_paths(site):
        for accept, expected in CASES:
            status, headers, body = get(port, "/site" + path, accept)
            where = f"{path} Accept: {accept}"
            assert status == 200, where
            assert "accept" in headers.get("vary", "").lower(), where
            assert headers["content-type"].split(";")[0] == MEDIA[expected], where
            assert body == (site / (files.lstrip("/") + expected)).read_bytes(), where
    check_files(port, ["/site" + p for p in paths])


def test_w3id_rules_redirect_resources_and_files_to_the_host(apache: tuple[int, Path]) -> None:
    port, site = apache
    doc = resource_paths(site)[0]  # /id/doc/…
    status, headers, _ = get(port, "/w3id/policykg" + doc, "text/turtle")
    assert status == 303 and headers["location"] == HOST + doc
    status, headers, _ = get(port, "/w3id/policykg/ontology")
    assert status == 303 and headers["location"] == HOST + "/ontology"
    for path in (doc + ".ttl", "/dumps/policykg.nt", "/changes.atom"):
        status, headers, _ = get(port, "/w3id/policykg" + path)
        assert status == 302 and headers["location"] == HOST + path, path
    status, headers, _ = get(port, "/w3id/policykg/")
    assert status == 302 and headers["location"] == HOST + "/"
