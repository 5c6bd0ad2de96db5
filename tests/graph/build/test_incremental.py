"""Incremental builds: change, add and remove sources; the dumps and the store equal a fresh full
build, and unchanged sources are not parsed again (the manifest's run counts say so)."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

from policykg.graph.build.parallel import build_parallel
from tests.graph.build.mixed import generate, mixed_corpus, same_bytes, store_signature  # noqa: F401


# An incremental build makes no similarity links (docs/compare.md): the fresh builds it is
# compared with are made without them too.
def _build(src: Path, out: Path, store: Path):
    return build_parallel([src], out, jobs=2, validate=False, store=store, incremental=True)


def test_change_add_remove_equals_a_fresh_build(mixed_corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    src = tmp_path / "src"
    shutil.copytree(mixed_corpus, src)
    out, store = tmp_path / "out", tmp_path / "store"
    first = _build(src, out, store)
    total = first.totals["sources"]
    assert first.counts.parsed == total and first.counts.reused == 0
    del first
    gc.collect()

    again = _build(src, out, store)  # nothing changed: nothing parsed or converted
    assert (again.counts.parsed, again.counts.converted, again.counts.reused) == (0, 0, total)
    del again
    gc.collect()

    other = generate(tmp_path / "other", 6, 99)
    shutil.copy(other / "doc_000002.txt", src / "doc_000002.txt")  # changed
    shutil.copy(other / "doc_000005.txt", src / "zz_added.txt")  # added
    (src / "doc_000004.txt").unlink()  # removed
    inc = _build(src, out, store)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["parsed"] == 2
    assert manifest["run"]["dumps"] == "patched"  # only the changed graphs were spliced in
    assert manifest["run"]["reused"] == total - 1 - 1  # all but the changed and the removed one
    assert inc.counts.converted >= 2
    assert inc.counts.converted < total // 2  # unchanged officials keep their graphs
    assert str(src / "doc_000004.txt") not in manifest["sources"]
    assert str(src / "zz_added.txt") in manifest["sources"]
    inc_store = store_signature(inc.store)
    del inc
    gc.collect()

    fresh = build_parallel([src], tmp_path / "fresh", jobs=2, validate=False, similarity_threshold=None)
    assert same_bytes(out, tmp_path / "fresh") == []
    assert inc_store == store_signature(fresh.store)


def test_dumps_touched_since_the_last_build_are_merged_again(mixed_corpus: Path,  # noqa: F811
                                                             tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(mixed_corpus, src)
    out, store = tmp_path / "out", tmp_path / "store"
    _build(src, out, store)
    ttl = out / "policykg.ttl"
    ttl.write_bytes(ttl.read_bytes() + b"# edited by hand\n")
    other = generate(tmp_path / "other", 4, 7)
    shutil.copy(other / "doc_000003.txt", src / "doc_000001.txt")
    inc = _build(src, out, store)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["dumps"] == "merged"
    del inc
    gc.collect()
    build_parallel([src], tmp_path / "fresh", jobs=1, validate=False, similarity_threshold=None)
    assert same_bytes(out, tmp_path / "fresh") == []


def test_a_duplicate_source_is_not_converted_again_and_takes_over(mixed_corpus: Path,  # noqa: F811
                                                                  tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(mixed_corpus, src)
    first = sorted(src.glob("doc_*.txt"))[0]
    shutil.copy(first, src / "zz_copy.txt")  # same document under another name: skipped
    out, store = tmp_path / "out", tmp_path / "store"
    _build(src, out, store)
    again = _build(src, out, store)
    assert (again.counts.parsed, again.counts.converted) == (0, 0)
    del again
    gc.collect()
    first.unlink()  # the copy is now the document that is built
    _build(src, out, store)
    build_parallel([src], tmp_path / "fresh", jobs=2, validate=False, similarity_threshold=None)
    assert same_bytes(out, tmp_path / "fresh", names=("policykg.nt", "policykg.ttl",
                                                      "policykg.trig")) == []
