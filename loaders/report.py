"""Secondary sources — news articles and think-tank briefings — read into :class:`Report` records.

:func:`is_report` tells a report from an official document by the weighed signs of
``loaders.signs`` (a document number or notice title on a line of its own, an addressee line,
numbered articles, a signature block → official; English prose, a byline, a news dateline, a
document quoted by title inside a sentence → report). :func:`load_report` finds the headline,
publisher, date, language and editors, drops page furniture (copyright lines, "Recommended
reading", contact e-mails and phones, ICP numbers, circulation lists ``报：…``/``共印：…``,
addresses), and extracts what the report says about the policy: titles it quotes, jurisdiction,
subject, release date, every figure as a :class:`ClaimRecord`, people and agencies named, and —
for a policy the corpus may not hold — a :class:`ReportedPolicy` with its instruments.

Why this module is longer than 400 lines: a report's header, furniture, figures
and the policy it is about are read in one pass over its lines; the figure finders already
live in :mod:`loaders.report_figures` and :mod:`loaders.money`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.ontology.gazetteer import Gazetteer, load_gazetteer, to_simplified

from .records import (
    AgencyRef,
    ClaimRecord,
    DocRef,
    Money,
    Offer,
    PersonRef,
    Ratio,
    Report,
    ReportedPolicy,
    Source,
    Span,
    Warning_,
)
from .report_figures import Segment, extract_claims, find_report_dates, split_sentences
from .signs import find_signs

# ------------------------------------------------------------------ official or report?

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d+\s*号")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def is_report(source: Source) -> bool:
    """True when ``source`` reads as a news item or briefing, False for an official document.

    The decision is :func:`loaders.signs.find_signs`'s: the weighed sum of every official sign
    (document number, notice title, addressee, transmittal, articles, signature…) against every
    report sign (byline, dateline, 据…报道, 近日…印发, English prose…).
    """
    return find_signs(source).kind == "report"


# ------------------------------------------------------------------ page furniture

_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:edit(?:or)?s?|responsible editors?|editor[- ]in[- ]charge|source|author|reporter"
        r"|writer|photo|translat\w*|publisher)\s*[:：]",
        r"^(?:责任编辑|编辑|来源|作者|记者|审核|校对|编审|供稿|出处|通讯员|摄影)\s*[:：]",
        r"copyright|©|all rights reserved|版权所有|版权声明|未经授权",
        r"^special statement|^disclaimer|^免责声明|^声明[:：]",
        r"recommended reading|related (?:news|articles|reading|stories)|return to list|^links$"
        r"|^share(?: to| on)?\b|^print$|推荐阅读|相关阅读|相关新闻|返回列表|上一篇|下一篇|扫一扫",
        r"[\w.+-]+@[\w-]+\.[\w.]+",
        r"\btel\b\s*[:：]|\bfax\b|\bphone\b\s*[:：]|电话\s*[:：]|传真|邮编",
        r"ICP\s*备?|icp",
        r"^(?:报|送|抄送|抄报|发|分送)\s*[:：]",
        r"共印\s*[:：]|印数|^地址\s*[:：]|^address\s*[:：]",
        r"^第\s*\d+\s*期$|^[(（]?\s*总第\s*\d+\s*期\s*[)）]?$|\S\s*主办$",
        r"^(?:submission|contact)",
        r"^(?:首页|当前位置|您的位置|home)\s*[>›»/]|\s[>›»]\s.*\s[>›»]\s",
    )
]
_EDITOR = re.compile(
    r"(?:responsible editors?|editor[- ]in[- ]charge|edit(?:or)?s?|authors?|reporters?|writers?"
    r"|责任编辑|编辑|作者|记者)\s*[:：]\s*(?P<name>[A-Za-z][A-Za-z.'\- ]*?[A-Za-z]|[\u4e00-\u9fff·]{2,6})"
    r"(?=\s{2,}|[\u00a0\u3000]|\s*(?:responsible|editor|联系|电话|$)|\s+[^A-Za-z])",
    re.IGNORECASE,
)
# a dateline: a date (and time) opening a short header line of source and reporter
_DATELINE = re.compile(
    r"^\s*(?P<date>(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
    r"(?:\s+\d{1,2}:\d\d(?::\d\d)?)?[\s\u3000]+(?=.*(?:来源|来自|记者|作者|编辑|Source|By))",
    re.IGNORECASE)
_BYLINE_LINE = re.compile(r"本[报報]讯|^【[^】]{1,8}】\s*(?:记者|記者)|(?:记者|記者|通讯员|通訊員)\s*\S{2,4}|(?:报道|報道|电|電)$")
# a labelled field of the header (Prepared by: …, Date: …, 撰稿：…), never the headline
_FIELD_LINE = re.compile(r"^(?:[A-Z][a-z]+(?:\s[a-z]+)?|撰稿|编写|编辑|作者|整理|供稿)\s*[:：]")
_SOURCE_IN_LINE = re.compile(r"(?:来源|出处)\s*[:：]\s*(?P<name>[^\s\u3000|｜]{2,30})")
_MASTHEAD = re.compile(r"\bNo\.\s*\d+\s*\||\|\s*[A-Z][\w ]+(?:Observatory|Institute|Review|Centre|Center)\b"
                       r"|第\s*\d+\s*期"
                       r"|^\S{2,10}[报報]\s*(?:\d{4}年\d{1,2}月\d{1,2}日\s*)?(?:(?:星期|周)[一二三四五六日天]\s*)?"
                       r"第\s*[A-Za-z]?\d{1,3}\s*版"  # 淮安日报 2026年3月19日 星期四 第A2版
                       # a section label and the date alone: 【两岸产经】2026-04-21, 中国新闻 2026年3月24日 星期二
                       r"|^(?:【[^】]{1,10}】|[^\s\d]{2,10})[\s\u3000]*(?:19|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
                       r"|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[\s\u3000]*(?:(?:星期|周)[一二三四五六日天])?\s*$"
                       r"|^\s*【[^】]{1,10}】\s*$")  # a section label alone: 【两岸产经】
_BYLINE = re.compile(r"^[Bb]y\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$")
_PUBLISHER = [
    re.compile(r"^(?:source|publisher|来源|出处)\s*[:：]\s*(?P<name>[^\s|｜].*?)\s*$", re.I),
    re.compile(r"^(?P<name>\S(?:.*\S)?)\s*主办\s*$"),
]
_DATE_ONLY = re.compile(
    r"^\s*(?:(?:published|posted|date|发布(?:时间|日期)?|时间)\s*[:：]?\s*)?"
    r"(?P<date>(?:19|20)\d\d\s*(?:[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d\d)"
    r"(?:\s+\d{1,2}:\d\d(?::\d\d)?(?:[\s\u3000]+[\u4e00-\u9fff]{2,3})?"
    r"(?:[\s\u3000]+来自[\s\u3000]*[^\s\u3000]{1,16}(?:[\s\u3000]+[\u4e00-\u9fff]{2,3})?)?)?\s*$",  # 来自 微博视频号
    re.IGNORECASE,
)
# a post's headline in lenticular brackets, then its hashtags and emoji: the headline is inside
_BRACKETED_HEADLINE = re.compile(r"^【(?P<title>[^【】]{4,80})】(?:\s*#[^#\n]{1,20}#|[^\u4e00-\u9fffA-Za-z0-9])*$")
# a social-media post's date line: a time and the poster's region (2025-07-18 17:30 山东)
_POST_DATE = re.compile(r"\d{1,2}:\d\d(?::\d\d)?[\s\u3000]+(?:[\u4e00-\u9fff]{2,3}|来自[^\n]{1,24})\s*$")
# an account name: a short run of letters with no punctuation or digit (never a headline there)
_ACCOUNT_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,12}(?:\s?[VＶ✓])?$")  # 鄂州发布 V: a verified account


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if not re.search(r"[\w\u4e00-\u9fff]", stripped):
        return True
    return any(p.search(stripped) for p in _FURNITURE)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return out


# ------------------------------------------------------------------ policy references

_EN_TITLE = re.compile(r"[\"“](?P<t>[^\"”]{20,300}?)[\"”]")
_EN_TITLE_WORDS = re.compile(
    r"\b(?:measures|plan|policy|policies|regulations?|opinions|notice|program(?:me)?|rules"
    r"|provisions|guidelines|scheme)\b",
    re.IGNORECASE,
)
_ZH_TITLE = re.compile(r"《(?P<t>[^《》]{4,120})》|“(?P<q>[^“”]{8,120})”")
_ZH_TITLE_WORDS = re.compile(r"措施|方案|办法|意见|通知|规划|政策|细则|规定|计划|决定")
_POLICY_EVENT = re.compile(
    r"unveil\w*|announc\w*|launch\w*|releas\w*|issu\w*|introduc\w*|roll\w* out|plan\w*"
    r"|出台|发布|印发|推出|公布",
    re.IGNORECASE,
)
_PERSON_EN = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}),\s+(?:the\s+)?"
    r"(?P<role>(?:deputy |vice[- ]|executive )?(?:head|director(?:-general)?|chief|mayor|secretary"
    r"|spokes(?:person|man|woman)|minister|chair(?:man|woman|person)?|president|governor"
    r"|commissioner|official|researcher|professor|analyst)"
    r"(?:\s+(?:of|at|with)\s+(?:the\s+)?(?P<org>[^,.;]{3,120}))?)\s*[,.;]"
)
_PERSON_ZH = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{2,30}(?:局|厅|委员会|委|办公室|办|部|中心|院))"
    r"(?P<role>(?:副)?(?:局长|厅长|主任|部长|处长|院长|书记|司长|市长|省长))(?P<name>[\u4e00-\u9fff]{2,3})"
)
_ORG_EN = re.compile(
    r"\b(?:the\s+)?(?P<org>(?:[A-Z][\w’']*\s+)?(?:municipal|provincial|city|district|national)"
    r"\s+(?:bureau|department|commission|office|administration)\s+of\s+[a-z ,]+?[a-z])"
    r"(?=[,.;]|\s+(?:said|says|highlighted|noted|stated|announced))",
    re.IGNORECASE,
)


def _language(text: str) -> str:
    letters = len(_LATIN.findall(text))
    han = len(_CJK.findall(to_simplified(text)))
    if han * 2 >= letters and han:
        return "zh-Hant" if to_simplified(text) != text and _trad_share(text) > 0.5 else "zh-Hans"
    return "en"


def _trad_share(text: str) -> float:
    changed = sum(1 for a, b in zip(text, to_simplified(text), strict=True) if a != b)
    han = len(_CJK.findall(text)) or 1
    return min(1.0, changed * 5 / han)


def _first_area(gaz: Gazetteer, simple: str, start: int, end: int) -> str | None:
    matches = gaz.find_all(simple[start:end], "area")
    return matches[0].concept if matches else None


def _specific(gaz: Gazetteer, concepts: list[str]) -> list[str]:
    """Drop concepts that are broader than another one in the list (keep the most specific)."""
    keep = []
    for c in concepts:
        if not any(o != c and c in _ancestors(gaz, o) for o in concepts):
            if c not in keep:
                keep.append(c)
    return keep


def _ancestors(gaz: Gazetteer, concept: str) -> set[str]:
    out: set[str] = set()
    frontier = [concept]
    while frontier:
        info = gaz.info(frontier.pop())
        for parent in info.links.get("broader", ()) if info else ():
            if parent not in out:
                out.add(parent)
                frontier.append(parent)
    return out


def _instrument_class(gaz: Gazetteer, concept: str) -> str:
    info = gaz.info(concept)
    cls = info.link("instrumentClass") if info else None
    return cls.rsplit("#", 1)[-1] if cls else "FundingInstrument"


# ------------------------------------------------------------------ the loader


def load_report(source: Source, gazetteer: Gazetteer | None = None) -> Report:
    """Read a news item or briefing into a :class:`Report` (never raises for odd layouts)."""
    gaz = gazetteer or load_gazetteer()
    text = source.text
    simple = to_simplified(text)
    lines = _lines(text)
    report = Report(source=source)
    report.language = _language(text)

    # --- header: masthead lines, date line, headline -------------------------------------
    date_idx = None
    for i, line in enumerate(lines[:15]):
        # a date line, a dateline (date, source, reporter), or a masthead with its date
        # (China Industrial Policy Briefing | 14 March 2025)
        m = (_DATE_ONLY.match(line.text) or _DATELINE.match(line.text)
             or any(_DATE_ONLY.match(part) for part in line.text.split("|")[1:]))
        if m:
            found = find_report_dates(to_simplified(line.text), None)
            if found:
                s, e, value = found[0]
                report.date = value
                report.date_span = Span(line.start + s, line.start + e, text[line.start + s : line.start + e])
                date_idx = i
                break
    title_idx = None
    # the headline sits right above the date line or right below it (masthead, headline, date;
    # or date, headline); else among the first lines — never past the lead paragraph
    candidates = []
    if date_idx is not None:
        above = date_idx - 1  # past labelled fields between headline and date (Prepared by: …)
        while above > 0 and date_idx - above < 3 and _FIELD_LINE.match(lines[above].text):
            above -= 1
        candidates = [above, date_idx + 1]
        if (_POST_DATE.search(lines[date_idx].text) and above >= 0
                and _ACCOUNT_NAME.match(lines[above].text)):
            # a post's account name sits above its date: the headline is above the name
            # (headline, account, date) or below the date (account, date, headline)
            candidates = [above - 1, date_idx + 1] if above > 0 else [date_idx + 1]
    for i in [*candidates, *range(0, min(len(lines), 3))]:
        if not 0 <= i < len(lines):
            continue
        line = lines[i]
        if (_is_furniture(line.text) or _DATE_ONLY.match(line.text) or "|" in line.text
                or _DATELINE.match(line.text) or _MASTHEAD.search(line.text)
                or _BYLINE_LINE.search(line.text) or _FIELD_LINE.match(line.text)):
            continue
        if len(line.text) <= 150 and not re.search(r"[.。:：]$", line.text):
            title_idx = i
            break
    if title_idx is not None:
        line = lines[title_idx]
        report.title = " ".join(line.text.split())
        report.title_span = Span(line.start, line.end, line.text)
        if (m := _BRACKETED_HEADLINE.match(line.text)) is not None:
            report.title = " ".join(m.group("title").split())
            report.title_span = Span(line.start + m.start("title"), line.start + m.end("title"),
                                     m.group("title"))
    header_end = max(i for i in (title_idx, date_idx, -1) if i is not None)

    # --- publisher, authors and furniture --------------------------------------------------
    body: list[_Line] = []
    in_tail = False
    for i, line in enumerate(lines):
        furniture = _is_furniture(line.text)
        for m in _EDITOR.finditer(line.text):
            name = m.group("name").strip()
            if name and name not in report.authors:
                report.authors.append(name)
        by = _BYLINE.match(line.text)
        if by and by.group("name") not in report.authors:
            report.authors.append(by.group("name"))
            furniture = True
        for p in _PUBLISHER:
            m = p.match(line.text)
            if m and report.publisher is None:
                report.publisher = m.group("name").strip()
        m = _SOURCE_IN_LINE.search(line.text) if i <= 15 and len(line.text) <= 120 else None
        if m and report.publisher is None:  # 2025-05-12 08:30　来源：某报　记者 某某
            report.publisher = m.group("name").strip()
        if i <= header_end:
            continue
        if furniture:
            in_tail = bool(body)
            continue
        if in_tail and len(line.text) < 80:
            continue  # continuation of a circulation list or contact block
        in_tail = False
        if report.title is None and not body and date_idx is None and i < 3 and len(line.text) < 40:
            continue
        body.append(line)
    if report.title is None and body:
        lead = split_sentences(text, body[0].start, body[0].end)
        if lead:
            report.warnings.append(
                Warning_("no-headline", "the report has no headline; its lead sentence is used as label")
            )

    # --- sentences over the body (paragraphs broken mid-sentence are joined) -------------
    sentences: list[Segment] = []
    para_start = None
    prev: _Line | None = None
    for line in body:
        if para_start is None:
            para_start = line.start
        elif prev is not None and re.search(r"[。！？.!?”\"]$", prev.text):
            sentences.extend(split_sentences(text, para_start, prev.end))
            para_start = line.start
        prev = line
    if para_start is not None and prev is not None:
        sentences.extend(split_sentences(text, para_start, prev.end))
    title_sentence = (
        [Segment(report.title_span.start, report.title_span.end)] if report.title_span else []
    )

    def concepts_in(a: int, b: int) -> tuple[list[str], list[str]]:
        chunk = simple[a:b]
        inst = _specific(gaz, [m.concept for m in gaz.find_all(chunk, "instrument")])
        cats = [m.concept for m in gaz.find_all(chunk, "category")]
        return inst, list(dict.fromkeys(cats))

    year = report.date.year if report.date else None
    report.claims = extract_claims(text, simple, title_sentence + sentences, year, concepts_in)

    # --- what policy it is about --------------------------------------------------------
    lead_end = sentences[min(2, len(sentences) - 1)].end if sentences else 0
    scope = [(report.title_span.start, report.title_span.end)] if report.title_span else []
    scope += [(s.start, s.end) for s in sentences[:3]]
    for a, b in scope:
        if report.jurisdiction is None:
            report.jurisdiction = _first_area(gaz, simple, a, b)
    subjects: list[str] = []
    for a, b in scope:
        for scheme in ("sector", "theme"):
            subjects.extend(m.concept for m in gaz.find_all(simple[a:b], scheme))
    report.subject_concepts = list(dict.fromkeys(subjects))
    report.policy_titles = _policy_titles(text, simple, [(s.start, s.end) for s in sentences])
    for claim in report.claims:
        if claim.topic == "release" and claim.date and claim.span.end <= max(lead_end, 1):
            report.policy_date = claim.date
            break

    # --- people and agencies ------------------------------------------------------------
    _people(report, gaz, text, simple, [(s.start, s.end) for s in sentences])

    # --- a policy this report describes (kept when no official text is linked) ------------
    report.reported_policy = _reported_policy(report, gaz, text, simple, sentences)
    if not report.claims:
        report.warnings.append(Warning_("no-figures", "the report states no figures"))
    return report


def _policy_titles(text: str, simple: str, ranges: list[tuple[int, int]]) -> list[DocRef]:
    out: list[DocRef] = []
    for a, b in ranges:
        for m in _DOC_NUMBER.finditer(simple, a, b):
            out.append(DocRef(Span(m.start(), m.end(), text[m.start() : m.end()]), number=m.group(0)))
        for m in _EN_TITLE.finditer(text, a, b):
            if _EN_TITLE_WORDS.search(m.group("t")):
                s, e = m.start("t"), m.end("t")
                out.append(DocRef(Span(s, e, text[s:e]), title=" ".join(m.group("t").split())))
        for m in _ZH_TITLE.finditer(simple, a, b):
            group = "t" if m.group("t") else "q"
            title = m.group(group)
            if _ZH_TITLE_WORDS.search(title):
                s, e = m.start(group), m.end(group)
                out.append(DocRef(Span(s, e, text[s:e]), title=re.sub(r"\s+", "", title)))
    seen: set[tuple[str | None, str | None]] = set()
    unique = []
    for ref in out:
        key = (ref.title, ref.number)
        if key not in seen:
            seen.add(key)
            unique.append(ref)
    return unique


def _people(report: Report, gaz: Gazetteer, text: str, simple: str, ranges: list[tuple[int, int]]) -> None:
    seen_orgs: set[str] = set()

    def agency(name: str, start: int, end: int) -> AgencyRef:
        concept = gaz.lookup(name, "agency")
        area = _first_area(gaz, to_simplified(name), 0, len(name))
        ref = AgencyRef(name=name, span=Span(start, end, text[start:end]), concept=concept, jurisdiction=area)
        if name not in seen_orgs:
            seen_orgs.add(name)
            report.agencies.append(ref)
        return ref

    for a, b in ranges:
        for m in _PERSON_EN.finditer(text, a, b):
            org = None
            if m.group("org"):
                org = agency(m.group("org").strip(), m.start("org"), m.end("org"))
            report.people.append(
                PersonRef(m.group("name"), Span(m.start("name"), m.end("name"), m.group("name")),
                          role=" ".join(m.group("role").split()), organization=org)
            )
        for m in _PERSON_ZH.finditer(simple, a, b):
            org = agency(text[m.start("org") : m.end("org")], m.start("org"), m.end("org"))
            name = text[m.start("name") : m.end("name")]
            report.people.append(
                PersonRef(name, Span(m.start("name"), m.end("name"), name), role=m.group("role"), organization=org)
            )
        for m in _ORG_EN.finditer(text, a, b):
            agency(" ".join(m.group("org").split()), m.start("org"), m.end("org"))
        for m in gaz.find_all(simple[a:b], "agency"):
            agency(text[a + m.start : a + m.end], a + m.start, a + m.end)


def _reported_policy(
    report: Report, gaz: Gazetteer, text: str, simple: str, sentences: list[Segment]
) -> ReportedPolicy | None:
    """What the report says the policy contains: total budget and instruments with figures."""
    event = next((s for s in sentences if _POLICY_EVENT.search(simple, s.start, s.end)), None)
    if event is None:
        return None
    policy = ReportedPolicy(span=Span(event.start, event.end, text[event.start : event.end]))
    policy.jurisdiction = report.jurisdiction
    titles = [r.title for r in report.policy_titles if r.title]
    policy.title = titles[0] if titles else None
    policy.agencies = list(report.agencies)
    by_sentence: dict[int, list[ClaimRecord]] = {}
    for claim in report.claims:
        if claim.about_region:
            continue
        by_sentence.setdefault(claim.span.start, []).append(claim)
        if claim.kind == "amount" and claim.role == "total_budget" and policy.total_budget is None:
            policy.total_budget = Money(claim.amount, "total_budget", claim.figure_span)
    seen: set[str] = set()
    for sent in sentences:
        found = gaz.find_all(simple[sent.start : sent.end], "instrument")
        depth = {m.concept: len(_ancestors(gaz, m.concept)) for m in found}
        concepts = _specific(gaz, [m.concept for m in found])
        if any(depth[c] for c in concepts):
            concepts = [c for c in concepts if depth[c]]  # a named voucher beats a generic word
        claims = [c for c in by_sentence.get(sent.start, []) if c.role != "total_budget"]
        if not claims and not any(depth[c] for c in concepts):
            continue
        offers: dict[str, Offer] = {}
        for concept in concepts:
            if concept in seen:
                continue
            seen.add(concept)
            hit = next(m for m in found if m.concept == concept)
            a, b = sent.start + hit.start, sent.start + hit.end
            offers[concept] = Offer(
                span=Span(a, b, text[a:b]),
                instrument_class=_instrument_class(gaz, concept),
                instrument_concept=concept,
            )
            policy.offers.append(offers[concept])
        hits = [m for m in found if m.concept in offers]
        for claim in claims:
            if not hits:
                break
            pos = claim.figure_span.start - sent.start
            before = [m for m in hits if m.start <= pos]
            offer = offers[(before[-1] if before else hits[0]).concept]
            if claim.kind == "amount" and claim.level and offer.max_amount is not None and (
                offer.recognition_level not in (None, claim.level)
            ):  # a tier for another recognition level: one instrument per tier
                offer = Offer(span=offer.span, instrument_class=offer.instrument_class,
                              instrument_concept=offer.instrument_concept)
                policy.offers.append(offer)
            if claim.kind == "amount" and claim.level and offer.recognition_level is None:
                offer.recognition_level = claim.level
            if claim.kind == "share" and offer.max_cost_share is None:
                offer.max_cost_share = Ratio(claim.share, "cost_share", claim.figure_span)
            elif claim.kind == "amount" and claim.role in ("cap", "per_recipient_cap"):
                offer.max_amount = offer.max_amount or Money(claim.amount, claim.role, claim.figure_span)
            elif claim.kind == "count" and claim.period and offer.max_recipients is None:
                offer.period = claim.period
    if policy.total_budget is None and not policy.offers:
        return None
    return policy
