"""Labels cut from long headlines end at a sentence, clause, word or number boundary with an
ellipsis, never inside a number or a word (a report's label was cut at "inject 4.")."""

from __future__ import annotations

import pytest

from policykg.graph.model.headline import ELLIPSIS, shorten

LEAD = ("Hefei, a fast-growing manufacturing centre in eastern China's Anhui province, has "
        "announced an ambitious plan to put 13.8 billion yuan into robotics")  # written here


def test_short_text_is_kept_whole_with_spaces_collapsed() -> None:
    assert shorten("  two   words ", 20) == "two words"


def test_report_label_is_not_cut_inside_a_number() -> None:
    # [:120] gave "... to put 13." ; the clause ending at "province," is the cut
    assert LEAD[:120].endswith("put 13.")
    assert shorten(LEAD, 120) == ("Hefei, a fast-growing manufacturing centre in eastern China's "
                                  "Anhui province" + ELLIPSIS)


@pytest.mark.parametrize(("text", "limit", "gold"), [
    ("alpha beta gamma delta", 14, "alpha beta" + ELLIPSIS),
    ("total 1,234,567 yuan for all", 12, "total" + ELLIPSIS),
    ("budget 4.5 billion yuan", 10, "budget" + ELLIPSIS),
    ("第一句很长很长。第二句很长很长很长很长", 12, "第一句很长很长。" + ELLIPSIS),
    ("第一部分，第二部分很长很长很长很长", 9, "第一部分" + ELLIPSIS),
    ("Done here. Then more words follow", 14, "Done here." + ELLIPSIS),
])
def test_cut_points(text: str, limit: int, gold: str) -> None:
    """A sentence or clause end is taken when it keeps at least half the room."""
    out = shorten(text, limit)
    assert out == gold
    assert len(out) <= limit
