"""Document clauses: validity, repeals, higher-level documents, non-cumulation, scope.

All functions read the simplified view and return view offsets plus simplified values.
Grammar only: ``有效期至…``, ``自印发之日起实施，有效期3年`` (valid to the day before the
third anniversary), ``本条例自2022年5月1日起施行`` (valid from that day),
``原《…》（文号）…同时废止``/``不再执行``/``代替`` (or ``下列文件同时废止：`` and a list, one
document a line), ``根据/落实/贯彻《…》``, ``从高不重复``, ``本措施适用于…``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .clauses import SENTENCE_END, split
from .dates import anniversary_minus_one_day, find_dates
from .header import find_numbers
from .numerals import chinese_to_int

_TITLE = re.compile(r"《([^《》]{2,150})》")
_REPEAL = re.compile(r"废止|不再执行|停止执行|同时失效|予以废止|代替|替代|取代")
_LIST_HEADER = re.compile(r"^\s*(?:序号|编号)?[\s|｜]*(?:文件名称|文件标题|名称)[\s|｜]+[^\n]{0,20}(?:文号|发文字号)")
_LIST_INTRO = re.compile(r"[^，。；\n]{0,6}[：:]\s*$")  # 同时废止： / 予以废止如下：, a list follows
_OPEN_FIGURE = re.compile(r"[（(][^）)]{0,30}$|〔\d{0,4}$|[）)]\s*自$")  # a number or clause cut by a line end
_BASED_CUE = re.compile(r"(?:根据|依据|落实|贯彻|按照|遵照)")
# a term in years: 有效期3年, and a trial period, 试行期两年 (试行期限, 实施期, 执行期)
_TERM_WORD = r"(?:有效期|试行期限?|实施期限?|执行期限?)"
_VALID_YEARS = re.compile(rf"(?:{_TERM_WORD}(?:为|暂定)?|起试行|暂行)\s*([0-9一二两三四五六七八九十]{{1,3}})\s*年")
# 自印发之日起试行二年, 施行，暂行二年: a trial of two years from the start
_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|颁布|下发)之日起(?:施行|实施|执行|生效|试行)")
_UNTIL_BRACKETED = re.compile(r"(?:至|到|截至|截止)[^，。；（(]{1,12}[（(]\s*$")
_UNTIL_CLOSE = re.compile(r"\s*[）)]\s*止")
_FROM_DATE = re.compile(r"自\s*(?=\d{4}\s*年)")
# the document's own entry into force: 本条例自2022年5月1日起施行 (not a rule of its body)
_FROM_DATE_ON = re.compile(r"本[\u4e00-\u9fff]{1,10}?自\s*\d{4}\s*年[^。；\n]{0,20}?起\s*(?:施行|实施|执行|生效|试行)")
_STAYS = re.compile(r"[^，。；]{0,8}?(?:继续有效|继续执行|仍然有效|仍有效)")
_QUOTED = re.compile(r"“[^“”]{1,2000}”")
_NON_CUMULATIVE = re.compile(r"从高不重复|就高不重复|按照?就高原则|不得重复(?:享受|申报|支持)|不重复(?:享受|支持|奖励|补贴|资助)")
_SCOPE = re.compile(r"(本[^。，\n]{0,12}?适用于[^。\n]*。?)")


@dataclass(slots=True)
class Cited:
    """A cited document in view offsets."""

    start: int
    end: int
    title: str | None
    number: str | None


@dataclass(slots=True)
class Validity:
    """Validity period read from the text (view offsets of the sentence)."""

    start: int
    end: int
    valid_from: dt.date | None
    valid_until: dt.date | None


def sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence extents (``。；`` or line ends) of ``view[start:end]``."""
    return [(seg.start, seg.end) for seg in split(view, start, end, SENTENCE_END)]


