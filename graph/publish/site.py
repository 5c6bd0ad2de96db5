"""A static linked-data site of a build: one HTML page per resource at the path of its IRI,
with ``.ttl`` and ``.jsonld`` alternates, an index, the ontology documentation, the dumps,
the VoID description and server configurations for content negotiation.

Layout (see docs/publishing.md): ``https://w3id.org/policykg/id/doc/2025/yue-fu-ban-6`` →
``DIR/id/doc/2025/yue-fu-ban-6.html`` + ``.ttl`` + ``.jsonld``; the ontology
``https://w3id.org/policykg/ontology#Term`` → ``DIR/ontology.html#Term`` (+ ``.ttl``,
``.jsonld``). Contract: every label and literal is HTML-escaped; only ``http(s)`` IRIs become
external links; every path comes from :func:`safepath.iri_relpath` and is checked to stay
inside DIR; no network resource is referenced (CSS is inline); output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from rdflib import URIRef
from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.conneg import HTACCESS, NGINX
from policykg.graph.publish.pages import (
    CSS_FILE,
    ONTOLOGY_PAGE,
    Renderer,
    SiteIndex,
    css,
    description,
    ontology_terms,
    page_file,
)
from policykg.graph.publish.turtle import turtle_text
from policykg.graph.publish.void import describe, void_bytes
from policykg.ontology.namespace import ONTOLOGY_IRI
from policykg.store.paths import atomic_dir, inside

Quad = tuple[Node, Node, Node, Node | None]


def _pylode_html() -> str | None:
    """The packaged ontology's pyLODE page (``policykg.ontology.docs``), or None if unavailable."""
    try:
        from policykg.ontology.docs import render_html
    except ImportError:
        return None
    try:
        return render_html()
    except Exception:  # noqa: BLE001 - the site keeps its own term pages if pyLODE fails
        return None


def build_site(
    ds_or_quads: object,
    out: Path,
    *,
    created: dt.date | None = None,
    endpoint: str | None = None,
    explorer_html: bytes | None = None,
    with_dumps: bool = True,
    license_iri: str | None = None,
    dumps: dict[str, bytes] | None = None,
    jobs: int | None = None,
) -> int:
    """Write the whole site to ``out`` (atomically: built aside, then renamed into place).

    ``dumps`` (key → bytes, as :func:`lod.render_dump` gives) are reused when the caller has
    rendered them already. Resource pages are written by ``jobs`` processes (default: up to 2,
    where the platform forks); the files are the same for any ``jobs``.
    Returns the number of resource pages.
    """
    quads = (ds_or_quads if isinstance(ds_or_quads, list)
             else lod.canonical_quads(ds_or_quads))  # type: ignore[arg-type]
    idx = SiteIndex.of(quads)
    render = Renderer(idx, css())

    def fill(root: Path) -> None:
        files = SiteFiles(root)
        pages = PageWriter(idx, render, files)
        with pages.start(jobs):  # the pages are written meanwhile
            rendered = dumps
            if rendered is None:
                rendered = {k: lod.render_dump(quads, k) for k in lod.DUMPS} if with_dumps else {}
            _write_rest(files, idx, render, quads, rendered, created=created, endpoint=endpoint,
                        explorer_html=explorer_html, license_iri=license_iri)

    atomic_dir(Path(out), fill)
    return len(idx.pages)


def _write_rest(files: SiteFiles, idx: SiteIndex, render: Renderer, quads: list,
                dumps: dict[str, bytes], *, created: dt.date | None, endpoint: str | None,
                explorer_html: bytes | None, license_iri: str | None) -> None:
    """Everything but the resource and graph pages: dumps, VoID, ontology, index, configs."""
    links: list[tuple[str, str]] = [("ontology.html", "Ontology documentation")]
    if explorer_html is not None:
        files.write("explorer.html", explorer_html)
        links.append(("explorer.html", "Interactive graph explorer"))
    for key, data in dumps.items():
        fmt = lod.DUMPS[key]
        files.write(f"dumps/{fmt.filename}", data)
        links.append((f"dumps/{fmt.filename}", f"Dump: {fmt.filename} ({fmt.media_type})"))
    if dumps:
        ctx = lod.json.dumps({"@context": lod.load_context()}, ensure_ascii=False, indent=2)
        files.write("dumps/context.jsonld", (ctx + "\n").encode())
    void = describe(quads, dumps, created=created, endpoint=endpoint,
                    **({"license_iri": license_iri} if license_iri else {}))
    files.write("void.ttl", void_bytes(void))
    links.append(("void.ttl", "Dataset description (VoID + DCAT, Turtle)"))
    files.write(CSS_FILE, render.css.encode("utf-8"))
    terms = ontology_terms(idx)
    files.write("ontology.html", render.ontology(terms))
    files.write_rdf(ONTOLOGY_PAGE, [(t, p, o) for t in [ONTOLOGY_IRI, *terms]
                                    for p, o in idx.out_edges.get(t, [])])
    pylode = _pylode_html()
    if pylode is not None:
        files.write("ontology/index.html", pylode.encode("utf-8"))
        links.insert(1, ("ontology/index.html", "Ontology documentation (pyLODE)"))
    files.write("index.html", render.index(void, links))
    files.write(".htaccess", HTACCESS.encode())
    files.write(".policykg-export", b"written by policykg export; safe to replace\n")
    files.write("nginx.conf", NGINX.encode())


