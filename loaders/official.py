"""Parse an official policy document into an :class:`OfficialDocument` record.

``parse_official(source)`` cleans the text (``loaders.clean``), finds the header
(``loaders.header``), the measures (``loaders.numbering``), the clauses inside each measure
(``loaders.clauses``), responsible units (``loaders.agencies``) and the document clauses
(``loaders.citations``). Every span points into ``source.text``; names and headings are in
simplified script. It never raises: what it cannot find becomes a warning on the record.

Why this module is longer than 400 lines: it is the parser that runs the steps
(structure, header, measures, document clauses) over one shared clean view and map; each
step's grammar lives in its own module (header, title, signature, history, numbering, clauses,
units, subjects, unit_table, citations).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from ..ontology.gazetteer import Gazetteer, Match, load_gazetteer, to_simplified
from . import (
    actors,
    agencies,
    citations,
    clauses,
    header,
    numbering,
    recipients,
    subjects,
    unit_ranges,
    unit_table,
    units,
)
from .clean import CleanText, clean, furniture_lines, is_page_number
from .matchindex import MatchIndex
from .records import (
    AgencyRef,
    AreaRef,
    ConceptRef,
    DocEvent,
    DocRef,
    Measure,
    OfficialDocument,
    ProgramRef,
    Source,
    Span,
    Warning_,
)
from .roles import CHANGED_TO

_DOC_CLAUSE = re.compile(  # a line break inside may only wrap the sentence
    r"(?:^|(?<=[\s。]))本(?:政策)?(?:措施|举措|办法|通知|决定|规定|细则|方案|意见|政策|计划|指引)[^。]{0,30}?"
    r"(?:有效期|自[^。]{0,20}?起(?:施行|实施|执行))"
)
_TRAILER = re.compile(
    r"(?:^|\n)\s*(?:(?:抄送|公开方式|信息来源|来源|责任编辑|扫一扫|发文机关|发文单位)\s*[：:]|附件\s*\d*\s*(?:[：:]|\n|$))"
    r"|[（(]此件[^）)\n]{0,12}[）)]"
)
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,30})[”\"]")
_PROGRAM_SUFFIX = re.compile(r"^(行动|计划|工程|专项行动|大赛|竞赛|比赛|杯|平台|活动|赛事|专项)")
_PROGRAM_NAME_END = re.compile(r"(杯|赛|行动|计划|工程|平台)$")
_NAME_JOINS = ("行动", "计划", "工程", "专项行动")
_SUPPLEMENTARY = ("附则",)

_HALF_TO_FULL_BRACKETS = str.maketrans("()", "（）")
_TITLE_AWARDED = re.compile(r"单项冠军|示范企业")
_SEVERAL_ARTICLES = re.compile(r"第[一二三四五六七八九十百\d]{1,5}条")
_HEADING_MAX = 24  # a heading sentence opening a measure (支持企业上规模。) is no longer


def _gazetteer() -> Gazetteer | None:
    try:
        return load_gazetteer()
    except Exception:  # noqa: BLE001 - a missing/broken vocabulary must not stop parsing
        return None


def parse_official(source: Source, gazetteer: Gazetteer | None = None) -> OfficialDocument:
    """The records of one official document; odd input gives warnings, never an exception."""
    doc = OfficialDocument(source=source)
    gaz = gazetteer if gazetteer is not None else _gazetteer()
    if gaz is None:
        doc.warnings.append(Warning_("no-vocabulary", "The vocabularies could not be loaded; "
                                     "no names, categories or instrument types were matched."))
    try:
        ct = clean(source.text)
    except Exception as err:  # noqa: BLE001
        doc.warnings.append(Warning_("clean-failed", f"The text could not be cleaned ({err})."))
        return doc
    parser = _Parser(doc, ct, gaz)
    for step in (parser.structure, parser.header, parser.measures, parser.document_clauses):
        try:
            step()
        except Exception as err:  # noqa: BLE001 - keep what the other steps found
            doc.warnings.append(Warning_(
                f"{step.__name__}-failed",
                f"Reading the {step.__name__.replace('_', ' ')} failed ({type(err).__name__}: {err}).",
            ))
    parser.units_from_table()
    parser.units_from_ranges()
    parser.drop_repeated_offers()
    parser.final_warnings()
    return doc


def _span_within(inner: Span | None, outers: list[Span]) -> bool:
    return inner is not None and any(o.start <= inner.start and inner.end <= o.end for o in outers)


def _titles(doc: OfficialDocument) -> list[str]:
    return [t for t in (doc.notice_title, doc.title) if t]


_FORWARDED = re.compile(r"(?:转发|批转)[^《》]{0,10}《([^《》]+)》")


def _own_titles(doc: OfficialDocument) -> list[str]:
    """The titles that speak for the issuer: a forwarded document's (关于转发《河南省…》的通知)
    is another body's, so it and its place are left out."""
    forwarded = [m.group(1) for m in _FORWARDED.finditer(doc.notice_title or "")]
    out = [_FORWARDED.sub("转发", t) for t in _titles(doc) if t not in forwarded]
    return [t for t in out if t]


