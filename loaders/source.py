"""Read one input file into a :class:`~policykg.loaders.records.Source`: bytes → decoded text.

Decoding order: a byte-order mark decides (``utf-8-sig``, ``utf-16``); NUL bytes mean UTF-16
without BOM or binary; then strict UTF-8; then,
for bytes that are not UTF-8, GB18030 and Big5 (and an encoding an HTML page declares, and
charset-normalizer's guess) compete and the decoding with the most common Chinese characters and
the fewest replacement/odd characters wins — charset-normalizer alone misjudges short Chinese
texts; UTF-8 with a handful of broken sequences (replaced by U+FFFD) competes too. A winner
with more than 20% odd characters (control, private-use, kana, Hangul…) is rejected as not
text. Recorded encodings are normalised: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``,
``utf-16-be`` (no BOM), ``gb18030`` (also for GBK/GB2312), ``big5`` (also cp950/HKSCS),
``cp1252`` (Western European text), or charset-normalizer's name for anything else.

HTML (content that looks like markup, or a ``.html``/``.htm``/``.xhtml`` file with any tag in it;
an "HTML" file without a single tag is plain text) is reduced to text by
:func:`loaders.html.html_to_text`; ``Source.text`` is then that text (media type ``text/html``)
and every span points into it. ``sha256`` and ``size`` always describe the raw bytes.

Other formats have one reader each, chosen by :func:`loaders.fileformat.detect_format` (bytes
first, then the name): PDF (:mod:`loaders.pdf`), Word ``.docx`` (:mod:`loaders.docx`; ``.doc``/
``.wps`` through LibreOffice when installed), OFD (:mod:`loaders.ofd`), Markdown
(:mod:`loaders.markdown`, decoded like text first). Each gives the text the loaders parse
unchanged, so every span points into ``Source.text`` whatever the format; ``Source`` records the
reader (``reader``), where each page starts (``pages``), the file's own metadata (``metadata``)
and what reading noticed (``warnings``). Binary formats have no ``encoding`` (empty string).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .columns import unmerge_columns
from .fileformat import (
    DOCX,
    LEGACY_WORD,
    MARKDOWN,
    OFD,
    PDF,
    Extracted,
    FormatError,
    detect_format,
)
from .html import html_to_text, looks_like_html
from .markdown import read_markdown
from .provenance import ProvenanceError, read_provenance
from .records import Source
from .script import detect_script, is_han
from .tables import text_tables

MAX_BYTES: int = 20_000_000

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_NAMES = {
    "utf_8": "utf-8",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf_8_sig": "utf-8-sig",
    "utf-8-sig": "utf-8-sig",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "big5-hkscs": "big5",
    "utf_16": "utf-16",
    "utf-16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "ascii": "utf-8",
    "cp1252": "cp1252",
    "latin_1": "latin-1",
    "iso8859_1": "latin-1",
}
_SAMPLE = 100_000  # characters per sample when judging a long decoding
_MAX_ODD = 0.2  # a decoding with more odd characters than this is rejected
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class SourceError(Exception):
    """A file that cannot be read or decoded. ``stage`` is 'read' or 'decode'; str() is one sentence."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


def normalise_encoding(name: str) -> str:
    """The recorded name of a codec: ``utf-8``, ``gb18030``, ``big5``… (lowercase otherwise)."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        canonical = name
    key = canonical.lower().replace("-", "_")
    return _NAMES.get(key, _NAMES.get(canonical.lower(), canonical.lower()))


@lru_cache(maxsize=65536)
def _common_han(ch: str) -> bool:
    """A frequent Han character: GB2312 level 1 or Big5 frequent-character block."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


_CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—·　～")


