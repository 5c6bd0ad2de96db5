"""Synthetic official documents (other provinces, other shapes) against expected records.

Each ``fixtures/official/<name>.<txt|html>`` has a ``<name>.json`` holding the expected
projection of the record (see :func:`project`); only the keys present in the JSON are compared,
so a fact whose form depends on vocabulary coverage (an approver's full name) can be left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.loaders.official import parse_official
from policykg.loaders.records import OfficialDocument
from policykg.loaders.source import read_source
from tests.loaders.official_helpers import local, spans_of

FIXTURES = Path(__file__).parent / "fixtures" / "official"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))


def _s(value) -> str | None:
    return None if value is None else str(value)


def _money(m) -> str | None:
    return None if m is None else str(m.value)


def project(doc: OfficialDocument) -> dict:
    """The comparable facts of a record as plain JSON values."""
    return {
        "number": doc.number,
        "title": doc.title,
        "notice_title": doc.notice_title,
        "issuers": [a.name for a in doc.issuers],
        "approvers": [a.name for a in doc.approvers],
        "contact": doc.contact.name if doc.contact else None,
        "addressees": doc.addressees,
        "date_issued": _s(doc.date_issued),
        "published": _s(doc.published),
        "jurisdiction": local(doc.jurisdiction),
        "valid_from": _s(doc.valid_from),
        "valid_until": _s(doc.valid_until),
        "repeals": [[r.title, r.number] for r in doc.repeals],
        "based_on": [[r.title, r.number] for r in doc.based_on],
        "non_cumulative": doc.non_cumulative is not None,
        "scope": doc.scope is not None,
        "warnings": [w.code for w in doc.warnings],
        "measures": [
            {
                "ordinal": m.ordinal,
                "numbering": m.numbering,
                "heading": m.heading,
                "amounts": [[str(a.value), a.role] for a in m.amounts],
                "ratios": [[str(r.value), r.role, r.cost_basis] for r in m.ratios],
                "quotas": [[q.count, q.period] for q in m.quotas],
                "responsible": [a.name for a in m.responsible],
                "cooperating": [a.name for a in m.cooperating],
                "offers": [
                    {
                        "class": o.instrument_class,
                        "max": _money(o.max_amount),
                        "total": _money(o.total_budget),
                        "threshold": _money(o.min_threshold),
                        "rate": _money(o.unit_rate),
                        "step": _money(o.unit_step),
                        "share": _s(o.max_cost_share.value) if o.max_cost_share else None,
                        "quota": o.max_recipients.count if o.max_recipients else None,
                        "period": o.period,
                        "level": o.recognition_level,
                    }
                    for o in m.offers
                ],
            }
            for m in doc.measures
        ],
    }


def _subset(expected, actual, path: str = "") -> list[str]:
    """Differences where ``expected`` (a dict/list tree) disagrees with ``actual``."""
    if isinstance(expected, dict):
        out = []
        for k, v in expected.items():
            out += _subset(v, actual.get(k) if isinstance(actual, dict) else None, f"{path}.{k}")
        return out
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {len(expected)} items, got {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out += _subset(e, a, f"{path}[{i}]")
        return out
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_matches_expected_record(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text("utf-8"))
    doc = parse_official(read_source(path))
    assert isinstance(doc, OfficialDocument)
    diffs = _subset(expected, project(doc))
    assert not diffs, "\n".join(diffs)
    for span in spans_of(doc):
        assert doc.source.text[span.start : span.end] == span.text


if __name__ == "__main__":  # regenerate a projection to review by hand: python -m tests.loaders…
    import sys

    for arg in sys.argv[1:]:
        rec = parse_official(read_source(arg))
        print(json.dumps(project(rec), ensure_ascii=False, indent=1))
