"""The facts of a notice do not change when a scraper adds noise: pinyin after characters,
doubled punctuation, a line break after a comma, page furniture, full-width digits, and the
traditional script (issue 17: "measure count is stable under whitespace and noise")."""

from __future__ import annotations

import random
import re
from pathlib import Path

import opencc
import pytest
from pypinyin import Style, lazy_pinyin

from policykg.loaders.route import parse_source
from policykg.loaders.source import read_source, source_from_bytes

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "regression" / "docs"
CASES = ["01_hubei_robot_measures.txt", "05_shanghai_bus_subsidy.txt", "15_hefei_quantum.txt",
         "20_tianjin_robot_ai_traps.txt", "32_ningxia_pinyin_numbering.txt",
         "30_nanjing_jiangning_district.txt"]
_S2T = opencc.OpenCC("s2t")


def noisy(text: str, seed: int, traditional: bool) -> str:
    """``text`` as a careless scraper would leave it (deterministic for a seed)."""
    rnd = random.Random(seed)
    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rnd.random() < 0.03:
            out.append("(" + lazy_pinyin(ch, style=Style.TONE)[0] + ")")
        if ch in "，。；" and rnd.random() < 0.2:
            out.append(ch)
        if ch == "，" and rnd.random() < 0.1:
            out.append("\n")
    s = "".join(out).replace("\n", "\n打印本页 关闭窗口\n", 1)
    s = re.sub(r"[0-9]", lambda m: chr(ord(m.group()) + 0xFEE0) if rnd.random() < 0.3
               else m.group(), s)
    return _S2T.convert(s) if traditional else s


def facts(text: str) -> tuple:
    doc = parse_source(source_from_bytes(text.encode("utf-8"), "notice.txt")).record
    assert hasattr(doc, "measures"), "read as a report"
    return (doc.number, doc.title, [i.name for i in doc.issuers], doc.date_issued,
            len(doc.measures),
            sorted((m.ordinal, a.value, a.role) for m in doc.measures for a in m.amounts),
            sorted((m.ordinal, r.value, r.role) for m in doc.measures for r in m.ratios),
            sorted((m.ordinal, q.count) for m in doc.measures for q in m.quotas),
            sorted((m.ordinal, u.name, u.role) for m in doc.measures
                   for u in m.responsible + m.cooperating))


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize(("seed", "traditional"), [(1, False), (2, True)])
def test_facts_survive_scraping_noise(name: str, seed: int, traditional: bool) -> None:
    text = read_source(DOCS / name).text
    assert facts(noisy(text, seed, traditional)) == facts(text)
