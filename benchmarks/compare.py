"""Similarity linking as a share of the build time, on generated corpora (issue 25).

``python benchmarks/compare.py --docs 1000 [--docs 10000] [--jobs 1] --out DIR`` generates each
corpus with ``benchmarks/corpus.py`` (seed 1), builds it with the one-process build (``--jobs 1``,
the default command) or the parallel build (``--jobs N``), SHACL validation included, and reports
the measures profiled, the candidate method, the pairs scored, the links kept, the linking
seconds and their share of the whole build. Writes ``results/compare-<date>.md`` when ``--write``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402 - benchmarks/ is not a package

from policykg.graph.build.parallel import build_parallel  # noqa: E402
from policykg.graph.build.serial import build  # noqa: E402


def run(n: int, jobs: int, out: Path) -> dict:
    """Generate ``n`` documents (unless there already) and build them once; the figures."""
    corpus = out / f"corpus-{n}"
    if not (corpus / "answers.json").is_file():
        generate(n, 1, corpus)
    started = time.perf_counter()
    if jobs > 1:
        result = build_parallel([corpus / "docs"], out=out / f"build-{n}", jobs=jobs)
    else:
        result = build([corpus / "docs"], out=out / f"build-{n}")
    total = time.perf_counter() - started
    sim = result.similarity or {}
    return {"docs": n, "jobs": jobs, "measures": sim.get("measures"), "method": sim.get("method"),
            "pairs scored": sim.get("pairs_scored"), "links": sim.get("links"),
            "linking s": round(result.link_seconds, 2), "build s": round(total, 2),
            "share": round(result.link_seconds / total, 4) if total else None}


def markdown(rows: list[dict]) -> str:
    head = list(rows[0])
    lines = [f"# Similarity linking vs build time, {dt.date.today().isoformat()}", "",
             "Generated corpora (`benchmarks/corpus.py`, seed 1), default threshold, SHACL "
             "validation included in the build time; 2 shared CPUs.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[k]) for k in head) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="work folder")
    parser.add_argument("--write", action="store_true", help="write results/compare-<date>.md")
    args = parser.parse_args(argv)
    rows = []
    for n in args.docs or [1000]:
        rows.append(run(n, args.jobs, args.out))
        print(rows[-1], flush=True)
    text = markdown(rows)
    print(text)
    if args.write:
        path = Path(__file__).resolve().parent / "results" / f"compare-{dt.date.today().isoformat()}.md"
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
