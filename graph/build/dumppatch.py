"""Patching the sorted dumps instead of rewriting them, when an incremental build changed few graphs.

The dumps of a build are sorted: ``policykg.nt`` is unique lines in order, ``policykg.ttl`` one
block per subject in subject order, ``policykg.trig`` one block per named graph in name order
(see :mod:`policykg.graph.build.render`). A change to a few named graphs is therefore a few splices:
every edit point is found by binary search in the old file (memory-mapped) and the bytes between
edit points are copied unchanged. Contract: given the old dumps, the old and new rendered pieces
of every graph that changed (added, replaced or removed) and the store already holding the new
build, :func:`patch_dumps` writes files byte-identical to those a full build would write.
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from policykg.graph.build import dump
from policykg.graph.build.render import SEP, AtomicText, Pieces, ttl_record, turtle_block

_UNESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PREFIXES = dict(dump.PREFIXES)


class PatchError(Exception):
    """The old dumps are not what the manifest describes; the caller rewrites them in full."""


@dataclass(slots=True)
class GraphChange:
    """One named graph whose content changed: its pieces before (None: new) and after (None: gone)."""

    name: str
    old: Pieces | None
    new: Pieces | None


# ------------------------------------------------------------------ spelled terms → sort keys


def expand(spelled: str) -> str:
    """The full IRI of a term as the Turtle/TriG writers spell it (``<rel>``, ``<abs>``, ``p:x``)."""
    if spelled.startswith("<") and spelled.endswith(">"):
        body = _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), spelled[1:-1])
        return body if ":" in body else dump.BASE + body
    prefix, sep, local = spelled.partition(":")
    if sep and prefix in _PREFIXES:
        return _PREFIXES[prefix] + local
    raise PatchError(f"cannot read the term {spelled!r} of a dump")


def _first_token(record: bytes) -> str:
    return record.split(b"\n", 1)[0].split(b" ", 1)[0].decode("utf-8")


def turtle_key(record: bytes) -> bytes:
    """Sort key of a Turtle subject block: the writer orders blocks by flag + subject + SEP."""
    token = _first_token(record)
    if token.startswith("_:"):
        return b"1"  # blank-node subjects follow every IRI (only the ontology graph has them)
    return ("0" + expand(token) + SEP).encode("utf-8")


def trig_key(record: bytes) -> bytes:
    """Sort key of a TriG graph block: the graph name."""
    return expand(_first_token(record)).encode("utf-8")


# ------------------------------------------------------------------ sorted records in a file


class SortedRecords:
    """Records of an mmapped body ``[start, end)``: each record ends with ``boundary`` (the last
    one may lack the blank line that separates blocks)."""

    def __init__(self, mm: mmap.mmap, start: int, end: int, boundary: bytes, tail: int,
                 key: Callable[[bytes], bytes]) -> None:
        self.mm, self.start, self.end = mm, start, end
        self.boundary, self.tail, self.key = boundary, tail, key

    def next_start(self, pos: int) -> int:
        """The first record start at or after ``pos``."""
        if pos <= self.start:
            return self.start
        i = self.mm.find(self.boundary, max(pos - len(self.boundary), self.start), self.end)
        return self.end if i < 0 else i + len(self.boundary)

    def record(self, pos: int) -> bytes:
        """The record starting at ``pos`` (without the separator that follows it)."""
        nxt = self.next_start(pos + 1)
        data = self.mm[pos:nxt]
        if nxt < self.end or data.endswith(self.boundary):
            data = data[: len(data) - self.tail] if self.tail else data
        return data

    def lower_bound(self, target: bytes, lo: int | None = None) -> int:
        """The start of the first record whose key is ``>= target`` (``end`` if none)."""
        lo = self.start if lo is None else lo
        hi = self.end
        while lo < hi:
            mid = self.next_start((lo + hi) // 2)
            if mid >= hi:
                mid = lo
            if self.key(self.record(mid)) < target:
                lo = self.next_start(mid + 1)
            else:
                hi = mid
        return lo


@contextmanager
def _mapped(path: Path) -> Iterator[mmap.mmap | bytes]:
    """The file's bytes, memory-mapped (an empty file cannot be mapped: ``b""``)."""
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            yield b""
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            yield mm


