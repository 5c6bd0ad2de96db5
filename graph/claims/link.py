"""Which official document a report is about, and how its claims compare with that document.

:func:`link_report` finds the document(s) a report is about among the official documents of a
dataset — by number, by title (either script, compared in simplified), by an English title
(bilingual overlap of vocabulary concepts and area names), else by jurisdiction + subject + date
window — and never links a report to a document of another jurisdiction. :func:`check_report`
gives every claim a verdict against the best-linked document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef

from policykg.graph.claims.factcheck import (
    Check,
    OfficialDoc,
    check_claim,
    documents_in,
    official_document,
)
from policykg.loaders.records import Report
from policykg.ontology.gazetteer import Gazetteer, load_gazetteer, to_simplified
from policykg.ontology.namespace import POL

DATE_WINDOW_DAYS = 120
TITLE_SCHEMES = ("area", "sector", "theme", "instrument", "category", "doctype")
_PUNCT = re.compile(r"[\s《》“”\"'‘’「」『』〈〉()（）,，、.。:：;；!！?？·•\-—_]+")
# Words that name the genre of a document (若干政策措施 ↔ several policy measures): grammar of
# document titles, used only to add overlap; the subject of a title comes from the vocabularies.
_GENRE = [
    (re.compile(r"若干(?:政策)?措施"), re.compile(r"several (?:policy )?measures", re.I), "measures"),
    (re.compile(r"行动方案|行动计划"), re.compile(r"action plan", re.I), "action-plan"),
    (re.compile(r"实施方案"), re.compile(r"implementation plan", re.I), "implementation-plan"),
    (re.compile(r"管理办法"), re.compile(r"administrative measures|management measures", re.I), "rules"),
    (re.compile(r"实施意见|指导意见"), re.compile(r"opinions", re.I), "opinions"),
    (re.compile(r"创新发展"), re.compile(r"innovative development|innovation and development", re.I),
     "innovative-development"),
    (re.compile(r"高质量发展"), re.compile(r"high[- ]quality development", re.I), "high-quality-development"),
]


@dataclass(slots=True)
class Link:
    """A report's link to a document: how it was found and how sure it is (0–1)."""

    doc: URIRef
    method: str
    confidence: float
    english_title: str | None = None


@dataclass(slots=True)
class ReportCheck:
    """A report linked and checked: the links, and one :class:`Check` per claim (same order)."""

    links: list[Link]
    checks: list[Check] = field(default_factory=list)
    docs: dict[URIRef, OfficialDoc] = field(default_factory=dict)


# ------------------------------------------------------------------ linking


def _key(title: str) -> str:
    return _PUNCT.sub("", to_simplified(title))


def _strip_area(gaz: Gazetteer, key: str) -> str:
    """A title key without the area names it starts with (广东省推动… → 推动…)."""
    while True:
        matches = [m for m in gaz.find_all(key, "area") if m.start == 0]
        if not matches:
            return key
        key = key[max(m.end for m in matches):]


def _title_concepts(gaz: Gazetteer, title: str) -> set[str]:
    simple = to_simplified(title)
    out = set()
    for scheme in TITLE_SCHEMES:
        out |= {m.concept for m in gaz.find_all(simple, scheme)}
    for zh, en, key in _GENRE:
        if zh.search(simple) or en.search(title):
            out.add("genre:" + key)
    return out


def _areas(gaz: Gazetteer, text: str) -> set[str]:
    return {m.concept for m in gaz.find_all(to_simplified(text), "area")}


def _area_ok(gaz: Gazetteer, report_area: str | None, doc_area: str | None) -> bool:
    """Same jurisdiction (or one of them unknown)."""
    if not report_area or not doc_area:
        return True
    return report_area == doc_area


def _doc_facts(g: Graph, doc: URIRef) -> tuple[list[str], str | None, dt.date | None, str | None]:
    titles = [str(t) for p in (POL.title, POL.noticeTitle) for t in g.objects(doc, p)]
    area = next((str(a) for a in g.objects(doc, POL.jurisdiction)), None)
    issued = next(iter(g.objects(doc, POL.dateIssued)), None)
    number = next((str(n) for n in g.objects(doc, POL.documentNumber)), None)
    day = issued.toPython() if isinstance(issued, Literal) else None
    return titles, area, day if isinstance(day, dt.date) else None, number


