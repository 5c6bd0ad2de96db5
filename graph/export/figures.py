"""Figures of a built graph: funding by enterprise category and jurisdiction, and a timeline of
documents with their repeals. ``policykg plot`` and ``examples/tour.ipynb`` both draw them here.

The data come from the query catalog (``funding-ranked``, ``timeline``, ``supersession``) run on
any store through the safe runner, plus one small question of this module (:data:`DOCUMENTS`):
each document's jurisdiction and whether its text was loaded. Funding figures are those of
official texts only (a document with a ``pol:source``); a figure known only from a news report
or briefing is left out and counted in the subtitle, never mixed in.

Drawing needs matplotlib (``pip install -e '.[notebook]'``); it uses ``matplotlib.figure.Figure``
with the Agg canvas and never pyplot, so nothing global changes. Written files are byte-identical
for the same graph: PNG without a Software stamp, SVG without a date and with a fixed hash salt.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from policykg.queries import catalog
from policykg.queries.safety import run
from policykg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store
from policykg.store.paths import atomic_write_bytes

from .fonts import font_family

FORMATS = ("png", "svg")
AMOUNTS = ("max", "total")
NO_CATEGORY = "未指定类别"  # an offer reserved for no particular kind of enterprise
NO_AREA = "地区不详"
DPI = 150
SVG_SALT = "policykg"

DOCUMENTS = """PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document ?official ?reported ?jurisdiction (STR(MIN(?jl)) AS ?jurisdictionName)
WHERE {
  ?document a pol:PolicyDocument .
  BIND(EXISTS { ?document pol:source ?source } AS ?official)
  BIND(EXISTS { ?document pol:attestedBy ?report } AS ?reported)
  OPTIONAL {
    ?document pol:jurisdiction ?jurisdiction .
    OPTIONAL { ?jurisdiction rdfs:label ?jl FILTER(langMatches(lang(?jl), "zh-Hans")) }
  }
}
GROUP BY ?document ?official ?reported ?jurisdiction
ORDER BY STR(?document) STR(COALESCE(?jurisdiction, ""))
"""


# ------------------------------------------------------------------ data


@dataclass
class Document:
    """One document on the timeline."""

    iri: str
    number: str = ""
    jurisdiction: str = NO_AREA
    kind: str = "cited"  # "official" (text loaded) | "reported" (known from a report) | "cited"
    issued: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    repealed_on: dt.date | None = None

    @property
    def label(self) -> str:
        name = self.number or self.iri.rsplit("/", 1)[-1]
        return name if self.kind == "official" else f"{name}（{'报道' if self.kind == 'reported' else '仅被引用'}）"


@dataclass(frozen=True)
class Bar:
    """One bar: the largest (or summed) cap of the offers for a category in a jurisdiction."""

    category: str
    jurisdiction: str
    amount: Decimal
    offers: int


@dataclass
class FundingData:
    bars: list[Bar] = field(default_factory=list)
    amount: str = "max"
    left_out: int = 0  # offers of documents whose text was not loaded (reports)


@dataclass
class TimelineData:
    documents: list[Document] = field(default_factory=list)
    repeals: list[tuple[str, str, dt.date | None]] = field(default_factory=list)  # (old, new, date)


def _ask(store: Store, text: str, timeout: float | None, limit: int | None) -> list[dict]:
    rows = run(store, text, timeout=timeout, limit=limit)
    return [{k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in r.items()}
            for r in rows]


def _catalog(store: Store, name: str, timeout: float | None, limit: int | None, **values) -> list[dict]:
    return _ask(store, catalog.bind(catalog.load(name), values, store=store), timeout, limit)


def documents(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT,
              limit: int | None = DEFAULT_LIMIT) -> dict[str, Document]:
    """Every document's kind and jurisdiction (names of several areas joined with 、)."""
    areas: dict[str, set[str]] = {}
    docs: dict[str, Document] = {}
    for row in _ask(store, DOCUMENTS, timeout, limit):
        iri = str(row["document"])
        kind = "official" if row["official"] else "reported" if row["reported"] else "cited"
        docs.setdefault(iri, Document(iri, kind=kind))
        if row.get("jurisdiction") is not None:
            areas.setdefault(iri, set()).add(str(row.get("jurisdictionName") or row["jurisdiction"]))
    for iri, names in areas.items():
        docs[iri].jurisdiction = "、".join(sorted(names))
    return docs


