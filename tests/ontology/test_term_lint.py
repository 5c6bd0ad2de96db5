"""Lint: every ontology term the repository names (``pol:<term>`` in Turtle, SPARQL, SHACL, docs
strings; ``POL.x`` / ``POL["x"]`` in Python; full ``…/ontology#x`` IRIs) is declared in
``ontology/policy.ttl``. Protects the whole project from typos in term names."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph

from policykg.ontology.gazetteer import ontology_file
from policykg.ontology.namespace import POL
from tests.conftest import REPO

NS = str(POL._NS)
_PATTERNS = (
    re.compile(r"(?<![\w-])pol:([A-Za-z_][\w]*)"),
    re.compile(r"\bPOL\.([A-Za-z][\w]*)"),
    re.compile(r"""\bPOL\[\s*["']([\w]+)["']\s*\]"""),
    re.compile(re.escape(NS) + r"([A-Za-z_][\w]*)"),
)
# Words prose uses as placeholders for "some term" (``…/ontology#Term``), never real terms.
PLACEHOLDERS = frozenset({"Term", "term", "x", "xxx", "local", "name", "Name"})
_SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "node_modules", "__pycache__",
              ".pytest_cache", ".ruff_cache", ".hypothesis"}


@cache
def declared() -> frozenset[str]:
    g = Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")
    return frozenset(str(s)[len(NS):] for s in g.subjects(RDF.type, None) if str(s).startswith(NS))


def referenced_terms(text: str) -> set[str]:
    """Local names of ontology terms a text refers to."""
    out = set()
    for pattern in _PATTERNS:
        out.update(pattern.findall(text))
    return {name for name in out if not name.startswith("_") and name not in PLACEHOLDERS}


def undeclared_terms(text: str) -> set[str]:
    """Referenced ontology terms that policy.ttl does not declare."""
    return referenced_terms(text) - declared()


def linted_files() -> list[Path]:
    """Vocabularies, shapes, queries, and every Python, Markdown, notebook, JSON-LD and
    JavaScript file of the repository (docs and the explorer name terms too)."""
    files = set((REPO / "ontology" / "vocab").glob("*.ttl"))
    files |= set((REPO / "shapes").rglob("*.ttl"))
    files |= set((REPO / "queries").rglob("*.rq"))
    for pattern in ("*.py", "*.md", "*.ipynb", "*.jsonld", "*.js"):
        for path in REPO.rglob(pattern):
            if not _SKIP_DIRS.intersection(path.relative_to(REPO).parts):
                files.add(path)
    return sorted(files)


def test_the_lint_finds_a_typo() -> None:
    typo = "pol" + ":maxAmmount"
    assert undeclared_terms(f"SELECT ?x WHERE {{ ?i {typo} ?x }}") == {"maxAmmount"}
    assert undeclared_terms("g.add((n, POL." + "eligibleCategori, c))") == {"eligibleCategori"}
    assert undeclared_terms(f"<{NS}Polic" + "yDoc>") == {"PolicyDoc"}
    assert undeclared_terms("@prefix pol: <x> . polsh:Shape sh:path pol:maxAmount .") == set()
    assert undeclared_terms("POL._NS and POL.__annotations__") == set()


def test_the_linted_set_covers_the_project() -> None:
    names = {p.relative_to(REPO).as_posix() for p in linted_files()}
    assert "ontology/vocab/instrument.ttl" in names
    assert "ontology/namespace.py" in names
    assert any(n.startswith("shapes/") and n.endswith(".ttl") for n in names)


def test_no_undeclared_ontology_term_anywhere() -> None:
    problems = []
    for path in linted_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in sorted(undeclared_terms(text)):
            problems.append(f"{path.relative_to(REPO)}: pol:{name}")
    assert problems == [], "undeclared ontology terms:\n" + "\n".join(problems)


def test_no_term_is_declared_twice() -> None:
    """namespace.py lists each term once; only policy.ttl gives pol: terms an OWL kind."""
    source = (REPO / "ontology" / "namespace.py").read_text(encoding="utf-8")
    names = re.findall(r"^\s{4}([A-Za-z]\w*): URIRef\s*$", source, flags=re.M)
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    kinds = {"Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
             "NamedIndividual"}
    owl = "http://www.w3.org/2002/07/owl#"
    for path in linted_files():
        if path.suffix != ".ttl":
            continue
        g = Graph().parse(path, format="turtle")
        for s, o in g.subject_objects(RDF.type):
            if str(s).startswith(NS) and str(o).startswith(owl) and str(o)[len(owl):] in kinds:
                raise AssertionError(f"{path.relative_to(REPO)} redeclares {s} as {o}")
