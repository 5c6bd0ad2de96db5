"""Three SPARQL engines behind one interface: rdflib in memory, pyoxigraph on disk, an endpoint.

Every store answers ``query(sparql, timeout=…, limit=…) -> Rows``: a list of dicts mapping each
projected variable to an rdflib term (``None`` when unbound), normalised so that the same answer
compares equal whichever engine computed it (decimal/integer lexical forms, ``xsd:string`` vs
plain literals, language-tag case). The default graph of every store is the union of its named
graphs. Queries are bounded: a deadline (thread interrupt for rdflib, a killed worker process
for pyoxigraph, an HTTP timeout for endpoints) and a row cap (rows beyond it are dropped and
``Rows.truncated`` is set).

User RDF files are read without touching the network or other files: JSON-LD documents that
reference a remote ``@context``/``@import`` are refused (policykg's own shipped context is
inlined), and RDF/XML documents declaring external entities are refused before parsing.
"""

from __future__ import annotations

import base64
import ctypes
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Graph
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

DEFAULT_TIMEOUT = 30.0  # seconds per query
DEFAULT_LIMIT = 10_000  # rows per query
ENV_USER = "POLICYKG_ENDPOINT_USER"
ENV_PASSWORD = "POLICYKG_ENDPOINT_PASSWORD"

T = TypeVar("T")


# ------------------------------------------------------------------ errors


class QueryError(Exception):
    """A query failed (syntax, engine or transport error); ``str`` is one sentence."""


class QueryTimeout(QueryError):
    """A query ran past its deadline and was stopped."""


class RDFInputError(Exception):
    """A user RDF file cannot be read safely or at all; ``str`` is one sentence."""


class _Interrupted(BaseException):
    """Raised inside a worker thread to stop it (BaseException so ``except Exception`` misses it)."""


# ------------------------------------------------------------------ results


class Rows(list):
    """Query answer: ``list[dict[str, Node | None]]`` plus the variable order and a truncation flag."""

    def __init__(self, rows: Iterable[dict[str, Node | None]] = (), variables: Iterable[str] = (),
                 truncated: bool = False) -> None:
        super().__init__(rows)
        self.variables: list[str] = list(variables)
        self.truncated = truncated


_NUMERIC_INTEGER = {
    str(XSD[n]) for n in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
}


def canonical_language(tag: str) -> str:
    """BCP 47 case convention: ``zh-hans`` → ``zh-Hans``, ``en-us`` → ``en-US``."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _decimal_lexical(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def normalise_term(term: Node | None) -> Node | None:
    """One canonical rdflib term per value, so engines' answers compare equal."""
    if term is None or not isinstance(term, Literal):
        return term
    lexical = str(term)
    datatype = str(term.datatype) if term.datatype else None
    if term.language:
        return Literal(lexical, lang=canonical_language(term.language))
    if datatype is None or datatype == str(XSD.string):
        return Literal(lexical)
    try:
        if datatype == str(XSD.decimal):
            return Literal(_decimal_lexical(Decimal(lexical.strip())), datatype=XSD.decimal)
        if datatype in _NUMERIC_INTEGER:
            return Literal(str(int(lexical.strip())), datatype=XSD.integer)
        if datatype in (str(XSD.double), str(XSD.float)):
            return Literal(repr(float(lexical.strip())), datatype=XSD.double)
        if datatype == str(XSD.boolean):
            return Literal("true" if lexical.strip() in ("true", "1") else "false",
                           datatype=XSD.boolean)
    except (InvalidOperation, ValueError):
        pass
    return Literal(lexical, datatype=URIRef(datatype))


def term_from_oxigraph(term: Any) -> Node:
    """The rdflib term of a pyoxigraph term (language tags canonical, xsd:string untyped)."""
    from pyoxigraph import BlankNode as OxBlankNode
    from pyoxigraph import Literal as OxLiteral
    from pyoxigraph import NamedNode as OxNamedNode

    if isinstance(term, OxNamedNode):
        return URIRef(term.value)
    if isinstance(term, OxBlankNode):
        return BNode(term.value)
    if isinstance(term, OxLiteral):
        if term.language:
            return Literal(term.value, lang=canonical_language(term.language))
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected term {term!r}")


