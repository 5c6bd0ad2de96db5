"""Numbering styles and the measure-level rule, on synthetic snippets."""

from __future__ import annotations

import pytest

from policykg.loaders import numbering
from policykg.loaders.numbering import find_measures
from tests.loaders.official_helpers import parse_text


def _shape(text: str) -> list[tuple[int, str, str]]:
    doc = parse_text(text)
    return [(m.ordinal, m.numbering, m.heading) for m in doc.measures]


def test_sections_yi_comma() -> None:
    text = "前言说明。\n一、加大财政支持。对企业给予奖励。\n二、优化营商环境。简化审批。\n三、强化人才保障。引进人才。"
    assert _shape(text) == [(1, "一、", "加大财政支持"), (2, "一、", "优化营商环境"),
                            (3, "一、", "强化人才保障")]


def test_articles_with_and_without_brackets_and_traditional() -> None:
    text = "第一條 【總則】為促進發展，制定本辦法。\n第二條 本辦法適用於全市。\n第三條【資金】安排專項資金。"
    assert _shape(text) == [(1, "第一条", "总则"), (2, "第一条", "本办法适用于全市"),
                            (3, "第一条", "资金")]


def test_articles_inside_chapters_keep_their_numbers_and_sub_items_are_leaves() -> None:
    """Every numbered leaf is a measure (the held-out corpora's convention): the items under an
    article's lead-in ending ： are measures; an article whose lead-in states a figure keeps them."""
    text = ("第一章 总则\n第一条 为了规范管理，制定本办法。\n第二章 支持内容\n"
            "第二条 支持方式包括：\n（一）研发补助；\n（二）应用奖励。\n"
            "第三条 对符合下列条件的企业给予最高50万元奖励：\n（一）在本市注册；\n（二）信用良好。\n"
            "第四条 本办法自印发之日起施行。")
    doc = parse_text(text)
    assert [m.span.text.split("\n")[0][:6] for m in doc.measures] == [
        "第一条 为了", "（一）研发补", "（二）应用奖", "第三条 对符", "第四条 本办"]
    assert "（二）信用良好" in doc.measures[3].span.text
    assert "第二章" not in doc.measures[0].span.text  # a chapter heading ends the article


def test_parenthesised_items_only() -> None:
    text = "（一）支持研发。给予补助。\n（二）支持应用。给予奖励。"
    assert [(o, s) for o, s, _ in _shape(text)] == [(1, "（一）"), (2, "（一）")]


def test_arabic_points_with_full_width_and_ideographic_marks() -> None:
    for mark in (".", "．", "、"):
        text = f"1{mark}支持研发。给予补助。\n2{mark}支持应用。给予奖励。\n3{mark}支持人才。"
        assert [m[0] for m in _shape(text)] == [1, 2, 3], mark


def test_chapters_with_items_the_items_are_the_measures() -> None:
    text = ("一、总体要求\n到2027年形成产业集群。\n二、重点任务\n（一）建设算力平台。给予补助。\n"
            "（二）培育企业。给予奖励。\n三、保障措施\n（三）加强组织。\n（四）强化资金。")
    shape = _shape(text)
    assert [h for _, _, h in shape] == ["总体要求", "建设算力平台", "培育企业", "加强组织", "强化资金"]
    assert [o for o, _, _ in shape] == [1, 2, 3, 4, 5]


def test_items_restarting_in_each_chapter_get_running_ordinals() -> None:
    text = ("一、产业支持\n（一）支持研发。\n（二）支持应用。\n"
            "二、人才支持\n（一）引进人才。\n（二）培养人才。")
    assert [(o, h) for o, _, h in _shape(text)] == [
        (1, "支持研发"), (2, "支持应用"), (3, "引进人才"), (4, "培养人才")]


def test_enumeration_inside_a_measure_is_not_a_chapter_split() -> None:
    text = ("一、支持研发。对企业给予补助，包括：（一）设备购置；（二）人员培训。\n"
            "二、支持应用。给予奖励。")
    assert [h for _, _, h in _shape(text)] == ["支持研发", "支持应用"]


def test_stray_marker_inside_a_sentence_is_not_a_measure() -> None:
    view = "一、支持研发。本条所称二、三级企业另行规定。\n二、支持应用。"
    items = find_measures(view)
    assert [i.marker.number for i in items] == [1, 2]
    assert view[items[1].start :].startswith("二、支持应用")


