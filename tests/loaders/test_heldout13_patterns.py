"""Patterns the thirteenth blind corpus found missing: a table of measures split into groups by
section rows, a metadata line above the title, bold lead sentences as measures, units in a
chapter heading's ``（牵头单位：A；配合单位：B）``, text copied from a PDF (hard wraps inside
numbers, a page break inside a sentence), a lead-in item grouping conditions given units by
number, shares deducted by a voucher, an elliptical ceiling, tiers of shares, a refused floor, a
fund paid in by the treasury, an amending decision, a masthead with a weekday, a ministry's
general office.

Each fails on the loader before its change.
"""

from __future__ import annotations

from policykg.loaders.clean import clean
from policykg.loaders.html import html_to_text
from policykg.loaders.markdown import render
from policykg.loaders.route import load
from policykg.loaders.tables import table_lines
from tests.loaders.official_helpers import parse_text

HEAD = "某市人民政府办公室关于印发某市若干措施的通知\n某政办发〔2026〕9号\n\n"
SIGN = "\n某市人民政府办公室\n2026年5月6日\n"


def _units(m) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


def _money(m) -> list[tuple[str, int]]:
    return [(a.role, int(a.value)) for a in m.amounts]


def _shares(m) -> list[tuple[str, float]]:
    return [(r.role, float(r.value)) for r in m.ratios]


def _sectors(m) -> list[str]:
    return sorted(c.concept.rsplit("/", 1)[-1] for c in m.sectors)


def test_section_rows_group_the_rows_of_a_table_of_measures() -> None:
    rows = [["序号", "支持方向", "支持内容", "责任单位"], ["一、研发创新", "", "", ""],
            ["1", "整车研发", "每个车型奖励300万元。", "市经信局（牵头） 市科技局（配合）"],
            ["2", "部件攻关", "按研发投入的20%给予补助，最高500万元。", None],
            ["二、推广应用", "", "", ""], ["3", "车辆推广", "每辆车每年补贴2万元。", "市交通运输局"]]
    lines = table_lines(rows)
    assert lines[:3] == ["一、研发创新", "", "序号：1"]
    assert "序号：3" in lines and "二、推广应用" in lines
    assert lines.count("责任单位：市经信局（牵头） 市科技局（配合）") == 2  # the merged cell


def test_a_portal_table_of_measures_with_section_rows(tmp_path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><table><tr><th>成文日期</th><td>2026年05月02日</td><th>发布日期</th>"
        "<td>2026年05月06日</td></tr></table><h2>某市人民政府办公室关于印发某市汽车产业若干政策的通知</h2>"
        "<p>各区人民政府：</p><p>现将《某市汽车产业若干政策》印发给你们，请认真贯彻落实。</p>"
        "<p>某市人民政府办公室</p><p>2026年5月2日</p>"
        "<table><tr><th>序号</th><th>支持方向</th><th>支持内容</th><th>责任单位</th></tr>"
        '<tr><td colspan="4">一、研发创新</td></tr>'
        '<tr><td>1</td><td>车型研发</td><td>对整车企业开发新车型的，每个车型奖励300万元。</td>'
        '<td rowspan="2">市经信局（牵头）<br>市科技局（配合）</td></tr>'
        "<tr><td>2</td><td>部件攻关</td><td>按研发投入的20%给予补助，单个项目最高500万元。</td></tr>"
        '<tr><td colspan="4">二、推广应用</td></tr>'
        "<tr><td>3</td><td>场景开放</td><td>对入选的示范项目每个给予50万元奖励。</td>"
        "<td>市城管执法委（牵头）</td></tr></table></body></html>", encoding="utf-8")
    doc = load(page).record
    assert doc.notice_title == "某市人民政府办公室关于印发某市汽车产业若干政策的通知"
    assert len(doc.measures) == 3
    assert _money(doc.measures[0]) == [("per_recipient_cap", 3000000)]  # a model is no unit of a rate
    assert _units(doc.measures[1]) == [("某市经济和信息化局", "lead"), ("某市科学技术局", "support")]
    assert _units(doc.measures[2]) == [("某市城市管理执法委员会", "lead")]


def test_a_bold_lead_heads_its_paragraph_in_markdown_and_html() -> None:
    md = render("### 一、提升水平\n\n**支持技术改造。** 对企业实施改造的，给予补助。\n")
    assert md.split("\n")[2:4] == ["支持技术改造。", "对企业实施改造的，给予补助。"]
    html = html_to_text("<p><b>推动数字化转型。</b>对中小企业上云的，给予补助。</p><p>见<b>附件一二三四</b>。</p>")
    assert html.split("\n") == ["推动数字化转型。", "对中小企业上云的，给予补助。", "见附件一二三四。"]


