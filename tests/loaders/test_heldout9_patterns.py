"""Patterns the ninth blind corpus found missing (regression documents 74–77 hold them too).

Each test fails on the loader before this change: unnumbered bold headings whose paragraphs close
with a units note, measures typed as a table with a 序号 column, actors named without being
supported (lender, investee, served count, applicant, misconduct, exclusion), rates per item
done with "1" and a measure word, a cap wrapped before its last short line, a voucher budget
(额度), a labelled 责任单位 line closing a chapter, a chapter heading's sector, 支持标准 as no
standards theme, and a title in 《》 as no approver.
"""

from __future__ import annotations

from decimal import Decimal

from policykg.loaders.tables import table_lines
from tests.loaders.official_helpers import amounts, local, parse_text, yuan

HEAD = "某市科学技术局关于印发某市若干措施的通知\n\n某科发〔2026〕1号\n\n"


def _categories(doc) -> list[set[str]]:
    return [{local(c.concept) for c in [*m.categories, *(c for o in m.offers for c in o.categories)]}
            for m in doc.measures]


def test_bold_headings_whose_paragraphs_close_with_a_units_note_are_measures() -> None:
    text = (HEAD + "**支持研发**\n对机器人企业开展关键部件研发的，按研发投入的20%给予补助，单个企业最高100万元。"
            "（牵头单位：市科技局；配合单位：市财政局）\n\n**支持应用**\n对企业采购国产机器人开展示范"
            "应用的，按采购金额的10%给予补贴，最高50万元。（牵头单位：市工业和信息化局）\n\n"
            "**支持人才**\n对机器人企业引进的博士，每人每月给予3000元生活补贴，补贴期限两年。\n")
    doc = parse_text(text)
    assert [m.heading for m in doc.measures] == ["支持研发", "支持应用", "支持人才"]
    assert [u.role for u in doc.measures[0].responsible + doc.measures[0].cooperating] == [
        "lead", "support"]


def test_a_table_with_a_row_number_and_figures_is_a_list_of_measures() -> None:
    rows = [["序号", "支持事项", "支持对象", "支持标准", "责任单位"],
            ["1", "设备联网", "中小企业", "每联网1台设备给予300元，每家企业最高5万元", "市工业和信息化局"],
            ["2", "产线改造", "制造业企业", "按投资额的10%给予补助，最高200万元", "市发展和改革委员会"]]
    assert table_lines(rows)[:5] == ["序号：1", "支持事项：设备联网", "支持对象：中小企业",
                                      "支持标准：每联网1台设备给予300元，每家企业最高5万元",
                                      "责任单位：市工业和信息化局"]
    # a division-of-labour table of headings without figures stays a table of units
    plain = [["序号", "任务", "牵头单位"], ["1", "支持研发", "市科技局"], ["2", "支持应用", "市工信局"]]
    assert table_lines(plain)[0] == "序号 任务 牵头单位"
    text = HEAD + "\n".join("｜".join(r) for r in rows) + "\n\n某市科学技术局\n2026年3月1日\n"
    doc = parse_text(text)
    assert [m.heading for m in doc.measures] == ["设备联网", "产线改造"]
    assert [u.name for u in doc.measures[1].responsible] == ["某市发展和改革委员会"]
    assert _categories(doc) == [{"sme"}, {"manufacturing-enterprise"}]  # 每家企业 counts
    assert all(local(t.concept) != "standards" for m in doc.measures for t in m.themes)


def test_actors_named_without_being_supported_are_no_categories() -> None:
    text = (HEAD + "一、对申报企业为高新技术企业、研发投入超过300万元的，按研发投入的10%给予奖励，最高100万元。\n"
            "二、对年度服务企业超过30家的数字化服务商，给予20万元奖励。\n"
            "三、对中小企业使用银行贷款购置设备的，按利息的50%给予贴息，每家企业每年最高30万元。\n"
            "四、对投资机构投资本市人工智能初创企业的，按投资额的2%给予奖励，最高50万元。\n"
            "五、对新落户的软件企业给予30万元奖励。金融类企业不适用本条。企业以虚报方式骗取资金的，依法追回。\n")
    assert _categories(parse_text(text)) == [
        {"high-tech-enterprise"},  # 申报企业为…: the kind after 为
        set(),  # the enterprises a provider serves, counted: no category
        {"sme"},  # 银行贷款: the lender is no recipient
        {"financial-institution"},  # the investor, not the start-ups it invests in
        {"software-enterprise"}]  # 金融类企业 excluded, 企业 of a clawback


def test_a_rate_per_item_done_with_one_and_a_measure_word() -> None:
    text = (HEAD + "一、每培训1名学员取得职业技能证书，给予800元补贴。\n"
            "二、每上云1台（套）设备给予400元补贴，每家企业每年最高6万元。\n")
    doc = parse_text(text)
    assert amounts(doc.measures[0]) == [(Decimal(800), "unit_rate")]
    assert amounts(doc.measures[1]) == [(Decimal(400), "unit_rate"), (yuan("6"), "per_recipient_cap")]


def test_a_cap_wrapped_before_its_short_last_line_is_no_threshold() -> None:
    text = (HEAD + "一、对数据产品在交易场所挂牌交易的，按年度交易额的3%给予奖励，单个企业每年最高不\n"
            "超过60万元。\n二、市级每年安排算力券额度2000万元。\n")
    doc = parse_text(text)
    assert amounts(doc.measures[0]) == [(yuan("60"), "per_recipient_cap")]
    assert amounts(doc.measures[1]) == [(yuan("2000"), "total_budget")]


def test_a_labelled_units_line_closes_its_chapter_and_the_heading_names_the_sector() -> None:
    text = (HEAD + "一、加快人工智能赋能\n1. 对企业建设质检视觉平台的，按投资额的10%给予补助，最高100万元。\n"
            "2. 对企业开展智能客服应用的，给予20万元奖励。\n责任单位：市工业和信息化局、市财政局\n"
            "二、强化人才支撑\n1. 对企业引进的博士给予每人10万元安家补贴。\n责任单位：市人力资源和社会保障局\n")
    doc = parse_text(text)
    units = [[u.name for u in m.responsible] for m in doc.measures]
    assert units == [["某市工业和信息化局", "某市财政局"]] * 2 + [["某市人力资源和社会保障局"]]
    assert [[local(s.concept) for s in m.sectors] for m in doc.measures][:2] == [
        ["artificial-intelligence"], ["artificial-intelligence"]]


def test_a_title_in_quotes_holds_no_approver() -> None:
    text = ("某市人民政府办公室关于印发某市促进数字经济发展若干措施的通知\n\n"
            "各区人民政府：\n　　《某市促进数字经济发展若干措施》已经市政府同意，现印发给你们。\n\n"
            "一、对企业给予最高50万元奖励。\n")
    assert [a.name for a in parse_text(text).approvers] == ["某市政府"]
