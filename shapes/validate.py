"""SHACL validation of a policykg graph, per source graph, plus a readable report.

Two engines give the same results: pySHACL run graph by graph (the reference) and the shapes
compiled to SPARQL on Oxigraph (:mod:`policykg.shapes.oxigraph_engine`, all graphs at once).

Contract: :func:`validate_dataset` checks every named graph (one per source, plus the vocabularies)
against the shapes in ``policy.shapes.ttl`` that are local to one source, then checks the
cross-document shapes (``polsh:scope polsh:CrossDocument``: repeals) once over a projection of the
union, so the cost grows linearly with the number of documents. The class hierarchy comes from
the ontology graph (``rdfs:subClassOf``), mixed in with inference ``none``. Results are sorted and
the report graph is deterministic. "Conforms" means: no result of severity ``sh:Violation``
(Warnings list what is incomplete but do not fail the build).

Why this module is longer than 400 lines: it holds the result model both engines fill,
the split of a dataset into per-source units and the report writer; the SPARQL engine lives in
``oxigraph_engine.py``, the text report in ``report_text.py``, names in ``names.py``. Splitting
the result model from the units is the next step.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node
from rdflib.util import from_n3

from policykg.ontology.namespace import OA, ONTOLOGY_IRI, POL
from policykg.shapes import sparql_engine
from policykg.shapes.names import POLSH, SEVERITY_ORDER
from policykg.shapes.names import curie as _curie
from policykg.shapes.names import expand as _expand
from policykg.store.base import normalise_term
from policykg.store.paths import atomic_write_bytes

SHAPES_IRI = URIRef("https://w3id.org/policykg/shapes")
# Predicates copied from the union into each per-graph unit for the nodes it mentions, so that
# sh:class and label checks see types and names stated in another graph (e.g. the vocabularies).
CONTEXT_PREDICATES = (RDF.type, RDFS.label, SKOS.prefLabel)
# The only predicates the cross-document shapes read (see polsh:RepealShape).
CROSS_DOCUMENT_PREDICATES = (POL.repeals, POL.repealedBy, POL.dateIssued)
_PARENT_LINKS = (POL.partOf, POL.attestedBy)
_CHILD_LINKS = (POL.providesInstrument, POL.hasClaim, POL.hasLink, POL.evidence, POL.hasMeasure)


class GraphReadError(Exception):
    """A graph file could not be read; ``str(err)`` is one sentence naming the file."""


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, enriched for a human reader.

    ``shape`` is the node shape the rule belongs to (for grouping); ``source_shape`` is the exact
    ``sh:sourceShape`` (a property shape IRI for property rules). ``graph`` names the unit checked.
    """

    severity: str  # "Violation" | "Warning" | "Info"
    shape: str
    source_shape: str
    focus: str
    component: str
    path: str | None = None
    value: str | None = None
    value_n3: str | None = None  # the exact RDF term of ``value`` (N3 syntax), for the report graph
    message: str = ""
    message_zh: str | None = None
    focus_label: str | None = None
    source_file: str | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    graph: str | None = None

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 9), self.shape, self.focus, self.source_shape,
                self.component, self.path or "", self.value or "", self.message)


@dataclass(slots=True)
class ValidationResult:
    """The outcome of a validation: ``conforms`` (no Violation), sorted ``results``, report graph."""

    conforms: bool
    results: list[Result] = field(default_factory=list)
    units: int = 0

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def graph(self) -> Graph:
        """The results as a ``sh:ValidationReport`` graph (deterministic blank-node labels)."""
        return report_graph(self)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the report graph as Turtle to ``path`` atomically (temp file + rename)."""
        return _atomic_write(Path(path), self.to_ttl())

    def to_ttl(self) -> str:
        return self.graph.serialize(format="turtle")

    def to_json(self) -> str:
        """The report as JSON: conforms, counts and every result's fields."""
        payload = {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "graphs_checked": self.units,
            "results": [asdict(r) for r in self.results],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def to_text(self) -> str:
        """A report a person can act on: grouped by shape, with label, file and quoted span."""
        from policykg.shapes.report_text import render_text

        return render_text(self)


# ----------------------------------------------------------------------------- shapes & ontology


def shapes_file() -> Path:
    """The packaged SHACL shapes file."""
    return Path(str(resources.files("policykg.shapes") / "policy.shapes.ttl"))


@cache
def load_shapes() -> Graph:
    """The shapes graph, parsed once per process."""
    g = Graph()
    g.parse(shapes_file(), format="turtle")
    return g


@cache
def _shapes_for(scope: str) -> tuple[list[sparql_engine.SparqlConstraint], Graph]:
    """For one scope ("local" | "cross"): its SPARQL constraints, and the rest for pySHACL.

    The node shapes of the other scope are dropped (their triples removed).
    """
    full = load_shapes()
    _, local, cross = _shape_index()
    drop = {URIRef(s) for s in (cross if scope == "local" else local)}
    g = Graph()
    for t in full:
        if t[0] not in drop:
            g.add(t)
    return sparql_engine.collect(g)


@cache
def _shape_index() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """(property shape → node shape, local node shapes, cross-document node shapes)."""
    g = load_shapes()
    parent: dict[str, str] = {}
    for node_shape, prop_shape in g.subject_objects(SH.property):
        parent[str(prop_shape)] = str(node_shape)
    local, cross = [], []
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, URIRef):
            continue
        (cross if (shape, POLSH.scope, POLSH.CrossDocument) in g else local).append(str(shape))
    return parent, tuple(local), tuple(cross)