def test_bold_lead_paragraphs_under_a_chapter_are_its_measures(tmp_path) -> None:
    page = tmp_path / "p.md"
    page.write_text(
        "# 关于印发《某市电子信息产业若干措施》的通知\n\n某经信发〔2026〕3号\n\n各区经信局：\n\n"
        "现将《某市电子信息产业若干措施》印发给你们，请抓好落实。\n\n某市经济和信息化局\n\n2026年5月15日\n\n"
        "## 某市电子信息产业若干措施\n\n### 一、提升制造水平\n\n"
        "**支持技术改造。** 对电子信息企业实施改造的，按设备投资额的8%给予补助，最高500万元。（市经信局牵头）\n\n"
        "**推动上云用数。** 对中小企业上云的，按合同金额的30%给予补助，最高20万元。（市经信局牵头）\n\n"
        "### 二、强化创新\n\n**支持技术攻关。** 对企业开展攻关的，按研发投入的20%给予补助，最高300万元。（市科技局牵头）\n\n"
        "**鼓励首台（套）。** 对首台（套）产品按售价的20%给予奖励，最高100万元。（市科技局牵头）\n",
        encoding="utf-8")
    doc = load(page).record
    assert [int(m.amounts[0].value) for m in doc.measures] == [5000000, 200000, 3000000, 1000000]


def test_units_in_a_chapter_heading_with_labelled_lead_and_support() -> None:
    doc = parse_text(HEAD + "一、推动改造（牵头单位：市交通运输局；配合单位：某港务集团有限公司）\n"
                     "（一）对港口企业改造的，按智能装备投资额的15%给予补助，最高800万元。\n"
                     "（二）对物流企业应用机器人的，每台给予2万元补助。\n"
                     "二、强化保障（牵头单位：市财政局）\n"
                     "（三）市财政每年安排1亿元，三年共3亿元，用于支持产业发展。\n" + SIGN)
    assert [_units(m) for m in doc.measures[:2]] == [
        [("某市交通运输局", "lead"), ("某港务集团有限公司", "support")]] * 2
    assert "intelligent-equipment" not in _sectors(doc.measures[0])  # the cost base of a share
    assert _money(doc.measures[2]) == [("total_budget", 100000000), ("total_budget", 300000000)]


def test_a_page_break_and_hard_wraps_inside_figures_are_undone() -> None:
    text = ("1.实施改造。对上年度主营业务收入200\n0万元以上的企业实施改造、设备投资额达到500\n\n— 1 —\n\n"
            "某市人民政府行政规范性文件\n万元以上的，按投资额的10%给予补助，单个企业最高200\n万元。由市财政局负\n责。\n"
            "2.推广应用。对企业应用机器人的，每台补贴20\n0元，最高50万元。由市工信局负责。\n\n— 2 —\n\n"
            "某市人民政府行政规范性文件\n\n抄送：市委各部门。\n")
    view = clean(text).view
    assert "主营业务收入2000万元以上" in view and "达到500万元以上" in view and "由市财政局负责。" in view
    assert "每台补贴200元" in view and "— 2 —" in view  # a break between sentences stays
    once = clean("二是对企业引进\n\n－ ２ －\n\n某市工业和信息化局文件\n\n的博士研究生，每人每月给予3000元补贴。\n").view
    assert "引进\n的博士" in once


def test_a_lead_in_over_conditions_gets_units_by_its_number(tmp_path) -> None:
    doc = parse_text(HEAD + "某市算力券实施办法\n\n1.本办法所称算力券，每年发放总额为5000万元。\n"
                     "2.申领单位应当同时符合下列条件：\n（1）在本市注册；\n"
                     "（2）上年度营业收入不低于300万元，或近两年获得股权融资累计1000万元以上；\n（3）属于软件企业。\n"
                     "3.算力券按企业实际支付费用的比例抵扣：对人工智能企业抵扣40%，对其他企业抵扣30%。"
                     "单个企业每年抵扣金额最高200万元；对重点培育的大模型企业，每年最高500万元。\n"
                     "　　上述第1项由市工业和信息化局负责；第2、3项由市工业和信息化局会同市财政局负责。\n" + SIGN)
    assert [len(_units(m)) for m in doc.measures] == [1, 2, 2, 2, 2]
    assert _units(doc.measures[1]) == [("某市工业和信息化局", "lead"), ("某市财政局", "support")]
    assert ("threshold", 10000000) in _money(doc.measures[2])
    assert _shares(doc.measures[4]) == [("cost_share", 0.4), ("cost_share", 0.3)]
    assert _money(doc.measures[4]) == [("per_recipient_cap", 2000000), ("per_recipient_cap", 5000000)]


