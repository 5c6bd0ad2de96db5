"""Header of an official document: number, titles, issuers, approvers, addressees, dates.

Every function reads the simplified view of the header (the text before the first measure)
and returns view offsets; :mod:`loaders.official` turns them into spans over the original.
Only grammar lives here (``关于印发…的通知``, ``经…同意``, ``请径向…反映``); names are
looked up in the vocabularies by :mod:`loaders.agencies`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .agencies import AGENCY_SUFFIX, looks_like_agency
from .dates import find_dates

_BRACKETS = {"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕", "（": "〔",
             "）": "〕", "【": "〔", "】": "〕", "〔": "〔", "〕": "〕", "{": "〔", "}": "〕"}
NUMBER = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,12}?)\s*([〔\[［(（【{])\s*((?:19|20)\d{2})\s*([〕\]］)）】}])"
    r"\s*(?:第\s*)?(\d{1,4})\s*号"
)
# a notice: "<issuer>关于印发<title>的通知" (also 转发/发布/公布, 决定/意见/批复…)
NOTICE = re.compile(
    r"([^\n。；]{0,80}?)关于(印发|转发|发布|公布|下达|颁布)?\s*《?([^。；《》，]{2,120}?)》?\s*的"
    r"(通知|决定|意见|批复|函|公告|通告)"
)
TITLE_END = re.compile(
    r"(措施|政策措施|若干措施|办法|实施办法|管理办法|细则|实施细则|方案|实施方案|工作方案|行动方案|"
    r"行动计划|计划|规划|意见|实施意见|指导意见|规定|若干规定|条例|通知|决定|指引|政策|纲要|要点|规则)$"
)
APPROVAL = re.compile(r"(?:业经|已经|已由|经)([^，。；、\n]{2,60}?(?:[、和及与][^，。；、\n]{2,60}?)*)(?:审议)?同意")
CONTACT = re.compile(
    r"(?:请|可)?(?:径向|直接向|及时向|迳向|向)([^，。；\n]{2,40}?)(?:反映|反馈|报告|咨询)"
    r"|请?与([^，。；\n]{2,40}?)联系"
)
_WRITTEN = re.compile(r"(?:成文日期|发文日期|印发日期|签发日期)\s*[：:]\s*")
_LABELLED = re.compile(r"(?:发布时间|发布日期|公开日期|更新时间|时间|日期)\s*[：:]\s*$")
PUBLISHED = re.compile(
    r"(?:^|\n|\s)\s*(?:发布时间|发布日期|公开日期|时间|日期)\s*[：:]\s*"
    r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})(?:\s*日)?"
    r"(?:\s+(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?"
)


@dataclass(slots=True)
class Found:
    """A header fact at view offsets ``[start, end)`` with its simplified value."""

    value: str
    start: int
    end: int


@dataclass(slots=True)
class Header:
    """What the header says, in view offsets; see :func:`read_header`."""

    number: Found | None = None
    notice_title: Found | None = None
    title: Found | None = None
    issuers: list[Found] = field(default_factory=list)
    approvers: list[Found] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    contact: Found | None = None
    date: tuple[dt.date, int, int] | None = None
    published: tuple[dt.datetime, int, int] | None = None
    published_line: tuple[int, int] | None = None


def normalise_number(prefix: str, year: str, seq: str) -> str:
    """``粤府办``, ``2025``, ``6`` → ``粤府办〔2025〕6号`` (simplified script assumed)."""
    return f"{prefix}〔{year}〕{int(seq)}号"


def find_number(view: str, start: int, end: int) -> Found | None:
    """The first document number in ``view[start:end]``, normalised to ``〔〕`` brackets."""
    for m in NUMBER.finditer(view, start, end):
        if _BRACKETS.get(m.group(2)) != "〔" or _BRACKETS.get(m.group(4)) != "〕":
            continue
        prefix = m.group(1)
        return Found(normalise_number(prefix, m.group(3), m.group(5)), m.start(1), m.end())
    return None


def find_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every document number in ``text``: ``(normalised, start, end)``."""
    out = []
    for m in NUMBER.finditer(text):
        out.append((normalise_number(m.group(1), m.group(3), m.group(5)), m.start(1), m.end()))
    return out


