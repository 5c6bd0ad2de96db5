"""Markdown: structure as lines, front matter as metadata checked against the text, READMEs."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build.serial import expand_sources
from policykg.loaders.route import load
from policykg.loaders.source import source_from_bytes

NOTICE = """\
---
标题: 某市支持工业互联网发展若干措施
文号: 某工信规〔2024〕7号
发布日期: 2024-03-15
发布单位: 某市工业和信息化局
层级: 市级
---

# 某市工业和信息化局关于印发《某市支持工业互联网发展若干措施》的通知

某工信规〔2024〕7号

各区工业和信息化主管部门：
现将《某市支持工业互联网发展若干措施》印发给你们，请认真贯彻执行。

某市工业和信息化局
2024年3月12日

## 某市支持工业互联网发展若干措施

1. **支持平台建设**。对新认定的工业互联网平台，按投资额的30%给予补助，最高500万元。
2. 支持企业上云。每年支持不超过50家企业，每家最高20万元。

| 项目 | 比例 |
|------|------|
| 平台 | 30% |

<!-- 内部备注：不属于正文 -->
"""


def _load(tmp_path: Path, text: str, name: str = "notice.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_markdown_structure_becomes_lines() -> None:
    source = source_from_bytes(NOTICE.encode("utf-8"), "notice.md")
    lines = source.text.split("\n")
    assert lines[0] == "某市工业和信息化局关于印发《某市支持工业互联网发展若干措施》的通知"
    assert "某市支持工业互联网发展若干措施" in lines  # the ## heading, without its marks
    assert "1. 支持平台建设。对新认定的工业互联网平台，按投资额的30%给予补助，最高500万元。" in lines
    assert "项目为平台，比例为30%。" in lines and "项目 比例" not in lines
    assert "---" not in source.text and "标题" not in source.text and "内部备注" not in source.text
    assert source.media_type == "text/markdown" and source.encoding == "utf-8"


def test_front_matter_is_metadata_and_agrees_with_the_text(tmp_path: Path) -> None:
    result = _load(tmp_path, NOTICE)
    doc = result.record
    assert doc.source.metadata == {"标题": "某市支持工业互联网发展若干措施",
                                   "文号": "某工信规〔2024〕7号", "发布日期": "2024-03-15",
                                   "发布单位": "某市工业和信息化局", "层级": "市级"}
    assert doc.number == "某工信规〔2024〕7号" and len(doc.measures) == 2
    assert not [w for w in result.warnings if w.code == "front-matter-conflict"]


@pytest.mark.parametrize(("key", "value", "fact", "said"), [
    ("文号", "某工信规〔2023〕9号", "number", "某工信规〔2024〕7号"),
    ("标题", "某市促进数字经济发展办法", "title", "某市支持工业互联网发展若干措施"),
    ("发布日期", "2021-01-05", "date", "2024-03-12"),
    ("发布单位", "某市财政局", "publisher", "某市工业和信息化局"),
])
def test_a_front_matter_conflict_is_a_warning_quoting_both(tmp_path: Path, key: str, value: str,
                                                          fact: str, said: str) -> None:
    line = next(ln for ln in NOTICE.split("\n") if ln.startswith(f"{key}:"))
    result = _load(tmp_path, NOTICE.replace(line, f"{key}: {value}"))
    conflicts = [w for w in result.warnings if w.code == "front-matter-conflict"]
    assert len(conflicts) == 1
    assert f"the {fact} as '{value}'" in conflicts[0].message and said in conflicts[0].message
    assert result.record.number == "某工信规〔2024〕7号"  # the text's facts stand


def test_english_keys_and_a_publication_date_a_few_days_late(tmp_path: Path) -> None:
    head = "---\ntitle: 某市支持工业互联网发展若干措施\nnumber: 某工信规〔2024〕7号\ndate: 2024-03-20\n---\n"
    result = _load(tmp_path, head + NOTICE.split("---\n", 2)[2])
    assert result.record.source.metadata["date"] == "2024-03-20"
    assert not [w for w in result.warnings if w.code == "front-matter-conflict"]


def test_broken_front_matter_is_ignored_with_a_warning(tmp_path: Path) -> None:
    result = _load(tmp_path, NOTICE.replace("层级: 市级", "层级: [市级"))
    assert result.record is not None and result.record.source.metadata is None
    assert [w.code for w in result.warnings][:1] == ["front-matter"]
    assert "not valid YAML" in result.warnings[0].message


def test_a_readme_in_a_source_folder_is_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n本文件夹收录通知。\n", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("说明", encoding="utf-8")
    (tmp_path / "notice.md").write_text(NOTICE, encoding="utf-8")
    assert [p.name for p in expand_sources([tmp_path])] == ["notice.md"]
    assert [p.name for p in expand_sources([tmp_path / "README.md"])] == ["README.md"]  # named


def test_the_example_corpus_readme_is_skipped() -> None:
    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    names = [p.name for p in expand_sources([corpus])]
    assert len(names) == 6 and "README.md" not in names
