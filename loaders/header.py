"""Header of an official document: number, titles, issuers, approvers, addressees, dates.

Every function reads the simplified view of the header (the text before the first measure)
and returns view offsets; :mod:`loaders.official` turns them into spans over the original.
:func:`read_header` gathers what the header says from the evidence real pages carry: the
titles (:mod:`loaders.title`), the signature block (:mod:`loaders.signature`), a regulation's
dated history (:mod:`loaders.history`), a page's metadata fields (发布机构, 成文日期, 发布日期).
Only grammar lives here (``关于印发…的通知``, ``经…同意``, ``请径向…反映``); names are
looked up in the vocabularies by :mod:`loaders.agencies`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import history, signature, title
from .agencies import AGENCY_SUFFIX, looks_like_agency
from .dates import find_dates
from .found import Found

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
APPROVAL = re.compile(r"(?:业经|已经|已由|经)([^，。；、\n《》]{2,60}?(?:[、和及与][^，。；、\n《》]{2,60}?)*)(?:审议)?同意")
CONTACT = re.compile(
    r"(?:请|可)?(?:径向|直接向|及时向|迳向|向)([^，。；\n]{2,40}?)(?:反映|反馈|报告|咨询)"
    r"|请?与([^，。；\n]{2,40}?)联系"
)
_WRITTEN = re.compile(r"(?:成文日期|发文日期|签发日期)\s*[：:]?\s*")
_DATE_LABEL = r"(?:发布时间|发布日期|印发日期|公开日期|公布日期|时间|日期)"
PUBLISHED = re.compile(
    r"(?:^|\n|\s)[ \t\u3000]*" + _DATE_LABEL + r"[ \t\u3000]*(?:[：:][ \t\u3000]*|\n[ \t\u3000]*)"
    r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})(?:\s*日)?"
    r"(?:[ \t\u3000]+(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?"
)
_ORGAN_FIELD = re.compile(
    r"(?:发布机构|发文机关|发文单位|发文机构|发布单位|制发机关|发布机关)[ \t\u3000]*(?:[：:][ \t\u3000]*|\n[ \t\u3000]*)"
    r"([^\n：:]+?)(?=[ \t\u3000]+\S+[：:]|\n|$)"
)


@dataclass(slots=True)
class Header:
    """What the header says, in view offsets; see :func:`read_header`."""

    number: Found | None = None
    notice_title: Found | None = None
    title: Found | None = None  # span None-like (start == end == -1) when only the value is known
    issuers: list[Found] = field(default_factory=list)
    transmitted: list[Found] = field(default_factory=list)
    approvers: list[Found] = field(default_factory=list)
    date: tuple[dt.date, int, int] | None = None
    events: list[history.Event] = field(default_factory=list)
    valid_from: tuple[dt.date, int, int] | None = None
    signature: signature.Signature | None = None  # the block the issuers and date came from


def normalise_number(prefix: str, year: str, seq: str) -> str:
    """``粤府办``, ``2025``, ``6`` → ``粤府办〔2025〕6号`` (simplified script assumed)."""
    return f"{prefix}〔{year}〕{int(seq)}号"


def find_number(view: str, start: int, end: int) -> Found | None:
    """The first document number in ``view[start:end]``, normalised to ``〔〕`` brackets."""
    for m in NUMBER.finditer(view, start, end):
        if _BRACKETS.get(m.group(2)) != "〔" or _BRACKETS.get(m.group(4)) != "〕":
            continue
        if view[max(0, m.start(1) - 2) : m.start(1)] in ("》（", "》(", "》〔"):
            continue  # 根据《…》（市政办发〔2024〕21号）: another document's number, cited
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
    label = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    line_start = view.rfind("\n", 0, label) + 1
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


def find_issuing_organ(view: str, start: int, end: int) -> list[Found]:
    """A page's metadata field ``发布机构：X`` (or 发文机关/发文单位; the value may stand on the
    line after the label, as in a metadata table)."""
    m = _ORGAN_FIELD.search(view, start, end)
    if not m:
        return []
    organs = signature.organs_in(view, m.start(1), m.end(1))
    if organs:
        return [Found(o.value, o.start, o.end) for o in organs]
    return _agency_list(view, m.start(1), m.end(1))


def _agency_list(view: str, start: int, end: int) -> list[Found]:
    out = []
    for m in re.finditer(r"[^\s、，,]+", view[start:end]):
        if looks_like_agency(m.group(0)):
            out.append(Found(m.group(0), start + m.start(), start + m.end()))
    return out


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




def find_written_date(view: str, start: int, end: int) -> tuple[dt.date, int, int] | None:
    """A page's metadata field ``成文日期：2025-03-09`` (the date the document was signed)."""
    written = _WRITTEN.search(view, start, end)
    if written:
        for d in find_dates(view[written.end() : written.end() + 20]):
            if d.start == 0:
                return d.value, written.end(), written.end() + d.end
    return None


