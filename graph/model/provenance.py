"""A source file's provenance as statements on its ``pol:SourceFile`` node, from the sidecar
the loader read (:mod:`policykg.loaders.provenance`):

- ``prov:wasDerivedFrom`` <the URL it was retrieved from>;
- ``pav:retrievedOn`` the retrieval time (``xsd:dateTime`` in UTC; ``xsd:date`` when only the
  day is known — PAV's own term for "when this copy was fetched", which PROV lacks);
- ``dct:publisher`` the publisher's name (a literal, as a report's publisher is);
- ``dct:license`` <IRI> of the source's licence, or ``dct:rights`` a statement in words.

The quotations (``oa:exact``) taken from the file point to this node by ``oa:hasSource``, so
each quotation carries its source's licence; the dataset's own licence covers the extracted
facts only (see :mod:`policykg.graph.publish.void`).
"""

from __future__ import annotations

import datetime as dt

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg.loaders.provenance import Provenance
from policykg.ontology.namespace import PAV, PROV


def add_provenance(g: Graph, node: URIRef, prov: Provenance) -> None:
    """Add the statements above for ``prov`` to the source-file ``node``."""
    if prov.source_url:
        g.add((node, PROV.wasDerivedFrom, URIRef(prov.source_url)))
    when = prov.retrieved
    if isinstance(when, dt.datetime):
        text = when.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
        g.add((node, PAV.retrievedOn, Literal(text, datatype=XSD.dateTime)))
    elif isinstance(when, dt.date):
        g.add((node, PAV.retrievedOn, Literal(when.isoformat(), datatype=XSD.date)))
    if prov.publisher:
        g.add((node, DCTERMS.publisher, Literal(prov.publisher)))
    if prov.license:
        if prov.license_is_iri:
            g.add((node, DCTERMS.license, URIRef(prov.license)))
        else:
            g.add((node, DCTERMS.rights, Literal(prov.license)))
