"""Run the loader over a tree of real documents and report how it reads them.

``python benchmarks/realtext.py PATH [--json] [--limit N] [--show N]``

Two kinds of trees are understood (several may be given; each is scored on its own):

* **regulations** (``../shared/realtext/``): Markdown files named ``TITLE(YYYY-MM-DD).md``. Each
  file is read as plain text (the Markdown is not interpreted). Reported: the share routed as an
  official document, title and date agreement with the file name, measures per document, facts
  by kind, offers and funding amounts read from penalty clauses (must be 0), issuers found,
  seconds per document and the slowest files, errors.
* **notices with gold** (a folder holding ``index.csv`` beside ``NNN.md`` files, such as
  ``../shared/govtext/shanghai/``): the front matter (``---`` … ``---``) and the collection's
  ``> `` lines are stripped first, so every fact must come from the body; then each header fact
  is scored against ``index.csv``: routed as official, title (the notice title or its inner
  《…》 title), document number (only where the body contains it), every issuer (strict: as the
  gold names it; lenient: abbreviations and 办公室/办公厅 accepted), a date within 31 days of the
  publication date, at least one measure. Misses are listed.

``--provisions N`` instead times the loader on generated documents of N/10 and N numbered
provisions (each with an offer and a responsible unit) and prints the seconds of each and their
ratio per provision, which is 1.0 when parsing is linear (issue 17 asks 20,000 provisions in
under 10 s).

Nothing is written; the figures go to standard output (``--json``: one JSON object).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from policykg.loaders.dates import find_dates  # noqa: E402
from policykg.loaders.records import OfficialDocument, Report  # noqa: E402
from policykg.loaders.route import parse_source  # noqa: E402
from policykg.loaders.source import source_from_bytes  # noqa: E402
from policykg.ontology.gazetteer import load_gazetteer, to_simplified  # noqa: E402

_FILE_NAME = re.compile(r"^(?P<title>.+?)(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?$")
_PENALTY = re.compile(r"罚款|罚金|没收|处以|责令|吊销|违法所得|赔偿")
_FUNDING_ROLES = ("cap", "per_recipient_cap", "total_budget", "unit_rate", "threshold")


# ------------------------------------------------------------------ reading


def front_matter_stripped(text: str) -> str:
    """The body of a collection file: front matter and ``> `` disclaimer lines removed."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end >= 0:
            text = text[end + 4 :]
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith(">")]
    return "\n".join(lines).lstrip("\n")


def load_text(name: str, text: str) -> tuple[object, str | None, float]:
    """Parse ``text`` as a source called ``name``: (record or None, error, seconds)."""
    t0 = time.perf_counter()
    try:
        source = source_from_bytes(text.encode("utf-8"), name, name)
    except Exception as err:  # noqa: BLE001
        return None, str(err), time.perf_counter() - t0
    result = parse_source(source)
    return result.record, result.error, time.perf_counter() - t0


def squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", to_simplified(text or ""))


def _uncountried(title: str | None) -> str:
    return squeeze(title).replace("中华人民共和国", "")


def sentence_around(text: str, start: int, end: int) -> str:
    s = max(text.rfind(c, 0, start) for c in "。；\n") + 1
    end = end - 1 if end > start and text[end - 1] in "。；\n" else end
    ends = [i for i in (text.find(c, end) for c in "。；\n") if i >= 0]
    return text[s : min(ends) if ends else len(text)]


# ------------------------------------------------------------------ regulations


@dataclass
class Tally:
    files: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    official: int = 0
    report: list[str] = field(default_factory=list)
    title_ok: int = 0
    title_miss: list[tuple[str, str | None]] = field(default_factory=list)
    dated: int = 0
    date_ok: int = 0
    date_miss: list[tuple[str, str, str | None]] = field(default_factory=list)
    with_issuer: int = 0
    issuer_resolved: int = 0
    no_issuer: list[str] = field(default_factory=list)
    measures: list[int] = field(default_factory=list)
    no_measures: list[str] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    penalty_offers: list[tuple[str, str]] = field(default_factory=list)
    penalty_amounts: list[tuple[str, str]] = field(default_factory=list)
    seconds: list[tuple[float, str]] = field(default_factory=list)


def count_facts(doc: OfficialDocument, tally: Tally, name: str) -> None:
    text = doc.source.text
    for m in doc.measures:
        tally.facts["offers"] += len(m.offers)
        tally.facts["responsible"] += len(m.responsible) + len(m.cooperating)
        tally.facts["quotas"] += len(m.quotas)
        tally.facts["sectors"] += len(m.sectors)
        tally.facts["categories"] += len(m.categories)
        for a in m.amounts:
            tally.facts[f"amount:{a.role}"] += 1
            if a.role in _FUNDING_ROLES and _PENALTY.search(
                    sentence_around(text, a.span.start, a.span.end)):
                tally.penalty_amounts.append((name, sentence_around(
                    text, a.span.start, a.span.end)[:120]))
        for r in m.ratios:
            tally.facts[f"ratio:{r.role}"] += 1
        for o in m.offers:
            if _PENALTY.search(sentence_around(text, o.span.start, o.span.end)):
                tally.penalty_offers.append((name, o.span.text[:120]))
    tally.facts["repeals"] += len(doc.repeals)
    tally.facts["validity"] += int(doc.valid_from is not None or doc.valid_until is not None)


