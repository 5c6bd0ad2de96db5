"""What a file declares about itself (Markdown front matter) against what its text says.

A collection of policy texts often writes title, document number, date and publisher in front
matter, under English or Chinese keys (``title``/``标题``, ``number``/``文号``,
``date``/``发布日期``/``成文日期``, ``publisher``/``发布单位``/``发文机关``…). The facts of the graph
come from the text, where every one has a span; the declared values are compared with them and
each disagreement is a warning that quotes both:

* number: the declared number, normalised like the text's, differs from the number read;
* title: the declared title (script-insensitive, spaces aside) is neither the title, the notice
  title, nor a part of either, and neither is a part of it;
* date: the declared date is more than :data:`DATE_SLACK_DAYS` days away from both the date of
  signature and the publication date (collections record the publication date, which is often
  some days after the signature);
* publisher: none of the declared publishers is (a part of) an issuer's name, written or
  resolved, nor the report's publisher.

A value the text does not give at all is no conflict: nothing is compared.
"""

from __future__ import annotations

import datetime as dt
import re

from ..ontology.gazetteer import to_simplified
from .dates import find_dates
from .header import find_numbers
from .records import OfficialDocument, Report, Source, Warning_

DATE_SLACK_DAYS = 31
KEYS = {
    "title": ("title", "标题", "题名", "名称", "文件名称", "文件标题"),
    "number": ("number", "doc_number", "document_number", "docno", "文号", "发文字号", "发文号",
               "文件编号"),
    "date": ("date", "issued", "date_issued", "发布日期", "成文日期", "发文日期", "印发日期", "日期",
             "发布时间"),
    "publisher": ("publisher", "issuer", "issuers", "author", "发布单位", "发文机关", "发文单位",
                  "发布机构", "发布机关", "来源"),
}
_SPACES = re.compile(r"[\s\u3000《》〈〉“”\"']+")
_SPLIT = re.compile(r"[\s\u3000,，、;；/／]+")


def declared(metadata: dict[str, str] | None, fact: str) -> str | None:
    """The declared value of ``fact`` (title, number, date, publisher) under any of its keys."""
    if not metadata:
        return None
    lowered = {key.strip().lower(): value for key, value in metadata.items()}
    for key in KEYS[fact]:
        value = lowered.get(key)
        if value and value.strip():
            return value.strip()
    return None


def _squeeze(text: str | None) -> str:
    return _SPACES.sub("", to_simplified(text or ""))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        found = find_dates(value)
        return found[0].value if found else None


def _warn(fact: str, name: str, said: str, read: str) -> Warning_:
    return Warning_("front-matter-conflict", (
        f"the front matter of {name} gives the {fact} as {said!r}, the text says {read!r}."), 1)


def _number(meta: dict[str, str] | None, number: str | None, name: str) -> list[Warning_]:
    said = declared(meta, "number")
    if not said or not number:
        return []
    found = find_numbers(to_simplified(said))
    normal = found[0][0] if found else _squeeze(said)
    return [] if normal == number else [_warn("number", name, said, number)]


def _title(meta: dict[str, str] | None, titles: list[str | None], name: str) -> list[Warning_]:
    said = declared(meta, "title")
    known = [t for t in titles if t]
    if not said or not known:
        return []
    key = _squeeze(said)
    if any(key in _squeeze(t) or _squeeze(t) in key for t in known):
        return []
    return [_warn("title", name, said, known[0])]


def _date_conflict(meta: dict[str, str] | None, dates: list[dt.date | None],
                   name: str) -> list[Warning_]:
    said = declared(meta, "date")
    known = [d for d in dates if d]
    when = _date(said) if said else None
    if when is None or not known:
        return []
    if any(abs((when - d).days) <= DATE_SLACK_DAYS for d in known):
        return []
    return [_warn("date", name, said or "", known[0].isoformat())]


def _publisher(meta: dict[str, str] | None, names: list[str], name: str) -> list[Warning_]:
    said = declared(meta, "publisher")
    known = [_squeeze(n) for n in names if n]
    if not said or not known:
        return []
    parts = [_squeeze(p) for p in _SPLIT.split(said) if p.strip()]
    if any(p and any(p in k or k in p for k in known) for p in parts):
        return []
    return [_warn("publisher", name, said, "、".join(n for n in names if n))]


def conflicts(source: Source, record: OfficialDocument | Report) -> list[Warning_]:
    """Warnings for each declared fact the text contradicts (see the module docstring)."""
    meta, name = source.metadata, source.name
    if not meta:
        return []
    if isinstance(record, OfficialDocument):
        published = record.published.date() if record.published else None
        issuers = [n for ref in record.issuers for n in (ref.name, ref.written)]
        return (_number(meta, record.number, name)
                + _title(meta, [record.title, record.notice_title], name)
                + _date_conflict(meta, [record.date_issued, published], name)
                + _publisher(meta, [n for n in issuers if n], name))
    return (_title(meta, [record.title], name)
            + _date_conflict(meta, [record.date], name)
            + _publisher(meta, [record.publisher or ""], name))