def test_chinese_numeral_with_dot_and_parenthesised_arabic() -> None:
    text = "一．支持研发。给予补助。\n二．支持应用。给予奖励。"
    assert [h for _, _, h in _shape(text)] == ["支持研发", "支持应用"]
    text = "（1）支持研发。给予补助。\n（2）支持应用。给予奖励。"
    assert [(o, s) for o, s, _ in _shape(text)] == [(1, "（1）"), (2, "（1）")]


def test_numbered_items_in_the_covering_notice_are_not_measures() -> None:
    text = ("某市人民政府办公室关于印发《某市支持机器人产业若干措施》的通知\n某府办〔2024〕8号\n各区人民政府：\n"
            "现将有关事项通知如下：一、高度重视。二、抓好落实。\n某市人民政府办公室\n2024年9月1日\n"
            "某市支持机器人产业若干措施\n一、支持整机研发。给予补助。\n二、支持零部件。给予奖励。\n"
            "三、支持应用。给予奖励。")
    shape = _shape(text)
    assert [h for _, _, h in shape] == ["支持整机研发", "支持零部件", "支持应用"]


def test_chapters_with_arabic_points_directly_inside() -> None:
    text = ("一、产业支持\n1.支持研发。给予补助。\n2.支持应用。给予奖励。\n"
            "二、人才支持\n3.引进人才。给予补贴。")
    assert [(o, s, h) for o, s, h in _shape(text)] == [
        (1, "1.", "支持研发"), (2, "1.", "支持应用"), (3, "1.", "引进人才")]


def test_trailers_end_the_last_measure_but_ordinary_lines_do_not() -> None:
    text = ("一、支持研发。给予补助。\n二、支持应用。给予奖励。\n来源于企业的申请按规定办理。\n"
            "附件：1.申报表\n抄送：市委办公室")
    last = parse_text(text).measures[-1].span.text
    assert last.endswith("来源于企业的申请按规定办理。")


def test_sections_restarting_in_each_numbered_chapter() -> None:
    text = ("第一章 总体要求\n一、明确目标。形成集群。\n二、坚持原则。市场主导。\n"
            "第二章 支持措施\n一、支持研发。给予补助。\n二、支持应用。给予奖励。\n三、支持人才。给予补贴。")
    assert [(o, h) for o, _, h in _shape(text)] == [
        (1, "明确目标"), (2, "坚持原则"), (3, "支持研发"), (4, "支持应用"), (5, "支持人才")]


_THREE = [("支持研发投入", "对企业研发投入给予最高100万元补助"),
          ("支持人才引进", "对引进的人才给予最高50万元奖励"),
          ("支持场景应用", "对示范场景给予最高200万元支持")]


def _styled(marks: list[str], sep: str = "。") -> str:
    return "\n".join(f"{mark}{head}{sep}{body}。" for mark, (head, body) in zip(marks, _THREE,
                                                                                strict=True))


def test_every_numbering_style_real_notices_use_gives_three_measures() -> None:
    styles = {
        "①": ["①", "②", "③"], "⑴": ["⑴", "⑵", "⑶"], "1)": ["1)", "2)", "3)"],
        "1）": ["1）", "2）", "3）"], "第一，": ["第一，", "第二，", "第三，"],
        "一 、": ["一 、", "二 、", "三 、"], "1 .": ["1 .", "2 .", "3 ."],
        "（ 一 ）": ["（ 一 ）", "（ 二 ）", "（ 三 ）"], "一，": ["一，", "二，", "三，"],
    }
    for name, marks in styles.items():
        assert [h for _, _, h in _shape(_styled(marks))] == [h for h, _ in _THREE], name


def test_yi_shi_enumeration_in_running_text() -> None:
    text = "为推动发展，提出以下措施：" + "；".join(
        f"{n}是{h}，{b}" for n, (h, b) in zip("一二三", _THREE, strict=True)) + "。"
    shape = _shape(text)
    assert [o for o, _, _ in shape] == [1, 2, 3]
    assert shape[1][2].startswith("支持人才引进")


def test_bracketed_headings_on_their_own_line() -> None:
    text = "\n".join(f"【{h}】\n{b}。" for h, b in _THREE)
    assert [h for _, _, h in _shape(text)] == [h for h, _ in _THREE]


def test_unnumbered_heading_lines_followed_by_paragraphs() -> None:
    text = "\n".join(f"{h}\n{b}，资金由本级财政统筹安排并按年度拨付到位。" for h, b in _THREE)
    doc = parse_text(text)
    assert [m.heading for m in doc.measures] == [h for h, _ in _THREE]
    assert doc.measures[0].amounts[0].value == 1000000