_XSD_STRING = str(XSD.string)


def term_from_json(binding: dict[str, str]) -> Node:
    """An rdflib term from a SPARQL 1.1 JSON results binding."""
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        if "datatype" in binding:
            return Literal(value, datatype=URIRef(binding["datatype"]))
        return Literal(value)
    raise QueryError(f"the endpoint returned an unknown term type {kind!r}.")


def term_to_json(term: Node) -> dict[str, str]:
    """A SPARQL 1.1 JSON results binding for an rdflib term."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def rows_from_json(doc: dict[str, Any], limit: int | None) -> Rows:
    """Normalised rows from a SPARQL 1.1 JSON results document (SELECT or ASK)."""
    if "boolean" in doc:
        return Rows([{"boolean": Literal(bool(doc["boolean"]))}], ["boolean"])
    variables = list(doc.get("head", {}).get("vars", []))
    bindings = doc.get("results", {}).get("bindings", [])
    truncated = limit is not None and len(bindings) > limit
    if truncated:
        bindings = bindings[:limit]
    rows = [
        {v: normalise_term(term_from_json(b[v])) if v in b else None for v in variables}
        for b in bindings
    ]
    return Rows(rows, variables, truncated)


# ------------------------------------------------------------------ deadlines


def run_with_deadline(fn: Callable[[], T], timeout: float | None) -> T:
    """Run ``fn`` in a worker thread; past ``timeout`` seconds interrupt it and raise QueryTimeout.

    The interrupt is an asynchronous exception, which stops pure-Python work such as rdflib's
    SPARQL evaluator at the next bytecode.
    """
    if timeout is None:
        return fn()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except _Interrupted:
            box["interrupted"] = True
        except BaseException as err:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = err

    worker = threading.Thread(target=target, name="policykg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        for _ in range(50):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(worker.ident or 0), ctypes.py_object(_Interrupted))
            worker.join(0.1)
            if not worker.is_alive():
                break
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                           "raise --timeout or make the query more selective.")
    if "error" in box:
        raise box["error"]
    if box.get("interrupted"):
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped.")
    return box["value"]


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

        folder = resources.files("policykg.graph.publish")
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


# ------------------------------------------------------------------ engines


class Store:
    """Common interface of the three engines."""

    name = "store"

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        """Run a SELECT/ASK/CONSTRUCT query; rows of normalised rdflib terms."""
        raise NotImplementedError

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        """Run a SPARQL update (callers check it was allowed)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release resources (nothing to do for most engines)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rows_from_rdflib(result: Any, limit: int | None) -> Rows:
    if result.type == "ASK":
        return Rows([{"boolean": Literal(bool(result.askAnswer))}], ["boolean"])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda t: tuple(x.n3() for x in t))
        variables = ["subject", "predicate", "object"]
        rows = [dict(zip(variables, (normalise_term(x) for x in t), strict=True))
                for t in triples]
        truncated = limit is not None and len(rows) > limit
        return Rows(rows[:limit] if truncated else rows, variables, truncated)
    variables = [str(v) for v in result.vars or []]
    rows: list[dict[str, Node | None]] = []
    truncated = False
    for solution in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append({v: normalise_term(solution[i]) for i, v in enumerate(variables)})
    return Rows(rows, variables, truncated)


