""""Did you mean": the names nearest to one a user typed that matches nothing.

Contract: :func:`nearest` ranks candidate names by closeness to the typed text (compared in
simplified script and lower case: difflib's ratio, a candidate containing the text or contained
in it first) and returns at most ``n`` of them, most alike first, ties by name; nothing when no
candidate is even loosely alike. :func:`concept_names` lists the labels of one vocabulary scheme
(the packaged vocabularies and the store's own, preferred labels in zh-Hans and en). :func:`did_you_mean` is the
sentence's tail: `` Did you mean: A, B?`` or empty.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from policykg.store.base import QueryError, Store

_STORE_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?l WHERE {
  GRAPH ?g { ?c skos:inScheme ?scheme ; skos:prefLabel ?l }
  FILTER(STRENDS(STR(?scheme), "/SCHEME"))
  FILTER(langMatches(lang(?l), "zh-Hans") || langMatches(lang(?l), "en"))
} ORDER BY ?l"""


def _key(text: str) -> str:
    from policykg.ontology.gazetteer import to_simplified

    return "".join(to_simplified(text).lower().split())


def nearest(typed: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.4) -> list[str]:
    """At most ``n`` candidates most like ``typed`` (see the module docstring)."""
    want = _key(typed)
    scored = []
    for name in set(candidates):
        have = _key(name)
        if not have or not want:
            continue
        score = difflib.SequenceMatcher(None, want, have).ratio()
        if want in have or have in want:
            score += 1
        if score >= cutoff:
            scored.append((-score, name))
    return [name for _, name in sorted(scored)[:n]]


def concept_names(scheme: str, store: Store | None = None) -> list[str]:
    """The zh-Hans and English labels of the concepts of a vocabulary scheme: the packaged
    vocabularies' preferred labels, and the labels the ``store``'s own concepts of the scheme
    carry (a graph may bring a vocabulary of its own)."""
    from policykg.ontology.gazetteer import load_gazetteer

    names: set[str] = set()
    try:
        names.update(label for info in load_gazetteer().concepts(scheme)
                     for lang, label in info.labels.items() if lang in ("zh-Hans", "en"))
    except Exception:  # noqa: BLE001 - a broken vocabulary suggests nothing
        pass
    if store is not None and re.fullmatch(r"[A-Za-z][\w-]*", scheme):
        sparql = _STORE_LABELS.replace("SCHEME", scheme)
        try:
            names.update(str(r["l"]) for r in store.query(sparql, timeout=30, limit=5000))
        except QueryError:
            pass
    return sorted(names)


def did_you_mean(names: list[str]) -> str:
    """`` Did you mean: A, B?`` for a non-empty list, else an empty string."""
    return f" Did you mean: {', '.join(names)}?" if names else ""
