"""Time the linked-data site (``policykg export BUILD --format site``) on generated corpora and
the seeds, as a ratio to a floor measured in the same run, optionally against an earlier commit.

``python benchmarks/site.py [--docs 100,1000] [--seeds DIR] [--baseline REV] [--repeat N] [--cut S] [--json]``

For every corpus (generated once by ``benchmarks/corpus.py`` and cached under
``benchmarks/cache/``, like ``run.py``) the build is made once (``policykg build --jobs 2
--no-validate``, cached as ``cache/site-build-<name>``) and then, in child processes:

* **floor**: pyoxigraph's ``Store().bulk_load`` of the build's ``policykg.trig`` in memory
  (parsing and indexing the same data, in Rust);
* **site**: ``policykg export BUILD --format site`` with this checkout: seconds, user and system
  CPU seconds of the process tree (the system time is mostly the file system creating the
  files, and varies most from run to run), peak RSS of the process tree (psutil, as
  ``run.py``), resource pages, files and bytes written;
* **baseline** (``--baseline REV``): the same command with the code of commit REV (extracted with
  ``git archive`` and laid out as installed, through ``.ci/lint_imports.py``); a run longer than
  ``--cut`` seconds is stopped and reported as ``>S``.

``--repeat N`` times the site (and the baseline, alternately) N times; the table shows the median
run and every run's seconds. Ratios printed: site/floor and baseline/site. Timing only: nothing
here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import CACHE, corpus, measure, policykg  # noqa: E402  (benchmarks/run.py)

_FLOOR = """
import sys, time
from pyoxigraph import RdfFormat, Store
t = time.perf_counter()
Store().bulk_load(path=sys.argv[1], format=RdfFormat.TRIG)
print(time.perf_counter() - t)
"""


def build(name: str, sources: Path) -> Path:
    """The build folder of ``sources`` (made once, cached)."""
    out = CACHE / f"site-build-{name}"
    if not (out / "policykg.trig").is_file():
        proc = subprocess.run(policykg("build", str(sources), "--out", str(out), "--jobs", "2",
                                       "--no-validate"), capture_output=True, text=True)
        if not (out / "policykg.trig").is_file():
            raise SystemExit(f"build of {sources} failed: {proc.stderr[-600:]}")
    return out


def floor_seconds(trig: Path) -> float:
    """pyoxigraph's in-memory bulk load of the build (a child process)."""
    proc = subprocess.run([sys.executable, "-c", _FLOOR, str(trig)], capture_output=True,
                          text=True, check=True)
    return float(proc.stdout.strip())


def baseline_tree(rev: str) -> Path:
    """A folder whose ``policykg`` package is the code of commit ``rev`` (cached)."""
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    root = CACHE / f"baseline-{sha}"
    if not (root / "layout" / "policykg").is_dir():
        shutil.rmtree(root, ignore_errors=True)
        (root / "layout").mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha], check=True,
                                 capture_output=True).stdout
        with tempfile.NamedTemporaryFile(suffix=".tar") as tmp:
            tmp.write(archive)
            tmp.flush()
            with tarfile.open(tmp.name) as tar:
                tar.extractall(root / "tree", filter="data")
        code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                "import lint_imports; lint_imports.layout_view(Path(sys.argv[2]))")
        subprocess.run([sys.executable, "-c", code, str(root / "tree" / ".ci"),
                        str(root / "layout")], check=True)
    return root / "layout"