@cache
def _packaged_hierarchy() -> Graph:
    """Class/property hierarchy of the packaged ontology (empty if it is not there yet)."""
    g = Graph()
    try:
        from policykg.ontology.gazetteer import ontology_file

        path = ontology_file()
        if path.is_file():
            full = Graph()
            full.parse(data=path.read_text(encoding="utf-8"), format="turtle")
            g = _hierarchy_of(full.triples((None, None, None)))
    except (ImportError, OSError):
        pass
    return g


def _hierarchy_of(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    g = Graph()
    for s, p, o in triples:
        if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass):
            g.add((s, p, o))
    return g


def ontology_hierarchy(ds: Dataset | None = None) -> Graph:
    """The ``rdfs:subClassOf`` hierarchy: from the dataset's ontology graph, else the packaged one."""
    if ds is not None:
        onto = ds.graph(ONTOLOGY_IRI)
        if len(onto):
            return _hierarchy_of(onto)
    return _packaged_hierarchy()


# ----------------------------------------------------------------------------- units


Triple = tuple[Node, Node, Node]


@dataclass(slots=True)
class _Unit:
    name: str
    triples: list[Triple]
    focus: list[str]
    scope: str  # "local" | "cross"


class _UnionIndex:
    """Each named graph's triples (read once) and their union indexed by subject and object."""

    def __init__(self, ds: Dataset) -> None:
        self.graphs: dict[Node, list[Triple]] = {}
        self.out: dict[Node, dict[Node, set[Node]]] = {}
        self.inc: dict[Node, dict[Node, set[Node]]] = {}
        for g in ds.graphs():
            triples = list(g)
            if not triples:
                continue
            self.graphs.setdefault(g.identifier, []).extend(triples)
            for s, p, o in triples:
                self.out.setdefault(s, {}).setdefault(p, set()).add(o)
                self.inc.setdefault(o, {}).setdefault(p, set()).add(s)

    def objects(self, s: Node, p: Node) -> set[Node]:
        return self.out.get(s, {}).get(p, set())

    def subjects(self, p: Node, o: Node) -> set[Node]:
        return self.inc.get(o, {}).get(p, set())

    def pairs(self, p: Node) -> Iterator[tuple[Node, Node]]:
        for s, by_p in self.out.items():
            for o in by_p.get(p, ()):
                yield s, o


def _units(index: _UnionIndex) -> Iterator[_Unit]:
    """One unit per non-empty named graph (ontology excluded), plus the cross-document unit."""
    _, _, cross = _shape_index()
    for identifier in sorted((i for i in index.graphs if i != ONTOLOGY_IRI), key=str):
        triples = index.graphs[identifier]
        unit: set[Triple] = set(triples)
        nodes = {n for t in triples for n in (t[0], t[2]) if isinstance(n, URIRef)}
        for node in nodes:
            for p in CONTEXT_PREDICATES:
                for o in index.objects(node, p):
                    unit.add((node, p, o))
        # A node is checked in the graph(s) that type it: an agency typed in the vocabulary and
        # only quoted (pol:evidence) in a document graph is checked with the vocabulary.
        focus = sorted({str(t[0]) for t in triples if t[1] == RDF.type and isinstance(t[0], URIRef)})
        if not focus:
            continue
        name = "" if identifier == DATASET_DEFAULT_GRAPH_ID else str(identifier)
        yield _Unit(name, sorted(unit), focus, "local")
    projection = sorted({(s, p, o) for p in CROSS_DOCUMENT_PREDICATES for s, o in index.pairs(p)})
    if projection and cross:
        yield _Unit("(union of all graphs)", projection, [], "cross")


