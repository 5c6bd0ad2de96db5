"""A battery of bad sources built together with copies of the seeds (issue 11, item 1).

Every bad file is generated at run time in a temporary folder next to copies of the seed files:
empty, binary, truncated, an HTML page declaring the wrong charset, GB18030 and Big5 copies,
an HTML page wrapping a seed, a 50 MB file, text that is no policy at all, and duplicates.
The build must list each one in ``report.json`` (status, stage, a one-sentence reason naming
the file), exit 3, and still contain every seed fact.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from policykg.loaders.records import OfficialDocument
from policykg.loaders.route import load
from policykg.loaders.source import MAX_BYTES

from ..conftest import seed_file

# tone-marked pinyin left in the seed by a bad copy-paste, e.g. 關(guān): Big5 has no tone marks
_PINYIN = re.compile(r"\([a-zü\u00c0-\u024f]+\)")
HUGE_BYTES = 50 * 1024 * 1024


def big5_text(text: str) -> str:
    """``text`` made encodable in Big5: pinyin artifacts dropped, 〇 → ○, simplified → traditional."""
    import opencc

    to_trad = opencc.OpenCC("s2tw")
    out = []
    for ch in _PINYIN.sub("", text).replace("〇", "○"):
        for candidate in (ch, to_trad.convert(ch)):
            try:
                candidate.encode("big5")
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
    return "".join(out)


def cut_mid_character(data: bytes, fraction: float) -> bytes:
    """The first ``fraction`` of UTF-8 ``data``, cut inside a multibyte character."""
    cut = int(len(data) * fraction)
    while not 0x80 <= data[cut] < 0xC0:  # move onto a continuation byte
        cut += 1
    return data[:cut]


def wrap_in_html(text: str, charset: str = "utf-8") -> str:
    """A web page around ``text``: navigation, a script and a style block besides the article."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>政策文件</title>'
            "<style>body { font-family: serif } .nav { color: #123456 }</style>"
            "<script>var trackingCounter = 0; function beacon() { trackingCounter++; }</script>"
            '</head><body><nav class="nav"><a href="/">首页</a> &gt; <a href="/zc">政策文件</a>'
            "<a href='/login'>LoginLinkText</a></nav>"
            f"<article>{paragraphs}</article>"
            "<footer>FooterCopyrightText</footer></body></html>")


def facts(doc: OfficialDocument) -> dict:
    """What must not change with the encoding or the wrapper of a document."""
    return {
        "number": doc.number,
        "issued": doc.date_issued,
        "validity": (doc.valid_from, doc.valid_until),
        "measures": len(doc.measures),
        "figures": sorted({(m.ordinal, a.value, a.role) for m in doc.measures for a in m.amounts}),
        "responsible": sorted({r.name for m in doc.measures for r in m.responsible}),
        "repeals": sorted((r.number or "", r.title or "") for r in doc.repeals),
    }


def _variants() -> dict[str, tuple[str, bytes]]:
    """name → (seed prefix it copies, bytes), for copies that must give the seed's facts."""
    t1 = seed_file("001").read_text("utf-8")
    t3 = seed_file("003").read_text("utf-8")
    return {
        "enc_001_gb18030.txt": ("001", t1.encode("gb18030")),
        "enc_001_big5.txt": ("001", big5_text(t1).encode("big5")),
        "enc_003_gb18030.txt": ("003", t3.encode("gb18030")),
        "enc_003_big5.txt": ("003", big5_text(t3).encode("big5")),
        "page_001.html": ("001", wrap_in_html(t1).encode("utf-8")),
        # declares UTF-8, is GB18030: the bytes must win over the declaration
        "wrong_charset_003.html": ("003", wrap_in_html(t3, "utf-8").encode("gb18030")),
    }


