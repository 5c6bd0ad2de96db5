"""Load one source file: read it, decide official document vs report, parse it.

``load(path)`` never raises. A file that cannot be read or decoded gives a
:class:`LoadResult` with ``error`` (one sentence) and ``stage`` (``read``/``decode``); an
exception inside a parser gives ``stage="parse"``. Reports (news, briefings) are recognised
by ``loaders.report.is_report`` when that module is installed; everything else is parsed as an
official document by :func:`loaders.official.parse_official`.

One strong signal overrides ``is_report``: on the cleaned view (pinyin annotations and doubled
punctuation removed), a line near the top that is *only* a document number (``粤府办〔2025〕6号``)
or *only* a notice title (``…关于印发…的通知``). News and briefings quote numbers and titles
inside sentences, never as lines of their own.
"""

from __future__ import annotations

import re
from pathlib import Path

from .records import LoadResult, OfficialDocument, Report, Source
from .source import SourceError, read_source

_HEAD_CHARS = 1500
_NUMBER_LINE = re.compile(
    r"^\s*[\u4e00-\u9fff]{1,12}\s*〔\s*(?:19|20)\d{2}\s*〕\s*(?:第\s*)?\d{1,4}\s*号\s*$", re.M)
_NOTICE_LINE = re.compile(r"^\s*[^\n。，]{0,60}关于印发[^\n。]{2,120}的(?:通知|决定)\s*$", re.M)


def has_official_header(source: Source) -> bool:
    """A line that is only a document number or only a notice title near the top of the text."""
    from .clean import clean

    view = clean(source.text[: _HEAD_CHARS * 2]).view[:_HEAD_CHARS]
    view = re.sub(r"[\[［(（【]\s*((?:19|20)\d{2})\s*[\]］)）】]", r"〔\1〕", view)
    return bool(_NUMBER_LINE.search(view) or _NOTICE_LINE.search(view))


def _report_module():
    try:
        from . import report
    except ImportError:
        return None
    if not (hasattr(report, "is_report") and hasattr(report, "load_report")):
        return None
    return report


def parse_source(source: Source) -> LoadResult:
    """Route an already-read source to the right parser; errors become ``stage="parse"``."""
    path = source.path or source.name
    try:
        report = _report_module()
        if report is not None and not has_official_header(source) and report.is_report(source):
            record = report.load_report(source)
        else:
            from .official import parse_official

            record = parse_official(source)
    except Exception as err:  # noqa: BLE001 - a loader bug must not stop a build
        return LoadResult(path=path, record=None, error=(
            f"{source.name} could not be parsed ({type(err).__name__}: {err})."), stage="parse")
    if not recognisable(record):
        return LoadResult(path=path, record=None, warnings=list(record.warnings), error=(
            f"{source.name} reads neither as a policy document nor as a report on one (no "
            "document number, title, numbered measures, policy title or figures were found)."),
            stage="parse")
    return LoadResult(path=path, record=record, warnings=list(record.warnings))


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
