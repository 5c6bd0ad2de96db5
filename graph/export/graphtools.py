"""Graph-tool exports through networkx: GraphML, GEXF, Cytoscape.js JSON and Graphviz DOT,
for Gephi, Cytoscape and yEd, in four views (full, supersession, agencies, funding).

Contract: node ids are the IRIs of the source graphs (evidence, source-file and link nodes
left out; they stay in the RDF dumps). What a graph tool shows is never the IRI: ``label`` and
``name`` (Gephi shows the first, Cytoscape the second) are the preferred label — zh-Hans, else
en, else zh-Hant, else a readable local name. Every node has ``type`` in words (Document,
Report, Measure, Offer, Agency, Organisation, Category, Sector, Theme, Jurisdiction,
Programme, Claim, Instrument type, Person), ``class`` (the most specific class, prefixed),
``label_zh`` (zh-Hans), ``label_zh_hant``, ``label_en``, ``iri`` and its key figures (amounts
as floats in yuan, dates as ISO strings). Documents and reports also carry ``date`` (issued;
a report's date), ``number``, ``kind`` (official: its text was loaded; cited: known only
from a citation; reported: known only from a report; report), ``jurisdiction`` and ``issuer``
(labels, ``; ``-joined); offers carry ``kind`` (the class in words, e.g. compute voucher);
measures carry ``text`` (the quoted text of the measure). Edges carry ``label`` (the
property's rdfs:label from the ontology, in words), ``label_zh``, ``property`` (IRI) and a
numeric ``weight``: on an offer edge (provides instrument) the offer's maximum amount in yuan,
else its total budget; 1 on every other edge. Node and edge order is sorted, so the same build
gives byte-identical files.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from policykg.graph.export.diffusion import diffusion_view
from policykg.ontology.namespace import ID, OA, ONTOLOGY_IRI, ORG, POL, SCHEMA
from policykg.store.xmlsafe import xml_safe, xml_safe_bytes

VIEWS = ("full", "supersession", "agencies", "funding", "diffusion")
FORMATS = ("graphml", "gexf", "cyjs", "dot")

_SKIP_TYPES = {POL.Evidence, POL.SourceFile, POL.ReportLink, POL.MeasureLink}
_SKIP_PROPS = {RDF.type, POL.evidence, POL.source, POL.partOf, POL.repealedBy, POL.hasLink,
               POL.fromVocabulary}
_VOCAB_GRAPH = URIRef(str(ID) + "graph/vocab")

# key figures copied onto nodes: property -> (attribute name, kind)
FIGURES: dict[URIRef, tuple[str, str]] = {
    POL.maxAmount: ("maxAmount", "float"),
    POL.totalBudget: ("totalBudget", "float"),
    POL.minThreshold: ("minThreshold", "float"),
    POL.maxCostShare: ("maxCostShare", "float"),
    POL.matchingRatio: ("matchingRatio", "float"),
    POL.claimedAmount: ("claimedAmount", "float"),
    POL.maxRecipients: ("maxRecipients", "int"),
    POL.ordinal: ("ordinal", "int"),
    POL.documentNumber: ("documentNumber", "str"),
    POL.dateIssued: ("dateIssued", "str"),
    POL.validFrom: ("validFrom", "str"),
    POL.validUntil: ("validUntil", "str"),
    DCTERMS.date: ("date", "str"),
    POL.period: ("period", "iri"),
    POL.recognitionLevel: ("recognitionLevel", "iri"),
    POL.verdict: ("verdict", "iri"),
    POL.fromVocabulary: ("resolved", "bool"),  # false: an organisation minted from the text
}
_ORGANISATIONS = {POL.Agency, ORG.Organization}

# the type a user sees, in words: the first class of this list the node is an instance of
TYPE_WORDS: tuple[tuple[URIRef, str], ...] = (
    (POL.PolicyDocument, "Document"),
    (POL.Report, "Report"),
    (POL.Measure, "Measure"),
    (POL.FundingInstrument, "Offer"),
    (POL.Agency, "Agency"),
    (ORG.Organization, "Organisation"),
    (POL.EnterpriseCategory, "Category"),
    (POL.Sector, "Sector"),
    (POL.Theme, "Theme"),
    (POL.AdministrativeArea, "Jurisdiction"),
    (POL.Program, "Programme"),
    (POL.Claim, "Claim"),
    (POL.InstrumentType, "Instrument type"),
    (SCHEMA.Person, "Person"),
)
_DOCUMENTS = {POL.PolicyDocument, POL.Report}

# view -> (node classes kept, properties kept); None = everything
_VIEW_SPEC: dict[str, tuple[set[URIRef] | None, set[URIRef] | None]] = {
    "full": (None, None),
    "supersession": ({POL.PolicyDocument},
                     {POL.repeals, POL.supersedes, POL.basedOn}),
    "agencies": ({POL.PolicyDocument, POL.Measure, POL.Agency, ORG.Organization},
                 {POL.issuedBy, POL.approvedBy, POL.contactAgency, POL.responsibleAgency,
                  POL.cooperatingAgency, POL.hasMeasure, POL.addressedTo}),
    "funding": ({POL.PolicyDocument, POL.Measure, POL.FundingInstrument, POL.EnterpriseCategory,
                 POL.Sector, POL.Program},
                {POL.hasMeasure, POL.providesInstrument, POL.eligibleCategory,
                 POL.targetsSector, POL.mentions}),
}

Quad = tuple[Node, Node, Node, Node | None]


def _prefixed(iri: Node) -> str:
    s = str(iri)
    for prefix, ns in (("pol", str(POL._NS)), ("org", str(ORG)), ("skos", str(SKOS))):
        if s.startswith(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def _local_name(iri: Node) -> str:
    """The last readable step of an IRI: ``…/measure/4`` → ``measure 4``."""
    parts = [p for p in re.split(r"[#/]", str(iri)) if p]
    tail = parts[-2:] if len(parts) >= 2 and parts[-1].isdigit() else parts[-1:]
    return " ".join(tail).replace("-", " ") or str(iri)


def _words(iri: Node) -> str:
    local = re.split(r"[#/]", str(iri))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


class _Facts:
    """Lookups over the union graph the views need."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.types: dict[Node, set[Node]] = defaultdict(set)
        self.labels: dict[Node, dict[str, str]] = defaultdict(dict)
        self.super: dict[Node, set[Node]] = defaultdict(set)
        self.values: dict[Node, dict[URIRef, Node]] = defaultdict(dict)
        self.edges: set[tuple[Node, Node, Node]] = set()
        self.links: dict[tuple[Node, Node], set[Node]] = defaultdict(set)  # (s, p) -> objects
        self.exact: dict[Node, str] = {}  # evidence node -> its quoted text
        # rdflib looks namespace attributes up in Python on every access: taken once here
        link_props = {POL.source, POL.attestedBy, POL.evidence, POL.issuedBy, POL.jurisdiction,
                      DCTERMS.publisher}
        exact, is_a, sub_class = OA.exact, RDF.type, RDFS.subClassOf
        label_props = {RDFS.label, SKOS.prefLabel}
        skip_graphs = (ONTOLOGY_IRI, _VOCAB_GRAPH)
        for s, p, o, g in quads:
            if p in link_props:
                self.links[(s, p)].add(o)
            elif p == exact:
                self.exact[s] = str(o)
            if p == is_a:
                self.types[s].add(o)
            elif p == sub_class and isinstance(o, URIRef):
                self.super[s].add(o)
            if p in label_props and isinstance(o, Literal):
                self.labels[s].setdefault(o.language or "", str(o))
            if p in FIGURES:
                self.values[s].setdefault(p, o)
            if (isinstance(o, URIRef) and isinstance(s, URIRef) and p not in _SKIP_PROPS
                    and g not in skip_graphs and p not in FIGURES):
                self.edges.add((s, p, o))

    def ancestors(self, cls: Node) -> set[Node]:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self.super.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def main_type(self, node: Node) -> Node | None:
        """The most specific class of ``node`` (a class none of whose subclasses it also has)."""
        ts = sorted(self.types.get(node, set()), key=str)
        if not ts:
            return None
        specific = [t for t in ts if not any(t != u and t in self.ancestors(u) for u in ts)]
        pol = [t for t in specific if str(t).startswith(str(POL._NS))]
        return (pol or specific or ts)[0]

    def is_a(self, node: Node, classes: set[URIRef]) -> bool:
        return any(self.ancestors(t) & classes for t in self.types.get(node, ()))

    def type_words(self, node: Node, main: Node | None) -> str:
        """The type of ``node`` in words (see :data:`TYPE_WORDS`)."""
        kinds = set().union(*(self.ancestors(t) for t in self.types.get(node, ()))) \
            if self.types.get(node) else set()
        for cls, words in TYPE_WORDS:
            if cls in kinds:
                return words
        return _words(main).capitalize() if main is not None else "Other"

    def label(self, node: Node) -> str:
        """The preferred label: zh-Hans, else en, else zh-Hant, else any, else the local name."""
        labs = self.labels.get(node, {})
        if isinstance(node, Literal):
            return str(node)
        return (labs.get("zh-Hans") or labs.get("en") or labs.get("zh-Hant") or labs.get("")
                or _local_name(node))

    def joined_labels(self, node: Node, prop: URIRef) -> str:
        return "; ".join(sorted({self.label(o) for o in self.links.get((node, prop), ())}))


