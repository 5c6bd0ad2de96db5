"""Helpers for the official-document tests: parse snippets and seeds, look facts up."""

from __future__ import annotations

from decimal import Decimal

from policykg.loaders.official import parse_official
from policykg.loaders.records import Measure, Offer, OfficialDocument
from policykg.loaders.route import load
from policykg.loaders.source import source_from_bytes
from tests.conftest import seed_file


def parse_text(text: str, name: str = "snippet.txt") -> OfficialDocument:
    """Parse a synthetic snippet (UTF-8) as an official document."""
    return parse_official(source_from_bytes(text.encode("utf-8"), name))


def load_seed(prefix: str) -> OfficialDocument:
    """Load a seed with the router; it must come back as an official document."""
    result = load(seed_file(prefix))
    assert result.error is None, result.error
    assert isinstance(result.record, OfficialDocument)
    return result.record


def yuan(wan: str) -> Decimal:
    """``"800"`` 万元 → Decimal yuan."""
    return Decimal(wan) * 10000


def amounts(m: Measure) -> list[tuple[Decimal, str]]:
    return [(a.value, a.role) for a in m.amounts]


def local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def offer_facts(o: Offer) -> dict:
    """The comparable facts of an offer (values as Decimal/int/str, None when absent)."""
    return {
        "class": o.instrument_class,
        "max": o.max_amount.value if o.max_amount else None,
        "total": o.total_budget.value if o.total_budget else None,
        "threshold": o.min_threshold.value if o.min_threshold else None,
        "rate": o.unit_rate.value if o.unit_rate else None,
        "step": o.unit_step.value if o.unit_step else None,
        "share": o.max_cost_share.value if o.max_cost_share else None,
        "matching": o.matching_ratio.value if o.matching_ratio else None,
        "quota": o.max_recipients.count if o.max_recipients else None,
        "period": o.period,
        "level": o.recognition_level,
        "categories": [local(c.concept) for c in o.categories],
    }


def spans_of(doc: OfficialDocument):
    """Every span in the record (for the offsets-map back to the original)."""
    from dataclasses import fields, is_dataclass

    from policykg.loaders.records import Span

    def walk(value):
        if isinstance(value, Span):
            yield value
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                if f.name != "source":
                    yield from walk(getattr(value, f.name))
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)

    yield from walk(doc)


# a notice's head and signature around the measures of a snippet
NOTICE_HEAD = "某市人民政府办公室关于印发某市若干措施的通知\n某政办发〔2026〕9号\n\n"
NOTICE_SIGN = "\n某市人民政府办公室\n2026年5月6日\n"


def money_roles(m: Measure) -> list[tuple[str, int]]:
    """The measure's amounts as (role, yuan)."""
    return [(a.role, int(a.value)) for a in m.amounts]


def unit_roles(m: Measure) -> list[tuple[str, str]]:
    """The measure's units as (full name, role), lead and responsible first."""
    return [(u.name, u.role) for u in m.responsible + m.cooperating]
