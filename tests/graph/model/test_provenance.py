"""Every source with a sidecar records where it came from (``prov:wasDerivedFrom``,
``pav:retrievedOn``, ``dct:publisher``, ``dct:license`` or ``dct:rights``), the quotations
taken from it reach that licence through ``oa:hasSource``, and the site shows it beside them.
The gold is each sidecar of the example corpus, read at run time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg.api import build, example_corpus
from policykg.ontology.namespace import OA, PAV, POL, PROV
from tests.graph.conftest import export


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("provenance") / "build"
    build([example_corpus()], out=out, validate=False)
    return out


def _sidecars() -> list[tuple[str, dict]]:
    return [(p.name.removesuffix(".meta.json"), json.loads(p.read_text("utf-8")))
            for p in sorted(example_corpus().glob("*.meta.json"))]


def test_each_sidecar_is_recorded_on_its_source_node(built: Path) -> None:
    from policykg.api import load_graph

    ds = load_graph(built / "policykg.trig")
    sidecars = _sidecars()
    assert len(sidecars) == 3
    with_provenance = set(ds.subjects(PROV.wasDerivedFrom, None))
    assert len(with_provenance) == 3
    for name, meta in sidecars:
        node = next(ds.subjects(POL.fileName, Literal(name)))
        assert (node, RDF.type, POL.SourceFile) in ds
        assert set(ds.objects(node, PROV.wasDerivedFrom)) == {URIRef(meta["source_url"])}
        (when,) = ds.objects(node, PAV.retrievedOn)
        if len(meta["retrieved"]) == 10:
            assert when == Literal(meta["retrieved"], datatype=XSD.date)
        else:
            assert when.datatype == XSD.dateTime
            assert when.toPython().utcoffset() == dt.timedelta(0)  # stored in UTC
            assert when.toPython() == dt.datetime.fromisoformat(
                meta["retrieved"].replace("Z", "+00:00"))
        assert set(ds.objects(node, DCTERMS.publisher)) == {Literal(meta["publisher"])}
        licence = meta.get("license")
        held = set(ds.objects(node, DCTERMS.license)) | set(ds.objects(node, DCTERMS.rights))
        if licence is None:
            assert not held
        elif licence.startswith("https://"):
            assert held == {URIRef(licence)}
        else:
            assert held == {Literal(licence)}


def test_quotations_of_reports_reach_their_sources_licence(built: Path) -> None:
    from policykg.api import load_graph

    ds = load_graph(built / "policykg.trig")
    reports = set(ds.subjects(RDF.type, POL.Report))
    assert len(reports) == 2
    for report in reports:
        (source,) = ds.objects(report, POL.source)
        quotes = [ev for ev in ds.subjects(OA.hasSource, source) if (ev, OA.exact, None) in ds]
        assert quotes, report
        assert (source, DCTERMS.license, None) in ds or (source, DCTERMS.rights, None) in ds


def test_site_shows_the_licence_beside_quotations(built: Path, tmp_path: Path) -> None:
    site = export(built, "site", tmp_path / "site")
    licences = {meta["license"] for _, meta in _sidecars() if "license" in meta}
    shown: set[str] = set()
    for page in (site / "id" / "report").rglob("*.html"):
        doc = lxml.html.fromstring(page.read_bytes())
        for tag in doc.xpath("//q/following-sibling::span[@class='tag'][.='licence']"):
            nxt = tag.getnext()
            shown.add(nxt.get("href") if nxt is not None and nxt.tag == "a"
                      else (tag.tail or "").strip())
    assert licences <= shown, (licences, shown)


def test_an_incremental_build_sees_a_changed_sidecar(tmp_path: Path) -> None:
    from policykg.api import load_graph
    from policykg.graph.build.parallel import build_parallel

    src = tmp_path / "src"
    src.mkdir()
    (name, meta), = [(n, m) for n, m in _sidecars() if "license" in m][:1]
    (src / name).write_bytes((example_corpus() / name).read_bytes())
    sidecar = src / f"{name}.meta.json"
    sidecar.write_text(json.dumps(meta), "utf-8")
    out, store = tmp_path / "out", tmp_path / "store"

    def licence_after_build() -> set:
        build_parallel([src], out, jobs=1, validate=False, store=store, incremental=True)
        ds = load_graph(out / "policykg.trig")
        (node,) = ds.subjects(RDF.type, POL.SourceFile)
        return set(ds.objects(node, DCTERMS.license)) | set(ds.objects(node, DCTERMS.rights))

    first = licence_after_build()
    sidecar.write_text(json.dumps({**meta, "license": "Rights reserved (changed)"}), "utf-8")
    assert first != {Literal("Rights reserved (changed)")}
    assert licence_after_build() == {Literal("Rights reserved (changed)")}
