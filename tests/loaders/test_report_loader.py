"""The report loader: official-or-report decision, header fields, furniture, figures as claims."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.records import Source
from policykg.loaders.report import is_report, load_report
from policykg.loaders.source import read_source, source_from_bytes
from tests.conftest import seed_file
from tests.graph.claims.helpers import fixture_source


def _spans_ok(report) -> None:
    text = report.source.text
    for c in report.claims:
        assert text[c.span.start : c.span.end] == c.span.text
        assert text[c.figure_span.start : c.figure_span.end] == c.figure_span.text
        assert c.span.start <= c.figure_span.start < c.figure_span.end <= c.span.end
    for p in report.people:
        assert text[p.span.start : p.span.end] == p.span.text


def _official_snippet() -> Source:
    text = (
        "示例省人民政府办公厅关于印发示例省支持测试产业发展若干措施的通知\n"
        "示府办〔2024〕9号\n"
        "各有关单位：现印发给你们，请认真贯彻执行。\n"
        "一、支持研发。每个项目给予最高100万元资助。\n"
        "二、支持应用。\n"
        "三、支持人才。\n"
    )
    return source_from_bytes(text.encode("utf-8"), "snippet.txt")


def test_is_report_decides_by_features_not_by_name():
    assert not is_report(_official_snippet())
    for name in ("en_wire_guangdong.txt", "en_wire_zhejiang.txt", "zh_news_furniture.txt"):
        assert is_report(fixture_source(name)), name


def test_chinese_news_quoting_a_notice_with_numbered_points_is_a_report():
    text = (
        "示例省出台测试产业新政\n2024年6月1日 来源：示例日报\n"
        "本报讯（记者 王示例）近日，示例省印发《关于印发示例省支持测试产业发展若干措施的通知》。\n"
        "一、支持研发。每个项目最高100万元。\n二、支持应用。\n三、支持人才。\n"
    )
    assert is_report(source_from_bytes(text.encode("utf-8"), "news.txt"))


def test_is_report_on_the_seeds():
    for prefix, expected in (("000", True), ("001", False), ("002", True), ("003", False), ("004", True)):
        assert is_report(read_source(seed_file(prefix))) is expected, prefix


def test_chinese_news_header_and_furniture():
    report = load_report(fixture_source("zh_news_furniture.txt"))
    assert report.language == "zh-Hans"
    assert report.title.startswith("广东发布机器人产业新政")
    assert report.date == dt.date(2024, 5, 9)
    assert report.publisher == "示例日报"
    assert report.authors == ["李示例"]
    _spans_ok(report)
    quoted = " ".join(c.span.text for c in report.claims)
    for furniture in ("ICP", "共印", "推荐阅读", "电话", "地址", "首页"):
        assert furniture not in quoted
    assert {c.count for c in report.claims if c.kind == "count"} == {8, 1500}
    assert Decimal("80000000000") in {c.amount for c in report.claims if c.about_region}


def test_english_wire_header_byline_and_furniture():
    report = load_report(fixture_source("en_wire_guangdong.txt"))
    assert report.language == "en"
    assert report.title == "Guangdong rolls out new support for robot makers"
    assert report.date == dt.date(2024, 5, 8)
    assert report.authors == ["Jane Example"]
    assert report.policy_date == dt.date(2024, 5, 6)
    assert report.jurisdiction.endswith("/area/guangdong")
    _spans_ok(report)
    end_of_body = report.source.text.index("By Jane")
    assert all(c.span.end <= end_of_body for c in report.claims)
    kinds = [(c.kind, c.amount or c.count or c.date) for c in report.claims]
    assert ("amount", Decimal("20000000")) in kinds and ("count", 1500) in kinds
    tiers = {}
    for c in report.claims:
        if c.kind == "amount":
            tiers.setdefault(c.amount, c.level)
    assert tiers[Decimal("20000000")] == "National" and tiers[Decimal("5000000")] == "Provincial"
    roles = {c.amount: c.role for c in report.claims if c.kind == "amount"}
    assert roles[Decimal("50000000")] == "cap"


def test_seed_000_header_editors_and_no_furniture_figures():
    source = read_source(seed_file("000"))
    report = load_report(source)
    assert report.language == "en"
    assert report.date == dt.date(2025, 3, 12)
    assert report.publisher == "People's Daily"
    assert report.authors == ["He Chuanning", "Su Suiyue"]
    assert report.title and "Guangdong" in report.title
    _spans_ok(report)
    edit = source.text.index("Edit:")
    assert report.claims and all(c.span.end <= edit for c in report.claims)
    titles = [r.title for r in report.policy_titles]
    assert any(t and "Guangdong Province" in t for t in titles)
    assert report.policy_date == dt.date(2025, 3, 10)


def test_seed_002_briefing_masthead_and_circulation_list():
    source = read_source(seed_file("002"))
    report = load_report(source)
    assert report.language == "zh-Hans"
    assert report.date == dt.date(2025, 6, 3)
    assert report.publisher == "苏州太湖智库"
    assert report.authors == ["柴永鹏"]
    assert report.title and report.title.startswith("广东出台措施")
    _spans_ok(report)
    counts = {c.count for c in report.claims if c.kind == "count"}
    assert not counts & {70, 609, 144}  # 共印 copies, street number, issue number are furniture
    big = [c for c in report.claims if c.amount == Decimal("220000000000")]
    assert big and all(c.about_region for c in big)


def test_seed_004_people_roles_and_reported_policy():
    report = load_report(read_source(seed_file("004")))
    assert report.title is None and report.language == "en"
    assert report.jurisdiction.endswith("/area/shenzhen")
    people = {p.name: p for p in report.people}
    assert set(people) == {"Lin Yi", "Zhang Lin"}
    assert people["Lin Yi"].role.startswith("head of")
    assert people["Zhang Lin"].role.startswith("director")
    assert "science and technology innovation" in people["Zhang Lin"].organization.name
    policy = report.reported_policy
    assert policy is not None and policy.total_budget.value == Decimal("4500000000")
    compute = [o for o in policy.offers if o.instrument_class == "ComputeVoucher"]
    assert len(compute) == 1
    assert compute[0].max_cost_share.value == Decimal("0.6")
    assert compute[0].max_amount.value == Decimal("10000000")
    assert {"ModelVoucher", "CorpusVoucher", "SceneVoucher"} <= {o.instrument_class for o in policy.offers}
    region = {c.count for c in report.claims if c.about_region and c.kind == "count"}
    assert 2200 in region


def test_shared_units_and_respectively_give_one_claim_per_tier():
    text = (
        "Example province funds standards\n\n2024-06-01\n\n"
        "Units leading international and national standards get up to 50 and 20 thousand yuan "
        "respectively. 对主导制定国际标准、国家标准的，分别给予最高50、20万元资助。\n"
    )
    report = load_report(source_from_bytes(text.encode("utf-8"), "tiers.txt"))
    tiers = [(c.amount, c.level) for c in report.claims if c.kind == "amount"]
    assert tiers == [
        (Decimal("50000"), "International"),
        (Decimal("20000"), "National"),
        (Decimal("500000"), "International"),
        (Decimal("200000"), "National"),
    ]
    assert all(c.role == "cap" for c in report.claims if c.kind == "amount")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,;%\n0123456789万亿元年月日国家级每年最高超以上“”《》给予") + [
    "million yuan", "up to ", "respectively", "2024-05-06", "Edit:", "责任编辑：", "报：", "Guangdong",
]), min_size=1, max_size=60).map("".join))
def test_any_text_loads_with_valid_spans(text):
    if not text.strip():
        return
    source = source_from_bytes(text.encode("utf-8"), "any.txt")
    _spans_ok(load_report(source))


def test_report_figures_are_read_by_the_shared_finders():
    # report_figures.py once kept its own patterns: a clock time (09:30) was a ratio of 9 to 30,
    # and 三家 / 百分之三十 were no figures at all; it now uses money.py's finders
    text = ("示例省出台测试产业新政\n2024年6月1日 来源：示例日报\n"
            "本报讯（记者 王示例）示例省近日召开发布会，会议于上午09:30开始。示例省将对三家企业给予补贴，"
            "补贴比例为百分之三十，市县按1:1配套。"
            "Officials said 12 robot makers would receive support worth up to 30 percent of costs.\n")
    report = load_report(source_from_bytes(text.encode("utf-8"), "news.txt"))
    _spans_ok(report)
    figures = [(c.kind, c.figure_span.text, c.share or c.count) for c in report.claims if c.kind != "date"]
    assert figures == [("count", "三家", 3), ("share", "百分之三十", Decimal("0.3")),
                       ("ratio", "1:1", Decimal(1)), ("count", "12 robot makers", 12),
                       ("share", "30 percent", Decimal("0.3"))]


def test_a_posts_account_name_above_its_date_is_no_headline():
    # account name, date line with time and region, headline — and headline, account, date
    first = "示例智造\n2025-09-02 18:05　安徽\n\n补贴开始申报，单台最高奖励80万元\n\n正文一段。\n"
    second = "补贴怎么领？一文看懂\n\n示例发布\n2025-11-20 09:12　湖北\n\n近日，示例局发布通知。\n"
    for text, title in ((first, "补贴开始申报，单台最高奖励80万元"), (second, "补贴怎么领？一文看懂")):
        report = load_report(source_from_bytes(text.encode("utf-8"), "post.txt"))
        assert report.title == title
        assert report.title_span is not None and report.title_span.text == title
    assert load_report(source_from_bytes(first.encode("utf-8"), "post.txt")).date == dt.date(2025, 9, 2)
