"""Benchmarks of the scaled build: ``python benchmarks/run.py [--docs 100,1000,10000] [--smoke]``.

For every corpus size (generated once by ``benchmarks/corpus.py`` and cached under
``benchmarks/cache/``) one run measures, on the same data: the parallel streaming build into a
pyoxigraph store (``policykg build --jobs 2 --store``): seconds, sources/s, triples/s, peak RSS of
the process tree (psutil, sampled in a thread); SHACL validation time; an incremental rebuild
after one source changed; median and 95th percentile of every catalog query on the store. The
baselines come from the same run: (a) the naive build (one process, one rdflib graph in memory),
(b) pyoxigraph's own bulk load of the finished N-Quads dump (the floor). Results go to
``benchmarks/results/<date>.json`` and ``.md`` (``--smoke``: under ``benchmarks/cache/``), and
the table and the ratios are printed. ``--smoke`` is the CI check: 100 documents, < 2 minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
RESULTS = HERE / "results"
SEED = 1
GENERATOR = "mix2"  # the generator's version in cached corpus names (issue 20: the realistic mix)

TARGETS = {
    "build_10k_seconds": 300, "build_10k_rss_mb": 2048, "speedup_vs_naive_1k": 2.0,
    "memory_vs_naive_1k": 1 / 3, "floor_ratio": 10.0, "incremental_share": 0.02,
    "query_median_seconds": 0.5,
}


# ------------------------------------------------------------------ measuring a command


class PeakRSS(threading.Thread):
    """Samples the resident memory of a process and all its children until stopped.

    RSS every ``every`` seconds; PSS (``/proc/PID/smaps``, costly to read: sampling it 10 times a
    second took a sixth of a core from the measured build) every ``pss_every``-th sample.
    """

    def __init__(self, pid: int, every: float = 0.1, pss_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.peak_pss = pid, every, 0, 0
        self.pss_ok = True
        self.pss_every = pss_every
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        tick = 0
        while not self._stop_event.is_set():
            total = pss = 0
            with_pss = self.pss_ok and tick % self.pss_every == 0
            tick += 1
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                    if with_pss:
                        pss += p.memory_full_info().pss
                except (psutil.Error, AttributeError):
                    self.pss_ok = False
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop_event.wait(self.every)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def measure(cmd: list[str], timeout: float | None = None, cwd: Path | None = None) -> dict:
    """Run ``cmd`` (in ``cwd``); its wall time (s), peak RSS of its process tree (MB), exit code."""
    started = time.perf_counter()
    # its own session, so a run stopped at ``timeout`` is stopped with the workers it forked
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, cwd=cwd)
    sampler = PeakRSS(proc.pid)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if proc.returncode not in (0, 3):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    # rss_mb: sum of the processes' RSS (counts pages that forked workers share with their
    # parent once per process); pss_mb: proportional set size, shared pages split fairly
    return {"seconds": round(seconds, 3), "rss_mb": round(peak / 2**20, 1),
            "pss_mb": round(sampler.peak_pss / 2**20, 1) if sampler.pss_ok else None,
            "exit": proc.returncode}


def policykg(*args: str) -> list[str]:
    return [sys.executable, "-m", "policykg", *args]


# ------------------------------------------------------------------ one size


def corpus(n: int) -> Path:
    """The generated corpus of ``n`` documents (cached)."""
    folder = CACHE / f"corpus-{GENERATOR}-{n}-seed{SEED}"
    if not (folder / "answers.json").is_file():
        sys.path.insert(0, str(HERE))
        from corpus import generate  # benchmarks/corpus.py

        shutil.rmtree(folder, ignore_errors=True)
        generate(n, SEED, folder)
    return folder / "docs"


def _change_first_source(src: Path, work: Path) -> None:
    """Replace the first official source by a document of another seed (same file name, the
    suffix of the new document: one source changed)."""
    sys.path.insert(0, str(HERE))
    from corpus import generate

    other = work / "other"
    shutil.rmtree(other, ignore_errors=True)
    new = other / "docs" / generate(1, SEED + 1000, other)[0].file
    first = sorted(src.glob("doc_*"))[0]
    first.unlink()
    first.with_suffix(new.suffix).write_bytes(new.read_bytes())


_QUERY_CHILD = """
import json, statistics, sys, time
from pyoxigraph import Store
from policykg.queries.catalog import bind, load
store = Store.read_only(sys.argv[1])
query = load(sys.argv[2])
values = {k: v for k, v in json.loads(sys.argv[3]).items() if k in {p.name for p in query.params}}
text = bind(query, values)
times, rows = [], 0
for i in range(int(sys.argv[4]) + 1):
    t = time.perf_counter()
    result = store.query(text, use_default_graph_as_union=True)
    rows = int(result) if isinstance(result, bool) else sum(1 for _ in result)
    if i:
        times.append(time.perf_counter() - t)
