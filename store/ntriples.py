"""Deterministic N-Triples / N-Quads bodies of rdflib graphs (sorted lines), for bulk loads into
a store and Graph Store Protocol uploads."""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import Graph
from rdflib.term import Node


def dataset_nquads(ds: Dataset) -> bytes:
    """Sorted N-Quads of a Dataset (deterministic)."""
    lines = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        term = f" {graph.n3()}" if isinstance(graph, URIRef) and graph != _DEFAULT_GRAPH else ""
        lines.add(f"{s.n3()} {p.n3()} {_nt_object(o)}{term} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def _nt_object(o: Node) -> str:
    if isinstance(o, Literal):
        text = str(o)
        esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
        if o.language:
            return f'"{esc}"@{o.language}'
        if o.datatype:
            return f'"{esc}"^^<{o.datatype}>'
        return f'"{esc}"'
    return o.n3()


def graph_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples of one graph (deterministic upload body)."""
    lines = sorted({f"{s.n3()} {p.n3()} {_nt_object(o)} ." for s, p, o in graph})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