def write_battery(src: Path) -> None:
    """Seed copies plus every bad source, written into ``src``."""
    src.mkdir(parents=True, exist_ok=True)
    for prefix in ("000", "001", "002", "003", "004"):
        shutil.copyfile(seed_file(prefix), src / seed_file(prefix).name)
    for name, (_, data) in _variants().items():
        (src / name).write_bytes(data)
    rng = random.Random(11)
    (src / "bad_empty.txt").write_bytes(b"")
    (src / "bad_blank.txt").write_bytes(b" \n\t\r\n ")
    (src / "bad_binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(8192)) + b"\0" * 64)
    (src / "bad_truncated_003.txt").write_bytes(cut_mid_character(seed_file("003").read_bytes(), 0.55))
    (src / "bad_recipe.txt").write_text(
        "Lemon pancakes\n\nIngredients:\n1. 200 g flour\n2. 2 eggs\n3. 300 ml milk\n"
        "4. one lemon\n\nMethod:\nWhisk everything, rest ten minutes, fry in butter.\n", "utf-8")
    (src / "bad_table.txt").write_text(
        "date,item,price\n2024-01-01,apple,3.5\n2024-01-02,pear,4.0\n2024-01-03,plum,2.25\n", "utf-8")
    (src / "dup_of_003.txt").write_bytes(seed_file("003").read_bytes())
    chunk = ("某市某局关于某事项的说明。" * 2000 + "\n").encode("utf-8")
    with (src / "bad_huge.txt").open("wb") as fh:
        while fh.tell() < HUGE_BYTES:
            fh.write(chunk)


@pytest.fixture(scope="module")
def battery(tmp_path_factory, seeds_dir) -> dict:
    """Build the battery once with the real CLI; yields paths, exit code, stderr and report."""
    root = tmp_path_factory.mktemp("battery")
    src, out = root / "src", root / "out"
    write_battery(src)
    proc = subprocess.run(
        [sys.executable, "-m", "policykg", "build", str(src), "--out", str(out), "--quiet",
         "--no-validate"], capture_output=True, text=True, timeout=600)
    report = json.loads((out / "report.json").read_text("utf-8"))
    entries = {Path(e["path"]).name: e for e in report["sources"]}
    return {"src": src, "out": out, "proc": proc, "report": report, "entries": entries}


def test_the_build_exits_3_and_lists_every_source(battery) -> None:
    assert battery["proc"].returncode == 3, battery["proc"].stderr
    assert set(battery["entries"]) == {p.name for p in battery["src"].iterdir()}
    assert battery["report"]["exit_code"] == 3
    assert "Traceback" not in battery["proc"].stderr


FAILED = [  # file, stage, a phrase of its reason
    ("bad_empty.txt", "read", "is empty"),
    ("bad_blank.txt", "read", "is empty"),
    ("bad_binary.txt", "decode", "binary"),
    ("bad_huge.txt", "read", f"limit of {MAX_BYTES} bytes"),
    ("bad_recipe.txt", "parse", "neither as a policy document nor as a report"),
    ("bad_table.txt", "parse", "neither as a policy document nor as a report"),
]


@pytest.mark.parametrize(("name", "stage", "phrase"), FAILED)
def test_a_bad_source_fails_at_its_stage_with_one_sentence(battery, name, stage, phrase) -> None:
    entry = battery["entries"][name]
    assert (entry["status"], entry["stage"]) == ("failed", stage)
    reason = entry["error"]
    assert name in reason and phrase in reason
    assert "\n" not in reason and reason.endswith(".") and "Traceback" not in reason
    assert entry["graph"] is None
    assert f"failed: {entry['path']} ({stage})" in battery["proc"].stderr


SAME_DOCUMENT = ["enc_001_gb18030.txt", "enc_001_big5.txt", "enc_003_gb18030.txt",
                 "enc_003_big5.txt", "page_001.html", "wrong_charset_003.html",
                 "bad_truncated_003.txt", "dup_of_003.txt"]


@pytest.mark.parametrize("name", SAME_DOCUMENT)
def test_a_second_copy_of_a_seed_is_reported_not_dropped(battery, name) -> None:
    """Same document number (other bytes, encoding or wrapper): one graph, the copy reported."""
    entry = battery["entries"][name]
    prefix = "001" if "001" in name else "003"
    original = battery["entries"][seed_file(prefix).name]
    assert original["status"] == "ok"
    assert entry["status"] == "skipped"
    assert entry["graph"] == original["graph"]
    assert any(seed_file(prefix).name in w["message"] and "same document" in w["message"]
               for w in entry["warnings"]), entry["warnings"]


def _store(out: Path):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(out / "policykg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return store


PREFIX = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"


def test_every_seed_fact_is_still_in_the_graph(battery) -> None:
    from policykg.ontology.namespace import POL

    assert PREFIX.split("<")[1].rstrip(">\n") == str(POL._NS)
    store = _store(battery["out"])
    rows = store.query(PREFIX + """
        SELECT ?n (COUNT(DISTINCT ?m) AS ?k) {
          GRAPH ?g { ?d pol:documentNumber ?n ; pol:hasMeasure ?m } } GROUP BY ?n""")
    measures = {str(r["n"].value): int(r["k"].value) for r in rows}
    expected = {}
    for prefix in ("001", "003"):
        doc = load(seed_file(prefix)).record
        expected[doc.number] = len(doc.measures)
        caps = {o.max_amount.value for m in doc.measures for o in m.offers if o.max_amount}
        graph_caps = {Decimal(r["a"].value) for r in store.query(PREFIX + f"""
            SELECT DISTINCT ?a {{ ?d pol:documentNumber ?n ;
              pol:hasMeasure/pol:providesInstrument/pol:maxAmount ?a
              FILTER(STR(?n) = "{doc.number}") }}""", use_default_graph_as_union=True)}
        assert caps and caps <= graph_caps, (prefix, caps - graph_caps)
    assert expected == {"粤府办〔2025〕6号": 12, "穗开经信规字〔2025〕7号": 15}
    assert {n: measures.get(n) for n in expected} == expected
    assert Decimal("8000000") in {Decimal(r["a"].value) for r in store.query(
        PREFIX + "SELECT ?a { ?i pol:maxAmount ?a }", use_default_graph_as_union=True)}
    reports = battery["entries"]
    for prefix in ("000", "002", "004"):
        assert reports[seed_file(prefix).name]["status"] == "ok"
        assert reports[seed_file(prefix).name]["kind"] == "report"


@pytest.mark.parametrize("name", SAME_DOCUMENT[:6])
def test_an_encoded_or_wrapped_copy_gives_the_same_facts(battery, name) -> None:
    prefix = "001" if "001" in name else "003"
    copy = load(battery["src"] / name)
    assert copy.error is None, copy.error
    assert isinstance(copy.record, OfficialDocument)
    reference = facts(load(seed_file(prefix)).record)
    assert reference["measures"] and reference["figures"]
    assert facts(copy.record) == reference
    expected = {"gb18030": "gb18030", "big5": "big5"}.get(name.split("_")[-1].split(".")[0])
    if expected:
        assert copy.record.source.encoding == expected
    if name.endswith(".html"):
        text = copy.record.source.text
        assert copy.record.source.media_type == "text/html"
        assert "trackingCounter" not in text and "font-family" not in text
        assert "LoginLinkText" not in text


def test_wrong_declared_charset_loses_to_the_bytes(battery) -> None:
    copy = load(battery["src"] / "wrong_charset_003.html").record
    assert copy.source.encoding == "gb18030"
    assert "\ufffd" not in copy.source.text


def test_a_truncated_copy_keeps_what_it_has(battery) -> None:
    whole = load(seed_file("003")).record
    part = load(battery["src"] / "bad_truncated_003.txt")
    assert part.error is None
    doc = part.record
    assert doc.number == whole.number and doc.date_issued == whole.date_issued
    assert 0 < len(doc.measures) < len(whole.measures)
    assert [m.ordinal for m in doc.measures] == list(range(1, len(doc.measures) + 1))
    assert [m.heading for m in doc.measures[:-1]] == [m.heading for m in whole.measures][
        : len(doc.measures) - 1]


def test_an_oversized_file_fails_fast_without_being_read(battery) -> None:
    path = battery["src"] / "bad_huge.txt"
    assert path.stat().st_size > MAX_BYTES
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2.0
    assert peak < 1_000_000  # far below the file's size: it was never read into memory
    assert result.record is None and result.stage == "read"
    assert "bad_huge.txt" in result.error and str(MAX_BYTES) in result.error