def _odd(ch: str) -> bool:
    """A character unlikely in a Chinese/English document: typical of a wrong decoding."""
    if ch == "\ufffd":
        return True
    cat = unicodedata.category(ch)
    if cat in ("Co", "Cn", "Cc", "Cs", "Cf") and ch not in "\t\n\r\f\v":
        return True
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # kana
        or 0xFF61 <= o <= 0xFF9F  # half-width katakana
        or 0x2500 <= o <= 0x257F  # box drawing
        or 0xAC00 <= o <= 0xD7A3  # Hangul syllables
        or 0x1100 <= o <= 0x11FF
        or 0x0400 <= o <= 0x052F  # Cyrillic
        or 0x0370 <= o <= 0x03FF  # Greek
        or 0x0590 <= o <= 0x06FF  # Hebrew, Arabic
        or 0x0E00 <= o <= 0x0E7F  # Thai
        or 0xFB50 <= o <= 0xFDFF  # Arabic presentation forms
        or 0xFE70 <= o <= 0xFEFE
        or 0xE000 <= o <= 0xF8FF
    )


def _score(text: str) -> float:
    """Plausibility of a decoding as Chinese/Latin text: common Han chars count, oddities cost.

    Long texts are judged on a sample (start, middle and end) to keep decoding linear and fast.
    """
    if len(text) > 3 * _SAMPLE:
        mid = len(text) // 2
        text = text[:_SAMPLE] + text[mid : mid + _SAMPLE] + text[-_SAMPLE:]
    score = 0.0
    for ch in text:
        if ch.isascii():
            continue
        if is_han(ch):
            score += 1 if _common_han(ch) else -1
        elif ch in _CJK_PUNCT:
            score += 0.5
        elif _odd(ch):
            score -= 10 if ch == "\ufffd" else 3
    return score


def _odd_share(text: str) -> float:
    sample = text[:65536]
    return sum(1 for ch in sample if not ch.isascii() and _odd(ch)) / max(len(sample), 1)


