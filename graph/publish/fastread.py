"""Read a build's dump (TriG, N-Quads, Turtle, N-Triples) with pyoxigraph's Rust parser into
rdflib terms, several times faster than rdflib's own parsers.

Contract: :func:`read_quads` returns the quads of the file as rdflib terms (graph None for the
default graph), equal to what rdflib's parser gives: plain literals have no datatype, language
tags in their conventional case (``zh-Hans``; pyoxigraph lowercases them), IRIs are
resolved against the file's ``@base`` or the file's own ``file:`` IRI. Formats that can refer to
other files or the network (RDF/XML, JSON-LD) and compressed files are not read here:
:func:`can_read` says which paths this module takes; others go through the safe reader.
Raises ``SyntaxError`` (pyoxigraph's) for a file that does not parse.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from policykg.store.base import canonical_language

_FORMATS = {".trig": "TRIG", ".nq": "N_QUADS", ".nt": "N_TRIPLES", ".ttl": "TURTLE"}
_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def can_read(path: Path) -> bool:
    """True for an uncompressed .trig, .nq, .nt or .ttl file."""
    return Path(path).suffix.lower() in _FORMATS


def read_quads(path: Path) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """The quads of ``path`` as rdflib terms (see module docstring)."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = getattr(ox.RdfFormat, _FORMATS[path.suffix.lower()])
    iris: dict[str, Node] = {}
    literals: dict[tuple[str, str | None, str], Literal] = {}
    bnodes: dict[str, Node] = {}

    def term(t: object) -> Node:
        if isinstance(t, ox.NamedNode | ox.BlankNode):
            table, make = (iris, URIRef) if isinstance(t, ox.NamedNode) else (bnodes, BNode)
            hit = table.get(t.value)
            if hit is None:
                hit = table[t.value] = make(t.value)
            return hit
        assert isinstance(t, ox.Literal)
        key = (t.value, t.language, t.datatype.value)
        lit = literals.get(key)
        if lit is None:
            if t.language:
                lit = Literal(t.value, lang=canonical_language(t.language))
            elif key[2] in (_XSD_STRING, _LANG_STRING):
                lit = Literal(t.value)
            else:
                lit = Literal(t.value, datatype=term(t.datatype))
            literals[key] = lit
        return lit

    out: list[tuple[Node, Node, Node, URIRef | None]] = []
    for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
        g = q.graph_name
        gid = None if isinstance(g, ox.DefaultGraph) else term(g)
        out.append((term(q.subject), term(q.predicate), term(q.object), gid))  # type: ignore[arg-type]
    return out
