"""Routing evidence: every sign that a source is an official document or a report, weighed.

:func:`find_signs` reads the cleaned view of a source (``loaders.clean``: pinyin annotations,
doubled punctuation and Markdown marks gone, traditional script simplified) and returns a
:class:`~loaders.records.Routing` listing each sign it found, with the span of the original text
it was read from. A sign is counted once however often it occurs (a long regulation is not more
official than a short one); the span is its first occurrence. Signs are looked for in the opening
(the first 20,000 characters) and the close (the last 5,000) of a text, where a document's header,
preamble, signature and closing notes and a news item's furniture are; header signs (number,
title lines, addressee) in the first 4,000 characters of the view. The middle of a long text adds
no evidence, so routing costs the same for a regulation of 20,000 articles as for a short notice.

No sign is required. Scraped pages often lack the document number or the title line, so the
decision is the weighed sum: **official when the official signs add up to at least**
:data:`MIN_OFFICIAL` **and outweigh the report signs**, a report otherwise (a text with no sign
at all is a report: nothing says it is an official text).

Weights say how rarely a sign occurs in the other kind of text:

====================  ======  ===================================================================
official sign         weight  what it is
====================  ======  ===================================================================
document-number        3.0    a number in any bracket form (〔〕[]【】()（）, 令第N号, 第N号) on a
                              line of its own near the top — news quotes numbers in sentences
adoption               3.0    …人民代表大会常务委员会第…次会议通过 / 人民政府第…次常务会议通过
notice-title           2.5    a line of its own: …关于…的通知/意见/决定, …印发/转发…的通知
articles               2.5    three or more 第…条 starting a line or sentence
addressee              2.0    a line opening with 各…单位/部门/人民政府： (the bodies addressed)
transmittal            2.0    现将《…》印发给你们 / 请认真贯彻执行 / 结合实际认真组织实施 / 现予公布
enacting               2.0    制定本办法 / 制定如下措施 / 特制定以下… / 现提出如下意见 / 现就…通知如下
signature              2.0    an organ name (one or more) then a date, 2025年3月9日 or 二〇二五年三月九日
title-line             1.5    a line of its own ending in a document genre (…办法/措施/方案/条例/
                              规定/细则…) with no news verb (出台, 发布, 印发…) in it
numbered-items         1.5    a chain 一、二、三、 starting lines or sentences
commencement           1.5    本办法自…起施行 / 本措施由…负责解释 / 本…有效期… (a text about itself)
closing-note           1.5    此件公开发布 / 此件主动公开 / 公开方式：主动公开 / 特此通知 / 抄送： / 附件：
numbered-subitems      1.0    a chain （一）（二）（三） starting lines or sentences
closing-date           1.0    a line that is only a date at the close of the text, no organ above it
                              (the organ is often a seal the scrape lost)
====================  ======  ===================================================================

====================  ======  ===================================================================
report sign           weight  what it is
====================  ======  ===================================================================
english-prose          8.0    Latin letters outnumber Han characters two to one: an English report
byline                 2.5    记者/通讯员/实习生 and a name, 文/…, an English ``By …`` line
news-dateline          2.5    本报讯, …月…日电 (新华社北京3月5日电), …讯（记者
reported-speech        2.0    据…报道/介绍/了解, 据悉, 记者从…获悉, 答记者问, 采访时表示
news-of-document       2.0    日前/近日/最近/…月…日，…印发/出台/发布… (news telling of a document)
quoted-title           1.5    …印发/出台/发布了《…》 inside a sentence (a document quoted by title)
news-source            1.5    来源：…日报/新闻/新华社/电视台… (a news outlet as the source)
periodical             1.5    第N期 on a line of its own, 总第N期, …主办 (a briefing's masthead)
editor-line            1.0    责任编辑/编辑/作者：a person — government pages carry these too (an
                              organ in the 作者 field is not counted)
====================  ======  ===================================================================

The weights were chosen from these meanings, then checked on real trees (701 laws and local
regulations, 100 Shanghai notices: all official) and on the project's own fixtures
(``tests/loaders/fixtures/routing/``: scraped official texts without number or title, news
items and briefings quoting titles and numbers, an English report).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .clean import CleanText, clean
from .records import Routing, Sign, Source, SourceKind, Span

MIN_OFFICIAL = 2.0  # official signs must add up to this much (one strong sign or two weaker)
HEAD_CHARS = 4000  # header signs (number, title, addressee): this much of the opening's view
OPENING_CHARS = 20000  # the other signs: the opening of a long text (original characters) …
CLOSING_CHARS = 5000  # … and its close; the middle of a long text adds no evidence

_Match = tuple[int, int]  # a view range [start, end)


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    kind: SourceKind
    weight: float
    find: Callable[[str], Iterator[_Match]]  # view → ranges where the sign is, in text order
    head_only: bool = False


# ---------------------------------------------------------------- shared pieces

_HAN = "\u4e00-\u9fff〇"
_CN_DIGITS = "一二三四五六七八九十百零〇两"
_YEAR = r"(?:(?:19|20)\d\d|[〇零○O一二][〇零○O一二三四五六七八九]{3})"
_MD = rf"(?:\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})"
_DATE = rf"{_YEAR}\s?年\s?{_MD}\s?月\s?{_MD}\s?日"
_GENRE = (r"(?:实施细则|实施办法|实施意见|实施方案|指导意见|若干措施|若干规定|政策措施|工作方案|行动方案"
          r"|行动计划|管理办法|暂行办法|办法|措施|方案|条例|规定|细则|规则|规范|意见|规划|计划|指南"
          r"|指引|纲要|决定|通知|通告|公告|批复|章程|守则|准则|标准|清单|目录|制度)")
_VERSION = (rf"(?:[（(](?:试行|暂行|修订|修正|征求意见稿|\d{{4}}年(?:度)?(?:修订|修正|版)?"
            rf"|第[{_CN_DIGITS}\d]{{1,3}}批|\d{{4}}(?:-\d{{4}})?年?)[）)])?")
_NUMBERING = re.compile(
    rf"^(?:第[{_CN_DIGITS}\d]+[章节条款编部分]|[{_CN_DIGITS}]+[、.．]|[（(][{_CN_DIGITS}\d]+[）)]"
    r"|\d+[、.．)）]|附件|附表|[①-⑳])")
_NOT_A_TITLE = re.compile(r"[。？！?!：:>›»|｜]|首页|当前位置|您的位置")  # sentences, breadcrumbs
_NEWS_VERB = re.compile(r"出台|推出|发布|印发|公布|出炉|亮相|解读|聚焦|助力|来了|正式|答记者问|一图|图解")
_ORGAN = (r"(?<![主承协])(?:人民代表大会常务委员会|常务委员会|人民政府|办公厅|办公室|委员会|管委会|政府|监督管理局"
          r"|分局|局|厅|委|部|署|办|中心|院|总队|支队|银行|分行|联合会|协会|总工会|集团|公司)")


def _lines(view: str) -> Iterator[tuple[int, str]]:
    for m in re.finditer(r"[^\n]+", view):
        yield m.start(), m.group()


def _searcher(pattern: str, flags: int = 0) -> Callable[[str], Iterator[_Match]]:
    regex = re.compile(pattern, flags)

    def find(view: str) -> Iterator[_Match]:
        for m in regex.finditer(view):
            yield m.span()

    return find


def _chain(marker: str) -> Callable[[str], Iterator[_Match]]:
    """A chain of numbered provisions: markers 一, 二, 三 all present at line or sentence starts."""
    regex = re.compile(rf"(?:^|(?<=[\n。；：！？ ])){marker}", re.M)

    def find(view: str) -> Iterator[_Match]:
        seen: dict[str, _Match] = {}
        for m in regex.finditer(view):
            seen.setdefault(m.group("n"), m.span())
        if all(n in seen for n in "一二三"):
            yield seen["一"]

    return find


def _articles(view: str) -> Iterator[_Match]:
    """Three or more distinct 第…条 at line or sentence starts."""
    seen: dict[str, _Match] = {}
    for m in re.finditer(rf"(?:^|(?<=[\n。；：！？ ]))第(?P<n>[{_CN_DIGITS}]{{1,6}}|\d{{1,4}})条", view, re.M):
        seen.setdefault(m.group("n"), m.span())
        if len(seen) >= 3:
            yield min(seen.values())
            return


# ---------------------------------------------------------------- official signs

_NUMBER = (
    rf"(?:[{_HAN}]{{1,16}}\s?[〔\[【（(]\s?(?:19|20)\d\d\s?[〕\]】）)]\s?(?:第\s?)?\d{{1,5}}\s?号"
    rf"|[{_HAN}]{{0,30}}(?:令|公告|公报)\s?[（(]?\s?第\s?(?:\d{{1,5}}|[{_CN_DIGITS}]{{1,8}})\s?号\s?[）)]?"
    rf"|[（(]?\s?第\s?(?:\d{{1,5}}|[{_CN_DIGITS}]{{1,8}})\s?号\s?[）)]?)"
)
_NUMBER_LINE = re.compile(
    rf"^(?:(?:发文字号|发文号|文号|字号|文件编号)\s?[:：]\s?)?(?P<n>{_NUMBER})(?: |$)"
    rf"|(?<= )(?P<m>{_NUMBER})$")


def _number_line(view: str) -> Iterator[_Match]:
    for start, line in _lines(view):
        m = _NUMBER_LINE.search(line)
        if m:
            g = "n" if m.group("n") else "m"
            yield start + m.start(g), start + m.end(g)


_NOTICE_TITLE = re.compile(
    rf"(?:关于|印发|转发|批转|发布|公布).{{2,}}?的?{_GENRE}{_VERSION}$"
)
_TITLE_END = re.compile(rf"{_GENRE}{_VERSION}$|^中华人民共和国[^ ]{{1,30}}法{_VERSION}$")


def _title_lines(view: str) -> Iterator[tuple[str, int, int]]:
    """Lines that are only a title: (strength, start, end); strength ``notice`` or ``genre``."""
    for start, line in _lines(view):
        body = line.strip()
        if not 5 <= len(body) <= 120 or _NOT_A_TITLE.search(body) or _NUMBERING.match(body):
            continue
        if re.search(r"关于|印发|转发|批转", body) and _NOTICE_TITLE.search(body) and re.search(
                r"(?:通知|意见|决定|批复|通告|公告|函|通报|报告)" + _VERSION + "$", body):
            yield "notice", start, start + len(line)
        elif _TITLE_END.search(body) and not _NEWS_VERB.search(body) and "，" not in body:
            yield "genre", start, start + len(line)


def _notice_title(view: str) -> Iterator[_Match]:
    for strength, a, b in _title_lines(view):
        if strength == "notice":
            yield a, b


def _genre_title(view: str) -> Iterator[_Match]:
    for strength, a, b in _title_lines(view):
        if strength == "genre":
            yield a, b


_ADDRESSEE_SUFFIX = (r"(?:单位|部门|机构|人民政府|政府|委员会|管委会|委|办|局|厅|署|街道办事处|街道|镇|乡"
                     r"|企业|院|校|学校|公司|集团|所|室|处|中心|会|部委|组织)")
_ADDRESSEE = (rf"(?:^|(?<=[\n ]))(?:(?:各|有关)[^\n。：:《》\d]{{0,100}}?"
              rf"|[^\n。：:《》\d ]{{1,30}}?各[^\n。：:《》\d]{{0,100}}?){_ADDRESSEE_SUFFIX}[：:]")

_TRANSMITTAL = (
    r"现(?:将|把)?[^。\n]{0,160}?(?:印发|转发|发布|下发|公布|批转)给你们"
    r"|(?:印发|转发|批转)给你们"
    r"|现予(?:以)?(?:印发|发布|公布)|现(?:印发|发布|公布)(?:实施|施行|执行)"
    r"|请[^。\n]{0,24}?(?:贯彻执行|遵照执行|组织实施|贯彻落实|抓好落实|认真执行|认真落实|遵循执行|参照执行)"
)
_ENACTING = (
    rf"制定(?:如下|以下|本)(?:若干)?[^。\n，；]{{0,10}}?{_GENRE}"
    r"|特制定(?:如下|以下|本)|现提出(?:如下|以下)(?:实施|指导)?意见|提出(?:如下|以下)(?:实施|指导)?意见"
    r"|现就[^。\n]{2,120}?(?:通知|规定|要求|意见|明确)如下|现(?:将|就)?有关事项(?:通知|公告|通告)如下"
)
_SELF = (r"本(?:实施细则|实施办法|实施意见|实施方案|管理办法|暂行办法|若干措施|政策措施|办法|条例|规定|细则"
         r"|措施|意见|方案|通知|决定|规则|政策|计划|指南|指引|规划|公告|通告)")
_COMMENCEMENT = (
    rf"{_SELF}(?:自|从|于)[^。\n]{{0,40}}?(?:起|之日起|开始)(?:施行|实施|执行|生效)"
    rf"|{_SELF}(?:由|具体)[^。\n]{{0,40}}?负责(?:解释|组织实施)"
    rf"|{_SELF}(?:的)?有效期"
)
_CLOSING = (
    r"[（(]?此件(?:公开发布|主动公开|不公开|依申请公开|不予公开|发至[^）)\n]{1,30})[）)]?"
    r"|公开方式\s?[:：]\s?(?:主动公开|依申请公开|不予公开|不公开)"
    r"|特此(?:通知|通告|公告|批复|函告|函复)|此页无正文|(?:^|(?<=[\n ]))(?:抄送|附件)\s?[:：]"
)
_ADOPTION = (
    rf"(?:人民代表大会|常务委员会|人大常委会|人民政府|国务院|委员会|政府)第[{_CN_DIGITS}\d]{{1,6}}次"
    r"(?:全体|常务|主任|委务|局务|办公|市长办公|省长办公)?会议(?:《[^》\n]{1,120}》)?(?:审议)?"
    r"(?:通过|批准|修订|修正|决定|第[一二三四五六七八九十]次修正)(?![了的])"
)
_SIGNATURE = re.compile(
    rf"(?:^|(?<=[\n。！；]) ?)(?P<org>[{_HAN}（）]{{1,40}}?{_ORGAN}"
    rf"(?:[ 、\n][{_HAN}（）]{{1,40}}?{_ORGAN}){{0,5}})[ \n](?P<date>{_DATE})(?=$|[ \n（(])",
    re.M,
)


def _signature(view: str) -> Iterator[_Match]:
    for m in _SIGNATURE.finditer(view):
        yield m.start("org"), m.end("date")


_DATE_LINE = re.compile(rf"(?:^|(?<=\n))[（(]?(?P<date>{_DATE})[）)]?(?=\n|$)")
_AFTER_CLOSE = 3  # at most this many short lines (page furniture) may follow a closing date


def _closing_date(view: str) -> Iterator[_Match]:
    """A line that is only a date at the close of the text, with no organ line before it."""
    start = max(0, len(view) - 1000)
    signed = {m.end("date") for m in _SIGNATURE.finditer(view, max(0, start - 300))}
    for m in _DATE_LINE.finditer(view, start):
        after = [line for line in view[m.end():].split("\n") if line.strip()]
        if (view.count("\n", 0, m.start()) >= 3 and m.end("date") not in signed
                and len(after) <= _AFTER_CLOSE and all(len(line) <= 60 for line in after)):
            yield m.span()
            return


# ---------------------------------------------------------------- report signs

_LATIN = re.compile(r"[A-Za-z]+")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _count(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def _english(view: str) -> Iterator[_Match]:
    sample = view[:20000]
    if _count(_LATIN, sample) > 2 * _count(_CJK, sample):
        for start, line in _lines(view):
            if _count(_LATIN, line) >= 20:
                yield start, start + len(line)
                return
        yield 0, min(len(view), 80)


_NAME = rf"[{_HAN}·]{{2,4}}"
_BYLINE = (
    rf"(?:^|(?<=[\n（(【\[ ]))(?:本报|本刊|本台|新华社|中新社|特约|见习)?(?:记者|通讯员|实习生)\s?{_NAME}"
    rf"(?:[ 、]{_NAME}){{0,3}}(?=[）)】\] \n]|$)"
    rf"|(?:^|(?<=\n))(?:文|撰文|文字)\s?[/／|｜]\s?{_NAME}"
    r"|(?:^|(?<=\n))[Bb]y\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?=\n|$)"
)
_DATELINE = r"本(?:报|刊|台|网)讯|\d{1,2}月\d{1,2}日电|讯\s?[（(]\s?(?:记者|通讯员)"
_HEARSAY = (
    r"据(?!实)[^。\n，；]{1,20}?(?:报道|介绍|了解|透露|消息)|据悉|记者(?:从|了解到|获悉|注意到)"
    r"|答记者问|采访时(?:表示|说|介绍|指出|透露)"
)
_NEWS_OF_DOCUMENT = (
    rf"(?:(?:(?<![\d{_CN_DIGITS}几数之])日前|近日|近期|最近)[，,]?"
    r"|(?:^|(?<=[\n。！？ ]))(?:昨天|昨日|今天|今日|\d{1,2}月\d{1,2}日)[，,])"
    r"[^。\n]{0,40}?(?:印发|出台|发布|公布|推出|发出|出炉|审议通过|正式实施|正式施行)"
)
_QUOTED_TITLE = re.compile(
    r"(?<!关于)(?<!现将)(?:印发|出台|发布|公布|推出|下发|出炉|颁布)了?[“《\"][^》”\"\n]{4,120}[》”\"]")


def _quoted_title(view: str) -> Iterator[_Match]:
    """A document quoted by title inside a sentence (the line has clause punctuation)."""
    for start, line in _lines(view):
        if not re.search(r"[。，；！？]", line):
            continue
        for m in _QUOTED_TITLE.finditer(line):
            yield start + m.start(), start + m.end()


_OUTLET = (r"(?:日报|晚报|早报|商报|时报|报社|青年报|法制报|经济报|新闻|新华社|中新社|新华网|人民网|央视"
           r"|电视台|广播电台|杂志|周刊|客户端|通讯社)")
_NEWS_SOURCE = rf"(?:^|(?<=[\n ]))(?:信息|文章|稿件|新闻)?(?:来源|稿源|出处)\s?[:：]\s?[^\n ]{{0,20}}?{_OUTLET}"
_PERIODICAL = (r"(?:^|(?<=\n))第\s?\d{1,4}\s?期(?=\n|$)|总第\s?\d{1,5}\s?期|(?:^|(?<=\n))[^\n]{2,30}\s?主办(?=\n|$)"
               r"|编者按\s?[:：]")
_EDITOR = re.compile(
    r"(?:^|(?<=[\n ]))(?:责任编辑|编辑|责编|审核|校对|审校|编审|作者)\s?[:：]\s?"
    r"(?:[\u4e00-\u9fff]{2,}|[A-Za-z]{2,})(?![\u4e00-\u9fffA-Za-z]|\s?[:：])", re.M)
_ORGAN_END = re.compile(rf"{_ORGAN}$")


def _editor(view: str) -> Iterator[_Match]:
    """A person named as editor or author; an organ in the 作者 field is a government page's."""
    for m in _EDITOR.finditer(view):
        if not _ORGAN_END.search(m.group()):
            yield m.span()


