"""SHACL validation compiled to SPARQL and run on Oxigraph: one query per constraint, all graphs at once.

The units are those of the pySHACL path in :mod:`policykg.shapes.validate` (same contract, tested
to give the same results): every named graph is a unit holding its own triples plus the type and
label triples (``context``) of the IRIs it mentions, whichever graph states them; a node is
reported in the units whose own triples type it; the cross-document shapes run once over a
projection of the union. The units sit side by side as named graphs of one in-memory Oxigraph
store and each constraint becomes one query ``GRAPH ?unit { … }`` over all of them, so a corpus
costs a few dozen queries instead of one pySHACL run per graph. ``rdfs:subClassOf*`` is expanded
while compiling (the class hierarchy is small). :func:`compile_shapes` supports the targets and
constraint components listed in ``_VALUE_COMPONENTS``/``_COUNT_KEYS`` and names any other one.

Why this module is longer than 400 lines: one compiler from SHACL constraint components
to SPARQL; each component is a short case of the same function family.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from policykg.shapes import sparql_engine
from policykg.store.base import term_from_oxigraph

FOCUS_GRAPH = "urn:policykg:validation:focus"
FOCUS_IN = "urn:policykg:validation:unitOf"
CROSS_GRAPH = "urn:policykg:validation:cross"
DEFAULT_GRAPH = "urn:x-rdflib:default"  # rdflib's name of the default graph: a unit like the others
CROSS_NAME = "(union of all graphs)"

Triple = tuple[Node, Node, Node]
_PROJECTION = re.compile(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?(.*?)\s*(WHERE\b|\{)", re.S | re.I)
# Datatypes whose lexical forms Oxigraph can check with a cast (an ill-typed literal fails the cast).
_CASTS = {XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.dateTime, XSD.double, XSD.float,
          XSD.time, XSD.duration}
_COMPARISONS = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<",
                SH.maxInclusive: "<="}
_PAIRS = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}
_VALUE_COMPONENTS = {
    SH.datatype: SH.DatatypeConstraintComponent, SH["class"]: SH.ClassConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH["in"]: SH.InConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent, SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent, SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
}
_COUNT_KEYS = {SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount,
               SH.qualifiedMaxCount}
# Shape predicates that do not constrain (or are read elsewhere).
_INERT = {SH.path, SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group,
          SH.deactivated, SH.flags, SH.property, SH.sparql, SH.targetClass, SH.targetNode,
          SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.declare, SH.prefixes,
          SH.defaultValue}
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.Literal: "isLiteral(?value)", SH.BlankNode: "isBlank(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}


class UnsupportedShape(ValueError):
    """The shapes use a target or constraint component this engine does not compile."""


@dataclass(frozen=True, slots=True)
class Check:
    """One compiled constraint: its query and what its result rows mean."""

    shape: URIRef  # the sh:sourceShape of the results
    kind: str  # "value" | "count" | "sparql"
    query: str
    severity: URIRef = SH.Violation
    component: URIRef | None = None  # "value" checks
    path: Node | None = None
    messages: tuple[Literal, ...] = ()
    bounds: tuple = ()  # "count" checks: ((component, min or None, max or None), ...)
    sparql: sparql_engine.SparqlConstraint | None = None


@dataclass(slots=True)
class Compiled:
    """The checks of one shapes graph under one class hierarchy."""

    local: list[Check] = field(default_factory=list)
    cross: list[Check] = field(default_factory=list)


# ----------------------------------------------------------------------------- compiling


def _sub_classes(hierarchy: Iterable[Triple]) -> dict[Node, set[Node]]:
    children: dict[Node, set[Node]] = {}
    for s, p, o in hierarchy:
        if p == RDFS.subClassOf:
            children.setdefault(o, set()).add(s)
    return children


def _closure(cls: Node, children: dict[Node, set[Node]]) -> list[Node]:
    seen = {cls}
    todo = [cls]
    while todo:
        for sub in children.get(todo.pop(), ()):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(seen, key=str)


def _term(node: Node) -> str:
    if isinstance(node, Literal):
        return _literal(node)
    if isinstance(node, URIRef):
        return f"<{node}>"
    raise UnsupportedShape(f"a blank node {node.n3()} is used as a constant in a shape.")


def _literal(lit: Literal) -> str:
    text = json.dumps(str(lit), ensure_ascii=False)
    if lit.language:
        return f"{text}@{lit.language}"
    if lit.datatype is not None and lit.datatype != XSD.string:
        return f"{text}^^<{lit.datatype}>"
    return text


def _types_in(cls: Node, children: dict[Node, set[Node]]) -> str:
    return " ".join(_term(c) for c in _closure(cls, children))


def _path(shapes: Graph, node: Node) -> str:
    """The SPARQL property path of a SHACL path."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in shapes:
        return "(" + "/".join(_path(shapes, p) for p in Collection(shapes, node)) + ")"
    for key, fmt in ((SH.alternativePath, None), (SH.inversePath, "^{}"),
                     (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"),
                     (SH.zeroOrOnePath, "({})?")):
        inner = shapes.value(node, key)
        if inner is None:
            continue
        if fmt is None:
            return "(" + "|".join(_path(shapes, p) for p in Collection(shapes, inner)) + ")"
        return fmt.format(_path(shapes, inner))
    raise UnsupportedShape(f"the SHACL path {node.n3()} is not supported by the Oxigraph engine.")


def _passes(shapes: Graph, owner: Node, key: Node, param: Node, children: dict[Node, set[Node]]) -> str:
    """A SPARQL expression true when ``?value`` satisfies the constraint ``owner key param``."""
    if key == SH.datatype:
        if param == RDF.langString:
            return "(isLiteral(?value) && lang(?value) != \"\")"
        test = f"isLiteral(?value) && datatype(?value) = <{param}>"
        if param in _CASTS:
            test += f" && COALESCE(STRLEN(STR(<{param}>(STR(?value)))) >= 0, false)"
        return f"({test})"
    if key == SH["class"]:
        return f"EXISTS {{ ?value a ?__class . VALUES ?__class {{ {_types_in(param, children)} }} }}"
    if key in _COMPARISONS:
        return f"COALESCE(?value {_COMPARISONS[key]} {_term(param)}, false)"
    if key == SH["in"]:
        members = [f"sameTerm(?value, {_term(m)})" for m in Collection(shapes, param)]
        return "(" + (" || ".join(members) or "false") + ")"
    if key == SH.pattern:
        flags = Literal(str(shapes.value(owner, SH.flags) or ""))
        return f"(!isBlank(?value) && regex(STR(?value), {_literal(Literal(str(param)))}, {_literal(flags)}))"
    if key == SH.minLength:
        return f"(!isBlank(?value) && STRLEN(STR(?value)) >= {int(param)})"
    if key == SH.maxLength:
        return f"(!isBlank(?value) && STRLEN(STR(?value)) <= {int(param)})"
    if key == SH.languageIn:
        tags = [f"langMatches(lang(?value), {_literal(Literal(str(t)))})" for t in Collection(shapes, param)]
        return "(isLiteral(?value) && (" + (" || ".join(tags) or "false") + "))"
    if key == SH.nodeKind:
        if param not in _NODE_KINDS:
            raise UnsupportedShape(f"sh:nodeKind {param.n3()} is not a SHACL node kind.")
        return _NODE_KINDS[param]
    raise UnsupportedShape(f"the constraint {key.n3()} is not supported by the Oxigraph engine.")


def _node_conforms(shapes: Graph, shape: Node, children: dict[Node, set[Node]]) -> str:
    """A SPARQL expression true when ``?value`` conforms to a value-level node shape."""
    tests = []
    for key, param in sorted(shapes.predicate_objects(shape), key=lambda kv: (str(kv[0]), str(kv[1]))):
        if key == RDF.type or not str(key).startswith(str(SH)) or key in (SH.message, SH.severity,
                                                                        SH.deactivated, SH.flags):
            continue
        tests.append(_passes(shapes, shape, key, param, children))
    return "(" + (" && ".join(tests) or "true") + ")"


def _prefixes(shapes: Graph, *owners: Node) -> str:
    lines = {line for owner in owners for line in sparql_engine.prefix_lines(shapes, owner).splitlines()}
    return "\n".join(sorted(line for line in lines if line))


def _targets(shapes: Graph, shape: Node, children: dict[Node, set[Node]]) -> tuple[list[str], list[Node]]:
    """(group patterns binding ?this to the shape's focus nodes, the SPARQL targets)."""
    alternatives = sparql_engine.target_alternatives(shapes, shape, lambda cls: (
        f"?this a ?__target . VALUES ?__target {{ {_types_in(cls, children)} }}"))
    if alternatives is None:
        raise UnsupportedShape(f"a target of {shape.n3()} is neither a class, subjects-of, "
                               "objects-of, node nor SPARQL target.")
    return alternatives, sorted(shapes.objects(shape, SH.target), key=str)


def _focus_block(alternatives: list[str], scope: str) -> str:
    """A subquery of the (unit, focus node) pairs a shape applies to."""
    union = " UNION ".join("{ " + a + " }" for a in alternatives)
    if scope == "cross":
        return (f"{{ SELECT DISTINCT ?__unit ?this WHERE {{ GRAPH <{CROSS_GRAPH}> {{ {union} }} "
                f"BIND(<{CROSS_GRAPH}> AS ?__unit) }} }}")
    return (f"{{ SELECT DISTINCT ?__unit ?this WHERE {{ GRAPH ?__unit {{ {union} }} "
            f"GRAPH <{FOCUS_GRAPH}> {{ ?this <{FOCUS_IN}> ?__unit }} }} }}")


def _property_checks(shapes: Graph, prop: Node, focus: str, prefixes: str,
                     children: dict[Node, set[Node]]) -> Iterator[Check]:
    path_node = shapes.value(prop, SH.path)
    if path_node is None:
        raise UnsupportedShape(f"the property shape {prop.n3()} has no sh:path.")
    path = _path(shapes, path_node)
    severity = shapes.value(prop, SH.severity) or SH.Violation
    messages = tuple(sorted((m for m in shapes.objects(prop, SH.message) if isinstance(m, Literal)), key=str))
    common = {"shape": prop, "severity": severity, "path": path_node, "messages": messages}
    seen: set[Node] = set()
    for key, param in sorted(shapes.predicate_objects(prop), key=lambda kv: (str(kv[0]), str(kv[1]))):
        seen.add(key)
        if key in _PAIRS:
            body = (f"?this {path} ?value . ?this <{param}> ?__other . "
                    f"FILTER(!COALESCE(?value {_PAIRS[key]} ?__other, false))")
        elif key in _VALUE_COMPONENTS:
            body = f"?this {path} ?value . FILTER(!{_passes(shapes, prop, key, param, children)})"
        elif key in _COUNT_KEYS or key in _INERT or key == RDF.type or not str(key).startswith(str(SH)):
            continue
        else:
            raise UnsupportedShape(f"{key.n3()} (in {prop.n3()}) is not supported by the Oxigraph engine.")
        query = (f"{prefixes}\nSELECT DISTINCT ?__unit ?this ?value WHERE {{\n  {focus}\n"
                 f"  GRAPH ?__unit {{ {body} }}\n}}")
        yield Check(kind="value", query=query, component=_VALUE_COMPONENTS[key], **common)
    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    if low is not None or high is not None:
        yield _count_check(common, focus, prefixes, path, "true",
                           (SH.MinCountConstraintComponent, low, high))
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        if shapes.value(prop, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise UnsupportedShape(f"sh:qualifiedValueShapesDisjoint (in {prop.n3()}) is not supported.")
        low, high = shapes.value(prop, SH.qualifiedMinCount), shapes.value(prop, SH.qualifiedMaxCount)
        yield _count_check(common, focus, prefixes, path, _node_conforms(shapes, qualified, children),
                           (SH.QualifiedMinCountConstraintComponent, low, high))
    elif SH.qualifiedMinCount in seen or SH.qualifiedMaxCount in seen:
        raise UnsupportedShape(f"{prop.n3()} has a qualified count without sh:qualifiedValueShape.")


def _count_check(common: dict, focus: str, prefixes: str, path: str, condition: str,
                 bounds: tuple[URIRef, Node | None, Node | None]) -> Check:
    component, low, high = bounds
    having = []
    if low is not None:
        having.append(f"COUNT(DISTINCT ?value) < {int(low)}")
    if high is not None:
        having.append(f"COUNT(DISTINCT ?value) > {int(high)}")
    query = (f"{prefixes}\nSELECT ?__unit ?this (COUNT(DISTINCT ?value) AS ?__count) WHERE {{\n"
             f"  {focus}\n  OPTIONAL {{ GRAPH ?__unit {{ ?this {path} ?value . FILTER({condition}) }} }}\n"
             f"}} GROUP BY ?__unit ?this HAVING ({' || '.join(having)})")
    maximum = component.replace("Min", "Max")
    return Check(kind="count", query=query, bounds=(
        (component, None if low is None else int(low), None),
        (URIRef(maximum), None, None if high is None else int(high))), **common)


def _sparql_checks(shapes: Graph, shape: URIRef, focus: str, target_owners: list[Node]) -> Iterator[Check]:
    for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(f"the SPARQL constraint {constraint.n3()} has no sh:select.")
        text = sparql_engine.THIS.sub("?this", str(select))
        match = _PROJECTION.search(text)
        projection = match.group(2).strip() if match else "*"
        if projection != "*":
            projection = "?__unit " + projection
        # the focus nodes inside the unit's group, so that its FILTERs see ?this bound
        query = (f"{_prefixes(shapes, constraint, *target_owners)}\nSELECT {projection} WHERE {{\n"
                 f"  GRAPH ?__unit {{ {focus}\n  {sparql_engine.where_body(text)} }}\n}}")
        severity = shapes.value(shape, SH.severity) or SH.Violation
        constraint_info = sparql_engine.SparqlConstraint(
            shape, constraint, severity, query, sparql_engine.constraint_messages(shapes, constraint))
        yield Check(shape=shape, kind="sparql", query=query, severity=severity, sparql=constraint_info)


def compile_shapes(shapes: Graph, hierarchy: Iterable[Triple], cross_shapes: Iterable[str]) -> Compiled:
    """Every active node shape's constraints as queries over the units (see the module docstring)."""
    children = _sub_classes(hierarchy)
    cross = {URIRef(s) for s in cross_shapes}
    out = Compiled()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, URIRef) or shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        alternatives, sparql_targets = _targets(shapes, shape, children)
        if not alternatives:
            continue
        for key in set(shapes.predicates(shape)):
            if str(key).startswith(str(SH)) and key not in _INERT:
                raise UnsupportedShape(f"{key.n3()} on the node shape {shape.n3()} is not supported "
                                       "by the Oxigraph engine.")
        scope = "cross" if shape in cross else "local"
        focus = _focus_block(alternatives, scope)
        prefixes = _prefixes(shapes, *sparql_targets)
        checks = out.cross if scope == "cross" else out.local
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            if shapes.value(prop, SH.deactivated) != Literal(True):
                checks.extend(_property_checks(shapes, prop, focus, prefixes, children))
        checks.extend(_sparql_checks(shapes, shape, focus, sparql_targets))
    return out


# ----------------------------------------------------------------------------- the units


def _values(nodes: Iterable[Node]) -> str:
    return " ".join(f"<{n}>" for n in nodes)


def prepare_units(store: ox.Store, *, ontology: str, context: Iterable[Node],
                  cross_predicates: Iterable[Node]) -> tuple[int, bool]:
    """Turn ``store`` (a scratch copy of the data) into the units; return (local units, cross unit?).

    Adds the focus index graph, the cross-document projection and the context triples; the
    default graph becomes the named graph ``DEFAULT_GRAPH``.
    """
    store.update(f"INSERT {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}; DROP DEFAULT")
    store.update(f"INSERT {{ GRAPH <{CROSS_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ "
                 f"GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {_values(cross_predicates)} }} }}")
    store.update(focus_update(ontology))
    store.update(
        f"INSERT {{ GRAPH ?g {{ ?n ?p ?o }} }} WHERE {{\n"
        f"  {{ SELECT DISTINCT ?g ?n WHERE {{\n"
        f"      {{ SELECT DISTINCT ?g WHERE {{ GRAPH <{FOCUS_GRAPH}> {{ ?f <{FOCUS_IN}> ?g }} }} }}\n"
        f"      GRAPH ?g {{ {{ ?n ?x ?y }} UNION {{ ?y ?x ?n }} }} FILTER(isIRI(?n)) }} }}\n"
        f"  VALUES ?p {{ {_values(context)} }}\n"
        f"  GRAPH ?h {{ ?n ?p ?o }} FILTER(?h != ?g)\n}}")
    cross = bool(store.query(f"ASK {{ GRAPH <{CROSS_GRAPH}> {{ ?s ?p ?o }} }}"))
    return count_units(store), cross


def focus_update(ontology: str) -> str:
    """The update that indexes each unit's focus nodes: the IRIs its own triples type."""
    return (f"INSERT {{ GRAPH <{FOCUS_GRAPH}> {{ ?s <{FOCUS_IN}> ?g }} }} WHERE {{ "
            f"GRAPH ?g {{ ?s a ?t }} FILTER(isIRI(?s) && ?g != <{ontology}> && ?g != <{CROSS_GRAPH}>) }}")


def count_units(store: ox.Store) -> int:
    """The number of units with a focus node in the focus index."""
    units = next(iter(store.query(
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH <{FOCUS_GRAPH}> {{ ?f <{FOCUS_IN}> ?g }} }}")))
    return int(units[0].value)


def unit_name(graph: str) -> str:
    """The name results carry for a unit (as the pySHACL path names it)."""
    if graph == CROSS_GRAPH:
        return CROSS_NAME
    return "" if graph == DEFAULT_GRAPH else graph


# ----------------------------------------------------------------------------- running


def run(store: ox.Store, checks: list[Check], jobs: int = 1) -> list[dict]:
    """Evaluate ``checks`` on prepared units (``jobs`` threads); one dict per finding, with its unit.

    Core findings carry ``severity``, ``source_shape``, ``focus``, ``component``, ``path`` (the
    shapes-graph node) and ``value`` (an rdflib term or None) and ``messages``; SPARQL findings
    carry ``sparql``, the dict of :func:`sparql_engine.finding`.
    """
    if jobs > 1 and len(checks) > 1:  # Oxigraph releases the GIL while it evaluates
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(lambda c: list(_run_check(store, c)), checks))
    else:
        parts = [list(_run_check(store, c)) for c in checks]
    return [f for part in parts for f in part]


def _run_check(store: ox.Store, check: Check) -> Iterator[dict]:
    solutions = store.query(check.query)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        binding = {name: term_from_oxigraph(row[i]) for i, name in enumerate(names) if row[i] is not None}
        unit = str(binding.pop("__unit"))
        if check.kind == "sparql":
            found = sparql_engine.finding(check.sparql, binding)
            if found is not None:
                yield {"unit": unit, "sparql": found}
            continue
        base = {"unit": unit, "severity": check.severity, "source_shape": check.shape,
                "focus": str(binding["this"]), "path": check.path, "messages": list(check.messages)}
        if check.kind == "value":
            yield {**base, "component": check.component, "value": binding.get("value")}
            continue
        count = int(binding["__count"])
        (low_component, low, _), (high_component, _, high) = check.bounds
        if low is not None and count < low:
            yield {**base, "component": low_component, "value": None}
        if high is not None and count > high:
            yield {**base, "component": high_component, "value": None}


_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
            ".ttl": ox.RdfFormat.TURTLE}


