"""Building ../shared/seeds gives the seed facts as RDF (queried with SPARQL over the union).

Facts are read from the seed texts at run time where that is easy (document numbers, counts of
articles, which articles name an agency); figures and dates are asserted as numbers.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import pytest
from rdflib import URIRef

from policykg.cli import main
from policykg.graph.model import iri
from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import ID, POL
from tests.conftest import seed_file

NS = {"pol": POL._NS, "id": ID}
HAN_NUM = "一二三四五六七八九十"
NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+[号號]")


@pytest.fixture(scope="module")
def seeds_build(seeds_dir, tmp_path_factory):
    pytest.importorskip("policykg.loaders.route", reason="the source loader is not there yet")
    from policykg.graph.build.serial import build

    out = tmp_path_factory.mktemp("seeds-build")
    return build([seeds_dir], out=out, validate=False)


def _rows(result, query: str) -> list:
    return list(result.dataset.query(query, initNs=NS))


def _text(prefix: str) -> str:
    return seed_file(prefix).read_text(encoding="utf-8")


def _number_in(prefix: str) -> str:
    head = _text(prefix)[:600]
    return to_simplified(NUMBER.search(head).group(0))


def _doc(prefix: str) -> URIRef:
    return iri.document_iri(_number_in(prefix))


def test_official_documents_have_their_numbers(seeds_build) -> None:
    numbers = {str(r.n) for r in _rows(seeds_build, "SELECT ?n { ?d pol:documentNumber ?n ; pol:source ?s }")}
    assert {_number_in("001"), _number_in("003")} <= numbers
    assert _number_in("001") == "粤府办〔2025〕6号"
    assert _doc("001") == ID["doc/2025/yue-fu-ban-6"]
    assert _doc("003") == ID["doc/2025/sui-kai-jing-xin-gui-zi-7"]


def test_dates_and_validity(seeds_build) -> None:
    g = seeds_build.dataset
    d1, d3 = _doc("001"), _doc("003")
    assert str(g.value(d1, POL.dateIssued)) == "2025-03-09"
    assert str(g.value(d3, POL.dateIssued)) == "2025-06-27"
    assert str(g.value(d1, POL.validUntil)) == "2027-12-31"
    assert str(g.value(d1, POL.validFrom)) == "2025-03-09"  # derived from the issue date
    assert str(g.value(d3, POL.validFrom)) == "2025-06-27"  # 自印发之日起
    assert str(g.value(d3, POL.validUntil)) in ("2028-06-26", "2028-06-27")  # 有效期3年


def test_measure_counts_match_the_numbered_articles(seeds_build) -> None:
    text1 = _text("001")
    articles1 = len(re.findall(rf"(?:^|\s)[{HAN_NUM}]{{1,3}},*、", text1))
    articles3 = len(set(re.findall(rf"(?m)^第[{HAN_NUM}]+[条條]", _text("003"))))
    assert (articles1, articles3) == (12, 15)
    for prefix, expected in (("001", articles1), ("003", articles3)):
        q = f"SELECT (COUNT(DISTINCT ?m) AS ?n) {{ <{_doc(prefix)}> pol:hasMeasure ?m . ?m pol:partOf <{_doc(prefix)}> }}"
        assert int(_rows(seeds_build, q)[0].n) == expected, prefix


def test_capped_reward_with_a_yearly_quota(seeds_build) -> None:
    q = f"""SELECT ?i {{ <{_doc('001')}> pol:hasMeasure/pol:providesInstrument ?i .
        ?i a pol:Reward ; pol:maxAmount ?a ; pol:maxRecipients 10 ; pol:period pol:PerYear .
        FILTER(?a = 8000000) }}"""
    assert _rows(seeds_build, q)


def test_threshold_is_never_a_cap(seeds_build) -> None:
    q = f"""SELECT ?i {{ <{_doc('001')}> pol:hasMeasure/pol:providesInstrument ?i .
        ?i pol:minThreshold ?t FILTER(?t = 100000000) }}"""
    assert _rows(seeds_build, q)
    q = "SELECT ?i { ?i pol:maxAmount ?a FILTER(?a = 100000000) }"
    assert not _rows(seeds_build, q)


def test_compute_voucher_budget(seeds_build) -> None:
    q = f"""SELECT ?i {{ <{_doc('003')}> pol:hasMeasure/pol:providesInstrument ?i .
        ?i a pol:ComputeVoucher ; pol:totalBudget ?b FILTER(?b = 10000000) }}"""
    assert _rows(seeds_build, q)
    [row] = _rows(seeds_build, "SELECT ?b { ?i a pol:ComputeVoucher ; pol:totalBudget ?b } LIMIT 1")
    assert Decimal(str(row.b)) == Decimal("10000000")


def test_responsible_agency_of_measures(seeds_build) -> None:
    articles = re.split(rf"(?m)^第[{HAN_NUM}]+[条條]", _text("003"))[1:]
    named = sum(1 for a in articles
                if re.search(r"[責责]任[單单]位[^)）]*[區区]工[業业]和信息化局", a))
    assert named == 10
    q = f"""SELECT (COUNT(DISTINCT ?m) AS ?n) {{ <{_doc('003')}> pol:hasMeasure ?m .
        ?m pol:responsibleAgency ?a . ?a rdfs:label|skos:prefLabel|skos:altLabel ?l .
        FILTER(STR(?l) = "广州市黄埔区工业和信息化局") }}"""
    assert int(_rows(seeds_build, q)[0].n) == named


def test_repeals_with_inverses_and_stubs(seeds_build) -> None:
    text = to_simplified(_text("003"))
    sentence = text[:text.index("同时废止")]
    sentence = sentence[sentence.rindex("。") + 1:]
    repealed = {iri.document_iri(n) for n in NUMBER.findall(sentence)}
    assert len(repealed) == 2
    g = seeds_build.dataset
    for old in repealed:
        assert (_doc("003"), POL.repeals, old) in g
        assert (old, POL.repealedBy, _doc("003")) in g
        assert g.value(old, POL.source) is None  # cited only: a stub
        assert g.value(old, POL.documentNumber) is not None
    assert (_doc("003"), POL.nonCumulative, None) in g


def test_a_stub_merges_with_the_loaded_document(seeds_build) -> None:
    import dataclasses

    from policykg.graph.model.dataset import add_graph
    from policykg.graph.model.triples import document_graph
    from policykg.loaders.records import DocRef
    from tests.graph.conftest import synthetic_document

    doc = synthetic_document()
    ref = DocRef(doc.repeals[0].span, number=_number_in("001"))
    citing = document_graph(dataclasses.replace(doc, repeals=[], based_on=[ref]))
    ds = seeds_build.dataset
    add_graph(ds, citing.graph_name, citing.graph)
    try:
        nodes = {r.d for r in ds.query(
            "SELECT ?d { ?d pol:documentNumber ?n FILTER(STR(?n) = '粤府办〔2025〕6号') }",
            initNs=NS)}
        assert nodes == {_doc("001")}
        assert ds.value(_doc("001"), POL.source) is not None
        assert (citing.main, POL.basedOn, _doc("001")) in ds
    finally:
        ds.remove_graph(ds.graph(citing.graph_name))


def test_every_source_has_a_report_entry(seeds_build, seeds_dir) -> None:
    report = json.loads((seeds_build.out / "report.json").read_text(encoding="utf-8"))
    paths = {e["path"] for e in report["sources"]}
    assert len(paths) == len(list(seeds_dir.glob("*.txt")))
    officials = [e for e in report["sources"] if e["kind"] == "official"]
    assert len(officials) == 2 and all(e["status"] == "ok" for e in officials)
    assert report["totals"]["measures"] == 27


def test_failed_sources_are_reported_and_the_others_built(seeds_dir, tmp_path, capsys) -> None:
    pytest.importorskip("policykg.loaders.route", reason="the source loader is not there yet")
    src = tmp_path / "src"
    src.mkdir()
    for prefix in ("001", "003"):
        shutil.copy(seed_file(prefix), src / seed_file(prefix).name)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    code = main(["build", str(src), "--out", str(out), "--no-validate"])
    assert code == 3
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_name = {e["path"].rsplit("/", 1)[-1]: e for e in report["sources"]}
    for bad in ("empty.txt", "binary.txt"):
        assert by_name[bad]["status"] == "failed" and by_name[bad]["error"], bad
    assert sum(e["status"] == "ok" for e in report["sources"]) == 2
    assert report["totals"]["documents"] == 2
    assert "failed:" in capsys.readouterr().out
    assert (out / "policykg.trig").read_text(encoding="utf-8").count("pol:PolicyDocument") >= 2


def test_usage_errors_exit_2(tmp_path, capsys) -> None:
    assert main(["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 2


def test_extracted_nodes_carry_evidence_that_quotes_the_seed(seeds_build) -> None:
    from policykg.ontology.namespace import OA

    g = seeds_build.dataset
    for prefix in ("001", "003"):
        text = _text(prefix)
        doc = _doc(prefix)
        nodes = [doc, *g.objects(doc, POL.hasMeasure)]
        nodes += [i for m in list(g.objects(doc, POL.hasMeasure))
                  for i in g.objects(m, POL.providesInstrument)]
        for node in nodes:
            evidence = list(g.objects(node, POL.evidence))
            assert evidence, node
            for ev in evidence:
                start, end = int(g.value(ev, OA.start)), int(g.value(ev, OA.end))
                assert text[start:end] == str(g.value(ev, OA.exact)), ev


def test_official_nodes_are_labelled_in_both_scripts(seeds_build) -> None:
    from rdflib import RDF, RDFS

    for prefix in ("001", "003"):
        graph = seeds_build.dataset.graph(iri.graph_iri(_doc(prefix)))
        typed = set(graph.subjects(RDF.type, None)) - set(graph.subjects(RDF.type, POL.Evidence))
        for node in typed:
            langs = {lit.language for lit in graph.objects(node, RDFS.label)}
            assert {"zh-Hans", "zh-Hant"} <= langs, node


def test_many_sources_show_a_progress_bar(tmp_path, monkeypatch, capsys) -> None:
    from policykg.graph.build import serial as build_mod
    from policykg.loaders.records import LoadResult
    from tests.graph.conftest import SYNTHETIC_TEXT, synthetic_document

    src = tmp_path / "src"
    src.mkdir()
    for n in range(21):
        text = SYNTHETIC_TEXT.replace("测府办〔2024〕12号", f"测府办〔2024〕{100 + n}号")
        (src / f"doc{n:02d}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(build_mod, "_load", lambda p: LoadResult(
        str(p), synthetic_document(p.read_text(encoding="utf-8"), name=p.name)))
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--no-validate"]) == 0
    captured = capsys.readouterr()
    assert "21/21" in captured.err
    header, values = captured.out.splitlines()[:2]
    assert header.split() == ["documents", "measures", "offers", "agencies", "reports", "claims",
                              "triples", "graphs", "quads", "warnings", "seconds"]
    assert values.split()[:3] == ["21", "42", "42"]


def test_stats_of_the_seed_build(seeds_build) -> None:
    from policykg.graph.export.stats import compute, load_graph

    st = compute(load_graph(seeds_build.out / "policykg.trig"))
    assert sorted(r.number for r in st.documents) == sorted([_number_in("001"), _number_in("003")])
    assert sum(r.measures for r in st.documents) == 27
    assert sum(r.instruments for r in st.documents) == seeds_build.totals["instruments"]
    assert st.agencies == seeds_build.totals["agencies"] > 0
