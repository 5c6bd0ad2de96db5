"""Validation at scale: per batch of named graphs in worker processes against the whole graph.

``python benchmarks/validation_scale.py [--docs 1000] [--jobs 2]``

On the realistic generated corpus (``benchmarks/corpus.py``, cached under ``benchmarks/cache/``)
one run measures, each in a child process with its wall time and the peak RSS (and PSS) of its
process tree (``run.measure``):

* the build with validation (``policykg build --jobs N --store DIR``: validation per batch of
  graphs, in the build's workers) and, as its baseline, the same build with ``--no-validate``;
* whole-graph validation of the finished TriG dump with the Oxigraph engine (what the build ran
  before: every unit in one scratch store) — the baseline of
* per-graph validation of the finished store and its TriG dump
  (:func:`policykg.shapes.per_graph.validate_store` with a pool of N workers), and whether its report is byte-identical to the whole-graph one
  (and to the build's ``validation.ttl``).

Figures and ratios go to ``benchmarks/results/validation-<date>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CACHE, RESULTS, corpus, measure, policykg  # noqa: E402

_WHOLE = """
import sys
from pathlib import Path
from policykg.shapes.validate import validate_file
result = validate_file(sys.argv[1], jobs=int(sys.argv[2]), engine="oxigraph")
Path(sys.argv[3]).write_text(result.to_ttl(), encoding="utf-8")
"""
_PER_GRAPH = """
import sys
from pathlib import Path
import pyoxigraph as ox
from policykg.graph.build.runner import LocalRunner
from policykg.shapes.per_graph import validate_store
store = ox.Store.read_only(sys.argv[1])
with LocalRunner(int(sys.argv[2]), Path(sys.argv[4]), None) as runner:
    result = validate_store(store, mapper=runner.map_bounded, trig=Path(sys.argv[5]))
Path(sys.argv[3]).write_text(result.to_ttl(), encoding="utf-8")
"""


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def run_size(n: int, jobs: int) -> dict:
    docs = corpus(n)
    work = CACHE / f"validation-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    row: dict = {"docs": n, "sources": sum(1 for _ in docs.iterdir())}
    for name, extra in (("build_without_validation", ["--no-validate"]),
                        ("build_with_validation", [])):
        print(f"[{n}] {name.replace('_', ' ')} …", flush=True)
        out, store = work / name, work / f"{name}-store"
        row[name] = measure(policykg("build", str(docs), "--out", str(out), "--jobs", str(jobs),
                                     "--store", str(store), "--quiet", *extra))
    built = work / "build_with_validation"
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    row["triples"] = report["totals"]["triples"]
    print(f"[{n}] whole-graph validation of the dump …", flush=True)
    row["whole_graph"] = measure(_python(_WHOLE, str(built / "policykg.trig"), str(jobs),
                                         str(work / "whole.ttl")))
    print(f"[{n}] per-graph validation of the store …", flush=True)
    row["per_graph"] = measure(_python(_PER_GRAPH, str(work / "build_with_validation-store"),
                                       str(jobs), str(work / "per-graph.ttl"), str(work / "pool"),
                                       str(built / "policykg.trig")))
    whole = (work / "whole.ttl").read_bytes()
    row["identical_reports"] = (whole == (work / "per-graph.ttl").read_bytes()
                                == (built / "validation.ttl").read_bytes())
    row["results"] = whole.count(b"sh:ValidationResult")
    b0, b1 = row["build_without_validation"], row["build_with_validation"]
    w, p = row["whole_graph"], row["per_graph"]
    row["ratios"] = {
        "per_graph_vs_whole_seconds": round(p["seconds"] / w["seconds"], 2),
        "per_graph_vs_whole_rss": round(p["rss_mb"] / w["rss_mb"], 2),
        "build_with_vs_without_validation_seconds": round(b1["seconds"] / b0["seconds"], 2),
        "build_with_vs_without_validation_rss": round(b1["rss_mb"] / b0["rss_mb"], 2),
        "old_build_seconds_vs_new": round((b0["seconds"] + w["seconds"]) / b1["seconds"], 2),
    }
    shutil.rmtree(work, ignore_errors=True)
    return row


def markdown(results: dict) -> str:
    lines = [f"# Validation at scale, {results['date']}", "",
             f"Machine: {results['machine']['cpus']} CPUs ({results['machine']['platform']}), "
             f"Python {results['machine']['python']}; --jobs {results['jobs']}; corpus: "
             "`benchmarks/corpus.py` (realistic mix), seed 1. Seconds wall time; RSS = peak sum "
             "over the process tree (PSS in brackets), MB.", "",
             "| docs | sources | triples | build, no validation | build with validation "
             "| whole-graph validation | per-graph validation | reports identical |",
             "|---|---|---|---|---|---|---|---|"]

    def cell(m: dict) -> str:
        return f"{m['seconds']} s, {m['rss_mb']} ({m['pss_mb']})"

    for row in results["sizes"]:
        lines.append(f"| {row['docs']} | {row['sources']} | {row['triples']} | "
                     f"{cell(row['build_without_validation'])} | "
                     f"{cell(row['build_with_validation'])} | {cell(row['whole_graph'])} | "
                     f"{cell(row['per_graph'])} | {row['identical_reports']} |")
    lines += ["", "Ratios (same run):", ""]
    for row in results["sizes"]:
        lines.append(f"- {row['docs']} docs: " + ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in row["ratios"].items()))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="1000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        sizes = [int(x) for x in args.docs.split(",") if x.strip()]
    except ValueError:
        print(f"--docs {args.docs}: give sizes as numbers separated by commas.", file=sys.stderr)
        return 2
    results = {"date": dt.date.today().isoformat(), "jobs": args.jobs,
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform()}, "sizes": []}
    stem = RESULTS / f"validation-{results['date']}"
    try:  # an earlier run the same day: keep its other sizes
        earlier = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))["sizes"]
    except (OSError, ValueError, KeyError):
        earlier = []
    for n in sizes:
        results["sizes"].append(run_size(n, args.jobs))
    results["sizes"] = sorted([r for r in earlier if r["docs"] not in sizes] + results["sizes"],
                              key=lambda r: r["docs"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    stem.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    return 0 if all(r["identical_reports"] for r in results["sizes"]) else 1


if __name__ == "__main__":
    sys.exit(main())
