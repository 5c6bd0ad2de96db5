"""Content negotiation by the ``Accept`` header (RFC 9110 §12.5.1) among the variants of
:data:`formats.VARIANTS`: the rule ``policykg serve --site`` applies, and the one the nginx
configuration's script (``conneg.js``, :mod:`conneg`) applies in the same way.

Contract: each variant gets the quality of the most specific media range that matches the
media type it is served as (``text/turtle`` before ``text/*`` before ``*/*``; parameters other
than ``q`` are ignored), or of a range naming one of its aliases exactly
(``application/json``, ``application/x-turtle``: wildcards do not reach aliases); the variant with the highest quality above 0 wins, ties going to the earlier
variant (HTML, Turtle, JSON-LD, RDF/XML, N-Triples). No or an empty ``Accept`` means HTML.
``None`` means nothing acceptable can be served (406).
"""

from __future__ import annotations

import re

from policykg.graph.publish.formats import VARIANTS

QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")  # RFC 9110 §12.4.2

Range = tuple[str, str, float]  # type, subtype, quality


def parse_accept(header: str) -> list[Range]:
    """The media ranges of an ``Accept`` header, lower-cased; a ``q`` that is not an RFC 9110
    qvalue (0 to 1, three decimals at most) counts as 1; a range that is not ``type/subtype``
    is dropped."""
    ranges: list[Range] = []
    for item in header.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                q = float(value) if QVALUE.fullmatch(value) else 1.0
        ranges.append((kind.strip(), sub.strip(), q))
    return ranges


def quality(media_type: str, ranges: list[Range], wildcards: bool = True) -> float:
    """The quality ``ranges`` give ``media_type``: that of the most specific matching range
    (the highest among equally specific ones; only exact ones unless ``wildcards``), 0 when
    none matches."""
    kind, _, sub = media_type.partition("/")
    best, best_rank = 0.0, -1
    for rk, rs, q in ranges:
        if rk == kind and rs == sub:
            rank = 2
        elif not wildcards:
            continue
        elif rk == kind and rs == "*":
            rank = 1
        elif rk == "*" and rs == "*":
            rank = 0
        else:
            continue
        if rank > best_rank or (rank == best_rank and q > best):
            best, best_rank = q, rank
    return best


def choose(accept: str | None) -> str | None:
    """The suffix of the variant to serve for ``accept`` (``.html``, ``.ttl``…), or None (406)."""
    if accept is None or not accept.strip():
        return VARIANTS[0].suffix
    ranges = parse_accept(accept)
    if not ranges:
        return VARIANTS[0].suffix
    best, winner = 0.0, None
    for v in VARIANTS:
        q = max(quality(m, ranges, i == 0) for i, m in enumerate(v.media_types))
        if q > best:
            best, winner = q, v.suffix
    return winner
