"""Similarity links in the parallel build: read the profile predicates out of the store (a
projection of the union, never the whole corpus as rdflib objects), link the measures with
:func:`policykg.graph.compare.links.link_measures` and render the link graph for the emitter."""

from __future__ import annotations

from rdflib import Graph

from policykg.graph.build.render import Pieces, render
from policykg.graph.build.reports import _select
from policykg.graph.build.serial import BuildResult, link_similar
from policykg.graph.compare.links import LINKS_GRAPH
from policykg.graph.compare.profile import PROFILE_PREDICATES


def profile_projection(store) -> Graph:
    """The triples of the store's union that measure profiles read."""
    g = Graph()
    values = " ".join(f"<{p}>" for p in PROFILE_PREDICATES)
    g.addN((s, p, o, g) for s, p, o in
           _select(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"))
    return g


def similarity_pieces(store, result: BuildResult, threshold: float | None) -> Pieces | None:
    """The rendered link graph (None when linking is off); statistics recorded on ``result``."""
    links = link_similar(profile_projection(store), result, threshold)
    if links is None:
        return None
    return render(LINKS_GRAPH, links)
