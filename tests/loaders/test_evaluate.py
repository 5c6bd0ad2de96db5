"""``policykg evaluate``: the gold reader, the scorer on hand-made records, the command end to
end on a notice written for this project, and the seeds' hand-read gold (every fact found, no
wrong value)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from policykg.cli import main
from policykg.loaders.evaluation import evaluate, found_facts, score
from policykg.loaders.gold import GoldError, parse_gold, read_gold
from policykg.loaders.records import (
    AgencyRef,
    ConceptRef,
    LoadResult,
    Measure,
    Money,
    OfficialDocument,
    Quota,
    Ratio,
    Source,
    Span,
)

HERE = Path(__file__).resolve().parent.parent  # tests/
GOLD = HERE / "fixtures" / "gold"
EXAMPLE = GOLD / "example"
ID = "https://w3id.org/policykg/id/"

# ---------------------------------------------------------------- a hand-made record

TEXT = ("某市扶持办法\n某工信〔2026〕1号\n"
        "一、对企业给予最高50万元补助，按投入的30%核定；年营收达到1亿元以上的优先。\n"
        "二、每年支持不超过5个项目。（牵头单位：市工信局）\n")


def _span(fragment: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return Span(start, start + len(fragment), fragment)


def make_record() -> OfficialDocument:
    """A record as a loader would return it for TEXT: two measures, six measure facts."""
    first = Measure(ordinal=1, span=_span(TEXT.splitlines()[2]), heading="", heading_span=_span("一、"),
                    numbering="一、")
    first.amounts = [Money(Decimal("500000"), "per_recipient_cap", _span("50万元")),
                     Money(Decimal("100000000"), "threshold", _span("1亿元"))]
    first.ratios = [Ratio(Decimal("0.30"), "cost_share", _span("30%"))]
    first.categories = [ConceptRef("category", ID + "concept/category/enterprise", _span("企业"))]
    second = Measure(ordinal=2, span=_span(TEXT.splitlines()[3]), heading="",
                     heading_span=_span("二、"), numbering="一、")
    second.quotas = [Quota(5, _span("5个"), "PerYear")]
    second.responsible = [AgencyRef("某市工业和信息化局", _span("市工信局"), written="市工信局",
                                    role="lead")]
    source = Source("x.txt", "x.txt", "0" * 64, len(TEXT), "utf-8", "text/plain", TEXT)
    return OfficialDocument(source=source, title="某市扶持办法", title_span=_span("某市扶持办法"),
                            number="某工信〔2026〕1号", number_span=_span("某工信〔2026〕1号"),
                            measures=[first, second])


PERFECT = {
    "source": "x.txt", "kind": "official",
    "facts": {
        "title": ["某市扶持办法"], "number": ["某工信[2026]1号"], "measures": 2,
        "amount": [{"value": "500000", "role": "per_recipient_cap", "measure": 1}],
        "threshold": [{"value": "100000000", "measure": 1}],
        "cost_share": [{"value": "0.3", "measure": 1}],
        "quota": [{"value": 5, "period": "PerYear", "measure": 2}],
        "responsible": [{"name": "某市工业和信息化局", "role": "lead", "measure": 2}],
        "category": [{"value": "企业", "measure": 1}],
    },
}


def run_score(gold: dict, record=None):
    return score(parse_gold(gold, "g.json"), found_facts(record or make_record()))


def gold_with(**facts) -> dict:
    gold = copy.deepcopy(PERFECT)
    gold["facts"].update(facts)
    return gold


def totals(doc) -> tuple[int, int, int]:
    return (sum(c.tp for c in doc.counts.values()), sum(c.fp for c in doc.counts.values()),
            sum(c.fn for c in doc.counts.values()))


# ---------------------------------------------------------------- the scorer


def test_perfect_match_scores_one() -> None:
    doc = run_score(PERFECT)
    assert totals(doc) == (10, 0, 0)  # kind, title, number, measures and six measure facts
    assert not doc.misses and not doc.extras
    assert all(c.f1 == 1.0 for c in doc.counts.values())


def test_a_missing_fact_lowers_recall_only() -> None:
    doc = run_score(gold_with(amount=[
        {"value": "500000", "role": "per_recipient_cap", "measure": 1},
        {"value": "200000", "measure": 2}]))
    amount = doc.counts["amount"]
    assert (amount.tp, amount.fp, amount.fn) == (1, 0, 1)
    assert (amount.precision, amount.recall) == (1.0, 0.5)
    assert [(f.value, f.measure) for f in doc.misses] == [("200000", 2)]


def test_an_extra_fact_lowers_precision_only() -> None:
    doc = run_score(gold_with(cost_share=[], category=[]))
    assert (doc.counts["cost_share"].tp, doc.counts["cost_share"].fp) == (0, 1)
    assert doc.counts["cost_share"].precision == 0.0 and doc.counts["cost_share"].recall == 1.0
    extras = {(f.kind, f.value, f.quote) for f in doc.extras}
    assert extras == {("cost_share", "0.3", "30%"), ("category", "企业", "企业")}


def test_an_attribute_that_differs_is_a_miss_and_an_extra() -> None:
    doc = run_score(gold_with(amount=[{"value": "500000", "role": "cap", "measure": 1}],
                              quota=[{"value": 5, "period": "PerPolicyTerm"}]))
    assert [(f.kind, f.role, f.period) for f in doc.misses] == [
        ("amount", "cap", None), ("quota", None, "PerPolicyTerm")]
    assert [(f.kind, f.role, f.period) for f in doc.extras] == [
        ("amount", "per_recipient_cap", None), ("quota", None, "PerYear")]
    assert doc.found_as == doc.extras  # each miss is shown with what was found in its place


def test_the_measure_attribute_must_match_when_given() -> None:
    doc = run_score(gold_with(threshold=[{"value": "100000000", "measure": 2}]))
    assert doc.counts["threshold"].fn == 1 and doc.counts["threshold"].fp == 1


def test_partial_gold_scores_only_the_kinds_it_gives() -> None:
    doc = run_score({"source": "x.txt", "facts": {"amount": [{"value": "500000"}]}})
    assert list(doc.counts) == ["amount"]  # no kind, no title, no threshold…
    assert totals(doc) == (1, 0, 0)  # role and measure not given: not compared


def test_empty_list_means_none_and_counts_every_found_fact_as_extra() -> None:
    doc = run_score(gold_with(quota=[], responsible=[], penalty=[]))
    assert doc.counts["quota"].fp == 1 and doc.counts["responsible"].fp == 1
    assert (doc.counts["penalty"].tp, doc.counts["penalty"].fp, doc.counts["penalty"].fn) \
        == (0, 0, 0)
    assert doc.counts["penalty"].f1 == 1.0


def test_one_to_one_matching() -> None:
    twice = [{"value": "500000"}, {"value": "500000"}]
    doc = run_score(gold_with(amount=twice))
    assert (doc.counts["amount"].tp, doc.counts["amount"].fn) == (1, 1)
    record = make_record()
    record.measures[0].amounts.append(Money(Decimal("5E+5"), "cap", _span("50万元")))
    doc = run_score(PERFECT, record)
    assert (doc.counts["amount"].tp, doc.counts["amount"].fp) == (1, 1)


def test_decimal_values_compare_as_numbers() -> None:
    doc = run_score(gold_with(cost_share=[{"value": "0.300"}], threshold=[{"value": "1E+8"}]))
    assert doc.counts["cost_share"].tp == 1 and doc.counts["threshold"].tp == 1


def test_names_match_in_simplified_script_without_spaces_and_by_written_form() -> None:
    for name in ("某市工業和信息化局", "某市 工业和信息化局", "市工信局"):
        doc = run_score(gold_with(responsible=[{"name": name, "measure": 2}]))
        assert doc.counts["responsible"].tp == 1, name


def test_categories_match_any_label_of_the_concept() -> None:
    for label in ("企业", "enterprises", "经营主体"):
        assert run_score(gold_with(category=[{"value": label}])).counts["category"].tp == 1


def test_a_gold_category_outside_the_vocabulary_is_noted() -> None:
    doc = run_score(gold_with(category=[{"value": "企业"}, {"value": "不存在的类别"}]))
    assert doc.notes == ["category '不存在的类别' is no label of the category vocabulary; it "
                         "cannot be found"]


def test_spans_must_overlap_when_given() -> None:
    s = _span("50万元")
    near = [{"value": "500000", "span": [s.start - 2, s.start + 1]}]
    far = [{"value": "500000", "span": [0, 3]}]
    assert run_score(gold_with(amount=near)).counts["amount"].tp == 1
    assert run_score(gold_with(amount=far)).counts["amount"].tp == 0


def test_title_and_notice_title_are_alternatives() -> None:
    record = make_record()
    record.notice_title = "关于印发某市扶持办法的通知"
    assert run_score(PERFECT, record).counts["title"].fp == 0  # not an extra: the title matched
    both = run_score(gold_with(title=["某市扶持办法", "关于印发某市扶持办法的通知"]), record)
    assert both.counts["title"].tp == 2
    wrong = run_score(gold_with(title=["另一个办法"]), record)
    assert (wrong.counts["title"].fp, wrong.counts["title"].fn) == (1, 1)  # counted once


def test_a_document_fact_with_a_wrong_value_is_a_miss_and_an_extra() -> None:
    doc = run_score(gold_with(measures=3))
    assert (doc.counts["measures"].fp, doc.counts["measures"].fn) == (1, 1)


def test_a_source_that_failed_to_load_misses_everything() -> None:
    doc = score(parse_gold(PERFECT, "g.json"), found_facts(None))
    assert totals(doc) == (0, 0, 10)


# ---------------------------------------------------------------- malformed gold


@pytest.mark.parametrize(("gold", "problem"), [
    ([], "must be a JSON object"),
    ({"facts": {}}, "names no source"),
    ({"source": "x.txt", "kind": "notice"}, "kind must be official or report"),
    ({"source": "x.txt", "facts": {"amounts": []}}, "facts.amounts is not a fact kind"),
    ({"source": "x.txt", "fact": {}}, "unknown key 'fact'"),
    ({"source": "x.txt", "facts": {"amount": [{"value": "五十万"}]}}, "is not a decimal number"),
    ({"source": "x.txt", "facts": {"amount": [{"value": 0.3}]}}, "as a string"),
    ({"source": "x.txt", "facts": {"amount": [{"value": "1", "role": "max"}]}},
     "role 'max' is not one of cap"),
    ({"source": "x.txt", "facts": {"amount": [{"value": "1", "measure": 0}]}},
     "measure ordinal"),
    ({"source": "x.txt", "facts": {"amount": [{"value": "1", "mesure": 2}]}},
     "unknown attribute 'mesure'"),
    ({"source": "x.txt", "facts": {"quota": [{"value": "10"}]}}, "must be a whole number"),
    ({"source": "x.txt", "facts": {"date_issued": ["2025-02-30"]}}, "not a date"),
    ({"source": "x.txt", "facts": {"amount": {"value": "1"}}}, "must be a list"),
    ({"source": "x.txt", "facts": {"amount": [{"value": "1", "span": [5, 2]}]}}, "span"),
    ({"source": "x.txt", "sha256": "abc"}, "64 hexadecimal digits"),
])
def test_malformed_gold_is_one_sentence_naming_the_file(gold, problem) -> None:
    with pytest.raises(GoldError) as err:
        parse_gold(gold, "mine.json")
    message = str(err.value)
    assert message.startswith("mine.json: ") and problem in message and "\n" not in message


def test_a_gold_file_that_is_not_json(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"source": "x.txt",,}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: is not valid JSON \(line 1, column 20"):
        read_gold(bad)


# ---------------------------------------------------------------- the command


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def example_gold(tmp_path, change) -> Path:
    """A copy of the example's gold, changed by ``change(facts)``."""
    gold = json.loads((EXAMPLE / "gold" / "guangzhou_robot_notice.json").read_text("utf-8"))
    change(gold["facts"])
    folder = tmp_path / "gold"
    folder.mkdir(exist_ok=True)
    (folder / "notice.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def test_command_on_the_example_finds_every_fact(capsys) -> None:
    code, out, err = cli(capsys, EXAMPLE / "gold", EXAMPLE / "docs")
    assert code == 0 and err == ""
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert rows["amount"] == ["3", "3", "3", "0", "0", "1.000", "1.000", "1.000"]
    assert rows["overall"][:5] == ["24", "24", "24", "0", "0"]
    assert "0 missed, 0 extra" in out


def test_command_lists_misses_and_extras_with_the_quoted_text(tmp_path, capsys) -> None:
    def change(facts):
        facts["amount"][0]["role"] = "cap"  # the text says 单个企业最高: per recipient
        facts["threshold"] = []  # drop the 2000万元 threshold: it becomes an extra
        facts["quota"].append({"value": 3, "measure": 3})  # a quota the notice does not have

    code, out, _ = cli(capsys, example_gold(tmp_path, change), EXAMPLE / "docs")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["miss", "amount", "3000000", "(measure", "1,", "role", "cap)", "—", "found", "with",
            "role", "per_recipient_cap"] in lines
    assert ["miss", "quota", "3", "(measure", "3)"] in lines
    extra = next(line for line in out.splitlines() if "extra  threshold" in line)
    assert "20000000" in extra and "«2000万元»" in extra
    overall = next(line for line in out.splitlines() if line.startswith("overall")).split()
    assert overall[1:6] == ["24", "24", "22", "2", "2"]


def test_command_json_kinds_and_min_f1(tmp_path, capsys) -> None:
    folder = example_gold(tmp_path, lambda f: f["amount"].append({"value": "7", "measure": 1}))
    code, out, _ = cli(capsys, folder, EXAMPLE / "docs", "--json", "--kinds", "amount,quota")
    assert code == 0
    data = json.loads(out)
    assert list(data["kinds"]) == ["amount", "quota"]
    assert data["kinds"]["amount"] == {"gold": 4, "found": 3, "tp": 3, "fp": 0, "fn": 1,
                                       "precision": 1.0, "recall": 0.75, "f1": 0.8571}
    assert data["documents"][0]["misses"] == [{"kind": "amount", "value": "7", "measure": 1}]
    code, _, err = cli(capsys, folder, EXAMPLE / "docs", "--kinds", "amount", "--min-f1", "0.9")
    assert code == 1 and "overall F1 0.857 is below --min-f1 0.9" in err
    code, _, err = cli(capsys, folder, EXAMPLE / "docs", "--kinds", "amounts")
    assert code == 2 and "amounts is no fact kind" in err


def test_command_reports_gold_without_source_and_sources_that_fail(tmp_path, capsys) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "elsewhere.json").write_text('{"source": "nowhere.txt", "facts": {"measures": 3}}',
                                         encoding="utf-8")
    (gold / "empty.json").write_text(
        '{"source": "empty.txt", "kind": "official", "facts": {"measures": 3}}', encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"")
    code, out, _ = cli(capsys, gold, docs)
    assert code == 0
    assert ("not scored: " + str(gold / "elsewhere.json") + " describes nowhere.txt, which is "
            "not among the sources\n") in out
    assert "could not be loaded:" in out and "Every gold fact counts as a miss." in out
    overall = next(line for line in out.splitlines() if line.startswith("overall")).split()
    assert overall[1:6] == ["2", "0", "0", "0", "2"]  # kind and measures, both missed