@dataclass(slots=True)
class _Edit:
    key: bytes
    data: bytes | None  # the new record (None: delete)
    only_if_absent: bool = False  # N-Triples inserts: a line another graph has is there already


def _splice(old: Path, new_fh, header: bytes, body_start: int, records: Callable, edits: list[_Edit],
            separator: bytes) -> tuple[int, int]:
    """Write ``header`` + the old body with ``edits`` applied; return (inserted, deleted)."""
    inserted = deleted = 0
    with _mapped(old) as mm:
        rec: SortedRecords = records(mm, body_start, len(mm))
        out = [header]
        wrote_body = False

        def write(data: bytes) -> None:
            nonlocal wrote_body
            if not data:
                return
            if separator and wrote_body:
                new_fh.write(separator)
            new_fh.write(data)
            wrote_body = True

        def copy(a: int, b: int) -> None:
            # whole records [a, b): strip the separator after the last one (written by write())
            if a >= b:
                return
            data = mm[a:b]
            if separator and data.endswith(separator) and b < rec.end:
                data = data[: -len(separator)]
            write(data)

        new_fh.write(b"".join(out))
        cur = rec.start
        for edit in sorted(edits, key=lambda e: e.key):
            pos = rec.lower_bound(edit.key, cur)
            copy(cur, pos)
            cur = pos
            exists = pos < rec.end and rec.key(rec.record(pos)) == edit.key
            if exists and edit.only_if_absent:
                continue
            if exists:
                cur = rec.next_start(pos + 1)
                deleted += 1
            if edit.data is not None:
                write(edit.data)
                inserted += 1
        copy(cur, rec.end)
    return inserted, deleted


def _body_start(path: Path) -> tuple[bytes, int]:
    """The header of a Turtle/TriG dump (``@base``/``@prefix`` lines and the blank line) and where
    the body starts."""
    with open(path, "rb") as fh:
        head = b""
        while True:
            line = fh.readline()
            if not line:
                raise PatchError(f"{path.name} ends inside its header")
            head += line
            if line == b"\n":
                return head, len(head)
            if not line.startswith(b"@"):
                raise PatchError(f"{path.name} does not start with a Turtle header")


# ------------------------------------------------------------------ the three dumps


def _present(lines: list[str], store) -> list[bool]:
    """For each N-Triples line, whether the store holds its triple in some graph."""
    from pyoxigraph import RdfFormat, parse

    if not lines:
        return []
    triples = list(parse("".join(lines).encode("utf-8"), format=RdfFormat.N_TRIPLES))
    if len(triples) != len(lines):
        raise PatchError("a changed line did not read back as one triple")
    return [next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, None)), None)
            is not None for t in triples]


def _subject_lines(nt: SortedRecords, subject: str) -> list[str]:
    """The old N-Triples lines of one subject (they are contiguous: the file is sorted)."""
    prefix = (subject + " ").encode("utf-8")
    pos = nt.lower_bound(prefix)
    out = []
    while pos < nt.end:
        line = nt.record(pos)
        if not line.startswith(prefix):
            break
        out.append(line.decode("utf-8"))
        pos = nt.next_start(pos + 1)
    return out


def _nt_iri(nt_term: str) -> str:
    """The IRI of an N-Triples ``<…>`` term (escapes undone)."""
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), nt_term[1:-1])


def _turtle_blocks(subjects: dict[str, set[str]]) -> dict[bytes, bytes | None]:
    """Sort key → Turtle block for each subject's new set of N-Triples lines (None: no triples)."""
    out: dict[bytes, bytes | None] = {}
    for subject, lines in subjects.items():
        key = ("0" + _nt_iri(subject) + SEP).encode("utf-8")
        if not lines:
            out[key] = None
            continue
        g = Graph()
        g.parse(data="".join(sorted(lines)), format="nt")
        terms = dump.TurtleTerms({})
        records = sorted({ttl_record(s, p, o, terms) for s, p, o in g})
        out[key] = turtle_block(records).encode("utf-8")
    return out


