"""``policykg diff OLD NEW``: what changed between two builds, source by source."""

from __future__ import annotations

import argparse
from pathlib import Path

from policykg.errors import EXIT_USAGE, UserError

DESCRIPTION = """List what changed from the build OLD to the build NEW: the documents and reports
added, changed (with the statements added and removed) and removed, and the documents newly
repealed. OLD and NEW are build folders (their policykg.trig) or .trig / .nq files: the
comparison is made per named graph, one per source document.

--format text (default) prints one line per change; json gives every statement; atom writes the
change feed the site publishes as changes.atom (policykg export --previous OLD)."""

FORMATS = ("text", "json", "atom")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier build folder or .trig/.nq file")
    parser.add_argument("new", metavar="NEW", help="the later build folder or .trig/.nq file")
    parser.add_argument("--format", "-f", choices=FORMATS, default="text",
                        help="text (default), json or atom")
    parser.add_argument("--out", "-o", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")


def read_build(text: str) -> list:
    """The canonical quads of a build folder or a .trig/.nq file; a UserError otherwise."""
    from policykg.graph.publish import lod

    path = Path(text)
    file = path / lod.BUILD_FILE if path.is_dir() else path
    if not file.is_file():
        raise UserError(f"{file} does not exist; pass a build folder or a .trig/.nq file.",
                        EXIT_USAGE)
    if file.suffix.lower() not in (".trig", ".nq"):
        raise UserError(f"{file} has no named graphs to compare; pass a build folder or a "
                        ".trig/.nq file.", EXIT_USAGE)
    try:
        return lod.read_canonical_quads(file)
    except Exception as err:  # noqa: BLE001 - a parser's error: one sentence naming the file
        first = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        raise UserError(f"{file} could not be read as RDF ({first}).", EXIT_USAGE) from None


def run(args: argparse.Namespace) -> int:
    from policykg.graph.publish.changes import atom_bytes, diff
    from policykg.store.paths import atomic_write_bytes

    changes = diff(read_build(args.old), read_build(args.new))
    data = (atom_bytes(changes) if args.format == "atom"
            else (changes.to_json() if args.format == "json" else changes.to_text()).encode("utf-8"))
    if args.out:
        atomic_write_bytes(Path(args.out), data)
        print(f"wrote {args.out} ({len(changes.entries)} changes)")
    else:
        print(data.decode("utf-8"), end="")
    return 0