def test_command_malformed_gold_is_named_and_the_others_are_scored(tmp_path, capsys) -> None:
    folder = example_gold(tmp_path, lambda facts: None)
    (folder / "broken.json").write_text('{"source": "a.txt", "facts": {"quota": [{"value": '
                                        '"ten"}]}}', encoding="utf-8")
    code, out, err = cli(capsys, folder, EXAMPLE / "docs")
    assert code == 2
    assert err.strip() == (f"policykg evaluate: {folder / 'broken.json'}: facts.quota[0].value "
                           "must be a whole number, not 'ten'.")
    assert "Traceback" not in err and "1 document scored" in out


def test_command_usage_errors(tmp_path, capsys) -> None:
    code, _, err = cli(capsys, tmp_path / "missing", EXAMPLE / "docs")
    assert code == 2 and "does not exist" in err
    code, _, err = cli(capsys, tmp_path, EXAMPLE / "docs")
    assert code == 2 and "holds no .json gold file" in err
    code, _, err = cli(capsys, EXAMPLE / "gold", tmp_path / "nothing")
    assert code == 2 and "does not exist" in err


def test_gold_matched_by_sha256_after_a_rename(tmp_path) -> None:
    import hashlib

    data = (EXAMPLE / "docs" / "guangzhou_robot_notice.txt").read_bytes()
    renamed = tmp_path / "renamed.txt"
    renamed.write_bytes(data)
    folder = example_gold(tmp_path, lambda facts: None)
    gold = json.loads((folder / "notice.json").read_text("utf-8"))
    gold["sha256"] = hashlib.sha256(data).hexdigest()
    (folder / "notice.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = evaluate(folder, [renamed])
    assert [d.source for d in result.documents] == [str(renamed)] and not result.unmatched
    assert result.overall().f1 == 1.0


def test_one_source_is_loaded_once_per_gold_file(tmp_path) -> None:
    calls = []

    def loader(path):
        calls.append(path)
        return LoadResult(path=str(path), record=make_record())

    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(PERFECT), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(PERFECT), encoding="utf-8")
    source = tmp_path / "x.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = evaluate(folder, [source], loader=loader)
    assert len(calls) == 1 and result.overall().f1 == 1.0
    assert result.problems == [f"{folder / 'b.json'}: describes the same source as "
                               f"{folder / 'a.json'} ({source}); only the first is scored."]