# Organ words that hide other words (民政 in 人民政府); full agency names come from the vocabulary.
_BODY_NAME = re.compile(r"人民政府|管委会|管理委员会")
_ENACTING = re.compile(r"制定本(?:条例|规定|办法|法|(?:实施)?细则)")
_REGULATION_TITLE = re.compile(r"(?:条例|规定|办法|法|细则)$")
# 中国（福建）自由贸易试验区条例: a zone of the nation named with its province in brackets
_BRACKETED_AREA = re.compile(r"^中国[（(]([\u4e00-\u9fff]{2,8})[）)]")
_ENGAGED_IN = re.compile(r"从事([^，。；]{2,60}?)(?:经营活动|生产经营|业务|活动)?的(?:企业|单位)")
_ORGAN_WORD = re.compile(r"[局厅委办署院部处科室]")
_COORDINATED = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:与|和|及)([\u4e00-\u9fff]{2,8}?)(?:领域|行业|产业)?企业")
# the old wording an amendment replaces: “…” followed by 修改为 / 改为 / 调整为 / 替换为, or a
# figure 由X提高至Y
_REPLACED = re.compile(r"“[^“”]{1,300}”(?=\s*(?:修改|改|调整|替换|更改)为)"
                       # 额度由1000万元提高至2000万元: the old figure of a revised standard
                       r"|由\s*[\d.,，]+\s*(?:万元|亿元|千元|元|%|％)(?=\s*" + CHANGED_TO + ")")
# the field naming a record of a table typed as records (项目：智慧港航物流)
_RECORD_NAME = re.compile(r"^[ \t\u3000]*(?:项目|项目名称|名称|事项|支持事项|扶持事项|支持方向|政策名称|内容)[ \t\u3000]*[：:]"
                          r"[ \t\u3000]*([^\n]{1,80})$", re.M)

