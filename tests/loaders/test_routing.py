"""Routing by evidence: official document or report, decided by the weighed signs of each kind.

Fixtures in ``fixtures/routing/`` are short texts written for this project in the style of real
pages (scraped notices without a number or title line, regulations, news items and briefings
that quote titles and numbers, an English report). Each ``NAME.json`` holds the hand-written
gold: the expected kind, the signs that must be found (with the quoted original text where
given) and signs that must not be.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.loaders.records import OfficialDocument, Report, Sign, Span
from policykg.loaders.report import is_report
from policykg.loaders.route import load, parse_source
from policykg.loaders.signs import MIN_OFFICIAL, RULES, decide, find_signs
from policykg.loaders.source import read_source, source_from_bytes
from policykg.ontology.gazetteer import to_simplified

from ..conftest import seed_file

FIXTURES = Path(__file__).parent / "fixtures" / "routing"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
WEIGHTS = {rule.name: rule.weight for rule in RULES}


def gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text("utf-8"))


def routing_of_text(text: str):
    return find_signs(source_from_bytes(text.encode("utf-8"), "doc.txt"))


def test_every_fixture_has_gold() -> None:
    assert len(CASES) >= 12
    for path in CASES:
        assert path.with_suffix(".json").is_file(), path.name
    kinds = [gold(p)["kind"] for p in CASES]
    assert kinds.count("official") >= 6 and kinds.count("report") >= 5


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_fixture_is_routed_by_its_signs(path: Path) -> None:
    expected = gold(path)
    source = read_source(path)
    routing = find_signs(source)
    found = {s.name: s for s in routing.signs}
    assert routing.kind == expected["kind"], [(s.name, s.weight) for s in routing.signs]
    for name, quoted in expected["signs"].items():
        assert name in found, f"{name} not found in {path.name}"
        if quoted is not None:
            assert found[name].span.text == quoted, name
    for name in expected["absent"]:
        assert name not in found, f"{name} wrongly found in {path.name}: {found.get(name)}"
    for sign in routing.signs:
        assert source.text[sign.span.start : sign.span.end] == sign.span.text
        assert sign.weight == WEIGHTS[sign.name]
    assert routing.official == sum(s.weight for s in routing.signs if s.kind == "official")
    assert routing.report == sum(s.weight for s in routing.signs if s.kind == "report")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_load_parses_with_the_routed_parser_and_keeps_the_routing(path: Path) -> None:
    expected = gold(path)["kind"]
    result = load(path)
    assert result.routing is not None and result.routing.kind == expected
    assert is_report(read_source(path)) is (expected == "report")
    if result.record is None:  # only where the gold says the parser cannot read it yet
        assert gold(path).get("parses") is False, result.error
        assert result.stage == "parse"
        return
    assert isinstance(result.record, OfficialDocument if expected == "official" else Report)


# ---------------------------------------------------------------- no single sign is required

NOISY = (FIXTURES / "notice_pinyin_noise.txt").read_text("utf-8")


def _without(text: str, *markers: str) -> str:
    return "\n".join(line for line in text.split("\n") if not any(m in line for m in markers))


@pytest.mark.parametrize("dropped", [
    ("號(hào)",),  # the number line
    ("的通知",),  # the notice title line
    ("號(hào)", "的通知"),  # both
    ("號(hào)", "的通知", "印發(fā)給你們", "各縣"),  # only signature, closing note, measures
])
def test_no_single_sign_is_required(dropped: tuple[str, ...]) -> None:
    text = _without(NOISY, *dropped)
    assert len(text) < len(NOISY)
    routing = routing_of_text(text)
    assert routing.kind == "official", [(s.name, s.weight) for s in routing.signs]
    names = {s.name for s in routing.signs}
    if "號(hào)" in dropped:
        assert "document-number" not in names
    if "的通知" in dropped:
        assert "notice-title" not in names


def test_plain_prose_has_no_sign_and_fails_at_the_parse_stage() -> None:
    result = load(FIXTURES / "plain_prose.txt")
    assert result.record is None and result.stage == "parse"
    assert result.routing is not None and result.routing.signs == []


def test_a_number_quoted_inside_a_sentence_is_not_a_number_sign() -> None:
    routing = routing_of_text("青岚省工信厅日前印发《若干措施》（青工信规〔2025〕2号），对企业给予奖励。")
    assert "document-number" not in {s.name for s in routing.signs}
    assert routing.kind == "report"


def test_a_number_in_each_bracket_form_on_its_own_line() -> None:
    for number in ("青工信规〔2025〕2号", "青工信规[2025]2号", "青工信规［2025］2号", "青工信规(2025)2号",
                   "青工信规（2025）2号", "青工信规【2025】2号", "青岚省人民政府令第15号", "（第3号）",
                   "发文字号：青工信规〔2025〕2号"):
        routing = routing_of_text(f"关于支持机器人产业发展的通知\n{number}\n各有关单位：\n")
        signs = {s.name: s for s in routing.signs}
        assert "document-number" in signs, number
        assert signs["document-number"].span.text in number


def test_a_chinese_numeral_date_makes_a_signature() -> None:
    routing = routing_of_text("一、支持研发。\n二、支持应用。\n三、支持人才。\n某县科学技术局\n二〇二四年五月六日\n")
    signs = {s.name: s for s in routing.signs}
    assert signs["signature"].span.text == "某县科学技术局\n二〇二四年五月六日"
    assert routing.kind == "official"


def test_a_masthead_and_date_is_not_a_signature() -> None:
    routing = routing_of_text("第 3 期\n青岚发展研究院 主办\n2025年5月6日\n")
    assert "signature" not in {s.name for s in routing.signs}


def test_a_regulation_clause_about_advance_notice_is_not_news() -> None:
    # 日前 after a number of days means "before", not "recently"
    routing = routing_of_text("第一条 停水应当在三日前公布。\n第二条 略。\n第三条 略。\n")
    assert "news-of-document" not in {s.name for s in routing.signs}


def test_an_empty_author_label_is_not_an_editor_line() -> None:
    routing = routing_of_text("时间：2025/6/30 17:46 作者: 点击数:\n关于印发若干措施的通知\n")
    assert "editor-line" not in {s.name for s in routing.signs}


def test_a_breadcrumb_is_not_a_title_line() -> None:
    routing = routing_of_text("首页 > 政务公开 > 通知公告\n当前位置：政策文件\n")
    assert "title-line" not in {s.name for s in routing.signs}


def test_an_organ_in_the_author_field_is_not_an_editor_line() -> None:
    names = [s.name for s in routing_of_text("作者：青阳市住房和城乡建设局 点击数：9\n").signs]
    assert "editor-line" not in names
    editor = {s.name: s for s in routing_of_text("作者：赵敏\n").signs}["editor-line"]
    assert editor.span.text == "作者：赵敏"


def test_a_date_under_a_masthead_is_not_a_closing_date() -> None:
    routing = find_signs(read_source(FIXTURES / "briefing_numbered.txt"))
    assert "closing-date" not in {s.name for s in routing.signs}


def test_regulation_with_articles_but_no_number_line_is_not_a_report() -> None:
    # 427 of 701 real regulations were read as reports: no number line, no 关于印发 title
    text = (FIXTURES / "regulation_articles_adoption.txt").read_text("utf-8")
    body = text.split("\n", 2)[2]  # without the adoption line too
    assert routing_of_text(body).kind == "official"
    result = parse_source(source_from_bytes(body.encode("utf-8"), "reg.txt"))
    assert isinstance(result.record, OfficialDocument) and len(result.record.measures) == 5


# ---------------------------------------------------------------- the decision rule


def _sign(name: str, kind: str, weight: float) -> Sign:
    return Sign(name, kind, weight, Span(0, 0, ""))


def test_decision_needs_enough_official_evidence_and_more_than_the_report_signs() -> None:
    assert decide([]).kind == "report"
    assert decide([_sign("numbered-items", "official", 1.5)]).kind == "report"
    assert MIN_OFFICIAL == 2.0
    assert decide([_sign("signature", "official", 2.0)]).kind == "official"
    tie = decide([_sign("signature", "official", 2.0), _sign("reported-speech", "report", 2.0)])
    assert (tie.kind, tie.official, tie.report) == ("report", 2.0, 2.0)
    more = decide([_sign("signature", "official", 2.0), _sign("numbered-items", "official", 1.5),
                   _sign("editor-line", "report", 1.0)])
    assert (more.kind, more.official, more.report) == ("official", 3.5, 1.0)


def test_every_rule_has_a_documented_weight() -> None:
    import policykg.loaders.signs as signs

    for rule in RULES:
        assert rule.weight > 0
        assert f"{rule.name} " in signs.__doc__, rule.name


# ---------------------------------------------------------------- the seeds (read at run time)


def test_seed_signs() -> None:
    number = {s.name: s for s in find_signs(read_source(seed_file("001"))).signs}["document-number"]
    assert to_simplified(number.span.text) == "粤府办〔2025〕6号"
    routing = find_signs(read_source(seed_file("003")))
    assert routing.kind == "official"
    assert to_simplified({s.name: s for s in routing.signs}["document-number"].span.text) == (
        "穗开经信规字〔2025〕7号")
    briefing = find_signs(read_source(seed_file("002")))
    assert briefing.kind == "report" and "periodical" in {s.name for s in briefing.signs}
    for prefix in ("000", "004"):
        english = find_signs(read_source(seed_file(prefix)))
        assert english.kind == "report" and english.signs[0].name == "english-prose"


# ---------------------------------------------------------------- policykg inspect


def _inspect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policykg", "inspect", *args],
                          capture_output=True, text=True, timeout=120)


def test_inspect_shows_the_decision_with_every_sign() -> None:
    proc = _inspect(str(FIXTURES / "measures_and_signature.txt"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Routed as:     official (official signs 3.5, report signs 0.0)" in out
    assert "official  1.5  numbered-items" in out and "「一、」" in out
    assert "official  2.0  signature" in out and "「临川县工业和信息化局 2024年11月5日」" in out
    proc = _inspect(str(FIXTURES / "news_traditional.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "Routed as:     report (official signs 0.0, report signs 13.0)" in proc.stdout
    assert "report    2.5  byline" in proc.stdout and "「記者 李嘉穎」" in proc.stdout


def test_inspect_json_carries_the_routing() -> None:
    path = FIXTURES / "briefing_numbered.txt"
    proc = _inspect(str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    routing = json.loads(proc.stdout)["routing"]
    assert (routing["kind"], routing["official"], routing["report"]) == ("report", 1.5, 5.0)
    text = read_source(path).text
    names = []
    for sign in routing["signs"]:
        span = sign["span"]
        assert text[span["start"] : span["end"]] == span["text"]
        names.append((sign["name"], sign["kind"], sign["weight"]))
    assert names == [("periodical", "report", 1.5), ("numbered-items", "official", 1.5),
                     ("news-of-document", "report", 2.0), ("quoted-title", "report", 1.5)]


def test_a_long_regulation_is_routed_from_its_opening_and_close() -> None:
    import time

    articles = "".join(f"第{i}条 对符合条件的企业给予奖励，由县级以上人民政府组织实施。\n" for i in range(1, 20001))
    text = f"青岚省促进条例\n{articles}青岚省人民政府\n2024年1月2日\n"
    source = source_from_bytes(text.encode("utf-8"), "long.txt")
    started = time.perf_counter()
    routing = find_signs(source)
    assert time.perf_counter() - started < 5  # the middle of a long text is not read
    signs = {s.name: s for s in routing.signs}
    assert routing.kind == "official"
    assert signs["articles"].span.text == "第1条"
    signature = signs["signature"].span
    assert signature.text == "青岚省人民政府\n2024年1月2日"
    assert source.text[signature.start : signature.end] == signature.text
