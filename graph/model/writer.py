"""The writer of one source's named graph: literals, evidence nodes, the source-file node,
agency mentions and cited-document stubs (used by official documents and reports alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef

from policykg.graph.model import iri
from policykg.graph.model.derive import add_labels
from policykg.graph.model.provenance import add_provenance
from policykg.graph.model.resolve import Resolver
from policykg.loaders.pages import box_of, page_at
from policykg.loaders.records import AgencyRef, DocRef, Source, Span
from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import OA, POL


def decimal_literal(value: Decimal | int | float | str) -> Literal:
    """An ``xsd:decimal`` literal with a stable lexical form (no exponent, no trailing zeros)."""
    d = Decimal(str(value)).normalize()
    text = format(d, "f")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def integer_literal(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    return Literal(str(int(value)), datatype=XSD.integer)


@dataclass(slots=True)
class Converted:
    """One source converted: its main node, the named graph's IRI and triples, counts, warnings."""

    main: URIRef
    graph_name: URIRef
    graph: Graph
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None


class SourceWriter:
    """Adds triples for one source: evidence nodes, the source-file node, agency mentions."""

    def __init__(self, source: Source, resolver: Resolver, graph: Graph | None = None) -> None:
        self.source = source
        self.resolver = resolver
        self.g = graph if graph is not None else Graph()
        self.warnings: list[str] = []
        self.source_node = iri.source_iri(source.sha256)
        self.agencies: set[URIRef] = set()

    def add_source_node(self) -> URIRef:
        """The ``pol:SourceFile`` node describing the input file."""
        s, g, node = self.source, self.g, self.source_node
        g.add((node, RDF.type, POL.SourceFile))
        g.add((node, POL.fileName, Literal(s.name)))
        g.add((node, POL.sha256, Literal(s.sha256.lower())))
        if s.encoding:  # a binary format (PDF, Word, OFD) has none
            g.add((node, POL.encoding, Literal(s.encoding)))
        g.add((node, POL.script, Literal(s.script)))
        g.add((node, POL.byteSize, integer_literal(s.size)))
        g.add((node, POL.mediaType, Literal(s.media_type)))
        if s.reader:
            g.add((node, POL.reader, Literal(s.reader)))
        if s.pages:
            g.add((node, POL.pageCount, integer_literal(len(s.pages))))
        add_labels(g, node, s.name, en=s.name)
        if s.provenance is not None:
            add_provenance(g, node, s.provenance)
        return node

    def evidence(self, node: URIRef, span: Span | None, shared: bool = False) -> None:
        """Attach ``pol:evidence`` for ``span`` to ``node`` (shared nodes get source-keyed IRIs)."""
        if span is None:
            return
        if self.source.text[span.start:span.end] != span.text:
            self.warnings.append(
                f"span {span.start}-{span.end} does not match the source text; evidence kept as given"
            )
        ev = iri.evidence_iri(node, span.start, span.end, self.source.sha256 if shared else None)
        g = self.g
        g.add((node, POL.evidence, ev))
        g.add((ev, RDF.type, POL.Evidence))
        g.add((ev, OA.start, integer_literal(span.start)))
        g.add((ev, OA.end, integer_literal(span.end)))
        g.add((ev, OA.exact, Literal(span.text)))
        g.add((ev, OA.hasSource, self.source_node))
        page = page_at(self.source.pages, span.start)
        if page is not None:
            g.add((ev, POL.page, integer_literal(page)))
            box = box_of(self.source.pages, self.source.boxes, span.start, span.end,
                         self.source.text)
            if box is not None:
                g.add((ev, POL.boundingBox, Literal(" ".join(f"{v:.1f}" for v in box))))

    def agency(self, ref: AgencyRef, default_jurisdiction: str | None = None) -> URIRef:
        """An agency mention: resolved (or minted) node plus its evidence."""
        node = self.resolver.agency_node(self.g, ref, self.source.sha256, default_jurisdiction)
        self.evidence(node, ref.span, shared=True)
        self.agencies.add(node)
        return node

    def stub(self, ref: DocRef) -> URIRef | None:
        """A cited document: number, title, label and evidence; never a pol:source (model.md)."""
        node = self.resolver.document(ref)
        if node is None:
            self.warnings.append(f"cited document at {ref.span.start} has neither number nor title")
            return None
        g = self.g
        g.add((node, RDF.type, POL.PolicyDocument))
        if ref.number:
            g.add((node, POL.documentNumber, Literal(to_simplified(ref.number))))
        if ref.title:
            add_labels(g, node, to_simplified(ref.title), prop=POL.title)
        add_labels(g, node, to_simplified(ref.title or ref.number or ""))
        self.evidence(node, ref.span, shared=True)
        return node
