"""File names made from IRIs never leave the output folder: unsafe IRIs get hashed names,
safe ones keep their path, and ``inside`` refuses every escape."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.ontology.namespace import BASE
from policykg.store.paths import HASHED_DIR, inside, iri_relpath


@pytest.mark.parametrize("iri", [
    BASE + "id/../../escape", BASE + "id/program/%2e%2e/odd%20name", BASE + "id/a/./b",
    BASE + "id//etc/passwd", BASE + "/etc/passwd", BASE + "id/a\\..\\b", BASE + "id/a?x=1",
    BASE + "id/a#frag", BASE + "id/" + "x" * 300, BASE + "_h/abc", BASE + "id/.hidden",
    BASE + "id/a.ttl/b", BASE,
])
def test_unsafe_iris_get_hashed_paths(iri: str) -> None:
    rel = iri_relpath(iri)
    assert rel is not None and rel.parts[0] == HASHED_DIR and len(rel.parts) == 2


def test_safe_iris_keep_their_path() -> None:
    assert iri_relpath(BASE + "id/doc/2025/yue-fu-ban-6") == PurePosixPath("id/doc/2025/yue-fu-ban-6")
    assert iri_relpath("https://example.org/x") is None


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../b", "a\\b", ""])
def test_inside_refuses_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError):
        inside(tmp_path, rel)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_iri_maps_inside_the_folder(tmp_path_factory: pytest.TempPathFactory, tail: str) -> None:
    root = tmp_path_factory.getbasetemp() / "hyp-root"
    rel = iri_relpath(BASE + tail)
    assert rel is not None
    target = inside(root, rel)  # raises if it would escape
    assert target.resolve().is_relative_to(root.resolve())
    assert all(part not in ("..", ".") and "/" not in part for part in rel.parts)