def funding_data(store: Store, amount: str = "max", *, timeout: float | None = DEFAULT_TIMEOUT,
                 limit: int | None = DEFAULT_LIMIT,
                 docs: dict[str, Document] | None = None) -> FundingData:
    """Offers with a cap (``funding-ranked``) grouped by enterprise category and jurisdiction:
    the largest cap (``amount="max"``) or the sum of the caps of distinct offers (``"total"``).
    ``docs`` is :func:`documents` of the store when the caller has it already."""
    if amount not in AMOUNTS:
        raise ValueError(f"amount must be one of {', '.join(AMOUNTS)}, not {amount!r}.")
    if docs is None:
        docs = documents(store, timeout=timeout, limit=limit)
    groups: dict[tuple[str, str], dict[str, Decimal]] = {}
    left_out: set[str] = set()
    for row in _catalog(store, "funding-ranked", timeout, limit):
        doc = docs.get(str(row["document"]))
        if doc is None or doc.kind != "official":
            left_out.add(str(row["offer"]))
            continue
        for category in str(row.get("categories") or NO_CATEGORY).split("; "):
            key = (category, doc.jurisdiction)
            groups.setdefault(key, {})[str(row["offer"])] = Decimal(row["amountCNY"])
    bars = [Bar(cat, area, max(caps.values()) if amount == "max" else sum(caps.values()), len(caps))
            for (cat, area), caps in groups.items()]
    best = {}
    for bar in bars:
        best[bar.category] = max(best.get(bar.category, Decimal(0)), bar.amount)
    bars.sort(key=lambda b: (-best[b.category], b.category, b.jurisdiction))
    return FundingData(bars, amount, len(left_out))


def timeline_data(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT,
                  limit: int | None = DEFAULT_LIMIT,
                  docs: dict[str, Document] | None = None) -> TimelineData:
    """Dated documents (``timeline``) and who repealed whom when (``supersession``, direct)."""
    if docs is None:
        docs = documents(store, timeout=timeout, limit=limit)
    docs = {iri: replace(doc) for iri, doc in docs.items()}  # filled in below: copies
    shown: dict[str, Document] = {}
    fields = {"issued": "issued", "in force": "valid_from", "expires": "valid_until"}
    for row in _catalog(store, "timeline", timeout, limit):
        iri = str(row["document"])
        if row["event"] == "reported":
            continue
        doc = shown.setdefault(iri, docs.get(iri) or Document(iri))
        doc.number = str(row.get("number") or doc.number)
        day = row["date"] if isinstance(row["date"], dt.date) else None
        if row["event"] in fields:
            setattr(doc, fields[row["event"]], day)
        elif row["event"] == "repealed" and day and (not doc.repealed_on or day < doc.repealed_on):
            doc.repealed_on = day
    repeals = []
    for row in _catalog(store, "supersession", timeout, limit):
        if not row.get("direct"):
            continue
        old, new = str(row["repealed"]), str(row["repealedBy"])
        for iri, number in ((old, row.get("repealedNumber")), (new, row.get("repealedByNumber"))):
            doc = shown.setdefault(iri, docs.get(iri) or Document(iri))
            doc.number = doc.number or str(number or "")
        day = row["date"] if isinstance(row.get("date"), dt.date) else None
        if (old, new, day) not in repeals:
            repeals.append((old, new, day))
    ordered = sorted(shown.values(), key=lambda d: (d.jurisdiction == NO_AREA, d.jurisdiction,
                                                    _start(d) or dt.date.max, d.number, d.iri))
    return TimelineData(ordered, sorted(repeals, key=lambda r: (r[2] or dt.date.max, r[0], r[1])))


