"""Word files → the text the loaders parse: one line per paragraph, one line per table row.

:func:`read_docx` walks the body of a ``.docx`` in document order with python-docx: each
paragraph gives a line, prefixed with the number Word's automatic numbering shows there
(:mod:`loaders.wordnumbering`: ``一、`` ``（一）`` ``1.`` ``第一条`` come out as if typed); each table
row gives a line (merged cells once, nested tables inline), written by :mod:`loaders.tables` as
its prose twin would be;
content controls are read through. Runs of empty paragraphs become one empty line. Page
headers, footers, comments and deleted revisions are not part of the text.

:func:`read_legacy_word` reads ``.doc``/``.wps``/RTF by converting them to ``.docx`` with
LibreOffice (``soffice --headless --convert-to docx``) when ``soffice`` or ``libreoffice`` is on
PATH; without it the file gets one sentence saying so.

python-docx was chosen over docx2python (measured: see :mod:`loaders.wordnumbering`) because
docx2python renders Chinese numbering formats as ``--``.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree

from .fileformat import DOCX, LEGACY_WORD, Extracted, FormatError
from .tables import table_lines
from .wordnumbering import Numbering, W

CONVERT_SECONDS = 120
_MAX_UNZIPPED = 200_000_000  # a zip bomb is refused, not expanded


def reader_name(converter: str | None = None) -> str:
    """``python-docx <version>`` (with the converter first when there was one)."""
    try:
        name = f"python-docx {version('python-docx')}"
    except PackageNotFoundError:  # pragma: no cover - installed with policykg
        name = "python-docx"
    return f"{converter} + {name}" if converter else name


def _cell_text(cell, numbering: Numbering) -> str:
    return " ".join(line for line in _block_lines(cell, numbering) if line.strip())


def _row_cells(row, numbering: Numbering) -> list[str | None]:
    cells: list[str | None] = []
    for tc in row.iterchildren(W + "tc", W + "sdt"):
        for cell in (tc.iter(W + "tc") if tc.tag == W + "sdt" else (tc,)):
            merged = cell.find(f"{W}tcPr/{W}vMerge")
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            width = int(span.get(W + "val", "1")) if span is not None and \
                span.get(W + "val", "1").isdigit() else 1
            if merged is not None and merged.get(W + "val", "continue") == "continue":
                cells.append(None)  # the lower part of a vertically merged cell
            else:
                cells.append(_cell_text(cell, numbering))
            cells += [""] * (max(width, 1) - 1)  # columns a cell spans keep their places
    return cells


_NS = {"w": W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_XPATH = etree.XPath("|".join(f".//w:{tag}[not(ancestor::mc:Fallback)]"
                             for tag in ("t", "tab", "br", "cr", "noBreakHyphen")),
                    namespaces=_NS)


def _paragraph_text(p) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks, text boxes, tabs and breaks; not the
    deleted text of tracked changes nor a text box's fallback copy."""
    out = []
    for node in _XPATH(p):
        tag = node.tag
        if tag == W + "t":
            out.append(node.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _block_lines(container, numbering: Numbering) -> list[str]:
    """Lines of a body, cell or content control, in order."""
    lines: list[str] = []
    for child in container.iterchildren():
        tag = child.tag
        if tag == W + "p":
            label = numbering.label(child)
            text = _paragraph_text(child)
            lines.append(label + text if text.strip() else "")
        elif tag == W + "tbl":
            lines += table_lines([
                _row_cells(row, numbering) for row in child.iter(W + "tr")
                if row.getparent() is child or row.getparent().tag == W + "sdtContent"])
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                lines += _block_lines(content, numbering)
    return lines


def _check_size(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        raise FormatError(f"{name} is a damaged Word file (its zip archive cannot be read).") \
            from None
    if total > _MAX_UNZIPPED:
        raise FormatError(f"{name} unpacks to {total} bytes, more than the limit of "
                          f"{_MAX_UNZIPPED}; it is not read.")


def read_docx(data: bytes, name: str, converter: str | None = None) -> Extracted:
    """The text of the ``.docx`` ``data``; raise :class:`~loaders.fileformat.FormatError`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError as NotAPackage

    _check_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (NotAPackage, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise FormatError(f"{name} is a damaged Word file ({type(err).__name__}: "
                          f"{str(err).rstrip('.')}).") from None
    except Exception as err:  # noqa: BLE001 - lxml syntax errors and the like
        raise FormatError(f"{name} is a damaged Word file ({type(err).__name__}).") from None
    part = document.part
    try:
        numbering_element = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_element = None
    try:
        styles_element = part.styles.element
    except (KeyError, NotImplementedError):
        styles_element = None
    numbering = Numbering(numbering_element, styles_element)
    lines = _block_lines(document.element.body, numbering)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    text = text.strip("\n")
    if not text.strip():
        raise FormatError(f"{name} is a Word file without text.")
    return Extracted(text=text, media_type=DOCX if converter is None else LEGACY_WORD,
                     reader=reader_name(converter))


def office_converter() -> str | None:
    """The LibreOffice command on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(data: bytes, name: str) -> Extracted:
    """A ``.doc``/``.wps``/RTF file read through LibreOffice's conversion to ``.docx``."""
    command = office_converter()
    if command is None:
        raise FormatError(
            f"{name} is a legacy word-processor file (.doc/.wps/RTF); reading it needs "
            "LibreOffice (soffice) on PATH, which is not installed: install it or save the "
            "file as .docx.")
    suffix = Path(name).suffix.lower() or ".doc"
    with tempfile.TemporaryDirectory(prefix="policykg-convert-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        env = dict(os.environ, HOME=tmp)  # a private LibreOffice profile: no lock, no clash
        try:
            subprocess.run(
                [command, "--headless", "--norestore", "--convert-to", "docx", "--outdir", tmp,
                 str(source)], check=False, capture_output=True, timeout=CONVERT_SECONDS,
                env=env)
        except subprocess.TimeoutExpired:
            raise FormatError(f"{name} could not be converted by LibreOffice within "
                              f"{CONVERT_SECONDS} s.") from None
        except OSError as err:
            raise FormatError(f"{name} could not be converted: LibreOffice did not start "
                              f"({err.strerror or err}).") from None
        converted = Path(tmp) / "input.docx"
        if not converted.is_file():
            raise FormatError(f"{name} could not be converted to .docx by LibreOffice (a "
                              "damaged or unsupported file).")
        data = converted.read_bytes()
    label = Path(command).name
    try:
        label = f"LibreOffice {_office_version(command)}".strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return read_docx(data, name, converter=label)


def _office_version(command: str) -> str:
    done = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=30,
                          check=False)
    words = done.stdout.split()
    return words[1] if len(words) > 1 and words[0] == "LibreOffice" else ""
