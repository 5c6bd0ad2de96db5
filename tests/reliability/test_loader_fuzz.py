"""Property tests over the whole loading route (issue 11): random input never crashes, spans hold.

``tests/loaders`` and ``tests/graph/claims`` already fuzz ``parse_official`` and ``load_report`` with
small policy alphabets; these tests go through ``loaders.route.load`` from bytes on disk (any
encoding, raw bytes, HTML) and through ``source_from_bytes`` + ``parse_official``, with text
mixing arbitrary Unicode (CJK, control characters, surrogate-free planes) and policy fragments.
Every span found anywhere in a record (walked recursively) must lie inside ``source.text`` and
equal ``source.text[start:end]``.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.official import parse_official
from policykg.loaders.records import LoadResult, OfficialDocument, Report, Source, Span
from policykg.loaders.route import load, parse_source
from policykg.loaders.source import SourceError, source_from_bytes

FRAGMENTS = [
    "一、", "二、", "十一、", "第一条", "第十二条", "第一章", "（一）", "（二）", "(三)", "1.", "2．",
    "（1）", "一．", "万元", "亿元", "萬元", "億元", "元", "%", "％", "最高", "不超过", "以上", "每年",
    "给予", "奖励", "补贴", "单个企业", "责任单位：", "（责任单位：某市某局）", "关于印发", "的通知",
    "某府办〔2024〕3号", "〔", "〕", "號", "年", "月", "日", "2025年1月1日", "二〇二五年", "有效期",
    "至", "止", "废止", "《某办法》", "同时废止", "(guān)", "(chǎn)", "關(guān)", ",,", ",。", "，，",
    "、", "。", "\n", "\r\n", "\t", "\u3000", "\x0b", "\x1b", "\ufeff", "\u200b", "\ufffd",
    "<p>", "</p>", "<script>x()</script>", "&amp;", "&#12345;", "million yuan", "up to ",
    "Edit:", "来源：", "1,000", "0.5", "3000", "99999999999", "-", "——", "…",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
        st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12),
        st.integers(min_value=0, max_value=10**9).map(str),
    ),
    max_size=60,
).map("".join)


def spans_in(value, seen: set[int] | None = None):
    """Every :class:`Span` reachable from ``value`` (dataclasses, lists, tuples, dicts)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif isinstance(value, Source):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans_in(getattr(value, f.name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans_in(item, seen)


def assert_spans_hold(record: OfficialDocument | Report) -> None:
    text = record.source.text
    for span in spans_in(record):
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span


def assert_result_is_sound(result: LoadResult, name: str) -> None:
    assert isinstance(result, LoadResult)
    if result.record is None:
        assert result.stage in ("read", "decode", "parse"), result
        assert result.error and "\n" not in result.error and name in result.error, result.error
    else:
        assert result.error is None
        assert isinstance(result.record, (OfficialDocument, Report))
        assert_spans_hold(result.record)


def test_the_walker_finds_nested_spans() -> None:
    """The property below is only as good as the walk: it must reach spans inside offers."""
    source = source_from_bytes("某府办〔2024〕3号\n一、支持研发。单个企业最高奖励300万元。\n二、其他。".encode(),
                               "walk.txt")
    doc = parse_official(source)
    spans = list(spans_in(doc))
    assert any(s.text == "300万元" for s in spans)
    assert any(s.text == "某府办〔2024〕3号" for s in spans)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "raw"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=TEXT, encoding=ENCODINGS, suffix=st.sampled_from([".txt", ".html"]),
       raw=st.binary(max_size=300))
def test_load_never_raises_and_spans_stay_inside(text: str, encoding: str, suffix: str,
                                                  raw: bytes) -> None:
    if encoding == "raw":
        data = raw + text.encode("utf-8", errors="ignore")
    else:
        data = text.encode(encoding, errors="ignore")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = load(path)
    assert_result_is_sound(result, path.name)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_parsers_take_any_decoded_text(text: str) -> None:
    try:
        source = source_from_bytes(text.encode("utf-8"), "fuzz.txt")
    except SourceError as err:
        assert err.stage in ("read", "decode") and "fuzz.txt" in str(err)
        return
    doc = parse_official(source)
    assert isinstance(doc, OfficialDocument)
    assert not [w for w in doc.warnings if w.code.endswith("-failed")], doc.warnings
    assert_spans_hold(doc)
    assert_result_is_sound(parse_source(source), "fuzz.txt")
