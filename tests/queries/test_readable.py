"""Answers a researcher can read and parameters that forgive: money with its unit, labels in the
chosen language, --columns/--offset, a documented column order, document numbers typed any way,
"did you mean" for unknown names, and evidence only for a subject."""

from __future__ import annotations

import re

import pytest
from rdflib.namespace import RDFS

from policykg.cli import main
from policykg.ontology.gazetteer import load_gazetteer
from policykg.queries import catalog
from policykg.queries.checks import bind_checked
from policykg.queries.docnumber import normalise_document_number
from policykg.queries.safety import run
from policykg.store.rdfinput import load_dataset

from .conftest import MINI
from .test_catalog import YUE, seed_text

# hand-written: what people type → what the graph stores
TYPED = {
    "粤府办〔2025〕6号": "粤府办〔2025〕6号",
    "粵府辦〔2025〕6號": "粤府办〔2025〕6号",
    "粤府办[2025]6号": "粤府办〔2025〕6号",
    "粤府办【2025】6号": "粤府办〔2025〕6号",
    "粤府办 (2025) 6": "粤府办〔2025〕6号",
    "粤府办（２０２５）６号": "粤府办〔2025〕6号",
    "粤府办\u3000［2025］\u30006 号": "粤府办〔2025〕6号",
    "not a number": "notanumber",
}


def display(yuan: int) -> str:
    """The 亿/万元 form, by hand: 1亿2000万元, 5000万元, 1500元."""
    yi, rest = divmod(yuan, 100_000_000)
    wan, unit = divmod(rest, 10_000)
    return (f"{yi}亿" if yi else "") + (f"{wan}万" if wan else "") + (str(unit) if unit else "") + "元"


@pytest.mark.parametrize(("typed", "stored"), sorted(TYPED.items()))
def test_document_numbers_are_normalised(typed, stored):
    assert normalise_document_number(typed) == stored


def test_a_number_typed_in_traditional_script_and_brackets_finds_the_measure(seed_memory):
    def answer(number):
        query = catalog.load("measure-evidence")
        return list(run(seed_memory, bind_checked(query, {"document_number": number,
                                                           "ordinal": "4"}, seed_memory)))

    assert answer("粵府辦[2025]6") == answer(YUE) != []


def test_an_unknown_document_names_the_nearest(seed_build, capsys):
    wrong = YUE.replace("2025", "2024")
    code = main(["query", "supersession", "--graph", str(seed_build),
                 "--param", f"document_number={wrong}"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1
    assert wrong in err and "Did you mean: " + YUE in err


def test_evidence_needs_a_subject(capsys):
    assert main(["query", "measure-evidence", "--graph", str(MINI)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "document_number" in err


def test_funding_ranked_shows_amounts_with_units_and_labels(seed_build, capsys):
    """`policykg query funding-ranked` on the seeds: 万元 beside every yuan figure, category
    labels (not IRIs) beside each offer."""
    text = seed_text("001")
    top = max(int(x) for x in re.findall(r"最高(\d+)万元", text))
    assert main(["query", "funding-ranked", "--graph", str(seed_build)]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out[0].split()
    assert header[:3] == ["offer", "amountCNY", "amount"] and "categories" in header
    rows = out[2:]
    assert rows and all(re.search(r"\d+(亿|万)?\d*元", line) for line in rows)
    assert f"{top * 10_000}  {top}万元" in rows[0]
    little = load_gazetteer().info(load_gazetteer().lookup("专精特新小巨人", "category"))
    line = next(line for line in rows if little.label("zh-Hans") in line)
    assert "200万元" in line and "专精特新小巨人" in to_plain(text)
    assert not any("id:concept/" in line for line in rows)
    top_type, shown = rows[0].split()[3:5]  # e.g. pol:Grant, then its label from the ontology
    assert header[3:5] == ["type", "typeName"]
    assert shown == ontology_label(top_type.removeprefix("pol:"))


def ontology_label(local: str) -> str | None:
    from rdflib import Graph, Literal

    from policykg.ontology.gazetteer import ontology_file
    from policykg.ontology.namespace import POL

    g = Graph().parse(ontology_file(), format="turtle")
    labels = [o for o in g.objects(POL[local], RDFS.label)
              if isinstance(o, Literal) and o.language == "zh-Hans"]
    return str(labels[0]) if labels else None


def to_plain(text: str) -> str:
    return text.replace("“", "").replace("”", "").replace('"', "")


def test_yearly_sums_are_written_in_yi_and_wan(seed_memory):
    rows = run(seed_memory, catalog.bind(catalog.load("yearly-commitment"),
                                         {"document_number": YUE}))
    for r in rows:
        assert r["yearly"].toPython() == display(int(r["yearlyCNY"].toPython()))
    assert any("亿" in r["yearly"].toPython() for r in rows)  # 15 × 800万元 = 1亿2000万元


def test_labels_in_english_on_request(capsys):
    assert main(["query", "sectors-by-jurisdiction", "--graph", str(MINI), "--lang", "en",
                 "--format", "tsv", "--columns", "sector,sectorName"]) == 0
    pairs = {tuple(line.split("\t")) for line in capsys.readouterr().out.splitlines()[1:]}
    labels = {(str(s), str(o)) for s, _, o, _ in load_dataset(MINI).quads((None, RDFS.label, None))
              if getattr(o, "language", None) == "en"}
    assert pairs and pairs <= labels


def test_columns_and_offset_page_an_answer(capsys):
    args = ["query", "timeline", "--graph", str(MINI), "--format", "tsv"]
    assert main(args) == 0
    full = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert main([*args, "--columns", "number,date", "--offset", "3", "--limit", "4"]) == 0
    page = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    number, date = full[0].index("number"), full[0].index("date")
    assert page[0] == ["number", "date"]
    assert page[1:] == [[r[number], r[date]] for r in full[4:8]]
    assert main([*args, "--columns", "nope"]) == 2


@pytest.mark.parametrize("name", [q.name for q in catalog.list_queries()])
def test_the_columns_header_gives_the_column_order(name, mini_memory):
    query = catalog.load(name)
    columns = [v for k, v in catalog.header_fields(query.text) if k == "columns"]
    assert len(columns) == 1, f"{name} needs one '# columns:' line"
    documented = [re.sub(r"\(.*", "", c).strip() for c in _top_level(columns[0])]
    params = {"measure-evidence": {"document_number": "青府办〔2024〕3号", "ordinal": "2"}}
    rows = run(mini_memory, catalog.bind(query, params.get(name, {})))
    assert documented == rows.variables


def _top_level(text: str) -> list[str]:
    """Split at commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def test_cny_display_rule():
    assert [display(n) for n in (50_000_000, 100_000_000, 120_000_000, 1500)] == [
        "5000万元", "1亿元", "1亿2000万元", "1500元"]
