"""One named graph rendered into the pieces the streaming dumps need, and the merge of those pieces.

:func:`render` turns a graph into sorted N-Triples lines, Turtle sort records, its TriG block and
the prefixes it used — small, picklable strings a worker process can return. :class:`Dumps`
merges the pieces of many graphs (external sort, bounded memory) into ``policykg.nt``,
``policykg.ttl`` and ``policykg.trig`` byte-identical to :func:`policykg.graph.build.dump.write_all`
on the same dataset.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.term import Node

from policykg.graph.build import dump

_FIRST = (RDF.type, RDFS.label)
SEP = "\x01"  # lower than any character of a spelled term or an IRI


@dataclass(frozen=True, slots=True)
class GraphInfo:
    """A rendered graph's name, content digest, prefixes used, agencies named, blank nodes."""

    name: str
    digest: str
    used_ttl: frozenset[str] = frozenset()
    used_trig: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    has_bnodes: bool = False


@dataclass(slots=True)
class Pieces:
    """A graph's contribution to the dumps: sorted N-Triples lines, Turtle records, TriG block."""

    name: str
    nt: list[str]
    ttl: list[str]
    trig: str
    used_ttl: frozenset[str] = frozenset()
    used_trig: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    has_bnodes: bool = False

    def digest(self) -> str:
        """A content hash of the graph (its sorted N-Triples and name)."""
        h = hashlib.sha256(self.name.encode("utf-8"))
        for line in self.nt:
            h.update(line.encode("utf-8"))
        return h.hexdigest()

    def info(self) -> GraphInfo:
        """What the dumps and the store need to know of the graph without its content."""
        return GraphInfo(self.name, self.digest(), self.used_ttl, self.used_trig, self.agencies,
                         self.has_bnodes)

    def nquads(self) -> list[str]:
        """The graph's N-Quads lines (sorted like its N-Triples lines)."""
        g = " " + dump.nt_term(URIRef(self.name)) + " .\n"
        return [line[:-3] + g for line in self.nt]


def _agency_predicates() -> tuple[URIRef, ...]:
    from policykg.ontology.namespace import POL

    return (POL.issuedBy, POL.approvedBy, POL.contactAgency, POL.responsibleAgency,
            POL.cooperatingAgency)


def ttl_record(s: Node, p: Node, o: Node, term: dump.TurtleTerms) -> str:
    """A line whose string order is the Turtle writer's order (subject, predicate rank, object)."""
    rank = _FIRST.index(p) if p in _FIRST else len(_FIRST)
    flag = "1" if isinstance(s, BNode) else "0"
    return f"{flag}{s}{SEP}{rank}{term(p, predicate=True)}{SEP}{term(o)}{SEP}{term(s)}"


def render(name: URIRef, triples: Iterable[tuple[Node, Node, Node]],
           nt_bnodes: dict[BNode, str] | None = None,
           trig_bnodes: dict[BNode, str] | None = None) -> Pieces:
    """Render one named graph (blank-node labels given by the caller, who sees the whole dataset)."""
    triples = set(triples)
    nt_labels = nt_bnodes or {}
    cache: dict[Node, str] = {}

    def spell(t: Node) -> str:
        text = cache.get(t)
        if text is None:
            text = cache[t] = dump.nt_term(t, nt_labels)
        return text

    nt = sorted({f"{spell(s)} {spell(p)} {spell(o)} .\n" for s, p, o in triples})
    ttl_term = dump.TurtleTerms(nt_labels)
    ttl = sorted({ttl_record(s, p, o, ttl_term) for s, p, o in triples})
    trig_term = dump.TurtleTerms(trig_bnodes or {})
    blocks = "\n".join(dump._subject_blocks(triples, trig_term, "    "))
    trig = f"{trig_term(name)} {{\n{blocks}}}\n"
    preds = set(_agency_predicates())
    agencies = frozenset(str(o) for _, p, o in triples if p in preds)
    has_bnodes = any(isinstance(t, BNode) for tr in triples for t in (tr[0], tr[2]))
    return Pieces(str(name), nt, ttl, trig, frozenset(ttl_term.used), frozenset(trig_term.used),
                  agencies, has_bnodes)


