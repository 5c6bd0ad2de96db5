"""The language of the labels a catalog query shows beside its IRIs (``--lang zh|en``).

Contract: the catalog's queries pick labels, titles and headings with
``langMatches(lang(?x), "zh-Hans")``; :func:`with_language` rewrites exactly those filters to the
chosen tag (``zh`` → ``zh-Hans``, ``zh-Hant``, ``en``) and leaves every other part of the text as
it is, so a label missing in that language is simply empty. An unknown choice is a ValueError.
"""

from __future__ import annotations

import re

LANGUAGES = {"zh": "zh-Hans", "zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "en": "en"}
_FILTER = re.compile(r'(langMatches\(\s*lang\(\s*\?\w+\s*\)\s*,\s*)"zh-Hans"(\s*\))')


def with_language(text: str, lang: str) -> str:
    """``text`` with its zh-Hans label filters asking for ``lang`` instead."""
    if lang not in LANGUAGES:
        raise ValueError(f"--lang {lang!r}: choose one of {', '.join(sorted(LANGUAGES))}.")
    tag = LANGUAGES[lang]
    return _FILTER.sub(lambda m: f'{m.group(1)}"{tag}"{m.group(2)}', text)
