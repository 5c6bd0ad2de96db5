"""What users see of the links on the seeds: `policykg compare`, the catalog questions (with and
without a union default graph) and the diffusion network (GEXF with dates, GraphML, networkx)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Dataset, URIRef

from policykg.cli import main
from policykg.graph.build.serial import BuildResult
from policykg.graph.compare.links import LINKS_GRAPH
from policykg.ontology.namespace import POL
from policykg.queries import catalog

GD, HP = "粤府办〔2025〕6号", "穗开经信规字〔2025〕7号"
GEXF = "{http://www.gexf.net/1.2draft}"


def _doc(ds: Dataset, number: str) -> URIRef:
    return next(d for d in ds.subjects(POL.documentNumber, None) if str(ds.value(d, POL.documentNumber)) == number
                and (d, POL.source, None) in ds)


def _max_amount(ds: Dataset, measure: URIRef) -> Decimal | None:
    amounts = [Decimal(str(a)) for i in ds.objects(measure, POL.providesInstrument)
               for a in ds.objects(i, POL.maxAmount)]
    return max(amounts) if amounts else None


def test_compare_prints_the_linked_pairs_with_their_amounts(seed_build: BuildResult, capsys) -> None:
    trig = str(seed_build.out / "policykg.trig")
    assert main(["compare", GD, HP, "--graph", trig, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    ds = seed_build.dataset
    gd, hp = _doc(ds, GD), _doc(ds, HP)
    links = ds.graph(LINKS_GRAPH)
    expected = {(int(ds.value(a, POL.ordinal)), int(ds.value(b, POL.ordinal)))
                for a, b in links.subject_objects(POL.similarTo)
                for a, b in [(a, b) if ds.value(a, POL.partOf) == gd else (b, a)]}
    assert {(int(r["ordinalA"]), int(r["ordinalB"])) for r in rows} == expected
    for r in rows:
        ma = next(m for m in ds.objects(gd, POL.hasMeasure) if int(ds.value(m, POL.ordinal)) == int(r["ordinalA"]))
        mb = next(m for m in ds.objects(hp, POL.hasMeasure) if int(ds.value(m, POL.ordinal)) == int(r["ordinalB"]))
        for cell, m in ((r["amountCNYA"], ma), (r["amountCNYB"], mb)):
            assert (Decimal(cell) if cell else None) == _max_amount(ds, m)


def test_compare_of_an_unknown_document_is_one_sentence(seed_build: BuildResult, capsys) -> None:
    trig = str(seed_build.out / "policykg.trig")
    assert main(["compare", GD, "no-such-number", "--graph", trig]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "share no linked measure" in err and "Traceback" not in err


@pytest.mark.parametrize("union", [True, False])
def test_followers_with_and_without_a_union_default_graph(seed_build: BuildResult, union: bool) -> None:
    ds = seed_build.dataset
    store = pyoxigraph.Store()
    store.load(path=str(seed_build.out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    text = catalog.bind(catalog.load("followers"), {"document_number": GD})
    rows = list(store.query(text, use_default_graph_as_union=union))
    assert len(rows) == 1
    row = rows[0]
    issued = {n: dt.date.fromisoformat(str(ds.value(_doc(ds, n), POL.dateIssued))) for n in (GD, HP)}
    assert row["followerNumber"].value == HP
    assert int(row["lagDays"].value) == (issued[HP] - issued[GD]).days
    assert int(row["links"].value) == seed_build.similarity["links"]


def test_measures_like_this_one_lists_its_links_best_first(seed_build: BuildResult) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(seed_build.out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    text = catalog.bind(catalog.load("similar-measures"), {"document_number": GD, "ordinal": "9"})
    rows = list(store.query(text, use_default_graph_as_union=False))
    assert rows and rows[0]["similarNumber"].value == HP
    scores = [float(r["score"].value) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all("theme:" in r["features"].value or "text:" in r["features"].value for r in rows)


def test_diffusion_network_is_dated_gexf_and_graphml(seed_build: BuildResult, tmp_path) -> None:
    ds = seed_build.dataset
    for fmt in ("gexf", "graphml"):
        assert main(["export", str(seed_build.out), "--format", fmt, "--view", "diffusion",
                     "--out", str(tmp_path / f"d.{fmt}")]) == 0
    root = ET.parse(tmp_path / "d.gexf").getroot()
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    starts = {n.get("label"): n.get("start") for n in graph.iter(f"{GEXF}node")}
    assert starts == {n: str(ds.value(_doc(ds, n), POL.dateIssued)) for n in (GD, HP)}
    edges = list(graph.iter(f"{GEXF}edge"))
    assert len(edges) == 1 and edges[0].get("start") == starts[HP]
    assert edges[0].get("source") == str(_doc(ds, GD)) and edges[0].get("target") == str(_doc(ds, HP))
    for g in (nx.read_gexf(tmp_path / "d.gexf"), nx.read_graphml(tmp_path / "d.graphml")):
        assert g.is_directed() and g.number_of_nodes() == 2
        assert list(g.edges()) == [(str(_doc(ds, GD)), str(_doc(ds, HP)))]


def test_offer_changes_across_versions_of_one_jurisdiction(example_build: BuildResult) -> None:
    ds = example_build.dataset
    store = pyoxigraph.Store()
    store.load(path=str(example_build.out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    text = catalog.bind(catalog.load("offer-changes"), {"area": "深圳市"}, store=None)
    rows = list(store.query(text, use_default_graph_as_union=False))
    assert rows
    repeals = set(ds.subject_objects(POL.repeals)) | {(b, a) for a, b in ds.subject_objects(POL.repealedBy)}
    for r in rows:
        link = URIRef(r["link"].value)
        lead, follow = ds.value(link, POL.leader), ds.value(link, POL.follower)
        earlier, later = ds.value(lead, POL.partOf), ds.value(follow, POL.partOf)
        assert r["acrossVersions"].value == ("true" if (later, earlier) in repeals else "false")
        for cell, m in (("earlierAmountCNY", lead), ("laterAmountCNY", follow)):
            got = Decimal(r[cell].value) if r[cell] is not None else None
            assert got == _max_amount(ds, m)
        if r["earlierAmountCNY"] is not None and r["laterAmountCNY"] is not None:
            a, b = Decimal(r["earlierAmountCNY"].value), Decimal(r["laterAmountCNY"].value)
            assert r["amountChange"].value == ("up" if b > a else "down" if b < a else "same")
    assert any(r["acrossVersions"].value == "true" for r in rows)
