"""``policykg inspect FILE [--json]``: show the records a loader extracts from one source file."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib
import json
import sys
from array import array
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path
from typing import Any

from policykg.errors import EXIT_FAILURE, EXIT_USAGE, UserError

_PAGES: ContextVar[list[tuple[int, int]] | None] = ContextVar("pages", default=None)
_SOURCE: ContextVar[Any] = ContextVar("source", default=None)

DESCRIPTION = """Show what the loader extracts from one source file (.txt, .html, .md, .pdf, .docx,
.ofd…).

First the routing decision (official document or report) with every sign found, its weight
and the quoted text it was read from. For an official document: the header (number, titles,
issuers, approvers, dates, validity, repeals), then every measure with its heading and each
clause with its role, value and the quoted original text. For a report: its metadata and
claims. --json prints the same records as JSON (key "routing" for the decision; spans as
start/end/text over the decoded original). A span in a PDF or OFD file also shows its page."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE",
                        help="a source file (.txt, .html, .md, .pdf, .docx, .doc, .wps, .ofd)")
    parser.add_argument("--json", action="store_true", help="print the records as JSON")
    parser.add_argument("--against", nargs="+", metavar="PATH",
                        help="for a report: official documents (files or folders) to check its "
                             "claims against (default: the report's folder)")


def agency_json(ref: Any) -> dict[str, Any]:
    """An agency mention (issuer, approver, responsible unit…) as users read it: ``name`` as the
    text writes it, ``label`` the organisation's preferred name, its ``concept`` IRI (None when
    the vocabulary does not know it) and whether it was ``resolved``; then jurisdiction, role,
    span."""
    return {"name": ref.written or ref.name, "label": ref.name, "concept": ref.concept,
            "resolved": ref.concept is not None, "jurisdiction": ref.jurisdiction,
            "role": ref.role, "span": to_jsonable(ref.span)}