# ---------------------------------------------------------------- the rules

RULES: tuple[_Rule, ...] = (
    _Rule("document-number", "official", 3.0, _number_line, head_only=True),
    _Rule("adoption", "official", 3.0, _searcher(_ADOPTION)),
    _Rule("notice-title", "official", 2.5, _notice_title, head_only=True),
    _Rule("articles", "official", 2.5, _articles),
    _Rule("addressee", "official", 2.0, _searcher(_ADDRESSEE, re.M), head_only=True),
    _Rule("transmittal", "official", 2.0, _searcher(_TRANSMITTAL)),
    _Rule("enacting", "official", 2.0, _searcher(_ENACTING)),
    _Rule("signature", "official", 2.0, _signature),
    _Rule("title-line", "official", 1.5, _genre_title, head_only=True),
    _Rule("numbered-items", "official", 1.5, _chain(rf"(?P<n>[{_CN_DIGITS}]{{1,3}})、")),
    _Rule("commencement", "official", 1.5, _searcher(_COMMENCEMENT)),
    _Rule("closing-note", "official", 1.5, _searcher(_CLOSING, re.M)),
    _Rule("numbered-subitems", "official", 1.0, _chain(rf"[（(](?P<n>[{_CN_DIGITS}]{{1,3}})[）)]")),
    _Rule("closing-date", "official", 1.0, _closing_date),
    _Rule("english-prose", "report", 8.0, _english),
    _Rule("byline", "report", 2.5, _searcher(_BYLINE, re.M)),
    _Rule("news-dateline", "report", 2.5, _searcher(_DATELINE)),
    _Rule("reported-speech", "report", 2.0, _searcher(_HEARSAY)),
    _Rule("news-of-document", "report", 2.0, _searcher(_NEWS_OF_DOCUMENT, re.M)),
    _Rule("quoted-title", "report", 1.5, _quoted_title),
    _Rule("news-source", "report", 1.5, _searcher(_NEWS_SOURCE, re.M)),
    _Rule("periodical", "report", 1.5, _searcher(_PERIODICAL, re.M)),
    _Rule("editor-line", "report", 1.0, _editor),
)


