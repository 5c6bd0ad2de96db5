"""Provenance sidecars (``NAME.meta.json``): read beside the source, checked, and refused with
one sentence naming the file when they cannot be used."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from policykg.loaders.provenance import ProvenanceError, read_provenance, sidecar_of
from policykg.loaders.source import SourceError, read_source

TEXT = "关于测试来源记录的通知\n\n一、本通知用于检验来源记录。\n"


def _source(tmp_path: Path, meta: object | None) -> Path:
    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    if meta is not None:
        sidecar_of(path).write_text(meta if isinstance(meta, str) else json.dumps(meta),
                                    encoding="utf-8")
    return path


def test_no_sidecar_means_no_provenance(tmp_path: Path) -> None:
    assert read_source(_source(tmp_path, None)).provenance is None


def test_a_sidecar_gives_url_time_publisher_and_licence(tmp_path: Path) -> None:
    path = _source(tmp_path, {"source_url": "https://gov.example.org/a.html",
                              "retrieved": "2025-03-05T16:00:00+08:00",
                              "publisher": "  Example  Office ",
                              "license": "https://creativecommons.org/licenses/by/4.0/"})
    assert sidecar_of(path).name == "notice.txt.meta.json"
    prov = read_source(path).provenance
    assert prov is not None
    assert prov.source_url == "https://gov.example.org/a.html"
    assert prov.retrieved == dt.datetime(2025, 3, 5, 8, 0, tzinfo=dt.UTC)
    assert prov.publisher == "Example Office"
    assert prov.license_is_iri


def test_a_day_alone_and_a_rights_statement_are_kept_as_written(tmp_path: Path) -> None:
    prov = read_provenance(_source(tmp_path, {"retrieved": "2025-03-01",
                                              "license": "All rights reserved"}))
    assert prov is not None and prov.retrieved == dt.date(2025, 3, 1)
    assert prov.license == "All rights reserved" and not prov.license_is_iri
    assert prov.source_url is None and prov.publisher is None


@pytest.mark.parametrize(("meta", "words"), [
    ("{not json", "cannot be read as a JSON object"),
    ([1, 2], "must hold a JSON object"),
    ({"url": "https://x.example.org/"}, "unknown keys (url)"),
    ({"source_url": "ftp://x.example.org/a"}, "is not an http(s) URL"),
    ({"retrieved": "5 March 2025"}, "not an ISO date or date-time"),
    ({"publisher": ""}, "must be a non-empty string"),
])
def test_a_bad_sidecar_stops_its_source_with_one_sentence(tmp_path: Path, meta: object,
                                                          words: str) -> None:
    path = _source(tmp_path, meta)
    with pytest.raises(ProvenanceError):
        read_provenance(path)
    with pytest.raises(SourceError) as err:
        read_source(path)
    message = str(err.value)
    assert words in message and "notice.txt.meta.json" in message and "\n" not in message
