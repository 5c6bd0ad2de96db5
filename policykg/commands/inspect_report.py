"""``policykg inspect REPORT``: a report's metadata, the document it reports on, and every claim
with its verdict and reason.

Verdicts need the official text: by default the official documents in the report's folder are
loaded and converted; ``--against PATH…`` (files or folders) names them instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policykg.errors import EXIT_USAGE, UserError
from policykg.loaders.records import LoadResult, OfficialDocument, Report

SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


def _candidates(report_path: Path, against: list[str] | None) -> list[Path]:
    """Files to compare with: ``--against`` files/folders, else the report's siblings."""
    if against:
        out: list[Path] = []
        for raw in against:
            p = Path(raw)
            if p.is_dir():
                out.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES))
            elif p.is_file():
                out.append(p)
            else:
                raise UserError(f"--against {raw} does not exist; name official documents or a folder.",
                                EXIT_USAGE)
        return out
    folder = report_path.parent
    return sorted(f for f in folder.iterdir()
                  if f.is_file() and f.suffix.lower() in SUFFIXES and f.resolve() != report_path.resolve())


def official_dataset(paths: list[Path]):
    """Load the official documents among ``paths`` and convert them (reports are skipped)."""
    from policykg.graph.model.dataset import assemble
    from policykg.graph.model.iri import document_iri
    from policykg.graph.model.resolve import Resolver
    from policykg.graph.model.triples import document_graph
    from policykg.loaders.route import load

    resolver = Resolver.default()
    docs: list[OfficialDocument] = []
    for path in paths:
        result = load(str(path))
        if isinstance(result.record, OfficialDocument):
            docs.append(result.record)
    for doc in docs:
        if doc.number or doc.title:
            resolver.know_document(doc.title, document_iri(doc.number, doc.title))
    graphs = {}
    for doc in docs:
        try:
            conv = document_graph(doc, resolver)
        except ValueError:
            continue
        graphs.setdefault(conv.graph_name, conv.graph)
    return assemble(sorted(graphs.items())), len(graphs)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _around(text: str, claim, width: int = 70) -> str:
    """The quoted sentence cut to ``width`` characters either side of the figure."""
    start = max(claim.span.start, claim.figure_span.start - width)
    end = min(claim.span.end, claim.figure_span.end + width)
    quote = " ".join(text[start:end].split())
    return ("…" if start > claim.span.start else "") + quote + ("…" if end < claim.span.end else "")


def render(result: LoadResult, args: argparse.Namespace) -> int:
    """Print the report, its links and its claims with verdicts; return the exit code."""
    from policykg.graph.claims.link import check_report
    from policykg.ontology.gazetteer import load_gazetteer

    report = result.record
    assert isinstance(report, Report)
    gaz = load_gazetteer()
    paths = _candidates(Path(result.path), getattr(args, "against", None))
    ds, n_docs = official_dataset(paths)
    check = check_report(report, ds, gaz)
    out = sys.stdout
    out.write(f"Report: {report.title or '(no headline)'}\n")
    area = gaz.info(report.jurisdiction) if report.jurisdiction else None
    for label, value in (
        ("Publisher", report.publisher),
        ("Date", report.date.isoformat() if report.date else None),
        ("Language", report.language),
        ("Editors", ", ".join(report.authors) if report.authors else None),
        ("About", area.label("en") if area else None),
    ):
        if value:
            out.write(f"{label}: {value}\n")
    for person in report.people:
        out.write(f"Person: {person.name} ({person.role or 'no role given'})\n")
    if check.links:
        for link in check.links:
            doc = check.docs.get(link.doc)
            name = " ".join(x for x in (doc.number, doc.title) if x) if doc else str(link.doc)
            out.write(f"Reports on: {name or link.doc} [{link.method}, confidence {link.confidence}]\n")
    else:
        out.write(f"Reports on: no official document among the {n_docs} compared\n")
        policy = report.reported_policy
        if policy is not None:
            out.write("Known only from this report:")
            if policy.total_budget is not None:
                out.write(f" total budget {policy.total_budget.value} yuan;")
            for offer in policy.offers:
                bits = [offer.instrument_class]
                if offer.recognition_level:
                    bits.append(offer.recognition_level.lower() + " level")
                if offer.max_cost_share is not None:
                    share = format((offer.max_cost_share.value * 100).normalize(), "f")
                    bits.append(f"up to {share}% of cost")
                if offer.max_amount is not None:
                    bits.append(f"max {offer.max_amount.value} yuan")
                out.write(" " + ", ".join(bits) + ";")
            out.write("\n")
    out.write(f"Claims: {len(report.claims)}\n")
    for n, (claim, verdict) in enumerate(zip(report.claims, check.checks, strict=True), start=1):
        figure = " ".join(claim.figure_span.text.split())
        out.write(f"{n:3}. [{verdict.verdict}] {figure}: {verdict.reason}\n")
        if verdict.official_value is not None and verdict.verdict == "Conflicting":
            out.write(f"     official value: {verdict.official_value}\n")
        out.write(f"     “{_around(report.source.text, claim)}”\n")
    for w in result.warnings:
        out.write(f"warning: {w.message}\n")
    return 0