def find_published(view: str) -> tuple[dt.datetime, int, int, int, int] | None:
    """A web page's ``时间:2025/6/30 17:46:52`` line: (datetime, start, end, line start, line end)."""
    m = PUBLISHED.search(view, 0, min(len(view), 4000))
    if not m:
        return None
    try:
        value = dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                            int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0))
    except ValueError:
        return None
    line_start = view.rfind("\n", 0, m.start(1)) + 1
    line_end = view.find("\n", m.end())
    line_end = len(view) if line_end < 0 else line_end
    return value, m.start(1), m.end(), line_start, line_end


def find_notice_titles(view: str, start: int, end: int) -> list[Found]:
    """Notice titles (``…关于印发…的通知``), each once; a repeated title is dropped."""
    out: list[Found] = []
    seen = set()
    for m in NOTICE.finditer(view, start, end):
        issuer_part = m.group(1)
        # the notice title starts after the last line break / sentence end before 关于
        cut = max(issuer_part.rfind(c) for c in "\n。：")
        s = m.start(1) + cut + 1
        while s < m.end() and view[s].isspace():
            s += 1
        if view.startswith("关于", s):  # issuer on the line above: 四川省人民政府办公厅\n关于印发…
            prev_start = view.rfind("\n", 0, max(0, s - 1)) + 1
            above = view[prev_start : s].strip()
            if above and all(looks_like_agency(n) for n in above.split()):
                s = prev_start
        text = re.sub(r"\s+", " ", re.sub(r"\s*\n\s*", "", view[s : m.end()])).strip()
        if text in seen:
            continue
        seen.add(text)
        out.append(Found(text, s, m.end()))
    return out


def issuers_from_notice(notice: Found, view: str) -> list[Found]:
    """The organs named before ``关于`` in a notice title (two organs when signed jointly)."""
    idx = view.find("关于", notice.start, notice.end)
    if idx < 0:
        return []
    return _agency_list(view, notice.start, idx)


def _agency_list(view: str, start: int, end: int) -> list[Found]:
    out = []
    for m in re.finditer(r"[^\s、，,]+", view[start:end]):
        name = m.group(0)
        if looks_like_agency(name):
            out.append(Found(name, start + m.start(), start + m.end()))
    return out


def title_from_notice(notice: Found, view: str) -> Found | None:
    """The measures' title inside ``关于印发《X》的通知``."""
    m = NOTICE.match(view, notice.start, notice.end)
    if not m or m.group(2) is None:
        return None
    value = re.sub(r"\s+", " ", re.sub(r"\s*\n\s*", "", m.group(3))).strip()
    return Found(value, m.start(3), m.end(3))


def find_title_line(view: str, start: int, end: int, title: str | None) -> Found | None:
    """The standalone title of the measures: a repeat of ``title``, else a line ending like one."""
    if title:
        squeezed = re.sub(r"\s+", "", title)
        pattern = r"\s*".join(re.escape(c) for c in squeezed)
        found = list(re.finditer(pattern, view[start:end]))
        if found:
            m = found[-1]
            return Found(title, start + m.start(), start + m.end())
        return None
    for line_match in re.finditer(r"[^\n]+", view[start:end]):
        line = line_match.group(0).strip()
        if 4 <= len(line) <= 80 and TITLE_END.search(line) and "，" not in line and "。" not in line:
            s = start + line_match.start() + line_match.group(0).find(line)
            return Found(re.sub(r"\s+", " ", line), s, s + len(line))
    return None


def find_issuing_organ(view: str, start: int, end: int) -> list[Found]:
    """A page's metadata field ``发布机构：X`` (or 发文机关/发文单位)."""
    m = re.search(r"(?:发布机构|发文机关|发文单位|发文机构)\s*[：:]\s*([^\n：:]+?)(?=\s+\S+[：:]|\n|$)",
                  view[start:end])
    if not m:
        return []
    return _agency_list(view, start + m.start(1), start + m.end(1))