def patch_dumps(folder: Path, changes: Iterable[GraphChange], store, used_ttl: set[str],
                used_trig: set[str], old_triples: int) -> int:
    """Patch ``policykg.nt``/``.ttl``/``.trig`` in ``folder`` for ``changes``; return the number of
    N-Triples lines (``old_triples`` before). ``store`` already holds the new build. Each file is
    replaced atomically; :class:`PatchError` when the old files are not sorted dumps."""
    changes = [c for c in changes if (c.old.digest() if c.old else None)
               != (c.new.digest() if c.new else None)]
    paths = {k: folder / f"policykg.{k}" for k in ("nt", "ttl", "trig")}
    for p in paths.values():
        if not p.is_file():
            raise PatchError(f"{p.name} is missing")
    old_lines = set().union(*(c.old.nt for c in changes if c.old))
    new_lines = set().union(*(c.new.nt for c in changes if c.new))
    candidates = sorted(old_lines - new_lines)
    gone = [line for line, here in zip(candidates, _present(candidates, store), strict=True) if not here]
    added = sorted(new_lines - old_lines)

    # Turtle: every subject whose set of triples may have changed gets its block rebuilt from
    # its old lines (contiguous in the sorted N-Triples dump) with the edits applied
    subjects: dict[str, set[str]] = {}
    with _mapped(paths["nt"]) as mm:
        nt = SortedRecords(mm, 0, len(mm), b"\n", 0, _whole)
        for line in [*gone, *added]:
            subject = line.split(" ", 1)[0]
            if subject not in subjects:
                subjects[subject] = set(_subject_lines(nt, subject))
    for line in gone:
        subjects[line.split(" ", 1)[0]].discard(line)
    for line in added:
        subjects[line.split(" ", 1)[0]].add(line)
    blocks = _turtle_blocks(subjects)

    # N-Triples: delete the lines no graph has any more, insert the new ones not there yet
    edits = [_Edit(x.encode("utf-8"), None) for x in gone]
    edits += [_Edit(x.encode("utf-8"), x.encode("utf-8"), only_if_absent=True) for x in added]
    with AtomicText(paths["nt"]) as text:
        inserted, deleted = _splice(paths["nt"], text.buffer, b"", 0, _nt_records, edits, b"")

    _, start = _body_start(paths["ttl"])
    with AtomicText(paths["ttl"]) as text:
        _splice(paths["ttl"], text.buffer, _header(used_ttl), start, _ttl_records,
                [_Edit(k, v) for k, v in blocks.items()], b"\n")

    _, start = _body_start(paths["trig"])
    trig_edits = [_Edit(c.name.encode("utf-8"), c.new.trig.encode("utf-8") if c.new else None)
                  for c in changes]
    with AtomicText(paths["trig"]) as text:
        _splice(paths["trig"], text.buffer, _header(used_trig), start, _trig_records,
                trig_edits, b"\n")
    return old_triples + inserted - deleted


def _whole(record: bytes) -> bytes:
    return record


def _nt_records(mm: mmap.mmap, start: int, end: int) -> SortedRecords:
    return SortedRecords(mm, start, end, b"\n", 0, _whole)


def _ttl_records(mm: mmap.mmap, start: int, end: int) -> SortedRecords:
    return SortedRecords(mm, start, end, b".\n\n", 1, turtle_key)


def _trig_records(mm: mmap.mmap, start: int, end: int) -> SortedRecords:
    return SortedRecords(mm, start, end, b"}\n\n", 1, trig_key)


def _header(used: set[str]) -> bytes:
    from policykg.graph.build.render import Dumps

    return Dumps._header(used).encode("utf-8")


def dumps_state(folder: Path) -> dict[str, list[int]]:
    """Size and modification time of each dump (to tell later that nobody touched them)."""
    out = {}
    for name in ("policykg.nt", "policykg.ttl", "policykg.trig"):
        st = os.stat(folder / name)
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


__all__ = ["GraphChange", "PatchError", "dumps_state", "expand", "patch_dumps"]
