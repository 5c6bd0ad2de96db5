"""The interactive explorer: ONE self-contained HTML file (no CDN, no network).

It opens on an overview a reader can take in — the documents, each with its measures around
it, and every other kind of node (agencies, categories, offers, jurisdictions…) folded into
one group node per type, linked to the documents whose measures point into it (edge width =
number of links). Clicking a node shows its neighbourhood only (the node, its neighbours and
the links between them), clicking a group its members; Back and Overview return. Search looks
through labels in every script, document numbers, amounts (as written in yuan, 万 or 亿) and
the text of measures. The legend names the types in words.

The drawing library is vis-network, read at export time from the installed ``pyvis``
package (a declared dependency) and inlined; it is never copied into this repository. Layouts
are computed in the page from the data (no physics unless the reader asks for it), so the
same file always shows the same picture.
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

# Colour-blind-friendly palette (Okabe-Ito and Tol); types without a fixed colour take the
# free ones in sorted order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
           "#882255", "#AA4499", "#6699CC", "#997700")
_FIXED = {"Document": "#0072B2", "Measure": "#56B4E9", "Offer": "#E69F00", "Agency": "#D55E00",
          "Category": "#009E73", "Jurisdiction": "#CC79A7", "Report": "#882255",
          "Claim": "#AA4499", "Programme": "#332288", "Sector": "#117733", "Theme": "#44AA99"}
# the types the overview shows node by node; every other type is one group node
PRIMARY = ("Document", "Measure")
_PLURAL = {"Agency": "Agencies", "Category": "Categories", "Person": "People"}
_AMOUNTS = ("maxAmount", "totalBudget", "minThreshold", "claimedAmount")
_NUMBERS = ("documentNumber", "number")


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


def plural(type_words: str) -> str:
    """``Agency`` → ``Agencies``, ``Offer`` → ``Offers``: the name of a group node."""
    if type_words in _PLURAL:
        return _PLURAL[type_words]
    return type_words + ("es" if type_words.endswith(("s", "x", "ch", "sh")) else "s")


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def amount_forms(yuan: float) -> list[str]:
    """The ways a reader writes an amount: 8000000, 8,000,000, 800万, 800万元 (亿 alike)."""
    if yuan != yuan or yuan <= 0:  # NaN or nothing
        return []
    forms = [_number(yuan)]
    if yuan == int(yuan):
        forms.append(f"{int(yuan):,}")
    for unit, size in (("亿", 100_000_000), ("万", 10_000)):
        if yuan * 10 >= size and (yuan * 100) % size == 0:  # 0.5亿元 is written, 0.05亿元 is not
            n = _number(round(yuan / size, 2))
            forms += [f"{n}{unit}", f"{n}{unit}元"]
    return forms


def _search_fields(attrs: dict[str, object], labels: dict[str, str], node: str) -> tuple[str, list[str]]:
    """The text searched by substring and the tokens matched whole (numbers, amounts)."""
    tokens: list[str] = []
    for key in _NUMBERS:
        if attrs.get(key):
            tokens.append(str(attrs[key]))
    for key in _AMOUNTS:
        value = attrs.get(key)
        if isinstance(value, (int, float)):
            tokens += amount_forms(float(value))
    tokens = sorted(set(tokens), key=tokens.index)
    text = " ".join([str(attrs.get("label", "")), *labels.values(), *tokens,
                     str(attrs.get("text", "")), str(attrs.get("type", "")), node])
    return text.lower(), [t.lower() for t in tokens]


def explorer_data(g: nx.MultiDiGraph, link_pages: bool = False) -> dict[str, object]:
    """The JSON the page reads: nodes (labels, type in words, attributes, search fields),
    edges, colours per type and the overview (documents and measures, the other types as
    groups)."""
    index = {node: i for i, node in enumerate(g.nodes)}
    nodes = []
    for node, attrs in g.nodes(data=True):
        labels = {k: str(attrs.get(a, "")) for k, a in (("zh-Hans", "label_zh"),
                                                       ("zh-Hant", "label_zh_hant"),
                                                       ("en", "label_en")) if attrs.get(a)}
        extra = {k: v for k, v in attrs.items() if v == v and k not in (
            "label", "name", "label_zh", "label_zh_hant", "label_en", "type", "iri")}
        search, tokens = _search_fields(attrs, labels, str(node))
        entry: dict[str, object] = {
            "id": index[node], "label": str(attrs.get("label", node)), "labels": labels,
            "type": str(attrs.get("type") or "Other"), "iri": str(node), "attrs": extra,
            "search": search, "tokens": tokens,
        }
        if link_pages:
            rel = iri_relpath(str(node))
            if rel is not None:
                entry["page"] = str(rel) + ".html"
        nodes.append(entry)
    edges = [{"s": index[s], "o": index[o], "label": str(a.get("label", k)),
              "property": str(a.get("property", "")), "weight": a.get("weight", 1.0)}
             for s, o, k, a in g.edges(keys=True, data=True)]
    return {"nodes": nodes, "edges": edges,
            "colors": _colours([str(n["type"]) for n in nodes]),
            "overview": overview(nodes, edges)}


def overview(nodes: list[dict], edges: list[dict]) -> dict[str, object]:
    """What the page opens on: the documents and measures node by node, every other type one
    group; a measure hangs on its document, and the links of a document or its measures into
    a group are counted on one edge from the document."""
    types = {n["id"]: n["type"] for n in nodes}
    primary = [n["id"] for n in nodes if n["type"] in PRIMARY]
    group_types = sorted({t for t in types.values() if t not in PRIMARY})
    groups = [{"type": t, "label": plural(t),
               "members": [n["id"] for n in nodes if n["type"] == t]} for t in group_types]
    group_of = {t: i for i, t in enumerate(group_types)}
    document_of: dict[int, int] = {}
    for e in edges:
        if types[e["s"]] == "Document" and types[e["o"]] == "Measure":
            document_of.setdefault(e["o"], e["s"])
    kept, counts = [], {}
    for i, e in enumerate(edges):
        s_primary, o_primary = types[e["s"]] in PRIMARY, types[e["o"]] in PRIMARY
        if s_primary and o_primary:
            kept.append(i)
        elif s_primary or o_primary:
            inside, outside = (e["s"], e["o"]) if s_primary else (e["o"], e["s"])
            key = (document_of.get(inside, inside), group_of[types[outside]])
            counts[key] = counts.get(key, 0) + 1
    links = [{"s": s, "g": g, "count": c} for (s, g), c in sorted(counts.items())]
    return {"primary": primary, "groups": groups, "edges": kept, "links": links,
            "documentOf": {str(k): v for k, v in sorted(document_of.items())}}


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