def site_run(build_dir: Path, out: Path, cut: float | None, pythonpath: Path | None) -> dict:
    """One ``policykg export --format site`` in a child process: seconds, RSS, what it wrote."""
    shutil.rmtree(out, ignore_errors=True)
    env_path = os.environ.get("PYTHONPATH")
    if pythonpath is not None:
        os.environ["PYTHONPATH"] = str(pythonpath)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        # ``python -m`` puts the working folder first on sys.path, before PYTHONPATH: run in
        # the baseline's folder, or the checkout's own ``policykg`` would be imported
        row = measure(policykg("export", str(build_dir.resolve()), "--format", "site", "--out",
                               str(out.resolve())), timeout=cut, cwd=pythonpath)
    finally:
        if env_path is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = env_path
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the export and its workers, reaped
    row["user_s"] = round(after.ru_utime - before.ru_utime, 1)
    row["sys_s"] = round(after.ru_stime - before.ru_stime, 1)
    row["timeout"] = cut is not None and row["seconds"] >= cut
    row["cut"] = cut
    if row.get("exit") == 0 and out.is_dir():
        files = [p for p in out.rglob("*") if p.is_file()]
        row["files"] = len(files)
        row["mb"] = round(sum(p.stat().st_size for p in files) / 2**20, 1)
        row["pages"] = sum(1 for p in files if p.suffix == ".html" and "id" in
                           p.relative_to(out).parts[:1])
    shutil.rmtree(out, ignore_errors=True)
    return row


def run_one(name: str, sources: Path, args: argparse.Namespace) -> dict:
    """Every figure for one corpus."""
    build_dir = build(name, sources)
    row: dict = {"corpus": name, "floor_seconds": round(floor_seconds(build_dir / "policykg.trig"), 2)}
    runs: dict[str, list[dict]] = {"site": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(max(1, args.repeat)):
            runs["site"].append(site_run(build_dir, Path(tmp) / "site", None, None))
            if args.baseline:
                runs["baseline"].append(site_run(build_dir, Path(tmp) / "old", args.cut,
                                                 baseline_tree(args.baseline)))
    for key, done in runs.items():
        if done:
            row[key] = sorted(done, key=lambda r: r["seconds"])[(len(done) - 1) // 2]
            row[key]["runs"] = [r["seconds"] for r in done]
    return row


def _seconds(run: dict) -> str:
    return f">{run['cut']:.0f}" if run.get("timeout") else f"{run['seconds']:.1f}"


def _runs(run: dict) -> str:
    return " / ".join(f"{s:.1f}" for s in run.get("runs", [run["seconds"]]))


def markdown(rows: list[dict], baseline: str | None) -> str:
    head = ("| corpus | floor s | site s | runs | user s | sys s | site/floor | pages | files "
            "| MB | RSS MB |")
    if baseline:
        head += (f" {baseline} s (runs) | {baseline} user/sys s | {baseline} pages | {baseline} MB"
                 f" | {baseline}/site |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        s = r["site"]
        cells = [r["corpus"], f"{r['floor_seconds']:.2f}", _seconds(s), _runs(s),
                 str(s.get("user_s", "—")), str(s.get("sys_s", "—")),
                 f"{s['seconds'] / r['floor_seconds']:.1f}", str(s.get("pages", "—")),
                 str(s.get("files", "—")), str(s.get("mb", "—")), str(s.get("rss_mb", "—"))]
        if baseline:
            b = r["baseline"]
            ratio = (f"{b['seconds'] / s['seconds']:.1f}" if not b.get("timeout")
                     else f">{b['cut'] / s['seconds']:.0f}")
            cells += [f"{_seconds(b)} ({_runs(b)})", f"{b.get('user_s', '—')}/{b.get('sys_s', '—')}",
                      str(b.get("pages", "—")), str(b.get("mb", "—")), ratio]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="100,1000", help="corpus sizes, comma-separated ('' for none)")
    parser.add_argument("--seeds", type=Path, help="also time a folder of real sources")
    parser.add_argument("--baseline", metavar="REV", help="also time the site of commit REV")
    parser.add_argument("--cut", type=float, default=1200.0,
                        help="stop a baseline run after this many seconds (default 1200)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each site (and baseline) this many times (default 1)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rows = []
    if args.seeds:
        rows.append(run_one("seeds", args.seeds, args))
    for n in [int(x) for x in args.docs.split(",") if x.strip()]:
        rows.append(run_one(f"{n} docs", corpus(n), args))
    print(json.dumps(rows, indent=1) if args.json else markdown(rows, args.baseline))
    return 0


if __name__ == "__main__":
    started = time.time()
    code = main()
    print(f"({time.time() - started:.0f} s)", file=sys.stderr)
    sys.exit(code)
