"""The interactive explorer: ONE self-contained HTML file (no CDN, no network) showing a
graph view with search by label, colours per class, details on click.

The drawing library is vis-network, read at export time from the installed ``pyvis``
package (a declared dependency) and inlined; it is never copied into this repository.
Contract: graph data is embedded as JSON with ``<``, ``>`` and ``&`` escaped, every label is
shown through ``textContent`` or drawn on the canvas (never parsed as HTML); the file is
deterministic for a given build and view.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import networkx as nx

from policykg.store.paths import iri_relpath

# Colour-blind-friendly palette (Okabe-Ito and Tol), assigned to classes in sorted order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
           "#882255", "#AA4499", "#6699CC", "#997700")
_FIXED = {"pol:PolicyDocument": "#0072B2", "pol:Measure": "#56B4E9", "pol:Agency": "#D55E00",
          "pol:Report": "#CC79A7", "pol:Claim": "#882255", "pol:Program": "#009E73"}


class ExplorerError(RuntimeError):
    """The vis-network library could not be found in the installed packages."""


def vis_network_js() -> str:
    """The vis-network JavaScript shipped inside the installed ``pyvis`` package."""
    if find_spec("pyvis") is None:
        raise ExplorerError("the explorer needs the Python package pyvis (pip install pyvis), "
                            "which ships the vis-network library")
    lib = resources.files("pyvis") / "lib"
    candidates = sorted((d for d in lib.iterdir() if d.name.startswith("vis-")),
                        key=lambda d: [int(x) for x in re.findall(r"\d+", d.name)], reverse=True)
    for folder in candidates:
        js = folder / "vis-network.min.js"
        if js.is_file():
            return js.read_text("utf-8")
    raise ExplorerError("pyvis is installed but its vis-network.min.js was not found")


def _safe_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _colours(types: list[str]) -> dict[str, str]:
    colours: dict[str, str] = {}
    free = [c for c in PALETTE if c not in _FIXED.values()]
    i = 0
    for t in sorted(set(types)):
        if t in _FIXED:
            colours[t] = _FIXED[t]
        else:
            colours[t] = free[i % len(free)]
            i += 1
    return colours


def explorer_data(g: nx.MultiDiGraph, link_pages: bool = False) -> dict[str, object]:
    """The JSON the page reads: nodes (labels, type, attributes), edges and class colours."""
    index = {node: i for i, node in enumerate(g.nodes)}
    nodes = []
    for node, attrs in g.nodes(data=True):
        labels = {k: str(attrs.get(a, "")) for k, a in (("zh-Hans", "label_zh"),
                                                       ("zh-Hant", "label_zh_hant"),
                                                       ("en", "label_en")) if attrs.get(a)}
        extra = {k: v for k, v in attrs.items()
                 if k not in ("label", "label_zh", "label_zh_hant", "label_en", "type", "iri")}
        entry: dict[str, object] = {
            "id": index[node], "label": str(attrs.get("label", node)), "labels": labels,
            "type": str(attrs.get("type") or "untyped"), "iri": str(node), "attrs": extra,
            "search": " ".join([str(attrs.get("label", "")), *labels.values(), str(node)]).lower(),
        }
        if link_pages:
            rel = iri_relpath(str(node))
            if rel is not None:
                entry["page"] = str(rel) + ".html"
        nodes.append(entry)
    edges = [{"s": index[s], "o": index[o], "label": str(a.get("label", k)),
              "property": str(a.get("property", ""))}
             for s, o, k, a in g.edges(keys=True, data=True)]
    return {"nodes": nodes, "edges": edges,
            "colors": _colours([str(n["type"]) for n in nodes])}


def render_explorer(g: nx.MultiDiGraph, title: str = "policykg explorer",
                    link_pages: bool = False) -> bytes:
    """The self-contained explorer page for graph ``g`` as UTF-8 bytes."""
    template = resources.files("policykg.graph.export").joinpath("explorer.html").read_text("utf-8")
    js = vis_network_js()
    if re.search(r"</script", js, re.IGNORECASE):
        js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    values = {"TITLE": html.escape(title, quote=True),
              "DATA_JSON": _safe_json(explorer_data(g, link_pages)),
              "VIS_JS": js}
    page = re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)
    return page.encode("utf-8")


def write_explorer(g: nx.MultiDiGraph, path: Path, title: str = "policykg explorer") -> None:
    """Write the explorer to ``path`` atomically."""
    from policykg.store.paths import atomic_write_bytes

    atomic_write_bytes(path, render_explorer(g, title))
