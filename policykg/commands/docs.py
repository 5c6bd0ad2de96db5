"""``policykg docs --out DIR``: HTML documentation of the ontology (pyLODE) in DIR/index.html."""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.errors import EXIT_OK, EXIT_USAGE, UserError

DESCRIPTION = """Write HTML documentation of the policykg ontology (pyLODE) to DIR/index.html:
metadata, every class and property with its labels, definition, domain, range and
alignments. Open the page in a browser; it needs no server."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write index.html into (created if missing)")


def run(args: argparse.Namespace) -> int:
    from policykg.ontology.docs import write_docs

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; name a folder for the documentation.", EXIT_USAGE)
    try:
        target = write_docs(out)
    except ImportError as err:
        raise UserError(f"pyLODE is needed to write documentation ({err}); "
                        "install it with `pip install pylode`.", EXIT_USAGE) from err
    except PermissionError as err:
        raise UserError(f"--out {out} is not writable ({err.strerror}); choose another folder.",
                        EXIT_USAGE) from err
    print(f"wrote {target}")
    return EXIT_OK
