"""Shared by the format tests: the document generator of ``examples/make_formats.py`` and the
facts of a record that must not depend on the file format it was read from."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from policykg.loaders.records import OfficialDocument, Report

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
CORPUS_FORMATS = REPO / "examples" / "corpus-formats"


@cache
def make_formats() -> ModuleType:
    """``examples/make_formats.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_formats",
                                                  REPO / "examples" / "make_formats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_facts(record: OfficialDocument | Report) -> dict:
    """What a reader of the document knows from it, without offsets: header facts, and per
    measure its heading, amounts, shares, quotas and units (official); title, date, publisher
    and claimed figures (report)."""
    if isinstance(record, Report):
        return {
            "title": record.title, "date": record.date, "publisher": record.publisher,
            "policies": sorted(d.title or d.number or "" for d in record.policy_titles),
            "claims": sorted((c.kind, str(c.amount), str(c.share), c.count, str(c.date))
                             for c in record.claims),
        }
    return {
        "number": record.number, "title": record.title, "notice_title": record.notice_title,
        "issuers": sorted(a.name for a in record.issuers), "issued": record.date_issued,
        "published": record.published, "valid": (record.valid_from, record.valid_until),
        "repeals": sorted((d.number or "", d.title or "") for d in record.repeals),
        "measures": [(
            m.ordinal, m.heading, m.numbering,
            sorted((str(a.value), a.role) for a in m.amounts),
            sorted((str(r.value), r.role) for r in m.ratios),
            sorted((q.count, q.period or "") for q in m.quotas),
            sorted(u.name for u in m.responsible + m.cooperating),
            len(m.offers),
        ) for m in record.measures],
    }
