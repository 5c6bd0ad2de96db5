"""Byte parity of the graph/ reorganisation (issue 18): the code just before the split and the code
of the commits that made it build the same inputs, and every file they write is compared byte by
byte.

``python benchmarks/layout_parity.py [--seeds DIR] [--docs N] [--record FILE] [--results]``

From a clone with history, each commit is materialised with ``git archive`` into a temporary
folder and laid out as installed (``.ci/lint_imports.layout_view``: the ``package-dir`` table of
that commit's own ``pyproject.toml``), then run with this checkout's interpreter and libraries
(``PYTHONPATH`` = the laid-out tree, checked before every run). The commits:

* ``BEFORE`` — e935a04, the parent of the split (``1fe6438^``): the previous layout;
* ``AFTER`` — 1fe6438 (``graph/`` in subpackages by role) and 86284cb (``store/`` apart, the
  parallel build split in modules). 86284cb as committed cannot be imported: ``.gitignore``'s
  ``build/`` hid six new files of ``graph/build/``, which a56db74 added later; they are laid over
  86284cb from a56db74 (only added, never replacing a file of 86284cb).

Every commit builds the inputs twice — one process (``policykg build``) and the process pool
(``--jobs 2``) — and exports the one-process build (``--created`` fixed): the seeds' with
``--format all`` (every RDF syntax, VoID, graph-tool views, explorer, site), the generated
corpus's in the RDF syntaxes and VoID (``--corpus-export``; the pre-split code takes over 20
minutes to write the site of 1,000 documents). One line is printed per file (the site's
thousands of pages as one line, plus a line per differing page), and the exit status is 1 when
any file differs. Inputs: the seeds (``--seeds``, default the
test suite's ``../shared/seeds``) and a generated corpus of ``--docs`` documents made by the
``BEFORE`` commit's own ``benchmarks/corpus.py`` (seed 1), so nothing of today's code is involved.
Every build must load every source (``report.json``), so two empty outputs never count as equal.

What it proves: with the same libraries and inputs, the layout commits write the same bytes as
the code before them — the reorganisation preserved output. What it does not: that today's code
writes those bytes (loader changes since have changed the dumps on purpose), that the outputs are
right (the rest of the suite checks that), nor anything about the incremental or Dask builds,
which it does not run. ``--record FILE`` writes ``BEFORE``'s digests of the seeds (what
``tests/benchmarks/test_layout_parity.py`` checks the post-split commit against); ``--results``
also writes the table to ``benchmarks/results/layout-parity-<date>.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / ".ci"))

from lint_imports import layout_view  # noqa: E402  (.ci/lint_imports.py)

BEFORE = "e935a04fef6f0cc85120f6a2b5e6173e9651986d"
SPLIT = "1fe6438fd99c6819ca6e1ff8ce897c35ca7e020c"
STORE_APART = "86284cb130ca0aafaa50689e6d713ecb28225d52"
HIDDEN_FILES = "a56db7441fe67e34a232bfc0019d75f014d4eb5e"
HIDDEN = ("graph/build/__init__.py", "graph/build/emit.py", "graph/build/reports.py",
          "graph/build/runner.py", "graph/build/sink.py", "graph/build/workers.py")
CREATED = "2026-01-01"  # the VoID/DCAT issue date, fixed so exports compare
CORPUS_SEED = 1
SITE = "export/site/"
CORPUS_EXPORT = ("nt", "nq", "trig", "ttl", "rdfxml", "jsonld", "void")


@dataclass(frozen=True)
class Commit:
    """A commit to build, with files laid over it from another commit (``overlay``)."""

    rev: str
    title: str
    overlay: tuple[str, tuple[str, ...]] | None = None

    @property
    def short(self) -> str:
        return self.rev[:7]


PREVIOUS = Commit(BEFORE, "before the split (1fe6438^)")
LAYOUT = (
    Commit(SPLIT, "graph/: subpackages by role"),
    Commit(STORE_APART, "store/ apart, parallel build split (+ a56db74's hidden graph/build files)",
           (HIDDEN_FILES, HIDDEN)),
)


class ParityError(Exception):
    """A comparison that could not be made, said in one sentence."""


def git(*args: str) -> bytes:
    """``git -C REPO args``'s output; a ParityError when git fails."""
    try:
        proc = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ParityError(f"git {' '.join(args)} failed: {exc}") from None
    return proc.stdout


