"""Vocabulary matches over a whole document, indexed by position for range look-ups.

The gazetteer returns each scheme's matches sorted and non-overlapping; looking up the
matches inside one measure is then a binary search, so a document of many provisions stays
linear instead of scanning every match once per provision.
"""

from __future__ import annotations

from bisect import bisect_left

from ..ontology.gazetteer import Match


class MatchIndex(dict[str, list[Match]]):
    """``scheme → matches`` (sorted by start) with :meth:`within` for a range of the view."""

    def __init__(self, by_scheme: dict[str, list[Match]] | None = None) -> None:
        super().__init__(by_scheme or {})
        self._starts: dict[str, list[int]] = {}

    def within(self, scheme: str, s: int, e: int) -> list[Match]:
        """The matches of ``scheme`` that lie wholly inside ``[s, e)``."""
        found = self.get(scheme)
        if not found:
            return []
        starts = self._starts.get(scheme)
        if starts is None or len(starts) != len(found):
            starts = self._starts[scheme] = [m.start for m in found]
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        if i == j:
            return []
        return [m for m in found[i:j] if m.end <= e]
