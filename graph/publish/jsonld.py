"""JSON-LD compacted with the shipped context, written directly from triples (no rdflib graph).

Contract: :func:`compact` turns triples into a JSON-LD document whose ``@context`` is the shipped
context (``ontology/context.jsonld``) or only the part of it the document uses, and which expands
to exactly the same triples. Term choice follows the context's definitions: a term with
``@container: @language`` takes language-tagged strings as a language map, ``@type: @id`` takes
IRIs, ``@type: @vocab`` takes IRIs written as terms (``PerYear``), a datatype-coerced term takes
literals of that datatype as plain strings, an untyped term takes anything in value-object form;
a value no term fits goes under the predicate's compact IRI (``pol:x``) in value-object form.
Nodes are sorted by id, keys and values sorted: the output is deterministic.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_RDF_TYPE = RDF.type  # namespace attributes are looked up in Python: hoisted
_XSD_STRING = XSD.string


class Compactor:
    """Term selection for one context (built once, reused for every document)."""

    def __init__(self, ctx: dict) -> None:
        self.ctx = ctx
        self.prefixes = {k: v for k, v in ctx.items()
                         if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))}
        self.terms: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        self.vocab_terms: dict[str, str] = {}
        for name, value in sorted(ctx.items()):
            if name.startswith("@") or name in self.prefixes:
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                iri = self.expand(value)
                self.terms[iri].append((name, None, None))
                self.vocab_terms.setdefault(iri, name)
            elif isinstance(value, dict) and "@id" in value:
                kind = value.get("@type")
                iri = self.expand(value["@id"])
                coerced = kind if kind in (None, "@id", "@vocab") else self.expand(kind)
                self.terms[iri].append((name, coerced, value.get("@container")))
        self._compact: dict[str, str] = {}
        self.context_order = {k: i for i, k in enumerate(ctx)}
        self.context_always = [k for k in ctx if k.startswith("@")]

    def expand(self, text: str) -> str:
        """A compact IRI (``pol:x``) or a term as a full IRI."""
        if ":" in text:
            prefix, local = text.split(":", 1)
            if prefix in self.prefixes:
                return self.prefixes[prefix] + local
        return text

    def compact_iri(self, iri: str) -> str:
        """``pol:maxAmount`` for a full IRI under a known prefix, else the IRI itself."""
        hit = self._compact.get(iri)
        if hit is None:
            hit = iri
            best = ""
            for prefix, ns in self.prefixes.items():
                if iri.startswith(ns) and len(ns) > len(best) and len(iri) > len(ns):
                    local = iri[len(ns):]
                    if not local.startswith("//"):
                        hit, best = f"{prefix}:{local}", ns
            self._compact[iri] = hit
        return hit

    def vocab(self, iri: str) -> str:
        """An IRI as a vocabulary-relative value: a term naming it, else a compact IRI."""
        return self.vocab_terms.get(iri) or self.compact_iri(iri)

    def value_object(self, o: Node) -> object:
        """The value in expanded form (usable under any untyped key)."""
        if isinstance(o, BNode):
            return {"id": f"_:{o}"}
        if isinstance(o, URIRef):
            return {"id": str(o)}
        assert isinstance(o, Literal)
        if o.language:
            return {"@value": str(o), "@language": o.language}
        if o.datatype is None or o.datatype == _XSD_STRING:
            return str(o)
        return {"@value": str(o), "@type": self.compact_iri(str(o.datatype))}

    def place(self, p: str, o: Node) -> tuple[str, str | None, object]:
        """(key, language for a language map or None, value) for one statement's object."""
        for name, coerced, container in self.terms.get(p, ()):
            if container == "@language":
                if isinstance(o, Literal) and o.language:
                    return name, o.language, str(o)
                continue
            if container is not None:
                continue
            if coerced == "@id" and isinstance(o, URIRef | BNode):
                return name, None, str(o) if isinstance(o, URIRef) else f"_:{o}"
            if coerced == "@vocab" and isinstance(o, URIRef):
                return name, None, self.vocab(str(o))
            if coerced not in (None, "@id", "@vocab") and isinstance(o, Literal) \
                    and not o.language and str(o.datatype) == coerced:
                return name, None, str(o)
            if coerced is None:
                return name, None, self.value_object(o)
        return self.compact_iri(p), None, self.value_object(o)

    def node(self, s: Node, preds: dict[Node, list[Node]]) -> dict:
        """One node object."""
        out: dict[str, object] = {"id": str(s) if isinstance(s, URIRef) else f"_:{s}"}
        plain: dict[str, list] = defaultdict(list)
        maps: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for p, objs in preds.items():
            if p == _RDF_TYPE:
                types = sorted(self.vocab(str(o)) if isinstance(o, URIRef) else f"_:{o}"
                               for o in objs)
                out["type"] = types[0] if len(types) == 1 else types
                continue
            for o in objs:
                key, lang, value = self.place(str(p), o)
                if lang is None:
                    plain[key].append(value)
                else:
                    maps[key][lang].append(value)
        for key, values in plain.items():
            values = sorted(values, key=_order)
            out[key] = values[0] if len(values) == 1 else values
        for key, langs in maps.items():
            out[key] = {lang: (sorted(v)[0] if len(v) == 1 else sorted(v))
                        for lang, v in sorted(langs.items())}
        return dict(sorted(out.items()))

    def used_context(self, doc: object) -> dict:
        """The part of the context that ``doc`` uses: its terms and the prefixes they need."""
        wanted: set[str] = set()
        _strings(doc, wanted)
        keep: set[str] = set()
        todo = list(wanted)
        while todo:
            word = todo.pop()
            for name in (word, word.split(":", 1)[0] if ":" in word else None):
                if name and name in self.ctx and name not in keep:
                    keep.add(name)
                    more: set[str] = set()
                    _strings(self.ctx[name], more)
                    todo.extend(more)
        keep.update(self.context_always)
        order = self.context_order
        return {k: self.ctx[k] for k in sorted(keep, key=order.__getitem__)}


def _order(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _strings(value: object, out: set[str]) -> None:
    """Every string in ``value`` (dict keys included) into ``out``."""
    todo = [value]
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            out.update(v)
            todo.extend(v.values())
        elif isinstance(v, list):
            todo.extend(v)


_COMPACTORS: dict[int, tuple[dict, Compactor]] = {}


def compactor_for(ctx: dict) -> Compactor:
    """The compactor of a context (cached for the same context object)."""
    hit = _COMPACTORS.get(id(ctx))
    if hit is None or hit[0] is not ctx:
        hit = _COMPACTORS[id(ctx)] = (ctx, Compactor(ctx))
    return hit[1]


def compact(triples: Iterable[Triple], ctx: dict, *, whole_context: bool = True,
            indent: int | None = None) -> bytes:
    """``triples`` as compacted JSON-LD bytes (see module docstring)."""
    c = compactor_for(ctx)
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    seen: set[Triple] = set()
    for t in triples:
        if t not in seen:
            seen.add(t)
            by_subject[t[0]][t[1]].append(t[2])
    nodes = [c.node(s, preds) for s, preds in by_subject.items()]
    if len({n["id"] for n in nodes}) == len(nodes):  # ids tell the nodes apart: no tie to break
        nodes.sort(key=lambda n: n["id"])
    else:
        nodes.sort(key=lambda n: (str(n["id"]), json.dumps(n, sort_keys=True,
                                                           ensure_ascii=False)))
    body = {"@graph": nodes}
    doc = {"@context": ctx if whole_context else c.used_context(body), **body}
    return (json.dumps(doc, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