def score_regulations(root: Path, limit: int | None) -> dict:
    files = sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md")
    if limit:
        files = files[:limit]
    gaz = load_gazetteer()
    del gaz  # loaded once before timing
    tally = Tally()
    for path in files:
        tally.files += 1
        rel = str(path.relative_to(root))
        gold = _FILE_NAME.match(path.stem)
        record, error, seconds = load_text(path.name, path.read_text("utf-8", errors="replace"))
        tally.seconds.append((seconds, rel))
        if record is None:
            tally.errors.append((rel, error or "no record"))
            continue
        if isinstance(record, Report):
            tally.report.append(rel)
            continue
        assert isinstance(record, OfficialDocument)
        tally.official += 1
        # the collection's file names drop the country's name (中华人民共和国) from titles
        gold_title = _uncountried(gold.group("title")) if gold else ""
        got = {_uncountried(record.title), _uncountried(record.notice_title)}
        if gold_title and gold_title in got:
            tally.title_ok += 1
        else:
            tally.title_miss.append((rel, record.title))
        if gold and gold.group("date"):
            tally.dated += 1
            iso = record.date_issued.isoformat() if record.date_issued else None
            if iso == gold.group("date"):
                tally.date_ok += 1
            else:
                tally.date_miss.append((rel, gold.group("date"), iso))
        if record.issuers:
            tally.with_issuer += 1
            if all(i.concept for i in record.issuers):
                tally.issuer_resolved += 1
        else:
            tally.no_issuer.append(rel)
        tally.measures.append(len(record.measures))
        if not record.measures:
            tally.no_measures.append(rel)
        count_facts(record, tally, rel)
    secs = sorted(tally.seconds, reverse=True)
    return {
        "kind": "regulations",
        "root": str(root),
        "files": tally.files,
        "errors": tally.errors,
        "official": tally.official,
        "official_share": round(tally.official / max(1, tally.files), 4),
        "routed_as_report": tally.report,
        "title_agreement": round(tally.title_ok / max(1, tally.official), 4),
        "title_misses": tally.title_miss,
        "date_agreement": round(tally.date_ok / max(1, tally.dated), 4),
        "dated_files": tally.dated,
        "date_misses": tally.date_miss,
        "with_issuer": tally.with_issuer,
        "issuer_resolved": tally.issuer_resolved,
        "no_issuer": tally.no_issuer,
        "measures_per_document": {
            "mean": round(statistics.mean(tally.measures), 2) if tally.measures else 0,
            "median": statistics.median(tally.measures) if tally.measures else 0,
        },
        "no_measures": tally.no_measures,
        "facts": dict(sorted(tally.facts.items())),
        "penalty_offers": tally.penalty_offers,
        "penalty_amounts": tally.penalty_amounts,
        "seconds_per_document": {
            "mean": round(statistics.mean(s for s, _ in secs), 4) if secs else 0,
            "max": round(secs[0][0], 4) if secs else 0,
        },
        "slowest": [(round(s, 3), name) for s, name in secs[:5]],
    }


# ------------------------------------------------------------------ notices with gold

_PREFIX = re.compile(r"^(?:上海市)")


def _lenient(name: str) -> str:
    """A name with the forms the scorer accepts as equal folded together."""
    name = squeeze(name)
    name = re.sub(r"(办公室|办公厅)$", "", name)
    name = name.replace("人民政府", "政府")
    name = _PREFIX.sub("", name)
    return name


def _named_in(gold: str, body: str) -> bool:
    """Whether the body names a gold issuer: its full name, or the name without the city
    prefix (上海市X区… as X区…, 上海市…局 as 市…局), with 人民政府 or 政府 — a fair scorer scores only what the page says."""
    text = squeeze(body).replace("人民政府", "政府")
    full = squeeze(gold).replace("人民政府", "政府")
    forms = {full, re.sub(r"^上海市(?!.{1,3}区)", "市", full), re.sub(r"^上海市(?=.{1,3}区)", "", full)}
    return any(len(f) > 3 and f in text for f in forms)


def _title_forms(title: str | None) -> set[str]:
    t = squeeze(title).strip("《》")
    if not t:
        return set()
    out = {t}
    i = t.find("关于")
    if i > 0:
        out.add(t[i:])
    return out


