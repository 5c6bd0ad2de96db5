"""Document numbers as people type them, turned into the form the graph stores.

Contract: :func:`normalise_document_number` maps any spelling of a Chinese document number to the
stored one (``pol:documentNumber``: simplified script, the year in 〔〕, no spaces, ending in 号):
traditional script becomes simplified, full-width digits and letters become ASCII, every space
(ASCII, ideographic, non-breaking) goes, the year's brackets ``[] 【】 ［］ () （） 〔〕 〈〉 《》 {}``
become 〔〕, and a number ending in a digit gets its 号. Text that holds no bracketed four-digit year
is only cleaned of spaces and script, so other identifiers pass through unharmed.
"""

from __future__ import annotations

import re
import unicodedata

_YEAR = re.compile(r"[\[【［(（〔〈《{｛]\s*((?:19|20)\d{2})\s*[\]】］)）〕〉》}｝]")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")


def _ascii(char: str) -> str:
    """A full-width digit or letter as ASCII; anything else (１ → 1, but 〔 stays) unchanged."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded.isascii() and folded.isalnum() else char


def normalise_document_number(text: str) -> str:
    """The stored form of a document number typed in any script, bracket form or spacing."""
    from policykg.ontology.gazetteer import to_simplified

    out = _SPACE.sub("", to_simplified(text))
    out = "".join(_ascii(c) for c in out)
    if not _YEAR.search(out):
        return out
    out = _YEAR.sub(r"〔\1〕", out, count=1)
    return out + "号" if out[-1:].isdigit() else out
