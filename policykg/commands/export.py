"""``policykg export``: RDF dumps, VoID, a static linked-data site, graph-tool files and the
interactive explorer from a build folder (its ``policykg.trig``) or an RDF file."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from rdflib import Graph

from policykg.errors import UserError
from policykg.store.base import RDFInputError

DESCRIPTION = """Export a build as linked open data or for graph tools.

Formats: ttl, nt (sorted), nq, trig, rdfxml, jsonld (compacted, context embedded) — RDF dumps;
void (VoID + DCAT description); site (static linked-data site, --out is a folder);
graphml, gexf, cyjs, dot (graph tools; --view picks full, supersession, agencies, funding or diffusion:
the documents whose measures are linked as similar, on a timeline of dates issued);
html (one self-contained interactive explorer page); all (everything into the --out folder).
Every file is written atomically; the same build gives byte-identical files."""

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "rdfxml", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf", "cyjs", "dot")
ALL_FORMATS = (*RDF_FORMATS, "void", "site", *GRAPH_FORMATS, "html", "all")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``policykg export``."""
    parser.add_argument("source", metavar="BUILD_DIR_OR_GRAPH", nargs="?", default="build",
                        help="a build folder (with policykg.trig) or an RDF file "
                             "(.trig .nq .ttl .nt .rdf); default: build")
    parser.add_argument("--format", "-f", required=True, choices=ALL_FORMATS,
                        help="what to write (see above)")
    parser.add_argument("--out", "-o", required=True, metavar="PATH",
                        help="output file, or folder for site/all (an existing folder gets the default file name)")
    parser.add_argument("--view", default="full",
                        choices=("full", "supersession", "agencies", "funding", "diffusion"),
                        help="graph view for graphml/gexf/cyjs/dot/html (default: full)")
    parser.add_argument("--endpoint", metavar="URL",
                        help="SPARQL endpoint to announce in the VoID description")
    parser.add_argument("--created", metavar="YYYY-MM-DD",
                        help="dct:created of the dataset (default: the newest date in the data)")
    parser.add_argument("--license", metavar="IRI", default=None,
                        help="dct:license IRI of the extracted facts (default: CC BY 4.0); "
                             "quoted text keeps its source's licence")
    parser.add_argument("--previous", metavar="BUILD", default=None,
                        help="site/all: publish changes.atom, the changes since this earlier "
                             "build (folder or .trig/.nq)")
    parser.add_argument("--host", metavar="URL", default=None,
                        help="site/all: where the site will be served, for the w3id.org "
                             "redirect rules (w3id.htaccess; default https://policykg.example.org)")
    parser.add_argument("--publisher", metavar="NAME", default=None,
                        help="dct:publisher of the dataset (default: policykg contributors)")
    parser.add_argument("--contact", metavar="IRI", default=None,
                        help="dcat:contactPoint: a mailto: or http(s) IRI")
    parser.add_argument("--dataset-version", metavar="TEXT", default=None,
                        help="dcat:version (default: sha256- and 12 hex digits of the N-Triples dump)")
    parser.add_argument("--issued", metavar="YYYY-MM-DD",
                        help="dct:issued (default: the newest date in the data)")
    parser.add_argument("--modified", metavar="YYYY-MM-DD",
                        help="dct:modified (default: the newest date in the data)")


def _date(text: str | None, option: str = "--created") -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD.") from None


def _meta(args: argparse.Namespace):
    """The publisher's statements about the dataset, from the options (checked)."""
    from policykg.graph.publish.void import DatasetMeta

    given: dict = {}
    if args.publisher is not None:
        if not args.publisher.strip():
            raise UserError("--publisher is empty; give the publisher's name.")
        given["publisher"] = " ".join(args.publisher.split())
    if args.contact is not None:
        if not re.match(r"(https?://|mailto:)[^\s<>\"]+$", args.contact):
            raise UserError(f"--contact {args.contact!r} is neither a mailto: nor an http(s) IRI.")
        given["contact"] = args.contact
    if args.dataset_version is not None:
        if not args.dataset_version.strip():
            raise UserError("--dataset-version is empty; give a version such as 2025.1.")
        given["version"] = args.dataset_version.strip()
    return DatasetMeta(issued=_date(args.issued, "--issued"),
                       modified=_date(args.modified, "--modified"), **given)


