"""Control characters in a source (issue 21, item 3): a form feed, a vertical tab and U+0001 in
the text must not make any XML or HTML writer fail or write a file no parser accepts; and a
label holding every C0 character comes out of every export format removed or escaped, never
raw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from rdflib import RDF, RDFS, Dataset, Graph, Literal

from policykg.cli import main
from policykg.commands.export import ALL_FORMATS
from policykg.ontology.namespace import POL
from policykg.store.rdfinput import load_dataset
from policykg.store.xmlsafe import xml_safe

CONTROLS = "\x0c\x0b\x01"
# an invented notice; a form feed, a vertical tab and U+0001 sit inside its measures
NOTICE = (
    "测试市人民政府办公室关于印发测试市支持机器人产业发展若干措施的通知\n"
    "测府办〔2025〕7号\n2025年3月1日\n"
    "一、研发\x0c奖励。对新认定的研发中心，给予最高200万元\x01补助。（责任单位：测试市科学技术局）\n"
    "二、示范应用。每年支持不超过20个示范项目\x0b，每个项目最高50万元。\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("controls")
    (root / "src").mkdir()
    (root / "src" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    assert main(["build", str(root / "src"), "--out", str(root / "build")]) == 0
    return root / "build" / "policykg.trig"


@pytest.mark.parametrize("fmt", ["rdfxml", "graphml", "gexf", "void"])
def test_xml_exports_of_a_source_with_control_characters_parse(built: Path, tmp_path: Path,
                                                              fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(built), "--format", fmt, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert not any(c.encode() in data for c in CONTROLS)
    if fmt == "void":
        assert len(Graph().parse(data=data, format="turtle")) > 10
    else:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def test_rdfxml_keeps_the_text_around_the_control_characters(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.rdf"
    assert main(["export", str(built), "--format", "rdfxml", "--out", str(out)]) == 0
    literals = {str(o) for o in Graph().parse(out, format="xml").objects()}
    assert "对新认定的研发中心，给予最高200万元补助。" in literals  # U+0001 removed, nothing else
    assert any(lit.startswith("一、研发奖励。") for lit in literals)  # the form feed removed


def test_site_pages_of_a_source_with_control_characters(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["export", str(built), "--format", "site", "--out", str(site)]) == 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    texts = []
    for page in pages:
        raw = page.read_text("utf-8")
        assert not any(c in raw for c in CONTROLS), page
        texts.append(lxml.html.fromstring(raw).text_content())
    assert any("研发奖励" in text for text in texts)


def test_xml_safe_removes_only_what_xml_forbids() -> None:
    assert xml_safe("a\tb\nc\rd\x0ce\x01f\x0bg\x7fh\u3000i") == "a\tb\nc\rdefg\x7fh\u3000i"


# every C0 control character, DEL, a terminal escape, a quote and a backslash in one label
HOSTILE = "恶意" + "".join(chr(c) for c in range(0x20)) + "\x7f\x1b[31m标签\r\n第二行\"引号\\"
RAW_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DOT_ID = r'"(?:[^"\\\x00-\x08\x0a-\x1f]|\\.)*"'
DOT_LINE = re.compile(rf"(digraph {DOT_ID} \{{|\}}|  (graph|node|edge) \[.*\];"
                      rf"|  {DOT_ID}( -> {DOT_ID})? \[label={DOT_ID}(, \w+={DOT_ID})*\];)")
RDF_DUMPS = {"ttl": "kg.ttl", "nt": "kg.nt", "nq": "kg.nq", "trig": "kg.trig",
             "jsonld": "kg.jsonld", "rdfxml": "kg.rdf"}


@pytest.fixture(scope="module")
def hostile_trig(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build with the document's label replaced by :data:`HOSTILE`."""
    ds = Dataset()
    ds.parse(built, format="trig")
    doc = next(s for s, _, _, _ in ds.quads((None, RDF.type, POL.PolicyDocument, None)))
    for s, p, o, g in list(ds.quads((doc, RDFS.label, None, None))):
        ds.remove((s, p, o, g))
    graph = next(g for _, _, _, g in ds.quads((doc, RDF.type, POL.PolicyDocument, None)))
    ds.graph(graph).add((doc, RDFS.label, Literal(HOSTILE, lang="zh-Hans")))
    out = tmp_path_factory.mktemp("hostile") / "hostile.trig"
    ds.serialize(out, format="trig")
    return out


def _files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else [out]


@pytest.mark.parametrize("fmt", [f for f in ALL_FORMATS if f != "all"])
def test_every_export_of_a_hostile_label_removes_or_escapes_control_characters(
        hostile_trig: Path, tmp_path: Path, fmt: str) -> None:
    """Each serialisation either escapes the label's C0 characters (the RDF text dumps, JSON,
    which keep it whole) or removes them (XML 1.0 and HTML, DOT); none writes one raw, and each
    file reads back with its own reader."""
    out = tmp_path / ("site" if fmt == "site" else RDF_DUMPS.get(fmt, f"out.{fmt}"))
    assert main(["export", str(hostile_trig), "--format", fmt, "--out", str(out)]) == 0
    files = _files(out)
    assert files
    for path in files:
        assert not RAW_CONTROLS.search(path.read_bytes()), (fmt, path.name)
    data = files[0].read_bytes()
    if fmt in RDF_DUMPS:
        literals = {str(o) for o in load_dataset(out).objects()}
        # the text dumps escape and keep the label; RDF/XML can only drop what XML forbids
        assert (xml_safe(HOSTILE) if fmt == "rdfxml" else HOSTILE) in literals
    elif fmt in ("graphml", "gexf"):
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        assert "标签" in data.decode("utf-8")
    elif fmt == "cyjs":
        labels = {n["data"].get("label") for n in json.loads(data)["elements"]["nodes"]}
        assert any(lab and lab.startswith("恶意") and "标签" in lab for lab in labels)
    elif fmt == "dot":
        text = data.decode("utf-8")
        bad = [line for line in text.splitlines() if not DOT_LINE.fullmatch(line)]
        assert bad == []
        assert '恶意\t\\n\\n\x7f[31m标签\\n第二行\\"引号\\\\"' in text
    elif fmt == "void":
        assert len(Graph().parse(data=data, format="turtle")) > 10
    else:  # site, html
        pages = [p for p in files if p.suffix == ".html"]
        assert pages and any("标签" in lxml.html.fromstring(p.read_bytes()).text_content()
                             for p in pages)
