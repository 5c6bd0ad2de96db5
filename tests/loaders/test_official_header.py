"""Header facts on synthetic snippets: numbers, dates, titles, issuers, approvers, contact."""

from __future__ import annotations

import datetime as dt

import pytest

from policykg.loaders.header import find_number, find_published
from policykg.loaders.official import parse_official
from policykg.loaders.records import Source
from tests.loaders.official_helpers import parse_text

BODY = "\n一、支持研发。给予补助。\n二、支持应用。给予奖励。"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("苏政办发〔2024〕15号", "苏政办发〔2024〕15号"),
        ("苏政办发[2024]15号", "苏政办发〔2024〕15号"),
        ("苏政办发［2024］15号", "苏政办发〔2024〕15号"),
        ("苏政办发（2024）15号", "苏政办发〔2024〕15号"),
        ("苏政办发(2024)15号", "苏政办发〔2024〕15号"),
        ("苏政办发【2024】15号", "苏政办发〔2024〕15号"),
        ("蘇政辦發〔2024〕15號", "苏政办发〔2024〕15号"),
        ("苏政办发〔2024〕第15号", "苏政办发〔2024〕15号"),
        ("苏政办发 〔 2024 〕 015 号", "苏政办发〔2024〕15号"),
    ],
)
def test_document_number_forms(raw: str, normalised: str) -> None:
    doc = parse_text(f"江苏省人民政府办公厅关于印发若干措施的通知\n{raw}\n各市人民政府：{BODY}")
    assert doc.number == normalised
    assert doc.number_span.text.replace(" ", "").startswith(raw.replace(" ", "")[:4])


def test_number_needs_year_and_sequence() -> None:
    view = "根据有关规定（2024年修订）执行。"
    assert find_number(view, 0, len(view)) is None


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2025年3月9日", dt.date(2025, 3, 9)),
        ("二〇二五年三月九日", dt.date(2025, 3, 9)),
        ("二○二五年十二月三十一日", dt.date(2025, 12, 31)),
        ("2025-03-09", dt.date(2025, 3, 9)),
        ("2025年03月09日", dt.date(2025, 3, 9)),
    ],
)
def test_issue_date_forms(written: str, date: dt.date) -> None:
    doc = parse_text(f"某市科学技术局关于印发若干措施的通知\n某科〔2025〕1号\n某市科学技术局\n{written}{BODY}")
    assert doc.date_issued == date
    assert doc.date_span.text == written


def test_joint_issuers_on_one_line_and_signature() -> None:
    text = ("杭州市经济和信息化局 杭州市财政局关于印发《杭州市支持软件产业若干政策》的通知\n杭经信〔2024〕9号\n"
            "各区、县（市）经信局：\n现将《杭州市支持软件产业若干政策》印发给你们。\n"
            "杭州市经济和信息化局 杭州市财政局\n2024年7月1日\n杭州市支持软件产业若干政策" + BODY)
    doc = parse_text(text)
    assert [a.name for a in doc.issuers] == ["杭州市经济和信息化局", "杭州市财政局"]
    assert doc.title == "杭州市支持软件产业若干政策"
    assert doc.notice_title.startswith("杭州市经济和信息化局 杭州市财政局关于印发")
    assert doc.date_issued == dt.date(2024, 7, 1)


def test_issuers_from_the_signature_when_there_is_no_notice_title() -> None:
    text = "成都市支持人工智能发展若干措施\n成都市经济和信息化局\n2024年8月8日" + BODY
    doc = parse_text(text)
    assert [a.name for a in doc.issuers] == ["成都市经济和信息化局"]
    assert doc.title == "成都市支持人工智能发展若干措施"
    assert doc.date_issued == dt.date(2024, 8, 8)


def test_approvers_contact_and_addressees_resolved_against_the_issuer() -> None:
    text = ("山东省工业和信息化厅关于印发《山东省机器人产业措施》的通知\n鲁工信〔2024〕3号\n"
            "各市工业和信息化局，省直有关部门：\n《山东省机器人产业措施》已经省政府同意，现印发给你们。"
            "执行中如有问题，请及时向省工业和信息化厅反映。\n山东省工业和信息化厅\n2024年2月2日" + BODY)
    doc = parse_text(text)
    (approver,) = doc.approvers
    # 省政府 → 山东省政府, or the vocabulary's full name when the body is in the vocabulary
    assert approver.name == ("山东省人民政府" if approver.concept else "山东省政府")
    assert doc.contact.name == "山东省工业和信息化厅"
    assert doc.addressees == ["各市工业和信息化局", "省直有关部门"]
    assert doc.jurisdiction is not None and doc.jurisdiction.endswith("area/shandong")


def test_two_approvers() -> None:
    doc = parse_text("某区关于印发措施的通知\n经区委、区政府同意，现印发。\n某区科技局\n2024年1月5日" + BODY)
    assert len(doc.approvers) == 2


def test_web_publication_time_line_is_furniture() -> None:
    view = "发布时间：2024-05-06 09:30:00 来源：本站\n正文"
    value, s, e, _, _ = find_published(view)
    assert value == dt.datetime(2024, 5, 6, 9, 30)
    assert view[s:e] == "2024-05-06 09:30:00"
    doc = parse_text("时间:2024/5/6 9:30:00 作者: 点击数:\n某市工信局关于印发措施的通知\n"
                     "某工信〔2024〕2号\n某市工信局\n2024年5月1日" + BODY)
    assert doc.published == dt.datetime(2024, 5, 6, 9, 30)
    assert doc.date_issued == dt.date(2024, 5, 1)


def test_document_with_none_of_the_patterns_loads_with_warnings() -> None:
    doc = parse_text("这是一段普通的文字，没有编号，也没有日期。")
    codes = {w.code for w in doc.warnings}
    assert {"no-measures", "no-number", "no-date"} <= codes
    assert doc.measures == [] and doc.number is None


