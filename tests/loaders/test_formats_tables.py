"""Tables inside documents give the facts of their prose twins, in every format with tables.

Each fixture pair in ``fixtures/tables/`` is one notice written twice: ``*-prose.txt`` says
everything in sentences; ``*-table.md`` and ``*-table.html`` put a subsidy-tier table (档次 |
条件 | 奖励金额, the unit in the header or in the cells), a list of repealed documents (序号 |
文件名称 | 文号) or a division-of-labour table (序号 | 任务 | 牵头单位 | 配合单位) where the prose
has sentences. The Word and PDF twins are made here from the Markdown twin's lines and tables
(``examples/make_formats.py``: real Word tables, PDF tables drawn cell by cell, the OFD
laid out as the PDF); the ``.doc`` twin is the Word twin saved by LibreOffice as Word 97.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from policykg.loaders import docx as word
from policykg.loaders.html import html_to_text
from policykg.loaders.records import OfficialDocument
from policykg.loaders.route import load, parse_source
from policykg.loaders.source import source_from_bytes
from policykg.loaders.tables import table_lines, text_tables
from tests.loaders.format_helpers import make_formats, record_facts

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
DOCS = ("software", "manufacturing")


def _blocks(markdown: str) -> list[str | list[list[str]]]:
    """The Markdown twin as lines and tables (rows of cells), blank lines left out."""
    blocks: list[str | list[list[str]]] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the header's underline
            if not blocks or not isinstance(blocks[-1], list):
                blocks.append([])
            blocks[-1].append(cells)
        elif line.strip():
            blocks.append(line)
    return blocks


def _twin(stem: str, suffix: str) -> OfficialDocument:
    path = FIXTURES / f"{stem}-table{suffix}"
    if suffix in (".md", ".html"):
        record = load(path).record
    elif suffix == ".txt":  # a page saved as text: cells typed between full-width bars
        blocks = _blocks((FIXTURES / f"{stem}-table.md").read_text(encoding="utf-8"))
        text = "\n".join(b if isinstance(b, str) else "\n".join("｜".join(r) for r in b)
                         for b in blocks)
        record = parse_source(source_from_bytes(text.encode("utf-8"), path.name)).record
    else:
        mf = make_formats()
        blocks = _blocks((FIXTURES / f"{stem}-table.md").read_text(encoding="utf-8"))
        data = mf.docx_bytes(blocks) if suffix in (".docx", ".doc") else mf.pdf_bytes(blocks)
        if suffix == ".ofd":
            data = mf.ofd_bytes(data)
        if suffix == ".doc":
            data = _as_word_97(data)
        record = parse_source(source_from_bytes(data, path.name)).record
    assert isinstance(record, OfficialDocument)
    return record


def _as_word_97(docx: bytes) -> bytes:
    """The ``.docx`` saved by LibreOffice as a Word 97–2003 ``.doc``."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "twin.docx").write_bytes(docx)
        subprocess.run([word.office_converter(), "--headless", "--convert-to", "doc", "--outdir",
                        tmp, str(Path(tmp) / "twin.docx")], check=True, capture_output=True,
                       timeout=120, env={**os.environ, "HOME": tmp})
        return (Path(tmp) / "twin.doc").read_bytes()


def _facts(doc: OfficialDocument) -> dict:
    """What the loader read, without offsets: the shared record facts, and per measure its
    categories and sectors and every offer's kind, cap, threshold, share, quota and period."""
    facts = record_facts(doc)
    facts["subjects"] = [(sorted(c.concept for c in m.categories),
                          sorted(c.concept for c in m.sectors)) for m in doc.measures]
    facts["offers"] = [sorted((
        o.instrument_class, str(o.max_amount.value) if o.max_amount else "",
        str(o.min_threshold.value) if o.min_threshold else "",
        str(o.max_cost_share.value) if o.max_cost_share else "",
        o.max_recipients.count if o.max_recipients else 0, o.period or "",
        o.recognition_level or "") for o in m.offers) for m in doc.measures]
    facts["roles"] = [sorted((u.name, u.role or "") for u in m.responsible + m.cooperating)
                      for m in doc.measures]
    return facts


