"""``policykg eligible``: the funding offers an enterprise of a category in an area can get."""

from __future__ import annotations

import argparse
import datetime as dt

from .query import add_source_arguments, ask_catalog, check_bounds, emit

DESCRIPTION = """List the funding offers open to an enterprise of a category in an area on a date.

Runs the catalog question `eligibility`: offers of documents whose jurisdiction is the area or
an area containing it (a district firm can use provincial offers), in force on the date (default
today), reserved for the category, a broader one, or a narrower one (column match). Categories,
areas and sectors are vocabulary labels in Chinese (either script) or English, or concept IRIs,
e.g. --category 专精特新小巨人 --area 黄埔区 --date 2026-01-01.
"""

COLUMNS = ("offer", "typeName", "match", "categories", "amount", "maxCostShare", "maxRecipients",
           "period", "budgetCNY", "number", "ordinal", "heading", "jurisdiction", "agencyName")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", required=True, metavar="LABEL",
                        help="enterprise category (label or IRI), e.g. 专精特新小巨人")
    parser.add_argument("--area", required=True, metavar="LABEL",
                        help="where the enterprise is registered (label or IRI), e.g. 黄埔区")
    parser.add_argument("--sector", metavar="LABEL", help="keep measures for this sector or none")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date (default: today)")
    parser.add_argument("--include-general", action="store_true",
                        help="also list offers reserved for no particular category")
    parser.add_argument("--all-columns", action="store_true",
                        help="print every column of the catalog query (IRIs included)")
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg eligible``."""
    check_bounds(args)
    day = args.date or dt.date.today().isoformat()
    values = {"category": args.category, "area": args.area, "date": day,
              "include_general": "true" if args.include_general else "false"}
    if args.sector:
        values["sector"] = args.sector
    rows = ask_catalog("eligibility", values, args)
    if not args.all_columns and not args.columns and args.format in ("table", "md"):
        rows.variables = [v for v in COLUMNS if v in rows.variables]
    emit(rows, args)
    return 0
