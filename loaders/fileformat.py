"""Which reader a file needs — PDF, Word, OFD, Markdown or plain text/HTML — from its bytes
first and its name second, and what every non-text reader returns (:class:`Extracted`).

The content decides where it can: a file starting with ``%PDF-`` is a PDF whatever it is called
(a ``.pdf`` may have up to 1 kB of junk before it, as readers allow), a zip holding
``word/document.xml`` is a Word file, one holding ``OFD.xml`` an OFD file, an OLE compound file
(``.doc``/``.wps``) or RTF a legacy word-processor file. A ``.doc`` that is really a web page or
text (sites often serve those) is read as text. A ``.pdf``/``.docx``/``.ofd`` whose bytes are
not of that kind is an error, not text.
"""

from __future__ import annotations

import io
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from .records import Warning_

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OFD = "application/ofd"
MARKDOWN = "text/markdown"
LEGACY_WORD = "application/msword"

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FormatError(Exception):
    """A file of a known format that cannot be read; ``str()`` is one sentence."""


@dataclass(slots=True)
class Extracted:
    """What a format reader gives the source: the text all spans will point into, and its
    provenance (media type, reader, page starts, declared metadata, warnings)."""

    text: str
    media_type: str
    reader: str
    pages: list[tuple[int, int]] | None = None
    metadata: dict[str, str] | None = None
    warnings: list[Warning_] = field(default_factory=list)
    boxes: array | None = None  # paged formats: 4 floats per character (NaN: no box)


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n.lower().lstrip("/") for n in archive.namelist()}
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        return set()


def detect_format(data: bytes, name: str) -> str:
    """The media type of the reader ``data`` needs: :data:`PDF`, :data:`DOCX`, :data:`OFD`,
    :data:`LEGACY_WORD`, :data:`MARKDOWN` or ``text/plain`` (text and HTML); raise
    :class:`FormatError` when the name promises a format the bytes do not have."""
    suffix = Path(name).suffix.lower()
    if data.lstrip()[:5] == b"%PDF-" or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if "word/document.xml" in names:
            return DOCX
        if "ofd.xml" in names:
            return OFD
        kind = "a damaged zip archive" if not names else "a zip archive"
        raise FormatError(f"{name} is {kind}, not a Word (.docx), OFD or text document.")
    if data.startswith(_OLE) or data.lstrip()[:5] == b"{\\rtf":
        return LEGACY_WORD
    if suffix == ".pdf":
        raise FormatError(f"{name} is not a PDF file (it does not start with %PDF-): it is "
                          "damaged, or something else saved under a .pdf name.")
    if suffix in (".docx", ".ofd"):
        kind = "a Word (.docx)" if suffix == ".docx" else "an OFD"
        raise FormatError(f"{name} is not {kind} file (it is not a zip archive): it is "
                          f"damaged, or something else saved under a {suffix} name.")
    if suffix in MARKDOWN_SUFFIXES:
        return MARKDOWN
    return "text/plain"  # .txt, .html and a .doc that is a web page or text


def not_a_document(name: str) -> str | None:
    """Why a file found in a source folder is no source (a ``README``, whatever its suffix,
    describes the folder), or None for a file to read."""
    if Path(name).stem.lower() == "readme":
        return f"{Path(name).name} describes its folder; it is not a policy document"
    return None