def test_a_record_the_scorer_cannot_read_counts_as_not_loaded(tmp_path) -> None:
    broken = make_record()
    broken.measures[0].amounts.append(Money(Decimal("1"), "cap", None))  # a span-less figure

    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "x.json").write_text(json.dumps(PERFECT), encoding="utf-8")
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    result = evaluate(folder, [tmp_path / "x.txt"],
                      loader=lambda p: LoadResult(path=str(p), record=broken))
    (doc,) = result.documents
    assert doc.error.startswith("its record could not be read (AttributeError")
    assert (result.overall().tp, result.overall().fn) == (0, 10)


# ---------------------------------------------------------------- the seeds


def test_seed_gold_files_are_valid_and_cover_every_seed(seeds_dir) -> None:
    golds = [read_gold(p) for p in sorted((GOLD / "seeds").glob("*.json"))]
    assert sorted(g.source for g in golds) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    official = [g for g in golds if g.facts["kind"][0].value == "official"]
    assert len(official) == 2
    for gold in official:  # every fact kind of the format is given
        assert set(gold.facts) == {"kind", "title", "number", "issuer", "date_issued",
                                   "jurisdiction", "valid_from", "valid_until", "repeals",
                                   "measures", "amount", "threshold", "cost_share",
                                   "matching_ratio", "quota", "responsible", "category",
                                   "sector", "penalty"}


