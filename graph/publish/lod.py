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

from lxml import etree
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from policykg.ontology.namespace import ELI, ID, OA, ORG, POL, PROV, SCHEMA
from policykg.store.ntriples import escape_turtle_controls
from policykg.store.paths import atomic_write_bytes
from policykg.store.xmlsafe import xml_safe

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


def _key(t: Node) -> str:
    return t.n3()


def canonical_quads(ds: Dataset) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """All quads of ``ds`` (graph None = the default graph) with deterministic blank-node labels, sorted."""
    quads = []
    for s, p, o, c in ds.quads((None, None, None, None)):
        gid = c.identifier if isinstance(c, Graph) else c
        quads.append((s, p, o, None if gid in (None, DATASET_DEFAULT_GRAPH_ID) else gid))
    bnodes = {t for q in quads for t in (q[0], q[2]) if isinstance(t, BNode)}
    rename: dict[BNode, BNode] = {}
    if bnodes:
        sig = {b: "" for b in bnodes}
        for _round in range(4):
            parts: dict[BNode, list[str]] = defaultdict(list)
            for s, p, o, g in quads:
                if isinstance(s, BNode):
                    oo = "_:" + sig[o] if isinstance(o, BNode) else o.n3()
                    parts[s].append(f"> {p.n3()} {oo} {_gkey(g)}")
                if isinstance(o, BNode):
                    ss = "_:" + sig[s] if isinstance(s, BNode) else s.n3()
                    parts[o].append(f"< {p.n3()} {ss} {_gkey(g)}")
            sig = {b: hashlib.sha256("\n".join(sorted(parts[b])).encode()).hexdigest()
                   for b in bnodes}
        seen: dict[str, int] = defaultdict(int)
        for b in sorted(bnodes, key=lambda b: (sig[b], str(b))):
            n = seen[sig[b]]
            seen[sig[b]] += 1
            rename[b] = BNode(f"b{sig[b][:16]}{'' if n == 0 else f'x{n}'}")

    def fix(t: Node) -> Node:
        return rename.get(t, t) if isinstance(t, BNode) else t

    out = {(fix(s), p, fix(o), g) for s, p, o, g in quads}
    return sorted(out, key=lambda q: (_gkey(q[3]), _key(q[0]), _key(q[1]), _key(q[2])))


def _gkey(g: Node | None) -> str:
    return "" if g is None else g.n3()


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, URIRef(ns), override=True, replace=True)


def union_graph(quads: list[tuple[Node, Node, Node, URIRef | None]]) -> Graph:
    """The union of the named graphs as one Graph, filled in sorted order."""
    g = Graph()
    _bind(g)
    for s, p, o in sorted({(s, p, o) for s, p, o, _ in quads},
                          key=lambda t: (_key(t[0]), _key(t[1]), _key(t[2]))):
        g.add((s, p, o))
    return g


@cache
def load_context() -> dict:
    """The shipped JSON-LD context (``ontology/context.jsonld``) as a dict (the inner object)."""
    text = resources.files("policykg.ontology").joinpath("context.jsonld").read_text("utf-8")
    return json.loads(text)["@context"]


