"""Control characters in a source (issue 21, item 3): a form feed, a vertical tab and U+0001 in
the text must not make any XML or HTML writer fail or write a file no parser accepts."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from rdflib import Graph

from policykg.cli import main
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
