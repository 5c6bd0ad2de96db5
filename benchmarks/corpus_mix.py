"""What makes the generated corpus look like what users load: measured distributions, HTML pages
and news reports that quote officials (used by ``benchmarks/corpus.py``).

The distributions are ``benchmarks/distributions.json``, measured by
``benchmarks/distributions.py`` on real regulations (``realtext``) and real notices
(``govtext/shanghai``): measures per document, figures per measure, the kinds of figures, and
responsible units per measure. Only those numbers are kept; every sentence here is written for
the generator. Contract: every draw goes through the generator's one ``random.Random``, so the
corpus stays deterministic.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
from functools import cache
from pathlib import Path

DISTRIBUTIONS = Path(__file__).resolve().parent / "distributions.json"
NOTICES, REGULATIONS = "shanghai", "realtext"  # the measured trees (distributions.json keys)
REGULATION_SHARE = 0.15  # officials shaped as long regulations (the rest: notices)
HTML_SHARE = 0.3  # sources written as scraped web pages
REPORT_SHARE = 0.03  # sources that are news reports on an earlier document, quoting an official
# A figure kind measured on real text → the generator's clause kinds that state it.
CLAUSES_OF_KIND = {
    "amount:cap": ("cap", "onetime", "tiers"), "amount:per_recipient_cap": ("per",),
    "amount:threshold": ("threshold",), "amount:total_budget": ("budget", "voucher"),
    "quota": ("quota",), "ratio:cost_share": ("share",),
}
FILLERS = [
    "各有关部门要加强统筹协调，明确任务分工，确保各项工作落到实处。",
    "鼓励企业加大研发投入，提升自主创新能力和核心竞争力。",
    "优化政务服务流程，提高政策兑现效率，营造良好营商环境。",
    "加强政策宣传解读，及时总结推广典型经验做法。",
    "完善监测评估机制，定期跟踪政策实施效果并动态调整。",
    "支持高校、科研院所与企业开展产学研合作，共同培养专业人才。",
    "推动产业链上下游协同发展，提升本地配套能力。",
    "强化知识产权保护，健全成果转化服务体系。",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["建国", "志强", "海峰", "晓东", "丽华", "文斌", "国栋", "静怡", "立新", "永红"]
NEWSPAPERS = ["日报", "晚报", "科技报", "商报", "发布"]
REPORTERS = ["周文", "陈静", "李想", "王宁", "赵蕾", "孙航"]


@cache
def distributions() -> dict:
    """The measured distributions (a clear error when the file is missing)."""
    if not DISTRIBUTIONS.is_file():
        raise SystemExit(f"{DISTRIBUTIONS} is missing: run benchmarks/distributions.py first.")
    return json.loads(DISTRIBUTIONS.read_text(encoding="utf-8"))["source_trees"]


def draw(rng: random.Random, shares: dict[str, float]) -> str:
    """One key of ``shares`` ({value: share}), with its probability."""
    keys = sorted(shares)
    return rng.choices(keys, weights=[shares[k] for k in keys])[0]


def measure_count(rng: random.Random, tree: str) -> int:
    """Measures in a document of ``tree``: a bin drawn, then a count within it (at least 1)."""
    bins = sorted(int(b) for b in distributions()[tree]["measures_per_document"])
    low = int(draw(rng, distributions()[tree]["measures_per_document"]))
    higher = [b for b in bins if b > low]
    high = higher[0] - 1 if higher else low + low // 4
    return max(1, rng.randint(low, max(low, high)))


def figure_count(rng: random.Random, tree: str) -> int:
    """The funding figures one measure states (0 for most measures of real documents)."""
    return int(draw(rng, distributions()[tree]["figures_per_measure"]))


def clause_kind(rng: random.Random, tree: str) -> str:
    """A clause kind, drawn with the measured share of the figure kind it states."""
    kinds = {k: v for k, v in distributions()[tree]["figure_kinds"].items() if k in CLAUSES_OF_KIND}
    return rng.choice(CLAUSES_OF_KIND[draw(rng, kinds)])


def unit_count(rng: random.Random, tree: str) -> int:
    """Responsible units named after one measure."""
    return int(draw(rng, distributions()[tree]["responsible_units_per_measure"]))


def html_page(lines: list[str], title: str, encoding: str) -> str:
    """The document as a scraped web page: navigation, one paragraph per line, a footer."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{encoding}">'
            f"<title>{html.escape(title)}</title></head>\n<body>\n"
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a></div>\n'
            f'<div class="article">\n{body}\n</div>\n'
            '<div class="footer">主办单位：本站 | 网站地图 | 联系我们</div>\n</body></html>\n')


def news_report(rng: random.Random, officials: list, bureaus: list[str]) -> tuple[str, dict]:
    """A news report on one of the earlier ``officials`` ((answer key, issuer) pairs), quoting
    the head of its issuing bureau; its text and its key (document reported on, official, the
    figure claimed)."""
    key, issuer = rng.choice(officials)
    caps = [yuan for m in key.measures for yuan, role in m.amounts if role == "cap"]
    wan = int(rng.choice(caps)) // 10000 if caps else None
    claim = f"符合条件的企业最高可获得{wan}万元支持。" if wan else None
    official = rng.choice(SURNAMES) + rng.choice(GIVEN)
    area = issuer[: len(issuer) - len(next(b for b in bureaus if issuer.endswith(b)))]
    day = dt.date.fromisoformat(key.date_issued) + dt.timedelta(days=rng.randrange(1, 20))
    lines = report_text(rng, issuer=issuer, area=area, title=key.title, number=key.number,
                        date=day.isoformat(), measures=len(key.measures), claim=claim,
                        official=official)
    return "\n".join(lines) + "\n", {
        "reports_on": key.number, "official": official, "office": f"{issuer}局长",
        "claimed_yuan": str(wan * 10000) if wan else None}


def report_text(rng: random.Random, *, issuer: str, area: str, title: str, number: str,
                date: str, measures: int, claim: str | None, official: str) -> list[str]:
    """A short news report on a document: what it offers (``claim``, a sentence stating one of
    its figures, or None) and what the official (head of the issuing bureau) said."""
    lines = [
        f"{area}出台新政支持产业发展",
        f"{date}　来源：{area}{rng.choice(NEWSPAPERS)}　记者 {rng.choice(REPORTERS)}",
        f"本报讯　近日，{issuer}印发《{title}》（{number}），提出{measures}条举措。",
    ]
    if claim:
        lines.append(f"《措施》明确，{claim}")
    lines.append(f"{issuer}局长{official}表示，将加快政策兑现，推动各项措施尽快落地见效。")
    lines.append(f"责任编辑：{rng.choice(REPORTERS)}")
    return lines
