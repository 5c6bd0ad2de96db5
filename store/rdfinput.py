"""User RDF files read without touching the network or other files.

JSON-LD documents that reference a remote ``@context``/``@import`` are refused (policykg's own
shipped context is inlined) unless the network is allowed by name. RDF/XML is parsed by a
hardened expat parser (defusedxml) that never expands an entity: a document type declaration,
an entity or an external reference makes the parser stop, whatever the spelling (character
references, parameter entities). :func:`load_dataset` gives an rdflib ``Dataset`` whose
default graph is the union.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any
from xml.sax import handler

from rdflib import Dataset, Graph, URIRef

from policykg.store.base import RDFInputError, RDFSyntaxError

# ------------------------------------------------------------------ safe RDF input

_FORMATS = {
    ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle", ".n3": "n3",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld",
}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}
_SHIPPED_CONTEXT_PREFIX = "https://w3id.org/policykg/"


def rdf_format(path: Path) -> str:
    """The rdflib format name for a file, from its extension (``.gz`` is looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise RDFInputError(f"{path}: unknown RDF file extension; use .trig, .nq, .nt, .ttl, "
                            ".rdf, .owl or .jsonld.")
    return fmt


def _shipped_contexts() -> dict[str, Any]:
    """policykg's own JSON-LD contexts, by file name, from the installed package."""
    out: dict[str, Any] = {}
    try:
        from importlib import resources

        folder = resources.files("policykg.ontology")
        for item in folder.iterdir():
            if item.name.endswith(".jsonld"):
                try:
                    out[item.name] = json.loads(item.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
    except (ModuleNotFoundError, OSError):
        pass
    return out


def _inline_contexts(node: Any, path: Path, shipped: dict[str, Any],
                     allow_network: bool = False) -> Any:
    """Replace references to policykg's own contexts by their content; refuse any other
    (``allow_network``: leave it for the JSON-LD parser to fetch)."""
    if isinstance(node, list):
        return [_inline_contexts(x, path, shipped, allow_network) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("@context", "@import"):
            out[key] = _resolve_context(value, path, shipped, allow_network)
        else:
            out[key] = _inline_contexts(value, path, shipped, allow_network)
    return out


def _resolve_context(value: Any, path: Path, shipped: dict[str, Any],
                     allow_network: bool) -> Any:
    if isinstance(value, list):
        return [_resolve_context(v, path, shipped, allow_network) for v in value]
    if isinstance(value, str):
        name = value.rsplit("/", 1)[-1]
        if value.startswith(_SHIPPED_CONTEXT_PREFIX) and name in shipped:
            ctx = shipped[name]
            return ctx.get("@context", ctx) if isinstance(ctx, dict) else ctx
        if allow_network and value.startswith(("http://", "https://")):
            return value
        raise RDFInputError(f"{path}: the JSON-LD refers to the context {value!r}, which would "
                            "be fetched; inline the context in the file, or pass "
                            "--allow-network to fetch it.")
    return _inline_contexts(value, path, shipped, allow_network)


def read_rdf_bytes(path: Path) -> bytes:
    """The bytes of an RDF file (gunzipped if it ends in ``.gz``)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RDFInputError(f"{path}: cannot be read ({err.strerror or err}).") from err
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise RDFInputError(f"{path}: is not a valid gzip file.") from err
    return data


def parse_rdfxml(data: bytes, graph: Graph, path: Path) -> None:
    """Parse RDF/XML ``data`` into ``graph`` with entity expansion disabled (defusedxml's
    expat reader feeding rdflib's RDF/XML handler); a DTD, an entity or an external reference
    is an :class:`RDFInputError`."""
    from defusedxml.common import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser
    from rdflib.parser import create_input_source
    from rdflib.plugins.parsers.rdfxml import ErrorHandler, RDFXMLHandler

    source = create_input_source(data=data, publicID=path.resolve().as_uri())
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.start_namespace_decl("xml", "http://www.w3.org/XML/1998/namespace")
    parser.setFeature(handler.feature_namespaces, 1)
    parser.setFeature(handler.feature_external_ges, 0)
    parser.setFeature(handler.feature_external_pes, 0)
    content = RDFXMLHandler(graph)
    content.setDocumentLocator(source)
    parser.setContentHandler(content)
    parser.setErrorHandler(ErrorHandler())
    try:
        parser.parse(source)
    except DefusedXmlException as err:
        raise RDFInputError(f"{path}: the RDF/XML has a document type declaration or an entity "
                            f"({type(err).__name__.removesuffix('Forbidden')}), and policykg "
                            "never expands entities; convert the file to Turtle or N-Triples, "
                            "or remove the DOCTYPE.") from err


def safe_rdf_data(path: Path, allow_network: bool = False) -> tuple[bytes | str, str]:
    """The file's content, made safe to parse, and its rdflib format name.

    JSON-LD: remote contexts refused unless ``allow_network`` (policykg's shipped context is
    inlined either way). RDF/XML is returned as it is: parse it with :func:`parse_rdfxml`.
    """
    fmt = rdf_format(path)
    data = read_rdf_bytes(path)
    if fmt == "json-ld":
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as err:
            raise RDFInputError(f"{path}: is not valid UTF-8 JSON ({err}).") from err
        doc = _inline_contexts(doc, path, _shipped_contexts(), allow_network)
        return json.dumps(doc, ensure_ascii=False), fmt
    return data, fmt


def load_dataset(path: str | os.PathLike[str], into: Dataset | None = None, *,
                 allow_network: bool = False, graph_name: str | None = None) -> Dataset:
    """Parse a user RDF file safely into an rdflib Dataset whose default graph is the union
    (``allow_network``: a JSON-LD document may fetch its remote contexts; ``graph_name``: the
    named graph that the triples of a triple format go into, else the default graph)."""
    path = Path(path)
    if not path.is_file():
        raise RDFInputError(f"{path}: no such file; pass an RDF dump (.trig, .nq, .ttl, …).")
    data, fmt = safe_rdf_data(path, allow_network)
    ds = into if into is not None else Dataset(default_union=True)
    target = ds.default_graph if graph_name is None else ds.graph(URIRef(graph_name))
    try:
        if fmt == "xml":
            parse_rdfxml(data if isinstance(data, bytes) else data.encode("utf-8"), target, path)
        elif fmt in _QUAD_FORMATS:
            ds.parse(data=data, format=fmt)
        else:
            target.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except RDFInputError:
        raise
    except Exception as err:  # noqa: BLE001 - parser errors of every kind become one sentence
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RDFSyntaxError(f"{path}: is not valid {fmt} ({first[:200]}).") from err
    return ds
