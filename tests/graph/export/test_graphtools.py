"""Graph-tool files: GraphML read back by python-igraph, GEXF parsed independently with lxml
(igraph cannot read GEXF), Cytoscape JSON and DOT counted; the same node and edge counts as
networkx; labels, types, key figures and edge labels present."""

from __future__ import annotations

import json
import re
from pathlib import Path

import igraph
import pytest
from lxml import etree

from policykg.graph.export import graphtools
from policykg.graph.publish.lod import canonical_quads, load_dataset

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
    assert voucher["type"] == "pol:ComputeVoucher"
    assert voucher["maxAmount"] == pytest.approx(8000000.0)
    assert voucher["maxRecipients"] == 10
    assert voucher["period"] == "pol:PerYear"
    assert voucher["label_en"] == "compute voucher 1"
    assert voucher["label_zh"] == "算力券 1"
    provides = [e for e in funding.es if e["property"].endswith("#providesInstrument")]
    assert [e["label"] for e in provides] == ["provides instrument"]  # rdfs:label from ontology
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
