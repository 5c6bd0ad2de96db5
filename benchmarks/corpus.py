"""Synthetic corpus of policy documents, with the answer key of facts put in.

``python benchmarks/corpus.py --docs N --seed S --out DIR`` writes ``DIR/docs/`` and
``DIR/answers.json`` (the official documents' facts) and ``DIR/reports.json`` (the news
reports). Deterministic: the same N and S give the same bytes. Names (areas) come from the
vocabularies in ``ontology/vocab``; sentences come from the templates here and in
``corpus_mix.py``, never from real documents. The mix is drawn from distributions measured on
real notices and regulations (``distributions.json``, see ``corpus_mix.py``): measures per
document, how many of them state funding figures (most state none) and of which kind,
responsible units; 15 % of the officials are shaped as long regulations, ~30 % of sources are
scraped web pages, ~3 % are news reports on an earlier document quoting the head of its
issuing bureau. Every document number is unique, and so is the IRI it mints. Shapes vary:
numbering styles, both scripts, UTF-8/GB18030/Big5, pinyin annotations, doubled punctuation,
page furniture, every money role, ratios, quotas, tiers, responsible units, validity forms and
repeals of earlier generated documents. ``--plain`` writes the earlier dense shape (text files
only, 3-8 measures each with offers) that the loader tests score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import opencc
from corpus_forms import (
    anniversary_minus_one_day,
    chinese_number,
    date_text,
    money_text,
    numbering,
)
from corpus_mix import (
    FILLERS,
    HTML_SHARE,
    NOTICES,
    REGULATION_SHARE,
    REGULATIONS,
    REPORT_SHARE,
    clause_kind,
    figure_count,
    html_page,
    measure_count,
    news_report,
    unit_count,
)
from pypinyin import Style, pinyin

from policykg.graph.model.iri import document_iri
from policykg.ontology.gazetteer import load_gazetteer

_S2T = opencc.OpenCC("s2t")
_S2TW = opencc.OpenCC("s2tw")

# Document-number prefixes per area level; combined with the area's one-character short form.
NUMBER_KINDS = ["政办发", "政规", "工信规字", "科规", "发改规", "府办", "经信规字", "财规"]
BUREAUS = [
    "工业和信息化局", "科学技术局", "发展和改革局", "财政局", "商务局", "市场监督管理局",
    "人力资源和社会保障局", "政务服务和数据管理局", "教育局", "地方金融管理局",
]
HEADINGS = [
    "强化算力基础设施供给", "支持关键核心技术攻关", "培育优质企业梯队", "推动场景应用示范",
    "完善数据要素支撑体系", "支持开源生态建设", "加强产业投融资服务", "推进标准体系建设",
    "引育高水平人才", "建设创新平台", "打造产业集聚区", "支持重点项目建设", "发展软件产业",
]
CATEGORIES = [
    "人工智能企业", "专精特新中小企业", "高新技术企业", "制造业企业", "软件和信息技术服务企业",
    "单项冠军企业", "中小企业",
]
INSTRUMENTS = ["奖励", "补贴", "资助", "补助"]
VOUCHERS = ["算力券", "模型券", "数据券", "场景券", "语料券"]
COST_BASES = ["实际购买算力服务费用", "年度研发投入", "项目总投资", "设备购置费用", "数据服务费用"]
PURPOSES = ["加快人工智能产业高质量发展", "推动数字经济与实体经济深度融合", "培育新质生产力"]
CLAUSE_KINDS = ["cap", "per", "budget", "threshold", "quota", "share", "tiers", "onetime", "voucher"]
WAN_CHOICES = [5, 10, 20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1000, 2000, 3000, 5000]


@dataclass
class Area:
    """An area from the vocabulary with what documents need: names and level."""

    iri: str
    name: str  # zh-Hans prefLabel, e.g. 杭州市
    level: str
    short: str  # one-character abbreviation used in document numbers


@dataclass
class MeasureKey:
    ordinal: int
    heading: str
    amounts: list[tuple[str, str]] = field(default_factory=list)  # (yuan, role)
    ratios: list[tuple[str, str]] = field(default_factory=list)  # (value, role)
    quotas: list[tuple[int, str | None]] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)


@dataclass
class DocKey:
    file: str
    encoding: str
    script: str
    number: str
    title: str
    date_issued: str
    valid_from: str | None
    valid_until: str | None
    measures: list[MeasureKey]
    repeals: list[str]
    area: str


def _areas() -> list[Area]:
    gaz = load_gazetteer()
    out = []
    for info in sorted(gaz.concepts("area"), key=lambda i: i.iri):
        level = info.link("areaLevel") or ""
        name = info.labels.get("zh-Hans")
        if not name or level not in {"province", "city", "district"}:
            continue
        out.append(Area(info.iri, name, level, name[0]))
    if not out:
        raise SystemExit("No areas in the vocabularies: ontology/vocab must define areas.")
    return out


class Generator:
    """Builds documents one by one; later documents may repeal earlier ones of the same area."""

    def __init__(self, seed: int, plain: bool = False) -> None:
        self.rng = random.Random(seed)
        self.plain = plain  # the dense answer-key shape: 3-8 measures, each with 1-2 offers
        self.areas = _areas()
        self.issued: dict[str, list[tuple[str, str, dt.date]]] = {}  # area → [(title, no., date)]
        self.numbers: set[str] = set()  # document IRIs minted so far
        self.batches: dict[tuple[str, str, int], int] = {}  # (area, subject, year) → titles
        self.officials: list[tuple[DocKey, str]] = []  # (key, issuer) of the documents so far

    def clause(self, m: MeasureKey, kind: str) -> str:
        """One funding clause of ``kind``; records every figure it states in ``m``."""
        rng = self.rng
        cat = rng.choice(CATEGORIES)
        inst = rng.choice(INSTRUMENTS)
        wan = rng.choice(WAN_CHOICES)
        yuan = str(wan * 10000)
        if kind == "cap":
            m.amounts.append((yuan, "cap"))
            return f"对符合条件的{cat}，给予最高{money_text(rng, wan)}{inst}。"
        if kind == "per":
            m.amounts.append((yuan, "cap"))
            return f"经综合评定，单个企业最高可获得{money_text(rng, wan)}{inst}。"
        if kind == "budget":
            m.amounts.append((yuan, "total_budget"))
            return f"政策有效期内扶持总资金不超过{money_text(rng, wan)}，择优支持一批示范项目。"
        if kind == "threshold":
            low = rng.choice([500, 1000, 2000, 5000])
            m.amounts.append((str(low * 10000), "threshold"))
            m.amounts.append((yuan, "cap"))
            return (f"对年度营业收入首次达到{money_text(rng, low)}以上的{cat}，"
                    f"给予最高{money_text(rng, wan)}{inst}。")
        if kind == "quota":
            n = rng.choice([3, 5, 10, 20, 30])
            if rng.random() < 0.5:
                m.quotas.append((n, "PerYear"))
                m.amounts.append((yuan, "cap"))
                return f"每年择优支持不超过{n}个项目，每个项目给予最高{money_text(rng, wan)}{inst}。"
            m.quotas.append((n, "PerPolicyTerm"))
            return f"政策有效期内遴选不超过{n}个标杆案例，给予资金支持。"
        if kind == "share":
            pct = rng.choice([10, 20, 30, 40, 50])
            m.ratios.append((str(Decimal(pct) / 100), "cost_share"))
            m.amounts.append((yuan, "cap"))
            basis = rng.choice(COST_BASES)
            return f"按不超过其{basis}的{pct}%给予{inst}，最高{money_text(rng, wan)}。"
        if kind == "tiers":
            hi, lo = sorted(rng.sample(WAN_CHOICES[4:], 2), reverse=True)
            m.amounts.append((str(hi * 10000), "cap"))
            m.amounts.append((str(lo * 10000), "cap"))
            return (f"对新认定的国家级、省级创新中心，分别给予最高{money_text(rng, hi)}、"
                    f"{money_text(rng, lo)}的{inst}。")
        if kind == "onetime":
            m.amounts.append((yuan, "cap"))
            return f"对首次通过认定的{cat}，给予最高{money_text(rng, wan)}一次性奖励。"
        voucher = rng.choice(VOUCHERS)
        per = rng.choice([10, 20, 50, 100])
        m.amounts.append((yuan, "total_budget"))
        m.amounts.append((str(per * 10000), "cap"))
        return (f"政策有效期内，发放总额不超过{money_text(rng, wan)}“{voucher}”，"
                f"单个企业最高可享受{money_text(rng, per)}。")

    def header(self) -> tuple[Area, int, dt.date, str]:
        """Area, year, date and document number of the next document. The number is unique in
        the corpus, and so is the IRI it mints (homophone prefixes such as 杭/航 share a pinyin
        slug, so the IRI is what is kept unique): a taken serial moves to the next free one."""
        rng = self.rng
        area = rng.choice(self.areas)
        year = rng.choice([2021, 2022, 2023, 2024, 2025])
        issued = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
        prefix, serial = f"{area.short}{rng.choice(NUMBER_KINDS)}", rng.randrange(1, 60)
        while str(document_iri(f"{prefix}〔{year}〕{serial}号")) in self.numbers:
            serial += 1
        number = f"{prefix}〔{year}〕{serial}号"
        self.numbers.add(str(document_iri(number)))
        return area, year, issued, number

    def measure(self, i: int, heading: str, area: Area, tree: str) -> tuple[MeasureKey, str]:
        """Measure ``i``: as many funding figures as real measures of ``tree`` state (most state
        none: a sentence of intent), then its responsible units, if any."""
        rng = self.rng
        m = MeasureKey(i, heading)
        if self.plain:
            clauses = [self.clause(m, rng.choice(CLAUSE_KINDS)) for _ in range(rng.randrange(1, 3))]
            units = rng.sample(BUREAUS, rng.randrange(1, 3))
        else:
            wanted, clauses = figure_count(rng, tree), []
            while len(m.amounts) + len(m.ratios) + len(m.quotas) < wanted:
                clauses.append(self.clause(m, clause_kind(rng, tree)))
            units = rng.sample(BUREAUS, min(unit_count(rng, tree), len(BUREAUS)))
        text = " ".join(clauses) or rng.choice(FILLERS)
        m.responsible = [area.name + u for u in units]
        return m, text + (f"（责任单位：{'、'.join(m.responsible)}）" if units else "")

    def document(self, index: int, tree: str = NOTICES) -> tuple[str, DocKey]:
        rng = self.rng
        area, year, issued, number = self.header()
        issuer = area.name + rng.choice(BUREAUS)
        subject = rng.choice(["人工智能产业", "机器人产业", "数字经济", "软件产业", "算力产业"])
        batch = self.batches[(area.iri, subject, year)] = self.batches.get((area.iri, subject, year), 0) + 1
        kind = "若干措施" if tree == NOTICES else "发展促进办法"
        title = f"{area.name}支持{subject}{kind}（{year}年第{chinese_number(batch)}批）"
        style = rng.choice(["yi", "tiao", "tiao_h", "paren", "arabic"]) if tree == NOTICES else "tiao"
        n_measures = rng.randrange(3, 9) if self.plain else measure_count(rng, tree)
        measures: list[MeasureKey] = []
        body: list[str] = []
        for i in range(1, n_measures + 1):
            heading = rng.choice(HEADINGS)
            m, clauses = self.measure(i, heading, area, tree)
            resp = ""
            if style == "tiao_h":
                body.append(f"第{chinese_number(i)}条 【{heading}】{clauses}{resp}")
            else:
                body.append(f"{numbering(style, i)}{heading}。{clauses}{resp}")
            measures.append(m)
        # validity
        if rng.random() < 0.5:
            years = rng.choice([2, 3, 5])
            validity = f"本措施自印发之日起实施，有效期{years}年。"
            until = anniversary_minus_one_day(issued, years)
        else:
            until = dt.date(year + rng.choice([1, 2, 3]), 12, 31)
            validity = f"本措施自印发之日起施行，有效期至{date_text(rng, until)}。"
        repeals: list[str] = []
        # Only a document issued on or before this one can be repealed by it.
        earlier = [(t, n) for t, n, d in self.issued.get(area.iri, []) if d <= issued]
        if earlier and rng.random() < 0.4:
            old_title, old_number = rng.choice(earlier)
            repeals.append(old_number)
            validity += f"原《{old_title}》（{old_number}）同时废止。"
        self.issued.setdefault(area.iri, []).append((title, number, issued))
        closing = f"{numbering(style, n_measures + 1) if style != 'tiao_h' else f'第{chinese_number(n_measures + 1)}条 【附则】'}"
        # The supplementary article is numbered too, so it is a measure.
        sup = MeasureKey(n_measures + 1, "附则")
        measures.append(sup)
        notice = f"{issuer}关于印发{title}的通知"
        lines = [
            notice,
            number,
            "各有关单位：",
            f"现将《{title}》印发给你们，请认真贯彻执行。",
            issuer,
            date_text(rng, issued),
            title,
            f"为{rng.choice(PURPOSES)}，结合本地实际，制定本措施。",
            *body,
            f"{closing}{'附则。' if style != 'tiao_h' else ''}{validity}",
        ]
        text = "\n".join(lines) + "\n"
        key = DocKey(
            file="", encoding="", script="zh-Hans", number=number, title=title,
            date_issued=issued.isoformat(), valid_from=issued.isoformat(),
            valid_until=until.isoformat(), measures=measures, repeals=repeals, area=area.iri,
        )
        return text, key

    def noise(self, text: str, *, pinyin_ok: bool = True) -> str:
        """Scraping noise: pinyin after some Han characters, doubled commas, page furniture."""
        rng = self.rng
        if rng.random() < 0.3 and pinyin_ok:
            out = []
            for ch in text:
                out.append(ch)
                if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.03:
                    out.append(f"({pinyin(ch, style=Style.TONE)[0][0]})")
            text = "".join(out)
        if rng.random() < 0.3:
            text = text.replace("，", "，，", rng.randrange(1, 6))
        if rng.random() < 0.3:
            text = "时间：2025/1/2 10:00:00 作者： 点击数：\n" + text + "打印本页 关闭窗口\n"
        return text


def _encoded(gen: Generator, text: str, key_script: list[str], title: str,
             page: bool) -> tuple[bytes, str]:
    """A source's bytes: encoding and script drawn, scraping noise, as a web page when ``page``."""
    choice = gen.rng.random()
    encoding = "gb18030" if choice < 0.2 else "utf-8"
    if gen.rng.random() < 0.3:
        key_script[0] = "zh-Hant"
        if choice < 0.4:
            # Big5 pages use Taiwan forms (為), the circle ○ for 〇, and carry no pinyin.
            encoding = "big5"
            text, title = (_S2TW.convert(t).replace("〇", "○") for t in (text, title))
        else:
            encoding = "utf-8"
            text, title = _S2T.convert(text), _S2T.convert(title)
    text = gen.noise(text, pinyin_ok=encoding != "big5")
    if page:
        text = html_page(text.splitlines(), title, encoding)
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:
        if page:
            text = text.replace(f'charset="{encoding}"', 'charset="utf-8"')
        return text.encode("utf-8"), "utf-8"


