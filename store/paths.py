"""Safe file paths for exports: IRIs → relative paths that cannot leave the output folder,
and atomic writes (temporary file or folder, then rename).

Contract: :func:`iri_relpath` maps an IRI below ``https://w3id.org/policykg/`` to a relative
POSIX path made only of segments matching ``[A-Za-z0-9][A-Za-z0-9_~-]*`` (no dots, no
``..``, no absolute parts, no percent escapes); any other IRI is mapped to a deterministic
hashed name under ``_h/``. :func:`inside` raises if a path resolves outside its root.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from policykg.ontology.namespace import BASE

_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_~-]{0,119}")
HASHED_DIR = "_h"


def iri_relpath(iri: str, base: str = BASE) -> PurePosixPath | None:
    """The relative path (no suffix) for ``iri`` below ``base``, or None if not below it.

    Unsafe IRIs (odd characters, ``..``, empty segments, queries, fragments) get
    ``_h/<first 20 hex of sha256(iri)>`` so they still have a page but cannot escape.
    """
    if not iri.startswith(base):
        return None
    rest = iri[len(base):]
    parts = rest.split("/")
    if rest and all(_SEGMENT.fullmatch(p) for p in parts) and parts[0] != HASHED_DIR:
        return PurePosixPath(*parts)
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:20]
    return PurePosixPath(HASHED_DIR, digest)


def inside(root: Path, rel: PurePosixPath | str) -> Path:
    """``root / rel`` after checking that it stays inside ``root`` (else ValueError)."""
    rel = PurePosixPath(rel)
    if (not rel.parts or rel.is_absolute() or any(p in ("..", "") for p in rel.parts)
            or "\\" in str(rel)):
        raise ValueError(f"refusing path {str(rel)!r}: it would leave the output folder")
    target = root.joinpath(*rel.parts)
    root_r = root.resolve()
    if not target.resolve().is_relative_to(root_r):
        raise ValueError(f"refusing path {str(rel)!r}: it resolves outside {root}")
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_dir(target: Path, fill: Callable[[Path], None]) -> None:
    """Build a folder with ``fill(tmpdir)`` next to ``target`` and swap it in by renames.

    If ``fill`` fails, ``target`` is left exactly as it was.
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    tmp.chmod(0o777 & ~_umask())
    old: Path | None = None
    try:
        fill(tmp)
        if target.exists():
            old = target.with_name(f".{target.name}.{os.getpid()}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not target.exists():
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
