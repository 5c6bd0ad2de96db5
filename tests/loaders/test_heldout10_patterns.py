"""Patterns the tenth blind corpus found missing (regression documents 78–80 hold them too).

Each test fails on the loader before this change: a role marked after the last name of a run
(``B、C（配合）``), the note closing a paragraph of inline leaves when the chapter runs on to the
closing paragraphs, the employer of paid persons and a party a rate counts as no categories,
rates by a standard per item done with "1", the upper bound of a condition and an applicant's
spending as no cap or budget, a page number inside a measure, a bracket broken across lines,
listed domains, low-altitude flight serving a domain, software as a cost item, a lead-in's
generic 企业 beside a leaf's own kind, and the department short names 交通运输委 / 住房城乡建委.
"""

from __future__ import annotations

from decimal import Decimal

from tests.loaders.official_helpers import amounts, local, parse_text, yuan

HEAD = "某市工业和信息化局关于印发某市若干措施的通知\n\n某工信发〔2026〕3号\n\n"


def _categories(doc) -> list[set[str]]:
    return [{local(c.concept) for c in [*m.categories, *(c for o in m.offers for c in o.categories)]}
            for m in doc.measures]


def _sectors(doc) -> list[set[str]]:
    return [{local(s.concept) for s in m.sectors} for m in doc.measures]


def _units(m) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in m.responsible + m.cooperating]


def test_a_role_marked_after_a_run_of_names_holds_for_the_run() -> None:
    text = (HEAD + "一、对企业建设算力中心的，按投资额的10%给予补助，最高500万元。\n"
            "责任单位：市发展改革委（牵头），市科技局、市能源局（配合）\n"
            "二、对企业开展模型训练的，给予最高30万元奖励。\n责任单位：市科技局（牵头）、市财政局\n")
    doc = parse_text(text)
    assert _units(doc.measures[0]) == [("某市发展和改革委员会", "lead"), ("某市科学技术局", "support"),
                                       ("某市能源局", "support")]
    # a name marked itself keeps its mark; the unmarked name after it stays as the label says
    assert _units(doc.measures[1]) == [("某市科学技术局", "lead"), ("某市财政局", "responsible")]


def test_the_note_closing_a_paragraph_of_inline_leaves_before_the_closing_paragraphs() -> None:
    text = (HEAD + "一、支持创新。一是对企业研发核心部件的，给予最高100万元奖励。二是对企业建设中试平台的，"
            "给予最高200万元补助。（市科技局牵头，市财政局配合）\n\n"
            "二、强化保障。一是对企业购买算力的，按费用的20%给予补贴，每家企业每年最高50万元（不含挖矿算力）。"
            "二是对新引进的博士给予每人每月2000元生活补贴。（市科技局、市人力资源社会保障局按职责分工负责）\n\n"
            "本措施自2026年5月1日起施行，有效期两年。\n")
    doc = parse_text(text)
    assert len(doc.measures) == 4
    for m in doc.measures[2:]:
        assert [u.name for u in m.responsible] == ["某市科学技术局", "某市人力资源和社会保障局"]


def test_employers_of_paid_persons_and_parties_a_rate_counts_are_no_categories() -> None:
    text = (HEAD + "一、对人工智能企业和机器人企业新引进的全职博士，给予每人每月3000元生活补贴。\n"
            "二、对算力企业引进的高级工程师，按每人每年2万元给予岗位补贴。\n"
            "三、对年服务本市企业超过100家的数字化服务商，给予一次性奖励30万元。\n"
            "四、对提供诊断服务的服务商，按每完成1家企业诊断给予2万元补助，每家服务商每年最高100万元。\n"
            "五、对引进高端人才的人工智能企业，给予最高50万元奖励。\n")
    assert _categories(parse_text(text)) == [set(), set(), set(), set(), {"ai-enterprise"}]


