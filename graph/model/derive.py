"""Derived facts added to a source's graph: inverses, validity, measure themes, labels.

Every derivation stays inside the graph of the source it derives from, so replacing one
source's named graph also replaces what was derived from it. Traditional-script labels are
made from simplified ones with OpenCC ``s2t``.
"""

from __future__ import annotations

from functools import cache

import opencc
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from policykg.ontology.namespace import POL

_INVERSES = ((POL.hasMeasure, POL.partOf), (POL.repeals, POL.repealedBy))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Traditional-script form of a simplified text (OpenCC s2t)."""
    return _s2t().convert(text)


def add_labels(g: Graph, node: URIRef, simplified: str, en: str | None = None,
               prop: URIRef = RDFS.label) -> None:
    """Add ``prop`` in zh-Hans and zh-Hant (and en when given) to ``node``."""
    simplified = " ".join(simplified.split())
    if simplified:
        g.add((node, prop, Literal(simplified, lang="zh-Hans")))
        g.add((node, prop, Literal(to_traditional(simplified), lang="zh-Hant")))
    if en:
        g.add((node, prop, Literal(" ".join(en.split()), lang="en")))


def add_inverses(g: Graph) -> None:
    """Assert ``pol:partOf`` for every ``pol:hasMeasure`` and ``pol:repealedBy`` for ``pol:repeals``."""
    for forward, inverse in _INVERSES:
        for s, o in list(g.subject_objects(forward)):
            g.add((o, inverse, s))


def add_validity(g: Graph) -> None:
    """A document with a ``pol:validUntil`` but no ``pol:validFrom`` is valid from its issue date."""
    for doc in list(g.subjects(POL.validUntil, None)):
        if g.value(doc, POL.validFrom) is None:
            issued = g.value(doc, POL.dateIssued)
            if issued is not None:
                g.add((doc, POL.validFrom, issued))


def add_measure_themes(g: Graph, gazetteer) -> None:
    """A measure with no ``pol:theme`` gets the theme concepts named in its heading (if any)."""
    if gazetteer is None:
        return
    from policykg.ontology.gazetteer import to_simplified

    for measure in sorted(set(g.subjects(RDF.type, POL.Measure))):
        if g.value(measure, POL.theme) is not None:
            continue
        for lit in g.objects(measure, POL.heading):
            if isinstance(lit, Literal) and lit.language == "zh-Hans":
                for match in gazetteer.find_all(to_simplified(str(lit)), "theme"):
                    g.add((measure, POL.theme, URIRef(match.concept)))


def derive(g: Graph, gazetteer=None) -> None:
    """All source-local derivations, in a fixed order."""
    add_inverses(g)
    add_validity(g)
    add_measure_themes(g, gazetteer)


def vocabulary_labels(vocab: Graph) -> Graph:
    """``rdfs:label`` copies of every ``skos:prefLabel`` in the vocabularies (plus zh-Hant from s2t).

    Returned as a new graph to add to the vocabulary graph, so every concept has rdfs:label.
    """
    out = Graph()
    for concept in sorted(set(vocab.subjects(SKOS.prefLabel, None))):
        langs = {}
        for lit in vocab.objects(concept, SKOS.prefLabel):
            if isinstance(lit, Literal):
                langs[lit.language or ""] = str(lit)
        existing = {lit.language for lit in vocab.objects(concept, RDFS.label)
                    if isinstance(lit, Literal)}
        for lang, text in sorted(langs.items()):
            if lang and lang not in existing:
                out.add((concept, RDFS.label, Literal(text, lang=lang)))
        if "zh-Hans" in langs and "zh-Hant" not in langs and "zh-Hant" not in existing:
            out.add((concept, RDFS.label, Literal(to_traditional(langs["zh-Hans"]), lang="zh-Hant")))
    return out
