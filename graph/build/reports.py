"""Reports converted in the parent against the officials already in the store: a projection of
the official graphs (documents, titles, places, dates, measures) plus the detail of each linked
document, so the whole corpus is never held as rdflib objects."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, Graph, URIRef

from policykg.graph.build.render import Pieces, render
from policykg.graph.build.serial import (
    SourceReport,
    _sentence,
)
from policykg.loaders.records import LoadResult
from policykg.ontology.namespace import POL
from policykg.store.base import term_from_oxigraph

# ------------------------------------------------------------------ reports against the store


REPORT_PREDICATES = (POL.source, POL.attestedBy, POL.title, POL.noticeTitle, POL.jurisdiction,
                     POL.dateIssued, POL.documentNumber, POL.hasMeasure, POL.theme,
                     POL.targetsSector)


def _select(store, query: str) -> Iterator[tuple]:
    for row in store.query(query, use_default_graph_as_union=True):
        yield tuple(term_from_oxigraph(v) for v in row)


def report_context(store) -> Graph:
    """What report linking reads of the official graphs: documents, titles, places, dates,
    numbers, measures and their subjects (a projection of the union)."""
    g = Graph()
    values = " ".join(f"<{p}>" for p in REPORT_PREDICATES)
    q = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"
    g.addN((s, p, o, g) for s, p, o in _select(store, q))
    q = f"SELECT ?s WHERE {{ ?s a <{POL.PolicyDocument}> }}"
    g.addN((s, RDF.type, POL.PolicyDocument, g) for (s,) in _select(store, q))
    return g


def add_document_detail(g: Graph, store, doc: URIRef) -> None:
    """Add everything the fact-checker reads of one document: it, its measures, instruments and
    their evidence nodes (all their triples, from the union)."""
    d = f"<{doc}>"
    m, i, e = f"<{POL.hasMeasure}>", f"<{POL.providesInstrument}>", f"<{POL.evidence}>"
    q = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ BIND({d} AS ?s) }} UNION {{ {d} {m} ?s }} UNION "
         f"{{ {d} {m}/{i} ?s }} UNION {{ {d} {e} ?s }} UNION {{ {d} {m}/{e} ?s }} UNION "
         f"{{ {d} {m}/{i}/{e} ?s }} ?s ?p ?o }}")
    g.addN((s, p, o, g) for s, p, o in _select(store, q))


def convert_report(rep: SourceReport, res: LoadResult, context: Graph, store,
                   taken: set[str]) -> Pieces | None:
    """Convert one report as the serial build does, against ``context`` (updated in place)."""
    from policykg.graph.claims.factcheck import documents_in
    from policykg.graph.claims.link import link_report
    from policykg.graph.claims.report import report_to_graph

    rep.kind = "report"
    try:
        from policykg.ontology.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        known = set(documents_in(context))
        for link in link_report(res.record, context, gaz):
            if link.doc in known:
                add_document_detail(context, store, link.doc)
        name, g = report_to_graph(res.record, context)
    except Exception as err:  # noqa: BLE001
        rep.status, rep.stage, rep.error = "failed", "convert", _sentence(err)
        return None
    if str(name) in taken:
        rep.status, rep.stage = "failed", "assemble"
        rep.error = f"its graph {name} is already taken by another source"
        return None
    taken.add(str(name))
    context.addN((s, p, o, context) for s, p, o in g)
    rep.graph = str(name)
    rep.counts = {"triples": len(g), "claims": len(set(g.subjects(RDF.type, POL.Claim)))}
    return render(name, g.triples((None, None, None)))
