"""Signature block of an official document: the signing organs and the date they signed.

A signature is a full date standing alone at the end of its line (``2024年5月6日``,
``二〇二四年五月六日``, ``2024-05-06``), with the organs that sign it right before it on the
same line or on the lines just above, one or several per line (separated by spaces, ``、`` or
nothing at all: ``黄浦区发展和改革委员会黄浦区建设和管理委员会``). Grammar only, in view
offsets; names are looked up by :mod:`loaders.agencies`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .agencies import AGENCY_SUFFIX, looks_like_agency
from .dates import find_dates
from .found import Found

# the end of one organ's name inside a run of names written without a separator
_SUFFIX_END = re.compile(AGENCY_SUFFIX)
# the place a name starts with (上海市, 黄浦区, 上海市嘉定区, 中国（上海）…区)
_PLACE = re.compile(r"^(?:中共)?[\u4e00-\u9fff（）()]{1,12}?(?:省|自治区|市|自治州|州|盟|区|县|旗|镇|乡)")

# signers that are no government body but sign with one (总队, 分行, 工会, 协会…)
_OTHER_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()·]{2,40}?(?:总队|支队|大队|分行|支行|银行|工会|妇女联合会|妇联|团委|联合会|"
    r"协会|商会|学会|总会|集团|公司|研究院|研究所|法院|检察院)$"
)
_FULL_DATE = re.compile(r"年.*月.*日|\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}")
_MAX_LINES_ABOVE = 8
_LEVELS = "省市区县镇乡"
# what may follow a signature date: white space, the end, or a closing note (此件公开发布)
_AFTER_DATE = re.compile(r"[ \t\u3000\n]|$|[（(](?:此件|本件)[^）)\n]{0,12}[）)]")


@dataclass(slots=True)
class Signature:
    """A signature block: its organs (possibly none), its date and the block's first offset."""

    date: dt.date
    date_start: int
    date_end: int
    start: int  # where the block begins (first organ line, or the date line)
    organs: list[Found] = field(default_factory=list)


def is_organ(name: str) -> bool:
    """True when ``name`` reads as a signing organ: a government body, or a body that signs with
    one (a fire brigade 总队, a bank's 分行, a trade union, an association)."""
    return looks_like_agency(name) or bool(_OTHER_ORGAN.match(name))


def split_run(name: str) -> list[tuple[int, int]]:
    """Extents of the organ names in a run written without separators.

    ``黄浦区发展和改革委员会黄浦区建设和管理委员会`` → two names: a cut falls where one name's
    ending (委员会, 局, 办公室…) is followed by the place the first name starts with, and both
    sides read as names. A single name gives one extent.
    """
    if name[:1] in _LEVELS and name[1:2] not in _LEVELS:  # 区财政局区规划土地局: short forms
        prefix = name[0]
    else:
        place = _PLACE.match(name)
        if place is None or len(name) < 2 * len(place.group(0)) + 2:
            return [(0, len(name))]
        prefix = place.group(0)
    cuts = [0]
    for m in re.finditer(re.escape(prefix), name):
        pos = m.start()
        if pos == 0 or pos <= cuts[-1]:
            continue
        if looks_like_agency(name[cuts[-1] : pos]) and _SUFFIX_END.search(name[cuts[-1] : pos]):
            cuts.append(pos)
    cuts.append(len(name))
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    if len(pieces) > 1 and all(looks_like_agency(name[a:b]) for a, b in pieces):
        return pieces
    return [(0, len(name))]


def organs_in(view: str, start: int, end: int) -> list[Found] | None:
    """Every organ named in ``view[start:end]`` when the text is nothing but organ names
    (separated by spaces, ``、`` or ``，``, or run together); None when anything else is there."""
    out: list[Found] = []
    for m in re.finditer(r"[^\s、，,；;]+", view[start:end]):
        token = m.group(0)
        if not is_organ(token):
            return None
        base = start + m.start()
        out.extend(Found(token[a:b], base + a, base + b) for a, b in split_run(token))
    return out or None


def _line_bounds(view: str, pos: int) -> tuple[int, int]:
    s = view.rfind("\n", 0, pos) + 1
    e = view.find("\n", pos)
    return s, len(view) if e < 0 else e


def _clause_start(view: str, pos: int) -> int:
    """Where the line or sentence holding ``pos`` starts (after a line break or 。！？；)."""
    line_start, _ = _line_bounds(view, pos)
    cut = max(view.rfind(c, line_start, pos) for c in "。！？；")
    return line_start if cut < 0 else cut + 1


def signature_at(view: str, value: dt.date, s: int, e: int) -> Signature | None:
    """The signature block ending with the date at ``[s, e)``; None when the text before the
    date (on its line, or after the sentence before it) is not a list of organs."""
    clause_start = _clause_start(view, s)
    line_start, _ = _line_bounds(view, s)
    organs: list[Found] = []
    block_start = clause_start
    if view[clause_start:s].strip():
        same = organs_in(view, clause_start, s)
        if same is None:
            return None
        organs = same
        block_start = same[0].start
    if clause_start != line_start:
        return Signature(value, s, e, block_start, organs)
    above_end = line_start - 1
    for _ in range(_MAX_LINES_ABOVE):
        if above_end <= 0:
            break
        above_start = view.rfind("\n", 0, above_end) + 1
        if not view[above_start:above_end].strip():
            above_end = above_start - 1
            continue
        found = organs_in(view, above_start, above_end)
        if found is None:
            break
        organs = found + organs
        block_start = above_start
        above_end = above_start - 1
    return Signature(value, s, e, block_start, organs)


def find_signatures(view: str, start: int, end: int) -> list[Signature]:
    """Every signature block in ``view[start:end]`` in text order: a full date followed by a line
    break or a space, with nothing but organs before it on its line or after the sentence before
    it (a date on a line of its own counts with no organ; ``…2024年5月6日印发`` does not)."""
    out = []
    for d in find_dates(view[start:end]):
        s, e = start + d.start, start + d.end
        if not _FULL_DATE.search(view[s:e]) or not _AFTER_DATE.match(view, e):
            continue
        sig = signature_at(view, d.value, s, e)
        if sig is not None:
            out.append(sig)
    return out


def ends_line(view: str, sig: Signature) -> bool:
    """True when nothing but white space follows the signature's date on its line."""
    _, line_end = _line_bounds(view, sig.date_end)
    return not view[sig.date_end : line_end].strip()


def find_printed(view: str, start: int, end: int) -> tuple[dt.date, int, int] | None:
    """A printing line ``XX办公室 2024年5月6日印发``: its date."""
    for d in find_dates(view[start:end]):
        s, e = start + d.start, start + d.end
        if _FULL_DATE.search(view[s:e]) and re.match(r"\s*印发\s*(?:\n|$)", view[e:end]):
            return d.value, s, e
    return None
