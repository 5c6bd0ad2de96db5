"""Linked-open-data dumps of a build: Turtle, sorted N-Triples, N-Quads, TriG, RDF/XML and
JSON-LD compacted with the shipped context ``ontology/context.jsonld``.

Contract: the same build gives byte-identical dumps (blank nodes are relabelled from their
surroundings, statements are sorted). Turtle, N-Triples, RDF/XML and JSON-LD hold the union
of all named graphs; N-Quads and TriG keep every named graph. Remote JSON-LD contexts are
never fetched: the context is read from the package and embedded in the dump.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from policykg.graph.publish import fastread
from policykg.graph.publish.jsonld import compact
from policykg.graph.publish.rdfxml import rdfxml_bytes
from policykg.graph.publish.turtle import TermWriter, blocks, turtle_text
from policykg.ontology.namespace import ELI, ID, OA, ORG, POL, PROV, SCHEMA
from policykg.store.ntriples import escape_turtle_controls
from policykg.store.paths import atomic_write_bytes

VOID = Namespace("http://rdfs.org/ns/void#")
BUILD_FILE = "policykg.trig"


@dataclass(frozen=True)
class DumpFormat:
    """One dump format: its file name in the output folder and its media type."""

    key: str
    filename: str
    media_type: str
    quads: bool


DUMPS: dict[str, DumpFormat] = {
    f.key: f
    for f in (
        DumpFormat("ttl", "policykg.ttl", "text/turtle", False),
        DumpFormat("nt", "policykg.nt", "application/n-triples", False),
        DumpFormat("nq", "policykg.nq", "application/n-quads", True),
        DumpFormat("trig", "policykg.trig", "application/trig", True),
        DumpFormat("rdfxml", "policykg.rdf", "application/rdf+xml", False),
        DumpFormat("jsonld", "policykg.jsonld", "application/ld+json", False),
    )
}

PREFIXES: dict[str, str] = {
    "pol": str(POL._NS),
    "kg": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "oa": str(OA),
    "org": str(ORG),
    "prov": str(PROV),
    "eli": str(ELI),
    "schema": str(SCHEMA),
    "dcat": str(DCAT),
    "void": str(VOID),
}

_INPUT_FORMATS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def load_dataset(path: Path) -> Dataset:
    """Read a build folder (its ``policykg.trig``) or one RDF file into a Dataset.

    Raises FileNotFoundError or ValueError with a one-sentence message.
    """
    path = Path(path)
    if path.is_dir():
        path = path / BUILD_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found; run `policykg build` first or pass a graph file")
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; pass a build folder or an RDF file")
    ds = Dataset()
    fmt = _INPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type; use .trig, .nq, .ttl, .nt or .rdf")
    ds.parse(path, format=fmt)
    return ds


def canonical_quads(ds: Dataset) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """All quads of ``ds`` (graph None = the default graph) with deterministic blank-node labels, sorted."""
    quads = []
    for s, p, o, c in ds.quads((None, None, None, None)):
        gid = c.identifier if isinstance(c, Graph) else c
        quads.append((s, p, o, None if gid in (None, DATASET_DEFAULT_GRAPH_ID) else gid))
    return canonicalize(quads)


def canonicalize(quads: list[tuple[Node, Node, Node, URIRef | None]]
                 ) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """The distinct quads with deterministic blank-node labels, sorted by graph, s, p, o.

    Terms are compared by their N3 text, computed once per term object (keyed by ``id``:
    rdflib terms hash in Python, strings in C; the objects stay alive in ``quads``).
    """
    n3: dict[int, str] = {}

    def key(t: Node) -> str:
        text = n3.get(id(t))
        if text is None:
            text = n3[id(t)] = t.n3()
            keep.append(t)  # the id stays this term's while the table lives
        return text

    keep: list[Node] = []
    bnodes = {t for q in quads for t in (q[0], q[2]) if isinstance(t, BNode)}
    rename: dict[BNode, BNode] = {}
    if bnodes:
        sig = {b: "" for b in bnodes}
        for _round in range(4):
            parts: dict[BNode, list[str]] = defaultdict(list)
            for s, p, o, g in quads:
                if isinstance(s, BNode):
                    oo = "_:" + sig[o] if isinstance(o, BNode) else key(o)
                    parts[s].append(f"> {key(p)} {oo} {_gkey(g)}")
                if isinstance(o, BNode):
                    ss = "_:" + sig[s] if isinstance(s, BNode) else key(s)
                    parts[o].append(f"< {key(p)} {ss} {_gkey(g)}")
            sig = {b: hashlib.sha256("\n".join(sorted(parts[b])).encode()).hexdigest()
                   for b in bnodes}
        seen: dict[str, int] = defaultdict(int)
        for b in sorted(bnodes, key=lambda b: (sig[b], str(b))):
            n = seen[sig[b]]
            seen[sig[b]] += 1
            rename[b] = BNode(f"b{sig[b][:16]}{'' if n == 0 else f'x{n}'}")

    out: dict[tuple[str, str, str, str], tuple[Node, Node, Node, URIRef | None]] = {}
    for s, p, o, g in quads:
        if rename:
            if isinstance(s, BNode):
                s = rename[s]
            if isinstance(o, BNode):
                o = rename[o]
        k = ("" if g is None else key(g), key(s), key(p), key(o))
        if k not in out:  # equal terms have equal N3 texts, distinct terms distinct ones
            out[k] = (s, p, o, g)
    return [out[k] for k in sorted(out)]


def read_canonical_quads(path: Path) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """A build folder's ``policykg.trig`` or an RDF file as canonical quads; TriG, N-Quads,
    Turtle and N-Triples are parsed by pyoxigraph (:mod:`fastread`)."""
    path = Path(path)
    if path.is_dir():
        path = path / BUILD_FILE
    if fastread.can_read(path) and path.is_file():
        return canonicalize(fastread.read_quads(path))
    return canonical_quads(load_dataset(path))


def _gkey(g: Node | None) -> str:
    return "" if g is None else g.n3()


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, URIRef(ns), override=True, replace=True)




@cache
def load_context() -> dict:
    """The shipped JSON-LD context (``ontology/context.jsonld``) as a dict (the inner object)."""
    text = resources.files("policykg.ontology").joinpath("context.jsonld").read_text("utf-8")
    return json.loads(text)["@context"]




def jsonld_bytes(g: Graph | list[tuple[Node, Node, Node]], *, whole_context: bool = True,
                 indent: int | None = None) -> bytes:
    """Triples as JSON-LD compacted with the shipped context (embedded), deterministic.

    ``whole_context=False`` embeds only the terms the document uses (the site's small files).
    """
    return compact(g, load_context(), whole_context=whole_context, indent=indent)


def _nt_term(o: Node) -> str:
    """A term in N-Triples (plain literals for ``xsd:string``)."""
    if isinstance(o, Literal):
        if o.datatype == XSD.string:
            o = Literal(str(o))
        return escape_turtle_controls(_quoteLiteral(o))  # rdflib leaves \x0c, \x01… raw
    return o.n3()


class Prepared:
    """Work the dumps (and the VoID counts) share for one list of quads: each term's
    N-Triples text (once), the sorted N-Triples lines, the union's triples in that order and
    their terms' texts (``union_text``, aligned with ``union``)."""

    def __init__(self, quads: list[tuple[Node, Node, Node, URIRef | None]]) -> None:
        self.quads = quads
        self.text: dict[Node, str] = {}
        lines: dict[str, tuple[Node, Node, Node, str, str, str]] = {}
        t = self.term
        for s, p, o, _g in quads:
            ts, tp, to = t(s), t(p), t(o)
            line = f"{ts} {tp} {to} .\n"
            if line not in lines:
                lines[line] = (s, p, o, ts, tp, to)
        ordered = sorted(lines)
        self.nt = "".join(ordered)
        rows = [lines[line] for line in ordered]
        self.union = [r[:3] for r in rows]
        self.union_text = [r[3:] for r in rows]

    def term(self, node: Node) -> str:
        hit = self.text.get(node)
        if hit is None:
            hit = self.text[node] = _nt_term(node)
        return hit

    def nq(self) -> str:
        t = self.term
        return "".join(sorted({f"{t(s)} {t(p)} {t(o)}{'' if g is None else ' ' + t(g)} .\n"
                               for s, p, o, g in self.quads}))


_LAST: list[Prepared] = []


def prepared(quads: list[tuple[Node, Node, Node, URIRef | None]]) -> Prepared:
    """The shared work for ``quads`` (the last list seen is kept, so rendering every dump of
    one build does it once)."""
    if not _LAST or _LAST[0].quads is not quads:
        _LAST[:] = [Prepared(quads)]
    return _LAST[0]


def turtle_bytes(graph: Graph) -> bytes:
    """``graph`` as Turtle bytes, raw control characters in literals written as ``\\uXXXX``
    (the one Turtle writer of the site pages and the VoID description)."""
    return escape_turtle_controls(graph.serialize(format="turtle")).encode("utf-8")


def render_dump(quads: list[tuple[Node, Node, Node, URIRef | None]], key: str) -> bytes:
    """One dump (``key`` in :data:`DUMPS`) of the canonical, sorted quads, as bytes."""
    if key not in DUMPS:
        raise ValueError(f"unknown dump format {key!r}; choose one of {', '.join(DUMPS)}")
    prep = prepared(quads)
    if key == "nt":
        return prep.nt.encode("utf-8")
    if key == "nq":
        return prep.nq().encode("utf-8")
    if key == "trig":
        w = TermWriter(PREFIXES)
        by_graph: dict[Node | None, list] = defaultdict(list)
        for s, p, o, g in quads:
            by_graph[g].append((s, p, o))
        parts = []
        for gid in sorted(by_graph, key=_gkey):
            body = blocks(by_graph[gid], w).rstrip("\n")
            if gid is None:
                parts.append(f"\n{body}\n")
            else:
                inner = "\n".join("    " + ln if ln else ln for ln in body.split("\n"))
                parts.append(f"\n{gid.n3()} {{\n{inner}\n}}\n")
        return (w.header() + "".join(parts)).encode("utf-8")
    if key == "ttl":
        return turtle_text(prep.union, PREFIXES).encode("utf-8")
    if key == "rdfxml":
        return rdfxml_bytes(prep.union, PREFIXES)
    return jsonld_bytes(prep.union)


def render_dumps(ds: Dataset, keys: list[str] | None = None) -> dict[str, bytes]:
    """Several dumps at once: ``{key: bytes}`` for ``keys`` (default: all)."""
    quads = canonical_quads(ds)
    return {k: render_dump(quads, k) for k in (keys or list(DUMPS))}


def write_dumps(ds: Dataset, out_dir: Path, keys: list[str] | None = None) -> dict[str, Path]:
    """Write dumps into ``out_dir`` atomically, plus ``context.jsonld``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for key, data in render_dumps(ds, keys).items():
        path = out_dir / DUMPS[key].filename
        atomic_write_bytes(path, data)
        written[key] = path
    if "jsonld" in written:
        ctx = json.dumps({"@context": load_context()}, ensure_ascii=False, indent=2) + "\n"
        atomic_write_bytes(out_dir / "context.jsonld", ctx.encode("utf-8"))
    return written
