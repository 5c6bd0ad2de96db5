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
    terms: dict[object, Node] = {}  # pyoxigraph term (hashed in Rust) -> rdflib term

    def make(t: object) -> Node:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        assert isinstance(t, ox.Literal)
        if t.language:
            return Literal(t.value, lang=canonical_language(t.language))
        datatype = t.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(t.value)
        return Literal(t.value, datatype=term(t.datatype))

    def term(t: object) -> Node:
        hit = terms.get(t)
        if hit is None:
            hit = terms[t] = make(t)
        return hit

    default = ox.DefaultGraph()
    out: list[tuple[Node, Node, Node, URIRef | None]] = []
    for s, p, o, g in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
        out.append((term(s), term(p), term(o),
                    None if g == default else term(g)))  # type: ignore[arg-type]
    return out