def build_view(quads: list[Quad], view: str = "full") -> nx.MultiDiGraph:
    """The networkx multigraph of one view, nodes and edges added in sorted order."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if view == "diffusion":
        return diffusion_view(quads)
    facts = _Facts(quads)
    classes, props = _VIEW_SPEC[view]

    def keep(node: Node) -> bool:
        if not (isinstance(node, URIRef) and str(node).startswith(str(ID))):
            return False
        if facts.types.get(node, set()) & _SKIP_TYPES:
            return False
        return classes is None or facts.is_a(node, classes)

    edges = sorted(((s, p, o) for s, p, o in facts.edges
                    if (props is None or p in props) and keep(s) and keep(o)),
                   key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    nodes = {n for s, _, o in edges for n in (s, o)}
    if view == "supersession" or view == "full":
        nodes |= {n for n in facts.types if keep(n) and facts.is_a(n, {POL.PolicyDocument})}
    g = nx.MultiDiGraph(name=f"policykg {view}")
    for node in sorted(nodes, key=str):
        g.add_node(str(node), **_node_attrs(facts, node))
    for s, p, o in edges:
        key = _prefixed(p)
        g.add_edge(str(s), str(o), key=key, **_edge_attrs(facts, p, o))
    return g


def _node_attrs(facts: _Facts, node: Node) -> dict[str, object]:
    labs = facts.labels.get(node, {})
    main = facts.main_type(node)
    display = facts.label(node)
    kind = facts.type_words(node, main)
    attrs: dict[str, object] = {
        "label": display,
        "name": display,
        "label_zh": labs.get("zh-Hans", ""),
        "label_zh_hant": labs.get("zh-Hant", ""),
        "label_en": labs.get("en", ""),
        "type": kind,
        "class": _prefixed(main) if main is not None else "",
        "iri": str(node),
    }
    for prop, value in sorted(facts.values.get(node, {}).items(), key=lambda kv: str(kv[0])):
        name, figure = FIGURES[prop]
        if figure == "float":
            try:
                attrs[name] = float(str(value))
            except ValueError:
                continue
        elif figure == "int":
            try:
                attrs[name] = int(str(value))
            except ValueError:
                continue
        elif figure == "iri":
            attrs[name] = _prefixed(value)
        elif figure == "bool":
            attrs[name] = str(value).lower() == "true"
        else:
            attrs[name] = str(value)
    if main in _ORGANISATIONS:
        attrs.setdefault("resolved", True)  # the vocabulary knows it
    if kind in ("Document", "Report"):
        attrs.update(_document_attrs(facts, node, kind))
    elif kind == "Offer" and main is not None:
        attrs["kind"] = _words(main)
    elif kind == "Measure":
        quotes = [facts.exact[e] for e in sorted(facts.links.get((node, POL.evidence), ()), key=str)
                  if e in facts.exact]
        if quotes:
            attrs["text"] = max(quotes, key=len)
    return attrs


def _document_attrs(facts: _Facts, node: Node, kind: str) -> dict[str, object]:
    """What a user filters documents by: date, number, kind, jurisdiction and issuer in words."""
    values = facts.values.get(node, {})
    date = values.get(POL.dateIssued) or values.get(DCTERMS.date)
    if kind == "Report":
        doc_kind = "report"
    elif facts.links.get((node, POL.source)):
        doc_kind = "official"
    elif facts.links.get((node, POL.attestedBy)):
        doc_kind = "reported"
    else:
        doc_kind = "cited"
    issuer = facts.joined_labels(node, POL.issuedBy) or facts.joined_labels(node, DCTERMS.publisher)
    return {"date": str(date) if date is not None else "",
            "number": str(values.get(POL.documentNumber, "")),
            "kind": doc_kind,
            "jurisdiction": facts.joined_labels(node, POL.jurisdiction),
            "issuer": issuer}


def _edge_attrs(facts: _Facts, prop: Node, target: Node) -> dict[str, object]:
    labs = facts.labels.get(prop, {})
    return {"label": labs.get("en") or _words(prop), "label_zh": labs.get("zh-Hans", ""),
            "property": str(prop), "weight": _weight(facts, prop, target)}


def _weight(facts: _Facts, prop: Node, target: Node) -> float:
    """An offer edge weighs the offer's amount in yuan (cap, else budget); any other edge 1."""
    if prop == POL.providesInstrument:
        values = facts.values.get(target, {})
        for figure in (POL.maxAmount, POL.totalBudget):
            try:
                amount = float(str(values[figure]))
            except (KeyError, ValueError):
                continue
            if amount > 0:
                return amount
    return 1.0


