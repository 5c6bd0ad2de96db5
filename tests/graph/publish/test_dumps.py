"""Every RDF dump re-parses with independent parsers (Raptor's rapper, pyoxigraph) to the same
number of statements as the build; dumps are deterministic; JSON-LD reads with short keys;
the VoID/DCAT description counts what the dumps hold."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from policykg.graph.publish.lod import DUMPS, VOID, canonical_quads, load_context, load_dataset
from policykg.ontology.namespace import POL
from tests.graph.conftest import export, need_tool

OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
             "trig": ox.RdfFormat.TRIG, "rdfxml": ox.RdfFormat.RDF_XML,
             "jsonld": ox.RdfFormat.JSON_LD}
RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "rdfxml": "rdfxml"}


def counts_of(trig: Path) -> tuple[int, int]:
    """(distinct triples of the union, quads) of the source, counted by pyoxigraph."""
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    return len(triples), len(set(quads))


def rapper_count(path: Path, syntax: str) -> int:
    rapper = need_tool("rapper")
    proc = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    match = re.search(r"returned (\d+) triples", proc.stderr)
    assert match, proc.stderr
    return int(match.group(1))


def check_dumps(source_trig: Path, dumps: Path) -> None:
    triples, quads = counts_of(source_trig)
    assert triples > 0
    for key, fmt in DUMPS.items():
        path = dumps / fmt.filename
        parsed = list(ox.parse(path=str(path), format=OX_FORMAT[key]))
        if fmt.quads:
            assert len(set(parsed)) == quads, key
            assert len({q.graph_name for q in parsed}) > 1, key
        else:
            assert len({(q.subject, q.predicate, q.object) for q in parsed}) == triples, key
        if key in RAPPER_SYNTAX:
            assert rapper_count(path, RAPPER_SYNTAX[key]) == triples, key


def test_mini_dumps_reparse_to_the_same_counts(mini_trig: Path, mini_all: Path) -> None:
    check_dumps(mini_trig, mini_all / "dumps")


@pytest.mark.slow
def test_seed_dumps_reparse_to_the_same_counts(seed_build: Path, seed_all: Path) -> None:
    check_dumps(seed_build / "policykg.trig", seed_all / "dumps")


def test_ntriples_are_sorted_and_unique(mini_all: Path) -> None:
    lines = (mini_all / "dumps" / "policykg.nt").read_text("utf-8").splitlines()
    assert lines == sorted(set(lines))
    nq = (mini_all / "dumps" / "policykg.nq").read_text("utf-8").splitlines()
    assert nq == sorted(set(nq))


def test_dumps_are_byte_identical_across_processes(mini_trig: Path, tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-m", "policykg", "export", str(mini_trig),
                               "--format", "all", "--out", str(out)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    files_a = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    assert files_a == files_b
    assert Path("dumps/policykg.rdf") in files_a and Path("graphs/policykg-full.gexf") in files_a
    for rel in files_a:
        assert (outs[0] / rel).read_bytes() == (outs[1] / rel).read_bytes(), rel


def test_jsonld_reads_with_short_keys(mini_all: Path) -> None:
    doc = json.loads((mini_all / "dumps" / "policykg.jsonld").read_text("utf-8"))
    assert isinstance(doc["@context"], dict)  # embedded: nothing to fetch
    nodes = {n["id"]: n for n in doc["@graph"]}
    kg = "https://w3id.org/policykg/id/"
    policy = nodes[kg + "doc/2025/ce-fu-ban-1"]
    assert policy["type"] == "PolicyDocument"
    assert policy["issuedBy"] == kg + "agency/ce-sheng-zheng-fu"
    assert policy["title"]["zh-Hans"].endswith("测试措施")
    assert policy["dateIssued"] == "2025-02-03"
    voucher = nodes[kg + "doc/2025/ce-fu-ban-1/measure/1/instrument/1"]
    assert voucher["maxAmount"] == "8000000"
    assert voucher["period"] == "PerYear"
    assert voucher["type"] == "ComputeVoucher"


def test_context_terms_are_ontology_terms() -> None:
    ctx = load_context()
    pol_terms = {k: v for k, v in ctx.items() if isinstance(v, str | dict)
                 and (v if isinstance(v, str) else v.get("@id", "")).startswith("pol:")}
    assert {"title", "maxAmount", "issuedBy"} <= set(pol_terms)
    for key, value in pol_terms.items():
        local = (value if isinstance(value, str) else value["@id"])[4:]
        assert getattr(POL, local) == URIRef(str(POL._NS) + local), key  # _fail=True raises


def test_void_describes_the_dumps(mini_trig: Path, mini_all: Path) -> None:
    void = Graph().parse(mini_all / "void.ttl", format="turtle")
    ds = next(void.subjects(RDF.type, VOID.Dataset))
    triples, _ = counts_of(mini_trig)
    assert void.value(ds, VOID.triples).toPython() == triples
    # newest date in the fixture is the report's dct:date
    assert void.value(ds, DCTERMS.created) == Literal("2025-03-05", datatype=XSD.date)
    assert void.value(ds, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:7878/query")
    assert void.value(ds, DCTERMS.license) is not None
    assert void.value(ds, DCTERMS.title) is not None
    parts = {void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython()
             for p in void.objects(ds, VOID.classPartition)}
    assert parts[POL.PolicyDocument] == 2
    assert parts[POL.ComputeVoucher] == 1
    assert URIRef(str(POL._NS)) in set(void.objects(ds, VOID.vocabulary))
    assert URIRef("https://w3id.org/policykg/id/doc/2025/ce-fu-ban-1") in set(
        void.objects(ds, VOID.exampleResource))
    sizes = {}
    for dist in void.objects(ds, DCAT.distribution):
        url = void.value(dist, DCAT.downloadURL)
        if url is not None:
            sizes[str(url).rsplit("/", 1)[-1]] = void.value(dist, DCAT.byteSize).toPython()
            assert str(void.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/")
    assert set(sizes) == {f.filename for f in DUMPS.values()}
    for name, size in sizes.items():
        assert (mini_all / "dumps" / name).stat().st_size == size, name


def test_void_created_option_wins(mini_trig: Path, tmp_path: Path) -> None:
    out = export(mini_trig, "void", tmp_path / "void.ttl", "--created", "2024-01-02")
    void = Graph().parse(out, format="turtle")
    assert Literal("2024-01-02", datatype=XSD.date) in set(void.objects(None, DCTERMS.created))


def test_single_dump_into_existing_folder_gets_default_name(mini_trig: Path, tmp_path: Path) -> None:
    export(mini_trig, "nt", tmp_path)
    assert (tmp_path / "policykg.nt").is_file()
    export(mini_trig, "jsonld", tmp_path / "x.jsonld")
    assert (tmp_path / "x.jsonld").is_file() and (tmp_path / "context.jsonld").is_file()


def test_canonical_blank_nodes_do_not_depend_on_parse(mini_trig: Path) -> None:
    a = canonical_quads(load_dataset(mini_trig))
    b = canonical_quads(load_dataset(mini_trig))
    assert a == b
    assert any(str(q[0]).startswith("b") for q in a if q[0].__class__.__name__ == "BNode")
