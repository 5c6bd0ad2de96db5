"""Which writing system a text is in: traditional or simplified Chinese, English, mixed or unknown.

Han characters are tested one by one with OpenCC: a character that changes under t2s is
traditional-only, one that changes under s2t is simplified-only. Characters common to both scripts
count for neither. Latin letters decide between Chinese and English.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import opencc

from .records import Script

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")

# A script must be this share of the distinctive characters to win; otherwise the text is mixed.
_DOMINANCE = 0.8


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (BMP, extension A, compatibility, extensions B+)."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or ch == "〇"
    )


@lru_cache(maxsize=65536)
def _marks(ch: str) -> tuple[bool, bool]:
    """(traditional-only, simplified-only) for one Han character."""
    return _T2S.convert(ch) != ch, _S2T.convert(ch) != ch


def detect_script(text: str) -> Script:
    """Classify ``text`` as 'zh-Hant', 'zh-Hans', 'en', 'mixed' or 'unknown'.

    Chinese wins over English when Han characters are at least a third of the letters; a Chinese
    text with no distinctive characters either way is reported as 'zh-Hans'. Traditional and
    simplified distinctive characters both above 20% of the distinctive ones give 'mixed', as
    does a text with substantial amounts of both Chinese and English.
    """
    han = trad = simp = latin = 0
    for ch, count in Counter(text).items():  # distinct characters: fast on long texts
        if ch.isascii():
            if ch.isalpha():
                latin += count
            continue
        if is_han(ch):
            han += count
            t, s = _marks(ch)
            trad += t * count
            simp += s * count
    if han == 0:
        return "en" if latin >= 2 else "unknown"
    # English words are ~5 letters, a Chinese word ~1.5 characters: compare in word units
    words_en, words_zh = latin / 5, han / 1.5
    if words_en > 4 * words_zh:
        return "en"
    if words_en > words_zh / 2 and han >= 20 and latin >= 100:
        return "mixed"
    distinctive = trad + simp
    if distinctive == 0:
        return "zh-Hans"
    if trad >= _DOMINANCE * distinctive:
        return "zh-Hant"
    if simp >= _DOMINANCE * distinctive:
        return "zh-Hans"
    return "mixed"
