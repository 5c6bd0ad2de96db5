"""Tables inside documents → the lines a reader would have typed for them, so that a table's
facts are read like those of its prose twin.

Every reader that sees a table's cells (HTML ``<table>``, Word tables, Markdown pipe tables,
rows of a PDF or OFD page) hands them to :func:`table_lines`, which writes one line per row:

* a **division-of-labour table** (a header cell 牵头单位/配合单位/责任单位…) keeps its header line
  and rows with cells separated by a space, as :mod:`loaders.unit_table` reads them; white space
  inside a cell (two units on two lines of one cell) becomes ``、``;
* a **list of documents** (a header cell 文件名称/名称/标题, perhaps 文号 and 序号, nothing else)
  gives ``《title》（number）`` per row, as prose cites a document — the title gets ``《》`` when
  the cell has none — so a repeal list (``下列文件同时废止：``) names what it repeals;
* **any other table with a header row** (subsidy tiers: 档次 | 条件 | 奖励金额) gives each row
  as its cells labelled by their column, ``档次为第一档，条件为年营业收入首次突破1亿元，奖励金额为
  50万元。``, so a figure sits in a clause that says what it is; a unit in the header (``奖励金额（万元）``)
  goes to a bare number in the cell (``50`` → ``50万元``). The header line itself is not
  written: every row carries it;
* a **list of measures** (a first column 序号/编号 numbering the rows 1, 2, 3…, and figures of
  money or shares in at least half of the rows: 序号 | 支持事项 | 支持标准 | 责任单位; or, with
  no such column, a column of what each row offers beside a column of its units: 支持方向 |
  支持内容 | 责任单位, or a first column naming each row's measure: 政策名称 | 支持标准, the rows
  numbered by their place) gives each
  row as a record of labelled lines, ``序号：1`` on a line of its own and then ``支持事项：…``,
  ``支持标准：…``, ``责任单位：…``, as :mod:`loaders.numbering` reads a table typed as records:
  each row is a measure with its own units (a division-of-labour table of headings without
  figures stays as above, matched to the measures it names);
* a table of fields under a header that only says so (``项目 | 内容``, ``名称 | 信息``: a portal's
  metadata table) gives ``field：value`` per row, as the page would say it (``发文字号：宁发改规发〔2026〕2号``);
* a table without a header row (a page's metadata table: ``发文字号： | 粤府〔2025〕6号``) keeps
  its rows with cells separated by a space.

A page saved as plain text types its tables as lines of cells between bars (``项目｜标准``,
``| 档次 | 金额 |`` with a ``|---|`` rule): :func:`text_tables` gives such a block the same lines.

A header row has at least two cells, none empty, none with a digit outside a bracket and none
ending in a colon, and at least one row follows it.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import to_simplified
from .unit_table import ROLE_COLUMNS

_TITLE_COLUMNS = frozenset({"文件名称", "文件标题", "名称", "标题", "文件", "政策名称",
                            "政策文件名称", "规范性文件名称", "废止文件名称", "文件题目"})
_NUMBER_COLUMNS = frozenset({"文号", "发文字号", "发文文号", "文件编号", "编号"})
_ORDINAL_COLUMNS = frozenset({"序号", "编号"})
_UNIT_IN_HEADER = re.compile(r"^(.*?)\s*[（(]\s*(万元|亿元|千元|元|%|％|个|家|人|项)\s*[)）]\s*$")
_PLACES = ("名额", "推荐数量", "推荐名额（个）")
_BARE_NUMBER = re.compile(r"^[\d.,，]+$")
_DIGIT_OUTSIDE_BRACKETS = re.compile(r"\d")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_SPACES = re.compile(r"[\s\u3000]+")


def _tidy(cell: str) -> str:
    return _SPACES.sub(" ", cell).strip()


def _key(cell: str) -> str:
    """A column name as the rules know it: no spaces, no colon, simplified (牽頭單位 → 牵头单位)."""
    return to_simplified(_SPACES.sub("", cell).rstrip("：:"))


def is_header(cells: list[str]) -> bool:
    """True for a row of column names (see the module docstring)."""
    if len(cells) < 2 or any(not c.strip() for c in cells):
        return False
    return not any(_DIGIT_OUTSIDE_BRACKETS.search(_BRACKETED.sub("", c))
                   or c.rstrip().endswith(("：", ":")) for c in cells)


def _plain(rows: list[list[str]]) -> list[str]:
    return [" ".join(c for c in map(_tidy, row) if c) for row in rows]


def _unit_rows(header: list[str], rows: list[list[str]]) -> list[str]:
    """Header and rows, cells one space apart; a cell's own white space becomes ``、``."""
    def cell(text: str) -> str:
        return "、".join(_tidy(text).split(" "))
    return [" ".join(map(cell, row)) for row in [header, *rows] if any(c.strip() for c in row)]


