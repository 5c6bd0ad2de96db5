"""The parallel build never holds the similarity link graph whole (issue 20): the links are
rendered, merged into the dumps and loaded into the store a few at a time, and the dumps stay
byte-identical to the one-process build's. The property is counted, not timed: every rendered
piece of the link graph made in the build's process is recorded."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.build import similar
from policykg.graph.build.parallel import build_parallel
from policykg.graph.build.render import Pieces
from policykg.graph.build.serial import build
from policykg.graph.compare.links import LINKS_GRAPH
from tests.graph.build.mixed import same_bytes

PER_PART = 2  # links per part in this test
MOST_TRIPLES_PER_LINK = 40  # 16 fixed triples plus one per feature, with a wide margin


def test_the_link_graph_is_handed_on_in_parts_and_the_dumps_do_not_change(
        seeds_dir: Path, tmp_path: Path, monkeypatch) -> None:
    sizes: list[int] = []  # N-Triples lines of each rendered piece of the link graph
    init = Pieces.__init__

    def counting(self, name, nt, *args, **kwargs) -> None:
        if name == str(LINKS_GRAPH):
            sizes.append(len(nt))
        init(self, name, nt, *args, **kwargs)

    monkeypatch.setattr(Pieces, "__init__", counting)
    monkeypatch.setattr(similar, "LINKS_PER_PART", PER_PART, raising=False)
    result = build_parallel([seeds_dir], tmp_path / "parallel", jobs=2, validate=False,
                            store=tmp_path / "store", partitions=True)
    links = result.similarity["links"]
    assert links > 2 * PER_PART  # enough links for several parts
    assert len(sizes) == -(-links // PER_PART)  # one piece per part, none of the whole graph
    assert max(sizes) <= PER_PART * MOST_TRIPLES_PER_LINK
    monkeypatch.setattr(Pieces, "__init__", init)
    build([seeds_dir], out=tmp_path / "serial", validate=False)
    assert same_bytes(tmp_path / "serial", tmp_path / "parallel",
                      ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json")) == []
    # the link graph's partition file is sorted like any other, merged from the parts
    part = [p for p in result.partitions if f"<{LINKS_GRAPH}>" in p.read_text(encoding="utf-8")]
    assert len(part) == 1
    lines = part[0].read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines)) and sum(sizes) == len(lines)
