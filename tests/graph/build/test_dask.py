"""A build on a Dask LocalCluster (two worker processes) equals the local build byte for byte,
partitions included."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build.parallel import build_parallel
from tests.graph.build.mixed import DUMPS, mixed_corpus, same_bytes  # noqa: F401


def test_dask_local_cluster_equals_local_build(mixed_corpus: Path, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("dask.distributed")
    from policykg.graph.build.distributed import build_dask
    from policykg.shapes import per_graph
    from policykg.shapes.validate import validate_file

    monkeypatch.setattr(per_graph, "BATCH_QUADS", 2000)  # validation in several Dask tasks

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            result = build_dask([mixed_corpus], tmp_path / "dask", client=client, validate=True)
    finally:
        cluster.close()
    local = build_parallel([mixed_corpus], tmp_path / "local", jobs=2, validate=True,
                           partitions=True)
    assert result.counts.parsed == local.counts.parsed == 41
    parts = sorted(p.name for p in (tmp_path / "dask" / "partitions").glob("*.nq"))
    assert parts and parts == sorted(p.name for p in (tmp_path / "local" / "partitions").glob("*.nq"))
    assert same_bytes(tmp_path / "dask", tmp_path / "local",
                      (*DUMPS, "validation.ttl", *(f"partitions/{p}" for p in parts))) == []
    whole = validate_file(tmp_path / "dask" / "policykg.trig", engine="oxigraph")
    assert (tmp_path / "dask" / "validation.ttl").read_bytes() == whole.to_ttl().encode("utf-8")