times.sort()
p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
print(json.dumps({"median": round(statistics.median(times), 4), "p95": round(p95, 4),
                  "rows": rows, "params": values}))
"""


def sample_values(store_dir: Path) -> dict[str, dict[str, str]]:
    """Parameter values read from the store, for two query runs.

    ``lookup``: the item the single-item queries need (the first measure of a numbered document
    with an offer reserved for a category), every other parameter at its default, so the listing queries return the whole
    corpus. ``typical``: what a user passes: the category of that measure's first offer, the
    document's jurisdiction and issue date (eligibility), its number (yearly commitment,
    supersession), offers of at least 1,000万元 (funding ranked), the year of its issue (timeline).
    """
    from pyoxigraph import Store

    store = Store.read_only(str(store_dir))
    # the item first (a subquery with LIMIT 1), then its details: joining the details for every
    # measure before ordering took 40 s at 1,000 documents
    q = ("PREFIX pol: <https://w3id.org/policykg/ontology#> "
         "SELECT ?d ?m ?n ?j ?day ?c WHERE { "
         "{ SELECT ?d ?m ?c WHERE { ?d pol:hasMeasure ?m . ?m pol:providesInstrument ?i . "
         "?i pol:eligibleCategory ?c . FILTER EXISTS { ?d pol:documentNumber ?any } } "
         "ORDER BY ?d ?m ?c LIMIT 1 } "
         "?d pol:documentNumber ?n . "
         "OPTIONAL { ?d pol:jurisdiction ?j } OPTIONAL { ?d pol:dateIssued ?day } } "
         "ORDER BY ?n ?j ?day LIMIT 1")
    for row in store.query(q, use_default_graph_as_union=True):
        lookup = {"document": row["d"].value, "measure": row["m"].value}
        typical = dict(lookup, document_number=row["n"].value, min_amount="10000000")
        if row["j"] is not None:
            typical["area"] = row["j"].value
        if row["c"] is not None:
            typical["category"] = row["c"].value
        if row["day"] is not None:
            typical["date"] = row["day"].value
            year = row["day"].value[:4]
            typical["from"], typical["until"] = f"{year}-01-01", f"{year}-12-31"
        return {"lookup": lookup, "typical": typical}
    return {"lookup": {}, "typical": {}}


def query_times(store_dir: Path, repeats: int, values: dict[str, str],
                timeout: float = 60.0) -> dict:
    """Median and p95 (s) of every catalog query on the store, each in a child process with a
    deadline, with ``values`` for the parameters a query declares (the rest at their defaults)."""
    from policykg.queries.catalog import list_queries

    given = json.dumps(values)
    out = {}
    for q in list_queries():
        try:
            proc = subprocess.run([sys.executable, "-c", _QUERY_CHILD, str(store_dir),
                                   str(q.path or q.name), given, str(repeats)],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            out[q.name] = {"error": f"timeout after {timeout:g} s"}
            continue
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["failed"]
            out[q.name] = {"error": tail[0]}
            continue
        out[q.name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def validation_time(trig: Path, jobs: int, engine: str) -> dict:
    """SHACL validation of the built graph's TriG dump, as the build runs it, in a child process.

    ``validate_seconds`` includes reading the dump (the build validates from it too).
    """
    code = (
        "import sys,time,json\n"
        "from policykg.shapes.validate import validate_file\n"
        "t = time.perf_counter()\n"
        "r = validate_file(sys.argv[1], jobs=int(sys.argv[2]), engine=sys.argv[3])\n"
        "print(json.dumps({'validate_seconds': time.perf_counter() - t, 'units': r.units,"
        " 'results': len(r.results), 'conforms': r.conforms}))\n"
    )
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(trig), str(jobs), engine],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    doc["total_seconds"] = round(time.perf_counter() - started, 3)
    doc["validate_seconds"] = round(doc["validate_seconds"], 3)
    return doc


def floor_time(store_dir: Path, work: Path) -> dict:
    """pyoxigraph's bulk load of the finished graph as N-Quads into a new store (the floor)."""
    from pyoxigraph import RdfFormat, Store

    nq = work / "final.nq"
    Store.read_only(str(store_dir)).dump(output=str(nq), format=RdfFormat.N_QUADS)
    target = work / "floor-store"
    shutil.rmtree(target, ignore_errors=True)
    t = time.perf_counter()
    Store(str(target)).bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    seconds = time.perf_counter() - t
    shutil.rmtree(target, ignore_errors=True)
    return {"seconds": round(seconds, 3), "bytes": nq.stat().st_size}


