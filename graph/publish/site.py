"""A static linked-data site of a build: one HTML page per resource at the path of its IRI
(resources that deserve one: see :class:`siteindex.SiteIndex`), with ``.ttl`` and ``.jsonld`` alternates, an index, the ontology documentation, the dumps,
the VoID description and server configurations for content negotiation.

Layout (see docs/publishing.md): ``https://w3id.org/policykg/id/doc/2025/yue-fu-ban-6`` →
``DIR/id/doc/2025/yue-fu-ban-6.html`` + ``.ttl`` + ``.jsonld``; the ontology
``https://w3id.org/policykg/ontology#Term`` → ``DIR/ontology.html#Term`` (+ ``.ttl``,
``.jsonld``). Contract: every label and literal is HTML-escaped; only ``http(s)`` IRIs become
external links; every path comes from :func:`safepath.iri_relpath` and is checked to stay
inside DIR; no network resource is referenced (one local ``site.css``); output is deterministic
(the same bytes for any number of processes) and atomic (the folder is built aside and renamed).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.conneg import DEFAULT_HOST, server_files
from policykg.graph.publish.datasetpage import DATASET_PAGE, dataset_page, dataset_triples
from policykg.graph.publish.formats import RDF_VARIANTS, render
from policykg.graph.publish.pages import CSS_FILE, ONTOLOGY_PAGE, Renderer, css, page_file
from policykg.graph.publish.siteindex import SiteIndex, description, ontology_terms
from policykg.graph.publish.void import DatasetMeta, describe, void_bytes
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
    explorer_html: bytes | Callable[[], bytes] | None = None,
    with_dumps: bool = True,
    license_iri: str | None = None,
    dumps: dict[str, bytes] | None = None,
    jobs: int | None = None,
    meta: DatasetMeta | None = None,
    changes_atom: bytes | None = None,
    host: str = DEFAULT_HOST,
) -> int:
    """Write the whole site to ``out`` (atomically: built aside, then renamed into place).

    ``changes_atom`` (:func:`changes.atom_bytes` against a previous build) is published as
    ``changes.atom``; ``host`` is where the site will be served (the w3id.org rules point there). ``dumps`` (key → bytes, as :func:`lod.render_dump` gives) are reused when the caller has
    rendered them already. ``explorer_html`` may be a function that renders the page (it then runs beside the rest).
    The work (resource pages in parts, the dumps with the VoID description, the explorer) is
    shared among ``jobs`` processes (default: up to 2, where the platform forks); the files
    are the same for any ``jobs``. Returns the number of resource pages.
    """
    quads = (ds_or_quads if isinstance(ds_or_quads, list)
             else lod.canonical_quads(ds_or_quads))  # type: ignore[arg-type]
    idx = SiteIndex.of(quads)
    render = Renderer(idx, css())
    void_args = {"created": created, "endpoint": endpoint, "meta": meta,
                 **({"license_iri": license_iri} if license_iri else {})}

    def fill(root: Path) -> None:
        site = SiteWork(idx, render, SiteFiles(root), quads, void_args, with_dumps, explorer_html)
        site.dumps = dumps
        site.changes_atom = changes_atom
        site.host = host
        site.run(jobs)
        site.finish()

    atomic_dir(Path(out), fill)
    return len(idx.pages)


class SiteFiles:
    """Writes files into the folder being built (which is renamed into place as a whole, so
    each file needs no rename of its own); every path is checked to stay inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dirs: set[PurePosixPath] = set()

    def folder(self, rel: PurePosixPath) -> None:
        """Create the folder of ``rel`` (checked to stay inside the root)."""
        if rel.parent not in self.dirs:
            inside(self.root, rel).parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(rel.parent)

    def write(self, rel: PurePosixPath | str, data: bytes) -> None:
        rel = PurePosixPath(rel)
        if rel.parent not in self.dirs:
            self.folder(rel)
        elif any(p in ("..", "") for p in rel.parts) or "\\" in rel.name:
            raise ValueError(f"refusing path {str(rel)!r}: it would leave the output folder")
        with open(self.root.joinpath(*rel.parts), "wb") as fh:
            fh.write(data)

    def exists(self, rel: str) -> bool:
        """Whether the file ``rel`` has been written."""
        return self.root.joinpath(*PurePosixPath(rel).parts).is_file()

    def write_rdf(self, rel: PurePosixPath, triples: list[tuple[Node, Node, Node]]) -> None:
        """A page's alternates in every RDF syntax of :data:`formats.RDF_VARIANTS`."""
        for v in RDF_VARIANTS:
            self.write(page_file(rel, v.suffix), render(triples, v.suffix))


