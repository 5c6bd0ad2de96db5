"""Names shared by the validator and the plain-text report (so neither imports the other):
short names (CURIEs) of the IRIs a report shows and back (``pol:Measure`` ⇄ IRI), and the order
of severities."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from policykg.ontology.namespace import OA, POL

POLSH = Namespace("https://w3id.org/policykg/shapes#")
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}

PREFIXES = {
    str(POL): "pol:",
    str(POLSH): "polsh:",
    str(SH): "sh:",
    str(RDFS): "rdfs:",
    str(RDF): "rdf:",
    str(SKOS): "skos:",
    str(OA): "oa:",
    str(XSD): "xsd:",
    "http://purl.org/dc/terms/": "dct:",
    "https://w3id.org/policykg/id/": "id:",
}


def curie(node: Node | None) -> str:
    """The CURIE of ``node`` when a known prefix covers it, else its full text (\"\" for None)."""
    if node is None:
        return ""
    text = str(node)
    for ns, prefix in sorted(PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def expand(curie: str) -> URIRef:
    """The IRI a CURIE of :data:`PREFIXES` stands for (anything else as an IRI)."""
    for ns, prefix in PREFIXES.items():
        if curie.startswith(prefix):
            return URIRef(ns + curie[len(prefix):])
    return URIRef(curie)
