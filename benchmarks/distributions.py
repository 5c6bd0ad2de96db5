"""Measure the shape of real documents, for the corpus generator: numbers only, never text.

``python benchmarks/distributions.py ../shared/realtext ../shared/govtext/shanghai
--out benchmarks/distributions.json``

Every file of the trees (``*.md``; a collection's front matter and ``> `` lines are stripped, as
``realtext.py`` does) is read by the loader. For the documents routed as official it counts, per
document, the numbered measures, and per measure the funding figures by role (cap, budget,
threshold, …), cost shares, quotas and responsible units, and whether the document has a
document number, a validity and repeals; for the others (reports) whether they name an
official by office (局长, 主任, …). What is written is only these counts turned into
distributions (histograms as ``{value: share}``, shares per kind), per tree and pooled: no
title, name or sentence of the sources. ``benchmarks/corpus.py`` draws from the pooled file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from realtext import front_matter_stripped, load_text  # noqa: E402

from policykg.loaders.records import OfficialDocument  # noqa: E402

OFFICIAL_TITLES = re.compile(r"(局长|主任|厅长|市长|区长|省长|书记|部长|负责人|副主任|处长)")
MEASURE_BINS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 50, 80, 120)


def _bin(n: int, bins: tuple[int, ...]) -> int:
    """The largest bin edge not above ``n`` (0 stays 0)."""
    return max([b for b in bins if b <= n], default=0)


def _shares(counter: Counter) -> dict[str, float]:
    total = sum(counter.values())
    return {str(k): round(v / total, 4) for k, v in sorted(counter.items())} if total else {}


def measure_tree(root: Path) -> dict:
    """The counts of one tree, as distributions."""
    files = sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md")
    measures, per_measure_offers, kinds, units = Counter(), Counter(), Counter(), Counter()
    flags, reports = Counter(), Counter()
    for path in files:
        text = front_matter_stripped(path.read_text("utf-8", errors="replace"))
        record, _, _ = load_text(path.name, text)
        if not isinstance(record, OfficialDocument):
            reports["report"] += 1
            reports["names_an_official"] += bool(OFFICIAL_TITLES.search(text))
            continue
        flags["official"] += 1
        flags["number"] += bool(record.number)
        flags["validity"] += record.valid_until is not None
        flags["repeals"] += bool(record.repeals)
        measures[_bin(len(record.measures), MEASURE_BINS)] += 1
        for m in record.measures:
            figures = len(m.amounts) + len(m.ratios) + len(m.quotas)
            per_measure_offers[min(figures, 6)] += 1
            kinds.update(f"amount:{a.role}" for a in m.amounts)
            kinds.update(f"ratio:{r.role}" for r in m.ratios)
            kinds.update("quota" for _ in m.quotas)
            units[min(len(m.responsible), 4)] += 1
    official = flags["official"] or 1
    return {
        "files": len(files),
        "official": flags["official"],
        "reports": reports["report"],
        "reports_naming_an_official": reports["names_an_official"],
        "measures_per_document": _shares(measures),
        "figures_per_measure": _shares(per_measure_offers),
        "figure_kinds": _shares(kinds),
        "responsible_units_per_measure": _shares(units),
        "share_with_number": round(flags["number"] / official, 4),
        "share_with_validity": round(flags["validity"] / official, 4),
        "share_with_repeals": round(flags["repeals"] / official, 4),
    }


def pooled(parts: dict[str, dict]) -> dict:
    """The trees' distributions pooled, each weighted by its number of official documents."""
    out: dict = {}
    total = sum(p["official"] for p in parts.values()) or 1
    for key in ("measures_per_document", "figures_per_measure", "figure_kinds",
                "responsible_units_per_measure"):
        mixed: Counter = Counter()
        for p in parts.values():
            for value, share in p[key].items():
                mixed[value] += share * p["official"] / total
        out[key] = {k: round(v, 4) for k, v in sorted(mixed.items())}
    for key in ("share_with_number", "share_with_validity", "share_with_repeals"):
        out[key] = round(sum(p[key] * p["official"] for p in parts.values()) / total, 4)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    missing = [t for t in args.trees if not t.is_dir()]
    if missing:
        print(f"{missing[0]}: no such folder of documents.", file=sys.stderr)
        return 2
    parts = {t.name: measure_tree(t) for t in args.trees}
    doc = {"source_trees": parts, "pooled": pooled(parts)}
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(json.dumps(doc["pooled"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