NO_OFFICE = pytest.mark.skipif(word.office_converter() is None,
                               reason="LibreOffice is not installed here (.ci/run installs it)")


@pytest.mark.parametrize("suffix", [".html", ".md", ".txt", ".docx", ".pdf", ".ofd",
                                    pytest.param(".doc", marks=NO_OFFICE)])
@pytest.mark.parametrize("stem", DOCS)
def test_a_table_gives_the_facts_of_its_prose_twin(stem: str, suffix: str) -> None:
    prose = load(FIXTURES / f"{stem}-prose.txt").record
    assert isinstance(prose, OfficialDocument)
    assert _facts(_twin(stem, suffix)) == _facts(prose)


def test_the_tier_and_repeal_tables_are_read_as_tiers_and_repeals() -> None:
    """Hand-read gold of the software notice: three tiers (threshold → reward), two repeals."""
    for doc in (load(FIXTURES / "software-prose.txt").record, _twin("software", ".html")):
        tiers = sorted((o.min_threshold.value, o.max_amount.value) for o in doc.measures[0].offers)
        assert [(int(t), int(m)) for t, m in tiers] == [
            (100_000_000, 500_000), (500_000_000, 1_000_000), (1_000_000_000, 2_000_000)]
        assert {o.instrument_class for o in doc.measures[0].offers} == {"Reward"}
        assert sorted((d.title, d.number) for d in doc.repeals) == [
            ("某市信息服务业发展资金管理办法", "某财规〔2020〕8号"),
            ("某市软件产业扶持办法", "某工信规〔2019〕2号")]


def test_the_division_of_labour_table_gives_each_measure_its_units() -> None:
    """Hand-read gold of the manufacturing notice: lead and support units per measure."""
    for doc in (load(FIXTURES / "manufacturing-prose.txt").record,
                _twin("manufacturing", ".docx")):
        units = [([u.name for u in m.responsible], [u.name for u in m.cooperating])
                 for m in doc.measures[:3]]
        assert units == [
            (["某区工业和信息化局"], ["某区财政局"]),
            (["某区科学技术局"], ["某区工业和信息化局", "某区财政局"]),
            (["某区工业和信息化局"], ["某区市场监督管理局"])]
        third = sorted((int(o.min_threshold.value), int(o.max_amount.value))
                       for o in doc.measures[2].offers)
        assert third == [(5_000_000, 300_000), (10_000_000, 600_000)]


def test_pdf_table_rows_keep_their_page() -> None:
    """The tables of the PDF twin are written where they were drawn: every evidence span of the
    tiers is on the page that prints the tier table."""
    mf = make_formats()
    blocks = _blocks((FIXTURES / "software-table.md").read_text(encoding="utf-8"))
    source = source_from_bytes(mf.pdf_bytes(blocks), "software.pdf")
    assert "档次为第二档，条件为年营业收入首次突破5亿元，奖励金额为100万元。" in source.text.split("\n")
    assert "《某市软件产业扶持办法》（某工信规〔2019〕2号）" in source.text.split("\n")
    assert source.pages is not None and len(source.pages) >= 2


@pytest.mark.parametrize(("rows", "lines"), [
    ([["档次", "条件", "奖励金额（万元）"], ["第一档", "首次突破1亿元", "50"]],
     ["档次为第一档，条件为首次突破1亿元，奖励金额为50万元。"]),
    ([["序号", "文件名称", "文号"], ["1", "《某县扶持办法》", "某府〔2020〕3号"], ["2", "某县旧办法", ""]],
     ["《某县扶持办法》（某府〔2020〕3号）", "《某县旧办法》"]),
    ([["任务", "牵头单位", "配合单位"], ["平台建设", "县科技局", "县财政局 县商务局"]],
     ["任务 牵头单位 配合单位", "平台建设 县科技局 县财政局、县商务局"]),
    ([["发文字号：", "某府〔2020〕3号"], ["成文日期：", "2020年1月2日"]],
     ["发文字号： 某府〔2020〕3号", "成文日期： 2020年1月2日"]),
    ([["一档", "50万元"], ["二档", "30万元"]], ["一档 50万元", "二档 30万元"]),
    ([["项目", "金额"], ["", ""], ["核心部件", "2000万元"]], ["项目为核心部件，金额为2000万元。"]),
    ([["类别", "档次", "奖励金额"], ["首台套", "第一档", "30万元"], [None, "第二档", "60万元"]],
     ["类别为首台套，档次为第一档，奖励金额为30万元。", "类别为首台套，档次为第二档，奖励金额为60万元。"]),
    ([["核心部件", "40%"], [None, "30%"]], ["核心部件 40%", "30%"]),
])
def test_table_lines_by_kind(rows: list[list[str]], lines: list[str]) -> None:
    assert table_lines(rows) == lines


