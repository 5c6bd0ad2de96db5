"""Patterns the eighteenth blind corpus found missing: a table of measures named in its first
column with no number or units column, a units table naming them by name, units given by the
bracketed numbers of items in a closing sentence, two bodies joined by 和, a verified account's
post with a bracketed headline, 暂行二年, a long fund name before a budget, and trade words.

Each fails on the loader before its change.
"""

from __future__ import annotations

import datetime as dt

from policykg.loaders.route import load
from policykg.loaders.tables import table_lines
from tests.loaders.official_helpers import NOTICE_HEAD as HEAD
from tests.loaders.official_helpers import NOTICE_SIGN as SIGN
from tests.loaders.official_helpers import money_roles as _money
from tests.loaders.official_helpers import parse_text
from tests.loaders.official_helpers import unit_roles as _units


def test_a_table_of_measures_named_in_its_first_column(tmp_path) -> None:
    rows = [["政策名称", "支持标准"], ["支持项目投资", "按设备投资额的15%给予补助，单个项目最高1000万元。"],
            ["降低用电成本", "按0.02元/千瓦时给予补贴，每家企业每年最高300万元。"]]
    assert table_lines(rows)[:3] == ["序号：1", "政策名称：支持项目投资", "支持标准：按设备投资额的15%给予补助，单个项目最高1000万元。"]
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>某市人民政府办公室关于印发某市若干政策的通知</p><p>某府办字〔2026〕11号</p>"
                    "<p>某市人民政府办公室</p><p>2026年5月20日</p><p>某市若干政策</p><table>"
                    + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
                    + "</table><p>附件：重点政策分工表</p><table><tr><td>政策名称</td><td>牵头单位</td><td>配合单位</td></tr>"
                    "<tr><td>支持项目投资</td><td>市工业和信息化局</td><td>市财政局</td></tr>"
                    "<tr><td>降低用电成本</td><td>市发展改革委</td><td>—</td></tr></table></body></html>",
                    encoding="utf-8")
    doc = load(page).record
    assert [[(a.role, str(a.value)) for a in m.amounts] for m in doc.measures] == [
        [("per_recipient_cap", "10000000")], [("unit_rate", "0.02"), ("per_recipient_cap", "3000000")]]
    assert [_units(m) for m in doc.measures] == [
        [("某市工业和信息化局", "lead"), ("某市财政局", "support")], [("某市发展和改革委员会", "lead")]]


def test_units_by_the_bracketed_numbers_of_items_after_a_colon() -> None:
    doc = parse_text(HEAD + "某市若干措施\n一、总体要求\n到2027年，外贸进出口总额力争达到300亿元。\n二、支持措施\n"
                     "（一）对外贸企业参加境外展会的，按展位费的70%给予补助，每家企业每年最高20万元。\n"
                     "（二）对跨境电商企业给予一次性奖励30万元。\n"
                     "（三）对企业新招用本地劳动力的，按每人2000元给予企业一次性用工补贴。\n三、保障措施\n"
                     "各单位要抓好落实。具体分工如下：第（一）至（二）项由市商务局牵头、市财政局配合；"
                     "第（三）项由市人力资源社会保障局牵头、市教育局和市医保局配合。\n" + SIGN)
    assert [_units(m) for m in doc.measures] == [
        [], [("某市商务局", "lead"), ("某市财政局", "support")], [("某市商务局", "lead"), ("某市财政局", "support")],
        [("某市人力资源和社会保障局", "lead"), ("某市教育局", "support"), ("某市医疗保障局", "support")], []]
    assert {c.concept.rsplit("/", 1)[-1] for c in doc.measures[1].sectors} == {"commerce"}


def test_a_verified_accounts_post_and_its_bracketed_headline(tmp_path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("某州发布 V\n2026-3-18 09:30 来自 微博视频号 已编辑\n\n"
                    "【真金白银！某州8条措施支持临空物流】#某州发布# ✈️📦\n\n"
                    "近日，市政府办公室印发《某州市支持临空物流发展若干措施》，一起来看👇\n", encoding="utf-8")
    assert load(post).record.title == "真金白银！某州8条措施支持临空物流"


def test_a_provisional_term_and_a_long_fund_name_before_its_budget() -> None:
    doc = parse_text(HEAD + "第一条　市财政每年安排智慧农牧业与绿色能源融合发展资金1.5亿元，用于本办法的兑现。\n"
                     "第二条　本办法自2026年4月1日起施行，暂行二年。\n" + SIGN)
    assert _money(doc.measures[0]) == [("total_budget", 150000000)]
    assert (doc.valid_from, doc.valid_until) == (dt.date(2026, 4, 1), dt.date(2028, 3, 31))