def render_part(name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> Pieces:
    """Part of a graph too large to render whole (the similarity links): its sorted N-Triples
    lines and Turtle records, no TriG block (:meth:`Dumps.add_parts` makes it from the records
    of every part). Blank nodes are refused: their labels need the whole graph."""
    triples = set(triples)
    if any(isinstance(t, BNode) for tr in triples for t in (tr[0], tr[2])):
        raise ValueError(f"{name}: a graph rendered in parts cannot have blank nodes")
    cache: dict[Node, str] = {}

    def spell(t: Node) -> str:
        text = cache.get(t)
        if text is None:
            text = cache[t] = dump.nt_term(t)
        return text

    nt = sorted({f"{spell(s)} {spell(p)} {spell(o)} .\n" for s, p, o in triples})
    term = dump.TurtleTerms({})
    ttl = sorted({ttl_record(s, p, o, term) for s, p, o in triples})
    preds = set(_agency_predicates())
    agencies = frozenset(str(o) for _, p, o in triples if p in preds)
    used = frozenset(term.used)
    return Pieces(str(name), nt, ttl, "", used, used, agencies)


# ------------------------------------------------------------------ external sort


class SortedUnion:
    """Unique lines in sorted order from many sorted batches, spilling runs to disk past a limit."""

    def __init__(self, workdir: Path, limit: int = 100_000) -> None:
        self.workdir = workdir
        self.limit = limit
        self.buffer: list[str] = []
        self.runs: list[Path] = []

    def add(self, lines: list[str]) -> None:
        self.buffer.extend(lines)
        if len(self.buffer) >= self.limit:
            self._spill()

    def __bool__(self) -> bool:
        return bool(self.buffer or self.runs)

    def _spill(self) -> None:
        if not self.buffer:
            return
        fd, name = tempfile.mkstemp(prefix="run-", suffix=".txt", dir=self.workdir)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            last = None
            self.buffer.sort()  # in place: no second copy of the buffer
            for line in self.buffer:
                if line != last:
                    fh.write(line if line.endswith("\n") else line + "\n")
                    last = line
        self.runs.append(Path(name))
        self.buffer = []

    def __iter__(self) -> Iterator[str]:
        """Each unique line once, in order (record lines without their trailing newline)."""
        if not self.runs:
            last = None
            for line in sorted(self.buffer):
                if line != last:
                    yield line
                    last = line
            return
        self._spill()
        files = [open(p, encoding="utf-8", newline="\n") for p in self.runs]  # noqa: SIM115
        try:
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    last = line
                    yield line
        finally:
            for fh in files:
                fh.close()
            for run in self.runs:  # read once: the runs go as soon as they are merged
                run.unlink(missing_ok=True)
            self.runs = []


class Dumps:
    """Collects :class:`Pieces` graph by graph and writes the three dumps at the end."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.nt = SortedUnion(workdir)
        self.ttl = SortedUnion(workdir)
        self.used_ttl: set[str] = set()
        self.used_trig: set[str] = set()
        self.agencies: set[str] = set()
        self.trig_index: list[tuple[str, int, int]] = []
        self._trig = open(workdir / "trig-blocks.txt", "w+b")  # noqa: SIM115
        self.triples = 0

    def add(self, pieces: Pieces) -> None:
        self.nt.add(pieces.nt)
        self.ttl.add([r + "\n" for r in pieces.ttl])
        self.used_ttl |= pieces.used_ttl
        self.used_trig |= pieces.used_trig
        self.agencies |= pieces.agencies
        data = pieces.trig.encode("utf-8")
        self.trig_index.append((pieces.name, self._trig.tell(), len(data)))
        self._trig.write(data)

    def add_parts(self, name: str, parts: Iterable[Pieces]) -> Iterator[Pieces]:
        """Add one graph given in parts (:func:`render_part`), yielding each part once added (the
        caller hands it on, then lets it go); its TriG block is assembled from the Turtle records
        of every part (a graph without blank nodes is spelled alike in both) after the last one.
        Nothing holds more than a part and the sort buffers."""
        records = SortedUnion(self.workdir)
        for pieces in parts:
            lines = [r + "\n" for r in pieces.ttl]
            self.nt.add(pieces.nt)
            self.ttl.add(lines)
            records.add(lines)
            self.used_ttl |= pieces.used_ttl
            self.used_trig |= pieces.used_trig
            self.agencies |= pieces.agencies
            yield pieces
        offset = self._trig.tell()
        self._trig.write(f"{dump.TurtleTerms({})(URIRef(name))} {{\n".encode())
        for i, block in enumerate(subject_blocks(records, "    ")):
            self._trig.write((block if i == 0 else "\n" + block).encode("utf-8"))
        self._trig.write(b"}\n")
        self.trig_index.append((name, offset, self._trig.tell() - offset))

    @staticmethod
    def _header(used: set[str]) -> str:
        lines = [f"@base <{dump.BASE}> .\n"]
        lines += [f"@prefix {p}: <{ns}> .\n" for p, ns in dump.PREFIXES if p in used]
        return "".join(lines) + "\n"

    def write(self, folder: Path) -> dict[str, Path]:
        """Write ``policykg.nt``, ``policykg.ttl``, ``policykg.trig`` atomically into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = {"nt": folder / "policykg.nt", "ttl": folder / "policykg.ttl",
                 "trig": folder / "policykg.trig"}
        count = 0
        with AtomicText(paths["nt"]) as fh:
            for line in self.nt:
                fh.write(line)
                count += 1
        self.triples = count
        with AtomicText(paths["ttl"]) as fh:
            fh.write(self._header(self.used_ttl))
            self._write_turtle(fh)
        with AtomicText(paths["trig"]) as fh:
            fh.write(self._header(self.used_trig))
            self._trig.flush()
            first = True
            for _, offset, length in sorted(self.trig_index, key=lambda t: t[0]):
                self._trig.seek(offset)
                if not first:
                    fh.write("\n")
                fh.write(self._trig.read(length).decode("utf-8"))
                first = False
        self._trig.close()
        return paths

    def _write_turtle(self, fh) -> None:
        for i, block in enumerate(subject_blocks(self.ttl)):
            fh.write(block if i == 0 else "\n" + block)


def subject_blocks(records: Iterable[str], indent: str = "") -> Iterator[str]:
    """The Turtle block of each subject, in order, from sorted :func:`ttl_record` lines."""
    subject_key = None
    block: list[str] = []
    for record in records:
        skey = record.split(SEP, 1)[0]
        if skey != subject_key and block:
            yield turtle_block(block, indent)
            block = []
        subject_key = skey
        block.append(record)
    if block:
        yield turtle_block(block, indent)


def turtle_block(records: list[str], indent: str = "") -> str:
    """The Turtle block of one subject from its sorted :func:`ttl_record` lines (``indent``:
    the TriG writer's, inside a graph)."""
    subject = ""
    preds: list[tuple[str, list[str]]] = []
    for record in records:
        _, pkey, obj, subject = record.rstrip("\n").split(SEP)
        p = pkey[1:]
        if preds and preds[-1][0] == p:
            preds[-1][1].append(obj)
        else:
            preds.append((p, [obj]))
    body = (" ;\n" + indent + "    ").join(
        f"{p} " + (",\n" + indent + "        ").join(objs) for p, objs in preds)
    return f"{indent}{subject} {body} .\n"


class AtomicText:
    """A text file written to a temporary name and renamed into place on success."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        self.fh.close()
        if exc_type is not None:
            Path(self.tmp).unlink(missing_ok=True)
            return
        os.chmod(self.tmp, 0o666 & ~_umask())
        os.replace(self.tmp, self.path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def graph_triples(g: Graph) -> list[tuple[Node, Node, Node]]:
    """The triples of a graph as a list."""
    return list(g.triples((None, None, None)))