def find_title_standalone(view: str, start: int, title: str) -> Found | None:
    """The first line after ``start`` that is exactly ``title`` (spaces ignored)."""
    squeezed = re.sub(r"\s+", "", title)
    for m in re.finditer(r"[^\n]+", view[start:]):
        if re.sub(r"\s+", "", m.group(0)) == squeezed:
            s = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            return Found(title, s, s + len(m.group(0).strip()))
    return None


def find_addressees(view: str, start: int, end: int) -> tuple[list[str], int, int] | None:
    """``各地级以上市人民政府，省政府各部门：`` → the list, and the extent of the line."""
    for m in re.finditer(r"(?:^|(?<=[\n\s]))([^\n：:。《》]{2,120}?)[：:]", view[start:end], re.M):
        text = m.group(1).strip()
        if not (text.startswith("各") or "各" in text or "有关" in text):
            continue
        if re.search(r"(时间|来源|作者|点击|电话|地址|如下|现将|通知|印发|规定|要求|根据|为了)", text):
            continue
        names = split_addressees(text)
        if names:
            return names, start + m.start(1), start + m.end()
    return None


def split_addressees(text: str) -> list[str]:
    """Split on ，；, then on 、 only where every part is a name of its own (≥ 3 characters);
    never inside parentheses (各市、县（市、区）经信局; 市政府各委、办、局 stays whole)."""
    out: list[str] = []
    for part in re.findall(r"(?:[^，,；（(]|[（(][^）)]*[）)])+", text):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in re.findall(r"(?:[^、（(]|[（(][^）)]*[）)])+", part)]
        if len(pieces) > 1 and all(len(p) >= 3 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def find_approvers(view: str, start: int, end: int) -> list[Found]:
    """Bodies in ``经X同意``/``业经X、Y同意``."""
    m = APPROVAL.search(view, start, end)
    if not m:
        return []
    out = []
    for part in re.finditer(r"[^、，,]+", m.group(1)):
        name = part.group(0).strip()
        if len(name) >= 2 and re.search(AGENCY_SUFFIX + "$", name):
            out.append(Found(name, m.start(1) + part.start(), m.start(1) + part.end()))
    return out


def find_contact(view: str, start: int, end: int) -> Found | None:
    """The body to contact about problems (``请径向X反映``)."""
    for m in CONTACT.finditer(view, start, end):
        g = 1 if m.group(1) is not None else 2
        name = m.group(g).strip()
        if re.search(AGENCY_SUFFIX + "$", name):
            return Found(name, m.start(g), m.end(g))
    return None


def find_issue_date(
    view: str, start: int, end: int, skip: tuple[int, int] | None
) -> tuple[dt.date, int, int] | None:
    """The signature date: a full date standing alone (own line or after the signing organ).

    Falls back to the last full date in the header; dates on the web-time line are skipped.
    """
    written = _WRITTEN.search(view, start, end)
    if written:  # a page's metadata table: 成文日期：2025-03-09
        for d in find_dates(view[written.end() : written.end() + 20]):
            if d.start == 0:
                return d.value, written.end(), written.end() + d.end
    candidates = []
    for d in find_dates(view[start:end]):
        s, e = start + d.start, start + d.end
        if skip and skip[0] <= s < skip[1]:
            continue
        if _LABELLED.search(view, max(start, s - 8), s):  # 发布日期：… is not the issue date
            continue
        if not re.search(r"(年.*月.*日|\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})", view[s:e]):
            continue
        candidates.append((d.value, s, e))
    if not candidates:
        return None
    for value, s, e in candidates:
        before = view[max(start, s - 30) : s]
        after = view[e : e + 2]
        alone_before = before.endswith(("\n", " ", "\u3000")) or s == start
        alone_after = after[:1] in ("", "\n", " ", "\u3000")
        if alone_before and alone_after:
            return value, s, e
    return candidates[-1]
