"""Dated history of a law or regulation, as its header lines give it.

``2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议通过`` → adopted on that day
by 上海市人民代表大会常务委员会; ``…《关于修改…的决定》第二次修正`` → amended; ``…修订`` →
revised; ``…批准`` → approved (a city's regulation approved by the province); ``上海市人民政府令
第12号公布`` → promulgated by that government; ``自…起施行`` → effective. The verb read is the
last one outside 《…》 before the next date. Grammar only, in view offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import find_dates

_VERBS = {"通过": "adopted", "修正": "amended", "修改": "amended", "修订": "revised",
          "批准": "approved", "公布": "promulgated", "发布": "promulgated", "颁布": "promulgated",
          "施行": "effective", "实施": "effective"}
_VERB = re.compile("|".join(_VERBS))
_ORDINAL = r"第[一二三四五六七八九十百零〇\d]+"
# a legislature (…人民代表大会, its 常务委员会) or a government (…人民政府) with its place
LEGISLATURE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{0,16}?)(?:" + _ORDINAL + r"届)?\s*(?P<nat>全国)?"
    r"(?P<organ>人民代表大会(?:常务委员会|常委会|常务员会)?|人大常委会|人大常务委员会|人民代表大会)"
)
GOVERNMENT = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,16}?)(?P<organ>人民政府)(?=令|第\s*[\d一二三四五六七八九十百]+\s*次|常务会议|发布|公布|颁布|$)"
)
# a class of bodies, not one body: 区县和乡镇…, 地方各级…, 省、市…
_CLASS_OF_BODIES = re.compile(r"[和、及与]|[两三各]级")
_PLACE_LEAD = re.compile(r"^.*?(?:根据|经|由|在)")
_SESSION = re.compile(_ORDINAL + r"届")
_DECREE_LEAD = re.compile(r"(?:已经|业经|经|，自)\s*$")
_CLAUSE_END = re.compile(r"[\n，。；,;]")
# a government's decree: 上海市人民政府令 第12号
DECREE = re.compile(r"([\u4e00-\u9fff]{2,16}?人民政府)令\s*[（(〔]?\s*第\s*([\d一二三四五六七八九十百零〇]+)\s*号")
# what may stand before a history date on its line: brackets, 根据, or earlier history entries
_HISTORY_LINE = re.compile(
    r"^(?:[\s（(]*(?:根据|经)?\s*|\s*\d{4}\s*年[^。，\n]*|\s*[（(]\s*\d{4}\s*年[^。\n]*)$")


@dataclass(slots=True)
class Event:
    """One dated event; ``body`` is the organ's normalised name (its session number dropped) and
    ``body_start``/``body_end`` the extent of the name as written."""

    kind: str  # adopted, amended, revised, approved, promulgated, effective
    date: dt.date
    start: int
    end: int
    body: str | None = None
    body_start: int = 0
    body_end: int = 0


def _mask_quotes(text: str) -> str:
    """``text`` with everything inside 《…》 (nested too) blanked, same length."""
    out, depth = [], 0
    for c in text:
        if c == "《":
            depth += 1
        out.append(c if depth == 0 else " ")
        if c == "》" and depth:
            depth -= 1
    return "".join(out)


def _body(view: str, s: int, e: int) -> tuple[str, int, int] | None:
    """The organ named in ``view[s:e]`` (outside quotes): (normalised name, start, end)."""
    masked = _mask_quotes(view[s:e])
    m = LEGISLATURE.search(masked)
    if m:
        place = _PLACE_LEAD.sub("", m.group("place")).strip()
        place = re.sub(r"^[\s（(]+", "", place)
        organ = m.group("organ").replace("常委会", "常务委员会").replace("常务员会", "常务委员会")
        if organ.startswith("人大"):
            organ = "人民代表大会" + organ[2:]
        name = ("全国" if m.group("nat") else place) + organ
        start = s + m.start() + (len(m.group("place")) - len(place))
        return name, start, s + m.end()
    m = GOVERNMENT.search(masked)
    if m:
        written = _PLACE_LEAD.sub("", m.group("place"))
        place = _SESSION.sub("", written).strip()
        start = s + m.start() + (len(m.group("place")) - len(written.lstrip()))
        return place + m.group("organ"), start, s + m.end()
    return None


def legislature_at(view: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A legislature whose name opens ``view[start:end]`` (a title such as
    ``北京市人民代表大会常务委员会议事规则``): (normalised name, start, end)."""
    found = _body(view, start, end)
    if found is None or found[1] != start or not found[0].endswith(("人民代表大会", "常务委员会")):
        return None
    if _CLASS_OF_BODIES.search(found[0]):  # 区县和乡镇人民代表大会代表选举…: about them, not by one
        return None
    return found


def find_events(view: str, start: int, end: int, decree: bool = False) -> list[Event]:
    """The dated events of ``view[start:end]`` (a regulation's header), in text order. Each
    date owns the text up to the next date (or the end of its line); its kind is the last
    history verb there outside 《…》, its body the organ named there. A date inside a sentence
    counts only in a decree (``《X》已经2024年5月6日市人民政府第N次常务会议通过，现予公布``)."""
    dates = [d for d in find_dates(view[start:end]) if "年" in view[start + d.start : start + d.end]]
    out: list[Event] = []
    for i, d in enumerate(dates):
        s, e = start + d.start, start + d.end
        stop = start + dates[i + 1].start if i + 1 < len(dates) else end
        clause_end = _CLAUSE_END.search(view, e, stop)
        if clause_end:  # an entry ends with its line or clause (several may share one line)
            stop = clause_end.start()
        line_start = view.rfind("\n", 0, s) + 1
        if not (_HISTORY_LINE.match(view[line_start:s]) or decree and _DECREE_LEAD.search(view, line_start, s)):
            continue  # a date inside a sentence (经…常务会议审议通过，现印发) is no history line
        segment = _mask_quotes(view[e:stop])
        verbs = [v for v in _VERB.finditer(segment) if segment[max(0, v.start() - 2) : v.start()] != "重新"]
        lead = view[max(start, s - 2) : s]
        if not verbs:
            if lead.endswith("自"):
                segment_tail = view[e : min(stop, e + 6)]
                if re.match(r"\s*起(?:施行|实施)", segment_tail):
                    out.append(Event("effective", d.value, s - 1, e + len(segment_tail)))
            continue
        verb = verbs[-1]
        kind = _VERBS[verb.group(0)]
        if kind == "effective" and "起" not in segment[: verb.start()] and verb.start() > 4:
            continue  # a sentence that merely mentions 施行
        ev = Event(kind, d.value, s, e + verb.end())
        body = _body(view, e, e + verb.start())
        if body is not None:
            ev.body, ev.body_start, ev.body_end = body
        out.append(ev)
    return out


def version_date(events: list[Event]) -> Event | None:
    """The event that dates this version: the latest adoption, amendment, revision, approval or
    promulgation (a rule adopted at a meeting dates from the decree that promulgates it). A
    republication (``修正并重新发布``) is part of the amendment, not an event of its own."""
    dated = [ev for ev in events if ev.kind in ("adopted", "amended", "revised", "approved", "promulgated")]
    return max(dated, key=lambda ev: ev.date) if dated else None
