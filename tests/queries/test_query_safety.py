"""The query surface cannot reach the network or the disk, write, run forever or flood:
SERVICE/FROM/LOAD/updates are refused (exit 2) unless enabled, a deadline and a row cap apply,
and user RDF never resolves remote JSON-LD contexts or XML external entities."""

from __future__ import annotations

import json
import time

import pytest
from rdflib import Graph

from policykg.cli import main
from policykg.queries.safety import QueryRefused, check, run
from policykg.store.base import QueryTimeout, RDFInputError
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore
from policykg.store.rdfinput import load_dataset

from .conftest import MINI

REFUSED = {
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "nested-service": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://x.invalid/> { ?s ?q ?r } } }",
    "exists-service": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://a.invalid/> { ?s ?p ?o } } }",
    "subquery-service": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://b.invalid/> { ?s ?p ?o } } } }",
    "variable-service": "ASK { BIND(EXISTS { SERVICE ?x { ?a ?b ?c } } AS ?e) }",
    "update-service": "INSERT { ?s ?p ?o } WHERE { SERVICE <http://c.invalid/> { ?s ?p ?o } }",
    "from": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <http://x.invalid/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "load": "LOAD <file:///etc/passwd>",
    "insert": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "delete": "DELETE WHERE { ?s ?p ?o }",
    "clear": "CLEAR ALL",
    "drop": "DROP ALL",
    "create": "CREATE GRAPH <urn:g>",
    "copy": "COPY DEFAULT TO <urn:g>",
    "modify": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
}
PATHOLOGICAL = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_cli_refuses_with_one_sentence_and_exit_2(name, tmp_path, capsys):
    path = tmp_path / f"{name}.rq"
    path.write_text(REFUSED[name], encoding="utf-8")
    code = main(["query", str(path), "--graph", str(MINI)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and "refused" in err and "--allow-" in err
    assert "Traceback" not in err


def test_refusal_names_the_feature():
    with pytest.raises(QueryRefused, match="SERVICE"):
        check(REFUSED["service"])
    with pytest.raises(QueryRefused, match="LOAD"):
        check(REFUSED["load"], allow_update=True)
    with pytest.raises(QueryRefused, match="CLEAR"):
        check(REFUSED["clear"])
    check(REFUSED["service"], allow_service=True)
    check(REFUSED["clear"], allow_update=True)


def test_updates_run_only_when_allowed():
    store = MemoryStore.from_file(MINI)
    count = "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }"
    with pytest.raises(QueryRefused):
        run(store, REFUSED["insert"])
    assert run(store, count)[0]["n"].toPython() == 0
    run(store, REFUSED["insert"], allow_update=True)
    assert run(store, count)[0]["n"].toPython() == 1


def test_invalid_sparql_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT * WHERE { ?s ?p ", encoding="utf-8")
    assert main(["query", str(path), "--graph", str(MINI)]) == 2
    assert "not valid SPARQL" in capsys.readouterr().err


def test_timeout_stops_a_pathological_query_in_memory():
    store = MemoryStore.from_file(MINI)
    began = time.monotonic()
    with pytest.raises(QueryTimeout):
        run(store, PATHOLOGICAL, timeout=1.0)
    assert time.monotonic() - began < 10


def test_timeout_stops_a_pathological_query_on_oxigraph(tmp_path):
    store = OxigraphStore.create(tmp_path / "store", MINI)
    began = time.monotonic()
    with pytest.raises(QueryTimeout):
        run(store, PATHOLOGICAL, timeout=2.0)
    assert time.monotonic() - began < 10


def test_cli_timeout_is_one_sentence(tmp_path, capsys):
    path = tmp_path / "slow.rq"
    path.write_text(PATHOLOGICAL, encoding="utf-8")
    assert main(["query", str(path), "--graph", str(MINI), "--timeout", "1"]) == 1
    err = capsys.readouterr().err
    assert "longer than 1 s" in err and "Traceback" not in err


def test_row_cap_truncates_and_warns(tmp_path, capsys):
    store = MemoryStore.from_file(MINI)
    rows = run(store, "SELECT ?s WHERE { ?s a ?t } ORDER BY ?s", limit=3)
    assert len(rows) == 3 and rows.truncated
    path = tmp_path / "all.rq"
    path.write_text("SELECT ?s WHERE { ?s a ?t } ORDER BY ?s", encoding="utf-8")
    assert main(["query", str(path), "--graph", str(MINI), "--limit", "2", "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert len(out.out.strip().splitlines()) == 3  # header + 2 rows
    assert "first 2 rows" in out.err


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
    with pytest.raises(RDFInputError, match="external entity"):
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
    with pytest.raises(RDFInputError, match="external entity or DTD"):
        load_dataset(path)


def test_rdfxml_internal_entities_still_work(tmp_path):
    path = tmp_path / "ok.rdf"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="&ex;a"><ex:p>v</ex:p></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    assert len(load_dataset(path)) == 1


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


def test_csv_cells_cannot_start_a_formula(tmp_path, capsys):
    path = tmp_path / "labels.rq"
    path.write_text('SELECT ?label ?n WHERE { VALUES (?label ?n) { ("=cmd|\' /C calc\'!A0" -5) '
                    '("+1" 2) ("@SUM(A1)" 3) ("-2+3" 4) ("plain" 5) } } ORDER BY ?n',
                    encoding="utf-8")
    assert main(["query", str(path), "--graph", str(MINI), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("'=cmd|") and lines[1].endswith(",-5")  # numbers stay numbers
    assert lines[2:] == ["'+1,2", "'@SUM(A1),3", "'-2+3,4", "plain,5"]
