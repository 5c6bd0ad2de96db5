"""Graph-tool files: GraphML read back by python-igraph, GEXF parsed independently with lxml
(igraph cannot read GEXF), Cytoscape JSON and DOT counted; the same node and edge counts as
networkx; labels, types, key figures and edge labels present. On the example corpus, GraphML
(networkx and igraph), GEXF (networkx) and Cytoscape JSON carry what a reader of the source
text sees: names instead of IRIs, types in words, a document's date, number, jurisdiction and
issuer, an offer edge weighing the amount the text writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from policykg.graph.export import graphtools
from policykg.graph.publish.lod import canonical_quads, load_dataset
from tests.graph.export.conftest import corpus_text

GEXF_NS = {"g": "http://gexf.net/1.2"}


def _gexf_counts(path: Path) -> tuple[int, int, etree._Element]:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    ns = {"g": root.nsmap[None]}
    return (len(root.findall(".//g:nodes/g:node", ns)), len(root.findall(".//g:edges/g:edge", ns)),
            root)


def check_graph_files(trig_or_build: Path, graphs: Path) -> dict[str, igraph.Graph]:
    quads = canonical_quads(load_dataset(trig_or_build))
    read: dict[str, igraph.Graph] = {}
    for view in graphtools.VIEWS:
        g = graphtools.build_view(quads, view)
        n, m = g.number_of_nodes(), g.number_of_edges()
        ig = igraph.Graph.Read_GraphML(str(graphs / f"policykg-{view}.graphml"))
        assert (ig.vcount(), ig.ecount()) == (n, m), view
        assert ig.is_directed()
        gn, gm, _ = _gexf_counts(graphs / f"policykg-{view}.gexf")
        assert (gn, gm) == (n, m), view
        cy = json.loads((graphs / f"policykg-{view}.cyjs").read_text("utf-8"))
        assert (len(cy["elements"]["nodes"]), len(cy["elements"]["edges"])) == (n, m), view
        dot = (graphs / f"policykg-{view}.dot").read_text("utf-8")
        assert len(re.findall(r"^  \".*\" -> \".*\" \[", dot, re.M)) == m, view
        assert len(re.findall(r"^  \"[^\"]*\" \[label=", dot, re.M)) == n, view
        read[view] = ig
    return read


def test_mini_graph_files_read_back(mini_trig: Path, mini_all: Path) -> None:
    read = check_graph_files(mini_trig, mini_all / "graphs")
    funding = read["funding"]
    voucher = funding.vs.find(id="https://w3id.org/policykg/id/doc/2025/ce-fu-ban-1/measure/1/instrument/1")
    assert voucher["type"] == "Offer" and voucher["class"] == "pol:ComputeVoucher"
    assert voucher["kind"] == "compute voucher"
    assert voucher["name"] == voucher["label"] == "算力券 1"
    assert voucher["maxAmount"] == pytest.approx(8000000.0)
    assert voucher["maxRecipients"] == 10
    assert voucher["period"] == "pol:PerYear"
    assert voucher["label_en"] == "compute voucher 1"
    assert voucher["label_zh"] == "算力券 1"
    provides = [e for e in funding.es if e["property"].endswith("#providesInstrument")]
    assert [e["label"] for e in provides] == ["provides instrument"]  # rdfs:label from ontology
    assert [e["weight"] for e in provides] == [pytest.approx(8000000.0)]  # the voucher's cap
    sup = read["supersession"]
    assert sup.vcount() == 2 and sup.ecount() == 1
    edge = sup.es[0]
    assert edge["label"] == "repeals" and edge["label_zh"] == "废止"
    assert sup.vs[edge.source]["dateIssued"] == "2025-02-03"
    agencies = read["agencies"]
    agency = agencies.vs.find(id="https://w3id.org/policykg/id/agency/ce-sheng-zheng-fu")
    assert agency["label_zh_hant"] == "測試省人民政府"
    # evidence and source-file nodes stay in the RDF dumps only
    assert not any("/evidence/" in v["id"] or "/source/" in v["id"] for v in read["full"].vs)


def test_gexf_carries_labels_and_attributes(mini_all: Path) -> None:
    _, _, root = _gexf_counts(mini_all / "graphs" / "policykg-funding.gexf")
    ns = {"g": root.nsmap[None]}
    titles = {a.get("id"): a.get("title") for a in root.findall(".//g:attributes/g:attribute", ns)}
    assert {"maxAmount", "type", "label_zh", "label_en"} <= set(titles.values())
    labels = {n.get("label") for n in root.findall(".//g:nodes/g:node", ns)}
    assert "算力券 1" in labels
    assert 'lastmodifieddate="1970-01-01"' in (mini_all / "graphs" / "policykg-funding.gexf").read_text()


@pytest.mark.slow
def test_seed_graph_files_read_back(seed_build: Path, seed_all: Path) -> None:
    read = check_graph_files(seed_build, seed_all / "graphs")
    sup = read["supersession"]
    numbers = {v["documentNumber"]: v for v in sup.vs if v["documentNumber"]}
    assert "粤府办〔2025〕6号" in numbers
    assert numbers["粤府办〔2025〕6号"]["dateIssued"] == "2025-03-09"
    funding = read["funding"]
    amounts = {v["maxAmount"] for v in funding.vs if v["maxAmount"] == v["maxAmount"]
               and v["maxAmount"] is not None}
    assert 8000000.0 in amounts  # 最高800万元 in the provincial measures


def test_unknown_view_is_refused(mini_trig: Path) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        graphtools.build_view(canonical_quads(load_dataset(mini_trig)), "everything")


def test_unresolved_organisations_are_flagged_in_every_graph_file(tmp_path: Path) -> None:
    """An organisation the vocabulary does not know carries resolved=false; a known agency true."""
    from policykg.graph.build.serial import build

    src = tmp_path / "notice.txt"
    src.write_text("深圳市支持低空经济发展若干措施\n"
                   "一、支持航线开通。对新开通航线的企业给予最高50万元补助。（责任单位：市低空经济协调办公室）\n"
                   "二、支持基础设施。对起降场建设给予补助。（责任单位：市工业和信息化局）\n"
                   "深圳市人民政府办公厅\n2026年3月2日\n", encoding="utf-8")
    build([src], tmp_path / "b", validate=False)
    g = graphtools.build_view(canonical_quads(load_dataset(tmp_path / "b" / "policykg.trig")),
                              "agencies")
    flags = {d["label"]: d.get("resolved") for _, d in g.nodes(data=True)
             if d["label"] in ("深圳市低空经济协调办公室", "深圳市工业和信息化局")}
    assert flags == {"深圳市低空经济协调办公室": False, "深圳市工业和信息化局": True}
    out = tmp_path / "graphml"
    out.mkdir()
    (out / "a.graphml").write_bytes(graphtools._graphml(g))
    ig = igraph.Graph.Read_GraphML(str(out / "a.graphml"))
    read = {v["label"]: v["resolved"] for v in ig.vs if v["label"] in flags}
    assert read == flags


# ------------------------------------------------------------------ the example corpus
# Facts are read from the source text here (or written by hand from it), never from the output.

TYPE_WORDS = {"Document", "Report", "Measure", "Offer", "Agency", "Organisation", "Category",
              "Sector", "Theme", "Jurisdiction", "Programme", "Claim", "Instrument type", "Person"}


def _yuan(wan: str) -> float:
    return float(wan) * 10_000


def _sz2023_gold() -> dict[str, object]:
    """深工信规〔2023〕11号, read from examples/corpus/01-…: header, signature, measure 1."""
    text = corpus_text("01-")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    number = lines[1]
    signer_at = next(i for i, line in enumerate(lines) if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line))
    y, m, d = map(int, re.findall(r"\d+", lines[signer_at]))
    cap = re.search(r"1\. (\S+?)。.*?单个产品最高(\d+)万元", text)
    assert cap is not None
    return {"number": number, "date": f"{y:04d}-{m:02d}-{d:02d}", "issuer": lines[signer_at - 1],
            "title": lines[signer_at + 1], "jurisdiction": "深圳市",  # 本市 of a 深圳市 bureau
            "measure": cap.group(1), "cap": _yuan(cap.group(2))}


@pytest.fixture(scope="module")
def example_files(example_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full view of the example corpus as GraphML, GEXF and Cytoscape JSON, written by
    ``policykg export``; beside them in ``again/`` the same files rendered a second time from
    a fresh read of the build, to check the bytes do not change."""
    from policykg.cli import main
    from policykg.commands.export import _with_ontology

    out = tmp_path_factory.mktemp("example-graphs")
    for fmt in ("graphml", "gexf", "cyjs"):
        assert main(["export", str(example_build), "--format", fmt,
                     "--out", str(out / f"full.{fmt}")]) == 0
    (out / "again").mkdir()
    again = graphtools.build_view(_with_ontology(canonical_quads(load_dataset(example_build))))
    for fmt in ("graphml", "gexf", "cyjs"):
        (out / "again" / f"full.{fmt}").write_bytes(graphtools.render(again, fmt))
    return out


