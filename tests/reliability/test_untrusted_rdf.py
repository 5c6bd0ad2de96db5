"""Untrusted RDF files (issue 21, item 5): RDF/XML is parsed with entity expansion disabled, so
a billion-laughs file or a parameter entity spelled with character references is refused at
once with one sentence; reading a --graph file counts in the query's --timeout."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policykg.cli import main

RDF_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n')


def billion_laughs() -> str:
    levels = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">'
                                      for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(levels) + "\n]>\n"
            + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
            "<ex:p>&l9;</ex:p></rdf:Description>\n</rdf:RDF>\n")


def parameter_entity_trick(secret: Path) -> str:
    # the inner declaration is spelled with character references, so no "<!ENTITY … SYSTEM"
    # appears in the bytes: a pattern check passes it, a parser that expands entities reads it
    inner = f"&#x3C;!ENTITY &#x25; leak SYSTEM 'file://{secret}'&#x3E;"
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
            f'<!ENTITY % wrap "{inner}">\n%wrap;\n%leak;\n]>\n' + RDF_HEAD
            + '<rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p>'
            "</rdf:Description>\n</rdf:RDF>\n")


def internal_entity() -> str:
    # the common, harmless-looking idiom: one internal entity abbreviating a namespace
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>\n'
            + RDF_HEAD + '<rdf:Description rdf:about="&ex;a"><ex:p>&ex;</ex:p>'
            "</rdf:Description>\n</rdf:RDF>\n")


def internal_dtd_only() -> str:
    # an internal DTD subset with no entity at all (attribute defaults change the triples)
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ATTLIST ex:p ex:q CDATA "x"> ]>\n'
            + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a"><ex:p>v</ex:p>'
            "</rdf:Description>\n</rdf:RDF>\n")


@pytest.mark.parametrize("command", [["query", "timeline", "--graph"], ["validate"]])
@pytest.mark.parametrize("maker", [internal_entity, internal_dtd_only])
def test_internal_dtd_entities_are_refused_in_one_sentence(tmp_path, capsys, command, maker):
    """Issue 21, item 5: an internal DTD (not only external entities or billion laughs) given to
    ``query``/``validate`` is refused, nothing expanded, in one sentence with exit 2."""
    path = tmp_path / "internal.rdf"
    path.write_text(maker(), "utf-8")
    code = main([*command, str(path)])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert err.strip().count("\n") == 0 and str(path) in err, err
    assert "document type declaration" in err and "never expands entities" in err
    assert "Traceback" not in err and "example.org/a" not in out


@pytest.mark.parametrize("command", [["query", "timeline", "--graph"], ["validate"],
                                     ["export", "--format", "nt", "--out", "OUT"], ["reason"]])
@pytest.mark.parametrize("maker", ["laughs", "parameter"])
def test_entity_tricks_are_refused_at_once(tmp_path, capsys, command, maker):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    path = tmp_path / "evil.rdf"
    path.write_text(billion_laughs() if maker == "laughs" else parameter_entity_trick(secret),
                    "utf-8")
    args = [str(tmp_path / "out.nt") if a == "OUT" else a for a in command]
    if command[0] == "export":
        args = ["export", str(path), *args[1:]]
    else:
        args = [*args, str(path)]
    started = time.monotonic()
    code = main(args)
    out, err = capsys.readouterr()
    assert time.monotonic() - started < 10
    assert code == 2, err
    assert "never expands entities" in err and "Traceback" not in err
    assert "TOP-SECRET" not in out + err
    assert not (tmp_path / "out.nt").exists()


def test_loading_a_graph_counts_in_the_query_timeout(tmp_path, capsys):
    path = tmp_path / "big.nt"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(300_000):
            fh.write(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n")
    started = time.monotonic()
    code = main(["query", "timeline", "--graph", str(path), "--timeout", "0.5"])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"reading {path}" in err and "longer than 0.5 s (--timeout)" in err
    assert elapsed < 8
