"""A build on a Dask LocalCluster (two worker processes) equals the local build byte for byte,
partitions included."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build.parallel import build_parallel
from tests.graph.build.mixed import DUMPS, mixed_corpus, same_bytes  # noqa: F401


def test_dask_local_cluster_equals_local_build(mixed_corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    distributed = pytest.importorskip("dask.distributed")
    from policykg.graph.build.distributed import build_dask

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            result = build_dask([mixed_corpus], tmp_path / "dask", client=client, validate=False)
    finally:
        cluster.close()
    local = build_parallel([mixed_corpus], tmp_path / "local", jobs=2, validate=False,
                           partitions=True)
    assert result.counts.parsed == local.counts.parsed == 41
    parts = sorted(p.name for p in (tmp_path / "dask" / "partitions").glob("*.nq"))
    assert parts and parts == sorted(p.name for p in (tmp_path / "local" / "partitions").glob("*.nq"))
    assert same_bytes(tmp_path / "dask", tmp_path / "local",
                      (*DUMPS, *(f"partitions/{p}" for p in parts))) == []
