"""``policykg compare DOC_A DOC_B``: two documents side by side, measure by measure."""

from __future__ import annotations

import argparse

from policykg.errors import UserError
from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import ID

from .query import add_source_arguments, ask_catalog, check_bounds, emit

DESCRIPTION = """Print the measures of two documents side by side: each measure of DOC_A with the
similar measures of DOC_B (the pol:similarTo links the build made), their headings, their largest
caps in yuan and the score. A document is an IRI, an id path (doc/2025/yue-fu-ban-6) or a
document number (粤府办〔2025〕6号, either script). Runs the catalog question
`compare-documents`; exit 1 when the two documents share no linked measure.
"""

COLUMNS = ("ordinalA", "headingA", "amountCNYA", "score", "ordinalB", "headingB", "amountCNYB")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc_a", metavar="DOC_A", help="the first document (IRI, id path or number)")
    parser.add_argument("doc_b", metavar="DOC_B", help="the second document")
    parser.add_argument("--all-columns", action="store_true",
                        help="print every column of the catalog query (features and IRIs too)")
    add_source_arguments(parser)


def document_values(side: str, text: str) -> dict[str, str]:
    """The query parameters naming one document: its IRI, or its number."""
    text = text.strip()
    if not text:
        raise UserError(f"DOC_{side.upper()} is empty; give an IRI, an id path or a document number.")
    if text.startswith(("http://", "https://")):
        return {f"document_{side}": text}
    if text.startswith("doc/"):
        return {f"document_{side}": str(ID[text])}
    return {f"number_{side}": to_simplified(text)}


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg compare``."""
    check_bounds(args)
    values = {**document_values("a", args.doc_a), **document_values("b", args.doc_b)}
    rows = ask_catalog("compare-documents", values, args)
    if not rows:
        raise UserError(f"{args.doc_a} and {args.doc_b} share no linked measure in this graph "
                        "(check both are documents of it; lower --similarity-threshold when "
                        "building to link more).", 1)
    if not args.all_columns and args.format in ("table", "md"):
        rows.variables = [v for v in COLUMNS if v in rows.variables]
    emit(rows, args)
    return 0