def _date(value: str) -> dt.date | None:
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", value.strip())
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 15))


def score_notices(root: Path, limit: int | None) -> dict:
    rows = list(csv.DictReader((root / "index.csv").open(encoding="utf-8")))
    if limit:
        rows = rows[:limit]
    load_gazetteer()
    counts: Counter = Counter()
    misses: dict[str, list] = {k: [] for k in (
        "official", "title", "number", "issuer", "issuer_lenient", "issuer_named_in_body", "date",
        "date_in_body", "measures", "error")}
    seconds = []
    for row in rows:
        path = root / row["file"]
        if not path.is_file() or not (row.get("title") or "").strip():
            continue  # a file the index does not describe (075) is not scored
        counts["scored"] += 1
        body = front_matter_stripped(path.read_text("utf-8", errors="replace"))
        record, error, secs = load_text(path.name, body)
        seconds.append(secs)
        if record is None:
            misses["error"].append((row["file"], error))
            for k in ("official", "title", "issuer", "issuer_lenient", "measures"):
                misses[k].append((row["file"], None))
            continue
        official = isinstance(record, OfficialDocument)
        counts["official"] += official
        if not official:
            misses["official"].append((row["file"], "report"))
        title = getattr(record, "title", None)
        notice = getattr(record, "notice_title", None)
        gold_title = _title_forms(row["title"])
        got_title = _title_forms(title) | _title_forms(notice) if official else _title_forms(title)
        if gold_title & got_title:
            counts["title"] += 1
        else:
            misses["title"].append((row["file"], notice or title))
        number = (row.get("document_number") or "").strip()
        if number and number != "-":
            gold_number = squeeze(number).replace("(", "〔").replace(")", "〕")
            if squeeze(body).find(gold_number) >= 0 or gold_number in squeeze(body).replace(
                    "［", "〔").replace("］", "〕"):
                counts["number_in_body"] += 1
                if official and squeeze(record.number) == gold_number:
                    counts["number"] += 1
                else:
                    misses["number"].append((row["file"], getattr(record, "number", None)))
        gold_issuers = [n for n in re.split(r"[、\s]+", row.get("issuer") or "") if n]
        names = []
        if official:
            for ref in record.issuers:
                names.append(ref.name)
        strict = bool(gold_issuers) and all(squeeze(g) in {squeeze(n) for n in names}
                                            for g in gold_issuers)
        lenient_names = {_lenient(n) for n in names}
        lenient = bool(gold_issuers) and all(
            _lenient(g) in lenient_names or any(ln.endswith(_lenient(g)) for ln in lenient_names)
            for g in gold_issuers)
        counts["issuer"] += strict
        counts["issuer_lenient"] += lenient
        if not names:
            counts["no_issuer"] += 1
        if not strict:
            misses["issuer"].append((row["file"], names))
        if not lenient:
            misses["issuer_lenient"].append((row["file"], row.get("issuer"), names))
        if gold_issuers and all(_named_in(g, body) for g in gold_issuers):
            counts["issuer_in_body"] += 1
            counts["issuer_in_body_right"] += lenient
            if not lenient:
                misses["issuer_named_in_body"].append((row["file"], row.get("issuer"), names))
        gold_date = _date(row.get("date") or "")
        if gold_date is not None:
            counts["dated"] += 1
            got = getattr(record, "date_issued", None) if official else getattr(record, "date", None)
            if got is not None and abs((got - gold_date).days) <= 31:
                counts["date"] += 1
            if any(abs((f.value - gold_date).days) <= 31 for f in find_dates(body)):
                counts["date_in_body"] += 1
                right = got is not None and abs((got - gold_date).days) <= 31
                counts["date_in_body_right"] += right
                if not right:
                    misses["date_in_body"].append(
                        (row["file"], row["date"], got.isoformat() if got else None))
            else:
                misses["date"].append((row["file"], row["date"], got.isoformat() if got else None))
        if official and record.measures:
            counts["measures"] += 1
        else:
            misses["measures"].append((row["file"], None))
    n = counts["scored"]

    def share(k: str, of: int) -> float:
        return round(counts[k] / of, 4) if of else 0.0

    return {
        "kind": "notices",
        "root": str(root),
        "scored": n,
        "official": f"{counts['official']}/{n}",
        "title": f"{counts['title']}/{n}",
        "number": f"{counts['number']}/{counts['number_in_body']}",
        "issuer": f"{counts['issuer']}/{n}",
        "issuer_lenient": f"{counts['issuer_lenient']}/{n}",
        "no_issuer": counts["no_issuer"],
        "date_within_31_days": f"{counts['date']}/{counts['dated']}",
        "issuer_where_body_names_it": f"{counts['issuer_in_body_right']}/{counts['issuer_in_body']}",
        "date_where_body_has_it": f"{counts['date_in_body_right']}/{counts['date_in_body']}",
        "measures": f"{counts['measures']}/{n}",
        "shares": {"official": share("official", n), "title": share("title", n),
                   "issuer": share("issuer", n), "issuer_lenient": share("issuer_lenient", n),
                   "date": share("date", counts["dated"]), "measures": share("measures", n)},
        "seconds_per_document": round(statistics.mean(seconds), 4) if seconds else 0,
        "misses": misses,
    }


