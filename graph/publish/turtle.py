"""A small, fast Turtle writer for the site's per-resource files and the Turtle/TriG dumps.

Contract: :func:`turtle_text` writes any set of triples as valid Turtle, deterministically:
``@prefix`` lines for the prefixes used (from :data:`lod.PREFIXES`), then one block per subject
in sorted order, predicates and objects sorted, ``a`` for ``rdf:type``. IRIs are written as
prefixed names only when the local part is a plain name (letters, digits, ``_``, ``-``), else in
full; literals use the N-Triples escapes (a subset of Turtle), so any character round-trips.
Each term's text is computed once per process and prefix table (the site writes tens of
thousands of small files that share most of their terms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from policykg.store.ntriples import escape_turtle_controls

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_RDF_TYPE = RDF.type
_XSD_STRING = XSD.string
# prefix table -> term -> (text, prefix used or None): shared by every writer of the process
_TEXTS: dict[tuple[tuple[str, str], ...], dict[Node, tuple[str, str | None]]] = {}


class TermWriter:
    """Writes terms, remembering which prefixes were used; every term's text is cached (for
    the process, per prefix table)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()
        self._cache = _TEXTS.setdefault(tuple(sorted(prefixes.items())), {})
        self.type_text = self.entry(_RDF_TYPE)[0]

    def entry(self, t: Node) -> tuple[str, str | None]:
        """The term's (text, prefix) without marking the prefix as used."""
        hit = self._cache.get(t)
        if hit is None:
            hit = self._cache[t] = self._write(t)
        return hit

    def term(self, t: Node) -> str:
        hit = self._cache.get(t)
        if hit is None:
            hit = self._cache[t] = self._write(t)
        if hit[1] is not None:
            self.used.add(hit[1])
        return hit[0]

    def _write(self, t: Node) -> tuple[str, str | None]:
        if isinstance(t, Literal):
            if t.datatype == _XSD_STRING:
                t = Literal(str(t))
            return escape_turtle_controls(_quoteLiteral(t)), None  # rdflib leaves \x0c… raw
        if isinstance(t, BNode):
            return f"_:{t}", None
        s = str(t)
        for prefix, ns in self.prefixes:
            if s.startswith(ns) and _LOCAL.fullmatch(s[len(ns):]):
                return f"{prefix}:{s[len(ns):]}", prefix
        return t.n3() if isinstance(t, URIRef) else str(t), None

    def header(self) -> str:
        ns = dict(self.prefixes)
        return "".join(f"@prefix {p}: <{ns[p]}> .\n" for p in sorted(self.used))


def blocks(triples: Iterable[tuple[Node, Node, Node]], w: TermWriter) -> str:
    """The subject blocks of ``triples`` (no prefixes), sorted by their written form, as Turtle."""
    by_subject: dict[str, dict[str, set[str]]] = {}
    entry, used = w.entry, w.used
    type_text = w.type_text
    for s, p, o in triples:  # grouped by written form: distinct terms have distinct texts
        st, sp = entry(s)
        preds = by_subject.get(st)
        if preds is None:
            preds = by_subject[st] = {}
            if sp is not None:
                used.add(sp)
        pt, pp = entry(p)
        if pt == type_text:
            pt = "a"
        elif pp is not None:
            used.add(pp)
        ot, op = entry(o)
        if op is not None:
            used.add(op)
        objs = preds.get(pt)
        if objs is None:
            preds[pt] = {ot}
        else:
            objs.add(ot)
    out = []
    for text in sorted(by_subject):
        preds = by_subject[text]
        lines = [f"    {name} " + " ,\n        ".join(sorted(preds[name]))
                 for name in sorted(preds)]
        out.append(f"{text}\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(out)


def turtle_text(triples: Iterable[tuple[Node, Node, Node]], prefixes: dict[str, str]) -> str:
    """``triples`` as a Turtle document (see module docstring)."""
    w = TermWriter(prefixes)
    body = blocks(triples, w)
    return w.header() + ("\n" if body else "") + body