def _document_rows(keys: list[str], rows: list[list[str]]) -> list[str]:
    title_at = next(k for k, name in enumerate(keys) if name in _TITLE_COLUMNS)
    number_at = next((k for k, name in enumerate(keys) if name in _NUMBER_COLUMNS
                      and k != title_at), None)
    out = []
    for row in rows:
        title = _tidy(row[title_at]) if title_at < len(row) else ""
        number = _tidy(row[number_at]) if number_at is not None and number_at < len(row) else ""
        if title and not title.startswith("《"):
            title = "《" + title.strip('“”"') + "》"
        line = title + (f"（{number}）" if number and title else number)
        if line:
            out.append(line)
    return out


def _labelled_rows(header: list[str], rows: list[list[str]]) -> list[str]:
    labels: list[tuple[str, str]] = []
    for name in header:
        name = _tidy(name)
        m = _UNIT_IN_HEADER.match(name)
        labels.append((m.group(1), m.group(2)) if m else (name, ""))
    out = []
    for row in rows:
        parts = []
        for (label, unit), value in zip(labels, row, strict=False):
            value = _tidy(value)
            if not value:
                continue
            if unit and _BARE_NUMBER.match(value):
                value += unit
            elif label.endswith(_PLACES) and value.isdigit():
                value += "个"  # 推荐名额 | 3: three places
            parts.append(f"{label}为{value}" if label else value)
        if parts:
            out.append("，".join(parts) + "。")
    return out


_FIGURE = re.compile(r"\d(?:[\d.,，]*)\s*(?:万元|亿元|千元|元|%|％)")
_ROW_NUMBER = re.compile(r"^\s*[（(]?\s*(\d{1,3})\s*[)）.．、]?\s*$")


# a column that states what a row offers: 支持方向 | 支持内容 | 责任单位 lists measures unnumbered
# a first column naming each row's measure, beside a content column (政策名称 | 支持标准): a
# list of measures even with no units column (the units may come in a table of their own)
_MEASURE_NAME_COLUMNS = frozenset({"政策名称", "措施名称", "政策措施", "支持事项", "支持方向", "项目名称",
                                   "扶持事项", "奖补事项", "政策条目"})
_CONTENT_COLUMNS = frozenset({"支持内容", "支持标准", "扶持内容", "扶持标准", "政策内容", "具体措施",
                              "奖补标准", "补助标准", "奖励标准"})


# the header of a two-column table of fields and their values (a portal page's metadata)
_FIELD_HEADERS = frozenset({"项目", "名称", "字段", "属性", "类别", "信息项", "元数据"})
_VALUE_HEADERS = frozenset({"内容", "值", "信息", "详情", "说明", "取值", "数值"})


def _is_field_table(keys: list[str]) -> bool:
    return len(keys) == 2 and keys[0] in _FIELD_HEADERS and keys[1] in _VALUE_HEADERS


def _field_rows(body: list[list[str]]) -> list[str]:
    """``field：value`` per row (a row with no value gives its field alone)."""
    out = []
    for row in body:
        field, value = (_tidy(c) for c in (*row, "", "")[:2])
        if field or value:
            out.append(f"{field.rstrip('：:')}：{value}" if field and value else field or value)
    return out


def _section(row: list[str]) -> str | None:
    """The text of a row that heads a group of rows (one cell across the table, ``一、研发创新``),
    or None: a row whose one non-empty cell is the first and no row number."""
    cells = [_tidy(c) for c in row if c.strip()]
    if len(cells) == 1 and row[0].strip() and not _ROW_NUMBER.match(cells[0]):
        return cells[0]
    return None


def _numbers_run(numbers: list[int], starts: list[int]) -> bool:
    """Row numbers 1, 2, 3… through the table, or restarting at 1 after each section row
    (``starts``: the positions in ``numbers`` that follow one)."""
    if numbers == list(range(1, len(numbers) + 1)):
        return True
    bounds = [*sorted(set(starts) | {0}), len(numbers)]
    return len(bounds) > 2 and all(
        numbers[a:b] == list(range(1, b - a + 1)) for a, b in zip(bounds, bounds[1:], strict=False))