def test_seeds_every_fact_found_and_no_wrong_value(seeds_dir) -> None:
    result = evaluate(GOLD / "seeds", sorted(seeds_dir.glob("*.txt")))
    assert len(result.documents) == 5 and not result.unmatched and not result.problems
    wrong = [f"{Path(d.source).name}: {label} {f.kind} {f.value} (measure {f.measure}, "
             f"role {f.role}, period {f.period})"
             for d in result.documents for label, facts in (("miss", d.misses),
                                                           ("extra", d.extras)) for f in facts]
    overall = result.overall()
    assert (overall.recall, overall.precision) == (1.0, 1.0), "\n".join(wrong)


# ---------------------------------------------------------------- the documentation


def documented_commands() -> list[str]:
    """Every ``policykg evaluate`` line of a code block in the README and the gold README."""
    out = []
    for doc in (HERE.parent / "README.md", GOLD / "README.md",
                HERE.parent / "docs" / "evaluation.md"):
        blocks = doc.read_text(encoding="utf-8").split("```")[1::2]
        out += [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()
                if line.startswith("policykg evaluate tests/")]
    return out


def test_every_documented_command_runs_as_written(monkeypatch, capsys, seeds_dir) -> None:
    import shlex

    commands = documented_commands()
    assert len(commands) >= 4
    monkeypatch.chdir(HERE.parent)
    for command in commands:
        argv = shlex.split(command)[1:]
        assert main(argv) == 0, command
        out = capsys.readouterr().out
        assert "documents scored" in out or "document scored" in out or '"overall"' in out
