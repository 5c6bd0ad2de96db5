"""Word files: automatic numbering rendered as typed, tables, legacy .doc/.wps, broken files."""

from __future__ import annotations

import io

import pytest
from docx import Document
from lxml import etree

from policykg.loaders import docx as word
from policykg.loaders.source import SourceError, source_from_bytes
from policykg.loaders.wordnumbering import Numbering, format_number

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (21, "chineseCounting", "二十一"), (105, "chineseCountingThousand", "一百零五"),
    (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"),
    (12, "ideographDigital", "一二"), (4, "decimalEnclosedCircle", "④"),
    (3, "decimalEnclosedParen", "⑶"), (7, "decimalFullWidth", "７"), (9, "decimalZero", "09"),
    (14, "upperRoman", "XIV"), (4, "lowerRoman", "iv"), (27, "upperLetter", "AA"),
    (2, "lowerLetter", "b"), (23, "ordinal", "23rd"), (5, "none", ""), (5, "unknownFormat", "5"),
])
def test_word_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def _numbering(levels: str, nums: str) -> etree._Element:
    return etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{levels}{nums}</w:numbering>')


def _lvl(ilvl: int, fmt: str, text: str, suff: str = "nothing", start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>')


def _p(num_id: str | None = None, ilvl: int = 0, style: str | None = None) -> etree._Element:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:pPr>{ppr}</w:pPr></w:p>')


def test_a_two_level_list_restarts_its_sub_level() -> None:
    numbering = Numbering(_numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "chineseCounting", "%1、")
        + _lvl(1, "chineseCounting", "（%2）") + "</w:abstractNum>",
        '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'))
    labels = [numbering.label(_p("5", lvl)) for lvl in (0, 1, 1, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_a_legal_level_shows_every_level_in_decimal_and_a_tab_becomes_a_space() -> None:
    numbering = Numbering(_numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "upperRoman", "%1.", "tab")
        + '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>',
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'))
    assert [numbering.label(_p("2", lvl)) for lvl in (0, 0, 1)] == ["I. ", "II. ", "2.1 "]


def test_instances_share_counters_unless_one_restarts() -> None:
    numbering = Numbering(_numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "decimal", "%1.") + "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    labels = [numbering.label(_p(n)) for n in ("1", "1", "2", "3", "3")]
    assert labels == ["1.", "2.", "3.", "1.", "2."]


def test_numbering_through_a_paragraph_style_and_its_parent() -> None:
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:style w:styleId="Article"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr>'
        '</w:style><w:style w:styleId="ArticleBold"><w:basedOn w:val="Article"/></w:style>'
        "</w:styles>")
    numbering = Numbering(_numbering(
        '<w:abstractNum w:abstractNumId="9">' + _lvl(0, "chineseCounting", "第%1条", "space")
        + "</w:abstractNum>", '<w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>'),
        styles)
    labels = [numbering.label(_p(style=s)) for s in ("Article", "ArticleBold", "Normal")]
    assert labels == ["第一条 ", "第二条 ", ""]
    assert numbering.label(_p("0")) == ""  # numId 0 switches numbering off


def test_a_bullet_from_a_symbol_font_is_a_bullet() -> None:
    numbering = Numbering(_numbering(
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "bullet", "\uf0b7") + "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'))
    assert numbering.label(_p("1")) == "• "


def test_docx_reads_paragraphs_numbering_tables_and_breaks_in_order() -> None:
    from tests.loaders.format_helpers import make_formats

    lines = ["某市关于支持智能制造的若干措施", "", "一、支持技术改造。按投资额的10%给予补助。",
             "二、支持人才引进。", "（一）给予安家补贴。", "（二）给予租房补贴。"]
    data = make_formats().docx_bytes(lines, table=[["类别", "金额"], ["安家补贴", "50万元"]])
    text = source_from_bytes(data, "measures.docx").text
    assert text.split("\n") == lines + ["类别为安家补贴，金额为50万元。"]
    document = Document(io.BytesIO(data))  # the numbers are not typed in the file
    assert [p.text for p in document.paragraphs][2:6] == [
        "支持技术改造。按投资额的10%给予补助。", "支持人才引进。", "给予安家补贴。", "给予租房补贴。"]


def test_merged_cells_are_read_once() -> None:
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "核心部件"
    table.cell(0, 1).text, table.cell(0, 2).text = "40%", "2000万元"
    table.cell(1, 1).text, table.cell(1, 2).text = "30%", "1000万元"
    out = io.BytesIO()
    document.save(out)
    text = source_from_bytes(out.getvalue(), "t.docx").text
    assert text.split("\n") == ["核心部件 40% 2000万元", "30% 1000万元"]


def test_a_legacy_doc_without_libreoffice_gives_one_sentence(monkeypatch) -> None:
    monkeypatch.setattr(word, "office_converter", lambda: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("notice.doc", "notice.wps"):
        with pytest.raises(SourceError) as err:
            source_from_bytes(ole, name)
        message = str(err.value)
        assert name in message and "LibreOffice" in message and "\n" not in message


def test_a_doc_that_is_a_web_page_is_read_as_one() -> None:
    page = "<html><body><p>某区关于支持企业发展的通知</p><p>一、给予奖励。</p></body></html>"
    source = source_from_bytes(page.encode("gb18030"), "notice.doc")
    assert source.media_type == "text/html" and "一、给予奖励。" in source.text


@pytest.mark.skipif(word.office_converter() is None, reason="LibreOffice is not installed here")
def test_a_legacy_doc_is_converted_by_libreoffice(tmp_path) -> None:  # pragma: no cover
    import subprocess

    from tests.loaders.format_helpers import make_formats

    docx = tmp_path / "in.docx"
    docx.write_bytes(make_formats().docx_bytes(["某市通知", "一、给予奖励。", "二、给予补贴。"]))
    subprocess.run([word.office_converter(), "--headless", "--convert-to", "doc", "--outdir",
                    str(tmp_path), str(docx)], check=True, capture_output=True, timeout=120)
    source = source_from_bytes((tmp_path / "in.doc").read_bytes(), "in.doc")
    assert source.text.split("\n") == ["某市通知", "一、给予奖励。", "二、给予补贴。"]
    assert source.reader.startswith("LibreOffice")