def _areas(names) -> list[str]:
    """Jurisdictions in colour order (by name, an unknown one last): the same in both figures."""
    return sorted(set(names), key=lambda a: (a == NO_AREA, a))


def _start(doc: Document) -> dt.date | None:
    return doc.issued or doc.valid_from


# ------------------------------------------------------------------ units


def format_cny(yuan) -> str:
    """An amount in yuan the way Chinese texts write it: 800元, 50万元, 5000万元, 1.2亿元."""
    value = Decimal(str(yuan))
    for unit, size in (("亿元", Decimal(10) ** 8), ("万元", Decimal(10) ** 4)):
        if abs(value) >= size:
            return _plain(value / size) + unit
    return _plain(value) + "元"


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text or "0"


# ------------------------------------------------------------------ drawing


def _rc() -> dict:
    return {"font.family": font_family(), "axes.unicode_minus": False, "svg.hashsalt": SVG_SALT,
            "svg.fonttype": "path", "figure.dpi": 100}


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def funding_chart(data: FundingData):
    """Horizontal bars: one group per enterprise category, one colour per jurisdiction."""
    import matplotlib
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_rc()):
        categories = list(dict.fromkeys(b.category for b in data.bars))
        areas = _areas(b.jurisdiction for b in data.bars)
        ys, ticks, y = {}, [], 0.0
        for category in categories:  # one slot per bar, a gap between categories
            mine = [b for b in data.bars if b.category == category]
            for bar in sorted(mine, key=lambda b: areas.index(b.jurisdiction)):
                ys[bar] = y
                y += 1
            ticks.append(y - (len(mine) + 1) / 2)
            y += 0.6
        fig = _figure(10, 1.6 + 0.3 * max(2.0, y))
        ax = fig.add_subplot()
        colours = matplotlib.colormaps["tab10"]
        for j, area in enumerate(areas):
            mine = [b for b in data.bars if b.jurisdiction == area]
            bars = ax.barh([ys[b] for b in mine], [float(b.amount) for b in mine], height=0.85,
                           color=colours(j % 10), label=area)
            ax.bar_label(bars, [format_cny(b.amount) + (f" ({b.offers})" if b.offers > 1 else "")
                                for b in mine], padding=3, fontsize=8)
        ax.set_yticks(ticks, categories)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_cny(round(x))))
        ax.margins(x=0.15)
        ax.tick_params(labelfontfamily=font_family())
        what = ("各类企业可获的单项最高资助 · largest offer" if data.amount == "max"
                else "各项资助上限合计 · sum of offer caps")
        ax.set_title(f"{what}, by enterprise category and jurisdiction", loc="left")
        note = "official texts only (官方文件)"
        if data.left_out:
            note += f"; {data.left_out} figure(s) known only from reports left out"
        if data.amount == "total":
            note += "; (n) = offers summed"
        else:
            note += "; (n) = offers with a cap"
        ax.set_xlabel(f"CNY (人民币) — {note}")
        if areas:
            ax.legend(title="jurisdiction 地区", loc="lower right", fontsize=8)
        else:
            ax.text(0.5, 0.5, "no funding offer with an amount", transform=ax.transAxes,
                    ha="center", va="center")
        ax.grid(axis="x", alpha=0.3)
        fig.draw_without_rendering()
    return fig