def find_validity(view: str, start: int, end: int, issued: dt.date | None) -> Validity | None:
    """``有效期至2027年12月31日``, ``自印发之日起实施，有效期3年`` (from the issue date) or
    ``本条例自2022年5月1日起施行`` (valid from that day). A sentence inside quotes is the
    wording of another text (an amending decision quotes the article it rewrites: “…本办法有效期
    至2028年12月31日。”): what is inside quotes is passed over."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(view, start, end)]
    if quoted:  # the quoted words masked, offsets kept
        parts, last = [], 0
        for a, b in quoted:
            parts.extend([view[last:a], "□" * (b - a)])
            last = b
        view = "".join([*parts, view[last:]])
    for s, e in sentences(view, start, end):
        text = view[s:e]
        if (not re.search(_TERM_WORD, text) and not _FROM_ISSUE.search(text)
                and not _FROM_DATE_ON.search(text)):
            continue
        valid_from = issued if _FROM_ISSUE.search(text) else None
        dates = find_dates(text)
        m_from = _FROM_DATE.search(text)
        if m_from:
            for d in dates:
                if d.start >= m_from.end() - 1 and d.start <= m_from.end() + 1:
                    valid_from = d.value
        until = None
        for d in dates:
            lead = text[max(0, d.start - 4) : d.start]
            if re.search(r"(?:至|到|截至|截止)\s*$", lead) or _UNTIL_BRACKETED.search(
                    text[max(0, d.start - 16) : d.start]) and _UNTIL_CLOSE.match(text, d.end):
                until = d.value  # 至试点期满之日（2026年12月31日）止: the date in brackets ends it
            elif valid_from is None and re.search(r"(?:有效期为?|自|从)\s*$", lead):
                valid_from = d.value
        m_years = _VALID_YEARS.search(text)
        if until is None and m_years:
            raw = m_years.group(1)
            n = int(raw) if raw.isdigit() else chinese_to_int(raw)
            base = valid_from or issued
            if n and base:
                until = anniversary_minus_one_day(base, n)
                valid_from = base
        if until is None and valid_from is None:
            continue
        if until is not None and valid_from is None and issued is not None and re.search(_TERM_WORD, text):
            valid_from = issued
        return Validity(s, e, valid_from, until)
    return None


def _titles_and_numbers(view: str, s: int, e: int) -> list[Cited]:
    """Every 《title》 (with a ``（文号）`` right after it) and every bare number in view[s:e]."""
    out: list[Cited] = []
    taken: list[tuple[int, int]] = []
    for m in _TITLE.finditer(view, s, e):
        number = None
        end = m.end()
        after = re.match(r"\s*[（(]([^（）()]{4,40})[）)]", view[m.end() : e])
        if after:
            nums = find_numbers(after.group(1))
            if nums:
                number = nums[0][0]
                end = m.end() + after.end()
        title = re.sub(r"\s+", " ", m.group(1)).strip()
        out.append(Cited(m.start(), end, title, number))
        taken.append((m.start(), end))
    for value, ns, ne in find_numbers(view[s:e]):
        ns, ne = ns + s, ne + s
        if not any(a <= ns < b for a, b in taken):
            out.append(Cited(ns, ne, None, value))
    return sorted(out, key=lambda c: c.start)


def find_repeals(view: str, start: int, end: int) -> list[Cited]:
    """Documents a sentence with ``废止/不再执行/代替`` names before (or after ``代替``) the cue."""
    out: list[Cited] = []
    for s, e in _wrapped_sentences(view, start, end):
        text = view[s:e]
        cues = list(_REPEAL.finditer(text))
        if not cues:
            continue
        if cues[0].group(0) in ("代替", "替代", "取代"):
            found = _titles_and_numbers(view, s, e)
        else:  # 《A》自…起废止，《B》同时废止: each cue repeals what stands before it
            found, at = [], s
            for cue in cues:
                found += _titles_and_numbers(view, at, s + cue.start())
                at = s + cue.end()
        # 《若干政策》其他条款继续有效，原相应标准同时停止执行: what stays in force is not repealed
        found = [c for c in found if not _STAYS.match(view, c.end)]
        out.extend(found)
        if _LIST_INTRO.match(view, s + cues[-1].end(), e):
            out.extend(_listed(view, e, end))
    return out


def _wrapped_sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`sentences`, a sentence hard-wrapped over lines inside a 《title》 or a figure
    (a text copied from a PDF: ``《长沙经济技\n术开发区…》``) joined again."""
    out: list[tuple[int, int]] = []
    for s, e in sentences(view, start, end):
        if out:
            ps, pe = out[-1]
            before = view[ps:pe]
            if (before.count("《") > before.count("》") or _OPEN_FIGURE.search(before)) \
                    and view[pe:s].strip() == "":
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _listed(view: str, at: int, end: int) -> list[Cited]:
    """The documents listed one per line from ``at`` (``下列文件同时废止：`` then a list or a
    table's rows): the lines that cite a document, up to the first that does not; the table's
    header row (序号　文件名称　文号) may come first."""
    out: list[Cited] = []
    for k, m in enumerate(re.finditer(r"[^\n]+", view[at:end])):
        found = _titles_and_numbers(view, at + m.start(), at + m.end())
        if not found and k == 0 and _LIST_HEADER.search(m.group(0)):
            continue
        if not found:
            break
        out.extend(found)
    return out


def find_based_on(view: str, start: int, end: int) -> list[Cited]:
    """The 《…》 documents right after ``根据/落实/贯彻`` (a run of titles) in ``view[start:end]``."""
    out: list[Cited] = []
    for cue in _BASED_CUE.finditer(view, start, end):
        pos = cue.end()
        lead = re.match(r"[^《。；，]{0,15}", view[pos:end])
        pos += lead.end() if lead else 0
        while True:
            m = re.match(r"\s*[、和及与]?\s*《([^《》]{2,150})》", view[pos:end])
            if not m:
                break
            s_ = pos + m.group(0).index("《")
            e_ = pos + m.end()
            number = None
            after = re.match(r"\s*[（(]([^（）()]{4,40})[）)]", view[e_:end])
            if after:
                nums = find_numbers(after.group(1))
                if nums:
                    number = nums[0][0]
                    e_ += after.end()
            title = re.sub(r"\s+", " ", m.group(1)).strip()
            if all(c.title != title for c in out):
                out.append(Cited(s_, e_, title, number))
            pos = e_
    return out


def find_non_cumulative(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence stating the non-cumulation rule (``从高不重复``)."""
    for s, e in sentences(view, start, end):
        if _NON_CUMULATIVE.search(view[s:e]):
            return s, e
    return None


def find_scope(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The scope sentence (``本措施适用于…``)."""
    m = _SCOPE.search(view, start, end)
    if m:
        return m.start(1), m.end(1)
    return None
