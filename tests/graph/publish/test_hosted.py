"""Similarity links and evidence spans get no page or files of their own: each is described in
the page and in every RDF file of the resource its IRI lies under (a link under its measure,
``…/measure/1/similar/…``), which is what the servers answer its IRI with (test_conneg.py,
test_apache.py). Here: that page and those files hold every statement of the node, the page
shows it in an anchored section, the other measure's page links there, and no file is
written at the node's own path."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from rdflib import RDF, Graph, URIRef

from policykg.graph.publish.siteindex import host_path
from policykg.ontology.namespace import POL
from tests.graph.conftest import export

from .servers import BASE, LINK, MEASURE, OTHER, PARSER, linked_source


@pytest.fixture(scope="module")
def site(mini_trig: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hosted")
    return export(linked_source(mini_trig, tmp), "site", tmp / "site")


def _hosted(site: Path) -> list[URIRef]:
    g = Graph().parse(site / "dumps" / "policykg.nt", format="nt")
    return sorted([*g.subjects(RDF.type, POL.MeasureLink), *g.subjects(RDF.type, POL.Evidence)],
                  key=str)


def test_host_path_is_the_iri_before_similar_or_evidence() -> None:
    assert host_path(LINK) == MEASURE
    assert host_path(MEASURE + "/evidence/2") == MEASURE
    assert host_path(BASE + "id/agency/x/evidence/a/b") == BASE + "id/agency/x"
    assert host_path(MEASURE) is None


def test_each_hosted_node_is_described_in_every_file_of_its_host(site: Path) -> None:
    dump = Graph().parse(site / "dumps" / "policykg.nt", format="nt")
    nodes = _hosted(site)
    assert URIRef(LINK) in nodes and len(nodes) > 1  # the link and the fixture's evidence
    for node in nodes:
        own = site / str(node).removeprefix(BASE)
        assert not any(own.with_name(own.name + s).exists()
                       for s in (".html", *PARSER)), f"{node} has files of its own"
        host = site / host_path(str(node)).removeprefix(BASE)
        wanted = set(dump.triples((node, None, None)))
        assert wanted
        for suffix, fmt in PARSER.items():
            g = Graph().parse(host.with_name(host.name + suffix), format=fmt)
            missing = wanted - set(g)
            assert not missing, f"{host.name}{suffix} lacks {sorted(missing)[:2]}"


def test_a_link_is_a_section_of_its_measure_page_and_linked_from_the_other(site: Path) -> None:
    rel = MEASURE.removeprefix(BASE)
    page = lxml.html.fromstring((site / f"{rel}.html").read_bytes())
    section = page.xpath('//section[@class="hosted"]')
    assert len(section) == 1
    anchor = section[0].get("id")
    assert anchor.startswith("sim-")
    text = section[0].text_content()
    assert LINK in text and "0.9100" in text and "text:0.91" in text
    assert page.xpath('//h2[starts-with(., "Similar measures")]')
    other = lxml.html.fromstring(
        (site / (OTHER.removeprefix(BASE) + ".html")).read_bytes())
    hrefs = other.xpath("//a/@href")
    assert any(h.endswith(f"ce-fu-ban-1/measure/1.html#{anchor}") for h in hrefs), hrefs