def _stable_gexf(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    text = buf.getvalue().decode("utf-8")
    # networkx stamps today's date; a fixed date keeps the file byte-identical
    text = re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="1970-01-01"', text, count=1)
    return xml_safe(text).encode("utf-8")


def _graphml(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml_xml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return xml_safe_bytes(buf.getvalue())


def _cyjs(g: nx.MultiDiGraph) -> bytes:
    data = nx.cytoscape_data(g)
    for edge in data["elements"]["edges"]:  # Cytoscape desktop names an edge by its interaction
        edge["data"]["interaction"] = edge["data"]["label"]
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _dot_id(text: str) -> str:
    """``text`` as a quoted DOT ID: the characters XML 1.0 forbids (C0 controls but tab, line
    feed and carriage return; lone surrogates) removed as in every other export, backslash and
    quote escaped, each line break (LF, CR LF or CR) written as DOT's ``\\n``."""
    text = xml_safe(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def _dot(g: nx.MultiDiGraph) -> bytes:
    lines = [f"digraph {_dot_id(g.graph.get('name', 'policykg'))} {{",
             '  graph [rankdir=LR, charset="UTF-8"];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontsize=10];',
             "  edge [fontsize=8];"]
    for node, attrs in g.nodes(data=True):
        extra = "".join(f", {k}={_dot_id(str(v))}" for k, v in attrs.items() if k != "label")
        lines.append(f"  {_dot_id(node)} [label={_dot_id(str(attrs['label']))}{extra}];")
    for s, o, _key, attrs in g.edges(keys=True, data=True):
        lines.append(f"  {_dot_id(s)} -> {_dot_id(o)} [label={_dot_id(str(attrs['label']))}, "
                     f"property={_dot_id(str(attrs['property']))}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """One graph-tool file (``fmt`` in :data:`FORMATS`) as bytes."""
    if fmt == "graphml":
        return _graphml(g)
    if fmt == "gexf":
        return _stable_gexf(g)
    if fmt == "cyjs":
        return _cyjs(g)
    if fmt == "dot":
        return _dot(g)
    raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")


SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "cyjs": ".cyjs", "dot": ".dot"}