def to_jsonable(value: Any) -> Any:
    """Records → plain JSON values (Decimal as string, dates ISO 8601), field order kept; agency
    mentions as :func:`agency_json`."""
    from policykg.loaders.records import AgencyRef, Span

    if isinstance(value, AgencyRef):
        return agency_json(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
               if not isinstance(getattr(value, f.name), array)}  # a source's character boxes
        if isinstance(value, Span) and _PAGES.get():
            out["page"] = _page(value)
            box = _box(value)
            if box is not None:
                out["box"] = [round(v, 1) for v in box]
        return out
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def run(args: argparse.Namespace) -> int:
    """Print what the loader reads; source text goes through the terminal-safe filter."""
    from policykg.store.termsafe import TerminalSafeWriter

    stdout = sys.stdout
    sys.stdout = stdout if isinstance(stdout, TerminalSafeWriter) else TerminalSafeWriter(stdout)
    try:
        return _run(args)
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def _run(args: argparse.Namespace) -> int:
    from policykg.loaders.records import OfficialDocument
    from policykg.loaders.route import load

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file; name a .txt or .html source.",
                        EXIT_USAGE)
    result = load(str(path))
    if result.record is None:
        code = EXIT_USAGE if result.stage in ("read", "decode") else EXIT_FAILURE
        raise UserError(result.error or f"{path} could not be loaded.", code)
    _PAGES.set(result.record.source.pages)  # spans of a PDF or OFD show their page
    _SOURCE.set(result.record.source)  # … and, in JSON, where on it they are printed
    if args.json:
        payload = {
            "path": result.path,
            "kind": type(result.record).__name__,
            "routing": to_jsonable(result.routing),
            "record": to_jsonable(result.record),
            "warnings": to_jsonable(result.warnings),
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if isinstance(result.record, OfficialDocument):
        sys.stdout.write(render_official(result.record, result.routing))
        return 0
    sys.stdout.write(render_routing(result.routing))
    try:
        module = importlib.import_module("policykg.commands.inspect_report")
    except ModuleNotFoundError as err:
        if err.name != "policykg.commands.inspect_report":
            raise
        module = None
    if module is not None and hasattr(module, "render"):
        return int(module.render(result, args) or 0)
    sys.stdout.write(render_generic(result.record))
    return 0


# ---------------------------------------------------------------- text rendering


def _box(span: Any) -> tuple[float, float, float, float] | None:
    """Where a span is printed on its page (PDF, OFD), or None."""
    from policykg.loaders.pages import box_of

    source = _SOURCE.get()
    if source is None:
        return None
    return box_of(source.pages, source.boxes, span.start, span.end, source.text)


def _page(span: Any) -> int | None:
    """The page a span starts on, when the file being shown has pages (PDF, OFD)."""
    from policykg.loaders.pages import page_at

    return page_at(_PAGES.get(), span.start)


def _quote(span: Any, limit: int = 90) -> str:
    if span is None:
        return ""
    text = " ".join(span.text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    page = _page(span)
    return f"  「{text}」 @{span.start}-{span.end}" + (f", page {page}" if page else "")


def _yuan(value: Decimal) -> str:
    return f"{value:,.0f} 元" if value == value.to_integral() else f"{value:,} 元"


def _local(iri: str | None) -> str:
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _agency(ref: Any) -> str:
    """``label <concept>``, or ``label (unresolved)``; the written form follows when it differs."""
    written = f" (written {ref.written})" if ref.written else ""
    return ref.name + written + (f" <{_local(ref.concept)}>" if ref.concept else " (unresolved)")


def render_routing(routing: Any) -> str:
    """The routing decision: the kind, both sums, then one line per sign with its quoted span."""
    if routing is None:
        return ""
    out = [f"Routed as:     {routing.kind} (official signs {routing.official:.1f}, "
           f"report signs {routing.report:.1f})"]
    for sign in routing.signs:
        out.append(f"  {sign.kind:<8} {sign.weight:>4.1f}  {sign.name:<18}{_quote(sign.span, 60)}")
    if not routing.signs:
        out.append("  (no sign of either kind)")
    return "\n".join(out) + "\n"


def render_official(doc: Any, routing: Any = None) -> str:
    """The human-readable listing of an :class:`OfficialDocument` (and its routing, if given)."""
    src = doc.source
    out: list[str] = []
    add = out.append
    how = src.reader or src.encoding  # the library that read a PDF/Word/OFD/Markdown file
    pages = f", {len(src.pages)} page{'s' if len(src.pages) != 1 else ''}" if src.pages else ""
    add(f"File:          {src.path or src.name}  ({src.media_type}, {how}, {src.script}{pages})")
    add("Kind:          official document")
    if routing is not None:
        add(render_routing(routing).rstrip("\n"))
    add(f"Title:         {doc.title or '-'}{_quote(doc.title_span)}")
    add(f"Notice title:  {doc.notice_title or '-'}")
    add(f"Number:        {doc.number or '-'}{_quote(doc.number_span)}")
    add(f"Issued by:     {'; '.join(_agency(a) for a in doc.issuers) or '-'}")
    add(f"Approved by:   {'; '.join(_agency(a) for a in doc.approvers) or '-'}")
    add(f"Addressees:    {'; '.join(doc.addressees) or '-'}")
    add(f"Contact:       {_agency(doc.contact) if doc.contact else '-'}")
    add(f"Date issued:   {doc.date_issued or '-'}{_quote(doc.date_span)}")
    if doc.published:
        add(f"Published:     {doc.published.isoformat(sep=' ')}{_quote(doc.published_span)}")
    add(f"Jurisdiction:  {_local(doc.jurisdiction) or '-'}")
    add(f"Valid:         {doc.valid_from or '?'} → {doc.valid_until or '?'}{_quote(doc.validity_span)}")
    for ref in doc.repeals:
        add(f"Repeals:       《{ref.title or '?'}》 {ref.number or ''}".rstrip())
    for ref in doc.based_on:
        add(f"Based on:      《{ref.title or '?'}》 {ref.number or ''}".rstrip())
    if doc.non_cumulative:
        add(f"Non-cumulative:{_quote(doc.non_cumulative)}")
    if doc.scope:
        add(f"Scope:         {_quote(doc.scope).strip()}")
    for w in doc.warnings:
        add(f"Warning:       [{w.code}] {w.message}")
    add(f"Measures:      {len(doc.measures)}")
    for m in doc.measures:
        add("")
        add(f"Measure {m.ordinal} ({m.marker or m.numbering}) {m.heading}")
        if m.responsible:
            add(f"  responsible: {'; '.join(_agency(a) for a in m.responsible)}")
        if m.cooperating:
            add(f"  cooperating: {'; '.join(_agency(a) for a in m.cooperating)}")
        for a in m.amounts:
            add(f"  amount  {a.role:<17} {_yuan(a.value):>16}{_quote(a.span)}")
        for r in m.ratios:
            basis = f" of {r.cost_basis}" if r.cost_basis else ""
            add(f"  ratio   {r.role:<17} {r.value}{basis}{_quote(r.span)}")
        for q in m.quotas:
            add(f"  quota   {q.period or '-':<17} {q.count}{_quote(q.span)}")
        for i, o in enumerate(m.offers, 1):
            add(f"  offer {i}: {o.instrument_class}" + _offer_facts(o))
        names = [p.name for p in m.programs]
        if names:
            add(f"  programmes: {'; '.join(names)}")
        for label, refs in (("categories", m.categories), ("sectors", m.sectors),
                            ("themes", m.themes)):
            if refs:
                add(f"  {label}: {', '.join(_local(c.concept) for c in refs)}")
    return "\n".join(out) + "\n"


def _offer_facts(o: Any) -> str:
    parts = []
    for label, money in (("max", o.max_amount), ("total", o.total_budget),
                         ("threshold", o.min_threshold), ("rate", o.unit_rate),
                         ("per step", o.unit_step)):
        if money is not None:
            parts.append(f"{label} {_yuan(money.value)}")
    if o.max_cost_share is not None:
        parts.append(f"share {o.max_cost_share.value}")
    if o.matching_ratio is not None:
        parts.append(f"matching {o.matching_ratio.value}")
    if o.max_recipients is not None:
        parts.append(f"recipients ≤{o.max_recipients.count}")
    if o.period:
        parts.append(f"period {o.period}")
    if o.recognition_level:
        parts.append(f"level {o.recognition_level}")
    if o.categories:
        parts.append("for " + ", ".join(_local(c.concept) for c in o.categories))
    return (" — " + "; ".join(parts)) if parts else ""


def render_generic(record: Any) -> str:
    """Any other record: one line per non-empty top-level field, spans quoted."""
    out = [f"Kind: {type(record).__name__}"]
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if value in (None, [], "") or f.name == "source":
            continue
        if isinstance(value, list):
            out.append(f"{f.name}: {len(value)}")
            for item in value:
                text = json.dumps(to_jsonable(item), ensure_ascii=False)
                out.append(f"  - {text[:200]}")
        elif dataclasses.is_dataclass(value):
            out.append(f"{f.name}: {json.dumps(to_jsonable(value), ensure_ascii=False)[:200]}")
        else:
            out.append(f"{f.name}: {to_jsonable(value)}")
    return "\n".join(out) + "\n"
