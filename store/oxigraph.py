"""The on-disk store: pyoxigraph, each query in a worker process killed at its deadline, and
:func:`write_oxigraph_store` to build one from a file or dataset (temp dir, then rename)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Dataset

from policykg.store.base import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryError,
    QueryTimeout,
    RDFInputError,
    Rows,
    Store,
    first_line,
    rows_from_json,
)
from policykg.store.ntriples import dataset_nquads
from policykg.store.rdfinput import load_dataset, rdf_format, read_rdf_bytes

_WORKER = "from policykg.store.oxigraph import _oxigraph_worker; _oxigraph_worker()"


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
        print(json.dumps({"error": f"{type(err).__name__}: {first_line(err)}"}))


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
        raise RDFInputError(f"{source}: cannot be loaded into Oxigraph ({first_line(err)}).") from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
