"""Incremental builds: a manifest of source hashes and a cache of loaded records and graphs.

``out/manifest.json`` maps every source path to its SHA-256, kind, status and named graph, and
every graph to a digest of its content. ``out/.policykg-cache/`` keeps, per (path, hash), the
pickled loader record and the rendered graph of the last build. On a rebuild:

- an unchanged source is not parsed again (its record comes from the cache);
- an unchanged official is not converted again, unless a title it looked up now resolves to a
  different document (a source that registers that title was added, changed or removed);
- reports are converted again (they are fact-checked against the officials, and are few);
- in the store, a graph whose digest is unchanged is left alone, a changed graph is dropped and
  loaded again, a graph no source produces any more is dropped;
- the dumps are patched (:mod:`policykg.graph.build.dumppatch`) when the last build's dumps are still
  as it wrote them, else merged again from the cached rendered graphs
  (``graphs/pieces-<digest>.pkl``, content-addressed).

The dumps and the store then equal those of a fresh full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from dataclasses import asdict
from functools import cache
from pathlib import Path

from policykg.graph.build import dump
from policykg.graph.build.dumppatch import dumps_state
from policykg.graph.build.render import GraphInfo, Pieces
from policykg.graph.build.sink import open_store
from policykg.graph.build.workers import file_sha256
from policykg.loaders.provenance import sidecar_of

MANIFEST = "manifest.json"
CACHE_DIR = ".policykg-cache"
VERSION = 2


@cache
def code_fingerprint() -> str:
    """A hash of the loader and graph code (once per process): a cache made by other code is not
    reused."""
    graph = Path(__file__).resolve().parents[1]  # graph/ (this file is graph/build/…)
    h = hashlib.sha256()
    for folder in (graph, graph.parent / "loaders", graph.parent / "ontology"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".ttl", ".json", ".csv") and path.is_file():
                h.update(str(path.relative_to(folder.parent)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _key(path: str, sha: str) -> str:
    """A source's cache key: its path, its bytes' SHA-256 and its provenance sidecar's bytes
    (so editing ``NAME.meta.json`` rebuilds that source)."""
    try:
        side = hashlib.sha256(sidecar_of(path).read_bytes()).hexdigest()
    except OSError:
        side = ""
    return hashlib.sha256(f"{path}\0{sha}\0{side}".encode()).hexdigest()[:32]


class Cache:
    """The cache of an output folder (a no-op when disabled)."""

    def __init__(self, out: Path | None, enabled: bool = True) -> None:
        self.enabled = enabled and out is not None
        self.out = out
        self.dir = (out / CACHE_DIR) if out is not None else None
        self.manifest: dict = {}
        self.code = ""
        self.store_path: str | None = None
        self.db: IncrementalStore | None = None
        self._sha: dict[str, str] = {}
        self._outcomes: dict[str, object] = {}  # read by valid_outcome, handed out once
        self._live: set[str] = set()  # digests of the rendered graphs of current sources
        if not self.enabled:
            return
        self.code = code_fingerprint()
        try:
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if manifest.get("version") == VERSION and manifest.get("code") == self.code:
            self.manifest = manifest
        (self.dir / "records").mkdir(parents=True, exist_ok=True)
        (self.dir / "graphs").mkdir(parents=True, exist_ok=True)

    # ---------------------------------------------------------------- sources

    def _file_sha(self, path: str) -> str:
        sha = self._sha.get(path)
        if sha is None:
            try:
                sha = self._sha[path] = file_sha256(path)
            except OSError:
                sha = ""
        return sha

    def loaded(self, index: int, path: str):
        """The cached load summary of an unchanged source (its record not parsed again), or None."""
        if not self.enabled:
            return None
        entry = self.manifest.get("sources", {}).get(path)
        sha = self._file_sha(path)
        if not entry or entry.get("sha256") != sha or not sha:
            return None
        key = _key(path, sha)
        summary = self.dir / "records" / f"{key}.loaded.pkl"
        record = self.dir / "records" / f"{key}.pkl"
        if not (summary.is_file() and record.is_file()):
            return None
        with open(summary, "rb") as fh:
            item = pickle.load(fh)
        item.index = index
        item.handle = str(record)
        return item

    def keep_record(self, item, runner) -> None:
        """Store a freshly loaded source's record and its load summary."""
        if not self.enabled or not item.sha256:
            return
        key = _key(item.rep.path, item.sha256)
        target = self.dir / "records" / f"{key}.pkl"
        if isinstance(item.handle, str):
            shutil.copyfile(item.handle, target)
        else:
            with open(target, "wb") as fh:
                pickle.dump(runner.record(item), fh, protocol=pickle.HIGHEST_PROTOCOL)
        handle, item.handle = item.handle, None
        with open(self.dir / "records" / f"{key}.loaded.pkl", "wb") as fh:
            pickle.dump(item, fh, protocol=pickle.HIGHEST_PROTOCOL)
        item.handle = handle

    def _graph_file(self, item, suffix: str) -> Path:
        return self.dir / "graphs" / f"{_key(item.rep.path, item.sha256)}{suffix}"

    def valid_outcome(self, item, known: dict[str, str]) -> bool:
        """True when an unchanged official's cached graph can be reused: the titles it looked up
        still resolve to the same documents, and its rendered graph is in the cache."""
        if not self.enabled or not item.sha256:
            return False
        entry = self.manifest.get("sources", {}).get(item.rep.path)
        if not entry or entry.get("sha256") != item.sha256:
            return False
        asked_file, graph_file = self._graph_file(item, ".asked.json"), self._graph_file(item, ".pkl")
        if not (asked_file.is_file() and graph_file.is_file()):
            return False
        asked = json.loads(asked_file.read_text(encoding="utf-8"))
        if not all(known.get(k) == v for k, v in asked.items()):
            return False
        out = self.load_outcome(item)
        if out.error is not None:
            return True
        return out.info is not None and self.has_pieces(out.info.digest)

    def load_outcome(self, item):
        """The cached conversion of an official, without its rendered graph (see :meth:`pieces`)."""
        path = self._graph_file(item, ".pkl")
        out = self._outcomes.pop(str(path), None)
        if out is None:
            with open(path, "rb") as fh:
                out = pickle.load(fh)
            self._outcomes[str(path)] = out
        out.index = item.index
        if out.info is not None:
            self._live.add(out.info.digest)
        return out

    def keep_outcome(self, item, out, known: dict[str, str]) -> None:
        """Cache a fresh conversion: its summary per source, its rendered graph by content."""
        if not self.enabled or not item.sha256:
            return
        pieces, out.pieces = out.pieces, None
        try:
            if pieces is not None:
                self.keep_pieces(pieces, out.info)
                self._live.add(out.info.digest)
            with open(self._graph_file(item, ".pkl"), "wb") as fh:
                pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            out.pieces = pieces
        self._graph_file(item, ".asked.json").write_text(
            json.dumps(out.asked, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    # ---------------------------------------------------------------- rendered graphs by content

    def _pieces_file(self, digest: str) -> Path:
        return self.dir / "graphs" / f"pieces-{digest}.pkl"

    def has_pieces(self, digest: str) -> bool:
        return self.enabled and self._pieces_file(digest).is_file()

    def keep_pieces(self, pieces: Pieces, info: GraphInfo | None = None) -> None:
        """Cache a rendered graph under its content digest (once)."""
        if not self.enabled:
            return
        digest = (info or pieces.info()).digest
        target = self._pieces_file(digest)
        if target.is_file():
            return
        tmp = target.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(pieces, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)

    def pieces(self, digest: str) -> Pieces | None:
        """The cached rendered graph with this digest, or None."""
        try:
            with open(self._pieces_file(digest), "rb") as fh:
                return pickle.load(fh)
        except OSError:
            return None

    # ---------------------------------------------------------------- dumps

    def old_dumps(self) -> tuple[dict[str, str], int] | None:
        """The graphs (name → digest) and N-Triples line count of the last build's dumps, when the
        dumps in the output folder are still the files it wrote (else None: no patching)."""
        if not self.enabled or not self.manifest:
            return None
        recorded = self.manifest.get("dumps", {})
        try:
            if recorded.get("files") != dumps_state(self.out):
                return None
        except OSError:
            return None
        return self.manifest.get("graphs", {}), int(recorded.get("triples", -1))

    def fixed_graphs(self, make):
        """The rendered ontology and vocabulary graphs: cached (they change only with the code,
        which the cache's fingerprint covers), else ``make()``."""
        if not self.enabled:
            return make()
        path = self.dir / f"fixed-{self.code}.pkl"
        if path.is_file():
            with open(path, "rb") as fh:
                return pickle.load(fh)
        pieces = make()
        for old in self.dir.glob("fixed-*.pkl"):
            old.unlink(missing_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(pieces, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return pieces

    # ---------------------------------------------------------------- store

    def open_store(self, store_path):
        """The store to update: the last build's (if it is the same store), else a fresh one."""
        self.store_path = None if store_path is None else str(Path(store_path).resolve())
        old = self.manifest.get("graphs", {}) if self.enabled else {}
        same = (self.store_path is not None and self.manifest.get("store") == self.store_path
                and Path(self.store_path).is_dir())
        store = open_store(store_path, fresh=not same)
        self.db = IncrementalStore(store, old if same else {})
        return self.db

    # ---------------------------------------------------------------- manifest

    def report_graphs(self) -> list[str]:
        """The graphs the last build made of reports."""
        return sorted({e["graph"] for e in self.manifest.get("sources", {}).values()
                       if e.get("kind") == "report" and e.get("graph")})

    def save(self, paths: list[str], result: dict, counts, triples: int) -> None:
        """Write manifest.json (with the state of the dumps just written) and drop cache files no
        current source or graph uses."""
        if not self.enabled:
            return
        sources = {}
        keep: set[str] = set()
        for item in result["loaded"]:
            rep = item.rep
            sources[rep.path] = {"sha256": item.sha256, "kind": item.kind, "status": rep.status,
                                 "graph": rep.graph}
            keep.add(_key(rep.path, item.sha256))
        manifest = {
            "version": VERSION,
            "code": self.code,
            "store": self.store_path,
            "sources": dict(sorted(sources.items())),
            "graphs": dict(sorted((self.db.digests if self.db else {}).items())),
            "dumps": {"files": dumps_state(self.out), "triples": triples},
            "run": asdict(counts),
        }
        # the graphs in the build, and those of sources skipped as duplicates (kept for the day
        # the first of the duplicates goes away)
        keep |= {f"pieces-{d}" for d in [*manifest["graphs"].values(), *self._live]}
        for folder in ("records", "graphs"):
            for f in (self.dir / folder).iterdir():
                if f.name.split(".", 1)[0] not in keep:
                    f.unlink(missing_ok=True)
        dump.write_atomic(self.out / MANIFEST,
                          json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


class IncrementalStore:
    """A store updated graph by graph: unchanged graphs stay, changed ones are replaced."""

    def __init__(self, store, old: dict[str, str]) -> None:
        self.store = store
        self.old = old
        self.digests: dict[str, str] = {}
        self.loaded = 0
        self.removed = 0

    def prepare(self, info: GraphInfo) -> bool:
        """True when the graph must be (re)loaded; a changed graph is dropped first."""
        from pyoxigraph import NamedNode

        self.digests[info.name] = info.digest
        before = self.old.get(info.name)
        if before == info.digest:
            return False
        if before is not None:
            self.store.remove_graph(NamedNode(info.name))
            self.removed += 1
        self.loaded += 1
        return True

    def forget(self, names: list[str]) -> None:
        """Drop graphs that are about to be made again against the store (reports are checked
        against the officials in it, which must not include their own previous version)."""
        from pyoxigraph import NamedNode

        for name in names:
            if self.old.pop(name, None) is not None:
                self.store.remove_graph(NamedNode(name))
                self.removed += 1

    def drop_stale(self, keep: set[str]) -> None:
        """Drop the graphs of the last build that no source produced this time."""
        from pyoxigraph import NamedNode

        for name in self.old:
            if name not in self.digests:
                self.store.remove_graph(NamedNode(name))
                self.removed += 1


def manifest_of(out: str | os.PathLike) -> dict:
    """The manifest of a build folder ({} when there is none)."""
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
