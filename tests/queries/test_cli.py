"""``policykg query`` and ``policykg eligible`` from the command line (labels in Chinese and
English, every output format, the catalog listing, the default graph)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from policykg.cli import main

from .conftest import MINI


def test_query_list_shows_every_question_and_its_parameters(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name in ("eligibility", "timeline", "measure-evidence", "yearly-commitment"):
        assert f"\n{name}\n" in f"\n{out}"
    assert "--param category=<concept-label:category>" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "md"])
def test_every_format_carries_the_same_answer(fmt, capsys):
    assert main(["query", "yearly-commitment", "--graph", str(MINI), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "60000000" in out and "50000000" in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["head"]["vars"][:4] == ["level", "number", "ordinal", "yearlyCNY"]
        assert len(doc["results"]["bindings"]) == 5
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[2]["number"] == "青府办〔2024〕3号" and rows[2]["level"] == "document"
        assert rows[2]["document"] == "https://w3id.org/policykg/id/doc/2024/qing-fu-ban-3"
    if fmt in ("table", "md"):
        assert "id:doc/2024/qing-fu-ban-3" in out


@pytest.mark.parametrize(("category", "area"), [
    ("星火领航企业", "松湖区"), ("星火領航企業", "松湖區"),
    ("spark pathfinder enterprise", "Songhu District"),
])
def test_eligible_accepts_labels_in_either_script_and_english(category, area, capsys):
    code = main(["eligible", "--category", category, "--area", area, "--date", "2025-06-01",
                 "--graph", str(MINI), "--format", "csv", "--all-columns"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {(r["number"], r["match"]) for r in rows} == {
        ("青府办〔2024〕3号", "narrower"), ("青府办〔2024〕3号", "broader"),
        ("松工信规字〔2025〕1号", "broader"), ("松工信规字〔2025〕1号", "exact")}


def test_eligible_unknown_label_is_one_sentence(capsys):
    code = main(["eligible", "--category", "不存在的类别", "--area", "松湖区", "--graph", str(MINI)])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "不存在的类别" in err


def test_eligible_unknown_label_names_the_nearest_ones(capsys):
    """A label one character off is refused (exit 1) with the graph's own nearest labels."""
    code = main(["eligible", "--category", "星火領航企", "--area", "松湖区", "--graph", str(MINI)])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "Did you mean: " in captured.err and "星火领航企业" in captured.err


def test_query_without_a_graph_uses_the_last_build(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["query", "timeline"]) == 2
    assert "build/policykg.trig" in capsys.readouterr().err
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "policykg.trig").write_bytes(MINI.read_bytes())
    assert main(["query", "timeline", "--format", "tsv"]) == 0
    assert "松工信规字〔2023〕4号" in capsys.readouterr().out


def test_show_prints_the_bound_query(capsys):
    assert main(["query", "timeline", "--param", "from=2025-01-01", "--show"]) == 0
    out = capsys.readouterr().out
    assert 'VALUES (?from ?until) { ("2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date> UNDEF) }' in out


def test_bad_parameter_is_a_usage_error(capsys):
    assert main(["query", "timeline", "--graph", str(MINI), "--param", "from=yesterday"]) == 2
    assert "from" in capsys.readouterr().err
    assert main(["query", "timeline", "--graph", str(MINI), "--param", "nonsense"]) == 2


def test_python_api_rows_and_dataframe():
    import policykg

    rows = policykg.query("yearly-commitment", source=MINI, document_number="青府办〔2024〕3号")
    assert [r["yearlyCNY"] for r in rows] == [60000000, 50000000, 10000000]
    frame = policykg.query("vouchers-compared", source=MINI, as_dataframe=True)
    assert list(frame["amountCNY"]) == [2000000.0, 1000000.0, 500000.0]
    text = policykg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/policykg/ontology#Measure> }",
                          source=MINI)
    assert text == [{"n": 10}]


def test_endpoint_credentials_come_from_the_environment_and_are_never_printed(
        monkeypatch, capsys):
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Refuse(BaseHTTPRequestHandler):
        def _refuse(self) -> None:
            seen.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
            self.end_headers()

        do_PUT = do_POST = do_GET = _refuse

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    password = "pa55-word-never-shown"
    monkeypatch.setenv("POLICYKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("POLICYKG_ENDPOINT_PASSWORD", password)
    url = f"http://127.0.0.1:{server.server_port}/query"
    try:
        assert main(["push", str(MINI), "--endpoint", url]) == 1
        assert main(["query", "timeline", "--endpoint", url]) == 1
    finally:
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert password not in captured.out + captured.err
    token = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()
    assert seen and seen[0] == token  # the PUT carried the credentials