def _raw_results(unit: _Unit, hierarchy: list[Triple]) -> list[dict]:
    """Run pySHACL on one unit; return plain dicts (picklable) of the raw results."""
    from pyshacl import validate

    constraints, core_shapes = _shapes_for(unit.scope)
    data = Graph()
    for t in unit.triples:
        data.add(t)
    for t in hierarchy:
        data.add(t)
    _, report, _ = validate(
        data,
        shacl_graph=core_shapes,
        inference="none",
        advanced=True,
        inplace=True,
        allow_warnings=True,
    )
    raws = _read_report(report, unit.name)
    raws += [_sparql_raw(f, unit.name) for f in sparql_engine.run(constraints, data)]
    if unit.focus:  # drop findings on context-only nodes: they are checked in their own graph
        keep = set(unit.focus)
        raws = [r for r in raws if r["focus"] in keep]
    return raws


def _read_report(report: Graph, unit_name: str) -> list[dict]:
    parent, _, _ = _shape_index()
    out = []
    for res in report.objects(None, SH.result):
        source_shape = report.value(res, SH.sourceShape)
        messages = _pick_messages(list(report.objects(res, SH.resultMessage)), source_shape)
        out.append(_raw(
            severity=_local(report.value(res, SH.resultSeverity)), source_shape=str(source_shape),
            shape=parent.get(str(source_shape), str(source_shape)),
            focus=str(report.value(res, SH.focusNode)),
            component=_curie(report.value(res, SH.sourceConstraintComponent)),
            path=_path_text(report, report.value(res, SH.resultPath)),
            value=report.value(res, SH.value), messages=messages, unit_name=unit_name))
    return out


def _raw(*, severity: str, source_shape: str, shape: str, focus: str, component: str,
         path: str | None, value: Node | None, messages: tuple[str, str | None],
         unit_name: str) -> dict:
    """One raw result (picklable), whichever engine found it."""
    return {
        "severity": severity, "source_shape": source_shape, "shape": shape, "focus": focus,
        "component": component, "path": path,
        "value": _value_text(value) if value is not None else None,
        "value_n3": normalise_term(value).n3() if value is not None else None,
        "message": messages[0], "message_zh": messages[1], "graph": unit_name,
    }


def _sparql_raw(finding: dict, unit_name: str) -> dict:
    shape = str(finding["shape_node"])
    path = finding["path_node"]
    return _raw(severity=finding["severity"], source_shape=shape, shape=shape,
                focus=finding["focus"], component="sh:SPARQLConstraintComponent",
                path=_curie(path) if isinstance(path, URIRef) else None,
                value=finding["value_node"], messages=_pick_messages(finding["messages"], None),
                unit_name=unit_name)


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@cache
def _generic_messages(shape: str) -> frozenset[str]:
    """Messages of a node shape: pySHACL adds them to SPARQL results next to the specific ones."""
    return frozenset(str(m) for m in load_shapes().objects(URIRef(shape), SH.message))


def _pick_messages(messages: list[Node], source_shape: Node | None) -> tuple[str, str | None]:
    """(English message, simplified-Chinese message or None), the most specific ones.

    pySHACL drops language tags when it substitutes ``{?var}`` in SPARQL messages, so untagged
    messages are told apart by script.
    """
    generic = _generic_messages(str(source_shape)) if source_shape is not None else frozenset()
    specific = [m for m in messages if str(m) not in generic] or messages
    ordered = sorted(specific, key=str)

    def lang(m: Node) -> str | None:
        tag = getattr(m, "language", None)
        if tag:
            return tag
        return "zh-Hans" if _is_cjk(str(m)) else "en"

    en = next((str(m) for m in ordered if lang(m) == "en"), "")
    zh = next((str(m) for m in ordered if lang(m) == "zh-Hans"), None)
    return en or (str(ordered[0]) if ordered else ""), zh


def _local(node: Node | None) -> str:
    text = str(node or "")
    return text.rsplit("#", 1)[-1]


