"""SHACL-SPARQL constraints (``sh:sparql``) evaluated with one query per constraint, not per node.

pySHACL runs a constraint's SELECT once per focus node, which makes validation of a document
with hundreds of evidence spans take seconds. Here each constraint becomes one query: the
shape's targets (``sh:targetClass`` through ``rdfs:subClassOf*``, ``sh:targetSubjectsOf``,
``sh:targetObjectsOf``, ``sh:targetNode``, SPARQL targets) are joined in front of the constraint's
body, with ``$this`` as an ordinary variable. The results carry the same fields pySHACL gives
(severity, source shape, focus node, value, path, messages with ``{?var}`` substituted).
Contract: for the constraints in ``policy.shapes.ttl`` the findings equal pySHACL's (tested).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

MESSAGE_TRANSLATION = URIRef("https://w3id.org/policykg/shapes#messageTranslation")
THIS = re.compile(r"\$this\b")
_VAR_IN_MESSAGE = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint with its shape's targets, ready to run as one query."""

    shape: URIRef
    constraint: Node
    severity: URIRef
    query: str
    messages: tuple[Literal, ...]


def prefix_lines(shapes: Graph, constraint: Node) -> str:
    lines = []
    for decl_owner in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(decl_owner, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def target_alternatives(shapes: Graph, shape: Node, class_pattern) -> list[str] | None:
    """Group patterns binding ``?this`` to the shape's focus nodes, one per target.

    ``class_pattern(cls)`` is the pattern for the instances of ``cls`` (subclasses included).
    None when the shape has a target kind other than class, subjects-of, objects-of, node or
    SPARQL select.
    """
    alternatives: list[str] = []
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)
    if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in shapes:
        classes.append(shape)  # an implicit class target
    alternatives += [class_pattern(cls) for cls in classes]
    for prop in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str):
        alternatives.append(f"?this <{prop}> ?__o .")
    for prop in sorted(shapes.objects(shape, SH.targetObjectsOf), key=str):
        alternatives.append(f"?__s <{prop}> ?this .")
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)
    if nodes:
        alternatives.append("VALUES ?this { " + " ".join(n.n3() for n in nodes) + " }")
    for target in sorted(shapes.objects(shape, SH.target), key=str):
        select = shapes.value(target, SH.select)
        if select is None:
            return None
        alternatives.append(where_body(THIS.sub("?this", str(select))))
    return alternatives


def _target_block(shapes: Graph, shape: Node) -> str | None:
    """A SPARQL group binding ``?this`` to the shape's focus nodes, or None without targets."""
    alternatives = target_alternatives(shapes, shape, lambda cls: (
        f"?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> ."))
    if not alternatives:
        return None  # no target, or an unsupported kind: let the caller fall back
    return " UNION ".join("{ " + a + " }" for a in alternatives)


def where_body(select: str) -> str:
    """The text between the outermost braces of a SELECT's WHERE clause."""
    start = select.index("{")
    depth = 0
    for i in range(start, len(select)):
        if select[i] == "{":
            depth += 1
        elif select[i] == "}":
            depth -= 1
            if depth == 0:
                return select[start + 1 : i]
    raise ValueError("unbalanced braces in SPARQL constraint")


def constraint_messages(shapes: Graph, constraint: Node) -> tuple[Literal, ...]:
    """A constraint's messages (sh:message and their translations), sorted."""
    found = list(shapes.objects(constraint, SH.message)) + list(shapes.objects(constraint, MESSAGE_TRANSLATION))
    return tuple(sorted((m for m in found if isinstance(m, Literal)), key=str))


def collect(shapes: Graph) -> tuple[list[SparqlConstraint], Graph]:
    """Split ``shapes``: the SPARQL constraints as queries, and a copy without ``sh:sparql``.

    A constraint whose shape has a target kind this module cannot join stays in the copy (so
    pySHACL still checks it).
    """
    constraints: list[SparqlConstraint] = []
    kept: set[tuple[Node, Node]] = set()
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=lambda so: (str(so[0]), str(so[1]))):
        if (shape, SH.deactivated, Literal(True)) in shapes or (constraint, SH.deactivated, Literal(True)) in shapes:
            kept.add((shape, constraint))
            continue
        select = shapes.value(constraint, SH.select)
        targets = _target_block(shapes, shape)
        if select is None or targets is None or not isinstance(shape, URIRef):
            kept.add((shape, constraint))
            continue
        text = THIS.sub("?this", str(select))
        brace = text.index("{")
        query = (
            prefix_lines(shapes, constraint) + "\n" + text[: brace + 1]
            + "\n  { SELECT DISTINCT ?this WHERE { " + targets + " } }\n" + text[brace + 1 :]
        )
        severity = shapes.value(shape, SH.severity) or SH.Violation
        constraints.append(SparqlConstraint(shape, constraint, severity, query,
                                            constraint_messages(shapes, constraint)))
    rest = Graph()
    for t in shapes:
        if t[1] == SH.sparql and (t[0], t[2]) not in kept:
            continue
        rest.add(t)
    return constraints, rest


@lru_cache(maxsize=256)
def _prepared(query: str):
    return prepareQuery(query)


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _substitute(message: Literal, values: dict[str, str]) -> Literal:
    """``message`` with each ``{?var}``/``{$this}`` replaced by its binding (tag kept)."""
    text = _VAR_IN_MESSAGE.sub(lambda m: values.get(m.group(1), m.group(0)), str(message))
    return Literal(text, lang=message.language)


def finding(c: SparqlConstraint, binding: dict[str, Node]) -> dict | None:
    """The finding of one result row of ``c`` (None for rows that are not results)."""
    this = binding.get("this")
    if this is None:
        return None
    if binding.get("failure") is not None and binding["failure"] == Literal(True):
        return None
    value = binding.get("value", this)
    subst = {k: _text(v) for k, v in binding.items()}
    subst["this"] = _text(this)
    return {
        "severity": str(c.severity).rsplit("#", 1)[-1],
        "shape_node": c.shape,
        "focus": str(this),
        "path_node": binding.get("path"),
        "value_node": value,
        "messages": [_substitute(msg, subst) for msg in c.messages],
    }


def run(constraints: list[SparqlConstraint], data: Graph) -> list[dict]:
    """Evaluate each constraint once over ``data``; one dict per finding (see validate._read_report)."""
    out: list[dict] = []
    for c in constraints:
        for row in data.query(_prepared(c.query)):
            found = finding(c, row.asdict())
            if found is not None:
                out.append(found)
    return out