def test_tiers_of_shares_a_refused_floor_and_a_fund_paid_in() -> None:
    doc = parse_text(HEAD + "一、对企业新建智能工厂的，按设备投资额分档给予补助：5000万元至1亿元（含）的补助8%；"
                     "1亿元以上的补助10%。\n二、对企业开发工业软件的，按销售收入的10%给予奖励，最高100万元；"
                     "年度销售收入不足100万元的，不予支持。\n三、市级财政出资10亿元设立产业投资基金。\n"
                     "四、市财政每年安排2000万元发放消费券，按消费金额的20%抵扣，单张最高抵扣100元。\n" + SIGN)
    assert [v for r, v in _shares(doc.measures[0])] == [0.08, 0.1]
    assert {r for r, _ in _shares(doc.measures[0])} == {"cost_share"}
    assert ("threshold", 1000000) in _money(doc.measures[1])
    assert _money(doc.measures[2]) == [("total_budget", 1000000000)]
    assert ("per_recipient_cap", 100) in _money(doc.measures[3])


def test_an_amending_decision_states_only_the_new_wording(tmp_path) -> None:
    page = tmp_path / "d.txt"
    page.write_text(
        "某市人民政府关于修改《某市专项资金管理办法》的决定\n\n某府〔2026〕15号\n\n各区人民政府：\n"
        "　　市人民政府决定对《某市专项资金管理办法》作如下修改：\n"
        "　　一、将第十一条中的“按贷款利息的30%给予贴息”修改为“按贷款利息的50%给予贴息”，"
        "“单个项目最高50万元”修改为“单个项目最高80万元”。\n"
        "　　二、在第八条后增加一条：“第九条　对企业研制的无人船艇开展示范应用的，每艘给予10万元补助，"
        "每家企业每年最高100万元。”\n"
        "　　三、将第二十二条修改为：“第二十二条　本办法有效期至2028年12月31日。”\n"
        "　　本决定自2026年7月1日起施行。\n\n某市人民政府\n2026年5月20日\n", encoding="utf-8")
    doc = load(page).record
    assert [(r.role, float(r.value)) for r in doc.measures[0].ratios] == [("cost_share", 0.5)]
    assert _money(doc.measures[0]) == [("per_recipient_cap", 800000)]
    assert _money(doc.measures[1]) == [("unit_rate", 100000), ("per_recipient_cap", 1000000)]
    assert str(doc.valid_from) == "2026-07-01"


def test_a_masthead_with_a_weekday_and_a_ministrys_general_office(tmp_path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("某州日报　2026年3月19日　星期四　第01版：要闻\n\n我市出台方案支持机器人产业\n\n"
                    "本报讯（记者 王某）记者从市工信局获悉，市政府日前印发《某州市机器人产业方案》，"
                    "对首台（套）产品最高奖励100万元。\n", encoding="utf-8")
    assert load(news).record.title == "我市出台方案支持机器人产业"
    doc = parse_text("国家发展改革委办公厅　文化和旅游部办公厅\n关于开展智慧旅游试点工作的通知\n\n发改办社会〔2026〕2号\n\n"
                     "各省、自治区、直辖市发展改革委、文化和旅游厅（局）：\n一、遴选不超过30个城市开展试点。\n"
                     "二、试点期2年。\n\n国家发展改革委办公厅\n文化和旅游部办公厅\n2026年4月22日\n")
    assert "国家发展和改革委员会办公厅" in [i.name for i in doc.issuers]


def test_the_enforcer_of_a_sanction_is_no_responsible_unit() -> None:
    doc = parse_text(HEAD + "1.对企业给予最高10万元奖励。\n2.企业骗取资金的，追回已拨付资金。\n"
                     "　　上述第1项由市工业和信息化局负责；第2项由市财政局负责追缴。\n" + SIGN)
    assert [_units(m) for m in doc.measures] == [[("某市工业和信息化局", "responsible")], []]