def generate(n: int, seed: int, out: Path, plain: bool = False) -> list[DocKey]:
    """Write ``n`` sources and the answer keys under ``out``: ``answers.json`` (the official
    documents) and ``reports.json`` (the news reports, a few per hundred sources, each naming
    the document it reports on and the official it quotes); return the officials' keys.
    ``plain``: only official documents, as text files ``doc_NNNNNN.txt``, each measure with
    offers (the dense shape the loader tests score)."""
    gen = Generator(seed, plain)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    keys, reports = [], []
    for i in range(n):
        page = not plain and gen.rng.random() < HTML_SHARE
        suffix = ".html" if page else ".txt"
        if not plain and gen.officials and gen.rng.random() < REPORT_SHARE:
            text, report = news_report(gen.rng, gen.officials, BUREAUS)
            script = ["zh-Hans"]
            data, encoding = _encoded(gen, text, script, text.split("\n", 1)[0], page)
            report.update(file=f"news_{i:06d}{suffix}", encoding=encoding, script=script[0])
            (docs_dir / report["file"]).write_bytes(data)
            reports.append(report)
            continue
        tree = REGULATIONS if not plain and gen.rng.random() < REGULATION_SHARE else NOTICES
        text, key = gen.document(i, tree)
        script = [key.script]
        data, key.encoding = _encoded(gen, text, script, key.title, page)
        key.script, key.file = script[0], f"doc_{i:06d}{suffix}"
        (docs_dir / key.file).write_bytes(data)
        keys.append(key)
        gen.officials.append((key, text.split("\n", 1)[0].split("关于印发", 1)[0]))
    _write_json(out / "answers.json", [_as_json(k) for k in keys])
    _write_json(out / "reports.json", reports)
    return keys


def _write_json(path: Path, data: list) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    tmp.replace(path)


def _as_json(key: DocKey) -> dict:
    d = dict(key.__dict__)
    d["measures"] = [dict(m.__dict__) for m in key.measures]
    return d


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="number of documents")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--plain", action="store_true",
                        help="official text files only, every measure with offers (loader tests)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        print("--docs must be at least 1.", file=sys.stderr)
        return 2
    generate(args.docs, args.seed, args.out, plain=args.plain)
    print(f"wrote {args.docs} sources, answers.json and reports.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