def test_leaf_measures_keep_their_chapter_as_group() -> None:
    text = ("一、强化创新支撑\n（一）支持研发投入。给予补助。\n（二）支持人才引进。给予奖励。\n"
            "二、拓展应用场景\n（三）支持场景应用。给予支持。")
    doc = parse_text(text)
    assert [m.group for m in doc.measures] == ["强化创新支撑", "强化创新支撑", "拓展应用场景"]
    assert doc.measures[2].group_span.text == "拓展应用场景"


def test_articles_under_chapters_have_the_chapter_as_group() -> None:
    text = ("第一章 总则\n第一条 为了规范管理，制定本办法。\n第二章 扶持措施\n"
            "第二条 对企业给予最高50万元奖励。\n第三条 对平台给予最高100万元补助。")
    doc = parse_text(text)
    assert [m.group for m in doc.measures] == ["第一章 总则", "第二章 扶持措施", "第二章 扶持措施"]


def test_measure_count_is_stable_under_noise() -> None:
    clean_text = _styled(["一、", "二、", "三、"])
    noisy = clean_text.replace("一、", "一(yī) 、").replace("。", "。。").replace("支持", "支 持", 1)
    assert len(parse_text(noisy).measures) == len(parse_text(clean_text).measures) == 3


@pytest.mark.parametrize(("style", "number", "label"), [
    ("第一条", 15, "第十五条"), ("一、", 10, "十、"), ("（一）", 3, "（三）"), ("1.", 7, "7."),
    ("（1）", 12, "（12）"), ("①", 2, "②"), ("一是", 4, "四是"), ("第一，", 2, "第二，"),
    ("heading", 3, ""), ("【】", 1, ""),
])
def test_marker_written_out_in_its_style(style: str, number: int, label: str) -> None:
    assert numbering.marker_label(style, number) == label


def test_measures_carry_their_own_marker() -> None:
    text = ("某市促进机器人产业发展办法\n第一条　为促进发展，制定本办法。\n"
            "第二条　对企业给予奖励，最高100万元。\n第三条　本办法自2026年1月1日起施行。\n")
    doc = parse_text(text)
    assert [m.marker for m in doc.measures] == ["第一条", "第二条", "第三条"]


def test_a_table_typed_as_records_gives_one_measure_per_record() -> None:
    """序号：N on its own line heads a record of labelled lines; its 项目 line names the measure;
    a 序号 inside a sentence or with more after it on the line is no record."""
    record = "序号：{n}\n项目：{name}\n支持标准：对企业给予{m}万元奖励。\n责任单位：市科技局\n\n"
    text = ("示例市人民政府办公室关于印发示例措施的通知\n示例市人民政府办公室\n2025年5月6日\n示例措施\n\n"
            + "".join(record.format(n=n, name=name, m=m)
                      for n, name, m in ((1, "研发攻关", 50), (2, "场景应用", 30), (3, "人才引进", 10))))
    doc = parse_text(text)
    assert [(m.marker, m.heading) for m in doc.measures] == [
        ("序号：1", "研发攻关"), ("序号：2", "场景应用"), ("序号：3", "人才引进")]
    assert [str(m.amounts[0].value) for m in doc.measures] == ["500000", "300000", "100000"]
    assert find_measures("正文序号：1的项目。\n序号：2 补充\n") == []


def test_a_sentence_then_a_lead_in_over_leaves_on_lines_gives_the_leaves() -> None:
    """An item of one encouraging sentence (no figure) and then a lead-in ending ： over ① ② on
    their own lines: the leaves are the measures; on one line they stay one measure."""
    body = ("一、支持应用\n1、鼓励医疗、养老、商贸等领域在日常运营中使用国产服务机器人。对首次采购的用户，按照下列标准给予补贴：\n"
            "①采购10台以上的，按采购金额的10%给予补贴；\n②同一用户每年补贴总额不超过50万元。\n"
            "2、本措施自印发之日起施行。\n")
    head = "示例市人民政府办公室关于印发示例措施的通知\n示例市人民政府办公室\n2025年5月6日\n"
    assert [m.marker for m in parse_text(head + body).measures] == ["①", "②", "2."]
    inline = body.replace("：\n①", "：①").replace("；\n②", "；②")
    assert [m.marker for m in parse_text(head + inline).measures] == ["1.", "2."]
