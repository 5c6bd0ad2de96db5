"""Gazetteers read from the SKOS vocabularies: the only source of names the loaders match.

Every ``skos:prefLabel``/``altLabel``/``hiddenLabel`` of a concept in ``ontology/vocab/*.ttl``
becomes a surface form. Chinese forms are matched in simplified script (OpenCC t2s), English
forms case-insensitively on word boundaries. Adding a label to a vocabulary extends extraction.

Scheme keys are the last path segment of the scheme IRI ``https://w3id.org/policykg/id/scheme/<key>``
(instrument, category, sector, theme, area, agency, level, period, organization, department-type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import ahocorasick
import opencc
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .namespace import ID, ORG, POL

_T2S = opencc.OpenCC("t2s")
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
_LINKS = {
    "instrumentClass": POL.instrumentClass,
    "jurisdiction": POL.jurisdiction,
    "parent": ORG.subOrganizationOf,
    "within": POL.within,
    "broader": SKOS.broader,
    "areaLevel": POL.areaLevel,
    "exactMatch": SKOS.exactMatch,
}
_ASCII_LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
try:  # the characters re.IGNORECASE equates beyond simple lowercase (ı~i, ſ~s, ς~σ, …)
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python: every non-ASCII cased letter is unsafe
    _EXTRA_CASES = None


def _unsafe_pattern(forms: list[str]) -> re.Pattern[str] | None:
    """The text characters for which ``str.lower()`` would not compare with ``forms`` exactly as
    ``re.IGNORECASE`` does (None: the forms themselves cannot be matched on lowercased text)."""
    joined = "".join(forms)
    folded = joined.lower()
    if len(folded) != len(joined) or "\u03a3" in joined:
        return None  # İ lowercases to two characters, Σ to σ or ς by context
    if _EXTRA_CASES is None:
        return re.compile(r"[^\x00-\x7f\u3000-\u9fff\uff01-\uff20\uff3b-\uff40\uff5b-\uff65]")
    unsafe = {"\u0130"}  # İ: str.lower() gives two characters
    for ch in set(folded):
        unsafe |= {chr(x) for x in _EXTRA_CASES.get(ord(ch), ())}
        if ch in "σς":
            unsafe.add("\u03a3")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(unsafe)) + "]")


def to_simplified(text: str) -> str:
    """Simplified-script view of ``text`` with the same length (OpenCC t2s is char-for-char here)."""
    out = _T2S.convert(text)
    return out if len(out) == len(text) else "".join(_T2S.convert(c) for c in text)


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    """What the vocabularies say about one concept."""

    iri: str
    scheme: str
    labels: dict[str, str]  # prefLabel by language tag (zh-Hans, zh-Hant, en)
    types: tuple[str, ...]  # rdf:type IRIs
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # see _LINKS

    def label(self, lang: str = "zh-Hans") -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)

    def link(self, key: str) -> str | None:
        values = self.links.get(key, ())
        return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Match:
    """A surface form found in a text: offsets into the text searched, and the concept."""

    start: int
    end: int
    concept: str
    scheme: str
    surface: str


class Gazetteer:
    """Surface forms per scheme, matched with one Aho–Corasick automaton per scheme (pyahocorasick);
    the longest-first regular expressions they replace define the result and remain the fallback."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._info: dict[str, ConceptInfo] = {}
        forms: dict[str, dict[str, str]] = {}  # scheme -> surface -> concept
        for concept in sorted(set(graph.subjects(SKOS.inScheme, None))):
            scheme_iri = next(iter(sorted(graph.objects(concept, SKOS.inScheme))))
            scheme = str(scheme_iri).rsplit("/", 1)[-1]
            labels = {}
            for lit in graph.objects(concept, SKOS.prefLabel):
                if isinstance(lit, Literal) and lit.language:
                    labels[lit.language] = str(lit)
            links = {
                key: tuple(sorted(str(o) for o in graph.objects(concept, prop)))
                for key, prop in _LINKS.items()
            }
            types = tuple(sorted(str(t) for t in graph.objects(concept, RDF.type)))
            self._info[str(concept)] = ConceptInfo(str(concept), scheme, labels, types, links)
            table = forms.setdefault(scheme, {})
            for prop in _LABELS:
                for lit in graph.objects(concept, prop):
                    surface = self.normalise(str(lit), getattr(lit, "language", None))
                    if surface:
                        table.setdefault(surface, str(concept))
        self._forms = forms
        self._patterns = {s: self._compile(t) for s, t in forms.items()}
        self._automata = {s: self._automaton(t) for s, t in forms.items()}

    @staticmethod
    def normalise(label: str, lang: str | None) -> str:
        """The form a label is matched in: simplified for Chinese, lowercase for English."""
        label = label.strip()
        if lang and lang.startswith("en"):
            return label.lower()
        return to_simplified(label)

    @staticmethod
    def _compile(table: dict[str, str]) -> re.Pattern[str] | None:
        if not table:
            return None
        parts = []
        for surface in sorted(table, key=lambda s: (-len(s), s)):
            esc = re.escape(surface)
            if surface.isascii():
                esc = rf"(?<![A-Za-z]){esc}(?![A-Za-z])"
            parts.append(esc)
        return re.compile("|".join(parts), re.IGNORECASE)

    @staticmethod
    def _automaton(table: dict[str, str]) -> tuple[ahocorasick.Automaton, re.Pattern[str]] | None:
        """The forms lowercased, each with its length and whether it is ASCII (word-bounded), and
        the text characters that need the regex instead; None when the forms need it always."""
        unsafe = _unsafe_pattern(list(table)) if table else None
        if unsafe is None:
            return None
        automaton = ahocorasick.Automaton()
        for surface in table:
            automaton.add_word(surface.lower(), (len(surface), surface.isascii()))
        automaton.make_automaton()
        return automaton, unsafe

    # ---------------------------------------------------------------- lookup

    def schemes(self) -> list[str]:
        return sorted(self._forms)

    def surfaces(self, scheme: str) -> dict[str, str]:
        """Surface form → concept IRI for one scheme (longest forms first)."""
        table = self._forms.get(scheme, {})
        return {s: table[s] for s in sorted(table, key=lambda s: (-len(s), s))}

    def find_all(self, text: str, scheme: str) -> list[Match]:
        """Non-overlapping longest matches of a scheme's forms in a simplified (or English) text:
        scanning left to right, at each position the longest form that matches there (an ASCII
        form only between non-letters), case-insensitive; the same list as :meth:`_find_all_regex`."""
        compiled = self._automata.get(scheme)
        if compiled is None or compiled[1].search(text):
            return self._find_all_regex(text, scheme)
        starts: dict[int, list[tuple[int, bool]]] = {}
        for end, (length, bounded) in compiled[0].iter(text.lower()):
            starts.setdefault(end - length + 1, []).append((length, bounded))
        table = self._forms[scheme]
        out: list[Match] = []
        free = 0  # the first position not inside an earlier match
        size = len(text)
        for start in sorted(starts):
            if start < free:
                continue
            for length, bounded in sorted(starts[start], reverse=True):
                end = start + length
                if bounded and ((start > 0 and text[start - 1] in _ASCII_LETTER)
                                or (end < size and text[end] in _ASCII_LETTER)):
                    continue
                surface = text[start:end]
                concept = table.get(surface) or table.get(surface.lower())
                if concept:
                    out.append(Match(start, end, concept, scheme, surface))
                free = end
                break
        return out

    def _find_all_regex(self, text: str, scheme: str) -> list[Match]:
        """The reference matcher: one longest-first alternation per scheme (``re``)."""
        pattern = self._patterns.get(scheme)
        if pattern is None:
            return []
        table = self._forms[scheme]
        out = []
        for m in pattern.finditer(text):
            surface = m.group(0)
            concept = table.get(surface) or table.get(surface.lower())
            if concept:
                out.append(Match(m.start(), m.end(), concept, scheme, surface))
        return out

    def lookup(self, surface: str, scheme: str) -> str | None:
        """The concept whose label is exactly ``surface`` (either script, any case), or None."""
        table = self._forms.get(scheme, {})
        return table.get(to_simplified(surface.strip())) or table.get(surface.strip().lower())

    def info(self, concept: str) -> ConceptInfo | None:
        return self._info.get(str(concept))

    def concepts(self, scheme: str) -> list[ConceptInfo]:
        return [i for i in self._info.values() if i.scheme == scheme]

    def narrower_or_self(self, concept: str) -> set[str]:
        """The concept and every concept below it by skos:broader (transitively)."""
        out = {concept}
        frontier = [concept]
        while frontier:
            c = frontier.pop()
            for s in self.graph.subjects(SKOS.broader, URIRef(c)):
                if str(s) not in out:
                    out.add(str(s))
                    frontier.append(str(s))
        return out


def vocabulary_files() -> list:
    """The packaged vocabulary files, sorted by name."""
    folder = resources.files("policykg.ontology") / "vocab"
    return sorted((p for p in folder.iterdir() if p.name.endswith(".ttl")), key=lambda p: p.name)


def ontology_file():
    """The packaged OWL ontology file."""
    return resources.files("policykg.ontology") / "policy.ttl"


@cache
def load_vocabularies() -> Graph:
    """All SKOS vocabularies in one rdflib graph (parsed once per process)."""
    g = Graph()
    for path in vocabulary_files():
        g.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return g


@cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer built from the packaged vocabularies."""
    return Gazetteer(load_vocabularies())


def scheme_iri(key: str) -> URIRef:
    """IRI of a concept scheme from its key (``category`` → ``…/id/scheme/category``)."""
    return ID["scheme/" + key]
