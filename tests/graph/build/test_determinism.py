"""Same sources → byte-identical N-Triples, Turtle and TriG; the dumps parse back to the same graph."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policykg.graph.build import dump
from policykg.graph.build import serial as build_mod
from policykg.loaders.records import LoadResult
from tests.graph.conftest import SYNTHETIC_TEXT, synthetic_document


def _fake_loader(path):
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return LoadResult(str(path), None, error="the file is empty", stage="read")
    return LoadResult(str(path), synthetic_document(text, name=path.name))


def _build(tmp_path, monkeypatch, folder, out):
    monkeypatch.setattr(build_mod, "_load", _fake_loader)
    return build_mod.build([folder], out=tmp_path / out, validate=False)


def test_building_twice_gives_identical_bytes(tmp_path, monkeypatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (src / "b.txt").write_text(SYNTHETIC_TEXT.replace("12号", "14号"), encoding="utf-8")
    (src / "c.txt").write_text("", encoding="utf-8")
    result = _build(tmp_path, monkeypatch, src, "one")
    assert [s.status for s in result.sources] == ["ok", "ok", "failed"]
    _build(tmp_path, monkeypatch, src, "two")
    for name in ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json"):
        one = (tmp_path / "one" / name).read_bytes()
        assert one == (tmp_path / "two" / name).read_bytes(), name
        assert one


def test_ntriples_are_sorted_and_unique(tmp_path, monkeypatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    _build(tmp_path, monkeypatch, src, "out")
    lines = (tmp_path / "out" / "policykg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_dumps_parse_back_to_the_same_graph(tmp_path, monkeypatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    result = _build(tmp_path, monkeypatch, src, "out")
    union = Graph()
    for t in dump.union(result.dataset):
        union.add(t)
    for name, fmt in (("policykg.nt", "nt"), ("policykg.ttl", "turtle")):
        back = Graph().parse(tmp_path / "out" / name, format=fmt)
        assert isomorphic(back, union), name
    ds = Dataset()
    ds.parse(tmp_path / "out" / "policykg.trig", format="trig")
    got = {str(k): v for k, v in dump.graphs_of(ds).items()}
    want = {str(k): v for k, v in dump.graphs_of(result.dataset).items()}
    assert set(got) == set(want)
    for name in want:
        g1, g2 = Graph(), Graph()
        for t in got[name]:
            g1.add(t)
        for t in want[name]:
            g2.add(t)
        assert isomorphic(g1, g2), name


def test_blank_node_labels_do_not_depend_on_parse_order() -> None:
    data = """@prefix ex: <http://example.org/> .
    ex:a ex:p [ ex:q "x" ; ex:r [ ex:s 1 ] ] , [ ex:q "y" ] .
    ex:b ex:list ( ex:c ex:d ) ."""
    one = dump.ntriples_text(set(Graph().parse(data=data, format="turtle")))
    two = dump.ntriples_text(set(Graph().parse(data=data, format="turtle")))
    assert one == two
    assert one.count("_:") >= 6


def test_literals_are_escaped_for_ntriples() -> None:
    text = dump.ntriples_text({(URIRef("http://e/s"), URIRef("http://e/p"),
                                Literal('a "quoted"\nline\\'))})
    assert text == '<http://e/s> <http://e/p> "a \\"quoted\\"\\nline\\\\" .\n'
    assert isinstance(BNode(), BNode)


def test_a_duplicate_document_is_built_once_and_reported(tmp_path, monkeypatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (src / "b.txt").write_text(SYNTHETIC_TEXT + "\n", encoding="utf-8")
    result = _build(tmp_path, monkeypatch, src, "out")
    assert [s.status for s in result.sources] == ["ok", "skipped"]
    assert "a.txt" in result.sources[1].warnings[-1]["message"]
    assert result.exit_code == 0 and result.totals["documents"] == 1


def test_seed_build_is_byte_identical_and_parses_with_oxigraph(seeds_dir, tmp_path) -> None:
    import pytest

    pytest.importorskip("policykg.loaders.route", reason="the source loader is not there yet")
    import pyoxigraph as ox

    build_mod.build([seeds_dir], out=tmp_path / "one", validate=False)
    build_mod.build([seeds_dir], out=tmp_path / "two", validate=False)
    for name in ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    for name, fmt in (("policykg.nt", ox.RdfFormat.N_TRIPLES),
                      ("policykg.ttl", ox.RdfFormat.TURTLE), ("policykg.trig", ox.RdfFormat.TRIG)):
        store = ox.Store()
        store.load(path=str(tmp_path / "one" / name), format=fmt)
        assert len(store) > 1000, name
