"""``policykg evaluate GOLD_DIR SOURCES…``: score the loader against hand-made gold files."""

from __future__ import annotations

import argparse
import json
import sys

from policykg.errors import EXIT_FAILURE, EXIT_USAGE, UserError

DESCRIPTION = """Score what the loader reads from your documents against gold you wrote by hand.

GOLD_DIR holds one JSON file per document (every *.json below it; the format is in
docs/evaluation.md); each names its source by file name (or sha256), looked up among SOURCES
(files, or folders read recursively for the same .txt/.html/.htm files `policykg build`
reads). Prints precision, recall and F1 per fact kind and overall (micro-averaged), then per
document the misses (gold facts not found) and the extras (facts found that the gold does
not have, with the quoted text). A gold file whose source is not among SOURCES is listed and
not scored; a source that fails to load counts every gold fact as a miss.

exit codes here: 0 it ran; 1 overall F1 below --min-f1; 2 a usage error or a malformed gold
file (the other gold files are still scored and printed)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD_DIR", help="a folder of gold JSON files (or one)")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a source file or a folder of them")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--kinds", metavar="KIND,…",
                        help="score only these fact kinds (e.g. amount,threshold,quota)")
    parser.add_argument("--min-f1", type=float, metavar="X",
                        help="exit 1 when the overall F1 is below X (0 to 1), for CI")


def _kinds(text: str | None) -> tuple[str, ...]:
    from policykg.loaders.gold import KINDS

    if not text:
        return KINDS
    chosen = [k.strip() for k in text.split(",") if k.strip()]
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        named = ", ".join(unknown) if unknown else repr(text)
        raise UserError(f"--kinds: {named} is no fact kind; choose among {', '.join(KINDS)}.",
                        EXIT_USAGE)
    return tuple(k for k in KINDS if k in chosen)


def _sources(items: list[str]):
    from policykg.graph.build.serial import SourceNotFound, expand_sources

    try:
        return expand_sources(items)
    except SourceNotFound as err:
        raise UserError(f"{err}; name source files or folders of them.", EXIT_USAGE) from None


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policykg.loaders.evaluation import evaluate
    from policykg.loaders.gold import gold_files

    if args.min_f1 is not None and not 0 <= args.min_f1 <= 1:
        raise UserError(f"--min-f1 must be between 0 and 1, not {args.min_f1}.", EXIT_USAGE)
    kinds = _kinds(args.kinds)
    if not Path(args.gold).exists():
        raise UserError(f"{args.gold} does not exist; name a folder of gold JSON files.",
                        EXIT_USAGE)
    if not gold_files(args.gold):
        raise UserError(f"{args.gold} holds no .json gold file (docs/evaluation.md says how "
                        "to write one).", EXIT_USAGE)
    result = evaluate(args.gold, _sources(args.sources), kinds)
    if args.json:
        json.dump(as_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(result))
    for problem in result.problems:
        print(f"policykg evaluate: {problem}", file=sys.stderr)
    if result.problems:
        return EXIT_USAGE
    if args.min_f1 is not None and result.overall().f1 < args.min_f1:
        print(f"policykg evaluate: overall F1 {result.overall().f1:.3f} is below "
              f"--min-f1 {args.min_f1}.", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def as_json(result) -> dict:
    """The whole evaluation as one JSON-ready object."""
    return {
        "overall": result.overall().as_json(),
        "kinds": {k: c.as_json() for k, c in result.by_kind().items()},
        "documents": [{
            "gold": d.gold, "source": d.source, "error": d.error, "notes": d.notes,
            "kinds": {k: c.as_json() for k, c in d.counts.items()},
            "misses": [f.as_json() | ({"found_as": n.as_json()} if n else {})
                       for f, n in zip(d.misses, d.found_as, strict=True)],
            "extras": [f.as_json() for f in d.extras],
        } for d in result.documents],
        "not_scored": result.unmatched,
        "problems": result.problems,
        "sources_without_gold": result.sources_without_gold,
    }


def _table(result) -> list[str]:
    header = ("fact", "gold", "found", "TP", "FP", "FN", "precision", "recall", "F1")
    rows = [(k, c) for k, c in result.by_kind().items()] + [("overall", result.overall())]
    lines = [f"{header[0]:<15}" + "".join(f"{h:>7}" for h in header[1:6])
             + "".join(f"{h:>10}" for h in header[6:])]
    for name, c in rows:
        if name == "overall":
            lines.append("-" * len(lines[0]))
        numbers = (c.tp + c.fn, c.tp + c.fp, c.tp, c.fp, c.fn)
        lines.append(f"{name:<15}" + "".join(f"{n:>7}" for n in numbers)
                     + "".join(f"{x:>10.3f}" for x in (c.precision, c.recall, c.f1)))
    return lines


def _where(fact) -> str:
    parts = [f"measure {fact.measure}"] if fact.measure is not None else []
    parts += [f"{name} {getattr(fact, name)}" for name in ("role", "period")
              if getattr(fact, name) is not None]
    return ", ".join(parts)


def _fact_line(label: str, fact, near=None) -> str:
    line = f"  {label:<6} {fact.kind:<15} {fact.value}"
    if _where(fact):
        line += f"  ({_where(fact)})"
    if near is not None:
        differ = [f"{name} {getattr(near, name) or 'none'}" for name in ("measure", "role", "period")
                  if getattr(fact, name) not in (None, getattr(near, name))]
        if fact.span is not None and near.span is not None:
            differ.append(f"span {near.span[0]}–{near.span[1]}")
        line += f"  — found with {', '.join(differ)}"
    if label == "extra" and fact.quote is not None:
        quote = " ".join(fact.quote.split())
        quote = quote if len(quote) <= 60 else quote[:57] + "…"
        line += f"  «{quote}» at {fact.span[0]}–{fact.span[1]}"
    return line


def render(result) -> str:
    """The table, then the misses and extras of every document, as plain text."""
    scored = len(result.documents)
    lines = [f"{scored} document{'s' * (scored != 1)} scored against gold"
             + (f"; {len(result.sources_without_gold)} source(s) without gold not scored"
                if result.sources_without_gold else "") + ".", ""]
    lines += _table(result)
    for doc in result.documents:
        lines += ["", f"{doc.source} (gold {doc.gold}): {len(doc.misses)} missed, "
                      f"{len(doc.extras)} extra"]
        if doc.error:
            lines.append(f"  could not be loaded: {doc.error} Every gold fact counts as a miss.")
        lines += [f"  note   {n}" for n in doc.notes]
        lines += [_fact_line("miss", f, n) for f, n in zip(doc.misses, doc.found_as, strict=True)]
        lines += [_fact_line("extra", f) for f in doc.extras]
    if result.unmatched:
        lines.append("")
        lines += [f"not scored: {u}" for u in result.unmatched]
    return "\n".join(lines) + "\n"
