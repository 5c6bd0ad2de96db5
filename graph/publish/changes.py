"""What changed between two builds, source by source (legislation.gov.uk's "changes to
legislation"), and the change feed of the site (``changes.atom``).

Each source document's statements live in their own named graph (``id:graph/<path>``, whose
main resource is ``id:<path>``), so a change is found per named graph: a graph only in the new
build is a resource **added**, one only in the old build **removed**, one whose statements
differ **changed** (with the statements added and removed); a document that is repealed in the
new build and was not in the old one is also listed as **repealed**. Graphs computed across
documents (``id:graph/links/…``, the similarity links) change with the documents they link and
are no resource of their own: they are not listed.

The feed is Atom (RFC 4287) rather than an RDF changeset: it is what legislation.gov.uk offers
for its changes, every feed reader and crawler follows it without RDF tooling, and each entry
links to the resource's IRI, which answers in RDF by content negotiation.

Contract: deterministic (entries sorted by resource; the feed's dates come from the data, see
:func:`void.newest_date`, never the clock).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rdflib import Literal
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from policykg.graph.publish.lod import _nt_term, prepared
from policykg.graph.publish.void import DATASET, newest_date, version_of
from policykg.ontology.namespace import ID, ONTOLOGY_IRI, POL

Quad = tuple[Node, Node, Node, Node | None]
GRAPH_PREFIX = f"{ID}graph/"
DERIVED_PREFIX = f"{ID}graph/links/"  # graphs computed across documents (similar measures)
KINDS = ("added", "changed", "removed", "repealed")


@dataclass
class Change:
    """One resource that changed: its kind, IRI, named graph, name, the facts (N-Triples
    lines) its graph gained and lost, and how many bookkeeping statements (evidence spans and
    the source-file record, which move whenever the text does) changed besides."""

    kind: str
    resource: str
    graph: str
    label: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bookkeeping: int = 0


@dataclass
class Changes:
    """The changes from one build (``old_version``) to the next (``new_version``)."""

    old_version: str
    new_version: str
    updated: dt.date | None
    entries: list[Change]

    def to_json(self) -> str:
        data = {"old_version": self.old_version, "new_version": self.new_version,
                "updated": self.updated.isoformat() if self.updated else None,
                "changes": [asdict(c) for c in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def to_text(self) -> str:
        lines = [f"{self.old_version} → {self.new_version}: {len(self.entries)} change"
                 f"{'' if len(self.entries) == 1 else 's'}"]
        for c in self.entries:
            counts = (f" (+{len(c.added)} −{len(c.removed)} facts, {c.bookkeeping} evidence "
                      "statements)" if c.kind == "changed" else "")
            lines.append(f"{c.kind:<9} {c.resource}  {c.label}{counts}")
        return "\n".join(lines) + "\n"


_BOOKKEEPING_TYPES = (POL.Evidence, POL.SourceFile)
_BOOKKEEPING_PROPS = (POL.evidence, POL.source)


def _by_graph(quads: list[Quad]) -> tuple[dict[str, set[str]], set[str]]:
    """Per named graph, its statements as N-Triples lines; and the bookkeeping lines."""
    records = {s for s, p, o, _g in quads if p == RDF.type and o in _BOOKKEEPING_TYPES}
    out: dict[str, set[str]] = defaultdict(set)
    bookkeeping: set[str] = set()
    for s, p, o, g in quads:
        if g is not None:
            line = f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} ."
            out[str(g)].add(line)
            if s in records or p in _BOOKKEEPING_PROPS:
                bookkeeping.add(line)
    return out, bookkeeping


def _resource(graph: str) -> str:
    """The main resource of a named graph (``id:graph/doc/…`` → ``id:doc/…``)."""
    return str(ID) + graph[len(GRAPH_PREFIX):] if graph.startswith(GRAPH_PREFIX) else graph


def _labels(quads: Iterable[Quad]) -> dict[str, str]:
    """IRI → its name: the zh-Hans label, else any label (the first in order)."""
    best: dict[str, tuple[int, str]] = {}
    for s, p, o, _g in quads:
        if p == RDFS.label and isinstance(o, Literal):
            rank = 0 if o.language == "zh-Hans" else 1
            if str(s) not in best or (rank, str(o)) < best[str(s)]:
                best[str(s)] = (rank, str(o))
    return {k: v for k, (_r, v) in best.items()}


def _repealed(quads: Iterable[Quad]) -> set[str]:
    out = set()
    for s, p, o, _g in quads:
        if p == POL.repealedBy:
            out.add(str(s))
        elif p == POL.repeals:
            out.add(str(o))
    return out


def diff(old: list[Quad], new: list[Quad]) -> Changes:
    """The changes from the build ``old`` to the build ``new`` (canonical quads of each).
    The facts of an added or removed graph are all its statements but the bookkeeping."""
    (before, kept_old), (after, kept_new) = _by_graph(old), _by_graph(new)
    bookkeeping = kept_old | kept_new
    names = {**_labels(old), **_labels(new)}
    entries: list[Change] = []
    for graph in sorted(set(before) | set(after)):
        was, now = before.get(graph), after.get(graph)
        if was == now or graph.startswith(DERIVED_PREFIX):
            continue  # the similarity links follow from the documents: no resource of their own
        resource = _resource(graph)
        label = names.get(resource, "the ontology" if graph == str(ONTOLOGY_IRI) else "")
        gained, lost = (now or set()) - (was or set()), (was or set()) - (now or set())
        kind = "added" if was is None else "removed" if now is None else "changed"
        entries.append(Change(kind, resource, graph, label, sorted(gained - bookkeeping),
                              sorted(lost - bookkeeping), len((gained | lost) & bookkeeping)))
    for doc in sorted(_repealed(new) - _repealed(old)):
        entries.append(Change("repealed", doc, "", names.get(doc, "")))
    entries.sort(key=lambda c: (c.resource, KINDS.index(c.kind)))
    return Changes(version_of(prepared(old).nt), version_of(prepared(new).nt),
                   newest_date(new), entries)


def atom_bytes(changes: Changes, self_url: str = "https://w3id.org/policykg/changes.atom") -> bytes:
    """The changes as an Atom feed: one entry per change, linking to the resource's IRI."""
    when = f"{(changes.updated or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"
    version = changes.new_version
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
           f"  <id>{escape(str(DATASET))}/changes/{escape(version)}</id>\n",
           f"  <title>policykg: changes from {escape(changes.old_version)} to "
           f"{escape(version)}</title>\n",
           f"  <updated>{when}</updated>\n",
           "  <author><name>policykg</name></author>\n",
           f"  <link rel=\"self\" href={quoteattr(self_url)}/>\n",
           f"  <link rel=\"related\" href={quoteattr(str(DATASET))}/>\n"]
    for c in changes.entries:
        title = f"{c.kind}: {c.label or c.resource}"
        summary = (f"{len(c.added)} facts added, {len(c.removed)} removed"
                   if c.kind == "changed" else f"{c.kind} in version {version}")
        lines = [f"+ {t}" for t in c.added] + [f"- {t}" for t in c.removed]
        out.append(
            "  <entry>\n"
            f"    <id>{escape(str(DATASET))}/changes/{escape(version)}/{escape(c.kind)}/"
            f"{escape(c.resource[len(str(ID)):] if c.resource.startswith(str(ID)) else c.resource)}</id>\n"
            f"    <title>{escape(title)}</title>\n"
            f"    <updated>{when}</updated>\n"
            f"    <link href={quoteattr(c.resource)}/>\n"
            f"    <category term={quoteattr(c.kind)}/>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            + (f"    <content type=\"text\">{escape(chr(10).join(lines))}</content>\n" if lines else "")
            + "  </entry>\n")
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")
