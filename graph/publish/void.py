"""A VoID + DCAT description of a build (``void.ttl``): title, description, publisher,
contact point, licence of the extracted facts and the rights of quoted text, issued / modified
dates, version, triple/entity counts, class partitions, vocabularies, example resources, one
``dcat:Distribution`` per dump (media type, byte size, SHA-256 as ``spdx:checksum``, as
DCAT-AP writes it) and the SPARQL endpoint.

Contract: deterministic. ``dct:created``, ``dct:issued`` and ``dct:modified`` are the dates
given in :class:`DatasetMeta`, else the newest date found in the data (``pol:dateIssued``,
``pol:datePublished``, ``dct:date``), never the clock; the version, unless given, is
``sha256-`` and the first 12 hex digits of the SHA-256 of the N-Triples dump, so it changes
exactly when a statement does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD, Namespace
from rdflib.term import Node

from policykg.graph.publish.lod import (
    DUMPS,
    PREFIXES,
    VOID,
    Prepared,
    _bind,
    prepared,
    turtle_bytes,
)
from policykg.ontology.namespace import BASE, ID, POL

DATASET = URIRef(BASE + "id/dataset")
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_DOWNLOAD_BASE = BASE + "dumps/"
TITLE = "policykg: a knowledge graph of public-policy documents"
DESCRIPTION = ("Official policy documents, their measures and funding instruments, the agencies "
               "that issue them, and the reports that discuss them, with evidence spans into the "
               "original texts.")
_DATE_PROPS = (POL.dateIssued, POL.datePublished, DCTERMS.date)
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; not in rdflib's closed namespace
SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "https://www.iana.org/assignments/media-types/"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PUBLISHER = URIRef(f"{DATASET}#publisher")
CONTACT = URIRef(f"{DATASET}#contact")
RIGHTS = ("The licence (dct:license) covers the facts extracted into this dataset. Quoted text "
          "(oa:exact) and reports remain under the rights of their sources: each source file "
          "node names its own licence (dct:license) and publisher where they are known.")


@dataclass(frozen=True)
class DatasetMeta:
    """What a publisher says about the dataset beyond what the data shows (all optional)."""

    publisher: str = "policykg contributors"
    publisher_iri: str | None = None  # e.g. the organisation's own IRI; else ``dataset#publisher``
    contact: str = "https://w3id.org/policykg/"  # a mailto: or http(s) IRI
    version: str | None = None
    issued: dt.date | None = None
    modified: dt.date | None = None


def version_of(nt: str) -> str:
    """The default version: ``sha256-`` and 12 hex digits of the N-Triples dump's text."""
    return "sha256-" + hashlib.sha256(nt.encode("utf-8")).hexdigest()[:12]


def _newest_of(values: Iterable[Node]) -> dt.date | None:
    """The newest date among the ``xsd:date`` (or dateTime) literals of ``values``, or None."""
    best: dt.date | None = None
    for o in values:
        if isinstance(o, Literal):
            value = o.toPython()
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date) and (best is None or value > best):
                best = value
    return best