def _sort_json(value: object, in_list: bool = False) -> object:
    if isinstance(value, dict):
        return {k: (_sort_json(v, in_list=(k == "@list")) if k != "@context" else v)
                for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if in_list:
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def jsonld_bytes(g: Graph) -> bytes:
    """``g`` as JSON-LD compacted with the shipped context (embedded), deterministic."""
    ctx = load_context()
    text = g.serialize(format="json-ld", context=ctx, auto_compact=True)
    doc = json.loads(text)
    doc["@context"] = ctx
    if "@graph" in doc and isinstance(doc["@graph"], list):
        doc["@graph"] = sorted((_sort_json(n) for n in doc["@graph"]),
                               key=lambda n: (str(n.get("id", "")), json.dumps(n, sort_keys=True)))
    elif "@graph" not in doc:
        body = {k: v for k, v in doc.items() if k != "@context"}
        doc = {"@context": ctx, "@graph": [_sort_json(body)] if body else []}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _nt_line(s: Node, p: Node, o: Node, g: Node | None = None) -> str:
    """One N-Triples (or, with ``g``, N-Quads) line."""
    parts = [s.n3(), p.n3(), _nt_term(o)]
    if g is not None:
        parts.append(g.n3())
    return " ".join(parts) + " .\n"


def _nt_term(o: Node) -> str:
    if isinstance(o, Literal):
        if o.datatype == XSD.string:
            o = Literal(str(o))
        return escape_turtle_controls(_quoteLiteral(o))  # rdflib leaves \x0c, \x01… raw
    return o.n3()


def _sorted_rdfxml(data: bytes) -> bytes:
    """rdflib's RDF/XML with descriptions and their properties in a stable order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)

    def key(el: etree._Element) -> tuple[str, str, str]:
        attrs = "|".join(f"{k}={v}" for k, v in sorted(el.attrib.items()))
        return (str(el.tag), attrs, el.text or "")

    for desc in root:
        children = sorted(desc, key=key)
        for child in list(desc):
            desc.remove(child)
        desc.extend(children)
    descs = sorted(root, key=lambda d: (key(d)[1], etree.tostring(d)))
    for d in list(root):
        root.remove(d)
    root.extend(descs)
    for el in root.iter():
        if len(el):
            el.text = "\n" + "  " * (len(list(el.iterancestors())) + 1)
            for c in el:
                c.tail = "\n" + "  " * (len(list(el.iterancestors())) + 1)
            el[-1].tail = "\n" + "  " * len(list(el.iterancestors()))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8") + b"\n"


def turtle_bytes(graph: Graph) -> bytes:
    """``graph`` as Turtle bytes, raw control characters in literals written as ``\\uXXXX``
    (the one Turtle writer of the site pages and the VoID description)."""
    return escape_turtle_controls(graph.serialize(format="turtle")).encode("utf-8")


def render_dump(quads: list[tuple[Node, Node, Node, URIRef | None]], key: str) -> bytes:
    """One dump (``key`` in :data:`DUMPS`) of the canonical, sorted quads, as bytes."""
    if key == "nt":
        lines = sorted({_nt_line(s, p, o) for s, p, o, _ in quads})
        return "".join(lines).encode("utf-8")
    if key == "nq":
        return "".join(sorted({_nt_line(s, p, o, g) for s, p, o, g in quads})).encode("utf-8")
    if key == "trig":
        prefixes = {f"@prefix {p}: <{ns}> .": None for p, ns in PREFIXES.items()}
        blocks = []
        by_graph: dict[Node | None, list] = defaultdict(list)
        for s, p, o, g in quads:
            by_graph[g].append((s, p, o))
        for gid in sorted(by_graph, key=_gkey):
            g = Graph()
            _bind(g)
            for t in by_graph[gid]:
                g.add(t)
            text = escape_turtle_controls(g.serialize(format="turtle"))
            lines = text.split("\n")  # not splitlines(): \x1c-\x1e, \x85, \u2028 sit in literals
            for line in lines:
                if line.startswith("@prefix"):
                    prefixes.setdefault(line.strip(), None)
            body = "\n".join(ln for ln in lines if not ln.startswith("@prefix")).strip("\n")
            if gid is None:
                blocks.append(f"\n{body}\n")
            else:
                blocks.append(f"\n{gid.n3()} {{\n{body}\n}}\n")
        head = "".join(f"{line}\n" for line in sorted(prefixes))
        return (head + "".join(blocks)).encode("utf-8")
    union = union_graph(quads)
    if key == "ttl":
        return turtle_bytes(union)
    if key == "rdfxml":
        return _sorted_rdfxml(xml_safe(union.serialize(format="xml")).encode("utf-8"))
    if key == "jsonld":
        return jsonld_bytes(union)
    raise ValueError(f"unknown dump format {key!r}; choose one of {', '.join(DUMPS)}")


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