def _networkx_graphs(folder: Path) -> dict[str, nx.Graph]:
    cy = json.loads((folder / "full.cyjs").read_text("utf-8"))
    return {"graphml": nx.read_graphml(folder / "full.graphml"),
            "gexf": nx.read_gexf(folder / "full.gexf"),
            "cyjs": nx.cytoscape_graph(cy)}


def test_example_files_are_byte_identical_on_rerun(example_files: Path) -> None:
    for fmt in ("graphml", "gexf", "cyjs"):
        assert (example_files / f"full.{fmt}").read_bytes() == \
            (example_files / "again" / f"full.{fmt}").read_bytes(), fmt


def test_example_nodes_are_named_by_label_and_typed_in_words(example_files: Path) -> None:
    for fmt, g in _networkx_graphs(example_files).items():
        names = [d.get("name") or d.get("label") for _, d in g.nodes(data=True)]
        assert names and all(n and not n.startswith("http") for n in names), fmt
        assert all(d["iri"].startswith("https://w3id.org/policykg/id/")
                   for _, d in g.nodes(data=True)), fmt
        types = {d["type"] for _, d in g.nodes(data=True)}
        assert {"Document", "Measure", "Offer", "Agency", "Category", "Jurisdiction"} <= types, fmt
        assert types <= TYPE_WORDS, fmt
        agencies = {d["label"] for _, d in g.nodes(data=True) if d["type"] == "Agency"}
        # 01-…, measure 4: （责任单位：市工业和信息化局、市科技创新局） of a Shenzhen document
        assert {"深圳市工业和信息化局", "深圳市科技创新局"} <= agencies, fmt
        # the Zhejiang measures are written in traditional characters; the name is zh-Hans
        docs = {d["label"] for _, d in g.nodes(data=True) if d["type"] == "Document"}
        assert "浙江省支持具身智能机器人产业创新发展若干措施" in docs, fmt
        edge_labels = {d["label"] for *_, d in g.edges(data=True)}
        assert {"has measure", "provides instrument", "issued by"} <= edge_labels, fmt
        assert not any(lab.startswith(("http", "pol:")) for lab in edge_labels), fmt


