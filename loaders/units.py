"""Responsible units of a measure: the bodies that lead, support or answer for it.

Read from notes such as ``（责任单位：…；配合单位：…）``; names are resolved against the
issuing jurisdiction by :func:`loaders.agencies.agency_ref`.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Gazetteer
from .agencies import SpanOf, agency_ref
from .records import AgencyRef

_ETC = re.compile(r"等[^、，,；;]{0,20}?(?:部门|单位|机构|主管部门)$")
_RESP = re.compile(
    r"[（(]\s*(责任单位|牵头单位|责任部门|牵头部门|主责单位)\s*[：:]\s*([^（）()]*?)"
    r"(?:[；;]\s*(配合单位|协同单位|参与单位|配合部门)\s*[：:]\s*([^（）()]*?))?\s*[）)]"
)


def split_names(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Split a list of names on 、，,； and white space; ``(name, start, end)`` in the view."""
    out = []
    for m in re.finditer(r"[^、，,；;\s]+", text):
        out.append((m.group(0), offset + m.start(), offset + m.end()))
    return out


def strip_etc(name: str) -> str:
    """Drop a trailing ``等…部门`` (``区政务和数据局等应用场景主管部门`` → ``区政务和数据局``)."""
    m = _ETC.search(name)
    if m and m.start() > 1:
        return name[: m.start()]
    return name


def responsible_units(
    view: str, start: int, end: int, span_of: SpanOf, prefixes: dict[str, str],
    gaz: Gazetteer | None,
) -> tuple[list[AgencyRef], list[AgencyRef], list[tuple[int, int]]]:
    """Responsible and cooperating units named in ``（责任单位：…；配合单位：…）`` notes.

    Returns the two lists and the view extents of the notes themselves.
    """
    responsible: list[AgencyRef] = []
    cooperating: list[AgencyRef] = []
    notes = []
    for m in _RESP.finditer(view, start, end):
        notes.append((m.start(), m.end()))
        for group, target in ((2, responsible), (4, cooperating)):
            if m.group(group) is None:
                continue
            for name, s, _e in split_names(m.group(group), m.start(group)):
                short = strip_etc(name)
                if len(short) < 2:
                    continue
                ref = agency_ref(short, span_of(s, s + len(short)), prefixes, gaz)
                if all(r.name != ref.name for r in target):
                    target.append(ref)
    return responsible, cooperating, notes
