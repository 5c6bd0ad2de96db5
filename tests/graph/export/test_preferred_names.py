"""One preferred name per entity, shown everywhere (issue 22, item 3).

On the seed build: no node has two ``rdfs:label`` or two ``skos:prefLabel`` in one language, nor
an ``rdfs:label`` that differs from its ``skos:prefLabel``; and the issuers and jurisdictions of
the Guangzhou Development District / Huangpu District document (seed 003, its number read from
the source) carry that preferred name in ``stats``, ``tables``, a GraphML export and a catalog
query. The zone and the district that share one administration are two areas, each with one
preferred name (the other forms as ``skos:altLabel``); a document issued for both names both,
in the same order and with the same separator, everywhere."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from policykg.cli import main
from policykg.graph.export.stats import compute
from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import POL
from policykg.queries import catalog
from policykg.queries.safety import run
from policykg.store.memory import MemoryStore
from tests.conftest import seed_file
from tests.graph.conftest import export

NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+[号號]")


@pytest.fixture(scope="module")
def seed_ds(seed_build: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(seed_build / "policykg.trig", format="trig")
    return ds


@pytest.fixture(scope="module")
def zone_doc(seed_ds: Dataset) -> URIRef:
    """The document of seed 003, found by the number its text gives."""
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    numbers = {m.group(0) for m in NUMBER.finditer(text)}
    docs = [d for d in seed_ds.subjects(POL.documentNumber, None)
            if str(seed_ds.value(d, POL.documentNumber)) in numbers
            and seed_ds.value(d, POL.source) is not None]
    assert len(docs) == 1, numbers
    return docs[0]


def pref(ds: Dataset, node: URIRef) -> str:
    labels = {str(x) for x in ds.objects(node, SKOS.prefLabel)
              if isinstance(x, Literal) and x.language == "zh-Hans"}
    labels |= {str(x) for x in ds.objects(node, RDFS.label)
               if isinstance(x, Literal) and x.language == "zh-Hans"}
    assert len(labels) == 1, (node, labels)
    return labels.pop()


def test_no_node_has_two_preferred_names_in_one_language(seed_ds: Dataset) -> None:
    two = list(seed_ds.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?s ?a ?b WHERE {
          VALUES (?p ?q) { (rdfs:label rdfs:label) (skos:prefLabel skos:prefLabel)
                           (rdfs:label skos:prefLabel) }
          ?s ?p ?a ; ?q ?b .
          FILTER(LANG(?a) = LANG(?b) && STR(?a) != STR(?b))
        }"""))
    assert two == []
    # the query finds them when there are some
    ds = Dataset(default_union=True)
    node = URIRef("https://example.org/zone")
    ds.add((node, RDFS.label, Literal("甲", lang="zh-Hans")))
    ds.add((node, SKOS.prefLabel, Literal("乙", lang="zh-Hans")))
    assert len(list(ds.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s WHERE { ?s rdfs:label ?a ; skos:prefLabel ?b
                          FILTER(LANG(?a) = LANG(?b) && STR(?a) != STR(?b)) }"""))) == 1


def test_the_zone_and_the_district_each_keep_one_name_and_the_other_forms_as_alternatives(
        seed_ds: Dataset, zone_doc: URIRef) -> None:
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    areas = sorted(seed_ds.objects(zone_doc, POL.jurisdiction))
    assert len(areas) == 2
    for area in areas:
        names = {str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in seed_ds.objects(area, p)}
        assert any(n in text for n in names), area  # the source names each area
        alt = {str(x) for x in seed_ds.objects(area, SKOS.altLabel)}
        assert pref(seed_ds, area) not in alt


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_stats_tables_graphml_and_a_catalog_query_show_the_preferred_names(
        seed_build: Path, seed_ds: Dataset, zone_doc: URIRef, tmp_path: Path) -> None:
    issuers = sorted(seed_ds.objects(zone_doc, POL.issuedBy))
    text = to_simplified(seed_file("003").read_text(encoding="utf-8"))
    assert issuers and any(pref(seed_ds, a) in text for a in issuers)
    issuer_names = "; ".join(sorted(pref(seed_ds, a) for a in issuers))
    areas = "; ".join(sorted(pref(seed_ds, a) for a in seed_ds.objects(zone_doc, POL.jurisdiction)))

    [row] = [r for r in compute(seed_ds).documents if r.iri == str(zone_doc)]
    assert row.jurisdiction == areas

    assert main(["tables", "--graph", str(seed_build / "policykg.trig"), str(tmp_path / "t")]) == 0
    [doc_row] = [r for r in _csv(tmp_path / "t" / "documents.csv") if r["document"] == str(zone_doc)]
    assert doc_row["jurisdictions"] == areas
    assert "; ".join(sorted(doc_row["issuers"].split("; "))) == issuer_names
    for r in _csv(tmp_path / "t" / "agencies.csv"):
        if r["agency"] in map(str, issuers):
            assert r["label"] == pref(seed_ds, URIRef(r["agency"]))

    g = nx.read_graphml(export(seed_build, "graphml", tmp_path / "kg.graphml"))
    node = g.nodes[str(zone_doc)]
    assert node["jurisdiction"] == areas
    assert "; ".join(sorted(node["issuer"].split("; "))) == issuer_names
    for a in issuers:
        assert g.nodes[str(a)]["name"] == pref(seed_ds, a)

    store = MemoryStore(seed_ds)
    rows = run(store, catalog.bind(catalog.load("agencies-by-measures"), {}, store=store))
    named = {str(r["agency"]): str(r["agencyName"]) for r in rows}
    shown = [a for a in issuers if str(a) in named]
    assert shown  # an issuer of the zone document is also responsible for measures
    for a in shown:
        assert named[str(a)] == pref(seed_ds, a)
    rows = run(store, catalog.bind(catalog.load("policies-in-force"), {"date": "2026-01-01"},
                                   store=store))
    [answer] = [r for r in rows if str(r["document"]) == str(zone_doc)]
    assert str(answer["jurisdictionName"]) == areas