def missing_history(commits: tuple[Commit, ...]) -> str | None:
    """Why these commits cannot be materialised from this clone, or None when they can."""
    revs = {c.rev for c in commits} | {c.overlay[0] for c in commits if c.overlay}
    for rev in sorted(revs):
        try:
            git("cat-file", "-e", f"{rev}^{{commit}}")
        except ParityError:
            return f"commit {rev[:7]} is not in this clone (a shallow clone or an export)"
    return None


def materialise(commit: Commit, dest: Path) -> Path:
    """Extract ``commit`` (and its overlay) under ``dest``; the folder to put on PYTHONPATH."""
    tree, view = dest / "tree", dest / "view"
    tree.mkdir(parents=True)
    view.mkdir()
    with tarfile.open(fileobj=io.BytesIO(git("archive", commit.rev))) as tar:
        tar.extractall(tree, filter="data")
    if commit.overlay:
        rev, paths = commit.overlay
        for rel in paths:
            target = tree / rel
            if target.exists():
                raise ParityError(f"{rel} exists in {commit.short}: the overlay would replace it")
            target.write_bytes(git("show", f"{rev}:{rel}"))
    layout_view(view, tree)
    return view


def code_env(view: Path) -> dict[str, str]:
    """The environment of a child running the code in ``view`` (first on PYTHONPATH, before any
    entry already there, such as the test run's network guard)."""
    path = [str(view), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(path), PYTHONDONTWRITEBYTECODE="1")


