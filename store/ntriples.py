"""N-Triples spelling of RDF terms, and deterministic N-Triples / N-Quads bodies of rdflib graphs.

:func:`nt_term` is the one writer of a term in N-Triples: canonical string escapes (``\\t``,
``\\n``, ``\\r``, ``\\"``, ``\\\\``, other control characters as ``\\uXXXX``), IRIs with the
characters N-Triples forbids escaped, ``xsd:string`` left implicit. The sorted dumps of a build
(``graph/build/dump.py``) and the bodies here for bulk loads into a store and Graph Store
Protocol uploads all use it, so every file says a string the same way.
"""

from __future__ import annotations

import re

from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.graph import Graph
from rdflib.term import Node

_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _STRING_ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def escape_string(text: str) -> str:
    """A literal's lexical form with N-Triples/Turtle string escapes (canonical N-Triples)."""
    return _NEEDS_ESCAPE.sub(_escape_char, text)


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_turtle_controls(text: str) -> str:
    """A serialized Turtle or TriG document with every raw control character but tab, line feed
    and carriage return written as ``\\uXXXX`` (rdflib's Turtle writer leaves them raw inside
    literals, the only place Turtle allows them, and where the escape means the same)."""
    return _RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text)


def nt_iri(text: str) -> str:
    """An IRI in angle brackets, characters N-Triples forbids there written as ``\\uXXXX``."""
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text) + ">"


def nt_term(term: Node, bnodes: dict[BNode, str] | None = None) -> str:
    """One term in N-Triples syntax (UTF-8, canonical escapes); blank nodes labelled by ``bnodes``."""
    if isinstance(term, URIRef):
        return nt_iri(str(term))
    if isinstance(term, BNode):
        return "_:" + (bnodes or {}).get(term, "b" + str(term))
    if isinstance(term, Literal):
        body = '"' + escape_string(str(term)) + '"'
        if term.language:
            return body + "@" + term.language
        if term.datatype and term.datatype != XSD.string:
            return body + "^^" + nt_iri(str(term.datatype))
        return body
    raise TypeError(f"not an RDF term: {term!r}")


def dataset_nquads(ds: Dataset) -> bytes:
    """Sorted N-Quads of a Dataset (deterministic)."""
    lines = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        term = f" {nt_term(graph)}" if isinstance(graph, URIRef) and graph != _DEFAULT_GRAPH else ""
        lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{term} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


def graph_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples of one graph (deterministic upload body)."""
    lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
