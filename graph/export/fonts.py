"""A CJK font for the figures, so Chinese labels draw as glyphs and not as empty boxes.

Matplotlib ships only Latin fonts (DejaVu). The figures look, in this order, for:

1. the file named by ``POLICYKG_CJK_FONT`` (any .ttf, .otf or .ttc);
2. Noto Sans CJK from the pip package ``noto-cjk-sans-otc`` (SIL OFL; pulled in by
   ``pip install -e '.[notebook]'``), its Simplified Chinese face;
3. Debian's ``fonts-droid-fallback`` (``DroidSansFallbackFull.ttf``) and ``fonts-noto-cjk``.

The first one found is registered with matplotlib's font manager (nothing is installed in the
system). When none is found, one warning says so, once per process, and labels fall back to
DejaVu Sans.
"""

from __future__ import annotations

import functools
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

ENV = "POLICYKG_CJK_FONT"
LATIN = "DejaVu Sans"  # matplotlib's own font, for any glyph the CJK font lacks
DEBIAN = (
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), "fonts-droid-fallback"),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), "fonts-noto-cjk"),
)
MISSING = ("no CJK font was found, so Chinese labels in the figures will show as empty boxes; "
           "install one with `pip install noto-cjk-sans-otc` (or Debian's fonts-droid-fallback), "
           f"or name a font file in {ENV}.")


@dataclass(frozen=True)
class CJKFont:
    """A registered font: the family name matplotlib knows it by, its file, where it came from."""

    family: str
    path: Path
    source: str


def candidates() -> list[tuple[Path, str]]:
    """Font files to try, best first (see the module docstring)."""
    found: list[tuple[Path, str]] = []
    if os.environ.get(ENV):
        found.append((Path(os.environ[ENV]), ENV))
    try:
        import noto_cjk_sans_otc
    except ImportError:
        pass
    else:
        found.append((Path(str(noto_cjk_sans_otc.FONT_PATH)), "noto-cjk-sans-otc"))
    found.extend(DEBIAN)
    return found


def find_cjk_font(options: list[tuple[Path, str]] | None = None) -> CJKFont | None:
    """Register the first usable font of ``options`` (default :func:`candidates`); ``None`` if
    there is none. Warns nothing: :func:`cjk_font` does, once."""
    for path, source in candidates() if options is None else options:
        if path.is_file():
            family = _register(path)
            if family:
                return CJKFont(family, path, source)
    return None


@functools.cache
def cjk_font() -> CJKFont | None:
    """The CJK font of this process (found and registered on first use; warns once if none)."""
    font = find_cjk_font()
    if font is None:
        warnings.warn(MISSING, UserWarning, stacklevel=2)
    return font


def font_family() -> list[str]:
    """The ``font.family`` list for a figure: the CJK font first when there is one, then
    DejaVu Sans (matplotlib falls back glyph by glyph along the list)."""
    font = cjk_font()
    return [font.family, LATIN] if font else [LATIN]


def _register(path: Path) -> str | None:
    """Add ``path`` to matplotlib's font manager (once) and return the family to ask for: the
    Simplified Chinese face of a collection, else its first proportional face."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    real = os.path.realpath(path)

    def names() -> list[str]:
        return [e.name for e in manager.ttflist if os.path.realpath(e.fname) == real]

    if not names():
        try:
            manager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):  # not a font file matplotlib can read
            return None
    known = names()
    if not known:
        return None
    for want in ("CJK SC", "SC", "CJK", ""):
        for name in known:
            if want in name and "Mono" not in name:
                return name
    return known[0]