def policykg(view: Path, cwd: Path, *args: str) -> None:
    """Run ``policykg args`` with the code laid out in ``view``; a ParityError on failure."""
    env = code_env(view)
    where = subprocess.run([sys.executable, "-c", "import policykg; print(policykg.__file__)"],
                           cwd=cwd, env=env, capture_output=True, text=True)
    if not where.stdout.strip().startswith(str(view)):
        raise ParityError(f"policykg was imported from {where.stdout.strip() or where.stderr[-300:]}"
                          f", not from the materialised tree {view}")
    proc = subprocess.run([sys.executable, "-m", "policykg", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise ParityError(f"policykg {args[0]} exited {proc.returncode}: "
                          f"{proc.stderr.strip()[-400:]}")


def check_loaded(build: Path) -> dict[str, int]:
    """Counts of a build's ``report.json``; a ParityError unless every source loaded."""
    report = json.loads((build / "report.json").read_text(encoding="utf-8"))
    sources = report["sources"]
    failed = [s["path"] for s in sources if s["status"] != "ok"]
    if not sources or failed:
        raise ParityError(f"the build in {build} did not load every source ({len(failed)} of "
                          f"{len(sources)} failed, first {failed[:1]}): nothing to compare")
    kinds = [s.get("kind") for s in sources]
    return {"sources": len(sources), "official": kinds.count("official"),
            "reports": kinds.count("report")}


def digests(folder: Path, prefix: str) -> dict[str, list]:
    """``{prefix + relative path: [sha256, bytes]}`` of every file under ``folder``."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out[prefix + path.relative_to(folder).as_posix()] = [hashlib.sha256(data).hexdigest(),
                                                             len(data)]
    return out


def build_all(view: Path, work: Path, sources: Path,
              export: tuple[str, ...]) -> tuple[dict, dict]:
    """Build ``sources`` with the code in ``view`` and export the build in each format of
    ``export``: (digests of every output file, counts)."""
    shutil.copytree(sources, work / "sources")  # the reports name sources by this relative path
    policykg(view, work, "build", "sources", "--out", "build", "--quiet")
    policykg(view, work, "build", "sources", "--out", "build-jobs2", "--jobs", "2", "--quiet")
    counts = check_loaded(work / "build")
    files = digests(work / "build", "build/") | digests(work / "build-jobs2", "build-jobs2/")
    if export:
        if export != ("all",):  # 'all' makes its folder; a file format writes into one
            (work / "export").mkdir()
        for fmt in export:
            policykg(view, work, "export", "build", "--format", fmt, "--out", "export",
                     "--created", CREATED)
        files |= digests(work / "export", "export/")
    return files, counts


def fold_site(files: dict[str, list]) -> dict[str, list]:
    """The site's pages folded into one entry: [sha256 of its 'path sha' lines, bytes, files]."""
    pages = {k: v for k, v in files.items() if k.startswith(SITE) and k != SITE}
    if not pages:
        return dict(files)  # no site, or already folded
    lines = "".join(f"{k}\t{v[0]}\n" for k, v in sorted(pages.items()))
    folded = {k: v for k, v in files.items() if not k.startswith(SITE)}
    folded[SITE] = [hashlib.sha256(lines.encode()).hexdigest(),
                    sum(v[1] for v in pages.values()), len(pages)]
    return folded


def compare(before: dict[str, list], after: dict[str, list]) -> tuple[list[str], int]:
    """One line per file (the site folded, its differing pages listed); the number that differ."""
    lines, differ = [], 0
    folded_before, folded_after = fold_site(before), fold_site(after)
    for name in sorted(set(folded_before) | set(folded_after)):
        b, a = folded_before.get(name), folded_after.get(name)
        if b is not None and a is not None and b[0] == a[0]:
            extra = f", {b[2]} files" if len(b) > 2 else ""
            lines.append(f"same     {name}  {b[0][:16]}  {b[1]:,} bytes{extra}")
            continue
        differ += 1
        lines.append(f"DIFFERS  {name}  before {b[0][:16] if b else 'absent'} ({b[1] if b else 0:,}"
                     f" bytes)  after {a[0][:16] if a else 'absent'} ({a[1] if a else 0:,} bytes)")
        if name == SITE and SITE in before:
            lines.append("           (the site was recorded as one digest: run this script to "
                         "list its pages that differ)")
        elif name == SITE:
            pages = sorted(k for k in set(before) | set(after)
                           if k.startswith(SITE) and before.get(k) != after.get(k))
            lines += [f"           {k}" for k in pages[:20]]
    return lines, differ


def environment() -> dict[str, str]:
    """The interpreter and the libraries whose output the dumps depend on."""
    env = {"python": sys.version.split()[0]}
    for name in ("rdflib", "pyoxigraph", "pyshacl", "opencc", "beautifulsoup4"):
        try:
            env[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            env[name] = "absent"
    return env


def seed_digests(seeds: Path) -> dict[str, str]:
    """SHA-256 of every input file (the recording holds for these inputs only)."""
    return {k: v[0] for k, v in digests(seeds, "").items()}


def code_view(commit: Commit, tmp: Path) -> Path:
    """The laid-out code of ``commit`` under ``tmp`` (materialised on first use)."""
    view = tmp / "code" / commit.short / "view"
    return view if view.is_dir() else materialise(commit, view.parent)


def run_corpus(label: str, sources: Path, export: tuple[str, ...],
               tmp: Path) -> tuple[list[str], int, dict]:
    """Build ``sources`` with PREVIOUS and every LAYOUT commit; lines, files differing, record."""
    work = tmp / "work" / label.replace(" ", "-")
    before, counts = build_all(code_view(PREVIOUS, tmp), work / PREVIOUS.short, sources, export)
    lines = [f"## {label}: {counts['sources']} sources ({counts['official']} official, "
             f"{counts['reports']} reports), every one loaded by each commit"]
    differ = 0
    for commit in LAYOUT:
        after, after_counts = build_all(code_view(commit, tmp), work / commit.short, sources,
                                        export)
        cmp_lines, n = compare(before, after)
        if after_counts != counts:
            n += 1
            cmp_lines.append(f"DIFFERS  report.json counts: before {counts}, after {after_counts}")
        differ += n
        lines += ["", f"{PREVIOUS.short} → {commit.short} ({commit.title}): "
                      f"{'byte-identical' if n == 0 else f'{n} files differ'}", *cmp_lines]
    record = {"before": BEFORE, "inputs": seed_digests(sources), "counts": counts,
              "environment": environment(), "created": CREATED, "files": fold_site(before)}
    return lines, differ, record


def corpus(docs: int, tmp: Path) -> Path:
    """``docs`` generated documents, made by the BEFORE commit's own corpus generator."""
    view = code_view(PREVIOUS, tmp)
    out = tmp / f"corpus-{docs}"
    env = code_env(view)
    script = view.parent / "tree" / "benchmarks" / "corpus.py"
    proc = subprocess.run([sys.executable, str(script), "--docs", str(docs), "--seed",
                           str(CORPUS_SEED), "--out", str(out)], cwd=tmp, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise ParityError(f"the corpus generator of {PREVIOUS.short} failed: {proc.stderr[-300:]}")
    return out / "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_seeds = Path(os.environ.get("POLICYKG_SEEDS", REPO.parent / "shared" / "seeds"))
    parser.add_argument("--seeds", type=Path, default=default_seeds,
                        help=f"folder of real sources (default {default_seeds}); '' for none")
    parser.add_argument("--docs", type=int, default=1000,
                        help="documents in the generated corpus (0 for none; default 1000)")
    parser.add_argument("--no-export", action="store_true", help="compare the builds only")
    parser.add_argument("--corpus-export", default=",".join(CORPUS_EXPORT), metavar="FORMATS",
                        help="export formats of the generated corpus's build (default: the RDF "
                             "syntaxes and VoID; 'all' adds the site, which the pre-split code "
                             "takes over 20 minutes to write for 1,000 documents)")
    parser.add_argument("--record", type=Path, metavar="FILE",
                        help="write the BEFORE commit's digests of the seeds to FILE (JSON)")
    parser.add_argument("--results", action="store_true",
                        help="also write benchmarks/results/layout-parity-<date>.md")
    args = parser.parse_args(argv)
    try:
        reason = missing_history((PREVIOUS, *LAYOUT))
        if reason:
            raise ParityError(reason)
        inputs = []
        if str(args.seeds) not in ("", ".") and args.seeds.is_dir():
            inputs.append(("seeds", args.seeds))
        elif str(args.seeds) not in ("", "."):
            raise ParityError(f"no seed folder at {args.seeds} (pass --seeds '' to skip it)")
        lines, differ = [], 0
        with tempfile.TemporaryDirectory(prefix="policykg-parity-") as name:
            tmp = Path(name)
            if args.docs > 0:
                inputs.append((f"{args.docs} generated documents", corpus(args.docs, tmp)))
            for label, sources in inputs:
                export = () if args.no_export else (
                    ("all",) if label == "seeds" else tuple(args.corpus_export.split(",")))
                part, n, record = run_corpus(label, sources, export, tmp)
                lines += [*part, ""]
                differ += n
                if label == "seeds" and args.record:
                    args.record.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")
    except ParityError as exc:
        print(f"layout parity: {exc}", file=sys.stderr)
        return 2
    text = "\n".join(lines)
    print(text)
    if args.results:
        env = ", ".join(f"{k} {v}" for k, v in environment().items())
        out = HERE / "results" / f"layout-parity-{dt.date.today().isoformat()}.md"
        out.write_text(f"# Layout parity (issue 18), {dt.date.today().isoformat()}\n\n"
                       f"`python benchmarks/layout_parity.py --docs {args.docs}"
                       f"{' --no-export' if args.no_export else ''}"
                       f"{' --corpus-export ' + args.corpus_export if args.docs else ''}`"
                       f" — {env}\n\n```\n{text}\n```\n",
                       encoding="utf-8")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
