"""Counts over a built graph: the totals, by class, by document, by jurisdiction, by agency.

The totals (documents, measures, offers, agencies, triples…) are those of
:mod:`policykg.queries.counts`, the same numbers with the same words as ``build`` and ``push``;
the breakdowns below them add up to those totals. Entities are shown by their preferred label
(``rdfs:label``/``skos:prefLabel`` in zh-Hans); a document with several jurisdictions (a zone and
the district that shares its administration) shows all of them, joined as ``tables`` does.
Vocabulary entries (anything with ``skos:inScheme``) and the ontology's own terms are not
counted as instances, so the numbers describe what the sources say. Works on a Dataset read
from TriG/N-Quads as well as on a flat N-Triples/Turtle dump.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from policykg.ontology.namespace import ONTOLOGY_IRI, POL
from policykg.queries.counts import Counts, count_dataset
from policykg.queries.counts import render as render_totals

FORMATS = {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle"}
_AGENCY_PROPS = (POL.issuedBy, POL.approvedBy, POL.contactAgency, POL.responsibleAgency,
                 POL.cooperatingAgency)


def load_graph(path: str | Path) -> Dataset:
    """Read a .trig, .nq, .nt or .ttl file into a Dataset whose default graph is the union."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown graph format (use .trig, .nq, .nt or .ttl)")
    ds = Dataset(default_union=True)
    if fmt in ("trig", "nquads"):
        ds.parse(path, format=fmt)
    else:
        ds.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
    return ds


@dataclass(slots=True)
class DocumentRow:
    """One loaded document: its number, title, measures, instruments, jurisdiction."""

    iri: str
    number: str
    title: str
    measures: int
    instruments: int
    jurisdiction: str


@dataclass(slots=True)
class Stats:
    """Everything ``policykg stats`` prints."""

    totals: Counts = field(default_factory=Counts)
    classes: dict[str, int] = field(default_factory=dict)
    documents: list[DocumentRow] = field(default_factory=list)
    stubs: int = 0
    reported: int = 0  # documents known only from a report (pol:attestedBy)
    by_agency: list[tuple[str, int, int]] = field(default_factory=list)  # label, issued, measures
    jurisdictions: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    agencies: int = 0
    agencies_minted: int = 0
    instruments: int = 0  # offers of loaded documents (the totals' ``offers``)
    triples: int = 0
    graphs: int = 0


def _label(ds: Dataset, node, lang: str = "zh-Hans") -> str:
    best = None
    for lit in ds.objects(node, RDFS.label):
        if isinstance(lit, Literal):
            if lit.language == lang:
                return str(lit)
            best = best or str(lit)
    for lit in ds.objects(node, SKOS.prefLabel):
        if isinstance(lit, Literal) and lit.language == lang:
            return str(lit)
    return best or str(node).rsplit("/", 1)[-1]


def _short(iri: URIRef) -> str:
    text = str(iri)
    ns = str(POL._NS)
    return "pol:" + text[len(ns):] if text.startswith(ns) else text


def compute(ds: Dataset) -> Stats:
    """Counts over ``ds`` (a Dataset with a union default graph)."""
    st = Stats()
    ontology = set(ds.graph(ONTOLOGY_IRI).subjects()) if ONTOLOGY_IRI else set()
    vocab = set(ds.subjects(SKOS.inScheme, None))
    counts: Counter[str] = Counter()
    for s, cls in ds.subject_objects(RDF.type):
        if s in vocab or s in ontology or not isinstance(cls, URIRef):
            continue
        if str(cls).startswith(str(POL._NS)):
            counts[_short(cls)] += 1
    st.classes = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    st.totals = count_dataset(ds)
    st.instruments = st.totals.offers
    juris: dict[str, list[int]] = {}
    for doc in sorted(set(ds.subjects(RDF.type, POL.PolicyDocument))):
        if ds.value(doc, POL.source) is None:
            continue
        measures = set(ds.objects(doc, POL.hasMeasure))
        insts = {i for m in measures for i in ds.objects(m, POL.providesInstrument)}
        area_label = "; ".join(sorted({_label(ds, a) for a in ds.objects(doc, POL.jurisdiction)})
                               ) or "(unknown)"
        number = ds.value(doc, POL.documentNumber)
        st.documents.append(DocumentRow(str(doc), str(number or ""), _label(ds, doc),
                                        len(measures), len(insts), area_label))
        row = juris.setdefault(area_label, [0, 0, 0])
        row[0] += 1
        row[1] += len(measures)
        row[2] += len(insts)
    st.documents.sort(key=lambda r: (r.number, r.iri))
    st.jurisdictions = {k: tuple(v) for k, v in sorted(juris.items())}
    agencies = {a for p in _AGENCY_PROPS for a in ds.objects(None, p)}
    st.stubs, st.reported = st.totals.cited_documents, st.totals.reported_documents
    st.agencies = st.totals.agencies
    if agencies:  # vocabulary agencies count as instances once a source refers to them
        counts["pol:Agency"] = len(agencies)
        st.classes = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    rows = []
    for a in agencies:
        issued = len(set(ds.subjects(POL.issuedBy, a)))
        responsible = len(set(ds.subjects(POL.responsibleAgency, a)))
        rows.append((_label(ds, a), issued, responsible))
    st.by_agency = sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))
    st.agencies_minted = sum(
        1 for a in agencies if (a, POL.fromVocabulary, Literal(False)) in ds)
    st.triples, st.graphs = st.totals.triples, st.totals.graphs
    return st


def render(st: Stats) -> str:
    """A plain-text report of ``st`` (columns aligned, CJK counted as two cells)."""
    lines = ["Totals", *("  " + line for line in render_totals(st.totals)), "", "By class"]
    lines += _table(["class", "count"], [[k, str(v)] for k, v in st.classes.items()])
    lines += ["", f"By document ({len(st.documents)} loaded, {st.stubs} cited only, "
                  f"{st.reported} known only from reports)"]
    lines += _table(["number", "measures", "offers", "jurisdiction", "title"],
                    [[r.number or "-", str(r.measures), str(r.instruments), r.jurisdiction,
                      r.title] for r in st.documents])
    lines += ["", "By jurisdiction"]
    lines += _table(["jurisdiction", "documents", "measures", "offers"],
                    [[k, *map(str, v)] for k, v in st.jurisdictions.items()])
    lines += ["", "By agency"]
    lines += _table(["agency", "documents issued", "measures responsible"],
                    [[a, str(i), str(m)] for a, i, m in st.by_agency])
    lines += ["", f"agencies: {st.agencies} ({st.agencies_minted} not in the vocabulary)"]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        return "  " + "  ".join(cells).rstrip()

    return [fmt(header)] + [fmt(r) for r in rows]