def _is_measure_list(keys: list[str], body: list[list[str]]) -> bool:
    """A first column numbering the rows 1, 2, 3… (or, with no such column, a column stating what
    each row offers beside a column of its units) and figures in at least half of the rows; rows
    heading groups of rows (:func:`_section`) are set aside."""
    if len(keys) < 2 or not body or (len(keys) == 2 and keys[0] not in _MEASURE_NAME_COLUMNS):
        return False
    starts: list[int] = []
    rows: list[list[str]] = []
    for row in body:
        if _section(row) is not None:
            starts.append(len(rows))
        else:
            rows.append(row)
    body = rows
    if not body:
        return False
    numbered = keys[0] in _ORDINAL_COLUMNS
    if numbered:
        numbers = [_ROW_NUMBER.match(row[0]) if row else None for row in body]
        if not all(numbers) or not _numbers_run([int(m.group(1)) for m in numbers], starts):
            return False
    elif (len(body) < 2 or not _CONTENT_COLUMNS.intersection(keys)
          or not (any(k in ROLE_COLUMNS for k in keys) or keys[0] in _MEASURE_NAME_COLUMNS)):
        return False
    with_figures = sum(1 for row in body if any(_FIGURE.search(c) for c in row[numbered:]))
    return 2 * with_figures >= len(body)


def _record_rows(header: list[str], body: list[list[str]]) -> list[str]:
    """Each row as ``序号：N`` (its number, or its place) and one ``column：cell`` line per
    non-empty cell; a row heading a group of rows (:func:`_section`) stays a line of its own."""
    out = []
    first = 1 if _key(header[0]) in _ORDINAL_COLUMNS else 0  # rows unnumbered: numbered here
    n = 0
    for row in body:
        section = _section(row)
        if section is not None:
            out.extend([section, ""])
            continue
        n += 1
        out.append(f"序号：{_ROW_NUMBER.match(row[0]).group(1) if first else n}")
        for name, value in zip(header[first:], row[first:], strict=False):
            value = _tidy(value)
            if value:
                out.append(f"{_key(name)}：{value}")
        out.append("")
    return out


def _filled(rows: list[list[str | None]]) -> list[list[str]]:
    """``None`` (the lower part of a merged cell) → the text of the cell above it."""
    out: list[list[str]] = []
    for row in rows:
        above = out[-1] if out else []
        out.append([(above[k] if k < len(above) else "") if c is None else c
                    for k, c in enumerate(row)])
    return out


def table_lines(rows: list[list[str | None]]) -> list[str]:
    """The lines of a table given as rows of cell texts (see the module docstring); empty
    rows are left out. A cell given as ``None`` continues the cell above it (a vertically
    merged cell): a table with a header row repeats its text in every row it spans, as prose
    would; a table without one writes it once."""
    if len(rows) < 2 or not is_header([c or "" for c in rows[0]]):
        return _plain([[c or "" for c in row] for row in rows
                       if any(c and c.strip() for c in row)])
    rows = [row for row in _filled(rows) if any(c.strip() for c in row)]
    header, body = rows[0], rows[1:]
    keys = [_key(c) for c in header]
    if _is_field_table(keys):
        return _field_rows(body)
    if _is_measure_list(keys, body):
        return _record_rows(header, body)
    if any(k in ROLE_COLUMNS for k in keys):
        return _unit_rows(header, body)
    if any(k in _TITLE_COLUMNS for k in keys) and all(
            k in _TITLE_COLUMNS or k in _NUMBER_COLUMNS or k in _ORDINAL_COLUMNS for k in keys):
        return _document_rows(keys, body)
    return _labelled_rows(header, body)