_PAGE_PARTS = 32  # small enough that the processes finish within a part of each other
_PARENT_TASKS = ("dumps", "explorer")  # they read the whole graph: the parent runs them


def _claim(counter: Any, total: int) -> int | None:
    """The next unclaimed task number (shared by every process), or None when all are taken."""
    with counter.get_lock():
        k = counter.value
        if k >= total:
            return None
        counter.value = k + 1
    return k


class SiteWork:
    """The site's work as independent tasks, then the pages that need their results."""

    def __init__(self, idx: SiteIndex, render: Renderer, files: SiteFiles, quads: list,
                 void_args: dict, with_dumps: bool,
                 explorer: bytes | Callable[[], bytes] | None) -> None:
        self.idx, self.render, self.files, self.quads = idx, render, files, quads
        self.void_args, self.with_dumps, self.explorer = void_args, with_dumps, explorer
        # a named graph holding more than a part's share of the statements (the links graph of
        # a large build) is a task of its own, claimed first, so it does not finish last
        share = len(quads) / _PAGE_PARTS
        self.heavy = [iri for iri in sorted(idx.graph_pages)
                      if len(idx.graph_triples[URIRef(iri)]) > share]
        self.items = ([("r", iri) for iri in sorted(idx.pages)]
                      + [("g", iri) for iri in sorted(set(idx.graph_pages) - set(self.heavy))])
        self.void: bytes = b""
        self.dumps: dict[str, bytes] | None = None  # rendered already by the caller
        self.changes_atom: bytes | None = None  # the change feed against a previous build
        self.host = DEFAULT_HOST  # where the site is served (for the w3id.org rules)
        self.pylode = False

    def tasks(self) -> list[tuple[str, int]]:
        """The parent's tasks (dumps with VoID, explorer), then the shared ones: the heavy
        named graphs, the ontology and the pages in parts."""
        return ([("dumps", 0), ("explorer", 0)] + [("heavy", k) for k in range(len(self.heavy))]
                + [("ontology", 0)] + [("pages", k) for k in range(_PAGE_PARTS)])

    def task(self, task: tuple[str, int]) -> bytes | None:
        """Run one task; the dumps task returns the VoID description's bytes, the ontology
        task b"pylode" when it wrote pyLODE's page."""
        name, k = task
        if name == "dumps":
            return self.write_dumps()
        if name == "ontology":
            return self.write_ontology()
        if name == "explorer":
            if self.explorer is not None:
                html = self.explorer() if callable(self.explorer) else self.explorer
                self.files.write("explorer.html", html)
            return None
        if name == "heavy":
            self.write_graph_page(self.heavy[k])
            return None
        self.write_pages(k, _PAGE_PARTS)
        return None

    def run(self, jobs: int | None) -> None:
        """Every task, in ``jobs`` processes (forked; the parent is one of them) when there is
        enough to share. The parent first writes the dumps and renders the explorer (both read
        the whole graph, which a forked process would have to copy, page by page, as it
        touches each object); the other tasks are claimed one at a time by whichever process
        is free, the parent too once its own are done, so all finish at about the same time."""
        n = jobs or (min(2, os.cpu_count() or 1) if len(self.items) >= 200 else 1)
        tasks = self.tasks()
        if n <= 1 or "fork" not in mp.get_all_start_methods():
            results = {t[0]: self.task(t) for t in tasks}
            self.void = results["dumps"] or b""
            self.pylode = results["ontology"] == b"pylode"
            return
        for kind, iri in self.items:  # folders first, so processes never race to make them
            self.files.folder((self.idx.pages if kind == "r" else self.idx.graph_pages)[iri])
        for iri in self.heavy:
            self.files.folder(self.idx.graph_pages[iri])
        self.files.folder(PurePosixPath("explorer.html"))
        ctx = mp.get_context("fork")
        shared = tasks[len(_PARENT_TASKS):]
        counter = ctx.Value("i", 0)
        workers = [ctx.Process(target=self._claim_tasks, args=(counter, shared), daemon=True)
                   for _ in range(n - 1)]
        for w in workers:
            w.start()
        try:
            for t in tasks[:len(_PARENT_TASKS)]:
                result = self.task(t)
                if t[0] == "dumps":
                    self.void = result or b""
            self._claim_tasks(counter, shared)
        except BaseException:
            with counter.get_lock():
                counter.value = len(shared)  # the others stop after their current task
            raise
        finally:
            for w in workers:
                w.join()
        failed = [w.exitcode for w in workers if w.exitcode != 0]
        if failed:
            raise RuntimeError(f"a process writing the site failed (exit code {failed[0]})")
        self.pylode = self.files.exists("ontology/index.html")

    def _claim_tasks(self, counter: Any, tasks: list[tuple[str, int]]) -> None:
        """Run tasks claimed from the shared counter until none is left."""
        while (k := _claim(counter, len(tasks))) is not None:
            self.task(tasks[k])

    def write_pages(self, k: int, n: int) -> None:
        """Write every ``n``-th resource or graph page starting at ``k``."""
        idx, render, files = self.idx, self.render, self.files
        for kind, iri in self.items[k::n]:
            node = URIRef(iri)
            if kind == "r":
                rel = idx.pages[iri]
                files.write(page_file(rel, ".html"), render.resource(node))
                files.write_rdf(rel, description(idx, node))
            else:
                self.write_graph_page(iri)

    def write_graph_page(self, iri: str) -> None:
        """A named graph's page and its statements in every RDF syntax."""
        node = URIRef(iri)
        rel = self.idx.graph_pages[iri]
        self.files.write(page_file(rel, ".html"), self.render.graph_page(node))
        self.files.write_rdf(rel, self.idx.graph_triples[node])

    def write_dumps(self) -> bytes:
        """The dumps, their JSON-LD context and the VoID description (returned as Turtle)."""
        dumps = self.dumps
        if dumps is None:
            dumps = ({k: lod.render_dump(self.quads, k) for k in lod.DUMPS}
                     if self.with_dumps else {})
        for key, data in dumps.items():
            self.files.write(f"dumps/{lod.DUMPS[key].filename}", data)
        if dumps:
            ctx = lod.json.dumps({"@context": lod.load_context()}, ensure_ascii=False, indent=2)
            self.files.write("dumps/context.jsonld", (ctx + "\n").encode())
        void = void_bytes(describe(self.quads, dumps, **self.void_args))
        self.files.write("void.ttl", void)
        return void

    def write_ontology(self) -> bytes | None:
        """The ontology's page and alternates, and pyLODE's page when pyLODE is available."""
        terms = ontology_terms(self.idx)
        self.files.write("ontology.html", self.render.ontology(terms))
        self.files.write_rdf(ONTOLOGY_PAGE, [(t, p, o) for t in [ONTOLOGY_IRI, *terms]
                                             for p, o in self.idx.out_edges.get(t, [])])
        pylode = _pylode_html()
        if pylode is None:
            return None
        self.files.write("ontology/index.html", pylode.encode("utf-8"))
        return b"pylode"

    def finish(self) -> None:
        """The pages that need the others' results: stylesheet, index, server configurations."""
        render, files = self.render, self.files
        links: list[tuple[str, str]] = [("ontology.html", "Ontology documentation")]
        if self.explorer is not None:
            links.append(("explorer.html", "Interactive graph explorer"))
        if self.with_dumps:
            links.extend((f"dumps/{f.filename}", f"Dump: {f.filename} ({f.media_type})")
                         for f in lod.DUMPS.values())
        links.append(("void.ttl", "Dataset description (VoID + DCAT, Turtle)"))
        links.append((str(page_file(DATASET_PAGE, ".html")), "The dataset: licence, version, distributions"))
        if self.changes_atom is not None:
            files.write("changes.atom", self.changes_atom)
            links.append(("changes.atom", "Changes since the previous build (Atom feed)"))
        files.write(CSS_FILE, render.css.encode("utf-8"))
        if self.pylode:
            links.insert(1, ("ontology/index.html", "Ontology documentation (pyLODE)"))
        void = Graph().parse(data=self.void.decode("utf-8"), format="turtle")
        files.write("index.html", render.index(void, links))
        files.write(page_file(DATASET_PAGE, ".html"), dataset_page(render, void))
        files.write_rdf(DATASET_PAGE, dataset_triples(void))
        for rel, text in server_files(self.host).items():
            files.write(rel, text.encode())
        files.write(".policykg-export", b"written by policykg export; safe to replace\n")


def page_paths(quads: Iterable[Quad]) -> dict[str, PurePosixPath]:
    """IRI → relative page path (without suffix) for every resource that gets a page."""
    return dict(SiteIndex.of(list(quads)).pages)
