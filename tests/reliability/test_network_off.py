"""Nothing reaches the network unless asked by name (issue 21, item 1): ``validate`` and
``reason`` never fetch a remote JSON-LD context (``--allow-network`` lets them), and a local
server standing in for the remote one sees no request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.cli import main

from .http_stub import fixed, stub_server

CONTEXT = json.dumps({"@context": {"ex": "http://example.org/"}}).encode()


def _jsonld(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "ex:a",
                                "ex:p": "v"}), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["validate"], ["validate", "--engine", "pyshacl"],
                                     ["reason"], ["query", "timeline", "--graph"]])
def test_a_remote_jsonld_context_is_never_fetched(tmp_path, capsys, command):
    with stub_server(fixed(CONTEXT, "application/ld+json")) as stub:
        code = main([*command, str(_jsonld(tmp_path, stub.url))])
    err = capsys.readouterr().err
    assert stub.requests == []
    assert code == 2 and "context" in err and "--allow-network" in err
    assert "Traceback" not in err


def test_allow_network_lets_validate_fetch_the_context(tmp_path, capsys):
    with stub_server(fixed(CONTEXT, "application/ld+json")) as stub:
        code = main(["validate", str(_jsonld(tmp_path, stub.url)), "--allow-network"])
    assert stub.requests == ["GET /context.jsonld"]
    assert code == 0, capsys.readouterr().err