_PIPE = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*")
_RULE_ROW = re.compile(r"^[\s|｜:：\-—–]+$")


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a line written ``a ｜ b ｜ c`` (outer pipes optional), or None."""
    body = line.strip()
    if not _PIPE.search(body):
        return None
    body = re.sub(r"^[|｜]|[|｜]$", "", body)
    cells = [c.strip() for c in _PIPE.split(body)]
    return cells if len(cells) >= 2 else None


def _spaced_cells(line: str) -> list[str] | None:
    """The cells of a line whose columns are set apart by a tab, an ideographic space or two
    spaces or more (``项目类别　　支持方式　　支持标准``), or None."""
    cells = _GAP.split(line.strip())
    return cells if len(cells) >= 2 else None


_GAP = re.compile(r"[ \u3000]*\t[ \t\u3000]*|[ \u3000]*\u3000[ \u3000]*|[ ]{2,}")
_HEADER_CELL = re.compile(r"^[^：:，,。；;]{1,12}$")
# a numbered line (第一条　…, 一、…) is prose set apart by a space, never a row of cells
_NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章条节款]|[一二三四五六七八九十]+[、.．]|\d+[、.．]"
                       r"|[（(][一二三四五六七八九十\d]+[)）])")


def _is_table(rows: list[list[str]]) -> bool:
    """A header row over rows of figures or of named columns (never two lines of page
    furniture such as ``首页｜新闻`` over ``字号：大｜中｜小``)."""
    if len(rows) < 2 or not is_header(rows[0]):
        return False
    keys = {_key(c) for c in rows[0]}
    return bool(keys & (set(ROLE_COLUMNS) | _TITLE_COLUMNS | _NUMBER_COLUMNS)) or any(
        _DIGIT_OUTSIDE_BRACKETS.search(c) for row in rows[1:] for c in row)


_BOX_RULE = re.compile(r"^[ \t\u3000]*[┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝─━═┄┈╌+\-][┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝─━═┄┈╌+\- \t]*$")
_BOX_ROW = re.compile(r"^[ \t\u3000]*[│┃║]")
_BOX_BAR = re.compile(r"[│┃║]")


def _box_rows(block: list[str]) -> list[list[str]]:
    """The rows of a table drawn with box characters: each line between two rules is a part of
    one row (a cell wrapped onto the next line goes on), cells joined part by part; a table
    without inner rules takes a line whose first cell is empty as the rest of the row above."""
    rows: list[list[str]] = []
    parts: list[list[str]] = []

    def flush() -> None:
        if parts:
            width = max(map(len, parts))
            rows.append(["".join(p[k].strip() for p in parts if k < len(p)) for k in range(width)])
            parts.clear()

    ruled = any(_BOX_RULE.match(line) for line in block[1:-1])
    for line in block:
        if _BOX_RULE.match(line):
            flush()
            continue
        cells = [c.strip() for c in _BOX_BAR.split(line.strip())[1:-1]]
        if not ruled and parts and cells and not cells[0]:
            parts.append(cells)  # the rest of the row above
            continue
        if not ruled:
            flush()
        parts.append(cells)
    flush()
    return [row for row in rows if any(row)]


def _box_tables(text: str) -> str:
    """Tables drawn with box characters (┌─┬─┐ / │a│b│ / └─┴─┘) → :func:`table_lines`."""
    if not _BOX_BAR.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and (_BOX_ROW.match(lines[end]) or _BOX_RULE.match(lines[end])
                                    and lines[end].strip()):
            end += 1
        block = lines[k:end]
        if sum(1 for line in block if _BOX_ROW.match(line)) >= 2:
            out.extend(table_lines(_box_rows(block)))
        else:  # rules without rows (a line of dashes): kept as they are, each line visited once
            out.extend(block or lines[k : k + 1])
        k = max(end, k + 1)
    return "\n".join(out)


def text_tables(text: str) -> str:
    """``text`` with each table typed as lines of cells separated by ``|`` or ``｜``, or by a tab,
    an ideographic space or two spaces or more (at least two rows of the same number of cells, the first a header —
    short column names with no colon where the cells are set apart by spaces; a Markdown rule
    row ``|---|`` left out) written as :func:`table_lines` writes it; every other line
    unchanged. A table drawn with box characters (``┌─┬─┐``, ``│序号│支持标准│``) is read the same
    way, a cell wrapped onto a second line of the box joined to its first."""
    text = _box_tables(text)
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        split = _pipe_cells if _PIPE.search(lines[k]) else _spaced_cells
        cells = split(lines[k])
        if cells is None:
            out.append(lines[k])
            k += 1
            continue
        rows, end = [cells], k + 1
        while end < len(lines):
            if _RULE_ROW.match(lines[end]) and _PIPE.search(lines[end]):
                end += 1
                continue
            more = split(lines[end])
            if more is None or len(more) != len(cells):
                break
            rows.append(more)
            end += 1
        spaced_header = split is _pipe_cells or (
            all(_HEADER_CELL.match(c) for c in rows[0])
            and not any(_NUMBERED.match(row[0]) or row[-1].endswith("。") for row in rows))
        if spaced_header and _is_table(rows):
            out.extend(table_lines(rows))
            k = end
        else:
            out.append(lines[k])
            k += 1
    return "\n".join(out)
