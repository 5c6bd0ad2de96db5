"""``policykg reason [GRAPH]``: HermiT consistency check of the ontology, the vocabularies and
optionally a data graph; exit 1 when inconsistent, 2 when Java is missing or GRAPH unusable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policykg.errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UserError

DESCRIPTION = """Check the ontology and the SKOS vocabularies — and a data graph when GRAPH is given —
for logical consistency with the HermiT OWL reasoner (needs Java).

Prints "consistent" or "inconsistent", any unsatisfiable classes, and triples that cannot be
read as OWL 2 DL (e.g. a literal where the ontology expects a resource). GRAPH may be any RDF
file rdflib reads (.ttl, .nt, .trig, .nq, .rdf, .jsonld…); named graphs are merged, except a
build's own copies of the ontology and vocabulary graphs: the packaged ones are checked.
Nothing is fetched: a remote JSON-LD context needs --allow-network, an RDF/XML entity is never
expanded and owl:imports are not followed."""

_SHOW = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", nargs="?", metavar="GRAPH",
                        help="an RDF data graph (or a build folder) to check together with the "
                             "ontology (optional)")
    parser.add_argument("--allow-network", action="store_true",
                        help="let a JSON-LD GRAPH fetch its remote @context (off by default: "
                             "nothing is fetched, owl:imports are never followed)")


def run(args: argparse.Namespace) -> int:
    from policykg.ontology.reasoning import JavaMissing, check, data_graph
    from policykg.store.base import RDFInputError, RDFSyntaxError, first_line
    from policykg.store.rdfinput import load_dataset

    data = None
    what = "ontology + vocabularies"
    if args.graph:
        path = Path(args.graph)
        if path.is_dir():  # a build folder: its TriG dump (or N-Triples)
            path = next((path / n for n in ("policykg.trig", "policykg.nq", "policykg.nt")
                         if (path / n).is_file()), path / "policykg.trig")
        if not path.is_file():
            raise UserError(f"{path} does not exist; name an RDF file such as build/policykg.trig.",
                            EXIT_USAGE)
        try:
            data = data_graph(load_dataset(path, allow_network=args.allow_network))
        except RDFSyntaxError as err:
            detail = first_line(err.__cause__) if err.__cause__ else str(err)
            raise UserError(f"{path} could not be parsed as RDF ({detail}).", EXIT_USAGE) from err
        except RDFInputError as err:
            raise UserError(str(err), EXIT_USAGE) from err
        what += f" + {path} ({len(data)} triples)"
    try:
        report = check(data)
    except ImportError as err:
        raise UserError(f"owlready2 is needed to run HermiT ({err}); install it with "
                        "`pip install owlready2`.", EXIT_USAGE) from err
    except JavaMissing as err:
        raise UserError("HermiT needs a Java runtime and `java` was not found; install one "
                        "(e.g. apt-get install default-jre) and rerun.", EXIT_USAGE) from err
    if not report.consistent:
        verdict = "inconsistent"
    elif report.ill_typed:
        verdict = "ill-typed (the rest is consistent)"
    else:
        verdict = "consistent"
    print(f"{verdict}: {what}, {report.triples} triples checked by HermiT "
          f"in {report.seconds:.1f} s")
    if report.unsatisfiable:
        print(f"unsatisfiable classes ({len(report.unsatisfiable)}):")
        for iri in report.unsatisfiable:
            print(f"  {iri}")
    else:
        print("no unsatisfiable classes")
    if report.ill_typed:
        print(f"ill-typed triples set aside ({len(report.ill_typed)}):")
        for line in report.ill_typed[:_SHOW]:
            print(f"  {line}")
        if len(report.ill_typed) > _SHOW:
            print(f"  … and {len(report.ill_typed) - _SHOW} more")
    if report.diagnosis:
        print("likely causes:")
        for line in report.diagnosis:
            print(f"  {line}")
    sys.stdout.flush()
    return EXIT_OK if report.ok else EXIT_FAILURE