def newest_date(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> dt.date | None:
    """The newest ``xsd:date`` among the document and report dates, or None."""
    return _newest_of(o for _s, p, o, _g in quads if p in _DATE_PROPS)


def _newest(prep: Prepared) -> dt.date | None:
    """:func:`newest_date` of the distinct statements, their predicates compared as text."""
    dates = {prep.term(p) for p in _DATE_PROPS}
    return _newest_of(o for (_s, _p, o), (_ts, tp, _o) in zip(prep.union, prep.union_text,
                                                                 strict=True) if tp in dates)


def _vocab_of(iri: URIRef) -> str:
    s = str(iri)
    for sep in ("#", "/"):
        if sep in s:
            return s[: s.rindex(sep) + 1]
    return s


def describe(
    quads: list[tuple[Node, Node, Node, Node | None]],
    dumps: Mapping[str, bytes | int],
    *,
    created: dt.date | None = None,
    endpoint: str | None = None,
    license_iri: str = DEFAULT_LICENSE,
    download_base: str = DEFAULT_DOWNLOAD_BASE,
    examples: int = 5,
    meta: DatasetMeta | None = None,
) -> Graph:
    """The VoID/DCAT graph for the canonical ``quads`` and rendered ``dumps`` (key → bytes, or
    their size in bytes).

    The counts are taken from the distinct statements as the dumps write them (their
    N-Triples text, :func:`lod.prepared`, shared with the dumps of the same quads).
    """
    g = Graph()
    _bind(g)
    g.bind("foaf", FOAF)
    g.bind("spdx", SPDX)
    g.bind("vcard", VCARD)
    prep = prepared(quads)
    ds = DATASET
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((ds, DCTERMS.license, URIRef(license_iri)))
    g.add((URIRef(license_iri), RDF.type, DCTERMS.LicenseDocument))
    meta = meta or DatasetMeta()
    when = created or _newest(prep)
    if when is not None:
        g.add((ds, DCTERMS.created, Literal(when.isoformat(), datatype=XSD.date)))
    _about(g, meta, when, prep.nt)
    g.add((ds, VOID.uriSpace, Literal(str(ID))))
    g.add((ds, VOID.triples, Literal(len(prep.union))))
    subjects = {ts for ts, _, _ in prep.union_text}
    entity_start = f"<{ID}"
    entities = [ts[1:-1] for ts in subjects if ts.startswith(entity_start)]
    g.add((ds, VOID.entities, Literal(len(entities))))
    g.add((ds, VOID.distinctSubjects, Literal(len(subjects))))
    g.add((ds, VOID.distinctObjects, Literal(len({to for _, _, to in prep.union_text}))))
    counts = Counter(tp for _, tp, _ in prep.union_text)
    node_of: dict[str, Node] = {}
    for (_, p, _), (_, tp, _) in zip(prep.union, prep.union_text, strict=True):
        if tp not in node_of:
            node_of[tp] = p
    props = Counter({node_of[tp]: n for tp, n in counts.items()})
    g.add((ds, VOID.properties, Literal(len(props))))

    classes: dict[Node, set[str]] = {}
    type_text = prep.term(RDF.type)
    for (_s, _p, o), (ts, tp, _o) in zip(prep.union, prep.union_text, strict=True):
        if tp == type_text and isinstance(o, URIRef):
            classes.setdefault(o, set()).add(ts)
    g.add((ds, VOID.classes, Literal(len(classes))))
    for cls in sorted(classes, key=str):
        part = URIRef(f"{ds}/class/{_slug(cls)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(len(classes[cls]))))
    for prop in sorted(props, key=str):
        part = URIRef(f"{ds}/property/{_slug(prop)}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(props[prop])))

    vocabularies = {_vocab_of(p) for p in props} | {_vocab_of(c) for c in classes
                                                    if isinstance(c, URIRef)}
    for v in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(v)))

    docs = sorted(ts[1:-1] for ts in classes.get(POL.PolicyDocument, ()) if ts.startswith("<"))
    chosen = set(docs)
    others = sorted(entities)
    for ex in (docs + [o for o in others if o not in chosen])[:examples]:
        g.add((ds, VOID.exampleResource, URIRef(ex)))

    graphs = Counter(gid for *_, gid in quads if gid is not None)
    for gid in sorted(graphs, key=str):
        sub = URIRef(f"{ds}/graph/{_slug(gid)}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, DCTERMS.source, gid))
        g.add((sub, VOID.triples, Literal(graphs[gid])))

    for key in [k for k in DUMPS if k in dumps]:
        fmt = DUMPS[key]
        url = URIRef(download_base + fmt.filename)
        dist = URIRef(f"{ds}/distribution/{key}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{fmt.filename} ({fmt.media_type})", lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.accessURL, url))
        media = URIRef(IANA + fmt.media_type)
        g.add((dist, DCAT.mediaType, media))
        g.add((media, RDF.type, DCTERMS.MediaType))
        size = dumps[key]
        g.add((dist, DCAT.byteSize, Literal(size if isinstance(size, int) else len(size),
                                            datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, URIRef(license_iri)))
        g.add((dist, DCTERMS["format"], media))
        if not isinstance(size, int):
            checksum = URIRef(f"{dist}/sha256")
            g.add((dist, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(size).hexdigest(),
                                                         datatype=XSD.hexBinary)))

    if endpoint:
        g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
        service = BNode("sparqlService")
        g.add((ds, DCAT.distribution, URIRef(f"{ds}/distribution/sparql")))
        dist = URIRef(f"{ds}/distribution/sparql")
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.accessURL, URIRef(endpoint)))
        g.add((dist, DCTERMS.license, URIRef(license_iri)))
        g.add((dist, DCTERMS.title, Literal("SPARQL endpoint", lang="en")))
        g.add((dist, DCAT.accessService, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCTERMS.title, Literal("policykg SPARQL endpoint", lang="en")))
        g.add((service, DCAT.endpointURL, URIRef(endpoint)))
        g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    return g


def _about(g: Graph, meta: DatasetMeta, when: dt.date | None, nt: str) -> None:
    """Publisher, contact point, rights of quoted text, issued / modified dates and version."""
    ds = DATASET
    publisher = URIRef(meta.publisher_iri) if meta.publisher_iri else PUBLISHER
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(meta.publisher)))
    g.add((ds, DCAT.contactPoint, CONTACT))
    g.add((CONTACT, RDF.type, VCARD.Kind))
    g.add((CONTACT, VCARD.fn, Literal(meta.publisher)))
    contact = URIRef(meta.contact)
    g.add((CONTACT, VCARD.hasEmail if meta.contact.startswith("mailto:") else VCARD.hasURL,
           contact))
    g.add((ds, DCTERMS.rights, Literal(RIGHTS, lang="en")))
    for prop, day in ((DCTERMS.issued, meta.issued or when), (DCTERMS.modified, meta.modified or when)):
        if day is not None:
            g.add((ds, prop, Literal(day.isoformat(), datatype=XSD.date)))
    g.add((ds, DCAT_VERSION, Literal(meta.version or version_of(nt))))


def _slug(iri: Node) -> str:
    """A readable, IRI-safe path segment for a class, property or graph IRI."""
    s = str(iri)
    for ns, prefix in ((v, k) for k, v in PREFIXES.items()):
        if s.startswith(ns) and s != ns:
            s = f"{prefix}-{s[len(ns):]}"
            break
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in s)


def void_bytes(graph: Graph) -> bytes:
    """The description as Turtle bytes."""
    return turtle_bytes(graph)
