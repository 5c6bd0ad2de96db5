"""HTML documentation of the policykg ontology with pyLODE (OntPub profile).

:func:`write_docs` writes ``index.html`` (one self-contained page: metadata, every class and
property of ``pol:`` with labels, definitions and alignments) into a folder, atomically.
External terms that ``policy.ttl`` declares only to stay OWL DL are left out of the page's
term lists; they still appear as links where our terms refer to them.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import tempfile
import types
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .gazetteer import ontology_file
from .namespace import POL

_KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
          OWL.AnnotationProperty, OWL.FunctionalProperty, OWL.TransitiveProperty, RDF.Property)


def _import_ontpub():
    """pyLODE's OntPub; works around pyLODE 3.4.1's version module reading a missing file,
    and undoes the root-logger configuration pyLODE's server module makes at import."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        return _import_pylode()
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _import_pylode():
    try:
        from pylode import OntPub
    except FileNotFoundError:
        for name in [n for n in sys.modules if n == "pylode" or n.startswith("pylode.")]:
            del sys.modules[name]
        stub = types.ModuleType("pylode.version")
        stub.__version__ = "3"
        sys.modules["pylode.version"] = stub
        OntPub = importlib.import_module("pylode").OntPub
    return OntPub


def documented_graph() -> Graph:
    """The ontology without the declarations of external terms (kept as link targets)."""
    g = Graph()
    g.parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")
    own = str(POL._NS)
    for s in set(g.subjects(RDF.type, None)):
        if isinstance(s, URIRef) and not str(s).startswith(own):
            for kind in _KINDS:
                g.remove((s, RDF.type, kind))
    # pyLODE runs all rdfs:label values together; show the Chinese label as a note instead
    for s, label in list(g.subject_objects(RDFS.label)):
        if isinstance(label, Literal) and label.language and label.language.startswith("zh"):
            g.remove((s, RDFS.label, label))
            g.add((s, SKOS.note, Literal(f"中文名称：{label}", lang=label.language)))
    return g


def render_html() -> str:
    """The documentation page as an HTML string (deterministic for a given ontology)."""
    OntPub = _import_ontpub()
    return OntPub(documented_graph(), sort_subjects=True).make_html()


def write_docs(out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_html()
    target = out_dir / "index.html"
    fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".html", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