UNIT_ROWS = ["任务 牵头单位 配合单位", "平台建设 县科技局 县财政局", "人才引进 县科技局 县人社局"]


def test_a_cell_spanning_rows_holds_for_each_row_in_html_and_word() -> None:
    """A lead unit merged over two rows (rowspan in HTML, a vertical merge in Word) leads both."""
    from docx import Document

    page = ("<table><tr><th>任务</th><th>牵头单位</th><th>配合单位</th></tr>"
            "<tr><td>平台建设</td><td rowspan='2'>县科技局</td><td>县财政局</td></tr>"
            "<tr><td>人才引进</td><td>县人社局</td></tr></table>")
    assert html_to_text(page).split("\n") == UNIT_ROWS
    document = Document()
    grid = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["任务", "牵头单位", "配合单位"], ["平台建设", "县科技局", "县财政局"],
                             ["人才引进", "", "县人社局"]]):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    grid.cell(1, 1).merge(grid.cell(2, 1))
    document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    assert source_from_bytes(out.getvalue(), "units.docx").text.split("\n") == UNIT_ROWS


def test_a_pdf_table_going_on_over_a_page_break_keeps_its_header() -> None:
    """Thirty tiers drawn over two pages (the header printed once): every row reads as a tier
    with its threshold and reward, the rows on page 2 too."""
    head = _blocks((FIXTURES / "software-table.md").read_text(encoding="utf-8"))[:9]
    tiers = [[f"第{n}档", f"年营业收入首次突破{n}亿元", f"{10 * n}"] for n in range(1, 31)]
    blocks = [*head, [["档次", "条件", "奖励金额（万元）"], *tiers],
              "二、本措施自2024年7月1日起施行，有效期3年。"]
    source = source_from_bytes(make_formats().pdf_bytes(blocks), "tiers.pdf")
    doc = parse_source(source).record
    assert isinstance(doc, OfficialDocument) and source.pages is not None
    assert len(source.pages) >= 2 and "第30档" in source.text[source.pages[-1][1]:]
    offers = sorted((int(o.min_threshold.value), int(o.max_amount.value))
                    for o in doc.measures[0].offers)
    assert offers == [(n * 100_000_000, n * 100_000) for n in range(1, 31)]


def test_text_tables_leave_furniture_and_single_lines_alone() -> None:
    furniture = "首页｜新闻中心｜政务公开\n字号：大｜中｜小\n一、支持研发。\n"
    assert text_tables(furniture) == furniture
    one_line = "项目｜标准\n正文。\n"
    assert text_tables(one_line) == one_line
    table = "| 档次 | 奖励金额（万元） |\n|---|---|\n| 一档 | 50 |\n| 二档 | 30 |\n后文。"
    assert text_tables(table) == "档次为一档，奖励金额为50万元。\n档次为二档，奖励金额为30万元。\n后文。"


def test_text_tables_with_columns_set_apart_by_spaces() -> None:
    table = "档次　　奖励金额\n一档　　50万元\n二档　30万元\n后文。"
    assert text_tables(table) == "档次为一档，奖励金额为50万元。\n档次为二档，奖励金额为30万元。\n后文。"
    # articles and chapters set apart from their text by a space are prose, not rows
    articles = "第一章　总则\n第一条　为推动发展，制定本办法。\n第二条　资金每年安排5000万元。\n"
    assert text_tables(articles) == articles
    contacts = "联系人：王某　　联系电话：0000-1234567\n地址：示例路1号　　邮编：100000\n"
    assert text_tables(contacts) == contacts
