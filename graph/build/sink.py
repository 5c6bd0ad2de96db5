"""Where quads go: a pyoxigraph store (bulk loads of a partition at a time) and, optionally, the
sorted partition files ``partitions/part-NNNNN.nq``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policykg.graph.build.render import GraphInfo, Pieces, SortedUnion

PARTITION_SOURCES = 1000  # sources per N-Quads partition (fixed, so partitions are deterministic)
STORE_BATCH = 50_000  # quads handed to the store's bulk loader at a time (bounds the parent's memory)


# ------------------------------------------------------------------ sinks


class QuadSink:
    """Streams N-Quads into a pyoxigraph store a partition at a time; optionally writes the
    partition files ``partitions/part-NNNNN.nq`` (each sorted)."""

    def __init__(self, store, partitions: Path | None = None, workdir: Path | None = None) -> None:
        self.store = store
        self.partitions = partitions
        self.workdir = workdir  # where a partition's quads spill, sorted, past SortedUnion's limit
        self.lines = self._sorter()  # every quad of the partition (for the file)
        self.load: list[str] = []  # the quads the store still needs
        self.sources = 0
        self.number = 0
        self.files: list[Path] = []
        if partitions is not None:
            partitions.mkdir(parents=True, exist_ok=True)
            for old in partitions.glob("part-*.nq"):
                old.unlink()

    def add(self, pieces: Pieces, load: bool = True, count_source: bool = True) -> None:
        quads = pieces.nquads()
        if self.partitions is not None:
            self.lines.add(quads)
        if load and self.store is not None:
            self.load.extend(quads)
            if len(self.load) >= STORE_BATCH:
                self._load_store()
        if count_source:
            self.sources += 1
            if self.sources >= PARTITION_SOURCES:
                self.flush()

    def _load_store(self) -> None:
        """Bulk-load the quads waiting for the store."""
        if self.store is not None and self.load:
            from pyoxigraph import RdfFormat

            data = "".join(self.load).encode("utf-8")
            self.load = []
            self.store.bulk_load(input=data, format=RdfFormat.N_QUADS)
        self.load = []

    def flush(self) -> None:
        """Close the current partition: sort it, write it, bulk-load what the store still needs."""
        self._load_store()
        self.sources = 0  # (reset even without partition files: else every later source flushed)
        if not self.lines:
            return
        if self.partitions is not None:
            target = self.partitions / f"part-{self.number:05d}.nq"
            tmp = target.with_suffix(".nq.tmp")
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(self.lines)  # sorted, merged from the spilled runs
            os.replace(tmp, target)
            self.files.append(target)
        self.number += 1
        self.lines = self._sorter()

    def _sorter(self) -> SortedUnion:
        """A partition's lines: sorted on the way out, spilled to ``workdir`` past its limit."""
        return SortedUnion(self.workdir if self.workdir is not None else Path(tempfile.gettempdir()))


def open_store(path: str | os.PathLike | None, fresh: bool = True):
    """A pyoxigraph store on disk at ``path`` (cleared when ``fresh``), or in memory."""
    from pyoxigraph import Store

    if path is None:
        return Store()
    Path(path).mkdir(parents=True, exist_ok=True)
    store = Store(str(path))
    if fresh:
        store.clear()
    return store


class FreshStore:
    """The store of a full build: every graph is loaded, nothing is stale."""

    def __init__(self, store) -> None:
        self.store = store
        self.digests: dict[str, str] = {}

    def prepare(self, info: GraphInfo) -> bool:
        return True

    def forget(self, names: list[str]) -> None:
        return None

    def drop_stale(self, keep: set[str]) -> None:
        return None