def test_a_rate_by_a_standard_per_item_done_with_one() -> None:
    text = (HEAD + "一、对开放共享的数据采集训练场，按每采集1小时有效数据200元给予补贴，单个训练场每年最高300万元。\n"
            "二、对培训机构按每培训合格1人800元给予培训补贴。\n")
    doc = parse_text(text)
    assert amounts(doc.measures[0]) == [(Decimal(200), "unit_rate"), (yuan("300"), "per_recipient_cap")]
    assert amounts(doc.measures[1]) == [(Decimal(800), "unit_rate")]


def test_conditions_bound_what_an_applicant_earns_and_spends() -> None:
    text = (HEAD + "一、申报条件\n（一）上年度营业收入不低于1000万元且不超过4亿元；\n"
            "（二）项目数字化投入不低于200万元。\n二、对符合条件的项目，按投入的20%给予补助，单个项目最高100万元。\n")
    doc = parse_text(text)
    assert [amounts(m) for m in doc.measures] == [
        [(yuan("1000"), "threshold"), (yuan("40000"), "other")], [(yuan("200"), "threshold")],
        [(yuan("100"), "per_recipient_cap")]]


def test_a_page_number_inside_a_measure_and_a_bracket_broken_across_lines() -> None:
    text = (HEAD + "一、重点任务\n（一）攻关核心技术。支持企业联合高校开展水下机器人关键技术攻关，每个项目给予最高300万元支持。"
            "（牵头单位：市科技局；配合单位：市工业和\n信息化局）\n"
            "（二）拓展应用场景。推动水下机器人在海洋牧场、港口作业等场景应用，\n\n"
            "                    — 2 —\n\n"
            "对首次应用本地产品的用户单位，按合同金额的20%给予补贴，单个单位最高50万元。（牵头单位：市海洋发展局）\n")
    doc = parse_text(text)
    assert _units(doc.measures[0])[1] == ("某市工业和信息化局", "support")
    second = doc.measures[1]
    assert amounts(second) == [(yuan("50"), "per_recipient_cap")]
    assert [r.value for r in second.ratios] == [Decimal("0.2")]
    assert _units(second) == [("某市海洋发展局", "lead")]


def test_domains_listed_low_altitude_flight_and_software_bought_as_a_cost() -> None:
    text = (HEAD + "一、推动具身智能在电子信息、养老康复等场景开展应用，每个项目给予最高50万元奖励。\n"
            "二、支持景区、博物馆应用数字人导览，按投入的30%给予补助，最高80万元。\n"
            "三、对开通低空物流航线的企业，每条航线每年给予最高20万元补贴。\n"
            "四、企业实施智能化改造，设备（含工业软件）投资额在500万元以上的，按设备投资额的15%给予补助。\n")
    sectors = _sectors(parse_text(text))
    assert "elderly-care" in sectors[0]
    assert "culture-tourism" in sectors[1]
    assert {"low-altitude-economy", "logistics"} <= sectors[2]
    assert not any("software" in s for s in sectors[3])


def test_a_lead_in_enterprise_beside_a_leaf_that_names_its_kind() -> None:
    text = (HEAD + "第一条 申请专项资金的企业应当同时具备下列条件：\n（一）在本市注册的规模以上工业企业；\n"
            "（二）上一年度营业收入达到2000万元以上。\n第二条 对新认定为市级智能工厂的企业，给予一次性奖励200万元。\n")
    cats = _categories(parse_text(text))
    assert cats[0] == {"above-scale-industrial-enterprise"}
    assert cats[1] == {"enterprise"}


def test_department_short_names_of_commissions() -> None:
    text = ("重庆市永川区人民政府办公室关于印发永川区若干措施的通知\n\n永川府办发〔2026〕2号\n\n"
            "一、对企业建设智能网联测试道路的，给予最高100万元补助。（责任单位：区交通运输委）\n"
            "二、对企业建设智慧工地的，给予最高50万元补助。（责任单位：区住房城乡建委）\n")
    doc = parse_text(text)
    assert [[u.name for u in m.responsible] for m in doc.measures] == [
        ["重庆市永川区交通运输委员会"], ["重庆市永川区住房和城乡建设委员会"]]
