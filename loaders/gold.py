"""The gold format of ``policykg evaluate``: read and validate hand-made gold files (no RDF).

One JSON file per document (``docs/evaluation.md`` fixes the format). :func:`read_gold` returns
a :class:`Gold` whose facts are :class:`Fact` values in the normalised form they are compared
in; a file that cannot be used raises :class:`GoldError`, one sentence naming the file and
the first problem found.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..ontology.gazetteer import to_simplified

DOCUMENT_KINDS = ("title", "number", "issuer", "date_issued", "jurisdiction", "valid_from",
                  "valid_until", "repeals")
MEASURE_KINDS = ("amount", "threshold", "cost_share", "matching_ratio", "quota", "responsible",
                 "category", "sector", "penalty")
KINDS = ("kind", *DOCUMENT_KINDS, "measures", *MEASURE_KINDS)  # the order of every table
AMOUNT_ROLES = ("cap", "per_recipient_cap", "min_amount", "total_budget", "unit_rate")
UNIT_ROLES = ("lead", "support", "responsible")
PERIODS = ("PerYear", "PerPolicyTerm", "OneTime")
_DECIMAL_KINDS = {"amount", "threshold", "cost_share", "matching_ratio", "penalty"}
_DATE_KINDS = {"date_issued", "valid_from", "valid_until"}
_ATTRIBUTES = {kind: {"measure", "span"} for kind in MEASURE_KINDS}
_ATTRIBUTES["amount"] |= {"role"}
_ATTRIBUTES["responsible"] |= {"role"}
_ATTRIBUTES["quota"] |= {"period"}
_CHOICES = {("amount", "role"): AMOUNT_ROLES, ("responsible", "role"): UNIT_ROLES,
            ("quota", "period"): PERIODS}
_TOP_KEYS = {"source", "sha256", "kind", "facts", "note"}

_SPACE_OR_QUOTE = re.compile(r"[\s\u3000\u200b\"'“”‘’「」『』《》〈〉]+")
_YEAR_BRACKETS = re.compile(r"[\[［(（【〔]((?:19|20)\d{2})[\]］)）】〕]第?")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GoldError(ValueError):
    """A gold file that cannot be used; ``str(err)`` names the file and the problem."""


# ---------------------------------------------------------------- facts and their keys


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact, gold or found. ``keys`` are the normalised forms it matches by (a gold fact has
    one; a found name has its written, full and vocabulary forms). ``None`` attributes are
    absent: a gold fact does not compare them, a found fact does not have them."""

    kind: str
    value: str
    keys: frozenset[str]
    measure: int | None = None
    role: str | None = None
    period: str | None = None
    span: tuple[int, int] | None = None
    quote: str | None = None  # found facts: the original text of ``span``
    group: str | None = None  # found alternatives (title, notice title): one fact to score

    def as_json(self) -> dict:
        out: dict = {"kind": self.kind, "value": self.value}
        for name in ("measure", "role", "period"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.span is not None:
            out["span"] = list(self.span)
        if self.quote is not None:
            out["quote"] = self.quote
        return out


def normalise_text(text: str) -> str:
    """The form names, titles and numbers are compared in: simplified script, lower case,
    without white space or quote marks, a year in any bracket as ``〔2025〕``."""
    text = _SPACE_OR_QUOTE.sub("", to_simplified(text)).lower()
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def canonical_decimal(value: Decimal) -> str:
    """``0.30`` → ``0.3``, ``8E+6`` → ``8000000``: one string per number."""
    return format(value.normalize(), "f")


# ---------------------------------------------------------------- gold


@dataclass(slots=True)
class Gold:
    """One validated gold file: which source it describes and its facts by kind."""

    path: str
    source: str | None
    sha256: str | None
    facts: dict[str, list[Fact]]  # only the kinds the gold gives (partial gold)


def _fail(path: str, problem: str) -> GoldError:
    return GoldError(f"{path}: {problem}.")


def _gold_value(path: str, where: str, kind: str, value) -> tuple[str, frozenset[str]]:
    """Check one gold value of ``kind``; return its display form and its match key."""
    if kind in _DECIMAL_KINDS:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise _fail(path, f"{where} must be a decimal number as a string, like \"8000000\"")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise _fail(path, f"{where} {value!r} is not a decimal number") from None
        if not number.is_finite():
            raise _fail(path, f"{where} {value!r} is not a finite number")
        text = canonical_decimal(number)
        return text, frozenset({text})
    if kind in ("quota", "measures"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _fail(path, f"{where} must be a whole number, not {value!r}")
        return str(value), frozenset({str(value)})
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"{where} must be a non-empty string, not {value!r}")
    if kind in _DATE_KINDS:
        try:
            if not _ISO_DATE.match(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            raise _fail(path, f"{where} {value!r} is not a date written YYYY-MM-DD") from None
        return value, frozenset({value})
    return value, frozenset({normalise_text(value)})


def _gold_attributes(path: str, where: str, kind: str, item: dict) -> dict:
    attrs: dict = {}
    for name, value in item.items():
        if name in ("value", "name"):
            continue
        if name not in _ATTRIBUTES[kind]:
            allowed = ", ".join(sorted(_ATTRIBUTES[kind]))
            raise _fail(path, f"{where} has an unknown attribute {name!r} (a {kind} fact takes "
                              f"value and {allowed})")
        if name == "measure" and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 1):
            raise _fail(path, f"{where}.measure must be a measure ordinal (1, 2, …), "
                              f"not {value!r}")
        if name == "span":
            if (not isinstance(value, list) or len(value) != 2
                    or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                    or not 0 <= value[0] < value[1]):
                raise _fail(path, f"{where}.span must be [start, end] with 0 ≤ start < end, "
                                  f"not {value!r}")
            value = (value[0], value[1])
        choices = _CHOICES.get((kind, name))
        if choices and value not in choices:
            raise _fail(path, f"{where}.{name} {value!r} is not one of {', '.join(choices)}")
        attrs[name] = value
    return attrs


def _gold_fact(path: str, kind: str, index: int, item) -> Fact:
    where = f"facts.{kind}[{index}]"
    if kind == "measures":
        where = "facts.measures"
    if kind not in MEASURE_KINDS:
        display, keys = _gold_value(path, where, kind, item)
        return Fact(kind, display, keys)
    if not isinstance(item, dict):
        raise _fail(path, f"{where} must be an object with a value, like {{\"value\": …}}")
    if "value" in item and "name" in item:
        raise _fail(path, f"{where} gives both value and name; give one")
    if "value" not in item and "name" not in item:
        raise _fail(path, f"{where} has no value")
    display, keys = _gold_value(path, f"{where}.value", kind, item.get("value", item.get("name")))
    return Fact(kind, display, keys, **_gold_attributes(path, where, kind, item))


def parse_gold(data, path: str) -> Gold:
    """Validate decoded gold JSON; raise :class:`GoldError` on the first problem found."""
    if not isinstance(data, dict):
        raise _fail(path, "the gold must be a JSON object with source, kind and facts")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _fail(path, f"unknown key {unknown[0]!r} (a gold file has "
                          f"{', '.join(sorted(_TOP_KEYS))})")
    source, sha = data.get("source"), data.get("sha256")
    if source is None and sha is None:
        raise _fail(path, "it names no source (give \"source\": the file name, or \"sha256\")")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise _fail(path, "source must be the source's file name")
    if sha is not None and (not isinstance(sha, str)
                            or not re.fullmatch(r"[0-9a-fA-F]{64}", sha)):
        raise _fail(path, "sha256 must be 64 hexadecimal digits")
    facts_json = data.get("facts", {})
    if not isinstance(facts_json, dict):
        raise _fail(path, "facts must be an object of fact kinds")
    facts: dict[str, list[Fact]] = {}
    if "kind" in data:
        if data["kind"] not in ("official", "report"):
            raise _fail(path, f"kind must be official or report, not {data['kind']!r}")
        facts["kind"] = [Fact("kind", data["kind"], frozenset({data["kind"]}))]
    for kind, items in facts_json.items():
        if kind not in KINDS or kind == "kind":
            raise _fail(path, f"facts.{kind} is not a fact kind (known: "
                              f"{', '.join(k for k in KINDS if k != 'kind')}; kind is a top key)")
        if kind == "measures":
            items = [items]
        elif not isinstance(items, list):
            raise _fail(path, f"facts.{kind} must be a list ([] for none)")
        facts[kind] = [_gold_fact(path, kind, i, item) for i, item in enumerate(items)]
    name = Path(source).name if isinstance(source, str) else None
    return Gold(path, name, sha.lower() if sha else None, facts)


def read_gold(path: str | Path) -> Gold:
    """Read and validate one gold file."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise GoldError(f"{name}: cannot be read ({err.strerror or err}).") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise GoldError(f"{name}: is not UTF-8 text.") from None
    except json.JSONDecodeError as err:
        raise GoldError(f"{name}: is not valid JSON (line {err.lineno}, column {err.colno}: "
                        f"{err.msg}).") from None
    return parse_gold(data, name)


def gold_files(folder: str | Path) -> list[Path]:
    """Every ``*.json`` below ``folder`` (or the file itself), hidden ones left out, sorted."""
    root = Path(folder)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.json")
                  if p.is_file() and not any(s.startswith(".") for s in p.relative_to(root).parts))
