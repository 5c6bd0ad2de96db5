"""RDF/XML written directly from sorted triples (the ``policykg.rdf`` dump).

Contract: :func:`rdfxml_bytes` writes one ``rdf:Description`` per subject (``rdf:about`` or
``rdf:nodeID``), in the order of the triples given (sorted), with one property element per
statement: ``rdf:resource``/``rdf:nodeID`` for resources, ``xml:lang`` or ``rdf:datatype`` for
literals. Namespaces are the known prefixes, plus ``ns1``, ``ns2``… in order of first use for
others. Text goes through :func:`xml_safe` (characters XML 1.0 cannot hold are dropped) and
carriage returns, tabs and line feeds in attributes are written as character references, so
a reader gets back the same literal. Raises ValueError for a predicate that cannot be written
as an XML name (as every RDF/XML writer must).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from policykg.store.xmlsafe import xml_safe

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")
_NODE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def _text(value: str) -> str:
    return (xml_safe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attr(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _node_id(b: Node) -> str:
    label = _NODE_ID.sub("_", str(b))
    return label if label[:1].isalpha() or label[:1] == "_" else f"b{label}"


class _Names:
    """Property IRIs as qualified names, declaring namespaces as needed."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.by_ns = {ns: p for p, ns in prefixes.items()}
        self.used: dict[str, str] = {}
        self.cache: dict[Node, str] = {}
        self.extra = 0

    def qname(self, p: Node) -> str:
        hit = self.cache.get(p)
        if hit is not None:
            return hit
        iri = str(p)
        m = _NCNAME.search(iri)  # the longest name at the end of the IRI
        if m is None or m.start() == 0:
            raise ValueError(f"{iri} cannot be written as an RDF/XML property name")
        ns, local = iri[: m.start()], iri[m.start():]
        prefix = self.by_ns.get(ns)
        if prefix is None:
            self.extra += 1
            prefix = self.by_ns[ns] = f"ns{self.extra}"
        self.used[prefix] = ns
        hit = self.cache[p] = f"{prefix}:{local}"
        return hit


def rdfxml_bytes(triples: Iterable[tuple[Node, Node, Node]], prefixes: dict[str, str]) -> bytes:
    """The triples (sorted by subject) as an RDF/XML document (see module docstring)."""
    names = _Names(prefixes)
    names.used["rdf"] = str(RDF)
    body: list[str] = []
    current: Node | None = None
    for s, p, o in triples:
        if s != current:
            if current is not None:
                body.append("  </rdf:Description>\n")
            who = (f'rdf:nodeID="{_node_id(s)}"' if isinstance(s, BNode)
                   else f'rdf:about="{_attr(str(s))}"')
            body.append(f"  <rdf:Description {who}>\n")
            current = s
        q = names.qname(p)
        if isinstance(o, Literal):
            if o.language:
                attrs = f' xml:lang="{_attr(o.language)}"'
            elif o.datatype is not None and o.datatype != XSD.string:
                attrs = f' rdf:datatype="{_attr(str(o.datatype))}"'
            else:
                attrs = ""
            body.append(f"    <{q}{attrs}>{_text(str(o))}</{q}>\n")
        elif isinstance(o, BNode):
            body.append(f'    <{q} rdf:nodeID="{_node_id(o)}"/>\n')
        else:
            body.append(f'    <{q} rdf:resource="{_attr(str(o))}"/>\n')
    if current is not None:
        body.append("  </rdf:Description>\n")
    decl = "".join(f'\n   xmlns:{p}="{_attr(ns)}"' for p, ns in sorted(names.used.items()))
    head = f"<?xml version='1.0' encoding='utf-8'?>\n<rdf:RDF{decl}>\n"
    return (head + "".join(body) + "</rdf:RDF>\n").encode("utf-8")
