"""Validation of a dataset description (``void.ttl``) against the DCAT-AP constraints of
``dcat-ap.shapes.ttl`` (mandatory properties as Violations, recommended ones as Warnings).

Contract: :func:`check_description` returns the results as (severity, focus node, message)
triples, sorted; an empty list means the description meets every constraint.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDF, SH

SHAPES_FILE = "dcat-ap.shapes.ttl"


@cache
def _shapes_text() -> str:
    return resources.files("policykg.shapes").joinpath(SHAPES_FILE).read_text("utf-8")


def dcat_ap_shapes() -> Graph:
    """The DCAT-AP shapes graph shipped with the package."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def check_description(description: Graph) -> list[tuple[str, str, str]]:
    """(severity, focus node, English message) for every constraint ``description`` breaks."""
    from pyshacl import validate

    _conforms, report, _text = validate(description, shacl_graph=dcat_ap_shapes(),
                                        inference="none", advanced=True)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = [m for m in report.objects(result, SH.resultMessage)
                    if getattr(m, "language", None) in (None, "en")]
        out.append((severity, str(report.value(result, SH.focusNode)),
                    str(messages[0]) if messages else ""))
    return sorted(out)