class MemoryStore(Store):
    """rdflib ``Dataset`` in memory; its default graph is the union of the named graphs."""

    name = "memory"

    def __init__(self, dataset: Dataset | Graph | None = None) -> None:
        if dataset is None:
            dataset = Dataset(default_union=True)
        elif isinstance(dataset, Dataset):
            dataset.default_union = True
        elif not isinstance(dataset, Graph):
            raise TypeError("MemoryStore takes an rdflib Dataset or Graph")
        self.dataset = dataset

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> MemoryStore:
        """Read an RDF dump safely (see :func:`load_dataset`)."""
        return cls(load_dataset(path))

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        def work() -> Rows:
            try:
                return _rows_from_rdflib(self.dataset.query(sparql), limit)
            except _Interrupted:
                raise
            except Exception as err:  # noqa: BLE001 - rdflib raises many kinds
                raise QueryError(f"rdflib could not run the query ({_first_line(err)}).") from err

        return run_with_deadline(work, timeout)

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        def work() -> None:
            target = self.dataset
            if isinstance(target, Dataset):  # rdflib's Dataset.update cannot add triples
                target = ConjunctiveGraph(store=target.store,
                                          identifier=target.default_graph.identifier)
            try:
                target.update(sparql)
            except Exception as err:  # noqa: BLE001
                raise QueryError(f"rdflib could not run the update ({_first_line(err)}).") from err

        run_with_deadline(work, timeout)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return (text.splitlines()[0] if text else type(err).__name__)[:300]


_WORKER = "from policykg.graph.store.stores import _oxigraph_worker; _oxigraph_worker()"


def _oxigraph_term_json(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        else:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _oxigraph_worker() -> None:
    """Child process: run one query or update on a store directory, answer in JSON on stdout."""
    import pyoxigraph as ox

    job = json.loads(sys.stdin.read())
    try:
        if job["mode"] == "update":
            store = ox.Store(job["path"])
            store.update(job["sparql"])
            store.flush()
            print(json.dumps({"ok": True}))
            return
        store = ox.Store.read_only(job["path"])
        result = store.query(job["sparql"], use_default_graph_as_union=True)
        limit = job.get("limit")
        if isinstance(result, ox.QueryBoolean):
            print(json.dumps({"boolean": bool(result)}))
            return
        if isinstance(result, ox.QueryTriples):
            variables = ["subject", "predicate", "object"]
            items = ([t.subject, t.predicate, t.object] for t in result)
        else:
            variables = [v.value for v in result.variables]
            items = ([s[v] for v in variables] for s in result)
        bindings = []
        for values in items:
            bindings.append({v: _oxigraph_term_json(t) for v, t in zip(variables, values,
                                                                         strict=True)
                             if t is not None})
            if limit is not None and len(bindings) > limit:
                break
        if variables == ["subject", "predicate", "object"] and isinstance(result, ox.QueryTriples):
            bindings.sort(key=lambda b: json.dumps(b, sort_keys=True))
        print(json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                         ensure_ascii=False))
    except Exception as err:  # noqa: BLE001 - reported to the parent as one sentence
        print(json.dumps({"error": f"{type(err).__name__}: {_first_line(err)}"}))


class OxigraphStore(Store):
    """A pyoxigraph store directory; each query runs in a worker process killed at the deadline."""

    name = "oxigraph"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            raise RDFInputError(f"{self.path}: no such store directory; create it with "
                                "policykg build --store DIR or policykg serve --graph FILE.")

    @classmethod
    def create(cls, path: str | os.PathLike[str], source: str | os.PathLike[str] | Dataset,
               ) -> OxigraphStore:
        """Write ``source`` (an RDF file or a Dataset) into a new store at ``path``, atomically."""
        write_oxigraph_store(source, path)
        return cls(path)

    def _run(self, job: dict[str, Any], timeout: float | None) -> dict[str, Any]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        try:
            out, err = proc.communicate(json.dumps(job).encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                               "raise --timeout or make the query more selective.") from None
        if proc.returncode != 0 or not out.strip():
            detail = err.decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"the oxigraph worker failed ({detail[-1] if detail else 'no output'}).")
        doc = json.loads(out)
        if "error" in doc:
            raise QueryError(f"oxigraph could not run the query ({doc['error']}).")
        return doc

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        doc = self._run({"mode": "query", "path": str(self.path), "sparql": sparql,
                         "limit": limit}, timeout)
        return rows_from_json(doc, limit)

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._run({"mode": "update", "path": str(self.path), "sparql": sparql}, timeout)


