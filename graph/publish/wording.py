"""Relations in words, from the point of view of the page they are shown on.

Contract: :func:`forward` phrases an outgoing statement ``page —p→ x`` ("issued by", "repeals"),
:func:`backward` an incoming one ``x —p→ page`` as seen from the page ("repealed by",
"measure of", "offered by"). Forward phrases are the ontology's English labels when it has one;
backward phrases are the label of a declared ``owl:inverseOf`` partner, else the phrase written
here, else "<label> of" (never the forward label, which would read backwards).
"""

from __future__ import annotations

import re

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node, URIRef

from policykg.ontology.namespace import OA, ORG, POL

# Incoming phrases, read from the object's page: "<page> is <phrase> <subject>".
_BACKWARD: dict[URIRef, str] = {
    POL.hasMeasure: "measure of",
    POL.partOf: "has measure",
    POL.repeals: "repealed by",
    POL.repealedBy: "repeals",
    POL.supersedes: "superseded by",
    POL.basedOn: "basis of",
    POL.transmittedFrom: "transmitted by",
    POL.issuedBy: "issued",
    POL.approvedBy: "approved",
    POL.contactAgency: "contact agency of",
    POL.addressedTo: "addressee of",
    POL.jurisdiction: "jurisdiction of",
    POL.source: "source of",
    POL.attestedBy: "attests",
    POL.theme: "theme of",
    POL.responsibleAgency: "responsible for",
    POL.leadAgency: "leads",
    POL.cooperatingAgency: "cooperates on",
    POL.targetsCategory: "targeted by",
    POL.targetsSector: "targeted by",
    POL.providesInstrument: "offered by",
    POL.mentions: "mentioned in",
    POL.instrumentType: "type of",
    POL.period: "period of",
    POL.eligibleCategory: "eligible for",
    POL.recognitionLevel: "recognition level of",
    POL.within: "contains",
    POL.reportsOn: "reported on by",
    POL.hasLink: "link of",
    POL.hasClaim: "claim of",
    POL.aboutMeasure: "claimed about by",
    POL.aboutDocument: "claimed about by",
    POL.verdict: "verdict of",
    POL.namedPerson: "named in",
    POL.evidence: "evidence for",
    POL.fromVocabulary: "vocabulary of",
    POL.areaLevel: "level of",
    OA.hasSource: "source of",
    DCTERMS.source: "source of",
    DCTERMS.references: "cited by",
    DCTERMS.isReferencedBy: "cites",
    SKOS.broader: "narrower",
    SKOS.narrower: "broader",
    SKOS.inScheme: "has member",
    SKOS.hasTopConcept: "top concept of",
    SKOS.topConceptOf: "has top concept",
    SKOS.exactMatch: "exact match of",
    SKOS.closeMatch: "close match of",
    RDFS.subClassOf: "superclass of",
    RDFS.subPropertyOf: "superproperty of",
    RDFS.domain: "domain of",
    RDFS.range: "range of",
    RDFS.isDefinedBy: "defines",
    OWL.equivalentClass: "equivalent class of",
    OWL.sameAs: "same as",
    ORG.subOrganizationOf: "has suborganization",
    RDF.type: "instances",
}


def local_words(p: Node) -> str:
    """The local name of an IRI split into lower-case words (``maxAmount`` → "max amount")."""
    local = re.split(r"[#/]", str(p))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower() or str(p)


def forward(p: Node, labels: dict[Node, str]) -> str:
    """The phrase for ``page —p→ x``: the ontology's English label, else the local name in words."""
    return labels.get(p) or local_words(p)


def backward(p: Node, labels: dict[Node, str], inverses: dict[Node, Node]) -> str:
    """The phrase for ``x —p→ page`` as seen from the page (see module docstring)."""
    inverse = inverses.get(p)
    if inverse is not None and labels.get(inverse):
        return labels[inverse]
    if p in _BACKWARD:
        return _BACKWARD[p]  # type: ignore[index]
    return f"{forward(p, labels)} of"
