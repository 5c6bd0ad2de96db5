"""User RDF is read safely: never a remote JSON-LD context, never an XML entity or DTD (the
parser expands none); plain RDF/XML and the packaged policykg context still work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from policykg.cli import main
from policykg.store.base import RDFInputError
from policykg.store.rdfinput import load_dataset

SECRET = "s3cret-token-do-not-read"


def test_rdfxml_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    payload = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description>
</rdf:RDF>
"""
    path = tmp_path / "evil.rdf"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(RDFInputError, match="never expands entities"):
        load_dataset(path)
    # and even past our check, the XML parser leaves the entity unresolved
    g = Graph()
    try:
        g.parse(data=payload, format="xml")
    except Exception:  # noqa: BLE001 - refusing to parse is fine too
        pass
    assert all(SECRET not in str(o) for o in g.objects())


def test_rdfxml_external_dtd_is_refused(tmp_path):
    path = tmp_path / "dtd.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/x.dtd">\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
                    encoding="utf-8")
    with pytest.raises(RDFInputError, match="document type declaration"):
        load_dataset(path)


def test_rdfxml_internal_entities_are_refused_not_expanded(tmp_path):
    path = tmp_path / "ok.rdf"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="&ex;a"><ex:p>v</ex:p></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    with pytest.raises(RDFInputError, match="convert the file to Turtle"):
        load_dataset(path)


def test_plain_rdfxml_still_works_with_relative_iris(tmp_path):
    path = tmp_path / "ok.rdf"
    path.write_text("""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"
         xml:lang="zh-Hans">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>值</ex:p></rdf:Description>
  <rdf:Description rdf:about="b"><ex:q rdf:resource="http://example.org/a"/></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    triples = {(str(s), str(p), str(o)) for s, p, o in load_dataset(path).triples((None, None, None))}
    assert triples == {("http://example.org/a", "http://example.org/p", "值"),
                       (path.resolve().with_name("b").as_uri(), "http://example.org/q",
                        "http://example.org/a")}


@pytest.mark.parametrize("context", [
    "http://127.0.0.1:9/context.jsonld",
    ["https://example.invalid/ctx.jsonld", {"ex": "http://example.org/"}],
    {"@import": "http://127.0.0.1:9/ctx.jsonld"},
    "file:///etc/passwd",
])
def test_jsonld_remote_contexts_are_refused(tmp_path, context):
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": context, "@id": "http://example.org/a",
                                "http://example.org/p": "v"}), encoding="utf-8")
    with pytest.raises(RDFInputError, match="context"):
        load_dataset(path)


def test_jsonld_with_policykg_context_is_read_from_the_package(tmp_path):
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": "https://w3id.org/policykg/context.jsonld",
                                "@id": "https://w3id.org/policykg/id/doc/x",
                                "@type": "pol:PolicyDocument"}), encoding="utf-8")
    triples = list(load_dataset(path).triples((None, None, None)))
    assert [str(t[2]) for t in triples] == ["https://w3id.org/policykg/ontology#PolicyDocument"]


def test_cli_refuses_an_unsafe_graph_file(tmp_path, capsys):
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": "http://127.0.0.1:9/c.jsonld"}), encoding="utf-8")
    assert main(["query", "timeline", "--graph", str(path)]) == 2
    assert "context" in capsys.readouterr().err


def test_rdfxml_input_never_resolves_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    source = tmp_path / "xxe.rdf"
    source.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '<rdf:Description rdf:about="https://w3id.org/policykg/id/x">'
        "<rdfs:label>&xxe;</rdfs:label></rdf:Description>\n</rdf:RDF>\n")
    out = tmp_path / "out.nt"
    code = main(["export", str(source), "--format", "nt", "--out", str(out)])
    if code == 0:
        assert "TOP-SECRET-VALUE" not in out.read_text("utf-8")
    else:
        assert code == 2 and not out.exists()
