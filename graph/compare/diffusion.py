"""Diffusion along a similarity link: which document came first, how long after, at which
administrative levels, and what changed in the offer.

Contract: :func:`diffuse` takes the two measures of a link and their documents and returns a
:class:`Diffusion`. The leader is the measure whose document was issued first; on the same day,
or with a date unknown, neither leads (``leader`` None) and levels are given in link order.
"What changed" is read from leader to follower: the largest per-recipient cap up, down or the
same, and the enterprise categories added or removed. ``versions`` is true when one document
repealed the other: the link is then a measure-by-measure diff of two versions of one policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from policykg.graph.compare.profile import DocumentInfo, MeasureProfile


@dataclass(frozen=True, slots=True)
class Diffusion:
    """The direction and the change along one link."""

    leader: MeasureProfile | None
    follower: MeasureProfile | None
    lag_days: int | None
    levels: tuple[str | None, str | None]
    amount_change: str | None
    added: frozenset[URIRef]
    removed: frozenset[URIRef]
    versions: bool


def _change(before, after) -> str | None:
    if not before or not after:
        return None
    return "up" if after > before else "down" if after < before else "same"


def diffuse(a: MeasureProfile, b: MeasureProfile, docs: dict[URIRef, DocumentInfo]) -> Diffusion:
    """What the link from ``a`` to ``b`` (in link order) says about diffusion."""
    da, db = docs[a.doc], docs[b.doc]
    versions = b.doc in da.repeals or a.doc in db.repeals
    if da.issued is None or db.issued is None or da.issued == db.issued:
        return Diffusion(None, None, None, (da.level, db.level), None, frozenset(), frozenset(),
                         versions)
    (lead, dl), (follow, df) = sorted(((a, da), (b, db)), key=lambda x: x[1].issued)
    return Diffusion(lead, follow, (df.issued - dl.issued).days, (dl.level, df.level),
                     _change(lead.max_amount, follow.max_amount),
                     follow.categories - lead.categories, lead.categories - follow.categories,
                     versions)