class _Parser:
    """One parse: holds the clean text and the offsets shared by the steps."""

    def __init__(self, doc: OfficialDocument, ct: CleanText, gaz: Gazetteer | None) -> None:
        self.doc = doc
        self.ct = ct
        self.view = ct.view
        self.gaz = gaz
        self.items: list[numbering.Item] = []
        self.header_end = len(self.view)
        self.furniture: list[tuple[int, int]] = []
        self.ranges: list[unit_ranges.RangeUnits] = []  # 上述第1、2项由A牵头…: units by number
        self.prefixes: dict[str, str] = {}
        self.title_end = 0
        self._matches: MatchIndex | None = None
        self._chapters: list | None = None

    def span(self, s: int, e: int):
        return self.ct.span(s, e)

    def line_of_original(self, offset: int) -> int:
        """1-based line of an offset into the original text."""
        return self.doc.source.text.count("\n", 0, offset) + 1

    # ------------------------------------------------------------ structure

    def structure(self) -> None:
        view = self.view
        self.furniture = list(furniture_lines(view))
        pub = header.find_published(view)
        if pub is not None:
            value, s, e, ls, le = pub
            self.doc.published = value
            self.doc.published_span = self.span(s, e)
            self.furniture.append((ls, le))
        self.items = numbering.find_measures(view)
        if self.items:
            self.header_end = self.items[0].start
            self.ranges = unit_ranges.find_ranges(view, self.items[0].start)

    # ------------------------------------------------------------ header

    def header(self) -> None:
        doc, view, end = self.doc, self.view, self.header_end
        found = header.read_header(view, end, self._published_line())
        if found.number is not None:
            doc.number = found.number.value
            doc.number_span = self.span(found.number.start, found.number.end)
        if found.notice_title is not None:
            doc.notice_title = found.notice_title.value
            doc.notice_title_span = self.span(found.notice_title.start, found.notice_title.end)
        if found.title is not None:
            doc.title = found.title.value
            if found.title.start >= 0:
                doc.title_span = self.span(found.title.start, found.title.end)
                self.title_end = found.title.end
                self._measures_after_title(found.title.end)
        if found.date is not None:
            doc.date_issued = found.date[0]
            doc.date_span = self.span(found.date[1], found.date[2])
        elif (doc.published is not None and doc.published_span is not None
              and "印发" in self.view[max(0, self.ct.to_view(doc.published_span.start) - 8):
                                      self.ct.to_view(doc.published_span.start)]):
            # no signature date, but the colophon's 印发日期: the document's own date of issue
            # (a web page's 发布日期 stays only the publication date)
            doc.date_issued = doc.published.date()
            doc.date_span = doc.published_span
        if found.signature is not None:
            self._cut_at_signature(found.signature)
        if found.valid_from is not None:
            doc.valid_from = found.valid_from[0]
            doc.validity_span = self.span(found.valid_from[1], found.valid_from[2])
        names = [f.value for f in found.issuers] + self._places(found)
        hints = [h for h in (doc.number, doc.title, doc.notice_title) if h]
        self.prefixes = agencies.jurisdiction_prefixes(names, hints, self.gaz)
        doc.issuers = self._refs(found.issuers) or self._legislature_of_title(found)
        doc.transmitted = self._refs(found.transmitted)
        doc.approvers = self._refs(found.approvers + header.find_approvers(view, 0, end))
        by_body = {ev.body: ref for ev in found.events if ev.body
                   for ref in self._refs([header.Found(ev.body, ev.body_start, ev.body_end)])}
        doc.events = [DocEvent(ev.kind, ev.date, self.span(ev.start, ev.end),  # type: ignore[arg-type]
                               by_body.get(ev.body) if ev.body else None) for ev in found.events]
        contact = header.find_contact(view, 0, end)
        if contact is not None:
            doc.contact = self._refs([contact])[0]
        addressees = header.find_addressees(view, 0, end)
        if addressees is not None:
            doc.addressees = addressees[0]
        doc.jurisdictions = self._jurisdictions()
        doc.unlisted_areas = self._unlisted_areas()
        if doc.unlisted_areas and self.gaz is not None:
            # issued for 南京市江宁区 (unlisted), not for all of 南京市: a listed area stays only
            # when an issuer is that area's own organ (广州市南沙区人民政府 beside the zone)
            own = {agencies.area_in_name(a, self.gaz) for r in doc.issuers
                   if (a := agencies.area_part(r.name, self.gaz)) and self.gaz.lookup(a, "area")}
            parents = {a.parent for a in doc.unlisted_areas}
            doc.jurisdictions = [j for j in doc.jurisdictions if j not in parents or j in own]
        doc.jurisdiction = doc.jurisdictions[0] if doc.jurisdictions else None

    def _places(self, found: header.Header) -> list[str]:
        """Names of the places the header names, for reading ``市``/``区`` in short names when no
        issuer gives its place in full: areas in the titles, the province a document number's
        first character stands for (``沪`` → 上海市)."""
        if self.gaz is None:
            return []
        out = []
        for text in _titles(self.doc):
            out += [m.concept for m in self.gaz.find_all(text, "area")]
        if found.number is not None:
            concept = self.gaz.lookup(found.number.value[:1], "area")
            if concept:
                out.append(concept)
        labels = []
        for concept in out:
            info = self.gaz.info(concept)
            if info is not None and info.label("zh-Hans") not in labels:
                labels.append(info.label("zh-Hans"))
        return labels

    def _cut_at_signature(self, sig) -> None:
        """A signature block inside a measure (``某市人民政府\n2024年5月6日`` after the last one)
        ends that measure."""
        for i, item in enumerate(self.items):
            if item.marker.end <= sig.start < item.end:
                self.items[i] = dataclasses.replace(item, end=sig.start)

    def _measures_after_title(self, title_end: int) -> None:
        """Numbered items in the covering notice are not measures: when the standalone title
        of the measures comes after the first item, look for measures after the title only."""
        if not self.items or self.items[0].start >= title_end:
            return
        after = numbering.find_measures(self.view, title_end)
        if len(after) >= 2:
            self.items = after
            self.header_end = after[0].start

    def _published_line(self) -> tuple[int, int] | None:
        if self.doc.published_span is None:
            return None
        for s, e in self.furniture:
            if self.ct.orig_start(s) <= self.doc.published_span.start < self.ct.orig_end(e):
                return s, e
        return None

    def _legislature_of_title(self, found: header.Header) -> list[AgencyRef]:
        """A regulation whose text names no issuer (no history lines, no signature): the
        standing committee of the people's congress of the area its title begins with
        (``上海市…条例`` → 上海市人民代表大会常务委员会; ``中华人民共和国…法`` → the national
        one), when its own words enact it (制定本条例/本规定/本办法/本法). Marked by a warning:
        an inference from the kind of text, not a fact read."""
        title = found.title
        if title is None or self.gaz is None:
            return []
        enacts = _ENACTING.search(self.view)
        kind = _REGULATION_TITLE.search(title.value)
        if enacts is None or kind is None:
            return []
        if title.value.startswith("中华人民共和国") or kind.group(0).endswith("法") and (
                "《" not in title.value):
            name = "全国人民代表大会常务委员会"
        else:
            bracketed = _BRACKETED_AREA.match(title.value)
            start = bracketed.start(1) if bracketed else 0
            area = next(iter(self.gaz.find_all(title.value[start:], "area")), None)
            if area is None or area.start != 0:
                return []
            info = self.gaz.info(area.concept)
            name = (info.label("zh-Hans") if info else area.surface) + "人民代表大会常务委员会"
        if title.start < 0:
            return []
        ref = agencies.agency_ref(name, self.span(title.start, title.end), self.prefixes, self.gaz)
        if ref.concept is None:
            return []
        self.doc.warnings.append(Warning_(
            "issuer-inferred", f"No issuer is named; {ref.name} is inferred from the title "
            "of this regulation and the words that enact it."))
        return [ref]

    def _refs(self, found: list[header.Found]) -> list[AgencyRef]:
        out: list[AgencyRef] = []
        for f in found:
            ref = agencies.agency_ref(f.value, self.span(f.start, f.end), self.prefixes, self.gaz)
            if all(r.name != ref.name and (ref.concept is None or r.concept != ref.concept)
                   for r in out):
                out.append(ref)
        return out

    def _jurisdictions(self) -> list[str]:
        """Every area the document is issued for: its issuers' areas, then the areas its titles
        name inside those (``广州开发区 黄埔区…``: the zone and the district), all of them when no
        issuer's area is known."""
        out: list[str] = []
        for ref in self.doc.issuers:
            if ref.jurisdiction and ref.jurisdiction not in out:
                out.append(ref.jurisdiction)
        if self.gaz is None:
            return out
        for area in self._second_names([r.concept for r in self.doc.issuers if r.concept]):
            if area not in out:
                out.insert(0 if self._zone_named_first(area) else len(out), area)
        if not out:
            for ref in self.doc.issuers:
                areas = [m for m in self.gaz.find_all(ref.name, "area")
                         if not agencies.inside_longer_name(ref.name, m)]
                if areas and areas[-1].concept not in out:
                    out.append(areas[-1].concept)
        issuers_areas = set(out)
        for text in _own_titles(self.doc):
            for m in self.gaz.find_all(text, "area"):
                if m.concept in out or agencies.inside_longer_name(text, m):
                    continue  # 鄂 of 鄂尔多斯市 is no Hubei
                if not issuers_areas or self._within(m.concept, issuers_areas):
                    out.append(m.concept)
        return out

    def _unlisted_areas(self) -> list[AreaRef]:
        """Areas the document is issued for that the vocabulary does not list, read from its
        issuers' names: the part before the organ (南京市江宁区 of 南京市江宁区人民政府, 青岛西海岸新区
        of 青岛西海岸新区管理委员会) when it names an area below the most specific listed one."""
        if self.gaz is None:
            return []
        out: list[AreaRef] = []
        for ref in self.doc.issuers:
            area = agencies.area_part(ref.name, self.gaz)
            if area is None or any(a.name == area for a in out):
                continue
            parent = agencies.area_in_name(area, self.gaz)
            info = self.gaz.info(parent) if parent else None
            if info is not None and area in (info.label("zh-Hans"), *info.labels.values()):
                continue  # listed: its concept is among the jurisdictions already
            if self.gaz.lookup(area, "area"):
                continue
            out.append(AreaRef(area, ref.span, parent))
        return out

    def _second_names(self, agencies_: list[str]) -> list[str]:
        """Areas an issuing body is also known by: ``广州开发区科技创新局`` is a name of
        广州市黄埔区科技创新局 (one administration, two names), so 广州开发区 is its area too."""
        if not agencies_ or self.gaz is None:
            return []
        out: list[str] = []
        for surface, concept in self.gaz.surfaces("agency").items():
            if concept in agencies_ and re.search(r"[\u4e00-\u9fff]", surface):
                found = self.gaz.find_all(surface, "area")  # the most specific: the last one
                if found and found[-1].concept not in out:
                    out.append(found[-1].concept)
        return out

    def _zone_named_first(self, area: str) -> bool:
        """True when the titles name ``area`` before any other area (its documents' own order)."""
        if self.gaz is None:
            return False
        for text in _titles(self.doc):
            found = self.gaz.find_all(text, "area")
            if found:
                return found[0].concept == area
        return False

    def _within(self, concept: str, areas: set[str]) -> bool:
        """True when ``concept`` is one of ``areas`` or lies inside one (``pol:within``)."""
        seen: set[str] = set()
        todo = [concept]
        while todo:
            c = todo.pop()
            if c in areas:
                return True
            if c in seen or self.gaz is None:
                continue
            seen.add(c)
            info = self.gaz.info(c)
            if info is not None:
                todo.extend(info.links.get("within", ()))
        return False

    # ------------------------------------------------------------ measures

    def _furniture_end(self, item: numbering.Item) -> int:
        """Where page furniture cuts an item: at its first furniture line other than a page
        number (a page break inside a measure: ``…等场景应用，\n— 2 —\n对首次应用…``)."""
        end = item.end
        for s, e in self.furniture:
            if item.marker.end <= s < end and not is_page_number(self.view[s:e]):
                end = s
        for r in self.ranges:  # a sentence giving units by item numbers closes the last item
            if item.marker.end <= r.sentence_start < end:
                end = r.sentence_start
        return end

    def _trim(self, item: numbering.Item, last: bool) -> int:
        view, end = self.view, self._furniture_end(item)
        if self._chapters is None:
            self._chapters = numbering.chapters(view)
        for s, _, _ in self._chapters:
            if item.marker.end <= s < end:
                end = s
        m = _TRAILER.search(view, item.marker.end, end)
        if m:
            end = m.start()
        m = unit_table.TABLE_START.search(view, item.marker.end, end)
        if m:  # a division-of-labour table after the last measure is none of its text
            end = m.start()
        if last:
            heading, _, heading_end = self._heading(item)
            if heading not in _SUPPLEMENTARY:
                m = _DOC_CLAUSE.search(view, heading_end + 1, end)
                if m:
                    end = m.start()
        while end > item.start and view[end - 1].isspace():
            end -= 1
        return end

    def _heading(self, item: numbering.Item) -> tuple[str, int, int]:
        view = self.view
        s = item.marker.end
        while s < item.end and view[s] in " \t\u3000":
            s += 1
        if item.marker.style == "序号：1":  # a record: its first labelled line names it
            m = _RECORD_NAME.search(view, s, item.end)
            return (m.group(1).strip(), m.start(1), m.start(1) + len(m.group(1).strip())) if m else ("", s, s)
        if s < item.end and view[s] in "【[":
            close = view.find("】" if view[s] == "【" else "]", s, min(item.end, s + 80))
            if close > s:
                return view[s + 1 : close].strip(), s + 1, close
        m = re.compile(r"[^。；！？\n]{1,80}").match(view, s, item.end)
        if not m:
            return "", s, s
        text = m.group(0).rstrip()
        colon = text.find("：")
        if 0 < colon <= 20 and "，" not in text[:colon]:  # 研发补助：按… → 研发补助
            text = text[:colon]
        return text, s, s + len(text)

    def _unit_end(self, item: numbering.Item) -> int:
        """Where the units of an item may still be named: its end before trailers, page
        furniture or a signature (the document clause is not cut here)."""
        end = self._furniture_end(item)
        m = _TRAILER.search(self.view, item.marker.end, end)
        return m.start() if m else end

    def _group_heading(self, s: int, e: int) -> tuple[str, int, int]:
        """The heading of a chapter/section grouping measures, without its number
        (``二、重点任务`` → ``重点任务``); a ``第X章`` heading is kept whole."""
        text = self.view[s:e]
        if numbering.CHAPTER.match(text):
            stripped = text.rstrip()
            return re.sub(r"\s+", " ", stripped), s, s + len(stripped)
        m = re.match(r"\s*(?:[（(]?\s*[〇零一二三四五六七八九十百两\d]{1,4}\s*[、.．，,）)]|第[一二三四五六七八九十]{1,3}[，,、：:])\s*", text)
        k = m.end() if m else 0
        heading = text[k:].rstrip(" \n。；：")
        heading = re.sub(r"\s*[（(][^（）()]*(?:牵头|负责|配合|责任单位)[^（）()]*[）)]$", "", heading)
        return heading, s + k, s + k + len(heading)

    def measures(self) -> None:
        view = self.view
        for i, item in enumerate(self.items):
            end = self._trim(item, i == len(self.items) - 1)
            heading, hs, he = self._heading(item)
            measure = Measure(
                ordinal=item.ordinal,
                span=self.span(item.start, end),
                heading=heading,
                heading_span=self.span(hs, he),
                numbering=item.marker.style,
                marker=numbering.marker_label(item.marker.style, item.marker.number),
            )
            if item.group is not None:
                measure.group, gs, ge = self._group_heading(*item.group)
                measure.group_span = self.span(gs, ge)
            # units over the whole item: 本措施由A牵头，B配合，自印发之日起施行 names them even
            # where the document clause is cut from the measure's text
            resp, coop, notes = units.responsible_units(
                view, item.start, max(end, self._unit_end(item)), self.span, self.prefixes,
                self.gaz)
            if not (resp or coop) and item.units is not None:
                # the units of the item's block (a 责任单位 line after its last sub-item, the
                # lead of the item it was split from) hold for every item of it
                start = item.units[0]
                resp, coop, _ = units.responsible_units(
                    view, start, self._unit_end(numbering.Item(
                        0, numbering.Marker("", 0, start, start), start, item.units[1])),
                    self.span, self.prefixes, self.gaz)
            if not (resp or coop) and item.group is not None:
                # the chapter's units (一、…（省科技厅牵头，省财政厅配合）) hold for its items
                resp, coop, _ = units.responsible_units(
                    view, item.group[0], item.group[1], self.span, self.prefixes, self.gaz)
            measure.responsible, measure.cooperating = resp, coop
            # 将“按贷款利息的30%给予贴息”修改为“…50%…”: the replaced wording states no fact
            notes = notes + [(m.start(), m.end()) for m in _REPLACED.finditer(view, item.start, end)]
            # the lead: the heading, and for a 【bracketed】 heading also the sentence after it
            lead_end = he
            if view[hs - 1 : hs] in "【[":
                stop = view.find("。", he, end)
                lead_end = stop if stop > 0 else he
            facts = clauses.analyse(view, item.marker.end, end, self.span, self.gaz,
                                    heading=(hs, lead_end), skip=notes,
                                    matches=self._all_matches())
            measure.amounts, measure.ratios = facts.amounts, facts.ratios
            measure.penalties = facts.penalties
            measure.quotas, measure.offers = facts.quotas, facts.offers
            for amount in facts.amounts:
                if amount.role == "other":
                    self.doc.warnings.append(Warning_(
                        "amount-role-unknown",
                        f"The amount {amount.span.text} in measure {item.ordinal} has no "
                        "recognised role (cap, threshold, budget…); it is kept as 'other'.",
                        self.line_of_original(amount.span.start)))
            # names of bodies (责任单位 notes, 区工业和信息化局, 人民政府) are not subjects:
            # 工业 in an agency's name is no industrial sector, 民政 in 人民政府 no civil affairs
            self._subjects(measure, item.start, end, notes)
            lead = self._lead_in(i)
            if lead is not None:
                # the lead-in line of a chain of leaves (１．鼓励工业企业…按以下方式支持：) holds
                # for each leaf: its categories, sectors and themes are theirs too
                own = Measure(0, measure.span, "", measure.heading_span, "")
                self._subjects(own, *lead, [])
                if measure.categories:  # 申请的企业应具备：（一）…规模以上工业企业: the kind named
                    own.categories = [c for c in own.categories
                                      if c.concept != self._generic_enterprise()]
                for kind in ("categories", "sectors", "themes"):
                    have = getattr(measure, kind)
                    have.extend(r for r in getattr(own, kind)
                                if all(h.concept != r.concept for h in have))
            for hs_, he_ in self._parent_heading(item):
                # the heading of the item a leaf was split from (（三）机器人应用 over 1．申报条件
                # and 2．支持标准) names the field of each leaf
                measure.sectors.extend(r for r in self._concepts("sector", hs_, he_, self._masks(
                    hs_, he_, []), True) if all(h.concept != r.concept for h in measure.sectors))
            if item.group is not None and not numbering.CHAPTER.match(self.view, item.group[0]):
                # the section heading names the field of its leaves (二、加快人工智能赋能); a
                # regulation's 第X章 chapter (第三章 安全保障) is a topic, not the field supported
                _, gs, ge = self._group_heading(*item.group)
                measure.sectors.extend(r for r in self._concepts("sector", gs, ge, self._masks(
                    gs, ge, []), True) if all(h.concept != r.concept for h in measure.sectors))
            measure.organizations = self._concepts("organization", item.start, end, self._masks(
                item.start, end, notes))
            measure.programs = self._programs(item.start, end)
            self.doc.measures.append(measure)

    def _parent_heading(self, item: numbering.Item) -> list[tuple[int, int]]:
        """The first line of the item a leaf was split from, when it is a heading (no sentence
        end) and not the leaf's group heading already; else nothing."""
        if item.parent is None or (item.group is not None and item.group[0] == item.parent[0]):
            return []
        s = item.parent[0]
        e = self.view.find("\n", s, item.start)
        e = item.start if e < 0 else e
        return [] if "。" in self.view[s:e] else [(s, e)]

    def _lead_in(self, i: int) -> tuple[int, int] | None:
        """The view extent of the line ending ``：`` right before the chain of leaves that item
        ``i`` belongs to (a leaf split from a larger item, or grouped under a numbered lead-in),
        or None."""
        item = self.items[i]
        if item.parent is None:
            group = item.group
            if group is not None and self.view[group[0] : group[1]].rstrip().endswith(("：", ":")):
                return group  # 2.申领的企业应当具备下列条件： grouping （1）–（3）
            return None
        k = i
        while (k > 0 and self.items[k].marker.number > 1
               and self.items[k - 1].marker.style == item.marker.style
               and self.items[k - 1].parent == item.parent):
            k -= 1
        first = self.items[k].start
        line_start = self.view.rfind("\n", 0, first - 1) + 1
        if item.parent[0] <= first:  # (a chapter's closing note is no item to stay inside)
            line_start = max(line_start, item.parent[0])
        if not self.view[line_start:first].rstrip().endswith(("：", ":")):
            return None
        return line_start, first

    def _masks(self, s: int, e: int, notes: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names of bodies (责任单位 notes, 区工业和信息化局, 人民政府) and quoted titles in
        ``[s, e)``: no subjects (工业 in an agency's name is no industrial sector)."""
        return notes + self._body_names(s, e) + subjects.title_masks(self.view, s, e)

    def _subjects(self, measure: Measure, s: int, e: int, notes: list[tuple[int, int]]) -> None:
        """The categories, sectors and themes ``view[s:e]`` names, into ``measure``."""
        masked = self._masks(s, e, notes)
        not_recipients = (masked + recipients.misconduct_masks(self.view, s, e)
                          + subjects.exclusion_masks(self.view, s, e)
                          + subjects.penalty_masks(self.view, s, e))  # who is fined is no recipient
        measure.categories = self._concepts("category", s, e, not_recipients)
        for offer in measure.offers:
            offer.categories = [c for c in offer.categories if not self._names_no_recipient(
                c, not_recipients)]
        self._coordinated_categories(measure, s, e, masked)
        generic = self._generic_enterprise()
        named = [m for m in self._all_matches().within("category", s, e)  # outside exclusions
                 if not any(a < m.end and m.start < b for a, b in not_recipients)]
        # a heading sentence (降低企业融资成本。) or a heading line (<dt>支持梯度培育</dt>)
        ends = [i for c in "。\n" if (i := self.view.find(c, s, min(e, s + _HEADING_MAX))) > s]
        head_end = min(ends, default=-1)
        body = [m for m in named if m.start >= head_end]  # 降低企业融资成本。对制造业企业…
        in_heading_only = len(body) < len(named) and all(m.concept != generic for m in body)
        if len(measure.categories) > 1 and (
                in_heading_only or actors.counted_generic(self.view, body, generic)):
            # 对中小企业…，每家企业每年最高: the kind named is the actor, 每家企业 counts it;
            # a heading's 企业 (降低企业融资成本。) is the kind the body names
            measure.categories = [c for c in measure.categories if c.concept != generic]
            for offer in measure.offers:  # also in an offer whose clause names only 单个企业
                offer.categories = [c for c in offer.categories if c.concept != generic]
        # a sector word inside a category's name (制造业创新中心) is no sector of its own
        # (a kind of enterprise, 人工智能企业, still names the sector it works in; a title
        # awarded, 制造业单项冠军企业, does not)
        # (nor does a sector's word holding a kind's name: 农业经营主体 names agriculture)
        sector_words = self._all_matches().within("sector", s, e)
        inside = [(m.start, m.end) for m in self._all_matches().within("category", s, e)
                  if (not m.surface.endswith("企业") or _TITLE_AWARDED.search(m.surface)) and not any(
                      w.start <= m.start and m.end <= w.end and w.end - w.start > m.end - m.start
                      for w in sector_words)]
        unsupported = (masked + inside + subjects.exclusion_masks(self.view, s, e)
                       + subjects.penalty_masks(self.view, s, e))
        measure.sectors = self._concepts("sector", s, e, unsupported, True)
        measure.themes = self._concepts("theme", s, e, unsupported, True)

    def _all_matches(self) -> MatchIndex:
        """Vocabulary matches over the whole view, per scheme (computed once per document)."""
        if self._matches is None:
            self._matches = MatchIndex()
            if self.gaz is not None:
                for scheme in ("instrument", "category", "level", "period", "area", "sector",
                               "theme", "organization", "agency"):
                    self._matches[scheme] = self.gaz.find_all(self.view, scheme)
                # persons, offices and contact lines name no actor; compounds name two kinds
                self._matches["category"] = actors.actor_matches(
                    self.view, self._matches["category"], self.gaz,
                    [(m.start, m.end) for m in self._matches["agency"]])
        return self._matches

    def _body_names(self, s: int, e: int) -> list[tuple[int, int]]:
        """View extents of government bodies' names in ``[s, e)``: vocabulary agencies and
        organ words such as ``人民政府``."""
        spans = [(m.start, m.end) for m in self._all_matches().within("agency", s, e)]
        spans += [(m.start(), m.end()) for m in _BODY_NAME.finditer(self.view, s, e)]
        return spans

    def _names_no_recipient(self, c: ConceptRef, masks: list[tuple[int, int]]) -> bool:
        """An offer's category word inside a mask or naming a lender, investee or served party."""
        if c.span is None:
            return False
        a, b = self.ct.to_view(c.span.start), self.ct.to_view(c.span.end)
        if any(x < b and a < y for x, y in masks):
            return True
        return recipients.not_supported(self.view, Match(a, b, c.concept, "category", self.view[a:b]))

    def _concepts(self, scheme: str, s: int, e: int,
                  masked: list[tuple[int, int]] | None = None,
                  subjects_only: bool = False) -> list[ConceptRef]:
        """Concepts of ``scheme`` in ``[s, e)`` outside ``masked``; with ``subjects_only``, a
        short ambiguous word counts only in a sector context (:mod:`loaders.subjects`)."""
        out: list[ConceptRef] = []
        merged: list[list[int]] = []  # the masks as disjoint intervals, in order
        for a, b in sorted(masked or []):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        starts = [a for a, _ in merged]
        found = self._all_matches().within(scheme, s, e)
        for m in found:
            k = bisect_left(starts, m.end)  # the last mask starting before the match ends
            if k and merged[k - 1][1] > m.start:
                continue
            if subjects_only and not subjects.in_context(self.view, m, found):
                continue
            if subjects.inside_event_name(self.view, m) or subjects.split_word(self.view, m):
                continue
            if scheme == "category" and recipients.not_supported(self.view, m):
                continue  # 银行贷款, 投资…初创企业, 被服务企业: named, not supported
            if all(r.concept != m.concept for r in out):
                out.append(ConceptRef(scheme, m.concept, self.span(m.start, m.end)))
            inner = self._low_altitude_domain(m) if scheme == "sector" else None
            if inner is not None and all(r.concept != inner for r in out):
                out.append(ConceptRef(scheme, inner, self.span(m.start + 2, m.end)))
        return out

    def _generic_enterprise(self) -> str | None:
        """The category concept of the generic kind 企业 (None without a vocabulary)."""
        return self.gaz.lookup("企业", "category") if self.gaz is not None else None

    def _low_altitude_domain(self, m: Match) -> str | None:
        """``低空旅游``, ``低空物流``: low-altitude flight serving a domain names that domain's
        sector too (the concept of the rest of the word), else None."""
        if self.gaz is None or not m.surface.startswith("低空") or len(m.surface) < 4:
            return None
        inner = self.gaz.lookup(m.surface[2:], "sector")
        return inner if inner is not None and inner != m.concept else None

    def _coordinated_categories(self, measure: Measure, s: int, e: int,
                                masked: list[tuple[int, int]]) -> None:
        """``人工智能与机器人企业`` names two kinds of enterprise: each conjunct + 企业 that the
        category vocabulary knows is a category of the measure too."""
        if self.gaz is None:
            return
        known = {c.concept for c in measure.categories}
        for m in _COORDINATED.finditer(self.view, s, e):
            if any(a <= m.start() < b for a, b in masked) or _ORGAN_WORD.search(m.group(2)):
                continue  # 工业和信息化局中小企业科: an office of a body, no two kinds
            for g in (1, 2):
                word = m.group(g)  # the first conjunct may carry words before it: 鼓励人工智能
                for k in range(len(word) - 1 if g == 1 else 1):
                    concept = self.gaz.lookup(word[k:] + "企业", "category")
                    if concept:
                        break
                at = m.start(g) + k
                if concept and concept not in known and not recipients.not_supported(
                        self.view, Match(at, m.end(), concept, "category", self.view[at : m.end()])):
                    known.add(concept)
                    measure.categories.append(ConceptRef("category", concept, self.span(at, m.end())))

        # 从事互联网和相关服务业、软件和信息技术服务业经营活动的企业: enterprises of each trade
        for m in _ENGAGED_IN.finditer(self.view, s, e):
            for part in re.finditer(r"[^、，]+业", m.group(1)):
                concept = self.gaz.lookup(part.group(0)[:-1] + "企业", "category")
                if concept and concept not in known:
                    known.add(concept)
                    at = m.start(1) + part.start()
                    measure.categories.append(ConceptRef(
                        "category", concept, self.span(at, at + len(part.group(0)))))

    def _programs(self, s: int, e: int) -> list[ProgramRef]:
        """Named programmes, actions, competitions and platforms in quotes."""
        view = self.view
        out: list[ProgramRef] = []
        quotes = list(_QUOTED.finditer(view, s, e))
        for i, m in enumerate(quotes):
            name = m.group(1).strip()
            if self._is_vocabulary_term(name):
                continue
            # a chain of quotes ("A""B"等…项目) shares the suffix after the last one
            j = i
            while j + 1 < len(quotes) and quotes[j + 1].start() == quotes[j].end():
                j += 1
            after = view[quotes[j].end() : min(e, quotes[j].end() + 12)]
            after = re.sub(r"^等", "", after)
            suffix = _PROGRAM_SUFFIX.match(after)
            chained = re.match(r"^[^，。、；]{0,6}?(项目|专项|行动|计划|工程|大赛|平台)", after) if j > i or (
                view[quotes[j].end() : quotes[j].end() + 1] == "等") else None
            if not (suffix or chained or _PROGRAM_NAME_END.search(name)):
                continue
            end = m.end()
            if j == i and suffix and suffix.group(1) in _NAME_JOINS:
                name = name + suffix.group(1)
                end = m.end() + suffix.end()
            if all(p.name != name for p in out):
                out.append(ProgramRef(name=name, span=self.span(m.start(), end)))
        return out

    def _is_vocabulary_term(self, name: str) -> bool:
        if self.gaz is None:
            return False
        return any(self.gaz.lookup(name, scheme) for scheme in ("instrument", "category"))

    # ------------------------------------------------------------ document clauses

    def document_clauses(self) -> None:
        doc, view = self.doc, self.view
        body_start = self.header_end if self.items else 0
        validity = citations.find_validity(view, body_start, len(view), doc.date_issued)
        if validity is None and self.items:
            validity = citations.find_validity(view, 0, len(view), doc.date_issued)
        if validity is not None:
            doc.valid_from, doc.valid_until = validity.valid_from, validity.valid_until
            doc.validity_span = self.span(validity.start, validity.end)
        pre_start = self.title_end if self.title_end < self.header_end else 0
        # the whole text: the transmittal notice may repeal too (本方案自印发之日起施行，《…》同时废止)
        for cited in citations.find_repeals(view, 0, len(view)):
            if self._is_self(cited):
                continue
            doc.repeals.append(DocRef(self.span(cited.start, cited.end), cited.title, cited.number))
        for cited in citations.find_based_on(view, pre_start, self.header_end):
            if self._is_self(cited):
                continue
            doc.based_on.append(DocRef(self.span(cited.start, cited.end), cited.title, cited.number))
        nc = citations.find_non_cumulative(view, body_start, len(view))
        if nc is not None:
            doc.non_cumulative = self.span(*nc)
        scope = citations.find_scope(view, body_start, len(view))
        if scope is not None:
            doc.scope = self.span(*scope)

    def _is_self(self, cited: citations.Cited) -> bool:
        """A citation of the document itself (its own number, or its title with no number)."""
        if cited.number is not None:
            return cited.number == self.doc.number
        return cited.title == self.doc.title

    def units_from_table(self) -> None:
        """A division-of-labour table (政策任务分工表) gives each measure it names its units,
        matched by the measure's heading, else by its number; a measure naming its own units
        in its text keeps them."""
        if not self.doc.measures:
            return
        for row in unit_table.find_rows(self.view, self.items[-1].start if self.items else 0):
            named = [self._measure_named(text, None) for text in _SEVERAL_ARTICLES.findall(
                re.sub(r"\s+", "", row.measure_text or ""))]  # 第三条、第四条: one row, two
            if len(named) < 2 or None in named:
                named = [self._measure_named(row.measure_text, row.ordinal)]
            for measure in named:
                if measure is None or measure.responsible or measure.cooperating:
                    continue
                measure.responsible, measure.cooperating = units.table_units(
                    self.view, row.cells, self.span, self.prefixes, self.gaz)

    def units_from_ranges(self) -> None:
        """A sentence giving units by item numbers (``第3至5项由A牵头，B配合``) gives each measure
        numbered so in the text — each leaf of an item split into leaves — its units, unless the
        measure names its own."""
        if not self.ranges or len(self.items) != len(self.doc.measures):
            return
        styles = [item.marker.style for item in self.items]
        common = max(styles, key=styles.count)
        numbers = [self._written_number(item, common) for item in self.items]
        found = []
        for r in self.ranges:
            clause = "\n" + self.view[r.start : r.end]  # read as a sentence of its own
            resp, coop, _ = units.responsible_units(
                clause, 1, len(clause), lambda a, b, at=r.start - 1: self.span(a + at, b + at),
                self.prefixes, self.gaz)
            if resp or coop:
                found.append((r, resp, coop))
        # the measure whose text holds such a sentence (三、保障措施) names no unit by it
        holders = [self.span(r.start, r.end) for r, _, _ in found]
        for measure in self.doc.measures:
            measure.responsible = [u for u in measure.responsible if not _span_within(u.span, holders)]
            measure.cooperating = [u for u in measure.cooperating if not _span_within(u.span, holders)]
        for r, resp, coop in found:
            for measure, n in zip(self.doc.measures, numbers, strict=True):
                if r.bracketed and not (measure.marker or "").startswith(("（", "(")):
                    continue  # 第（一）至（三）项 names the （一） items, not 一、总体要求
                if n in r.numbers and not (measure.responsible or measure.cooperating):
                    measure.responsible, measure.cooperating = list(resp), list(coop)

    def _written_number(self, item: numbering.Item, common: str) -> int | None:
        """The number the text gives an item: its own marker's when the marker is in the style
        most items have (``6．``), else, for a leaf of another style (``（1）`` under ``4．``), the
        marker's of the item it was split from (or of the numbered heading grouping it); a leaf
        under a lead-in ending ``：`` (``2.…应当同时符合下列条件：`` over ``（1）–（3）``) always
        takes the lead-in's number."""
        outer = item.parent or item.group
        if outer is None:
            return item.marker.number or None
        if item.group is not None and self.view[item.group[0] : item.group[1]].rstrip().endswith(
                ("：", ":")):
            # a lead-in over its conditions (2.…应当同时符合下列条件：) is the item they belong to
            return numbering.number_at(self.view, item.group[0])
        if item.marker.style == common:
            return item.marker.number or None
        return numbering.number_at(self.view, outer[0])

    def _measure_named(self, text: str | None, ordinal: int | None) -> Measure | None:
        """The measure a table row names: by its marker written alone (``（三）``, ``3.``), else
        by its heading, else by the row's number."""
        key = re.sub(r"\s+", "", text or "")
        marker = key.translate(_HALF_TO_FULL_BRACKETS).rstrip("、.．")
        if marker:
            named = [m for m in self.doc.measures
                     if m.marker and m.marker.rstrip("、.．") == marker]
            if len(named) == 1:
                return named[0]
        if key:
            for m in self.doc.measures:
                heading = re.sub(r"\s+", "", to_simplified(m.heading))
                if heading and (key in heading or heading in key):
                    return m
        return next((m for m in self.doc.measures if m.ordinal == ordinal), None)

    def drop_repeated_offers(self) -> None:
        """A figureless offer (``由市工业和信息化局发放电子券``, a step of the procedure) whose
        instrument the document already offers with figures — the same class, or a subclass of
        the generic ``Voucher`` — adds nothing: it is dropped."""
        figured = {o.instrument_class for m in self.doc.measures for o in m.offers
                   if clauses.has_figures(o)}
        for m in self.doc.measures:
            m.offers = [o for o in m.offers if clauses.has_figures(o) or not (
                o.instrument_class in figured
                or (o.instrument_class == "Voucher" and any(c.endswith("Voucher") for c in figured)))]

    def final_warnings(self) -> None:
        doc = self.doc
        checks = [
            (not doc.measures, "no-measures", "No numbered measures (一、/第一条/（一）/1.) were found."),
            (doc.number is None, "no-number", "No document number (…〔2025〕N号) was found."),
            (doc.date_issued is None, "no-date", "No issue date was found."),
            (doc.title is None, "no-title", "No title was found."),
            (not doc.issuers, "no-issuer", "No issuing organ was found."),
        ]
        for failed, code, message in checks:
            if failed:
                doc.warnings.append(Warning_(code, message))
