"""Every catalog query gives identical rows on every engine, with and without a union default
graph: rdflib in memory, a pyoxigraph store, a real ``oxigraph serve`` started with
``--union-default-graph`` and one without it (as most public endpoints are configured), both
filled with ``policykg push``, and Apache Jena ARQ on the dump itself (its default graph is the
file's own, empty one) — for the mini fixture graph and the seed build. No query returns the same
row twice."""

from __future__ import annotations

import pytest

from policykg.queries import catalog
from policykg.queries.safety import run
from policykg.store.rdfinput import load_dataset
from tests.store.jena import arq_select

PARAMS = {
    "mini": {
        "eligibility": {"category": "星火领航企业", "area": "松湖区", "date": "2025-06-01"},
        "measure-evidence": {"document_number": "青府办〔2024〕3号", "ordinal": "2"},
    },
    "seeds": {
        "eligibility": {"category": "专精特新小巨人", "area": "黄埔区", "date": "2026-01-01"},
        "measure-evidence": {"document_number": "粤府办〔2025〕6号", "ordinal": "4"},
    },
}
NAMES = [q.name for q in catalog.list_queries()]
# Questions about similarity links (graph/compare): the hand-written mini graph has none, and the
# seeds have no two documents of one jurisdiction; tests/graph/compare checks them on fixtures.
NO_ANSWER = {("mini", "similar-measures"), ("mini", "followers"), ("mini", "compare-documents"),
             ("mini", "offer-changes"), ("seeds", "offer-changes")}

pytestmark = pytest.mark.server


def _text(graph: str, name: str, store) -> str:
    return catalog.bind(catalog.load(name), PARAMS[graph].get(name, {}), store=store)


@pytest.fixture(scope="module")
def jena_answers(engines, graphs, tmp_path_factory) -> dict[str, dict[str, object]]:
    """Jena ARQ's answer to every catalog query, per graph (one JVM per graph)."""
    out = {}
    for graph, path in graphs.items():
        texts = [_text(graph, name, engines[graph]["memory"]) for name in NAMES]
        answers = arq_select(path, texts, tmp_path_factory.mktemp(f"jena-{graph}"))
        out[graph] = dict(zip(NAMES, answers, strict=True))
    return out


@pytest.mark.parametrize("graph", ["mini", "seeds"])
@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_every_engine(engines, jena_answers, graph, name):
    if (graph, name) in NO_ANSWER:
        pytest.skip(f"the {graph} graph has no answer to {name}")
    stores = engines[graph]
    text = _text(graph, name, stores["memory"])
    answers = {engine: run(store, text) for engine, store in stores.items()}
    answers["jena"] = jena_answers[graph][name]
    memory = answers["memory"]
    assert memory, f"{name} has no answer on the {graph} graph, so agreement would prove nothing"
    for engine, rows in answers.items():
        assert rows.variables == memory.variables, engine
        assert list(rows) == list(memory), engine
    assert {"plain", "endpoint", "jena"} <= set(answers)


@pytest.mark.parametrize("graph", ["mini", "seeds"])
@pytest.mark.parametrize("name", NAMES)
def test_no_duplicate_rows(engines, graph, name):
    rows = run(engines[graph]["oxigraph"], _text(graph, name, engines[graph]["memory"]))
    keys = [tuple(r.get(v) for v in rows.variables) for r in rows]
    assert len(keys) == len(set(keys)), f"{name} repeats rows on the {graph} graph"


def test_push_replaces_graphs_on_re_push(engines, graphs):
    """Pushing the same dump twice leaves the same number of triples (PUT replaces)."""
    from .conftest import policykg

    endpoint = engines["mini"]["endpoint"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = run(endpoint, count)[0]["n"].toPython()
    again = policykg("push", str(graphs["mini"]), "--endpoint", endpoint.url, "--quiet")
    assert again.returncode == 0, again.stderr
    after = run(endpoint, count)[0]["n"].toPython()
    quads = len(set(load_dataset(graphs["mini"]).quads((None, None, None, None))))
    assert before == after == quads


def test_an_empty_answer_from_an_endpoint_says_why(engines, tmp_path, capsys):
    """On a plain server (no union default graph) a query of one's own without GRAPH finds
    nothing, and the note says the data sit in named graphs; a catalog query whose parameters
    match nothing says that instead. A server with a union default graph answers the same
    query of one's own."""
    from policykg.cli import main

    own = tmp_path / "documents.rq"
    own.write_text("PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
                   "SELECT ?d WHERE { ?d a pol:PolicyDocument } ORDER BY ?d\n", encoding="utf-8")
    plain, union = engines["mini"]["plain"].url, engines["mini"]["endpoint"].url
    assert main(["query", str(own), "--endpoint", plain]) == 0
    err = capsys.readouterr().err
    assert "named graphs" in err and "GRAPH ?g" in err
    assert main(["query", str(own), "--endpoint", union, "--format", "tsv"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) > 1 and captured.err == ""
    assert main(["query", "timeline", "--endpoint", plain,
                 "--param", "from=2090-01-01"]) == 0
    assert "parameters match nothing" in capsys.readouterr().err
