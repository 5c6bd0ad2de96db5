"""examples/tour.ipynb runs from top to bottom (nbclient, python3 kernel of this interpreter) and
draws the two figures of ``policykg plot`` (funding, timeline) with a CJK font."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "tour.ipynb"


def _kernel_name() -> str:
    """A kernelspec running this interpreter (installed for the user when missing)."""
    from jupyter_client.kernelspec import KernelSpecManager

    manager = KernelSpecManager()
    specs = manager.get_all_specs()
    spec = specs.get("python3", {}).get("spec", {})
    if spec.get("argv", [""])[0] in (sys.executable, "python", "python3"):
        return "python3"
    name = "policykg-test"
    if name not in specs or specs[name]["spec"]["argv"][0] != sys.executable:
        from ipykernel.kernelspec import install

        install(user=True, kernel_name=name, display_name="policykg tests")
    return name


def test_tour_notebook_runs(seeds_dir, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "clear outputs"
    monkeypatch.setenv("POLICYKG_SEEDS", str(seeds_dir))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws PNGs
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name=_kernel_name(),
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "粤府办〔2025〕6号" in text and "120000000" in text
    assert any("image/png" in o.get("data", {}) for o in outputs), "the chart is drawn"
    streams = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "missing from font" not in streams and "no CJK font" not in streams
    for tag in ("funding-figure", "timeline-figure"):  # the figures module's two pictures
        cell = next(c for c in nb.cells if tag in c.metadata.get("tags", []))
        pngs = [o["data"]["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(pngs) == 1 and len(base64.b64decode(pngs[0])) > 10_000, tag