def _with_ontology(quads: list) -> list:
    """Add the packaged ontology (for labels and term pages) when the input lacks it."""
    from policykg.graph.publish.lod import canonical_quads
    from policykg.ontology.gazetteer import ontology_file
    from policykg.ontology.namespace import ONTOLOGY_IRI

    if any(g == ONTOLOGY_IRI for *_, g in quads):
        return quads
    try:
        text = ontology_file().read_text("utf-8")
    except OSError:
        return quads
    from rdflib import Dataset

    ds = Dataset()
    ds.graph(ONTOLOGY_IRI).parse(data=text, format="turtle")
    return sorted(set(quads) | set(canonical_quads(ds)),
                  key=lambda q: ("" if q[3] is None else q[3].n3(), q[0].n3(), q[1].n3(), q[2].n3()))


MARKER = ".policykg-export"


def _check_folder(out: Path, source: Path) -> None:
    """Refuse to replace a folder that policykg export did not write (or that holds the input)."""
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; this format needs a folder.")
    src = source.resolve()
    dst = out.resolve()
    if dst == src or src.is_relative_to(dst):
        raise UserError(f"--out {out} contains the input {source}; choose another folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UserError(f"--out {out} is not empty and was not written by policykg export; "
                        "choose a new or empty folder.")


def read_source(source: Path):
    """The dataset of a build folder (its policykg.trig) or an RDF file, read by policykg's safe
    reader (no entity expanded, no remote context fetched)."""
    from rdflib import Dataset

    from policykg.graph.publish.lod import BUILD_FILE
    from policykg.store.rdfinput import load_dataset

    path = source / BUILD_FILE if source.is_dir() else source
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; run `policykg build` first or pass a graph file")
    return load_dataset(path, Dataset())


def _fast_quads(source: Path) -> list | None:
    """The canonical quads of a build folder or a TriG/N-Quads/Turtle/N-Triples file read by
    pyoxigraph (fast), or None when the safe rdflib reader must read it (other formats, or a
    file pyoxigraph rejects: that reader then gives the error message)."""
    from policykg.graph.publish import fastread, lod

    path = source / lod.BUILD_FILE if source.is_dir() else source
    if not (path.is_file() and fastread.can_read(path)):
        return None
    try:
        return lod.canonicalize(fastread.read_quads(path))
    except (SyntaxError, ValueError, OSError):
        return None


def _check_own_context(path: Path, ours: bytes) -> None:
    """Refuse to replace a ``context.jsonld`` that is not policykg's own (a user's file)."""
    try:
        theirs = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as err:
        raise UserError(f"{path} cannot be read ({err.strerror or err}); choose another "
                        "--out folder.") from None
    if theirs != ours:
        raise UserError(f"{path} exists and is not policykg's JSON-LD context; the export "
                        "would replace it, so nothing was written: choose another --out folder.")


def _target(out: Path, default_name: str) -> Path:
    if out.is_dir() or str(out).endswith(("/", "\\")):
        return out / default_name
    return out


