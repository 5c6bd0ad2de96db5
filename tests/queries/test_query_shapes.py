"""Issue 19: the link questions answer at scale. ``offer-changes`` with no parameter gave no
answer in 22 minutes at 100 documents on Oxigraph, ``followers`` and ``similar-measures`` took
75-80 s: each had an OPTIONAL (or a FILTER) inside the link's ``GRAPH`` block followed by required
patterns, and Oxigraph then looped over every measure, rescanning every link for each.

Two kinds of test, no timing: the catalog's shape (no required pattern joined after an OPTIONAL, or
after a ``GRAPH`` block holding an OPTIONAL or a FILTER, outside sub-selects), and the rows of the
rewritten questions on the built example corpus, row for row, against facts written by hand from
its sources and the links the build made (read from the graph, not through SPARQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from policykg.graph.build.serial import BuildResult, build
from policykg.graph.compare.links import LINKS_GRAPH
from policykg.ontology.namespace import POL
from policykg.queries import catalog

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# ------------------------------------------------------------------ the shape of every query

# a sub-select is planned on its own: what it holds does not decide the outer join order
_BOUNDARY = {"Project", "ToMultiSet", "AggregateJoin", "Group"}


def _first(node, match) -> CompValue | None:
    """The first algebra node below ``node`` (itself included) that ``match`` accepts, not
    looking into sub-selects."""
    if isinstance(node, CompValue):
        if match(node):
            return node
        if node.name in _BOUNDARY:
            return None
        children = list(node.values())
    elif isinstance(node, (list, tuple)):
        children = list(node)
    else:
        return None
    return next((found for child in children if (found := _first(child, match)) is not None), None)


def _optional(node) -> bool:
    """Whether ``node`` holds an OPTIONAL (outside sub-selects)."""
    return _first(node, lambda n: n.name == "LeftJoin") is not None


def _graph_with_filter(node) -> bool:
    """Whether ``node`` holds (outside sub-selects) a GRAPH block whose group is filtered or has
    an OPTIONAL."""
    return _first(node, lambda n: n.name == "Graph" and _first(
        n.p, lambda m: m.name in ("Filter", "LeftJoin")) is not None) is not None


def joins_after_optional(text: str) -> list[str]:
    """The required patterns joined after an OPTIONAL, or after a GRAPH block holding an OPTIONAL
    or a FILTER, in one group (rdflib's algebra: ``Join(p1, p2)`` with such a ``p1``)."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "Join" and (_optional(node.p1) or _graph_with_filter(node.p1)):
                p2 = node.p2
                term = p2.get("term") if isinstance(p2, CompValue) and p2.name == "Graph" else ""
                found.append(f"{getattr(p2, 'name', type(p2).__name__)} {term or ''}".strip())
            for child in node.values():
                walk(child)
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)

    walk(prepareQuery(text).algebra)
    return found


PREFIX = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"


@pytest.mark.parametrize("text", [
    # offer-changes before issue 19: the OPTIONAL inside the link's block, then the measures
    PREFIX + "SELECT * WHERE { GRAPH ?gl { ?link pol:leader ?em . OPTIONAL { ?link pol:amountChange ?c } }"
             " GRAPH ?ge { ?em pol:partOf ?d } }",
    # similar-measures before issue 19: a FILTER inside the link's block, then the measures
    PREFIX + "SELECT * WHERE { GRAPH ?gl { ?link pol:linksMeasure ?m , ?s . FILTER(?m != ?s) }"
             " GRAPH ?gm { ?m pol:partOf ?d } }",
    PREFIX + "SELECT * WHERE { ?link pol:leader ?em OPTIONAL { ?link pol:amountChange ?c } ?em pol:partOf ?d }",
])
def test_the_shape_check_finds_a_join_after_an_optional(text):
    assert joins_after_optional(text)


def test_the_shape_check_accepts_required_patterns_first():
    # a sub-select holding an OPTIONAL is evaluated on its own, so patterns may follow it
    text = (PREFIX + "SELECT * WHERE { GRAPH ?gl { ?link pol:linksMeasure ?m , ?s } FILTER(?m != ?s)"
            " { SELECT ?link (COUNT(?f) AS ?n) WHERE { GRAPH ?gf { ?link pol:linkFeature ?f }"
            " OPTIONAL { ?f pol:x ?y } } GROUP BY ?link }"
            " GRAPH ?gm { ?m pol:partOf ?d } OPTIONAL { GRAPH ?gl { ?link pol:amountChange ?c } } }")
    assert joins_after_optional(text) == []


@pytest.mark.parametrize("name", [q.name for q in catalog.list_queries()])
def test_no_catalog_query_joins_required_patterns_after_an_optional(name):
    text = catalog.bind(catalog.load(name), {})
    assert joins_after_optional(text) == [], (
        f"{name}: put the required patterns before the OPTIONALs (and FILTERs outside the GRAPH "
        "blocks that other patterns join); Oxigraph evaluates the left join once per row of the "
        "patterns after it")


# ------------------------------------------------------------------ rows on the example corpus

SZ_2023, SZ_2025 = "深工信规〔2023〕11号", "深工信规〔2025〕3号"
# by hand from examples/corpus: the date each document gives, and the largest cap of each
# measure in yuan (01: 200万, 100万, 50万, 300万; 02: 300万, 1000万, 100万, 3000万 (the national
# centre; 800万 provincial), 100万 (50万 小巨人, 100万 单项冠军), 50万 (50/30/10万 by level))
ISSUED = {SZ_2023: dt.date(2023, 4, 18), SZ_2025: dt.date(2025, 2, 20),
          "浙政办发〔2025〕14号": dt.date(2025, 5, 8), "穗工信规字〔2025〕5号": dt.date(2025, 7, 10)}
