"""The diffusion network of similar measures, for Gephi's timeline and networkx.

Contract: :func:`diffusion_view` turns the quads of a build into a directed multigraph whose
nodes are the documents with measures linked as similar (``pol:MeasureLink``) and whose edges run
from the document issued first (``pol:leader``'s) to the later one (``pol:follower``'s), one edge
per pair of documents. Every node has ``start`` = its date issued (ISO date; GEXF then writes a
dynamic graph with ``timeformat="date"``), ``label`` (document number), ``level`` (the widest
``pol:areaLevel`` of its jurisdictions) and ``jurisdiction`` (zh-Hans area names); every edge has
``start`` = the follower's date issued, ``links`` (pairs of measures), ``lagDays``, ``weight``
(= links) and ``pairs`` ("4→3; …"). Links whose documents share a date have no direction and
are left out. Nodes and edges are added in sorted order, so the files are byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import Literal
from rdflib.namespace import RDFS
from rdflib.term import Node

from policykg.ontology.namespace import POL

LEVELS = ("country", "region", "province", "city", "district", "zone")


def _index(quads: Iterable[tuple]) -> dict:
    wanted = {POL.leader, POL.follower, POL.lagDays, POL.partOf, POL.ordinal, POL.dateIssued,
              POL.documentNumber, POL.jurisdiction, POL.areaLevel, RDFS.label}
    facts: dict = defaultdict(set)
    for s, p, o, *_ in quads:
        if p in wanted:
            facts[(s, p)].add(o)
    return facts


def _one(facts: dict, s: Node, p: Node) -> Node | None:
    values = sorted(facts.get((s, p), ()), key=str)
    return values[0] if values else None


def _document(facts: dict, doc: Node) -> dict[str, object]:
    areas = sorted(facts.get((doc, POL.jurisdiction), ()), key=str)
    levels = {str(lv) for a in areas for lv in facts.get((a, POL.areaLevel), ())}
    names = sorted({str(n) for a in areas for n in facts.get((a, RDFS.label), ())
                    if isinstance(n, Literal) and n.language == "zh-Hans"})
    number = _one(facts, doc, POL.documentNumber)
    issued = _one(facts, doc, POL.dateIssued)
    attrs: dict[str, object] = {"label": str(number) if number is not None else str(doc),
                                "level": next((lv for lv in LEVELS if lv in levels), ""),
                                "jurisdiction": "; ".join(names)}
    if issued is not None:
        attrs["start"] = str(issued)[:10]
    return attrs


def diffusion_view(quads: Iterable[tuple]) -> nx.MultiDiGraph:
    """The document-level diffusion network of a build's quads (see the module doc)."""
    facts = _index(quads)
    edges: dict[tuple[Node, Node], list[tuple[int, str]]] = defaultdict(list)
    for (link, p), leaders in sorted(facts.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        if p != POL.leader:
            continue
        lm, fm = sorted(leaders, key=str)[0], _one(facts, link, POL.follower)
        ld, fd = _one(facts, lm, POL.partOf), _one(facts, fm, POL.partOf) if fm is not None else None
        lag = _one(facts, link, POL.lagDays)
        if ld is None or fd is None or lag is None:
            continue
        edges[(ld, fd)].append((int(lag), f"{_one(facts, lm, POL.ordinal)}→{_one(facts, fm, POL.ordinal)}"))
    g = nx.MultiDiGraph(name="policykg diffusion")
    for doc in sorted({d for pair in edges for d in pair}, key=str):
        g.add_node(str(doc), **_document(facts, doc))
    for (ld, fd), found in sorted(edges.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        attrs: dict[str, object] = {"label": "similar measures", "property": "pol:similarTo",
                                    "links": len(found), "weight": float(len(found)),
                                    "lagDays": found[0][0],
                                    "pairs": "; ".join(sorted({p for _, p in found}))}
        if "start" in g.nodes[str(fd)]:
            attrs["start"] = g.nodes[str(fd)]["start"]
        g.add_edge(str(ld), str(fd), key="pol:similarTo", **attrs)
    return g
