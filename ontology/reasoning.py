"""OWL 2 DL consistency check with HermiT (through owlready2) of the ontology, the SKOS
vocabularies and optionally a data graph.

:func:`check` returns a :class:`ReasoningReport` (never raises for an inconsistency);
:class:`JavaMissing` is raised when no Java runtime is available. The input is first reduced
to an OWL 2 DL view (:func:`dl_view`): undeclared properties and classes are declared from
their use, datatypes outside the OWL 2 datatype map (``xsd:date``, ``rdf:langString``) are
mapped onto ones HermiT knows, and triples that cannot be OWL DL (a literal as the value of
an object property…) are set aside and reported as ill-typed.
"""

from __future__ import annotations

import io
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef

from .gazetteer import load_vocabularies, ontology_file
from .namespace import ID, ONTOLOGY_IRI

# The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
_XSD_OWL2 = {
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
    "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
    "dateTime", "dateTimeStamp",
}
OWL2_DATATYPES = frozenset(
    {XSD[n] for n in _XSD_OWL2}
    | {RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational}
)
_BUILTIN_PREFIXES = (str(RDF), str(RDFS), str(OWL), str(XSD))


class JavaMissing(RuntimeError):
    """No Java runtime to run HermiT."""


@dataclass
class ReasoningReport:
    """Outcome of one HermiT run."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)  # class IRIs equivalent to owl:Nothing
    ill_typed: list[str] = field(default_factory=list)  # triples set aside, as N-Triples lines
    diagnosis: list[str] = field(default_factory=list)  # likely causes of an inconsistency
    triples: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Consistent, every class satisfiable and no ill-typed triple."""
        return self.consistent and not self.unsatisfiable and not self.ill_typed


def java_available() -> bool:
    """True when the Java runtime owlready2 would call is on this machine."""
    import owlready2

    exe = getattr(owlready2, "JAVA_EXE", "java") or "java"
    return shutil.which(exe) is not None or Path(exe).is_file()


def tbox_graph() -> Graph:
    """The ontology and all vocabularies in one graph."""
    g = Graph()
    g.parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")
    g += load_vocabularies()
    return g


def data_graph(ds: Dataset) -> Graph:
    """The quads of ``ds`` (read by policykg's safe reader, which fetches nothing) merged into
    one graph, except the ontology and vocabulary named graphs of a build (the packaged ones
    are used)."""
    skip = {ONTOLOGY_IRI, ID["graph/vocab"]}
    g = Graph()
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = getattr(ctx, "identifier", ctx)
        if name not in skip:
            g.add((s, p, o))
    return g


def _builtin(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(_BUILTIN_PREFIXES)


def _dl_literal(lit: Literal) -> Literal | None:
    """The literal HermiT can read, or None when its lexical form is invalid."""
    if getattr(lit, "ill_typed", False):
        return None
    dt = lit.datatype
    if dt is None or dt in OWL2_DATATYPES:
        return lit
    if dt == RDF.langString:
        return lit
    if dt == XSD.date:
        text = str(lit)
        date_part, tz = text[:10], text[10:]
        return Literal(f"{date_part}T00:00:00{tz}", datatype=XSD.dateTime)
    return Literal(str(lit), datatype=XSD.string)


def _dl_datatype(dt: URIRef) -> URIRef:
    if dt in OWL2_DATATYPES:
        return dt
    if dt == XSD.date:
        return XSD.dateTime
    if dt == RDF.langString:
        return RDF.PlainLiteral
    return RDFS.Literal


def dl_view(graph: Graph) -> tuple[Graph, list[str]]:
    """An OWL 2 DL rendering of ``graph`` for HermiT, and the triples set aside as ill-typed."""
    kinds: dict[URIRef, set[URIRef]] = defaultdict(set)
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for p in graph.subjects(RDF.type, kind):
            kinds[p].add(kind)
    datatypes = set(graph.subjects(RDF.type, RDFS.Datatype))
    out = Graph()
    ill: list[str] = []
    uses: dict[URIRef, set[str]] = defaultdict(set)
    for s, p, o in graph:
        if p == OWL.imports:  # never let the reasoner fetch anything from the network
            continue
        if p in (RDFS.range,) and isinstance(o, URIRef) and (
            o.startswith(str(XSD)) or o == RDF.langString or o in datatypes
            or OWL.DatatypeProperty in kinds.get(s, ())
        ):
            out.add((s, p, _dl_datatype(o)))
            continue
        if isinstance(o, Literal):
            declared = kinds.get(p, set())
            if OWL.ObjectProperty in declared and OWL.AnnotationProperty not in declared:
                ill.append(f"{s.n3()} {p.n3()} {o.n3()} .  # literal value of an object property")
                continue
            lit = _dl_literal(o)
            if lit is None:
                ill.append(f"{s.n3()} {p.n3()} {o.n3()} .  # invalid {o.datatype} lexical form")
                continue
            out.add((s, p, lit))
            uses[p].add("literal")
        else:
            declared = kinds.get(p, set())
            if OWL.DatatypeProperty in declared and OWL.AnnotationProperty not in declared:
                ill.append(f"{s.n3()} {p.n3()} {o.n3()} .  # resource value of a datatype property")
                continue
            out.add((s, p, o))
            uses[p].add("resource")
    # declare what the input uses without declaring it
    for p, used in uses.items():
        if _builtin(p) or p in kinds:
            continue
        if used == {"resource"}:
            out.add((p, RDF.type, OWL.ObjectProperty))
        elif used == {"literal"}:
            out.add((p, RDF.type, OWL.DatatypeProperty))
        else:
            out.add((p, RDF.type, OWL.AnnotationProperty))
    classes = set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, RDFS.Class))
    for o in set(graph.objects(None, RDF.type)) | set(graph.objects(None, RDFS.subClassOf)):
        if isinstance(o, URIRef) and not _builtin(o) and o not in classes:
            out.add((o, RDF.type, OWL.Class))
    return out, sorted(ill)


