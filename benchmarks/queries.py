"""The catalog queries raw on a dump: ``python benchmarks/queries.py DUMP [--before REV]``.

Each ``queries/*.rq`` runs with no parameter (the full listing) on pyoxigraph in memory (the
dump bulk-loaded, union default graph), in a child process with a deadline: one warm-up, then
``--repeats`` timed runs. With ``--before REV`` the same query as it stood at git revision ``REV``
runs too, and the two answers are compared row for row (a digest of the variables and rows in
order). The baseline, measured in the same child as every query, is a scan of the whole store
(``SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }``): the ratio query/scan is comparable across
machines and loads, the seconds are not. Writes a Markdown table (``--out``) and prints it.
Issue 19 (offer-changes gave no answer in 22 minutes at 100 documents) is why it exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = """
import hashlib, json, statistics, sys, time
from pyoxigraph import RdfFormat, Store
from policykg.queries.catalog import bind, parse_header
dump, name, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = bind(parse_header(sys.stdin.read(), name), {})
store = Store()
store.bulk_load(path=dump, format=RdfFormat.TRIG if dump.endswith(".trig") else RdfFormat.N_QUADS)
SCAN = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = float(sys.argv[4])

def timed(sparql):
    times, answer = [], None
    for i in range(repeats + 1):
        t = time.perf_counter()
        result = store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        rows = [[None if s[v] is None else str(s[v]) for v in names] for s in result]
        times.append(time.perf_counter() - t)
        answer = (names, rows)
        if i == 0 and times[0] > SLOW:
            return times[0], 1, answer  # a slow query: its first run is the figure
    return statistics.median(times[1:]), repeats, answer

scan, _, _ = timed(SCAN)
median, runs, (names, rows) = timed(text)
digest = hashlib.sha256(json.dumps([names, rows], ensure_ascii=False).encode()).hexdigest()[:16]
print(json.dumps({"median": median, "runs": runs, "scan": scan, "rows": len(rows),
                  "digest": digest}))
"""
SLOW = 5.0  # seconds: a query slower than this on its first run is not repeated


def query_texts(rev: str | None) -> dict[str, str]:
    """Name → text of every catalog query, in the working tree or at git revision ``rev``."""
    if rev is None:
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))}
    listing = subprocess.run(["git", "ls-tree", "--name-only", f"{rev}:queries"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    return {name[:-3]: subprocess.run(["git", "show", f"{rev}:queries/{name}"], cwd=ROOT,
                                      capture_output=True, text=True, check=True).stdout
            for name in sorted(listing) if name.endswith(".rq")}


def measure(dump: Path, name: str, text: str, repeats: int, timeout: float) -> dict:
    """One query's median seconds, the scan baseline, row count and digest; or its error."""
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(dump), name, str(repeats),
                               str(SLOW)],
                              input=text, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"no answer in {timeout:g} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _seconds(m: dict | None) -> str:
    if m is None:
        return "–"
    if "error" in m:
        return f"> {m['error'].split()[-2]}" if m["error"].startswith("no answer") else "error"
    return f"{m['median']:.3f}" + (" (1 run)" if m.get("runs") == 1 else "")


def markdown(dump: Path, rev: str | None, rows: list[tuple[str, dict | None, dict]],
             repeats: int) -> str:
    lines = [f"# Catalog queries raw, {dt.date.today().isoformat()}", "",
             f"Dump: `{dump.name}` ({dump.parent.name}); pyoxigraph in memory, union default "
             f"graph, no parameter; median of {repeats} runs after one warm-up (a query "
             f"slower than {SLOW:g} s on its first run: that run alone), each query in a "
             f"child process with a deadline ({platform.python_version()}, "
             f"{platform.machine()}). `scan` = the median of a full scan of the store "
             "measured in the same child; the ratio query/scan is the figure to compare.", ""]
    if rev:
        lines += [f"Before = the query at `{rev}`; after = the working tree. Same rows = the "
                  "same variables and rows in the same order.", "",
                  "| query | before s | after s | before/scan | after/scan | rows before | "
                  "rows after | same rows |", "|---|---|---|---|---|---|---|---|"]
    else:
        lines += ["| query | s | query/scan | rows |", "|---|---|---|---|"]
    for name, before, after in rows:
        def ratio(m):
            return "–" if m is None or "error" in m else f"{m['median'] / m['scan']:.1f}"

        def count(m):
            return "–" if m is None or "error" in m else str(m["rows"])

        if rev:
            same = ("–" if before is None or "error" in before or "error" in after
                    else "yes" if before["digest"] == after["digest"] else "**no**")
            lines.append(f"| {name} | {_seconds(before)} | {_seconds(after)} | {ratio(before)} | "
                         f"{ratio(after)} | {count(before)} | {count(after)} | {same} |")
        else:
            lines.append(f"| {name} | {_seconds(after)} | {ratio(after)} | {count(after)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path, help="a policykg.trig (or .nq) dump of a build")
    parser.add_argument("--before", metavar="REV", help="also run the queries as at this git revision")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per query")
    parser.add_argument("--timeout", type=float, default=180.0, help="deadline per query, seconds")
    parser.add_argument("--only", help="comma-separated query names")
    parser.add_argument("--out", type=Path, help="write the Markdown table here")
    args = parser.parse_args(argv)
    after = query_texts(None)
    before = query_texts(args.before) if args.before else {}
    names = args.only.split(",") if args.only else list(after)
    rows = []
    for name in names:
        b = (measure(args.dump, name, before[name], args.repeats, args.timeout)
             if name in before else None)
        a = measure(args.dump, name, after[name], args.repeats, args.timeout)
        rows.append((name, b, a))
        print(name, json.dumps({"before": b, "after": a}), file=sys.stderr, flush=True)
    text = markdown(args.dump, args.before, rows, args.repeats)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
