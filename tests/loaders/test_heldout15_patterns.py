"""Patterns the fifteenth blind corpus found missing: a page whose document sits in an
``<iframe srcdoc>``, points numbered by keycap digits, money written with 万 alone, a zone's and
an autonomous prefecture's units written short, a division-of-labour table by article in
columns of spaces, repeals in a table, a 公告's number line above its title, a share 予以支付 with
a ceiling per use, and the vocabulary words of medical devices and digital agriculture.

Each fails on the loader before its change.
"""

from __future__ import annotations

from html import escape

from policykg.loaders.columns import unmerge_columns
from policykg.loaders.html import html_to_text
from policykg.loaders.money import find_money
from policykg.loaders.route import load
from tests.loaders.official_helpers import NOTICE_SIGN as SIGN
from tests.loaders.official_helpers import money_roles as _money
from tests.loaders.official_helpers import parse_text
from tests.loaders.official_helpers import unit_roles as _units


def _sectors(m) -> set[str]:
    return {c.concept.rsplit("/", 1)[-1] for c in m.sectors}


def test_a_document_inside_an_iframe_srcdoc_is_the_page_text(tmp_path) -> None:
    inner = ("<html><body><p>某市若干措施</p><p>（一）对新入驻的企业给予一次性奖励30万元。</p>"
             "<p>（二）对企业租用机房的，按租金的50%给予补贴，最高20万元。</p></body></html>")
    page = (f'<html><body><div class="nav"><a href="/">首页</a></div>'
            f'<iframe srcdoc="{escape(inner, quote=True)}"></iframe><p>打印</p></body></html>')
    lines = html_to_text(page).split("\n")
    assert lines[:3] == ["某市若干措施", "（一）对新入驻的企业给予一次性奖励30万元。",
                         "（二）对企业租用机房的，按租金的50%给予补贴，最高20万元。"]
    assert "首页" not in lines
    path = tmp_path / "frame.html"
    path.write_text(page.replace("<p>打印</p>", "<p>某市人民政府办公室</p><p>2026年5月6日</p>"),
                    encoding="utf-8")
    doc = load(path).record
    assert [_money(m) for m in doc.measures][:2] == [[("cap", 300000)], [("cap", 200000)]]


def test_a_frame_inside_a_frame_stops_at_the_depth_limit() -> None:
    page = "<p>外层</p>"
    for _ in range(5):
        page = f'<iframe srcdoc="{escape(page, quote=True)}"></iframe>'
    assert html_to_text(page) == ""  # five frames deep: deeper than the two read


def test_keycap_digits_number_the_measures() -> None:
    body = ("某开发区若干措施\n"
            "1️⃣ 支持企业上云。对企业购买云服务的，按费用的20%给予补贴，最高10万元。\n"
            "2️⃣ 支持设备更新。对企业更新生产设备的，给予一次性奖励50万元。\n"
            "3⃣ 本措施自2026年6月1日起施行。\n")
    doc = parse_text("某开发区管理委员会关于印发某开发区若干措施的通知\n\n" + body + SIGN)
    assert [m.marker for m in doc.measures][:2] == ["1.", "2."]
    assert [_money(m) for m in doc.measures][:2] == [[("cap", 100000)], [("cap", 500000)]]


def test_money_written_with_wan_alone_where_the_clause_speaks_of_money() -> None:
    text = "营业收入超过1亿的，给予奖励200万；带动就业300万人；单个项目最高50万。年销量达到10万的"
    assert [(int(f.value), f.unit) for f in find_money(text)] == [
        (100000000, "亿元"), (2000000, "万元"), (500000, "万元")]


def test_a_zones_bureaus_written_bare_take_the_zones_name() -> None:
    doc = parse_text("某某经济技术开发区管理委员会关于印发支持措施的通知\n"
                     "一、对企业给予一次性奖励20万元。（责任部门：经济发展局、财政金融局）\n"
                     "二、对人才给予每月3000元生活补贴。（责任部门：党群工作部）\n"
                     "某某经济技术开发区管理委员会\n2026年5月6日\n")
    assert [_units(m) for m in doc.measures] == [
        [("某某经济技术开发区经济发展局", "responsible"), ("某某经济技术开发区财政金融局", "responsible")],
        [("某某经济技术开发区党群工作部", "responsible")]]


def test_an_autonomous_prefectures_units_written_short() -> None:
    doc = parse_text("黔东南苗族侗族自治州人民政府办公室关于印发若干措施的通知\n"
                     "一、对合作社给予每亩300元补助。（牵头单位：州农业农村局；责任单位：州财政局）\n"
                     "二、对企业给予一次性奖励10万元。（牵头单位：州经信局）\n"
                     "黔东南苗族侗族自治州人民政府办公室\n2026年5月6日\n")
    assert [_units(m) for m in doc.measures] == [
        [("黔东南苗族侗族自治州农业农村局", "lead"), ("黔东南苗族侗族自治州财政局", "responsible")],
        [("黔东南苗族侗族自治州经济和信息化局", "lead")]]