def _windows(text: str) -> list[tuple[int, CleanText]]:
    """The opening and the close of ``text``, each cleaned, with its offset in ``text``."""
    if len(text) <= OPENING_CHARS + CLOSING_CHARS:
        return [(0, clean(text))]
    cut = text.rfind("\n", OPENING_CHARS // 2, OPENING_CHARS) + 1 or OPENING_CHARS
    tail = text.find("\n", len(text) - CLOSING_CHARS, len(text) - CLOSING_CHARS // 2) + 1
    tail = tail or len(text) - CLOSING_CHARS
    return [(0, clean(text[:cut])), (tail, clean(text[tail:]))]


def find_signs(source: Source) -> Routing:
    """Every routing sign in ``source`` (its first occurrence, spanned) and the decision."""
    windows = _windows(source.text)
    signs: list[Sign] = []
    for rule in RULES:
        for offset, ct in windows[:1] if rule.head_only else windows:
            found = next(iter(rule.find(ct.view[:HEAD_CHARS] if rule.head_only else ct.view)), None)
            if found is not None:
                span = ct.span(*found)
                signs.append(Sign(rule.name, rule.kind, rule.weight,
                                  Span(span.start + offset, span.end + offset, span.text)))
                break
    return decide(signs)


def decide(signs: list[Sign]) -> Routing:
    """Weigh ``signs``: official when their official sum reaches MIN_OFFICIAL and beats the rest."""
    signs = sorted(signs, key=lambda s: (s.span.start if s.span else -1, s.name))
    official = round(sum(s.weight for s in signs if s.kind == "official"), 2)
    report = round(sum(s.weight for s in signs if s.kind == "report"), 2)
    kind: SourceKind = "official" if official >= MIN_OFFICIAL and official > report else "report"
    return Routing(kind=kind, official=official, report=report, signs=signs)