def _path_text(g: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _curie(path)
    alt = g.value(path, SH.alternativePath)
    if alt is not None:
        from rdflib.collection import Collection

        return "|".join(_curie(p) for p in Collection(g, alt))
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _curie(inverse)
    return str(path)


def _value_text(value: Node) -> str:
    if isinstance(value, Literal):
        return str(normalise_term(value))
    if isinstance(value, URIRef):
        return _curie(value)
    return "(blank node)"


# ----------------------------------------------------------------------------- enrichment


class _Lookup:
    """Labels, source files and evidence spans read from the union of a dataset."""

    def __init__(self, index: _UnionIndex) -> None:
        self.index = index

    def objects(self, s: Node, p: Node) -> list[Node]:
        return sorted(self.index.objects(s, p), key=str)

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return sorted(self.index.subjects(p, o), key=str)

    def label(self, node: Node) -> str | None:
        for p in (RDFS.label, SKOS.prefLabel, POL.title, POL.heading):
            labels = [o for o in self.objects(node, p) if isinstance(o, Literal)]
            for lang in ("zh-Hans", "en", "zh-Hant", None):
                for o in labels:
                    if o.language == lang:
                        return str(o)
            if labels:
                return str(labels[0])
        for number in self.objects(node, POL.documentNumber):
            return str(number)
        return None

    def _owners(self, node: Node) -> list[Node]:
        owners: list[Node] = []
        for p in _PARENT_LINKS:
            owners.extend(self.objects(node, p))
        for p in _CHILD_LINKS:
            owners.extend(self.subjects(p, node))
        return owners

    def source_file(self, node: Node) -> str | None:
        seen: set[Node] = set()
        frontier = [node]
        for _ in range(6):
            nxt: list[Node] = []
            for n in frontier:
                if n in seen:
                    continue
                seen.add(n)
                for src in self.objects(n, POL.source) + self.objects(n, OA.hasSource):
                    for name in self.objects(src, POL.fileName):
                        return str(name)
                for ev in self.objects(n, POL.evidence):
                    for src in self.objects(ev, OA.hasSource):
                        for name in self.objects(src, POL.fileName):
                            return str(name)
                nxt.extend(self._owners(n))
            frontier = nxt
            if not frontier:
                break
        return None

    def evidence(self, node: Node) -> tuple[str | None, int | None, int | None]:
        candidates = [node] if self.objects(node, OA.exact) else []
        candidates += self.objects(node, POL.evidence)
        best: tuple[int, int, str] | None = None
        for ev in candidates:
            exact = self.objects(ev, OA.exact)
            start = self.objects(ev, OA.start)
            end = self.objects(ev, OA.end)
            if not exact:
                continue
            s = _as_int(start[0]) if start else None
            e = _as_int(end[0]) if end else None
            key = (s if s is not None else -1, e if e is not None else -1, str(exact[0]))
            if best is None or key < best:
                best = key
        if best is None:
            return None, None, None
        s, e, text = best
        return text, (s if s >= 0 else None), (e if e >= 0 else None)


def _as_int(node: Node) -> int | None:
    try:
        return int(str(node))
    except ValueError:
        return None


def _enrich(raw: dict, lookup: _Lookup) -> Result:
    focus = URIRef(raw["focus"])
    label = lookup.label(focus)
    if label is None:
        for owner in lookup.subjects(POL.evidence, focus):
            owner_label = lookup.label(owner)
            if owner_label:
                label = f"evidence of {owner_label}"
                break
    quote, start, end = lookup.evidence(focus)
    return Result(
        severity=raw["severity"], shape=raw["shape"], source_shape=raw["source_shape"],
        focus=raw["focus"], component=raw["component"], path=raw["path"], value=raw["value"],
        value_n3=raw["value_n3"],
        message=raw["message"], message_zh=raw["message_zh"], focus_label=label,
        source_file=lookup.source_file(focus), evidence=quote, evidence_start=start,
        evidence_end=end, graph=raw["graph"],
    )


# ----------------------------------------------------------------------------- entry points


ENGINES = ("pyshacl", "oxigraph")


def validate_dataset(ds: Dataset, *, jobs: int = 1, engine: str = "pyshacl") -> ValidationResult:
    """Validate every named graph of ``ds`` (and the cross-document rules once over the union).

    ``engine`` "pyshacl" runs pySHACL per graph (``jobs`` > 1: in a process pool); "oxigraph"
    runs the shapes compiled to SPARQL on all graphs at once (same results, tested).
    Deterministic: results are de-duplicated (a node checked in two graphs yields one result)
    and sorted.
    """
    _check_engine(engine)
    hierarchy = list(ontology_hierarchy(ds))
    if engine == "oxigraph":
        from policykg.shapes import oxigraph_engine
        from policykg.store.ntriples import dataset_nquads

        return _validate_scratch(oxigraph_engine.scratch_from_nquads(dataset_nquads(ds)), hierarchy, jobs)
    index = _UnionIndex(ds)
    units = list(_units(index))
    raws: list[dict] = []
    if jobs > 1 and len(units) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(units))) as pool:
            for part in pool.map(_raw_results, units, [hierarchy] * len(units)):
                raws.extend(part)
    else:
        for unit in units:
            raws.extend(_raw_results(unit, hierarchy))
    return _finish(raws, _Lookup(index), len(units))


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}.")


