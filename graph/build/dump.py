"""Deterministic writers: sorted N-Triples, readable Turtle and TriG, byte-identical across runs.

rdflib's serializers do not promise a stable order, so these writers sort everything
themselves: N-Triples lines sorted and de-duplicated; Turtle/TriG subjects sorted, ``rdf:type``
then ``rdfs:label`` first, then predicates and objects sorted. Instance IRIs are written
relative to ``@base <https://w3id.org/policykg/id/>``. Blank nodes (only from the ontology or
vocabulary files; the graph builder never makes them) get labels from a hash of their
surroundings, so they too are stable.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, SH, SKOS
from rdflib.term import Node

from policykg.ontology.namespace import ELI, ID, OA, ORG, POL, PROV, SCHEMA, TIME, VANN, WD
from policykg.store.ntriples import escape_string as _escape_string
from policykg.store.ntriples import nt_iri as _iri
from policykg.store.ntriples import nt_term
from policykg.store.paths import atomic_write_bytes

Triple = tuple[Node, Node, Node]

PREFIXES: tuple[tuple[str, str], ...] = tuple(sorted({
    "dcat": str(DCAT), "dct": str(DCTERMS), "eli": str(ELI), "foaf": str(FOAF),
    "oa": str(OA), "org": str(ORG), "owl": str(OWL), "pol": str(POL._NS),
    "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS), "schema": str(SCHEMA),
    "sh": str(SH), "skos": str(SKOS), "time": str(TIME), "vann": str(VANN),
    "wd": str(WD), "xsd": str(XSD),
}.items()))
BASE = str(ID)
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
_RELATIVE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_~/-]*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_FIRST_PREDICATES = (RDF.type, RDFS.label)


# ------------------------------------------------------------------ terms
# One term in N-Triples is spelled by ``policykg.store.ntriples.nt_term`` (re-exported here).


class TurtleTerms:
    """Turtle spelling of terms: ``a``, prefixed names, base-relative IRIs, bare numbers."""

    def __init__(self, bnodes: dict[BNode, str]) -> None:
        self.bnodes = bnodes
        self.used: set[str] = set()
        self._cache: dict[tuple[Node, bool], str] = {}

    def __call__(self, term: Node, predicate: bool = False) -> str:
        key = (term, predicate)
        text = self._cache.get(key)
        if text is None:
            text = self._cache[key] = self._spell(term, predicate)
        return text

    def _spell(self, term: Node, predicate: bool) -> str:
        if isinstance(term, URIRef):
            text = str(term)
            if predicate and term == RDF.type:
                return "a"
            if text.startswith(BASE) and _RELATIVE.match(text[len(BASE):]):
                return "<" + text[len(BASE):] + ">"
            for prefix, ns in PREFIXES:
                if text.startswith(ns) and _LOCAL.match(text[len(ns):]):
                    self.used.add(prefix)
                    return f"{prefix}:{text[len(ns):]}"
            return _iri(text)
        if isinstance(term, Literal):
            lex = str(term)
            dt = term.datatype
            if dt == XSD.integer and _INTEGER.match(lex):
                return lex
            if dt == XSD.decimal and _DECIMAL.match(lex):
                return lex
            if dt == XSD.boolean and lex in ("true", "false"):
                return lex
            body = '"' + _escape_string(lex) + '"'
            if term.language:
                return body + "@" + term.language
            if dt and dt != XSD.string:
                return body + "^^" + self(dt)
            return body
        return nt_term(term, self.bnodes)


# ------------------------------------------------------------------ blank nodes


def bnode_labels(triples: Iterable[Triple]) -> dict[BNode, str]:
    """Stable labels for blank nodes: refined hashes of their neighbourhoods (Weisfeiler–Lehman)."""
    triples = list(triples)
    nodes = {t for s, _, o in triples for t in (s, o) if isinstance(t, BNode)}
    if not nodes:
        return {}
    out_edges: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    in_edges: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in triples:
        if isinstance(s, BNode):
            out_edges[s].append((p, o))
        if isinstance(o, BNode):
            in_edges[o].append((s, p))

    def show(term: Node, labels: dict[BNode, str]) -> str:
        return "_:" + labels[term] if isinstance(term, BNode) else nt_term(term)

    labels = {b: "" for b in nodes}
    classes = 0
    for _ in range(len(nodes) + 1):
        new = {}
        for b in nodes:
            outs = sorted(f"{show(p, labels)} {show(o, labels)}" for p, o in out_edges[b])
            ins = sorted(f"{show(s, labels)} {show(p, labels)}" for s, p in in_edges[b])
            blob = labels[b] + "|" + "\n".join(outs) + "||" + "\n".join(ins)
            new[b] = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]
        labels = new
        distinct = len(set(labels.values()))
        if distinct == classes:
            break
        classes = distinct
    # automorphic twins keep identical hashes: number them so they stay distinct nodes
    final: dict[BNode, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for b in sorted(nodes, key=lambda n: (labels[n], str(n))):
        h = labels[b]
        final[b] = f"b{h}" + (f"x{seen[h]}" if seen[h] else "")
        seen[h] += 1
    return final


# ------------------------------------------------------------------ datasets


def graphs_of(ds: Dataset) -> dict[URIRef | None, set[Triple]]:
    """Non-empty graphs of a dataset by name (None = the default graph)."""
    out: dict[URIRef | None, set[Triple]] = {}
    for g in ds.graphs():
        name = g.identifier
        triples = set(g.triples((None, None, None)))
        if not triples:
            continue
        key = None if name == DATASET_DEFAULT_GRAPH_ID else name
        out.setdefault(key, set()).update(triples)
    return out


def union(ds: Dataset) -> set[Triple]:
    """All triples of all graphs, each once."""
    out: set[Triple] = set()
    for triples in graphs_of(ds).values():
        out |= triples
    return out


def ntriples_text(triples: Iterable[Triple]) -> str:
    """Sorted, de-duplicated N-Triples of ``triples``."""
    triples = set(triples)
    bnodes = bnode_labels(triples)
    cache: dict[Node, str] = {}

    def spell(term: Node) -> str:
        text = cache.get(term)
        if text is None:
            text = cache[term] = nt_term(term, bnodes)
        return text

    lines = {f"{spell(s)} {spell(p)} {spell(o)} .\n" for s, p, o in triples}
    return "".join(sorted(lines))


def _subject_blocks(triples: set[Triple], term: TurtleTerms, indent: str) -> list[str]:
    by_subject: dict[Node, dict[Node, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(term(o))
    blocks = []
    for s in sorted(by_subject, key=lambda n: (isinstance(n, BNode), str(n))):
        preds = by_subject[s]

        def pkey(p: Node) -> tuple[int, str]:
            rank = _FIRST_PREDICATES.index(p) if p in _FIRST_PREDICATES else len(_FIRST_PREDICATES)
            return rank, term(p, predicate=True)

        parts = []
        for p in sorted(preds, key=pkey):
            objs = sorted(set(preds[p]))
            joined = (",\n" + indent + "        ").join(objs)
            parts.append(f"{term(p, predicate=True)} {joined}")
        body = (" ;\n" + indent + "    ").join(parts)
        blocks.append(f"{indent}{term(s)} {body} .\n")
    return blocks


def _header(term: TurtleTerms) -> str:
    lines = [f"@base <{BASE}> .\n"]
    lines += [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES if p in term.used]
    return "".join(lines) + "\n"


def turtle_text(triples: Iterable[Triple]) -> str:
    """Readable, deterministic Turtle of ``triples``."""
    triples = set(triples)
    term = TurtleTerms(bnode_labels(triples))
    body = "\n".join(_subject_blocks(triples, term, ""))
    return _header(term) + body


def trig_text(ds: Dataset) -> str:
    """Deterministic TriG: one block per named graph, graphs sorted by name."""
    graphs = graphs_of(ds)
    term = TurtleTerms(bnode_labels(t for ts in graphs.values() for t in ts))
    chunks = []
    for name in sorted(graphs, key=lambda n: "" if n is None else str(n)):
        blocks = "\n".join(_subject_blocks(graphs[name], term, "    "))
        head = "{" if name is None else f"{term(name)} {{"
        chunks.append(f"{head}\n{blocks}}}\n")
    return _header(term) + "\n".join(chunks)


# ------------------------------------------------------------------ files


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename."""
    atomic_write_bytes(Path(path), text.encode("utf-8"))


def write_all(ds: Dataset, folder: Path) -> dict[str, Path]:
    """Write ``policykg.nt``, ``policykg.ttl`` and ``policykg.trig`` of ``ds`` into ``folder``."""
    folder = Path(folder)
    everything = union(ds)
    paths = {
        "nt": folder / "policykg.nt",
        "ttl": folder / "policykg.ttl",
        "trig": folder / "policykg.trig",
    }
    write_atomic(paths["nt"], ntriples_text(everything))
    write_atomic(paths["ttl"], turtle_text(everything))
    write_atomic(paths["trig"], trig_text(ds))
    return paths
