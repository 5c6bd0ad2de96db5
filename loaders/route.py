"""Load one source file: read it, decide official document vs report, parse it.

``load(path)`` never raises. A file that cannot be read or decoded gives a
:class:`LoadResult` with ``error`` (one sentence) and ``stage`` (``read``/``decode``); an
exception inside a parser gives ``stage="parse"``.

The decision is :func:`loaders.signs.find_signs`'s: every sign of an official document (number,
notice title, addressee, transmittal, articles, signature, adoption line…) and of a report
(byline, dateline, 据…报道, 近日…印发, a title quoted in a sentence, English prose…) is found
with its span and weight, and the sums decide; no single sign is required. Reports go to
``loaders.report.load_report`` when that module is installed, everything else to
:func:`loaders.official.parse_official`. ``LoadResult.routing`` carries the decision and its
signs for every source that was read.
"""

from __future__ import annotations

from pathlib import Path

from .declared import conflicts
from .records import LoadResult, OfficialDocument, Report, Routing, Source
from .signs import find_signs
from .source import SourceError, read_source


def _report_module():
    try:
        from . import report
    except ImportError:
        return None
    if not hasattr(report, "load_report"):
        return None
    return report


def parse_source(source: Source) -> LoadResult:
    """Route an already-read source to the right parser; errors become ``stage="parse"``."""
    path = source.path or source.name
    routing: Routing | None = None
    try:
        routing = find_signs(source)
        report = _report_module()
        if report is not None and routing.kind == "report":
            record = report.load_report(source)
        else:
            from .official import parse_official

            record = parse_official(source)
        record.warnings[:0] = source.warnings + conflicts(source, record)  # reading, metadata
    except Exception as err:  # noqa: BLE001 - a loader bug must not stop a build
        return LoadResult(path=path, record=None, error=(
            f"{source.name} could not be parsed ({type(err).__name__}: {err})."), stage="parse",
            routing=routing)
    if not recognisable(record):
        return LoadResult(path=path, record=None, warnings=list(record.warnings), error=(
            f"{source.name} reads neither as a policy document nor as a report on one (no "
            "document number, title, numbered measures, policy title or figures were found)."),
            stage="parse", routing=routing)
    return LoadResult(path=path, record=record, warnings=list(record.warnings), routing=routing)


def recognisable(record: OfficialDocument | Report) -> bool:
    """True when a parsed record has any structure of a policy or of a report on one.

    A recipe, a CSV table or a page of unrelated prose parses into an empty record: no document
    number, title or measures (official); no quoted policy title, agency, subject, area, reported
    policy or money/share figure (report — a count or a date alone is not enough). Such a
    source is a failure at the ``parse`` stage, not an empty graph.
    """
    if isinstance(record, OfficialDocument):
        return bool(record.number or record.title or record.notice_title or record.measures)
    if isinstance(record, Report):
        return bool(record.policy_titles or record.reported_policy or record.agencies
                    or record.subject_concepts or record.jurisdiction
                    or any(c.amount is not None or c.share is not None for c in record.claims))
    return True


def load(path: str | Path) -> LoadResult:
    """Read ``path`` and parse it; a problem is reported in ``error``/``stage``, never raised."""
    try:
        source = read_source(path)
    except SourceError as err:
        return LoadResult(path=str(path), record=None, error=str(err),
                          stage=getattr(err, "stage", "read"))
    except Exception as err:  # noqa: BLE001
        return LoadResult(path=str(path), record=None,
                          error=f"{path} could not be read ({type(err).__name__}: {err}).",
                          stage="read")
    return parse_source(source)