def run_size(n: int, args: argparse.Namespace) -> dict:
    docs = corpus(n)
    work = CACHE / f"work-{n}"
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    shutil.copytree(docs, src)
    out, store = work / "parallel", work / "store"
    row: dict = {"docs": n}
    print(f"[{n}] parallel build (--jobs {args.jobs}) …", flush=True)
    par = measure(policykg("build", str(src), "--out", str(out), "--jobs", str(args.jobs),
                           "--store", str(store), "--incremental", "--no-validate", "--quiet"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    triples = report["totals"]["triples"]
    par.update(sources_per_s=round(n / par["seconds"], 2),
               triples_per_s=round(triples / par["seconds"], 1), triples=triples,
               failed=report["totals"]["failed"])
    row["parallel"] = par
    if n <= args.naive_max:
        print(f"[{n}] naive build (one process, rdflib in memory) …", flush=True)
        naive = measure(policykg("build", str(src), "--out", str(work / "naive"),
                                 "--no-validate", "--quiet"))
        naive["identical_dumps"] = all(
            (work / "naive" / f).read_bytes() == (out / f).read_bytes()
            for f in ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json"))
        row["naive"] = naive
        shutil.rmtree(work / "naive", ignore_errors=True)
    print(f"[{n}] floor: pyoxigraph bulk load of the finished dump …", flush=True)
    row["floor"] = floor_time(store, work)
    print(f"[{n}] incremental rebuild after one changed source …", flush=True)
    _change_first_source(src, work)
    inc = measure(policykg("build", str(src), "--out", str(out), "--jobs", str(args.jobs),
                           "--store", str(store), "--incremental", "--no-validate", "--quiet"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    inc["run"] = manifest.get("run", {})
    row["incremental"] = inc
    print(f"[{n}] catalog queries …", flush=True)
    samples = sample_values(store)
    row["queries"] = query_times(store, args.repeats, samples["lookup"])
    print(f"[{n}] catalog queries with typical parameters …", flush=True)
    row["queries_typical"] = query_times(store, args.repeats, samples["typical"])
    print(f"[{n}] SHACL validation (Oxigraph engine) …", flush=True)
    row["validation"] = validation_time(out / "policykg.trig", args.jobs, "oxigraph")
    if n <= args.validate_max:
        print(f"[{n}] SHACL validation (pySHACL, the reference engine) …", flush=True)
        row["validation_pyshacl"] = validation_time(out / "policykg.trig", args.jobs, "pyshacl")
    row["ratios"] = ratios(row)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return row


def ratios(row: dict) -> dict:
    par = row["parallel"]
    out = {"floor_ratio": round(par["seconds"] / max(row["floor"]["seconds"], 1e-9), 1),
           "incremental_share": round(row["incremental"]["seconds"] / par["seconds"], 3)}
    if "naive" in row:
        out["speedup_vs_naive"] = round(row["naive"]["seconds"] / par["seconds"], 2)
        out["memory_vs_naive"] = round(par["rss_mb"] / max(row["naive"]["rss_mb"], 1e-9), 2)
        if par.get("pss_mb") and row["naive"].get("pss_mb"):
            out["pss_vs_naive"] = round(par["pss_mb"] / row["naive"]["pss_mb"], 2)
    for key, label in (("queries", "slowest_query_median"),
                       ("queries_typical", "slowest_typical_query_median")):
        medians = [q["median"] for q in row.get(key, {}).values() if "median" in q]
        if medians:
            out[label] = max(medians)
    v = row.get("validation", {})
    if "validate_seconds" in v:
        out["validation_vs_build"] = round(v["validate_seconds"] / par["seconds"], 2)
        ref = row.get("validation_pyshacl", {})
        if "validate_seconds" in ref:
            out["oxigraph_vs_pyshacl_validation"] = round(v["validate_seconds"]
                                                          / ref["validate_seconds"], 3)
            out["validation_engines_agree"] = (ref["results"], ref["units"]) == (v["results"],
                                                                                v["units"])
    return out


# ------------------------------------------------------------------ report


def markdown(results: dict) -> str:
    lines = [f"# policykg benchmarks {results['date']}", "",
             f"Machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}; "
             f"parallel build with --jobs {results['jobs']}.", "",
             "| docs | build s | sources/s | triples/s | peak RSS MB (PSS) | naive s "
             "| naive RSS MB (PSS) | speedup | memory | floor s | build/floor | incremental s "
             "| share | slowest query median s | validation s (Oxigraph) | validation s (pySHACL) |",
             "|" + "---|" * 16]
    for row in results["sizes"]:
        par, r = row["parallel"], row["ratios"]
        naive = row.get("naive", {})
        v = row.get("validation", {})
        lines.append("| " + " | ".join(str(x) for x in (
            row["docs"], par["seconds"], par["sources_per_s"], par["triples_per_s"],
            f"{par['rss_mb']} ({par.get('pss_mb', '–')})", naive.get("seconds", "–"),
            f"{naive['rss_mb']} ({naive.get('pss_mb', '–')})" if naive else "–",
            r.get("speedup_vs_naive", "–"), r.get("memory_vs_naive", "–"),
            row["floor"]["seconds"], r["floor_ratio"], row["incremental"]["seconds"],
            r["incremental_share"], r.get("slowest_query_median", "–"),
            v.get("validate_seconds", "–"),
            row.get("validation_pyshacl", {}).get("validate_seconds", "–"))) + " |")
    last = results["sizes"][-1]
    lines += ["", f"Catalog queries on the largest store ({last['docs']} documents), median / p95 "
              "seconds: with default parameters (listings of the whole corpus; the single-item "
              "lookups get one measure/document) and with typical parameters (see "
              "`sample_values`):", "",
              "| query | median | p95 | rows | typical median | typical p95 | typical rows |",
              "|---|---|---|---|---|---|---|"]
    typical = last.get("queries_typical", {})
    for name, q in sorted(last["queries"].items()):
        t = typical.get(name, {})
        lines.append(f"| {name} | {q.get('median', '–')} | {q.get('p95', '–')} | "
                     f"{q.get('rows', q.get('error', ''))} | {t.get('median', '–')} | "
                     f"{t.get('p95', '–')} | {t.get('rows', t.get('error', ''))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per query")
    parser.add_argument("--naive-max", type=int, default=1000,
                        help="largest size at which the naive baseline is run")
    parser.add_argument("--validate-max", type=int, default=1000,
                        help="largest size at which validation with pySHACL (the reference "
                             "engine) is timed as well; the Oxigraph engine is timed at every size")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    parser.add_argument("--smoke", action="store_true",
                        help="quick CI check: 100 documents, results under benchmarks/cache/")
    args = parser.parse_args(argv)
    if args.smoke:
        args.docs, args.repeats, args.validate_max = "100", 2, 0
    sizes = [int(x) for x in str(args.docs).split(",") if x.strip()]
    CACHE.mkdir(parents=True, exist_ok=True)
    results = {
        "date": dt.date.today().isoformat(),
        "jobs": args.jobs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "targets": TARGETS,
        "sizes": [],
    }
    for n in sizes:
        results["sizes"].append(run_size(n, args))
    folder = (CACHE / "results") if args.smoke else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    stem = results["date"] + ("-smoke" if args.smoke else "")
    try:  # an earlier run the same day: keep its other sizes
        earlier = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        done = {row["docs"] for row in results["sizes"]}
        results["sizes"] = sorted([r for r in earlier.get("sizes", []) if r["docs"] not in done]
                                  + results["sizes"], key=lambda r: r["docs"])
    except (OSError, ValueError, KeyError):
        pass
    (folder / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    (folder / f"{stem}.md").write_text(table, encoding="utf-8")
    print(table)
    for row in results["sizes"]:
        print(f"{row['docs']} docs: " + ", ".join(f"{k} {v}" for k, v in row["ratios"].items()))
    bad = [row["docs"] for row in results["sizes"] if row["parallel"]["exit"] not in (0, 3)]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