TABLE = ("\n政策条款责任分工表\n"
         "序号\u3000\u3000条款\u3000\u3000牵头单位\u3000\u3000\u3000\u3000配合单位\n"
         "1\u3000\u3000\u3000第一条\u3000\u3000县经信局\u3000\u3000\u3000\u3000县财政局\n"
         "2\u3000\u3000\u3000第二条\u3000\u3000县交通运输局\u3000\u3000—\n"
         "3\u3000\u3000\u3000第三条\u3000\u3000县自然资源规划局\u3000\u3000县经信局\n")


def test_a_table_row_is_never_read_as_two_merged_columns() -> None:
    assert unmerge_columns(TABLE) == TABLE


def test_a_division_of_labour_table_by_article() -> None:
    doc = parse_text("某县人民政府办公室关于印发某县若干政策的通知\n"
                     "第一条\u3000对企业给予一次性奖励拾万元。\n"
                     "第二条\u3000对新开通的航线，每条航线给予补助伍拾万元。\n"
                     "第三条\u3000对测绘企业给予一次性奖励贰拾万元。\n" + TABLE
                     + "\n某县人民政府办公室\n2026年5月6日\n")
    assert [_units(m) for m in doc.measures] == [
        [("某县经济和信息化局", "lead"), ("某县财政局", "support")],
        [("某县交通运输局", "lead")],
        [("某县自然资源和规划局", "lead"), ("某县经济和信息化局", "support")]]
    assert [_money(m) for m in doc.measures] == [
        [("cap", 100000)], [("unit_rate", 500000)], [("cap", 200000)]]
    assert not _sectors(doc.measures[-1])  # the table's 交通运输局 is no text of 第三条


def test_repeals_in_a_table_with_a_header_row() -> None:
    doc = parse_text("某市人民政府办公室关于印发某市若干政策的通知\n某政办〔2026〕3号\n"
                     "现将《某市若干政策》印发给你们。本政策自印发之日起施行。下列文件同时废止①：\n"
                     "序号\u3000文件名称\u3000\u3000\u3000\u3000文号\n"
                     "1\u3000\u3000某市旧政策\u3000\u3000某政办〔2022〕11号\n"
                     "2\u3000\u3000某市旧细则\u3000\u3000某政办〔2023〕4号\n"
                     + SIGN + "①本次修订调整了奖励标准。\n")
    assert [r.number for r in doc.repeals] == ["某政办〔2022〕11号", "某政办〔2023〕4号"]


def test_a_notices_number_line_is_no_part_of_its_title() -> None:
    doc = parse_text("某开发区管理委员会\n公　　告\n2026年第5号\n\n关于2026年度企业奖励拟支持名单的公告\n\n"
                     "根据有关规定，现将拟支持名单予以公告。\n某开发区管理委员会\n2026年5月6日\n")
    assert doc.title == "关于2026年度企业奖励拟支持名单的公告"


def test_a_share_paid_with_a_ceiling_per_use() -> None:
    doc = parse_text("某局关于支持某服务的通知\n一、对纳入目录的服务，基金按项目费用的60%予以支付，单次支付最高150元。\n"
                     "二、其他事项另行通知。\n某局\n2026年5月6日\n")
    m = doc.measures[0]
    assert [(str(r.value), r.role) for r in m.ratios] == [("0.6", "cost_share")]
    assert _money(m) == [("per_recipient_cap", 150)]


def test_medical_devices_and_digital_agriculture_are_sectors() -> None:
    doc = parse_text("某市人民政府办公室关于印发若干措施的通知\n"
                     "一、对取得第二类医疗器械注册证的企业，每个产品奖励30万元。\n"
                     "二、对开展一类创新药临床试验的企业，给予最高500万元支持。\n"
                     "三、对为农业经营主体提供数字化服务的企业，给予最高20万元奖励。\n" + SIGN)
    assert [_sectors(m) for m in doc.measures] == [{"healthcare"}, {"biomedicine"}, {"agriculture"}]


def test_the_last_article_of_a_chapter_takes_no_units_of_the_next_chapters_heading() -> None:
    doc = parse_text("某市工业和信息化局关于印发某市管理办法的通知\n某市管理办法\n"
                     "第一章　研发支持（牵头单位：市工业和信息化局；配合单位：市科学技术局）\n"
                     "第一条　对企业研发新产品的，给予一次性奖励50万元。\n"
                     "第二条　对企业新建研发中心的，给予一次性奖励30万元。\n"
                     "第二章　应用推广（牵头单位：市商务局；配合单位：市财政局）\n"
                     "第三条　对用户采购新产品的，按采购金额的10%给予补助，最高100万元。\n"
                     "某市工业和信息化局\n2026年5月6日\n")
    assert [_units(m) for m in doc.measures] == [
        [("某市工业和信息化局", "lead"), ("某市科学技术局", "support")],
        [("某市工业和信息化局", "lead"), ("某市科学技术局", "support")],
        [("某市商务局", "lead"), ("某市财政局", "support")]]
