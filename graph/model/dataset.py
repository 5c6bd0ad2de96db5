"""Assemble an rdflib ``Dataset``: the ontology graph, the vocabulary graph, one graph per source.

The default graph is the union of the named graphs (``default_union=True``), so SPARQL over
the dataset sees everything and can follow ``rdfs:subClassOf*`` and ``skos:broader*``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef

from policykg.graph.model.derive import vocabulary_labels
from policykg.graph.model.iri import VOCAB_GRAPH
from policykg.ontology.namespace import ONTOLOGY_IRI


def new_dataset() -> Dataset:
    """An empty in-memory dataset whose default graph is the union of its named graphs."""
    return Dataset(default_union=True)


def ontology_graph() -> Graph:
    """The packaged OWL ontology (empty when the file is not there yet)."""
    g = Graph()
    try:
        from policykg.ontology.gazetteer import ontology_file

        path = ontology_file()
        if path.is_file():
            g.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    except (FileNotFoundError, ModuleNotFoundError):
        pass
    return g


def vocabulary_graph() -> Graph:
    """All packaged SKOS vocabularies plus ``rdfs:label`` copies of their prefLabels."""
    from policykg.ontology.gazetteer import load_vocabularies

    g = Graph()
    vocab = load_vocabularies()
    for t in vocab:
        g.add(t)
    for t in vocabulary_labels(vocab):
        g.add(t)
    return g


def add_graph(ds: Dataset, name: URIRef, triples: Iterable) -> None:
    """Add ``triples`` to the named graph ``name`` of ``ds``."""
    target = ds.graph(name)
    ds.addN((s, p, o, target) for s, p, o in triples)


def replace_source_graph(ds: Dataset, graph_iri: URIRef, new_graph: Graph) -> None:
    """Replace one named graph by ``new_graph``; every other graph stays exactly as it was."""
    ds.remove_graph(ds.graph(graph_iri))
    add_graph(ds, graph_iri, new_graph)


def assemble(source_graphs: Iterable[tuple[URIRef, Graph]], *, ontology: bool = True,
             vocabulary: bool = True) -> Dataset:
    """A dataset with the ontology and vocabulary graphs and the given per-source graphs."""
    ds = new_dataset()
    if ontology:
        add_graph(ds, ONTOLOGY_IRI, ontology_graph())
    if vocabulary:
        add_graph(ds, VOCAB_GRAPH, vocabulary_graph())
    for name, g in source_graphs:
        add_graph(ds, name, g)
    return ds