def _store_hierarchy(store) -> list[Triple]:
    """The class hierarchy stated in the store's ontology graph, else the packaged one."""
    import pyoxigraph as ox

    from policykg.store.base import term_from_oxigraph

    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_IRI)))
    found = _hierarchy_of((term_from_oxigraph(q.subject), term_from_oxigraph(q.predicate),
                           term_from_oxigraph(q.object)) for q in quads)
    return list(found if len(found) else _packaged_hierarchy())


def _validate_scratch(scratch, hierarchy: list[Triple], jobs: int = 1) -> ValidationResult:
    """Validate with the Oxigraph engine, on a scratch store it may add graphs to."""
    from policykg.shapes import oxigraph_engine as engine

    _, _, cross = _shape_index()
    compiled = engine.compile_shapes(load_shapes(), hierarchy, cross)
    local_units, has_cross = engine.prepare_units(
        scratch, ontology=str(ONTOLOGY_IRI), context=CONTEXT_PREDICATES,
        cross_predicates=CROSS_DOCUMENT_PREDICATES)
    cross_unit = has_cross and bool(cross)
    checks = compiled.local + (compiled.cross if cross_unit else [])
    found = engine.run(scratch, checks, jobs)
    return results_from_found(found, engine.StoreIndex(scratch), local_units + int(cross_unit))


def results_from_found(found: list[dict], index, units: int) -> ValidationResult:
    """The validation result of the Oxigraph engine's findings (:func:`oxigraph_engine.run`, any
    units, in any order of units), enriched from ``index`` (``objects``/``subjects`` over the
    union of the data, e.g. :class:`oxigraph_engine.StoreIndex`). Findings are put in the
    pySHACL unit order first (a stable sort), so the report is the same however they were found.
    """
    from policykg.shapes import oxigraph_engine as engine

    found.sort(key=lambda f: (f["unit"] == engine.CROSS_GRAPH, f["unit"]))  # the pySHACL unit order
    raws = []
    for f in found:
        name = engine.unit_name(f["unit"])
        raws.append(_sparql_raw(f["sparql"], name) if "sparql" in f else _core_raw(f, name))
    return _finish(raws, _Lookup(index), units)


def _core_raw(finding: dict, unit_name: str) -> dict:
    parent, _, _ = _shape_index()
    source_shape = str(finding["source_shape"])
    return _raw(severity=_local(finding["severity"]), source_shape=source_shape,
                shape=parent.get(source_shape, source_shape), focus=finding["focus"],
                component=_curie(finding["component"]),
                path=_path_text(load_shapes(), finding["path"]), value=finding["value"],
                messages=_pick_messages(finding["messages"], finding["source_shape"]),
                unit_name=unit_name)


def _finish(raws: list[dict], lookup: _Lookup, units: int) -> ValidationResult:
    """De-duplicate (the first unit wins), enrich and sort the raw results."""
    unique: dict[tuple, Result] = {}
    for raw in raws:
        key = (raw["severity"], raw["source_shape"], raw["focus"], raw["component"],
               raw["path"], raw["value"], raw["message"])
        if key not in unique:
            unique[key] = _enrich(raw, lookup)
    results = sorted(unique.values(), key=Result.sort_key)
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationResult(conforms=conforms, results=results, units=units)


def validate_graph(g: Graph, *, engine: str = "pyshacl") -> ValidationResult:
    """Validate one plain graph (all triples form one unit) — a convenience for small graphs."""
    ds = Dataset()
    target = ds.graph(URIRef("urn:policykg:graph"))
    for t in g:
        target.add(t)
    return validate_dataset(ds, engine=engine)


