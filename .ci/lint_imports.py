"""Check the import contracts of ``pyproject.toml`` with ``lint-imports`` on the installed layout.

policykg's top-level folders (``graph/``, ``loaders/``, …) become ``policykg.graph``,
``policykg.loaders``, … through setuptools' ``package-dir``. The source tree links them under
``policykg/`` so plain ``lint-imports`` works from the root; this script builds the same view in a
temporary folder for a checkout without those links (the baselines of older commits that
``benchmarks/site.py`` and ``benchmarks/layout_parity.py`` build), from the ``package-dir``
table, and runs ``lint-imports`` on it. Exit status: ``lint-imports``'s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def layout_view(root: Path, repo: Path = REPO) -> None:
    """Link ``policykg/`` and every mapped folder of the checkout ``repo`` under ``root`` as they
    are installed (``repo``'s own ``package-dir`` table says which folder is which package)."""
    repo = repo.resolve()
    config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    top = root / "policykg"
    top.mkdir()
    for child in (repo / mapping["policykg"]).iterdir():
        if child.name != "__pycache__":
            (top / child.name).symlink_to(child)
    for package, folder in sorted(mapping.items()):
        if package != "policykg":
            target = root.joinpath(*package.split("."))
            if not target.exists():
                target.symlink_to(repo / folder)


def main() -> int:
    """Run ``lint-imports`` against the linked view; its exit status."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    with tempfile.TemporaryDirectory(prefix="policykg-layout-") as tmp:
        layout_view(Path(tmp))
        env = dict(os.environ, PYTHONPATH=tmp)
        return subprocess.run([exe, "--no-cache", str(REPO / "pyproject.toml")],
                              cwd=tmp, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
