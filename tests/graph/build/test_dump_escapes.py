"""String escapes of the dump writers: canonical N-Triples, and every string reads back unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, parse
from rdflib import Literal, URIRef

from policykg.graph.build.dump import _escape_string, nt_term


def _reference(text: str) -> str:
    """Canonical N-Triples escaping, one character at a time (the specification's table)."""
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(named.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
                   for c in text)


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_escape_matches_the_canonical_table(text):
    assert _escape_string(text) == _reference(text)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_escaped_literal_reads_back_unchanged(text):
    line = f"<urn:s> <urn:p> {nt_term(Literal(text))} .\n"
    (quad,) = list(parse(line.encode("utf-8"), format=RdfFormat.N_TRIPLES))
    assert quad.object.value == text
    assert nt_term(URIRef("urn:x")) == "<urn:x>"