def dataset_nquads(ds: Dataset) -> bytes:
    """Sorted N-Quads of a Dataset (deterministic)."""
    lines = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        term = f" {graph.n3()}" if isinstance(graph, URIRef) and graph != _DEFAULT_GRAPH else ""
        lines.add(f"{s.n3()} {p.n3()} {_nt_object(o)}{term} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


_DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")


def _nt_object(o: Node) -> str:
    if isinstance(o, Literal):
        text = str(o)
        esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
        if o.language:
            return f'"{esc}"@{o.language}'
        if o.datatype:
            return f'"{esc}"^^<{o.datatype}>'
        return f'"{esc}"'
    return o.n3()


def write_oxigraph_store(source: str | os.PathLike[str] | Dataset,
                         target: str | os.PathLike[str]) -> Path:
    """Build a pyoxigraph store from an RDF file or Dataset in a temp dir, then rename into place.

    N-Quads/N-Triples/Turtle/TriG files are bulk-loaded as they are; RDF/XML and JSON-LD go
    through the safe reader first. A previous store at ``target`` is replaced only on success.
    """
    import pyoxigraph as ox

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = ox.Store(str(tmp / "store"))
        if isinstance(source, Dataset):
            store.bulk_load(dataset_nquads(source), ox.RdfFormat.N_QUADS)
        else:
            path = Path(source)
            fmt = rdf_format(path)
            direct = {"nquads": ox.RdfFormat.N_QUADS, "nt": ox.RdfFormat.N_TRIPLES,
                      "turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}
            if fmt in direct:
                store.bulk_load(read_rdf_bytes(path), direct[fmt])
            else:
                store.bulk_load(dataset_nquads(load_dataset(path)), ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            os.replace(target, old)
        os.replace(tmp / "store", target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return target
    except SyntaxError as err:
        raise RDFInputError(f"{source}: cannot be loaded into Oxigraph ({_first_line(err)}).") from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def redact_url(url: str) -> str:
    """The URL without any user:password part (safe to print)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
    return url


def _credentials() -> tuple[str, str] | None:
    user = os.environ.get(ENV_USER)
    if not user:
        return None
    return user, os.environ.get(ENV_PASSWORD, "")


@dataclass
class EndpointStore(Store):
    """Any SPARQL 1.1 endpoint (queries via SPARQLWrapper; credentials from the environment).

    The endpoint must expose the union of named graphs as its default graph (Oxigraph:
    ``--union-default-graph``; Fuseki: ``unionDefaultGraph``).
    """

    url: str
    update_url: str | None = None
    name = "endpoint"

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.url).scheme
        if scheme not in ("http", "https"):
            raise RDFInputError(f"--endpoint {redact_url(self.url)}: use an http(s):// URL.")

    def _wrapper(self, url: str, timeout: float | None):
        from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

        sw = SPARQLWrapper(url)
        sw.setMethod(POST)
        sw.setRequestMethod(URLENCODED)
        sw.setReturnFormat(JSON)
        if timeout is not None:
            sw.setTimeout(max(1, int(round(timeout))))
        creds = _credentials()
        if creds:
            sw.setCredentials(*creds)
        return sw

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> Rows:
        sw = self._wrapper(self.url, timeout)
        sw.setQuery(strip_comments(sparql))
        if sw.isSparqlUpdateRequest():  # SPARQLWrapper guessed wrong: this is a query
            sw.queryType = "SELECT"
        try:
            response = sw.query()
            doc = response.convert()
        except Exception as err:  # noqa: BLE001 - transport and HTTP errors become one sentence
            if "timed out" in str(err).lower() or isinstance(err, TimeoutError):
                raise QueryTimeout(f"the endpoint {redact_url(self.url)} did not answer within "
                                   f"{timeout:g} s.") from err
            raise QueryError(f"the endpoint {redact_url(self.url)} failed "
                             f"({type(err).__name__}: {_first_line(err)[:200]}).") from err
        if isinstance(doc, dict):
            return rows_from_json(doc, limit)
        if isinstance(doc, Graph):
            variables = ["subject", "predicate", "object"]
            triples = sorted(doc, key=lambda t: tuple(x.n3() for x in t))
            rows = [dict(zip(variables, (normalise_term(x) for x in t), strict=True))
                    for t in triples]
            truncated = limit is not None and len(rows) > limit
            return Rows(rows[:limit] if truncated else rows, variables, truncated)
        raise QueryError(f"the endpoint {redact_url(self.url)} gave an unexpected answer.")

    def update(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        from SPARQLWrapper import POST

        url = self.update_url or re.sub(r"/query$|/sparql$", "/update", self.url)
        sw = self._wrapper(url, timeout)
        sw.setMethod(POST)
        sw.setQuery(sparql)
        try:
            sw.query()
        except Exception as err:  # noqa: BLE001
            raise QueryError(f"the endpoint {redact_url(url)} refused the update "
                             f"({type(err).__name__}).") from err


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)


def strip_comments(sparql: str) -> str:
    """The query without ``#`` comments (strings and IRIs containing ``#`` are kept)."""
    return _TOKEN.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), sparql)


def graph_store_url(endpoint: str) -> str:
    """Guess the Graph Store Protocol URL of an endpoint (Oxigraph: ``/query`` → ``/store``)."""
    return re.sub(r"/(query|sparql)/?$", "/store", endpoint)


def gsp_put(store_url: str, graph: URIRef | None, data: bytes, *,
            content_type: str = "application/n-triples", timeout: float = 120.0) -> int:
    """Replace one graph at a Graph Store Protocol endpoint (``graph=None`` → the default graph)."""
    query = "default" if graph is None else urllib.parse.urlencode({"graph": str(graph)})
    sep = "&" if "?" in store_url else "?"
    request = urllib.request.Request(f"{store_url}{sep}{query}", data=data, method="PUT",
                                     headers={"Content-Type": content_type})
    creds = _credentials()
    if creds:
        token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as err:
        raise QueryError(f"{redact_url(store_url)} refused graph {graph or 'default'} "
                         f"(HTTP {err.code}).") from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise QueryError(f"{redact_url(store_url)} cannot be reached ({reason}).") from err


def graph_ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples of one graph (deterministic upload body)."""
    lines = sorted({f"{s.n3()} {p.n3()} {_nt_object(o)} ." for s, p, o in graph})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def open_store(graph: str | os.PathLike[str] | None = None,
               store: str | os.PathLike[str] | None = None,
               endpoint: str | None = None) -> Store:
    """Open exactly one of: an RDF file in memory, a pyoxigraph directory, an endpoint URL."""
    given = [x for x in (graph, store, endpoint) if x is not None]
    if len(given) > 1:
        raise RDFInputError("give only one of --graph, --store and --endpoint.")
    if endpoint is not None:
        return EndpointStore(endpoint)
    if store is not None:
        return OxigraphStore(store)
    if graph is None:
        raise RDFInputError("no graph given; pass --graph FILE, --store DIR or --endpoint URL.")
    return MemoryStore.from_file(graph)


__all__ = [
    "DEFAULT_LIMIT", "DEFAULT_TIMEOUT", "EndpointStore", "Identifier", "MemoryStore",
    "OxigraphStore", "QueryError", "QueryTimeout", "RDFInputError", "Rows", "Store",
    "canonical_language", "gsp_put", "graph_ntriples", "graph_store_url", "load_dataset",
    "normalise_term", "open_store", "redact_url", "rows_from_json", "run_with_deadline",
    "term_to_json", "write_oxigraph_store",
]