def _written_in_full(view: str, after: int, end: int, derived: str) -> str:
    """A title read out of a notice title without 《》 (``转发…关于X实施意见的通知``) drops the
    ``的`` the document's own title has: the same title quoted in 《》 or standing as a line in
    the body, ``的`` aside, is the title as written."""
    key = derived.replace("的", "")
    quoted = [title.squeeze(m.group(1)) for m in re.finditer(r"《([^《》]{4,120})》", view[:end])]
    lines = [f.value for f in title.title_lines(view, after, min(len(view), end + 400))]
    for candidate in (*quoted, *lines):
        if candidate != derived and candidate.replace("的", "") == key:
            return candidate
    return derived


def _title_facts(view: str, end: int, out: Header) -> None:
    """Notice title, inner title (with its standalone repeat), title issuers, transmitted bodies."""
    notice = title.find_notice_title(view, 0, end)
    inner = title.inner_title(notice.value) if notice else None
    value = None
    if notice is not None:
        shown = title.apart_from_issuers(view, notice)
        out.notice_title = Found(shown.value, shown.start, shown.end)
        cut = inner.issuer_end if inner else notice.value.find("关于")
        if cut > 0:
            out.issuers = _names_in(view, notice, notice.value[:cut])
        if inner is not None:
            value = inner.title
            if inner.verb in ("转发", "批转"):
                out.transmitted = [_located(view, notice, name) for name, _, _ in inner.transmitted]
    if notice is not None and inner is None:
        out.title = Found(notice.value, notice.start, notice.end)
        return
    if value is None:  # 《X》已经…同意 in a header without a notice title
        # (an announcement: 《X》已于…通过…现予公布 — the heading 公告 is no title of the text)
        m = re.search(r"《([^《》]{4,120})》\s*(?:已经|业经|经|已于|已由)", view[:end])
        value = title.squeeze(m.group(1)) if m else None
    after = notice.end if notice else 0
    if value is not None and notice is not None and "《" not in notice.value:
        value = _written_in_full(view, after, end, value)
    if value is not None:
        line = (title.find_repeat(view, after, end, value)
                or title.find_repeat(view, after, len(view), value, last=False))
        if line is None and notice is not None:
            line = title.find_inside(view, notice.start, notice.end, value)
        out.title = Found(value, line.start, line.end) if line else Found(value, -1, -1)
        return
    lines = title.title_lines(view, 0, end)
    if lines:
        out.title = Found(lines[0].value, lines[0].start, lines[0].end)


def _names_in(view: str, where: Found, text: str) -> list[Found]:
    """The organs in ``text`` (the part of a title before 关于/the verb), located in the view."""
    found = signature.organs_in(text, 0, len(text)) or [
        Found(f.value, f.start, f.end) for f in _agency_list(text, 0, len(text))]
    return [_located(view, where, o.value) for o in found]


def _located(view: str, where: Found, name: str) -> Found:
    line = title.find_inside(view, where.start, where.end, name)
    return Found(name, line.start, line.end) if line else Found(name, where.start, where.start)


