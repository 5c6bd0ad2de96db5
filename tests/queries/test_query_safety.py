"""The query surface cannot reach the network or the disk, write, run forever or flood:
SERVICE/FROM/LOAD/updates are refused (exit 2) unless enabled, a deadline and a row cap apply,
and user RDF never resolves remote JSON-LD contexts or XML external entities."""

from __future__ import annotations

import time

import pytest

from policykg.cli import main
from policykg.queries.safety import QueryRefused, check, run
from policykg.store.base import QueryTimeout
from policykg.store.memory import MemoryStore
from policykg.store.oxigraph import OxigraphStore

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


def test_csv_cells_cannot_start_a_formula(tmp_path, capsys):
    path = tmp_path / "labels.rq"
    path.write_text('SELECT ?label ?n WHERE { VALUES (?label ?n) { ("=cmd|\' /C calc\'!A0" -5) '
                    '("+1" 2) ("@SUM(A1)" 3) ("-2+3" 4) ("plain" 5) } } ORDER BY ?n',
                    encoding="utf-8")
    assert main(["query", str(path), "--graph", str(MINI), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("'=cmd|") and lines[1].endswith(",-5")  # numbers stay numbers
    assert lines[2:] == ["'+1,2", "'@SUM(A1),3", "'-2+3,4", "plain,5"]