def test_example_document_node_carries_what_the_header_says(example_files: Path) -> None:
    gold = _sz2023_gold()
    for fmt, g in _networkx_graphs(example_files).items():
        (doc,) = [d for _, d in g.nodes(data=True) if d.get("number") == gold["number"]]
        assert doc["type"] == "Document" and doc["kind"] == "official", fmt
        assert (doc["label"], doc["date"]) == (gold["title"], gold["date"]), fmt
        assert (doc["jurisdiction"], doc["issuer"]) == (gold["jurisdiction"], gold["issuer"]), fmt
    reports = [d for _, d in _networkx_graphs(example_files)["graphml"].nodes(data=True)
               if d["type"] == "Report"]
    assert {r["kind"] for r in reports} == {"report"}
    # 05-…: the news report is dated 2025-05-12 and published by 之江科技报
    news = corpus_text("05-")
    assert "之江科技报" in news and "2025-05-12" in {r["date"] for r in reports}
    assert "之江科技报" in {r["issuer"] for r in reports}


def test_example_offer_edge_weighs_the_amount_in_the_text(example_files: Path) -> None:
    gold = _sz2023_gold()
    budget = re.search(r"總規模(\d+)億元", corpus_text("03-"))  # 03-…, measure (五)
    assert budget is not None
    fund = float(budget.group(1)) * 100_000_000
    for fmt, g in _networkx_graphs(example_files).items():
        (doc,) = [n for n, d in g.nodes(data=True) if d.get("number") == gold["number"]]
        (measure,) = [n for n in g.successors(doc) if g.nodes[n]["label"] == gold["measure"]]
        offers = [d for _, o, d in g.out_edges(measure, data=True)
                  if d["label"] == "provides instrument"]
        assert [d["weight"] for d in offers] == [gold["cap"]], fmt
        assert {d["weight"] for *_, d in g.edges(data=True)
                if d["label"] != "provides instrument"} == {1.0}, fmt
        weights = {d["weight"] for *_, d in g.edges(data=True)}
        assert fund in weights, fmt  # an investment fund with a budget and no cap
    ig = igraph.Graph.Read_GraphML(str(example_files / "full.graphml"))
    doc_v = ig.vs.find(number=gold["number"])
    assert (doc_v["name"], doc_v["date"], doc_v["jurisdiction"]) == \
        (gold["title"], gold["date"], gold["jurisdiction"])
    measure_v = [v for v in doc_v.successors() if v["label"] == gold["measure"]][0]
    assert [e["weight"] for e in ig.es.select(_source=measure_v.index)
            if e["label"] == "provides instrument"] == [gold["cap"]]
