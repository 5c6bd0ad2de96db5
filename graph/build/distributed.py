"""The per-source build work on a Dask distributed cluster (``--executor dask --scheduler ADDR``).

The same functions as the local pool (:mod:`policykg.graph.build.parallel`) are submitted to a
``dask.distributed.Client``: loading (the loader record stays in cluster memory as a future) and
converting officials (the title index is scattered to every worker once). The client process
then writes sorted, deterministic per-partition N-Quads files ``out/partitions/part-NNNNN.nq``
that any triplestore bulk-loads, fills the pyoxigraph store, converts the reports and writes the
usual dumps — byte-identical to the local build. Workers must see the source paths (a shared
filesystem, or the same paths on every machine).

Each source loads under the build's ``source_timeout`` there too: the Dask task forks a child
on its worker (:func:`policykg.graph.build.deadline.run_forked`) that is killed at the deadline,
so a stalled source is reported (stage ``timeout``) and the worker stays free for the others.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator

from policykg.graph.build.deadline import DEFAULT_SOURCE_TIMEOUT, Stopped, run_forked
from policykg.graph.build.parallel import ParallelResult, build_parallel
from policykg.graph.build.runner import windowed
from policykg.graph.build.workers import (
    Loaded,
    Outcome,
    convert_official,
    load_source,
    warm_resolver,
)
from policykg.loaders.records import LoadResult

BATCH = 256  # tasks in flight per batch, so the client never holds every result at once


def _load_task(index: int, path: str,
               timeout: float | None = None) -> tuple[Loaded, LoadResult]:
    """Load one source on a Dask worker, in a forked child ended after ``timeout`` seconds
    (None: inline, no deadline); a source stopped there gets a report saying why."""
    if timeout is None:
        return load_source(index, path)
    warm_resolver()  # once per worker process: the children inherit the vocabularies
    got = run_forked(load_source, (index, path), timeout)
    return load_source(index, path, got) if isinstance(got, Stopped) else got


def _summary(pair: tuple[Loaded, LoadResult]) -> Loaded:
    return pair[0]


def _record(pair: tuple[Loaded, LoadResult]) -> LoadResult:
    return pair[1]


def _convert_task(index: int, res: LoadResult, known: dict[str, str]) -> Outcome:
    return convert_official(index, res, known)


def _read_pickle(path: str) -> LoadResult:
    with open(path, "rb") as fh:
        return pickle.load(fh)


class DaskRunner:
    """Runs the load and convert steps as Dask tasks; results come back in source order."""

    def __init__(self, client, source_timeout: float | None = DEFAULT_SOURCE_TIMEOUT) -> None:
        self.client = client
        self.source_timeout = source_timeout
        self.records: dict[int, object] = {}  # index → future of the LoadResult

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.records.clear()

    def load(self, items: list[tuple[int, str]]) -> Iterator[Loaded]:
        for start in range(0, len(items), BATCH):
            batch = items[start:start + BATCH]
            pairs = self.client.map(_load_task, [i for i, _ in batch], [p for _, p in batch],
                                    [self.source_timeout] * len(batch), pure=False)
            summaries = self.client.map(_summary, pairs)
            for (index, _), pair, fut in zip(batch, pairs, summaries, strict=True):
                self.records[index] = self.client.submit(_record, pair)
                loaded = fut.result()
                loaded.handle = index
                yield loaded
            del pairs

    def ensure_records(self, items: list[Loaded], cache) -> None:
        """Records of sources loaded from the cache (a file path): read them on a worker."""
        for item in items:
            if isinstance(item.handle, str):
                self.records[item.index] = self.client.submit(_read_pickle, item.handle,
                                                              pure=False)
                item.handle = item.index

    def convert(self, items: list[Loaded], known: dict[str, str]) -> Iterator[Outcome]:
        if not items:
            return
        known_f = self.client.scatter(known, broadcast=True)
        for start in range(0, len(items), BATCH):
            batch = items[start:start + BATCH]
            futs = [self.client.submit(_convert_task, x.index, self.records[x.index], known_f,
                                       pure=False) for x in batch]
            for x, fut in zip(batch, futs, strict=True):
                out = fut.result()
                self.records.pop(x.index, None)  # an official's record is not needed again
                yield out

    def map_bounded(self, fn, items: Iterable) -> Iterator:
        """``fn`` over ``items`` as Dask tasks, in order, a few per worker in flight."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        return windowed(lambda f, x: self.client.submit(f, x, pure=False), fn, items, workers + 1)

    def record(self, item: Loaded) -> LoadResult:
        if isinstance(item.handle, str):
            return _read_pickle(item.handle)
        return self.records[item.index].result()


def build_dask(sources: Iterable[str | os.PathLike], out: str | os.PathLike | None = "build", *,
               scheduler: str | None = None, client=None, **kwargs) -> ParallelResult:
    """Build on a Dask cluster (``scheduler`` address, or an existing ``client``); writes the
    N-Quads partitions as well as the usual outputs; each source loads under
    ``source_timeout`` seconds (a keyword, as in :func:`build_parallel`)."""
    from dask.distributed import Client

    own = client is None
    if own:
        client = Client(scheduler, timeout="30s")
    try:
        timeout = kwargs.get("source_timeout", DEFAULT_SOURCE_TIMEOUT)
        with DaskRunner(client, timeout) as runner:
            return build_parallel(sources, out, runner=runner, partitions=True, **kwargs)
    finally:
        if own:
            client.close()