_FORMATS = {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle", ".n3": "n3",
            ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


def read_dataset(path: str | os.PathLike[str], *, allow_network: bool = False) -> Dataset:
    """Read a graph file into a Dataset (.trig/.nq keep their named graphs; the triples of any
    other format form one graph named after the file), through policykg's safe reader: no
    entity expansion, no remote JSON-LD context unless ``allow_network``."""
    from policykg.store.base import RDFInputError
    from policykg.store.rdfinput import load_dataset

    p = Path(path)
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphReadError(f"{p}: unknown RDF file type '{p.suffix}'; use .trig, .nq, .nt or .ttl.")
    if not p.is_file():
        raise GraphReadError(f"{p}: no such file; build the graph first (policykg build) or pass its path.")
    try:
        return load_dataset(p, Dataset(), allow_network=allow_network,
                            graph_name=None if fmt in ("trig", "nquads") else p.resolve().as_uri())
    except RDFInputError as err:
        raise GraphReadError(str(err)) from err


def validate_file(path: str | os.PathLike[str], *, jobs: int = 1, engine: str = "pyshacl",
                  allow_network: bool = False) -> ValidationResult:
    """Read ``path`` (.trig, .nq, .nt or .ttl) and validate it (bad input: :class:`GraphReadError`).

    The Oxigraph engine reads the file itself (no rdflib parse); the others go through
    :func:`read_dataset` (``allow_network``: a JSON-LD file may fetch its remote contexts).
    """
    _check_engine(engine)
    p = Path(path)
    if engine != "oxigraph" or p.suffix.lower() not in (".trig", ".nq", ".nt", ".ttl"):
        return validate_dataset(read_dataset(p, allow_network=allow_network), jobs=jobs,
                                engine=engine)
    from policykg.shapes import oxigraph_engine

    if not p.is_file():
        read_dataset(p)  # raises the usual sentence
    try:
        scratch = oxigraph_engine.scratch_from_file(p)
    except (SyntaxError, ValueError, OSError) as err:
        text = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise GraphReadError(f"{p}: not valid {_FORMATS[p.suffix.lower()]} ({text}).") from err
    return _validate_scratch(scratch, _store_hierarchy(scratch), jobs)


# ----------------------------------------------------------------------------- report graph


def report_graph(result: ValidationResult) -> Graph:
    """A ``sh:ValidationReport`` for ``result`` (sh:conforms true when there is no Violation)."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("pol", POL)
    g.bind("polsh", POLSH)
    g.bind("oa", OA)
    report = BNode("report")
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(result.conforms)))
    for i, r in enumerate(result.results, start=1):
        node = BNode(f"result{i:06d}")
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.resultSeverity, SH[r.severity]))
        g.add((node, SH.focusNode, URIRef(r.focus)))
        g.add((node, SH.sourceShape, URIRef(r.source_shape)))
        if r.component:
            g.add((node, SH.sourceConstraintComponent, _expand(r.component)))
        g.add((node, SH.resultMessage, Literal(r.message, lang="en")))
        if r.message_zh:
            g.add((node, SH.resultMessage, Literal(r.message_zh, lang="zh-Hans")))
        if r.path and "|" not in r.path and not r.path.startswith("^"):
            g.add((node, SH.resultPath, _expand(r.path)))
        value = _term(r)
        if value is not None:
            g.add((node, SH.value, value))
        if r.focus_label:
            g.add((node, RDFS.label, Literal(r.focus_label)))
        if r.source_file:
            g.add((node, POL.fileName, Literal(r.source_file)))
        if r.evidence is not None:
            g.add((node, OA.exact, Literal(r.evidence)))
            if r.evidence_start is not None:
                g.add((node, OA.start, Literal(r.evidence_start)))
            if r.evidence_end is not None:
                g.add((node, OA.end, Literal(r.evidence_end)))
    return g


def _term(r: Result) -> Node | None:
    """The RDF term of a result's value (its N3 form), else the plain text as a literal."""
    if r.value_n3 is not None and not r.value_n3.startswith("_:"):
        try:
            term = from_n3(r.value_n3)
            if isinstance(term, (URIRef, Literal)):
                return term
        except Exception:  # noqa: BLE001 - an odd literal falls back to its text
            pass
    return Literal(r.value) if r.value is not None else None


def _atomic_write(path: Path, text: str) -> Path:
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