def timeline_chart(data: TimelineData):
    """One row per document, grouped by jurisdiction: ● issued, a bar while in force, ✕ repealed,
    an arrow from each repealed document to the one that repealed it."""
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch

    with matplotlib.rc_context(_rc()):
        docs = data.documents
        rows = {d.iri: i for i, d in enumerate(docs)}
        fig = _figure(10, 1.8 + 0.42 * max(1, len(docs)))
        ax = fig.add_subplot()
        areas = _areas(d.jurisdiction for d in docs)
        colours = matplotlib.colormaps["tab10"]
        colour = {a: colours(i % 10) for i, a in enumerate(areas)} | {NO_AREA: "grey"}
        days = [x for d in docs for x in (d.issued, d.valid_from, d.valid_until, d.repealed_on) if x]
        first = min(days, default=dt.date(2020, 1, 1)) - dt.timedelta(days=120)
        last = max(days, default=dt.date(2021, 1, 1)) + dt.timedelta(days=120)
        for doc in docs:
            y, c = rows[doc.iri], colour[doc.jurisdiction]
            start = doc.valid_from or doc.issued
            end = doc.repealed_on or doc.valid_until
            if start and end:
                ax.plot([start, end], [y, y], color=c, lw=6, alpha=0.35, solid_capstyle="butt")
            elif end:  # a cited document: when it was issued is not in the graph
                ax.plot([first, end], [y, y], color=c, lw=2, ls=":", alpha=0.8)
            if doc.repealed_on and doc.valid_until and doc.valid_until > doc.repealed_on:
                ax.plot([doc.repealed_on, doc.valid_until], [y, y], color="grey", lw=1, ls="--")
            if doc.issued:
                ax.plot([doc.issued], [y], "o", ms=8, color=c,
                        mfc=c if doc.kind == "official" else "white")
            if doc.repealed_on:
                ax.plot([doc.repealed_on], [y], "x", ms=9, mew=2, color="black")
        for old, new, day in data.repeals:
            target = docs[rows[new]]
            x0 = day or docs[rows[old]].repealed_on or _start(target)
            x1 = _start(target) or day
            if x0 is None or x1 is None:
                continue
            ax.add_patch(FancyArrowPatch(
                (mdates.date2num(x0), rows[old]), (mdates.date2num(x1), rows[new]),
                connectionstyle="arc3,rad=0.35", arrowstyle="-|>", mutation_scale=14,
                color="darkred", lw=1.5, shrinkA=6, shrinkB=6))
        ax.set_yticks(range(len(docs)), [d.label for d in docs])
        ax.set_ylim(len(docs) - 0.5, -0.7)
        ax.set_xlim(first, last)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelfontfamily=font_family())
        ax.set_title("文件时间线 · documents by date issued, per jurisdiction", loc="left")
        handles = [Patch(color=colour[a], alpha=0.6, label=a) for a in areas] + [
            Line2D([], [], marker="o", ls="", color="black", label="issued 发布"),
            Line2D([], [], lw=6, alpha=0.35, color="grey", label="in force 有效期"),
            Line2D([], [], marker="x", ls="", mew=2, color="black", label="repealed 废止"),
            Line2D([], [], ls="--", lw=1, color="grey", label="cut short 原定有效期"),
            Line2D([], [], color="darkred", marker=">", label="repealed by → 被…废止")]
        if any(not _start(d) for d in docs):
            handles.append(Line2D([], [], ls=":", lw=2, color="grey",
                                  label="cited only, date issued unknown 仅被引用"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
                  frameon=False)
        if not docs:
            ax.text(0.5, 0.5, "no dated document", transform=ax.transAxes, ha="center")
        fig.draw_without_rendering()
    return fig


# ------------------------------------------------------------------ files


def render(fig, fmt: str = "png") -> bytes:
    """The figure as PNG or SVG bytes, the same bytes for the same figure."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def write_figures(store: Store, out: Path, fmt: str = "png", amount: str = "max", *,
                  timeout: float | None = DEFAULT_TIMEOUT,
                  limit: int | None = DEFAULT_LIMIT) -> list[Path]:
    """Write ``funding.<fmt>`` and ``timeline.<fmt>`` into the folder ``out``; their paths."""
    docs = documents(store, timeout=timeout, limit=limit)
    figures = {
        "funding": funding_chart(funding_data(store, amount, timeout=timeout, limit=limit,
                                              docs=docs)),
        "timeline": timeline_chart(timeline_data(store, timeout=timeout, limit=limit, docs=docs)),
    }
    written = []
    for name, fig in figures.items():
        path = Path(out) / f"{name}.{fmt}"
        atomic_write_bytes(path, render(fig, fmt))
        written.append(path)
    return written