def run(args: argparse.Namespace) -> int:
    """Load the build, render the requested format(s), write atomically, print what was written."""
    from policykg.commands.diff import read_build
    from policykg.graph.export import graphtools
    from policykg.graph.export.explorer import ExplorerError, render_explorer
    from policykg.graph.publish import lod
    from policykg.graph.publish.changes import atom_bytes, diff
    from policykg.graph.publish.site import build_site
    from policykg.graph.publish.void import DEFAULT_LICENSE, describe, void_bytes
    from policykg.store.paths import atomic_dir, atomic_write_bytes

    created = _date(args.created)
    meta = _meta(args)
    if args.previous and args.format not in ("site", "all"):
        raise UserError("--previous applies to --format site and all (it adds changes.atom to "
                        "the site); for a diff alone use policykg diff OLD NEW.")
    previous = read_build(args.previous) if args.previous else None
    host = {} if args.host is None else {"host": args.host}
    if args.host is not None and not re.match(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~/-]*)?$",
                                              args.host):
        raise UserError(f"--host {args.host!r} is not an http(s) URL such as https://data.example.org.")
    if args.endpoint and not re.match(r"https?://[^\s<>\"]+$", args.endpoint):
        raise UserError(f"--endpoint {args.endpoint!r} is not an http(s) URL; "
                        "give the full query URL, e.g. http://localhost:7878/query.")
    license_iri = args.license or DEFAULT_LICENSE
    if not re.match(r"https?://[^\s<>\"]+$", license_iri):
        raise UserError(f"--license {license_iri!r} is not an http(s) IRI; give the license's IRI.")
    source = Path(args.source)
    quads = _fast_quads(source)
    try:
        ds = read_source(source) if quads is None else None
    except FileNotFoundError as err:
        raise UserError(str(err)) from None
    except (ValueError, RDFInputError) as err:
        raise UserError(str(err)) from None
    except Exception as err:  # a parser error: one sentence naming the file
        raise UserError(f"{source} could not be read as RDF ({type(err).__name__}: "
                        f"{str(err).splitlines()[0][:200] if str(err) else 'no detail'}); "
                        "check the file or rebuild it.") from None
    if quads is None:
        quads = lod.canonical_quads(ds)
    feed = atom_bytes(diff(previous, quads)) if previous is not None else None
    out = Path(args.out)
    fmt = args.format
    written: list[Path] = []

    def explorer(view: str, link_pages: bool = False) -> bytes:
        g = graphtools.build_view(_with_ontology(quads), view)
        try:
            return render_explorer(g, f"policykg explorer — {view} view", link_pages=link_pages)
        except ExplorerError as err:
            raise UserError(f"{err}.") from None

    if fmt in RDF_FORMATS:
        target = _target(out, lod.DUMPS[fmt].filename)
        ctx_path = target.with_name("context.jsonld")
        ctx = (lod.json.dumps({"@context": lod.load_context()}, ensure_ascii=False, indent=2)
               + "\n").encode("utf-8")
        if fmt == "jsonld" and ctx_path != target:
            _check_own_context(ctx_path, ctx)
        atomic_write_bytes(target, lod.render_dump(quads, fmt))
        written.append(target)
        if fmt == "jsonld" and ctx_path != target:
            atomic_write_bytes(ctx_path, ctx)
            written.append(ctx_path)
    elif fmt == "void":
        dumps = {k: lod.render_dump(quads, k) for k in lod.DUMPS}
        graph: Graph = describe(quads, dumps, created=created, endpoint=args.endpoint,
                                license_iri=license_iri, meta=meta)
        target = _target(out, "void.ttl")
        atomic_write_bytes(target, void_bytes(graph))
        written.append(target)
    elif fmt in GRAPH_FORMATS:
        g = graphtools.build_view(_with_ontology(quads), args.view)
        target = _target(out, f"policykg-{args.view}{graphtools.SUFFIX[fmt]}")
        atomic_write_bytes(target, graphtools.render(g, fmt))
        written.append(target)
    elif fmt == "html":
        target = _target(out, f"policykg-{args.view}.html")
        atomic_write_bytes(target, explorer(args.view))
        written.append(target)
    elif fmt == "site":
        _check_folder(out, source)
        count = build_site(_with_ontology(quads), out, created=created, endpoint=args.endpoint,
                           explorer_html=lambda: explorer(args.view, link_pages=True),
                           license_iri=license_iri, meta=meta, changes_atom=feed, **host)
        print(f"wrote a site of {count} resource pages to {out}")
        return 0
    else:  # all
        _check_folder(out, source)
        full = _with_ontology(quads)

        def fill(root: Path) -> None:
            atomic_write_bytes(root / MARKER, b"written by policykg export; safe to replace\n")
            dumps = {k: lod.render_dump(quads, k) for k in lod.DUMPS}
            for key, data in dumps.items():
                atomic_write_bytes(root / "dumps" / lod.DUMPS[key].filename, data)
            ctx = lod.json.dumps({"@context": lod.load_context()}, ensure_ascii=False, indent=2)
            atomic_write_bytes(root / "dumps" / "context.jsonld", (ctx + "\n").encode("utf-8"))
            atomic_write_bytes(root / "void.ttl", void_bytes(describe(
                quads, dumps, created=created, endpoint=args.endpoint, license_iri=license_iri,
                meta=meta)))
            for view in graphtools.VIEWS:
                g = graphtools.build_view(full, view)
                for gfmt in GRAPH_FORMATS:
                    atomic_write_bytes(root / "graphs" / f"policykg-{view}{graphtools.SUFFIX[gfmt]}",
                                       graphtools.render(g, gfmt))
            atomic_write_bytes(root / "explorer.html", explorer(args.view))
            build_site(full, root / "site", created=created, endpoint=args.endpoint,
                       explorer_html=lambda: explorer(args.view, link_pages=True),
                       license_iri=license_iri, dumps=dumps if full is quads else None, meta=meta,
                       changes_atom=feed, **host)

        atomic_dir(out, fill)
        print(f"wrote dumps/, void.ttl, graphs/, explorer.html and site/ to {out}")
        return 0
    for path in written:
        print(f"wrote {path}")
    return 0
