"""Where the per-source work runs on one machine: inline (``jobs`` 1, or a small batch) or in a
process pool started on first use (fork, after the vocabularies are loaded). The Dask runner
with the same interface is :mod:`policykg.graph.build.distributed`."""

from __future__ import annotations

import json
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT, Stopped, run_all
from policykg.graph.build.workers import (
    Loaded,
    Outcome,
    convert_from_spool,
    load_to_spool,
    warm_resolver,
)
from policykg.loaders.records import LoadResult

INLINE_BELOW = 8  # batches smaller than this run in the parent, not in the process pool


def windowed(submit: Callable, fn: Callable, items: Iterable, window: int) -> Iterator:
    """``fn`` over ``items`` through ``submit(fn, item)`` (a future), results in order, with at
    most ``window`` items in flight: ``items`` is read lazily, so a producer of large items
    (validation batches) never gets ahead of the workers by more than the window."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# ------------------------------------------------------------------ runners


class LocalRunner:
    """Runs the per-source work inline (``jobs`` 1) or in a process pool (fork)."""

    def __init__(self, jobs: int, workdir: Path,
                 source_timeout: float | None = DEFAULT_SOURCE_TIMEOUT) -> None:
        self.jobs = max(1, jobs)
        self.source_timeout = source_timeout
        self.spool = workdir / "spool"
        self.spool.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _map(self, fn, *iterables) -> Iterator:
        """``map`` inline for ``jobs`` 1 or a batch too small to be worth a pool (an incremental
        build with a few changed sources), else in the process pool (started on first use)."""
        if self.jobs <= 1 or len(iterables[0]) < INLINE_BELOW:
            return map(fn, *iterables)
        if self.pool is None:
            warm_resolver()  # workers inherit the vocabularies instead of re-reading
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"))
        return self.pool.map(fn, *iterables, chunksize=4)

    def map_bounded(self, fn: Callable, items: Iterable) -> Iterator:
        """``fn`` over ``items`` lazily, in order: inline for ``jobs`` 1, else in the pool with
        ``jobs`` + 1 items in flight (the parent prepares the next while the workers run)."""
        if self.jobs <= 1:
            return map(fn, items)
        if self.pool is None:  # (validation alone needs no vocabularies in the workers)
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"))
        return windowed(self.pool.submit, fn, items, self.jobs + 1)

    def load(self, items: list[tuple[int, str]]) -> Iterator[Loaded]:
        """Each source loaded in a worker process under the source deadline (inline when there
        is no deadline and one job); a source over it gets a report saying so."""
        spool = str(self.spool)
        if self.source_timeout is None and (self.jobs <= 1 or len(items) < INLINE_BELOW):
            yield from (load_to_spool(i, p, spool) for i, p in items)
            return
        if items:
            warm_resolver()  # workers inherit the vocabularies instead of re-reading
        calls = [(i, p, spool) for i, p in items]
        for (i, p), loaded in zip(items, run_all(load_to_spool, calls, timeout=self.source_timeout,
                                                 jobs=self.jobs), strict=True):
            yield load_to_spool(i, p, spool, loaded) if isinstance(loaded, Stopped) else loaded

    def convert(self, items: list[Loaded], known: dict[str, str]) -> Iterator[Outcome]:
        known_file = self.workdir / f"known-{len(known)}-{time.monotonic_ns()}.json"
        known_file.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
        return self._map(convert_from_spool, [x.index for x in items],
                         [x.handle for x in items], [str(known_file)] * len(items))

    def record(self, item: Loaded) -> LoadResult:
        """The loader record of a loaded source (from its spool or cache file)."""
        with open(item.handle, "rb") as fh:
            return pickle.load(fh)
