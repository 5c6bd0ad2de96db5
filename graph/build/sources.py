"""Which files a build reads: the source files under the folders it is given, and every path
passed over there with the reason (a link to a file already read, an unreadable folder, a
dangling link, a FIFO, a hidden entry, the build's own outputs, what ``policykg export``
wrote), so that nothing is skipped without a line in ``report.json``."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.loaders.fileformat import not_a_document


class SourceNotFound(ValueError):
    """A SOURCES argument names nothing that exists, or a folder holds no source file."""


EXPORT_MARKER = ".policykg-export"  # a folder policykg export wrote (site, all)
_EXPORT_PAGE_SIGNS = (b"<title>policykg explorer", b" \xc2\xb7 policykg</title>")


def _suffix_list(suffixes: tuple[str, ...]) -> str:
    names = list(suffixes)
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _kind_of_special(mode: int) -> str | None:
    """'a FIFO (named pipe)', 'a socket', 'a device' for a mode that is not a file or folder."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def _written_by_policykg(path: Path) -> bool:
    """True for an HTML page ``policykg export`` wrote (the explorer, a site page)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return any(sign in head for sign in _EXPORT_PAGE_SIGNS)


@dataclass(frozen=True, slots=True)
class Passed:
    """A path passed over: ``status`` is ``skipped`` (not a source by nature) or ``failed``
    (a source that could not be reached); ``reason`` is one sentence naming the path."""

    path: Path
    status: str
    reason: str




def _walk(root: Path, suffixes: tuple[str, ...], excluded: set[str], found: list[Path],
          noted: list[Passed], seen_dirs: dict[str, Path], links: list[Path]) -> None:
    """Collect the source files under ``root`` into ``found``; everything passed over that
    could have held a source goes to ``noted`` with its reason. Linked folders go to ``links``,
    to be walked after the real ones (so a real folder is never reported as a link's copy)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        noted.append(Passed(root, "failed", f"the folder {root} cannot be read "
                                            f"({err.strerror or err}); its files were not built"))
        return
    for entry in entries:
        path = Path(entry.path)
        is_link = entry.is_symlink()
        try:
            mode = os.stat(path).st_mode  # follows a link
        except OSError as err:
            if is_link:
                noted.append(Passed(path, "failed", f"{path} is a symbolic link to "
                                    f"{os.readlink(path)}, which does not exist"))
            elif path.suffix.lower() in suffixes:
                noted.append(Passed(path, "failed", f"{path} cannot be read "
                                    f"({err.strerror or err})"))
            continue
        if entry.name.startswith("."):
            if stat.S_ISDIR(mode) or path.suffix.lower() in suffixes:
                noted.append(Passed(path, "skipped", f"{path} is hidden (its name begins with "
                                    "a dot); name it on the command line to build it"))
            continue
        if stat.S_ISDIR(mode):
            real = str(path.resolve())
            if real in excluded:
                noted.append(Passed(path, "skipped", f"{path} is this build's own output "
                                    "folder; outputs are never read back as sources"))
            elif (path / EXPORT_MARKER).exists():
                noted.append(Passed(path, "skipped", f"{path} was written by policykg export; "
                                    "exports are never read back as sources"))
            elif is_link:
                links.append(path)
            else:
                seen_dirs[real] = path
                _walk(path, suffixes, excluded, found, noted, seen_dirs, links)
            continue
        if path.suffix.lower() not in suffixes:
            continue
        special = _kind_of_special(mode)
        if special:
            noted.append(Passed(path, "skipped", f"{path} is {special}, not a regular file"))
        elif _written_by_policykg(path):
            noted.append(Passed(path, "skipped", f"{path} was written by policykg export; "
                                "exports are never read back as sources"))
        elif (why := not_a_document(path.name)) is not None:
            noted.append(Passed(path, "skipped", why))  # a README describes its folder
        else:
            found.append(path)


def find_paths(sources: Iterable[str | os.PathLike], suffixes: tuple[str, ...],
               exclude: Iterable[str | os.PathLike] = ()) -> tuple[list[Path], list[Passed]]:
    """The source files to build (suffix in ``suffixes``), sorted, and every path passed over.

    Files named directly are always built (a FIFO or a missing file is a
    :class:`SourceNotFound`); inside named folders, files with a source suffix. Passed over,
    each with a report and its reason: a second path to the same file or folder (a symbolic
    link, or a hard link: the real path is built, else the first in path order), a folder that cannot be read or a dangling link
    (``failed``), hidden entries, FIFOs, sockets and devices, folders in ``exclude`` (the
    build's own outputs) and whatever ``policykg export`` wrote (``skipped``).
    """
    excluded = {str(Path(p).resolve()) for p in exclude}
    candidates: list[Path] = []
    noted: list[Passed] = []
    for item in sources:
        path = Path(item)
        try:
            mode = os.stat(path).st_mode
        except OSError as err:
            if path.is_symlink():
                raise SourceNotFound(f"{path} is a symbolic link to {os.readlink(path)}, "
                                     "which does not exist") from None
            if isinstance(err, PermissionError):
                raise SourceNotFound(f"{path} cannot be read (permission denied)") from None
            raise SourceNotFound(f"{path} does not exist") from None
        if stat.S_ISDIR(mode):
            found: list[Path] = []
            before = len(noted)
            seen_dirs = {str(path.resolve()): path}
            links: list[Path] = []
            _walk(path, suffixes, excluded, found, noted, seen_dirs, links)
            while links:  # linked folders, once every real folder is known
                link = links.pop(0)
                real = str(link.resolve())
                if real in seen_dirs:
                    noted.append(Passed(link, "skipped", f"{link} is the same folder as "
                                        f"{seen_dirs[real]} (a symbolic link); its files are "
                                        "built once"))
                    continue
                seen_dirs[real] = link
                _walk(link, suffixes, excluded, found, noted, seen_dirs, links)
            if not found:
                why = f" to build (passed over: {noted[before].reason})" if noted[before:] else ""
                raise SourceNotFound(f"{path} holds no {_suffix_list(suffixes)} file{why}")
            candidates += found
        elif stat.S_ISREG(mode):
            candidates.append(path)
        else:
            raise SourceNotFound(f"{path} is {_kind_of_special(mode) or 'not a regular file'}, "
                                 "not a file to read")
    first: dict[tuple[int, int], Path] = {}
    paths: list[Path] = []
    for path in sorted(set(candidates), key=lambda p: (p.is_symlink(), str(p))):
        st = os.stat(path)
        key = (st.st_dev, st.st_ino)
        if key in first:
            noted.append(Passed(path, "skipped", f"{path} is the same file as {first[key]} "
                                "(a symbolic or hard link); it is built once"))
            continue
        first[key] = path
        paths.append(path)
    return sorted(paths, key=str), sorted(noted, key=lambda r: str(r.path))
