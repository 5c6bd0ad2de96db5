"""User RDF files read without touching the network or other files.

JSON-LD documents that reference a remote ``@context``/``@import`` are refused (policykg's own
shipped context is inlined), and RDF/XML documents declaring external entities are refused before
parsing. :func:`load_dataset` gives an rdflib ``Dataset`` whose default graph is the union.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path
from typing import Any

from rdflib import Dataset

from policykg.store.base import RDFInputError

# ------------------------------------------------------------------ safe RDF input

_FORMATS = {
    ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle", ".n3": "n3",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld",
}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}
_EXTERNAL_ENTITY = re.compile(
    rb"<!ENTITY\s+%?\s*[^\s>]+\s+(SYSTEM|PUBLIC)\b|<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC)\b",
    re.IGNORECASE)
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


def _inline_contexts(node: Any, path: Path, shipped: dict[str, Any]) -> Any:
    """Replace references to policykg's own contexts by their content; refuse any other."""
    if isinstance(node, list):
        return [_inline_contexts(x, path, shipped) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("@context", "@import"):
            out[key] = _resolve_context(value, path, shipped)
        else:
            out[key] = _inline_contexts(value, path, shipped)
    return out


def _resolve_context(value: Any, path: Path, shipped: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_resolve_context(v, path, shipped) for v in value]
    if isinstance(value, str):
        name = value.rsplit("/", 1)[-1]
        if value.startswith(_SHIPPED_CONTEXT_PREFIX) and name in shipped:
            ctx = shipped[name]
            return ctx.get("@context", ctx) if isinstance(ctx, dict) else ctx
        raise RDFInputError(f"{path}: the JSON-LD refers to the context {value!r}, which would "
                            "be fetched; inline the context in the file instead.")
    return _inline_contexts(value, path, shipped)


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


def safe_rdf_data(path: Path) -> tuple[bytes | str, str]:
    """The file's content, made safe to parse, and its rdflib format name.

    JSON-LD: remote contexts refused (policykg's shipped context inlined). RDF/XML: documents
    declaring external entities are refused (and expat never resolves them anyway).
    """
    fmt = rdf_format(path)
    data = read_rdf_bytes(path)
    if fmt == "xml" and _EXTERNAL_ENTITY.search(data):
        raise RDFInputError(f"{path}: the RDF/XML declares an external entity or DTD "
                            "(SYSTEM/PUBLIC), which policykg never resolves; remove it.")
    if fmt == "json-ld":
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as err:
            raise RDFInputError(f"{path}: is not valid UTF-8 JSON ({err}).") from err
        doc = _inline_contexts(doc, path, _shipped_contexts())
        return json.dumps(doc, ensure_ascii=False), fmt
    return data, fmt


def load_dataset(path: str | os.PathLike[str], into: Dataset | None = None) -> Dataset:
    """Parse a user RDF file safely into an rdflib Dataset whose default graph is the union."""
    path = Path(path)
    if not path.is_file():
        raise RDFInputError(f"{path}: no such file; pass an RDF dump (.trig, .nq, .ttl, …).")
    data, fmt = safe_rdf_data(path)
    ds = into if into is not None else Dataset(default_union=True)
    try:
        if fmt in _QUAD_FORMATS:
            ds.parse(data=data, format=fmt)
        else:
            ds.default_graph.parse(data=data, format=fmt)
    except Exception as err:  # noqa: BLE001 - parser errors of every kind become one sentence
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RDFInputError(f"{path}: is not valid {fmt} ({first[:200]}).") from err
    return ds