def link_report(report: Report, g: Graph | Dataset, gaz: Gazetteer | None = None) -> list[Link]:
    """The documents ``report`` is about, best first (empty when none fits)."""
    gaz = gaz or load_gazetteer()
    docs = documents_in(g)
    facts = {d: _doc_facts(g, d) for d in docs}
    links: dict[URIRef, Link] = {}

    def add(link: Link) -> None:
        old = links.get(link.doc)
        if old is None or link.confidence > old.confidence:
            if old is not None and old.english_title and not link.english_title:
                link.english_title = old.english_title
            links[link.doc] = link
        elif link.english_title and not old.english_title:
            old.english_title = link.english_title

    for ref in report.policy_titles:
        english: list[Link] = []  # one English title names one document: the best match only
        for doc, (titles, area, _, number) in facts.items():
            if ref.number and number and to_simplified(ref.number) == number:
                add(Link(doc, "number", 1.0))
            if not ref.title:
                continue
            quoted = _key(ref.title)
            keys = [_key(t) for t in titles]
            if quoted and quoted in keys:
                add(Link(doc, "title", 0.95))
            elif quoted and _strip_area(gaz, quoted) in {_strip_area(gaz, k) for k in keys} and (
                _area_ok(gaz, report.jurisdiction, area)
            ) and len(_strip_area(gaz, quoted)) >= 6:
                add(Link(doc, "title", 0.9))
            elif ref.title.isascii():
                en = _title_concepts(gaz, ref.title)
                en_areas = _areas(gaz, ref.title)
                if area and area not in en_areas:
                    continue  # the English title does not name the document's jurisdiction
                best = 0.0
                for t in titles:
                    zh = _title_concepts(gaz, t)
                    if en and zh:
                        best = max(best, len(en & zh) / len(en | zh))
                if best >= 0.5 and _area_ok(gaz, report.jurisdiction, area):
                    english.append(Link(doc, "english-title", round(0.5 + 0.4 * best, 2), ref.title))
        top = max((link.confidence for link in english), default=0.0)
        for link in english:
            if link.confidence == top:
                add(link)
    if not links and report.jurisdiction:
        candidates = []
        when = report.policy_date or report.date
        subject = set(report.subject_concepts)
        for doc, (titles, area, issued, _) in facts.items():
            if area != report.jurisdiction or not subject:
                continue
            doc_subject = set()
            for t in titles:
                doc_subject |= _title_concepts(gaz, t)
            for m in g.objects(doc, POL.hasMeasure):
                doc_subject |= {str(c) for p in (POL.theme, POL.targetsSector) for c in g.objects(m, p)}
            overlap = len(subject & doc_subject) / len(subject)
            if overlap < 0.5:
                continue
            if when and issued and not (0 <= (when - issued).days <= DATE_WINDOW_DAYS):
                continue
            conf = 0.4 + 0.3 * overlap + (0.1 if when and issued else 0.0)
            candidates.append((round(conf, 2), doc))
        candidates.sort(key=lambda t: (-t[0], str(t[1])))
        if candidates and (len(candidates) == 1 or candidates[0][0] > candidates[1][0]):
            add(Link(candidates[0][1], "jurisdiction+subject+date", candidates[0][0]))
    return sorted(links.values(), key=lambda link: (-link.confidence, str(link.doc)))


def _union(ds: Graph | Dataset) -> Graph:
    if isinstance(ds, Dataset) and not ds.default_union:
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return ds


def check_report(report: Report, official: Graph | Dataset, gaz: Gazetteer | None = None) -> ReportCheck:
    """Link ``report`` and give every claim a verdict against the best-linked document."""
    gaz = gaz or load_gazetteer()
    g = _union(official)
    links = link_report(report, g, gaz)
    result = ReportCheck(links)
    doc = official_document(g, links[0].doc, gaz) if links else None
    if doc is not None:
        result.docs[doc.node] = doc
    for claim in report.claims:
        if doc is None:
            if claim.about_region:
                result.checks.append(Check("Unverified", "about the region, not a measure"))
            else:
                result.checks.append(Check(
                    "Unverified",
                    "no official text in the corpus to compare with"
                    + ("; the figure is attested only by this report" if report.reported_policy else ""),
                ))
        else:
            result.checks.append(check_claim(claim, doc, report.source.text, gaz))
    return result
