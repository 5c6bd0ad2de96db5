"""The formats every resource of the site is published in (HTML and four RDF syntaxes): their
file suffixes, media types and names, the ``<link rel="alternate">`` tags and "Also as" links
of a page, and the rendering of a resource's triples in each RDF syntax.

Contract: deterministic bytes; one table (:data:`VARIANTS`) that the pages, the server
configurations (:mod:`conneg`) and ``policykg serve --site`` (:mod:`negotiate`) all read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import NamedTuple

from rdflib.term import Node

from policykg.graph.publish import lod
from policykg.graph.publish.rdfxml import rdfxml_bytes
from policykg.graph.publish.turtle import turtle_text


class Variant(NamedTuple):
    """One way a resource is published: file suffix, the media types it answers, its name."""

    suffix: str
    media_types: tuple[str, ...]  # the first is the one the file is served as
    name: str


# Server preference: the first of the variants an Accept header likes equally wins.
VARIANTS: tuple[Variant, ...] = (
    Variant(".html", ("text/html",), "HTML"),
    Variant(".ttl", ("text/turtle", "application/x-turtle"), "Turtle"),
    Variant(".jsonld", ("application/ld+json", "application/json"), "JSON-LD"),
    Variant(".rdf", ("application/rdf+xml",), "RDF/XML"),
    Variant(".nt", ("application/n-triples",), "N-Triples"),
)
RDF_VARIANTS = VARIANTS[1:]
MEDIA_TYPE = {v.suffix: v.media_types[0] for v in VARIANTS}


def alternates(href: Callable[[str], str]) -> tuple[str, str]:
    """The ``<link rel="alternate">`` tags and the "Also as …" paragraph of a page, where
    ``href(suffix)`` is the relative link to the page's file with that suffix."""
    tags = "".join(f'<link rel="alternate" type="{v.media_types[0]}" href="{escape(href(v.suffix))}">\n'
                   for v in RDF_VARIANTS)
    links = " · ".join(f'<a href="{escape(href(v.suffix))}" type="{v.media_types[0]}">{v.name}</a>'
                       for v in RDF_VARIANTS)
    return tags, f'<p class="alt">Also as {links}</p>\n'


def render(triples: list[tuple[Node, Node, Node]], suffix: str) -> bytes:
    """``triples`` (sorted by subject) in the RDF syntax of ``suffix`` (``.ttl``, ``.jsonld``,
    ``.rdf``, ``.nt``); the JSON-LD embeds only the context terms it uses."""
    if suffix == ".ttl":
        return turtle_text(triples, lod.PREFIXES).encode("utf-8")
    if suffix == ".jsonld":
        return lod.jsonld_bytes(triples, whole_context=False)
    if suffix == ".rdf":
        return rdfxml_bytes(triples, lod.PREFIXES)
    if suffix == ".nt":
        return nt_bytes(triples)
    raise ValueError(f"no RDF syntax for {suffix!r}")


def nt_bytes(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """N-Triples, one statement a line, sorted and unique."""
    t = lod._nt_term
    return "".join(sorted({f"{t(s)} {t(p)} {t(o)} .\n" for s, p, o in triples})).encode("utf-8")