CAPS = {
    SZ_2023: {1: 2_000_000, 2: 1_000_000, 3: 500_000, 4: 3_000_000},
    SZ_2025: {1: 3_000_000, 2: 10_000_000, 3: 1_000_000, 4: 30_000_000, 5: 1_000_000, 6: 500_000},
}
SHENZHEN = "https://w3id.org/policykg/id/area/shenzhen"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[BuildResult, pyoxigraph.Store]:
    result = build([CORPUS], out=tmp_path_factory.mktemp("shapes-examples"), validate=False,
                   source_timeout=None)
    store = pyoxigraph.Store()
    store.load(path=str(result.out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return result, store


def _cell(term) -> str | None:
    return None if term is None else term.value


def _answer(store: pyoxigraph.Store, name: str, union: bool) -> list[dict[str, str | None]]:
    result = store.query(catalog.bind(catalog.load(name), {}), use_default_graph_as_union=union)
    names = [v.value for v in result.variables]
    return [{n: _cell(row[n]) for n in names} for row in result]


def _number(ds: Dataset, doc) -> str:
    return str(ds.value(doc, POL.documentNumber))


def _ordinal(ds: Dataset, measure) -> int:
    return int(ds.value(measure, POL.ordinal))


def _labels(ds: Dataset, link, prop) -> str:
    names = sorted(str(label) for c in ds.graph(LINKS_GRAPH).objects(link, prop)
                   for label in ds.objects(c, RDFS.label)
                   if isinstance(label, Literal) and (label.language or "").lower() == "zh-hans")
    return "; ".join(names)


@pytest.mark.parametrize("union", [True, False])
def test_offer_changes_lists_every_link_between_the_two_shenzhen_versions(example, union):
    result, store = example
    ds = result.dataset
    links = ds.graph(LINKS_GRAPH)
    expected = []
    for link in links.subjects(POL.leader, None):
        lead, follow = links.value(link, POL.leader), links.value(link, POL.follower)
        earlier, later = ds.value(lead, POL.partOf), ds.value(follow, POL.partOf)
        if (_number(ds, earlier), _number(ds, later)) != (SZ_2023, SZ_2025):
            continue  # the other followers are in other jurisdictions (浙江省, 广州市)
        a, b = CAPS[SZ_2023][_ordinal(ds, lead)], CAPS[SZ_2025][_ordinal(ds, follow)]
        expected.append({
            "area": SHENZHEN, "areaName": "深圳市",
            "earlier": SZ_2023, "earlierOrdinal": str(_ordinal(ds, lead)),
            "earlierIssued": ISSUED[SZ_2023].isoformat(),
            "later": SZ_2025, "laterOrdinal": str(_ordinal(ds, follow)),
            "laterIssued": ISSUED[SZ_2025].isoformat(),
            "earlierAmountCNY": str(a), "laterAmountCNY": str(b),
            "amountChange": "up" if b > a else "down" if b < a else "same",
            "categoriesAdded": _labels(ds, link, POL.categoryAdded),
            "categoriesRemoved": _labels(ds, link, POL.categoryRemoved),
            # 02 repeals 01 (它同时废止 深工信规〔2023〕11号)
            "acrossVersions": "true", "link": str(link),
        })
    expected.sort(key=lambda r: (int(r["earlierOrdinal"]), int(r["laterOrdinal"]), r["link"]))
    rows = _answer(store, "offer-changes", union)
    assert len(expected) >= 3 and any(r["categoriesRemoved"] for r in expected)
    for row in rows:  # amounts as numbers (the engine may write 2000000 or 2000000.0)
        for column in ("earlierAmountCNY", "laterAmountCNY"):
            row[column] = str(int(Decimal(row[column])))
    assert rows == expected


@pytest.mark.parametrize("union", [True, False])
def test_followers_pairs_each_leading_document_with_its_later_followers(example, union):
    result, store = example
    ds = result.dataset
    links = ds.graph(LINKS_GRAPH)
    pairs: dict[tuple[URIRef, URIRef], list[tuple[int, int]]] = {}
    for link in links.subjects(POL.leader, None):
        lead, follow = links.value(link, POL.leader), links.value(link, POL.follower)
        key = (ds.value(lead, POL.partOf), ds.value(follow, POL.partOf))
        pairs.setdefault(key, []).append((_ordinal(ds, lead), _ordinal(ds, follow)))
    expected = []
    for (doc, follower), ordinals in pairs.items():
        number, follower_number = _number(ds, doc), _number(ds, follower)
        expected.append({
            "document": str(doc), "number": number, "issued": ISSUED[number].isoformat(),
            "follower": str(follower), "followerNumber": follower_number,
            "followerIssued": ISSUED[follower_number].isoformat(),
            "lagDays": str((ISSUED[follower_number] - ISSUED[number]).days),
            "links": str(len(ordinals)),
            # sorted as text, as the query sorts its pairs before joining them
            "pairs": "; ".join(sorted(f"{a}→{b}" for a, b in ordinals)),
        })
    expected.sort(key=lambda r: (r["document"], int(r["lagDays"]), r["follower"]))
    rows = _answer(store, "followers", union)
    assert {r["followerJurisdiction"] for r in rows} == {"深圳市", "浙江省", "广州市"}
    keep = list(expected[0])
    assert [{k: r[k] for k in keep} for r in rows] == expected
    assert len(expected) == 6  # 4 documents issued one after another, the report excluded
