"""``policykg push``: upload a graph to a SPARQL endpoint, one named graph per source (GSP PUT)."""

from __future__ import annotations

import argparse
import sys

from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from policykg.errors import EXIT_FAILURE, EXIT_USAGE, UserError
from policykg.queries.counts import count_store, render
from policykg.store.base import QueryError, RDFInputError
from policykg.store.endpoint import (
    EndpointStore,
    EndpointUnusable,
    graph_store_url,
    gsp_put,
    redact_url,
)
from policykg.store.ntriples import graph_ntriples
from policykg.store.rdfinput import load_dataset

DESCRIPTION = """Upload a graph dump to a SPARQL endpoint with the SPARQL 1.1 Graph Store Protocol.

Each named graph of GRAPH (one per source, plus the ontology and the vocabularies) is sent with
an HTTP PUT, which replaces that graph at the endpoint: pushing again after a rebuild updates
only what changed and never duplicates. The Graph Store URL is --gsp-url, else the endpoint URL
with a trailing /query or /sparql replaced by /store (Oxigraph's layout). Credentials come from
POLICYKG_ENDPOINT_USER and POLICYKG_ENDPOINT_PASSWORD and are never printed. Query the result
with a union default graph (Oxigraph: serve --union-default-graph).

After the upload it prints how many graphs and quads (triples counted once per named graph) it
sent, then the totals the endpoint now holds — documents, measures, offers, agencies, reports,
claims, triples, graphs, quads — with the same words and definitions as `policykg build` and
`policykg stats` (the endpoint may hold more than this push if other graphs were there before).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", metavar="GRAPH", help="an RDF dump (.trig or .nq keep the named graphs)")
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the SPARQL endpoint URL")
    parser.add_argument("--gsp-url", metavar="URL", help="the Graph Store Protocol URL, if not derivable")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    """Entry point of ``policykg push``."""
    if not args.endpoint.startswith(("http://", "https://")):
        raise UserError(f"--endpoint {redact_url(args.endpoint)}: use an http(s):// URL.")
    store_url = args.gsp_url or graph_store_url(args.endpoint)
    try:
        dataset = load_dataset(args.graph)
    except RDFInputError as err:
        raise UserError(str(err)) from err
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    pushed = quads = 0
    for graph in graphs:
        name = graph.identifier
        target = None if name == DATASET_DEFAULT_GRAPH_ID else URIRef(str(name))
        try:
            gsp_put(store_url, target, graph_ntriples(graph))
        except EndpointUnusable as err:
            raise UserError(str(err), EXIT_USAGE) from err
        except QueryError as err:
            raise UserError(str(err), EXIT_FAILURE) from err
        pushed += 1
        quads += len(graph)
    if not args.quiet:
        print(f"pushed {pushed} graphs ({quads} quads) to {redact_url(store_url)}",
              file=sys.stderr)
        print(held_at(args.endpoint), file=sys.stderr)
    return 0


def held_at(endpoint: str) -> str:
    """The totals the endpoint holds now, or one sentence saying why they cannot be read."""
    try:
        counts = count_store(EndpointStore(endpoint), timeout=60)
    except QueryError as err:
        return f"the endpoint could not be counted ({err})"
    return "\n".join(["the endpoint now holds:", *render(counts)])