def diagnose(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency: nodes typed (or implied by domain/range) with two
    disjoint classes, and functional properties with two values. Best effort, not complete."""
    disjoint_sets: list[set[URIRef]] = []
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(node, OWL.members)
        if members is not None:
            disjoint_sets.append(set(graph.items(members)))
    for a, b in graph.subject_objects(OWL.disjointWith):
        disjoint_sets.append({a, b})
    supers: dict[URIRef, set[URIRef]] = defaultdict(set)
    for c, d in graph.subject_objects(RDFS.subClassOf):
        if isinstance(d, URIRef):
            supers[c].add(d)

    def closure(c: URIRef) -> set[URIRef]:
        seen, todo = {c}, [c]
        while todo:
            for d in supers.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    types: dict[object, set[URIRef]] = defaultdict(set)
    for s, c in graph.subject_objects(RDF.type):
        if isinstance(c, URIRef):
            types[s].add(c)
    for p, c in graph.subject_objects(RDFS.domain):
        if isinstance(c, URIRef):
            for s in graph.subjects(p, None):
                types[s].add(c)
    for p, c in graph.subject_objects(RDFS.range):
        if isinstance(c, URIRef) and not str(c).startswith((str(XSD), str(RDF), str(RDFS))):
            for o in graph.objects(None, p):
                if not isinstance(o, Literal):
                    types[o].add(c)
    out = []
    for node, ts in types.items():
        if isinstance(node, BNode):
            continue
        full = set().union(*(closure(t) for t in ts)) if ts else set()
        for group in disjoint_sets:
            hit = sorted(full & group)
            if len(hit) > 1:
                out.append(f"{node} is both {hit[0]} and {hit[1]} (disjoint classes)")
    for p in graph.subjects(RDF.type, OWL.FunctionalProperty):
        values: dict[object, set] = defaultdict(set)
        for s, o in graph.subject_objects(p):
            values[s].add(o.toPython() if isinstance(o, Literal) else o)
        for s, vs in values.items():
            if len(vs) > 1:
                out.append(f"{s} has {len(vs)} values for functional {p}")
    return sorted(set(out))[:20]


def check(data: Graph | None = None) -> ReasoningReport:
    """Run HermiT over the ontology, the vocabularies and ``data`` (if given)."""
    import owlready2

    if not java_available():
        raise JavaMissing("java")
    start = time.monotonic()
    graph = tbox_graph()
    if data is not None:
        graph += data
    view, ill = dl_view(graph)
    payload = view.serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=io.BytesIO(payload), format="ntriples")
    consistent = True
    unsat: list[str] = []
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        unsat = sorted(c.iri for c in world.inconsistent_classes())
    except owlready2.OwlReadyInconsistentOntologyError:
        consistent = False
    except owlready2.OwlReadyJavaError as err:
        if "java" in str(err).lower() and not java_available():
            raise JavaMissing("java") from err
        raise
    finally:
        world.close()
    report = ReasoningReport(consistent, unsat, ill, triples=len(view),
                             seconds=time.monotonic() - start)
    if not consistent:
        report.diagnosis = diagnose(graph)
    return report
