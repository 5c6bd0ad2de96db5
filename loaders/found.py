"""A fact found in the simplified view of a text: its value and the view offsets it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Found:
    """A fact at view offsets ``[start, end)`` with its simplified value (a name, a title…)."""

    value: str
    start: int
    end: int
