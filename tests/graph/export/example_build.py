"""The bundled example corpus built once per test run (shared by the figure and plot tests)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from policykg.api import build, example_corpus


@functools.cache
def example_graph() -> Path:
    """``policykg.trig`` of ``examples/corpus``, built without validation into a temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="policykg-examples-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    build([example_corpus()], out=out, validate=False)
    return out / "policykg.trig"
