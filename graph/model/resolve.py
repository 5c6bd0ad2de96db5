"""Entity resolution: names and references in records → vocabulary IRIs or minted IRIs.

Agencies, areas, categories, sectors, themes and instrument types resolve to the concepts of
``ontology/vocab``; an agency missing there becomes a new ``pol:Agency`` and
``org:Organization`` (``pol:fromVocabulary false``: unresolved) named by its full name, with its
jurisdiction and every other form seen as ``skos:altLabel``; a cited document becomes the IRI it would have if loaded
(same number → same IRI), so stubs and loaded documents merge.
"""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from policykg.graph.model import iri
from policykg.graph.model.derive import add_labels
from policykg.loaders.records import AgencyRef, DocRef
from policykg.ontology.gazetteer import Gazetteer, to_simplified
from policykg.ontology.instruments import INSTRUMENT_CLASSES
from policykg.ontology.namespace import ORG, POL

INDIVIDUALS = frozenset({
    "PerYear", "PerPolicyTerm", "OneTime",
    "International", "National", "Provincial", "Municipal", "Industry",
})


def pol_term(local: str, allowed: frozenset[str], default: str | None = None) -> URIRef | None:
    """``POL[local]`` if ``local`` is declared in the namespace and allowed, else ``POL[default]``."""
    declared = getattr(POL, "__annotations__", {})
    if local in allowed and local in declared:
        return POL._NS[local]
    if default is not None:
        return POL._NS[default]
    return None


def instrument_class(local: str | None) -> URIRef:
    """The most specific instrument class named by an Offer, or ``pol:FundingInstrument``."""
    return pol_term(local or "", INSTRUMENT_CLASSES, "FundingInstrument")  # type: ignore[return-value]


class Resolver:
    """Resolves record references with the vocabularies (a gazetteer; None = no vocabularies)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        # simplified title → IRI of a loaded document, so title-only citations merge with it
        self.known_titles: dict[str, URIRef] = {}

    def know_document(self, title: str | None, node: URIRef) -> None:
        """Remember a loaded document's title so a citation by title alone resolves to ``node``."""
        if title:
            self.known_titles.setdefault(_title_key(title), node)

    @classmethod
    def default(cls) -> Resolver:
        """A resolver over the packaged vocabularies (empty when they cannot be read)."""
        try:
            from policykg.ontology.gazetteer import load_gazetteer

            return cls(load_gazetteer())
        except Exception:  # noqa: BLE001 - vocabularies missing or broken: resolve by minting
            return cls(None)

    # ------------------------------------------------------------ concepts

    def label(self, concept: str, lang: str = "zh-Hans") -> str | None:
        """The vocabulary's prefLabel of a concept in ``lang``, or None."""
        info = self.gazetteer.info(concept) if self.gazetteer else None
        return info.labels.get(lang) if info else None

    def in_vocabulary(self, concept: str) -> bool:
        return bool(self.gazetteer and self.gazetteer.info(concept))

    def area_of(self, name: str) -> str | None:
        """The area concept named inside ``name`` (longest match first), or None."""
        if not self.gazetteer:
            return None
        matches = self.gazetteer.find_all(to_simplified(name), "area")
        if not matches:
            return None
        best = max(matches, key=lambda m: (m.end - m.start, -m.start))
        return best.concept

    # ------------------------------------------------------------ agencies

    def agency(self, ref: AgencyRef) -> tuple[URIRef, bool]:
        """(IRI, from vocabulary?) for an agency reference."""
        if ref.concept:
            return URIRef(ref.concept), True
        if self.gazetteer:
            found = self.gazetteer.lookup(ref.name, "agency")
            if found:
                return URIRef(found), True
        return iri.agency_iri(to_simplified(ref.name)), False

    def agency_node(self, g: Graph, ref: AgencyRef, source_sha: str,
                    default_jurisdiction: str | None = None) -> URIRef:
        """Add an agency mention to ``g`` (a new pol:Agency when unknown) and return its IRI."""
        node, known = self.agency(ref)
        if not known:
            name = to_simplified(ref.name)
            g.add((node, RDF.type, POL.Agency))
            g.add((node, RDF.type, ORG.Organization))
            add_labels(g, node, name)
            g.add((node, POL.fromVocabulary, Literal(False)))  # unresolved: minted from the text
            area = ref.jurisdiction or self.area_of(name) or default_jurisdiction
            if area:
                g.add((node, POL.jurisdiction, URIRef(area)))
        written = to_simplified(ref.written or "")
        if written and written != to_simplified(ref.name):  # every variant seen: an altLabel
            add_labels(g, node, written, prop=SKOS.altLabel)
        return node

    # ------------------------------------------------------------ documents

    def document(self, ref: DocRef) -> URIRef | None:
        """The IRI of a cited document: by number, else a loaded document's title, else title."""
        if ref.number and iri.parse_document_number(ref.number):
            return iri.document_iri(number=ref.number)
        if ref.title:
            known = self.known_titles.get(_title_key(ref.title))
            return known or iri.document_iri(title=ref.title)
        if ref.number:
            return iri.document_iri(number=ref.number)
        return None


def _title_key(title: str) -> str:
    return "".join(to_simplified(title).split()).strip("《》")
