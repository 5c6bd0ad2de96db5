"""Verdicts from the general comparison: figure + context (type, category, level, period, role)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import Literal

from policykg.graph.claims.factcheck import OfficialDoc, _check_date
from policykg.graph.claims.link import check_report
from policykg.graph.claims.report import report_to_graph
from policykg.loaders.records import ClaimRecord, Span
from policykg.loaders.report import load_report
from policykg.loaders.source import source_from_bytes
from policykg.ontology.namespace import ID, POL

from .helpers import fixture_official, fixture_source


def _verdicts(name_or_text: str):
    if name_or_text.endswith(".txt"):
        report = load_report(fixture_source(name_or_text))
    else:
        report = load_report(source_from_bytes(name_or_text.encode("utf-8"), "r.txt"))
    result = check_report(report, fixture_official())
    return report, result


def test_each_figure_gets_a_verdict_from_the_matching_measure():
    report, result = _verdicts("en_wire_guangdong.txt")
    assert len(result.checks) == len(report.claims)
    by = {}
    for claim, check in zip(report.claims, result.checks, strict=True):
        by.setdefault((claim.kind, claim.amount or claim.count), []).append(check)
    nat = by[("amount", Decimal("20000000"))][0]
    assert nat.verdict == "Consistent" and nat.measure == ID["doc/2024/yue-ce-3/measure/1"]
    assert by[("count", 8)][0].verdict == "Consistent"
    # a threshold (超5000万元（含）) retold as a cap
    threshold = by[("amount", Decimal("50000000"))][0]
    assert threshold.verdict == "Conflicting"
    assert "threshold" in threshold.reason
    assert threshold.official_value == Literal(Decimal("50000000"))
    # a per-case cap retold with another amount: the official value is stated
    five = by[("amount", Decimal("5000000"))]
    assert five[0].verdict == "Consistent"  # the provincial tier of measure 1
    assert five[1].verdict == "Conflicting"
    assert Decimal(str(five[1].official_value)) == Decimal("3000000")
    assert five[1].measure == ID["doc/2024/yue-ce-3/measure/3"]
    region = by[("count", 1500)][0]
    assert region.verdict == "Unverified" and "region" in region.reason


def test_a_per_item_cap_retold_as_a_total_conflicts():
    _, result = _verdicts(
        "Guangdong robot measures\n\n2024-05-09\n\n"
        "The \"Several Measures for Supporting Innovative Development of the Robot Industry of "
        "Guangdong Province\" set a total budget of 3 million yuan for robot demonstration cases "
        "each year.\n"
    )
    (check,) = [c for c in result.checks if c.official_value is not None and "total" in c.reason]
    assert check.verdict == "Conflicting"
    assert check.measure == ID["doc/2024/yue-ce-3/measure/3"]


def test_claims_in_the_graph_carry_verdict_reason_and_official_value():
    report = load_report(fixture_source("en_wire_guangdong.txt"))
    _, g = report_to_graph(report, fixture_official())
    conflicting = set(g.subjects(POL.verdict, POL.Conflicting))
    assert conflicting
    for claim in conflicting:
        assert g.value(claim, POL.verdictReason).language == "en"
        assert g.value(claim, POL.officialValue) is not None
        assert g.value(claim, POL.aboutMeasure) is not None
        assert g.value(claim, POL.claimedAmount) is not None
        assert g.value(claim, POL.evidence) is not None
    assert set(g.subjects(POL.verdict, POL.Consistent))
    assert set(g.subjects(POL.verdict, POL.Unverified))


def _date_claim(day: dt.date) -> ClaimRecord:
    span = Span(0, 5, "x" * 5)
    return ClaimRecord("date", span, span, date=day, topic="release")


def _doc(issued: dt.date, published: dt.date | None = None) -> OfficialDoc:
    return OfficialDoc(ID["doc/x"], None, None, issued, published, 1, [])


def test_release_dates_against_issue_and_publication_dates():
    issued = dt.date(2024, 3, 9)
    same = _check_date(_date_claim(issued), _doc(issued))
    assert same.verdict == "Consistent"
    next_day = _check_date(_date_claim(dt.date(2024, 3, 10)), _doc(issued))
    assert next_day.verdict == "Unverified"
    assert "2024-03-09" in next_day.reason and "publication" in next_day.reason
    assert next_day.official_value == Literal(issued)
    before = _check_date(_date_claim(dt.date(2024, 3, 1)), _doc(issued))
    assert before.verdict == "Conflicting" and "before" in before.reason
    published = _check_date(_date_claim(dt.date(2024, 3, 12)), _doc(issued, dt.date(2024, 3, 10)))
    assert published.verdict == "Conflicting" and "2024-03-10" in published.reason


def test_provincial_committee_level_is_found_for_any_province():
    """Regression: the provincial level of a standards committee was keyed to one province name."""
    from policykg.loaders.report_figures import _levels_in

    for province in ("浙江省", "四川省", "广东省"):
        text = f"承担全国、{province}专业标准化技术委员会秘书处的，分别给予支持。"
        levels = [lvl for _, lvl in _levels_in(text, 0, len(text))]
        assert levels == ["National", "Provincial"], (province, levels)
