"""Titles of an official document: the notice title, the inner 《…》 title, a standalone title line.

A title is a line (or a title wrapped over up to three lines) with no sentence punctuation that
ends the way titles end: ``…的通知`` / ``…的意见`` / ``…办法`` / ``…条例`` / ``…指南（第一批）``.
Lines before it that are page furniture (``附件``, a column name, a breadcrumb) are passed
over; a sentence of the body never is a title. The inner title of a transmittal notice is the
whole 《…》 after 印发 / 转发 / 批转 / 发布, nested 〈〉 or <> included. Grammar only, in view
offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import is_furniture_line
from .found import Found
from .signature import organs_in

_QUALIFIER = (r"(?:\s*[（(](?:试行|暂行|修订|修订稿|草案|征求意见稿|\d{4}年?版?|\d{4}年修订|"
              r"第[一二三四五六七八九十\d]+批|\d{4}\s*[-—–~至]\s*\d{4}\s*年?)[)）])*")
_NOTICE_END = re.compile(r"的(?:实施|指导|若干|补充|紧急|工作|有关)?(?:通知|决定|意见|批复|函|复函|公告|通告|通报|报告|请示)"
                         + _QUALIFIER + r"$")
_TITLE_END = re.compile(
    r"(?:措施|办法|细则|方案|计划|规划|意见|规定|条例|通知|决定|指引|政策|纲要|要点|规则|指南|法|"
    r"守则|章程|公告|通告|目录|清单|导则|标准|须知|规程|若干问题的解释|决议)" + _QUALIFIER + r"$"
)
# words that open a sentence of the body, never a title
# 自贡市, 本溪市, 从化区: a place's name that begins like a sentence is no sentence
_SENTENCE_START = re.compile(r"^(?:为了?|根据|按照|依据|经|现将|近日|日前|各|请|对|在|从(?!化)|自(?!贡)|本(?!溪))")
_FURNITURE = re.compile(
    r"^(?:附件|附表|当前位置|您的位置|首页|索取号|索引号|发布机构|发文机关|文件编号|发文字号|主题分类"
    r"|信息来源|来源|(?:成文|发布|发文|印发|公开|生成)日期)"
    r"|^[^<＜‹«]*[>＞›»]"  # a breadcrumb (首页 > 政务公开), not a nested <title>
    r"|[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*(?:第\s*)?\d{1,4}\s*号"  # a document number
    r"|^(?:(?:19|20)\d{2}\s*年\s*)?第\s*[\d〇○零一二三四五六七八九十]{1,4}\s*号$"  # a 公告's: 2026年第3号
)
_PUNCT = re.compile(r"[。；;！？!?：:]|，.*，")
_LABEL = re.compile(r"[ \t\u3000]*(?:(?:标\s*题|名\s*称|文件名称|文件标题)[ \t\u3000]*[：:]"
                    r"|标[ \t\u3000]*题[ \t\u3000]+)[ \t\u3000]*")  # 标 题 …: a table cell, no colon
_SITE_SUFFIX = re.compile(r"[ \t\u3000]*(?:[_|｜]| - | — ).*$")
_DATE_BEFORE_TITLE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*"
    r"[\d〇○零一二三四五六七八九十]{1,3}\s*日[ \t\u3000]+(?=\S{4,})")
TRANSMIT = re.compile(r"(印发|转发|批转|发布|公布|颁布|下达|修订|修改)")
_WRAP_LINES = 3
# what may stand between 关于 and the verb it transmits with: 关于联合印发, 关于重新印发
_VERB_AFTER_ABOUT = re.compile(r"(?:联合|重新|再次)?")
_ORGANS_APART = re.compile(r"([^。；，]{2,120}?)\s+(?=关于)")


def squeeze(text: str) -> str:
    """Found breaks inside a wrapped title removed, runs of spaces made one."""
    return re.sub(r"[ \t\u3000]+", " ", re.sub(r"\s*\n\s*", "", text)).strip()


def _lines(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Extents of the lines of ``view[start:end]``, white space, a ``标题：`` label and a page
    title's site suffix (``…的通知_政策文件_某市人民政府``) left out."""
    out = []
    for m in re.finditer(r"[^\n]+", view[start:end]):
        s, e = start + m.start(), start + m.end()
        label = _LABEL.match(view, s, e)
        if label:
            s = label.end()
        dated = _DATE_BEFORE_TITLE.search(view, s, e)
        if dated:  # 苏州市财政局 2024年7月3日 苏州市…细则: a signature run into the title's line
            s = dated.end()
        suffix = _SITE_SUFFIX.search(view, s, e)
        if suffix:
            e = suffix.start()
        while s < e and view[s].isspace():
            s += 1
        while e > s and view[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日$")


def _could_be_title(text: str) -> bool:
    return (4 <= len(text) <= 160 and not _PUNCT.search(text) and not _SENTENCE_START.match(text)
            and not _FURNITURE.search(text) and not is_furniture_line(text)
            and not _DATE_LINE.match(text))  # a signature's date never wraps into a title


def title_lines(view: str, start: int, end: int, ending: re.Pattern[str] = _TITLE_END) -> list[Found]:
    """Lines of ``view[start:end]`` that read as a title ending like ``ending``, each tried
    with up to two following lines joined (a title wrapped over lines), in text order."""
    lines = _lines(view, start, end)
    out: list[Found] = []
    i = 0
    while i < len(lines):
        found = None
        for k in range(_WRAP_LINES):
            if i + k >= len(lines):
                break
            s, e = lines[i][0], lines[i + k][1]
            text = squeeze(view[s:e])
            if not all(_could_be_title(squeeze(view[a:b])) for a, b in lines[i : i + k + 1]):
                break
            if ending.search(text) and _could_be_title(text):
                found = Found(text, s, e)
                i += k
                break
        if found is not None:
            out.append(found)
        i += 1
    return out


def find_notice_title(view: str, start: int, end: int) -> Found | None:
    """The notice title: the first title line ending ``…的通知/意见/决定…`` that names its subject
    with 关于 or a transmittal verb; organs on the line above (``上海市交通委员会\\n关于…``) join it."""
    for line in title_lines(view, start, end, _NOTICE_END):
        if "关于" not in line.value and not TRANSMIT.search(line.value):
            continue
        s = line.start
        about = view.find("关于", s, line.end)
        if about >= 0 and not view[view.rfind("\n", 0, about) + 1 : about].strip():
            s = min(s, view.rfind("\n", 0, about) + 1)  # 关于 opens a line: organs stack above it
            while s > 0:  # every line of organs above (a joint notice's four bodies)
                above_start = view.rfind("\n", 0, s - 1) + 1
                if not organs_in(view, above_start, s - 1):
                    break
                s = above_start
        return Found(squeeze(view[s : line.end]), s, line.end)
    return None


def apart_from_issuers(view: str, notice: Found) -> Found:
    """The notice title without the issuers that head it apart from 关于 (on a line of their own
    above it, or before a space: ``株洲市人民政府 关于…``): they head the page, the title begins at
    关于. Written against it (``…局关于…``) they are part of the title, which is then returned whole."""
    apart = _ORGANS_APART.match(view, notice.start, notice.end)
    if apart is None or not organs_in(view, notice.start, apart.end(1)):
        return notice
    return Found(squeeze(view[apart.end() : notice.end]), apart.end(), notice.end)


def closing(text: str, open_at: int) -> int:
    """Offset of the 》 closing the 《 at ``open_at`` (nested 《》 counted), or -1."""
    depth = 0
    for i, c in enumerate(text[open_at:], open_at):
        depth += {"《": 1, "》": -1}.get(c, 0)
        if depth == 0:
            return i
    return -1


@dataclass(slots=True)
class Inner:
    """What a notice title says it transmits: the inner title, and the bodies it transmits from
    (``转发市发展改革委《…》`` → 市发展改革委), in offsets of the notice title's value."""

    title: str
    start: int
    end: int
    verb: str
    transmitted: list[tuple[str, int, int]]
    issuer_end: int  # where the issuing organs before the verb (or 关于) end


def inner_title(notice: str) -> Inner | None:
    """The document a notice issues or transmits: ``关于印发《X》的通知`` → X (whole, nested
    brackets kept); ``A转发B关于X的意见的通知`` → ``关于X的意见`` from B; ``印发X的通知`` → X."""
    verb = TRANSMIT.search(notice)
    about = notice.find("关于")
    if verb is None or verb.group(1) in ("修订", "修改"):
        return None
    if 0 <= about < verb.start() and not _VERB_AFTER_ABOUT.fullmatch(notice, about + 2, verb.start()):
        return None  # a verb inside the subject (关于做好…发布…工作的通知) transmits nothing
    issuer_end = about if 0 <= about < verb.start() else verb.start()
    rest_start = verb.end()
    open_at = notice.find("《", rest_start)
    if open_at >= 0:
        close = closing(notice, open_at)
        if close < 0:
            return None
        between = notice[rest_start:open_at].strip()
        bodies = _bodies(between, rest_start) if between else []
        return Inner(notice[open_at + 1 : close].strip(), open_at + 1, close, verb.group(1),
                     bodies, issuer_end)
    if verb.group(1) not in ("印发", "转发", "批转"):
        return None
    m = re.search(r"的(?:通知|决定|批复|函)" + _QUALIFIER + r"$", notice)
    if m is None or m.start() <= rest_start:
        return None
    body = notice[rest_start : m.start()]
    bodies: list[tuple[str, int, int]] = []
    inner_about = body.find("关于")
    if verb.group(1) in ("转发", "批转") and inner_about > 0:
        # 转发省工业和信息化厅等部门关于…: the bodies (named or not) come before 关于
        bodies = _bodies(re.sub(r"等(?:部门|单位)$", "", body[:inner_about]), rest_start)
        rest_start += inner_about
        body = body[inner_about:]
    body_start = rest_start + len(body) - len(body.lstrip())
    return Inner(body.strip(), body_start, body_start + len(body.strip()), verb.group(1), bodies,
                 issuer_end)


def _bodies(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The organs named in ``text`` (a run of names), with offsets shifted by ``offset``."""
    found = organs_in(text, 0, len(text))
    return [(o.value, offset + o.start, offset + o.end) for o in found] if found else []


def _spaced(text: str) -> str:
    """A pattern for ``text`` that allows white space and line breaks between its characters."""
    return r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", text))


def find_repeat(view: str, start: int, end: int, title: str, last: bool = True) -> Found | None:
    """Where ``title`` stands as a line of its own in ``view[start:end]`` (white space and line
    breaks inside it ignored): the last such place, or the first with ``last=False``."""
    if not title.strip():
        return None
    pattern = re.compile(r"(?:^|(?<=\n))[ \t\u3000]*(" + _spaced(title) + r")[ \t\u3000]*(?=\n|$)")
    found = list(pattern.finditer(view, start, end))
    if not found:
        return None
    m = found[-1] if last else found[0]
    return Found(title, m.start(1), m.end(1))


def find_inside(view: str, start: int, end: int, text: str) -> Found | None:
    """The first place of ``text`` in ``view[start:end]``, line breaks inside it allowed."""
    if not text.strip():
        return None
    m = re.compile(_spaced(text)).search(view, start, end)
    return Found(text, m.start(), m.end()) if m else None