@pytest.mark.parametrize("text", ["", " ", "\n\n", "一、", "第一条", "〔2025〕号", "（一）（二）", "1.2.3."])
def test_degenerate_inputs_never_raise(text: str) -> None:
    source = Source(path="x.txt", name="x.txt", sha256="0", size=len(text), encoding="utf-8",
                    media_type="text/plain", text=text)
    doc = parse_official(source)
    assert doc.warnings and doc.measures == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("各区人民政府，市政府各委、办、局：", ["各区人民政府", "市政府各委、办、局"]),
        ("各地级以上市人民政府，省政府各部门、各直属机构：", ["各地级以上市人民政府", "省政府各部门", "各直属机构"]),
        ("各市、县（市、区）经信局：", ["各市、县（市、区）经信局"]),
    ],
)
def test_addressee_lists(line: str, names: list[str]) -> None:
    doc = parse_text(f"某省人民政府办公厅关于印发措施的通知\n某府办〔2024〕1号\n{line}\n现印发。{BODY}")
    assert doc.addressees == names


def test_issuer_on_the_line_above_the_notice_title() -> None:
    doc = parse_text("四川省人民政府办公厅\n关于印发《四川省算力措施》的通知\n川办发〔2024〕2号\n"
                     "四川省人民政府办公厅\n2024年6月3日\n四川省算力措施" + BODY)
    # the issuer heads the page on a line of its own: it is the issuer, not part of the title
    assert doc.notice_title == "关于印发《四川省算力措施》的通知"
    assert [a.name for a in doc.issuers] == ["四川省人民政府办公厅"]
    assert doc.title == "四川省算力措施"


@pytest.mark.parametrize(("head", "notice"), [
    ("四川省经济和信息化厅\n四川省财政厅\n关于印发", "关于印发《四川省算力措施》的通知"),
    ("四川省经济和信息化厅 四川省财政厅 关于印发", "关于印发《四川省算力措施》的通知"),
    ("四川省经济和信息化厅 四川省财政厅关于印发",
     "四川省经济和信息化厅 四川省财政厅关于印发《四川省算力措施》的通知"),  # written against 关于
])
def test_issuers_apart_from_the_title_are_not_part_of_it(head: str, notice: str) -> None:
    doc = parse_text(head + "《四川省算力措施》的通知\n川经信〔2024〕2号\n"
                     "四川省经济和信息化厅　四川省财政厅\n2024年6月3日\n四川省算力措施" + BODY)
    assert doc.notice_title == notice
    assert [a.name for a in doc.issuers] == ["四川省经济和信息化厅", "四川省财政厅"]


def test_signature_and_date_at_the_end_of_the_document() -> None:
    text = ("湖南省人民政府关于加快人工智能产业发展的实施意见\n湘政发〔2024〕5号\n各市州人民政府：\n"
            "一、加强算力建设。给予补助。\n二、培育龙头企业。给予奖励。\n"
            "湖南省人民政府\n2024年5月6日\n（此件主动公开）")
    doc = parse_text(text)
    assert doc.date_issued == dt.date(2024, 5, 6)
    assert [a.name for a in doc.issuers] == ["湖南省人民政府"]
    assert doc.title == "湖南省人民政府关于加快人工智能产业发展的实施意见"
    last = doc.measures[-1].span.text
    assert "2024年5月6日" not in last and "此件" not in last and last.endswith("给予奖励。")


def test_page_metadata_table() -> None:
    text = ("索引号：1144/2025-00123 分类：综合政务\n发布机构：江西省工业和信息化厅\n成文日期：2025-03-09\n"
            "文号：赣工信〔2025〕4号\n发布日期：2025-03-12\n江西省支持机器人产业若干措施" + BODY)
    doc = parse_text(text)
    assert doc.date_issued == dt.date(2025, 3, 9)
    assert doc.published == dt.datetime(2025, 3, 12)
    assert doc.number == "赣工信〔2025〕4号"
    assert [a.name for a in doc.issuers] == ["江西省工业和信息化厅"]
    assert doc.title == "江西省支持机器人产业若干措施"


def test_notice_title_wrapped_over_two_lines() -> None:
    doc = parse_text("安徽省经济和信息化厅关于印发《安徽省支持\n智能网联汽车发展若干措施》的通知\n皖经信〔2024〕7号\n"
                     "安徽省经济和信息化厅\n2024年3月1日" + BODY)
    assert doc.notice_title == "安徽省经济和信息化厅关于印发《安徽省支持智能网联汽车发展若干措施》的通知"
    assert doc.title == "安徽省支持智能网联汽车发展若干措施"
    assert [a.name for a in doc.issuers] == ["安徽省经济和信息化厅"]


def test_a_sentence_ending_in_a_colon_is_not_an_addressee_list() -> None:
    doc = parse_text("某市工信局关于印发措施的通知\n某工信〔2024〕2号\n现将有关事项通知如下：\n某市工信局\n"
                     "2024年5月1日" + BODY)
    assert doc.addressees == []


def test_an_announcement_promulgating_a_regulation_gives_the_regulations_title() -> None:
    text = ("示例市人民代表大会常务委员会公告\n（第3号）\n"
            "　　《示例市数据条例》已于2026年1月8日经示例市人民代表大会常务委员会第九次会议通过，现予公布。\n"
            "示例市人民代表大会常务委员会\n2026年1月15日\n示例市数据条例\n"
            "第一条　为了促进数据利用，制定本条例。\n第二条　本条例自2026年3月1日起施行。\n")
    doc = parse_text(text)
    assert doc.title == "示例市数据条例"
    assert doc.title_span is not None and doc.title_span.start > text.index("2026年1月15日")
