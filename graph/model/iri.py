"""Deterministic, readable instance IRIs (DESIGN §2, docs/model.md): same input → same IRI.

An IRI never depends on a file name or on run order. Han text becomes hyphen-joined pinyin
(pypinyin phrase mode, so polyphonic characters take their reading in context), ASCII words
are lower-cased, everything else becomes a hyphen; only ``[a-z0-9-]`` and ``/`` appear in paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from rdflib import URIRef

from policykg.ontology.gazetteer import to_simplified
from policykg.ontology.namespace import ID

MAX_SLUG = 60
_NON_SAFE = re.compile(r"[^a-z0-9]+")
_DOC_NUMBER = re.compile(
    r"^\s*(?P<prefix>.*?)\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*(?P<n>\d+)\s*[号號]?\s*$"
)


@lru_cache(maxsize=8192)
def slug(text: str, max_len: int = MAX_SLUG) -> str:
    """Pinyin/ASCII slug of ``text``: lowercase, hyphen-joined, at most ``max_len`` characters.

    Cut at a hyphen boundary when too long, with 6 hex digits of the text's hash appended, so
    two long texts that begin alike (two rules of one standing committee) never share a slug.
    A text with nothing sluggable gets ``h-<hash>``.
    """
    simplified = to_simplified(text or "").replace("陕西", " shaanxi ")  # 陕西 ≠ 山西 (shanxi)
    parts = lazy_pinyin(simplified, style=Style.NORMAL, errors="default")
    words: list[str] = []
    for part in parts:
        words.extend(w for w in _NON_SAFE.split(part.lower()) if w)
    out = "-".join(words)
    if len(out) > max_len:  # cut, and keep two long texts sharing a beginning apart
        digest = hashlib.sha256(simplified.encode("utf-8")).hexdigest()[:6]
        cut = out[: max_len - 6]
        out = cut[: cut.rfind("-")] if "-" in cut else cut
        out = out.strip("-") + "-" + digest
    if not out:
        out = "h-" + hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:12]
    return out


# A document-number prefix starts with a place abbreviation (长 for 长沙, 厦 for 厦门): read a
# polyphonic first character as the place name reads it, not as the word it starts (长政 ≠ zhang).
_PLACE_READING = {
    "长": "chang", "厦": "xia", "重": "chong", "乐": "le", "六": "lu", "蚌": "beng",
    "单": "shan", "番": "pan", "莘": "shen", "朝": "chao", "大": "da", "会": "hui",
}


def prefix_slug(prefix: str) -> str:
    """Slug of a document-number prefix, its first character read as a place abbreviation."""
    simplified = to_simplified(prefix).strip()
    first = simplified[:1]
    if first in _PLACE_READING:
        rest = slug(simplified[1:]) if simplified[1:] else ""
        rest = "" if rest.startswith("h-") else rest
        return "-".join(p for p in (_PLACE_READING[first], rest) if p)
    return slug(simplified)


def parse_document_number(number: str) -> tuple[str, int, int] | None:
    """Split ``粤府办〔2025〕6号`` into (prefix, year, serial), or None when it does not fit."""
    m = _DOC_NUMBER.match(to_simplified(number or ""))
    if not m or not m.group("prefix"):
        return None
    return m.group("prefix"), int(m.group("year")), int(m.group("n"))


def _path(iri: URIRef) -> str:
    text = str(iri)
    return text[len(str(ID)) :] if text.startswith(str(ID)) else slug(text)


def document_iri(number: str | None = None, title: str | None = None,
                 date: dt.date | None = None, source_sha: str | None = None) -> URIRef:
    """A document's IRI from its number (``doc/<year>/<prefix slug>-<n>``), else its title.

    A title names many versions (a regulation amended in 2010 and 2020), so a loaded document
    known by its title alone adds its date (``doc/title/<slug>/<YYYY-MM-DD>``) or, undated, the
    first 8 hex digits of its source's SHA-256 (``doc/title/<slug>/<sha8>``): two different
    sources never share an IRI, the same text always gets the same one. A citation by title
    (no date, no source) keeps ``doc/title/<slug>``."""
    if number:
        parsed = parse_document_number(number)
        if parsed:
            prefix, year, n = parsed
            return ID[f"doc/{year}/{prefix_slug(prefix)}-{n}"]
        return ID[f"doc/number/{slug(number)}"]
    if title:
        base = f"doc/title/{slug(title)}"
        if date is not None:
            return ID[f"{base}/{date.isoformat()}"]
        if source_sha:
            return ID[f"{base}/{source_sha.lower()[:8]}"]
        return ID[base]
    raise ValueError("a document IRI needs a number or a title")


def measure_iri(doc: URIRef, ordinal: int) -> URIRef:
    """``<doc>/measure/<ordinal>``."""
    return URIRef(f"{doc}/measure/{int(ordinal)}")


def instrument_iri(measure: URIRef, n: int) -> URIRef:
    """``<measure>/instrument/<n>`` with n = 1.. in text order."""
    return URIRef(f"{measure}/instrument/{int(n)}")


def agency_iri(simplified_name: str) -> URIRef:
    """``agency/<slug of the full simplified name>`` (used when the vocabulary lacks it)."""
    return ID[f"agency/{slug(simplified_name)}"]


def organization_iri(name: str) -> URIRef:
    """``organization/<slug>`` for a non-agency organisation missing from the vocabulary."""
    return ID[f"organization/{slug(name)}"]


def area_iri(area_slug: str) -> URIRef:
    """``area/<slug>``."""
    return ID[f"area/{slug(area_slug)}"]


def concept_iri(scheme: str, label: str) -> URIRef:
    """``concept/<scheme>/<slug>``."""
    return ID[f"concept/{slug(scheme)}/{slug(label)}"]


def program_iri(name: str) -> URIRef:
    """``program/<slug of the simplified name>``."""
    return ID[f"program/{slug(name)}"]


def report_iri(date: dt.date | None, title: str | None) -> URIRef:
    """``report/<YYYY-MM-DD or undated>/<slug of title>``."""
    day = date.isoformat() if date else "undated"
    return ID[f"report/{day}/{slug(title or 'untitled')}"]


def claim_iri(report: URIRef, n: int) -> URIRef:
    """``<report>/claim/<n>``."""
    return URIRef(f"{report}/claim/{int(n)}")


def source_iri(sha256: str) -> URIRef:
    """``source/<first 16 hex digits of the file's sha256>``."""
    digest = sha256.lower()
    if not re.fullmatch(r"[0-9a-f]{16,64}", digest):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return ID[f"source/{digest[:16]}"]


def source_key(sha256: str) -> str:
    """The 16-hex short id of a source, as used in ``source/…`` and shared evidence IRIs."""
    return sha256.lower()[:16]


def graph_iri(main_node: URIRef) -> URIRef:
    """Named graph of a source: ``graph/<path of its main node>``."""
    return ID[f"graph/{_path(main_node)}"]


def evidence_iri(node: URIRef, start: int, end: int, source: str | None = None) -> URIRef:
    """``<node>/evidence/<start>-<end>``; nodes shared by sources add ``<source16>/`` first."""
    if source:
        return URIRef(f"{node}/evidence/{source_key(source)}/{int(start)}-{int(end)}")
    return URIRef(f"{node}/evidence/{int(start)}-{int(end)}")


VOCAB_GRAPH = ID["graph/vocab"]
