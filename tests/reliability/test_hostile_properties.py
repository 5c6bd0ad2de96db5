"""Property tests over hostile inputs (issue 21): whatever hostile text a source holds, the
loaders and the cleaner never crash and every span points back into the original; every
exporter (RDF dumps, VoID, GraphML, GEXF, Cytoscape JSON, DOT, the explorer, the site) writes
files their readers accept, with no markup or script smuggled in; every CSV cell is safe."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from policykg.graph.build.deadline import Stopped, run_forked
from policykg.graph.export import graphtools
from policykg.graph.export.explorer import render_explorer
from policykg.graph.publish import lod
from policykg.graph.publish.site import build_site
from policykg.graph.publish.void import describe, void_bytes
from policykg.loaders.clean import clean
from policykg.loaders.route import load
from policykg.queries.cells import neutralise_cell
from policykg.queries.formats import render
from policykg.store.rdfinput import load_dataset

from .hostile import FORMULAS, hostile_notice, hostile_text, many_provisions, nested_html
from .test_loader_fuzz import assert_result_is_sound

MINI = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "mini.trig"
FAST = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=5, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FAST
@given(text=hostile_notice(), wrap=st.sampled_from(["txt", "html", "gb18030"]))
def test_a_hostile_source_loads_or_fails_with_a_reason(text: str, wrap: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("notice.html" if wrap == "html" else "notice.txt")
        if wrap == "html":
            data = f"<html><body><p>{text}</p></body></html>".encode()
        else:
            data = text.encode("gb18030" if wrap == "gb18030" else "utf-8")
        path.write_bytes(data)
        assert_result_is_sound(load(str(path)), path.name)


@FAST
@given(text=hostile_text(max_size=30))
def test_the_cleaner_maps_every_view_character_back_into_the_original(text: str) -> None:
    cleaned = clean(text)
    assert cleaned.original == text
    assert len(cleaned.starts) == len(cleaned.ends) == len(cleaned.view)
    for start, end in zip(cleaned.starts, cleaned.ends, strict=True):
        assert 0 <= start <= end <= len(text)


def _load_record(path: str):
    result = load(path)
    assert_result_is_sound(result, Path(path).name)
    return len(getattr(result.record, "measures", []) or [])


def test_deep_html_and_many_provisions_load(tmp_path) -> None:
    """The two inputs that once stalled a build load and keep every article. The figures are
    measured in ``benchmarks/hostile.py`` (the issue asks under 10 s each), not asserted here;
    the 60 s source deadline only stops a quadratic regression from hanging the suite."""
    page = tmp_path / "deep.html"
    page.write_text(nested_html(130_000), "utf-8")
    assert page.stat().st_size > 1_000_000  # the 1 MB page
    assert not isinstance(run_forked(_load_record, (str(page),), 60), Stopped)
    rules = tmp_path / "rules.txt"
    rules.write_text(many_provisions(2_000), "utf-8")
    assert run_forked(_load_record, (str(rules),), 60) == 2_000


def _dataset(labels: list[str]) -> Dataset:
    ds = load_dataset(MINI, Dataset())
    names = [g.identifier for g in ds.graphs() if "doc/" in str(g.identifier)]
    target = ds.graph(URIRef(names[0]))
    for i, label in enumerate(labels):
        node = URIRef(f"https://w3id.org/policykg/id/doc/2025/hostile-{i}")
        target.add((node, RDFS.label, Literal(label, lang="zh-Hans")))
        target.add((node, RDFS.comment, Literal(label)))
        target.add((URIRef(names[0]), RDFS.seeAlso, node))
    return ds


def _markup(page: bytes) -> tuple[int, list[str], list[str]]:
    """What a page could run: its script elements, event-handler attributes, javascript: links."""
    root = lxml.html.fromstring(page)
    handlers = [k for el in root.iter() if isinstance(el.tag, str) for k in el.attrib
                if k.lower().startswith("on")]
    links = [el.get("href", "") for el in root.iter("a")
             if el.get("href", "").strip().lower().startswith("javascript:")]
    return len(list(root.iter("script"))), handlers, links


@pytest.fixture(scope="module")
def plain_markup() -> dict[str, tuple[int, list[str], list[str]]]:
    """The markup of the explorer and the site built from harmless labels (the baseline)."""
    quads = lod.canonical_quads(_dataset(["普通标签"]))
    view = graphtools.build_view(quads, "full")
    page = render_explorer(view, "policykg explorer — plain", link_pages=True)
    with tempfile.TemporaryDirectory() as tmp:
        build_site(quads, Path(tmp) / "site", explorer_html=page)
        home = (Path(tmp) / "site" / "index.html").read_bytes()
    return {"explorer": _markup(page), "index": _markup(home)}


@SLOW
@given(labels=st.lists(hostile_text(), min_size=1, max_size=3))
@example(labels=["\x1e\x1d\u2028z\x0b\x85"])  # the TriG export split literals at these
def test_every_exporter_writes_files_their_readers_accept(labels: list[str], plain_markup) -> None:
    quads = lod.canonical_quads(_dataset(labels))
    dumps = {key: lod.render_dump(quads, key) for key in lod.DUMPS}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "context.jsonld").write_text(json.dumps({"@context": lod.load_context()}),
                                                  "utf-8")
        for key, data in dumps.items():
            path = Path(tmp) / lod.DUMPS[key].filename
            path.write_bytes(data)
            assert len(load_dataset(path, Dataset())) > 0, key  # parses, no entity, no fetch
        void = Path(tmp) / "void.ttl"
        void.write_bytes(void_bytes(describe(quads, dumps)))
        assert len(load_dataset(void, Dataset())) > 0
    view = graphtools.build_view(quads, "full")
    for fmt in graphtools.SUFFIX:
        data = graphtools.render(view, fmt)
        if fmt in ("graphml", "gexf"):
            etree.fromstring(data)  # well-formed XML 1.0
        elif fmt == "cyjs":
            json.loads(data)
        else:
            data.decode("utf-8")
    page = render_explorer(view, "policykg explorer — hostile", link_pages=True)
    assert _markup(page) == plain_markup["explorer"]
    with tempfile.TemporaryDirectory() as tmp:
        build_site(quads, Path(tmp) / "site", explorer_html=page)
        pages = sorted((Path(tmp) / "site").rglob("*.html"))
        assert _markup((Path(tmp) / "site" / "index.html").read_bytes()) == plain_markup["index"]
        for path in pages:
            scripts, handlers, links = _markup(path.read_bytes())
            assert handlers == [] and links == [], path.name
            text = path.read_text("utf-8")
            assert not any(c in text for c in "\x00\x01\x0b\x0c\x1b"), path.name


@FAST
@given(cells=st.lists(st.one_of(st.sampled_from(FORMULAS), hostile_text(max_size=3)),
                      min_size=1, max_size=6))
def test_every_csv_cell_is_safe_to_open(cells: list[str]) -> None:
    rows = [{"v": Literal(c)} for c in cells]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = render(rows, ["v"], fmt)
        got = [r[0] for r in csv.reader(io.StringIO(text), delimiter=delimiter)][1:] \
            if fmt == "csv" else [line for line in text.split("\n")[1:-1]]
        for value in got:
            stripped = value.lstrip(" \u3000")
            assert not stripped or stripped[0] not in "=+-@\t\r\n＝＋－＠" \
                or neutralise_cell(stripped) == stripped


pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
