"""Document clauses: validity, repeals, higher-level documents, non-cumulation, scope."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.loaders.official_helpers import parse_text

HEAD = "福建省科学技术厅关于印发《福建省科技创新若干措施》的通知\n闽科〔2024〕4号\n福建省科学技术厅\n2024年4月8日\n"
BODY = "一、支持研发。给予补助。\n二、支持应用。给予奖励。\n"


@pytest.mark.parametrize(
    ("clause", "valid_from", "valid_until"),
    [
        ("本措施自印发之日起施行，有效期至2026年12月31日。", "2024-04-08", "2026-12-31"),
        ("本措施自印发之日起实施，有效期3年。", "2024-04-08", "2027-04-07"),
        ("本措施自发布之日起施行，有效期三年。", "2024-04-08", "2027-04-07"),
        ("本措施自2024年5月1日起施行，有效期至2025年4月30日。", "2024-05-01", "2025-04-30"),
        ("本措施有效期至二〇二六年六月三十日。", "2024-04-08", "2026-06-30"),
    ],
)
def test_validity(clause: str, valid_from: str, valid_until: str) -> None:
    doc = parse_text(HEAD + BODY + clause)
    assert (str(doc.valid_from), str(doc.valid_until)) == (valid_from, valid_until)
    assert "有效期" in doc.validity_span.text


def test_validity_from_a_leap_day() -> None:
    head = HEAD.replace("2024年4月8日", "2024年2月29日")
    doc = parse_text(head + BODY + "本措施自印发之日起施行，有效期2年。")
    assert doc.valid_until == dt.date(2026, 2, 28)  # the anniversary of 29 Feb is 1 Mar


def test_repeals_with_titles_and_numbers() -> None:
    doc = parse_text(HEAD + BODY + "原《福建省科技计划管理办法》（闽科〔2020〕2号）和《福建省研发补助实施细则》"
                     "（闽科〔2021〕7号）同时废止。")
    assert [(r.title, r.number) for r in doc.repeals] == [
        ("福建省科技计划管理办法", "闽科〔2020〕2号"), ("福建省研发补助实施细则", "闽科〔2021〕7号")]


@pytest.mark.parametrize("cue", ["不再执行", "停止执行", "予以废止"])
def test_repeal_cues(cue: str) -> None:
    doc = parse_text(HEAD + BODY + f"《福建省旧措施》（闽科〔2019〕1号）{cue}。")
    assert [r.number for r in doc.repeals] == ["闽科〔2019〕1号"]


def test_a_repeal_list_after_a_colon_one_document_a_line() -> None:
    """``下列文件同时废止：`` and a typed list (or a table's rows): every listed document, up to
    the first line that cites none."""
    doc = parse_text(HEAD + BODY + "本措施自印发之日起施行。下列文件同时废止：\n"
                     "1.《福建省科技计划管理办法》（闽科〔2020〕2号）\n"
                     "2.闽科〔2021〕7号\n福建省科学技术厅办公室 2024年4月8日印发\n"
                     "《福建省科技创新条例》")
    assert [(r.title, r.number) for r in doc.repeals] == [
        ("福建省科技计划管理办法", "闽科〔2020〕2号"), (None, "闽科〔2021〕7号")]


def test_replaces_and_bare_number() -> None:
    doc = parse_text(HEAD + BODY + "本措施代替《福建省旧办法》。闽科〔2018〕3号文件同时废止。")
    assert [(r.title, r.number) for r in doc.repeals] == [("福建省旧办法", None), (None, "闽科〔2018〕3号")]


def test_based_on_runs_of_titles_after_the_cue() -> None:
    text = HEAD + ("福建省科技创新若干措施\n为深入贯彻落实《国务院关于推动创新的意见》《福建省促进条例》"
                   "（闽政〔2023〕5号）精神，根据有关规定，制定本措施。\n") + BODY
    doc = parse_text(text)
    assert [(r.title, r.number) for r in doc.based_on] == [
        ("国务院关于推动创新的意见", None), ("福建省促进条例", "闽政〔2023〕5号")]


@pytest.mark.parametrize("rule", ["按照从高不重复的原则予以支持", "按就高不重复原则执行", "不得重复享受"])
def test_non_cumulation(rule: str) -> None:
    doc = parse_text(HEAD + BODY + f"同一项目符合多项政策的，{rule}。")
    assert doc.non_cumulative is not None and rule in doc.non_cumulative.text


def test_scope() -> None:
    doc = parse_text(HEAD + BODY + "本措施适用于在本省注册的企业。")
    assert doc.scope.text == "本措施适用于在本省注册的企业。"


def test_nothing_claimed_when_absent() -> None:
    doc = parse_text(HEAD + BODY)
    assert doc.valid_until is None and doc.repeals == [] and doc.non_cumulative is None


@pytest.mark.parametrize(
    ("clause", "valid_from", "valid_until"),
    [
        ("本措施自印发之日起施行，至2026年12月31日止。", "2024-04-08", "2026-12-31"),
        ("本措施有效期为2024年5月1日至2026年4月30日。", "2024-05-01", "2026-04-30"),
    ],
)
def test_validity_other_forms(clause: str, valid_from: str, valid_until: str) -> None:
    doc = parse_text(HEAD + BODY + clause)
    assert (str(doc.valid_from), str(doc.valid_until)) == (valid_from, valid_until)