_BOX_DRAWING = re.compile("[\u2500-\u257f]")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _is_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return controls > 0.05 * max(len(sample), 1)


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode ``data`` → (text, normalised encoding); raise :class:`SourceError` ('decode')."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig")
        if text is None:
            raise SourceError(
                "decode", f"{name} starts with a UTF-8 byte-order mark but is not valid UTF-8."
            )
        return text, "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        text = _strict(data, "utf-16")
        if text is None:
            raise SourceError(
                "decode", f"{name} starts with a UTF-16 byte-order mark but is not valid UTF-16."
            )
        return text, "utf-16"
    if b"\x00" in data:
        decodings = {c: _strict(data, c) for c in ("utf-16-le", "utf-16-be")}
        fine = {c: t for c, t in decodings.items() if t is not None and not _is_binary(t)}
        if fine:
            codec = max(fine, key=lambda c: _score(fine[c]))
            if _odd_share(fine[codec]) <= _MAX_ODD:
                return fine[codec], codec
        raise SourceError(
            "decode", f"{name} looks like a binary file (it contains NUL bytes), not text."
        )
    candidates: dict[str, str] = {}
    text = _strict(data, "utf-8")
    if text is not None:
        # box drawing (┌─┬─┐, a table drawn in a text file) is mojibake in a wrong decoding, but
        # valid UTF-8 holding it has it on purpose: it is judged without it
        judged = _BOX_DRAWING.sub("", text)
        if _odd_share(judged) == 0 and _score(judged) >= 0:
            return text, "utf-8"
        candidates["utf-8"] = text  # valid but odd (short GBK can be valid UTF-8): compete

    declared = _declared_charset(data)
    for codec in filter(None, (declared, "gb18030", "big5", "cp950", "big5hkscs", "cp1252")):
        decoded = _strict(data, codec)
        if decoded is not None:
            candidates.setdefault(normalise_encoding(codec), decoded)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - detection is best effort
        best = None
    if best is not None and best.encoding:
        enc = normalise_encoding(best.encoding)
        if enc not in candidates:
            decoded = _strict(data, best.encoding)
            if decoded is not None:
                candidates[enc] = decoded
    # UTF-8 with a few broken sequences (a truncated download, one bad byte) is still UTF-8
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(3, len(lenient) // 1000):
        candidates.setdefault("utf-8", lenient)
    if not candidates:
        # last resort: lenient decoding, accepted only with few replacement characters
        for codec in ("gb18030", "big5"):
            decoded = data.decode(codec, errors="replace")
            if decoded.count("\ufffd") <= max(2, len(decoded) // 200):
                candidates[normalise_encoding(codec)] = decoded
    if not candidates:
        raise SourceError(
            "decode",
            f"{name} is not text in any supported encoding (UTF-8, UTF-16, GB18030, Big5).",
        )
    order = list(candidates)
    # ties go to the declared charset, then GB18030, then Big5 (insertion order)
    enc = max(order, key=lambda e: (_score(candidates[e]), -order.index(e)))
    if _odd_share(candidates[enc]) > _MAX_ODD:
        raise SourceError(
            "decode",
            f"{name} is not text in any supported encoding (UTF-8, UTF-16, GB18030, Big5).",
        )
    return candidates[enc], enc


def _extract(kind: str, data: bytes, name: str) -> Extracted:
    """Run the reader of a non-text format; its errors become :class:`SourceError` ('read')."""
    try:
        if kind == PDF:
            from .pdf import read_pdf

            return read_pdf(data, name)
        if kind == DOCX:
            from .docx import read_docx

            return read_docx(data, name)
        if kind == LEGACY_WORD:
            from .docx import read_legacy_word

            return read_legacy_word(data, name)
        from .ofd import read_ofd

        return read_ofd(data, name)
    except FormatError as err:
        raise SourceError("read", " ".join(str(err).split())) from None
    except Exception as err:  # noqa: BLE001 - a reader's own bug on a strange file
        reason = " ".join(str(err).split())
        raise SourceError("read", f"{name} could not be read as {kind} "
                                  f"({type(err).__name__}: {reason}).") from None


def source_from_bytes(data: bytes, name: str, path: str = "") -> Source:
    """A :class:`Source` for raw ``data`` (PDF, Word, OFD, Markdown and HTML reduced to text);
    raise :class:`SourceError`."""
    if not data or not data.strip(b" \t\r\n\x0b\x0c"):
        raise SourceError("read", f"{name} is empty.")
    try:
        kind = detect_format(data, name)
    except FormatError as err:
        raise SourceError("read", str(err)) from None
    extracted: Extracted | None = None
    encoding = ""
    if kind in (PDF, DOCX, LEGACY_WORD, OFD):
        extracted = _extract(kind, data, name)
        text, media_type = extracted.text, extracted.media_type
    else:
        text, encoding = decode_bytes(data, name)
        if _is_binary(text):
            raise SourceError(
                "decode",
                f"{name} looks like a binary file (it is mostly control characters), not text.",
            )
        media_type = "text/plain"
        html_name = Path(name).suffix.lower() in _HTML_SUFFIXES
        if kind == MARKDOWN:
            extracted = read_markdown(text, name)
            text, media_type = extracted.text, extracted.media_type
        elif looks_like_html(text) or (html_name and re.search(r"<[A-Za-z!/]", text)):
            text = html_to_text(text)
            media_type = "text/html"
        else:
            text = text_tables(unmerge_columns(text))
    if text.startswith("\ufeff"):
        text = text[1:]
        if extracted is not None:
            extracted.boxes = None  # no longer aligned (never the case for a paged reader)
    if not text.strip():
        raise SourceError("read", f"{name} has no text content.")
    return Source(
        path=path,
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=encoding,
        media_type=media_type,
        text=text,
        script=detect_script(text),
        reader=extracted.reader if extracted else None,
        pages=extracted.pages if extracted else None,
        metadata=extracted.metadata if extracted else None,
        warnings=list(extracted.warnings) if extracted else [],
        boxes=extracted.boxes if extracted else None,
    )


def read_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode the file at ``path``; raise :class:`SourceError` ('read'/'decode')."""
    p = Path(path)
    name = p.name or str(p)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise SourceError("read", f"{p} is a directory, not a file.")
        if size > max_bytes:
            raise SourceError(
                "read", f"{name} is {size} bytes, more than the limit of {max_bytes} bytes."
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError("read", f"{p} does not exist.") from None
    except PermissionError:
        raise SourceError("read", f"{p} cannot be read (permission denied).") from None
    except OSError as exc:
        raise SourceError("read", f"{p} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > max_bytes:
        raise SourceError("read", f"{name} is more than the limit of {max_bytes} bytes.")
    source = source_from_bytes(data, name, str(p))
    try:
        source.provenance = read_provenance(p)
    except ProvenanceError as err:
        raise SourceError("read", str(err)) from None
    return source
