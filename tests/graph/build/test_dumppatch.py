"""Splicing sorted dumps: for any sorted file and any edits, the result equals sorting the edited set."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph.build.dump import BASE
from policykg.graph.build.dumppatch import (
    SortedRecords,
    _Edit,
    _splice,
    expand,
    trig_key,
    turtle_key,
)

_LINE = st.text(alphabet="abcdé中<> .", min_size=1, max_size=8).map(lambda s: s + " .\n")


@settings(max_examples=200, deadline=None)
@given(st.sets(_LINE, max_size=30), st.sets(_LINE, max_size=10), st.sets(_LINE, max_size=10))
def test_line_splice_equals_the_sorted_set(tmp_path_factory, old, insert, delete):
    path = Path(tmp_path_factory.mktemp("nt")) / "a.nt"
    path.write_bytes("".join(sorted(old)).encode("utf-8"))
    delete -= insert
    edits = [_Edit(x.encode(), None) for x in delete]
    edits += [_Edit(x.encode(), x.encode(), only_if_absent=True) for x in insert]
    out = io.BytesIO()
    _splice(path, out, b"", 0,
            lambda mm, a, b: SortedRecords(mm, a, b, b"\n", 0, lambda r: r), edits, b"")
    assert out.getvalue().decode("utf-8") == "".join(sorted((old - delete) | insert))


_NAME = st.text(alphabet="abcxyz0-9/", min_size=1, max_size=6)


def _block(name: str, n: int) -> str:
    body = " ;\n    ".join(f"<p{i}> <o{i}>" for i in range(n))
    return f"<doc/{name}> {body} .\n"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_NAME, st.integers(1, 3), max_size=12),
       st.dictionaries(_NAME, st.one_of(st.none(), st.integers(1, 3)), max_size=6))
def test_block_splice_equals_a_full_rewrite(tmp_path_factory, old, edits):
    """Turtle-like blocks separated by blank lines, keyed by their subject, replaced or removed."""
    header = "@base <https://w3id.org/policykg/id/> .\n\n"
    path = Path(tmp_path_factory.mktemp("ttl")) / "a.ttl"
    path.write_bytes((header + "\n".join(_block(k, old[k]) for k in sorted(old))).encode())
    new = dict(old)
    for k, v in edits.items():
        if v is None:
            new.pop(k, None)
        else:
            new[k] = v
    spliced = [_Edit(turtle_key(f"<doc/{k}> x".encode()),
                     None if v is None else _block(k, v).encode()) for k, v in edits.items()]
    out = io.BytesIO()
    _splice(path, out, header.encode(), len(header),
            lambda mm, a, b: SortedRecords(mm, a, b, b".\n\n", 1, turtle_key), spliced, b"\n")
    expected = header + "\n".join(_block(k, new[k]) for k in sorted(new))
    assert out.getvalue().decode() == expected


def test_spelled_terms_expand_to_their_iris():
    assert expand("<doc/2025/x>") == BASE + "doc/2025/x"
    assert expand("<https://example.org/a\\u0020b>") == "https://example.org/a b"
    assert expand("pol:Measure") == "https://w3id.org/policykg/ontology#Measure"
    assert trig_key(b"<graph/doc/a> {\n") == (BASE + "graph/doc/a").encode()
    assert turtle_key(b"_:b0 a owl:Class .\n") == b"1"