def scratch_from_nquads(data: bytes) -> ox.Store:
    """An in-memory store holding N-Quads ``data``."""
    scratch = ox.Store()
    if data:
        scratch.bulk_load(data, ox.RdfFormat.N_QUADS)
    return scratch


def scratch_from_file(path: Path) -> ox.Store:
    """An in-memory store holding a graph file (.trig, .nq; a .nt/.ttl file becomes one named graph).

    Raises ``SyntaxError`` (Oxigraph's) on a malformed file and ``KeyError`` on another suffix.
    """
    fmt = _FORMATS[path.suffix.lower()]
    scratch = ox.Store()
    to_graph = None if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) else ox.NamedNode(path.resolve().as_uri())
    scratch.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri(), to_graph=to_graph)
    return scratch


class StoreIndex:
    """``objects``/``subjects`` over the union of a store's graphs, as rdflib terms (for reports)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def objects(self, s: Node, p: Node) -> set[Node]:
        return self._match(s, p, None, "object")

    def subjects(self, p: Node, o: Node) -> set[Node]:
        return self._match(None, p, o, "subject")

    def _match(self, s: Node | None, p: Node, o: Node | None, position: str) -> set[Node]:
        """The ``position`` terms of the data quads matching (s, p, o); scratch graphs left out."""
        given = _ox(s if s is not None else o)
        if given is None:
            return set()
        pattern = (given, _ox(p), None) if s is not None else (None, _ox(p), given)
        return {term_from_oxigraph(getattr(q, position)) for q in self.store.quads_for_pattern(*pattern, None)
                if not (isinstance(q.graph_name, ox.NamedNode)
                        and q.graph_name.value in (FOCUS_GRAPH, CROSS_GRAPH))}


def _ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    return None