class SiteFiles:
    """Writes files into the folder being built (which is renamed into place as a whole, so
    each file needs no rename of its own); every path is checked to stay inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dirs: set[PurePosixPath] = set()

    def write(self, rel: PurePosixPath | str, data: bytes) -> None:
        rel = PurePosixPath(rel)
        if rel.parent not in self.dirs:
            inside(self.root, rel).parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(rel.parent)
        elif any(p in ("..", "") for p in rel.parts) or "\\" in rel.name:
            raise ValueError(f"refusing path {str(rel)!r}: it would leave the output folder")
        with open(self.root.joinpath(*rel.parts), "wb") as fh:
            fh.write(data)

    def write_rdf(self, rel: PurePosixPath, triples: list[tuple[Node, Node, Node]]) -> None:
        """A page's alternates: ``.ttl`` and ``.jsonld`` (only the context terms it uses)."""
        self.write(page_file(rel, ".ttl"), turtle_text(triples, lod.PREFIXES).encode("utf-8"))
        self.write(page_file(rel, ".jsonld"), lod.jsonld_bytes(triples, whole_context=False))


_WORK: PageWriter | None = None  # the writer a forked worker inherits


def _work(part: tuple[int, int]) -> int:
    assert _WORK is not None
    return _WORK.write_part(*part)


class PageWriter:
    """Writes the resource and named-graph pages (HTML, Turtle, JSON-LD), in parts."""

    def __init__(self, idx: SiteIndex, render: Renderer, files: SiteFiles) -> None:
        self.idx, self.render, self.files = idx, render, files
        self.items = ([("r", iri) for iri in sorted(idx.pages)]
                      + [("g", iri) for iri in sorted(idx.graph_pages)])

    def write_part(self, k: int, n: int) -> int:
        """Write every ``n``-th item starting at ``k``; returns how many."""
        idx, render, files = self.idx, self.render, self.files
        for kind, iri in self.items[k::n]:
            node = URIRef(iri)
            if kind == "r":
                rel = idx.pages[iri]
                files.write(page_file(rel, ".html"), render.resource(node))
                files.write_rdf(rel, description(idx, node))
            else:
                rel = idx.graph_pages[iri]
                files.write(page_file(rel, ".html"), render.graph_page(node))
                files.write_rdf(rel, idx.graph_triples[node])
        return len(self.items[k::n])

    @contextmanager
    def start(self, jobs: int | None) -> Iterator[None]:
        """Write the pages while the body runs: in ``jobs`` forked processes, or here after it."""
        global _WORK
        n = jobs or min(2, os.cpu_count() or 1)
        if n <= 1 or len(self.items) < 200 or "fork" not in mp.get_all_start_methods():
            yield
            self.write_part(0, 1)
            return
        for kind, iri in self.items:  # folders first, so workers never race to create them
            rel = (self.idx.pages if kind == "r" else self.idx.graph_pages)[iri]
            if rel.parent not in self.files.dirs:
                inside(self.files.root, rel).parent.mkdir(parents=True, exist_ok=True)
                self.files.dirs.add(rel.parent)
        _WORK = self
        try:
            with mp.get_context("fork").Pool(n) as pool:
                result = pool.map_async(_work, [(k, n) for k in range(n)])
                yield
                result.get()
        finally:
            _WORK = None


def page_paths(quads: Iterable[Quad]) -> dict[str, PurePosixPath]:
    """IRI → relative page path (without suffix) for every resource that gets a page."""
    return dict(SiteIndex.of(list(quads)).pages)
