"""A division-of-labour table (政策任务分工表) written as text: whose measure is whose.

Notices often list responsibilities in a table after the measures, one row per measure::

    序号　政策条款　牵头单位　配合单位
    1　支持大模型基础研发　市发展改革委　市财政局

Columns are separated by white space (the cleaned view keeps one space where the page had
several or an ideographic space), a tab or ``|``; a row must have as many cells as the header. The header
row names a lead (牵头单位/牵头部门), support (配合单位/协同单位) or responsible (责任单位)
column, and a number (序号) or measure (政策条款/措施/任务/内容) column. Each row gives the
view extents of its cells, so callers resolve names and spans as for any unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import UnitRole

_SEP = re.compile(r"[ \t\u3000]+|\s*[|｜]\s*")
ROLE_COLUMNS: dict[str, UnitRole] = {
    "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead",
    "配合单位": "support", "配合部门": "support", "协同单位": "support", "参与单位": "support",
    "责任单位": "responsible", "责任部门": "responsible",
}
_NUMBER_COLUMNS = ("序号", "编号")
# where such a table begins: its title line (…责任分工表) or its header row (序号 … 牵头单位 …)
TABLE_START = re.compile(
    r"(?:^|\n)[ \t\u3000]*(?:[^\n。；]{0,24}分工(?:一览)?表[ \t\u3000]*(?=\n)"
    r"|(?:序号|编号)[ \t\u3000|｜]+[^\n]{0,40}(?:牵头|责任|配合)(?:单位|部门))"
)
_MEASURE_COLUMNS = ("政策条款", "条款", "政策措施", "政策名称", "措施名称", "措施", "任务", "工作任务", "重点任务",
                    "内容", "政策内容")


@dataclass(frozen=True, slots=True)
class Row:
    """One row: the measure it names (ordinal and/or text) and its units by role, as view cells."""

    ordinal: int | None
    measure_text: str | None
    cells: tuple[tuple[UnitRole, int, int], ...]  # (role, start, end) of each unit cell


def _cells(view: str, start: int, end: int) -> list[tuple[str, int, int]]:
    out, pos = [], start
    for m in _SEP.finditer(view, start, end):
        if m.start() > pos:
            out.append((view[pos : m.start()], pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((view[pos:end], pos, end))
    return [(t.strip(), s, e) for t, s, e in out if t.strip()]


def find_rows(view: str, start: int = 0) -> list[Row]:
    """The rows of every division-of-labour table in ``view[start:]``."""
    rows: list[Row] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", view[start:])]
    lines = [(start + s, start + e) for s, e in lines]
    i = 0
    while i < len(lines):
        header = _cells(view, *lines[i])
        names = [t for t, _, _ in header]
        roles = {k: ROLE_COLUMNS[t] for k, t in enumerate(names) if t in ROLE_COLUMNS}
        if len(header) < 3 or not roles:
            i += 1
            continue
        number_at = next((k for k, t in enumerate(names) if t in _NUMBER_COLUMNS), None)
        measure_at = next((k for k, t in enumerate(names) if t in _MEASURE_COLUMNS), None)
        i += 1
        while i < len(lines):
            cells = _cells(view, *lines[i])
            if len(cells) != len(header):
                break
            ordinal = None
            if number_at is not None and cells[number_at][0].isdigit():
                ordinal = int(cells[number_at][0])
            text = cells[measure_at][0] if measure_at is not None else None
            units = tuple((roles[k], cells[k][1], cells[k][2]) for k in sorted(roles))
            rows.append(Row(ordinal, text, units))
            i += 1
    return rows
