"""The store sink bulk-loads in batches: past the first partition's worth of sources it must not
fall back to one bulk load per source (it did when no partition files were written, which made a
10,000-document build quadratic)."""

from __future__ import annotations

from pyoxigraph import Store

from policykg.graph.build.sink import PARTITION_SOURCES, QuadSink


class _OneQuad:
    """A source's graph reduced to one quad (what QuadSink reads of Pieces)."""

    def __init__(self, i: int) -> None:
        self.line = f"<urn:s:{i}> <urn:p> \"{i}\" <urn:g:{i}> .\n"

    def nquads(self) -> list[str]:
        return [self.line]


class _CountingStore:
    """A real in-memory pyoxigraph store that counts its bulk loads."""

    def __init__(self) -> None:
        self.store, self.loads = Store(), 0

    def bulk_load(self, **kwargs) -> None:
        self.loads += 1
        self.store.bulk_load(**kwargs)


def test_sources_past_a_partition_are_batched_not_loaded_one_by_one() -> None:
    counting = _CountingStore()
    sink = QuadSink(counting)
    total = PARTITION_SOURCES * 2 + 5
    for i in range(total):
        sink.add(_OneQuad(i))
    sink.flush()
    assert len(counting.store) == total
    # one load per partition of sources plus the final flush, far fewer than one per source
    assert counting.loads == 3
    assert sink.sources == 0