# a date alone on its line followed by the annexes (附件1：…) closes the notice's own text
_ANNEX_NEXT = re.compile(r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*(?:附件|附表)[\d一二三四五六七八九十]*\s*[:：\n]")


def _signature(view: str, end: int, skip: tuple[int, int] | None) -> signature.Signature | None:
    """The document's signature: in the header a block with organs, else a date alone on its
    line; after the measures the first block with organs, else a date alone near the end."""
    def keep(sigs: list[signature.Signature]) -> list[signature.Signature]:
        return [s for s in sigs if not (skip and skip[0] <= s.date_start < skip[1])]

    head = keep(signature.find_signatures(view, 0, end))
    for sig in head:
        if sig.organs:
            return sig
    alone = [s for s in head if signature.ends_line(view, s)]
    if alone:
        return alone[-1]
    tail = keep(signature.find_signatures(view, end, len(view)))
    for sig in tail:
        if sig.organs:
            return sig
    alone = [s for s in tail if signature.ends_line(view, s)]
    before_annex = [s for s in alone if _ANNEX_NEXT.match(view, s.date_end)]
    if before_annex:
        return before_annex[0]
    near_end = [s for s in alone if s.date_start >= len(view) - 300]
    return near_end[-1] if near_end else None


def read_header(view: str, end: int, published_line: tuple[int, int] | None = None) -> Header:
    """Everything the header of ``view`` says; ``end`` is where the first measure starts,
    ``published_line`` the extent of a web-time line (its date is no signature)."""
    out = Header()
    out.number = find_number(view, 0, end) or find_number(view, 0, min(len(view), 600))
    _title_facts(view, end, out)
    decree = history.DECREE.search(view, 0, end)
    out.events = history.find_events(view, 0, end, decree=decree is not None)
    if decree is not None:
        _decree_facts(view, end, decree, out)
    legislative = [ev for ev in out.events if ev.body]
    if legislative:  # a law or regulation: its history dates and names the issuers
        version = history.version_date(out.events)
        if version is not None:
            out.date = version.date, version.start, version.start + _date_length(view, version)
        sig = _signature(view, end, published_line)
        if sig is not None and (out.date is None or sig.date > out.date[0]):
            out.date = sig.date, sig.date_start, sig.date_end  # a 公告 promulgating it, later
            out.signature = sig
        bodies = [ev for ev in out.events if ev.body and ev.kind in ("adopted", "amended", "revised")]
        bodies = bodies or [ev for ev in legislative if ev.kind == "promulgated"]
        out.issuers = _distinct([Found(ev.body, ev.body_start, ev.body_end) for ev in bodies])
        out.approvers = _distinct([Found(ev.body, ev.body_start, ev.body_end)
                                   for ev in legislative if ev.kind == "approved"])
    for ev in out.events:
        if ev.kind == "effective":
            out.valid_from = ev.date, ev.start, ev.end
    if out.date is None:
        out.date = find_written_date(view, 0, end)
        sig = _signature(view, end, published_line)
        if sig is not None:
            out.signature = sig
            if out.date is None:
                out.date = sig.date, sig.date_start, sig.date_end
            if sig.organs:
                out.issuers = [Found(o.value, o.start, o.end) for o in sig.organs]
    if decree is not None:  # 经市人民政府常务会议审议通过 under 常州市人民政府令: the same government
        gov = Found(decree.group(1), decree.start(1), decree.end(1))
        out.issuers = _distinct([gov if f.value[:1] in "省市区县州" and f.value != gov.value
                                 and gov.value.endswith(f.value) else f for f in out.issuers])
    if not out.issuers:
        out.issuers = find_issuing_organ(view, 0, end)
    if not out.issuers:
        out.issuers = _organ_line(view, end)
    if not out.issuers and out.title is not None and out.title.start >= 0:
        opening = history.legislature_at(view, out.title.start, out.title.end)
        if opening is not None:  # 北京市人民代表大会常务委员会议事规则: its own rules
            out.issuers = [Found(*opening)]
    return out


def _decree_facts(view: str, end: int, decree: re.Match[str], out: Header) -> None:
    """A government decree (``某市人民政府令 第12号``): the decree is the document's number, the
    government its issuer, and the date under the decree its promulgation."""
    if out.number is None:
        out.number = Found(re.sub(r"\s+", "", decree.group(0)), decree.start(), decree.end())
    sig = _signature(view, end, None)
    if sig is not None and all(ev.date != sig.date for ev in out.events):
        out.events.append(history.Event("promulgated", sig.date, sig.date_start, sig.date_end,
                                        decree.group(1), decree.start(1), decree.end(1)))


def _date_length(view: str, ev: history.Event) -> int:
    found = find_dates(view[ev.start : ev.end])
    return found[0].end if found else ev.end - ev.start


def _distinct(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in found:
        if all(o.value != f.value for o in out):
            out.append(f)
    return out


def _organ_line(view: str, end: int) -> list[Found]:
    """A line of the header that is nothing but organ names (``上海市绿化管理局`` under the title)."""
    for m in re.finditer(r"[^\n]+", view[:end]):
        organs = signature.organs_in(view, m.start(), m.end())
        if organs:
            return [Found(o.value, o.start, o.end) for o in organs]
    return []