# ------------------------------------------------------------------ linearity

_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """12345 → 一万二千三百四十五 (positional Chinese numeral, as articles are numbered)."""
    out, zero = "", False
    for unit, ch in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if zero else "") + _DIGITS[d] + ch
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero and out else "") + _DIGITS[n]
    return out


def provisions_document(n: int) -> str:
    """A generated regulation of ``n`` articles, each with an offer and a responsible unit."""
    body = "\n".join(
        f"第{chinese_ordinal(i)}条 对符合条件的企业，给予最高{i % 90 + 10}万元奖励。"
        f"（责任单位：市科技局）" for i in range(1, n + 1))
    return "某市科技创新促进条例\n" + body + "\n"


def time_provisions(n: int) -> dict:
    from policykg.loaders.official import parse_official

    load_gazetteer()
    out = {}
    for size in (max(1, n // 10), n):
        source = source_from_bytes(provisions_document(size).encode("utf-8"), "generated.txt")
        t0 = time.perf_counter()
        doc = parse_official(source)
        out[size] = (time.perf_counter() - t0, len(doc.measures))
    (small, (ts, ms)), (big, (tb, mb)) = sorted(out.items())
    return {"kind": "provisions", "sizes": {small: {"seconds": round(ts, 3), "measures": ms},
                                            big: {"seconds": round(tb, 3), "measures": mb}},
            "per_provision_ratio": round((tb / big) / (ts / small), 3)}


# ------------------------------------------------------------------ output


def print_summary(result: dict, show: int) -> None:
    print(f"== {result['root']} ({result['kind']})")
    if result["kind"] == "regulations":
        print(f"files {result['files']}, errors {len(result['errors'])}, official "
              f"{result['official']} ({result['official_share']:.1%})")
        print(f"title agreement {result['title_agreement']:.1%}; date agreement "
              f"{result['date_agreement']:.1%} of {result['dated_files']} dated")
        print(f"issuer found {result['with_issuer']}, all resolved {result['issuer_resolved']}")
        print(f"measures per document {result['measures_per_document']}; "
              f"no measures {len(result['no_measures'])}")
        print(f"facts {result['facts']}")
        print(f"offers from penalty clauses {len(result['penalty_offers'])}; funding amounts in "
              f"penalty clauses {len(result['penalty_amounts'])}")
        print(f"seconds/doc {result['seconds_per_document']}; slowest {result['slowest']}")
        for key in ("errors", "routed_as_report", "title_misses", "date_misses", "no_issuer",
                    "no_measures", "penalty_offers", "penalty_amounts"):
            items = result[key]
            if items:
                print(f"-- {key} ({len(items)}):")
                for item in items[:show]:
                    print("   ", item)
        return
    for key in ("official", "title", "number", "issuer", "issuer_lenient",
                "issuer_where_body_names_it", "date_within_31_days", "date_where_body_has_it",
                "measures"):
        print(f"{key:>20}: {result[key]}")
    print(f"{'no issuer':>20}: {result['no_issuer']}")
    print(f"{'seconds/doc':>20}: {result['seconds_per_document']}")
    for key, items in result["misses"].items():
        if items:
            print(f"-- misses {key} ({len(items)}):")
            for item in items[:show]:
                print("   ", item)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a tree of real documents")
    parser.add_argument("--provisions", type=int, default=None, metavar="N",
                        help="time generated documents of N/10 and N provisions instead")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit", type=int, default=None, help="score the first N files only")
    parser.add_argument("--show", type=int, default=15, help="misses listed per kind")
    args = parser.parse_args(argv)
    if args.provisions:
        result = time_provisions(args.provisions)
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    if not args.paths:
        parser.error("name a tree of real documents, or --provisions N")
    results = []
    for p in args.paths:
        root = Path(p)
        if not root.is_dir():
            print(f"{root} is not a folder.", file=sys.stderr)
            return 2
        trees = [root] if (root / "index.csv").is_file() else [
            d for d in sorted(root.iterdir()) if (d / "index.csv").is_file()] or [root]
        for tree in trees:
            if (tree / "index.csv").is_file():
                results.append(score_notices(tree, args.limit))
            else:
                results.append(score_regulations(tree, args.limit))
    if args.json:
        json.dump(results if len(results) > 1 else results[0], sys.stdout, ensure_ascii=False,
                  indent=1, default=str)
        print()
    else:
        for r in results:
            print_summary(r, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
