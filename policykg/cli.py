"""The ``policykg`` command line: a thin dispatcher to ``policykg.commands.<name>`` modules.

Each command module exposes ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. A command whose module is missing says so in one sentence and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import traceback

from policykg.store.termsafe import TerminalSafeWriter, terminal_safe

from .errors import EXIT_USAGE, UserError

COMMANDS: dict[str, str] = {
    "build": "Build the knowledge graph from source files or folders.",
    "inspect": "Show the records a loader extracts from one source file.",
    "validate": "Validate a graph against the SHACL shapes.",
    "query": "Run a catalog query or a SPARQL file against a graph, store or endpoint.",
    "eligible": "List the funding offers an enterprise of a category in an area can get.",
    "compare": "Print two documents' similar measures side by side, with their amounts.",
    "export": "Export a build as RDF dumps, a linked-data site, graph-tool files or an explorer.",
    "diff": "List what changed between two builds: documents added, changed, removed, repealed.",
    "serve": "Serve a built store read-only (SPARQL), or an exported site with content negotiation.",
    "push": "Upload a graph to a SPARQL endpoint with the Graph Store Protocol.",
    "reason": "Check the ontology (and optionally data) for consistency with HermiT.",
    "docs": "Write HTML documentation of the ontology.",
    "stats": "Count a graph's resources by class, document and jurisdiction.",
    "tables": "Write tidy tables (Parquet and CSV) with a data dictionary from a graph or store.",
    "plot": "Draw funding by category and jurisdiction, and a timeline of documents (PNG/SVG).",
    "evaluate": "Score the loader against hand-made gold: precision, recall, F1 per fact kind.",
}

EPILOG = """exit codes:
  0  success
  1  the command ran and found a problem (a SHACL Violation, an inconsistent ontology)
  2  usage error: a bad option, a missing file, or a command not available yet
  3  build: some sources failed to load (listed in report.json); the others were built
     (with --strict, a source with warnings fails too)
"""


def _load(name: str):
    try:
        return importlib.import_module(f"policykg.commands.{name}")
    except ModuleNotFoundError as err:
        if err.name == f"policykg.commands.{name}":
            return None
        raise


def make_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand (unavailable ones included)."""
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="Turn public-policy documents into a validated, queryable knowledge graph.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        module = _load(name)
        p = sub.add_parser(
            name,
            help=help_text,
            description=getattr(module, "DESCRIPTION", help_text),
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks on errors")  # SUPPRESS: keep a --debug given before
        if module is not None:
            module.add_arguments(p)
        else:
            p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn errors into one sentence and an exit code."""
    try:
        code = _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while the parser and the command's modules still load
        print("policykg: interrupted while starting; nothing was written.", file=sys.stderr)
        code = 130
    if code == 130 and argv is None:
        _ignore_further_interrupts()
    return code


def _ignore_further_interrupts() -> None:
    """After an interrupt has been reported, the program only winds down: a Ctrl-C (or one
    still pending) must not end the interpreter's clean-up by a signal instead of exit 130."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: the caller owns the signals
        pass


def _main(argv: list[str] | None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    module = _load(args.command)
    if module is None:
        print(f"policykg {args.command} is not available yet in this version.", file=sys.stderr)
        return EXIT_USAGE
    stdout = sys.stdout
    if _on_console(stdout):  # a person reads it: source text may not drive the terminal
        sys.stdout = TerminalSafeWriter(stdout)
    try:
        return int(module.run(args) or 0)
    except UserError as err:
        if args.debug:
            traceback.print_exc()
        print(terminal_safe(f"policykg {args.command}: {err}"), file=sys.stderr)
        return err.exit_code
    except BrokenPipeError as err:
        if _stdout_closed():  # the reader went away (`| head`): stop quietly, as tools do
            _silence_stdout()
            return 141
        if args.debug:
            traceback.print_exc()
        print(terminal_safe(f"policykg {args.command}: a connection was closed by the other "
                            f"side ({err}); rerun with --debug for the traceback."),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"policykg {args.command}: interrupted; previous outputs are left as they were.",
              file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the last line of defence: one sentence, no traceback
        if args.debug:
            traceback.print_exc()
        print(terminal_safe(f"policykg {args.command}: internal error ({type(err).__name__}: "
                            f"{err}); rerun with --debug for the traceback."), file=sys.stderr)
        return 1
    finally:
        if sys.stdout is not stdout:
            sys.stdout.flush()
            sys.stdout = stdout


def _stdout_closed() -> bool:
    """True when writing to stdout fails because its reader is gone."""
    try:
        sys.stdout.flush()
        sys.__stdout__.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError, AttributeError):
        return False
    return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _on_console(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(main())
