"""Plain-text rendering of a validation result: grouped by shape, one block per finding.

Each finding names the node (its label and IRI), the rule that fired, the path and value,
the message, the source file and the quoted evidence span with its character offsets.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from policykg.shapes.names import SEVERITY_ORDER, curie

if TYPE_CHECKING:  # pragma: no cover
    from policykg.shapes.validate import Result, ValidationResult

_QUOTE_MAX = 80


def _short(iri: str) -> str:
    return curie(iri)


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_MAX else flat[: _QUOTE_MAX - 1] + "…"


def _finding(r: Result) -> list[str]:
    who = f"{r.focus_label}  <{r.focus}>" if r.focus_label else f"<{r.focus}>"
    lines = [f"  • {who}"]
    rule = _short(r.source_shape)
    lines.append(f"    rule: {rule} ({r.component})" if r.component else f"    rule: {rule}")
    if r.path or r.value is not None:
        bits = []
        if r.path:
            bits.append(f"path: {r.path}")
        if r.value is not None:
            bits.append(f"value: {r.value}")
        lines.append("    " + "   ".join(bits))
    lines.append(f"    {r.message}")
    if r.message_zh:
        lines.append(f"    {r.message_zh}")
    lines.append(f"    file: {r.source_file or '(unknown source file)'}")
    if r.evidence is not None:
        where = (f"[{r.evidence_start}–{r.evidence_end}]"
                 if r.evidence_start is not None and r.evidence_end is not None else "")
        lines.append(f"    evidence {where}: 「{_quote(r.evidence)}」".replace("evidence :", "evidence:"))
    else:
        lines.append("    evidence: (none recorded)")
    return lines


def render_text(result: ValidationResult) -> str:
    """The whole report as text; the first line says whether the graph conforms."""
    n_v, n_w = len(result.violations), len(result.warnings)
    verdict = "conforms" if result.conforms else "does NOT conform"
    lines = [f"SHACL validation: {verdict} — {n_v} violation(s), {n_w} warning(s), "
             f"{result.units} graph unit(s) checked."]
    if not result.results:
        lines.append("No findings.")
        return "\n".join(lines) + "\n"

    def group_key(r: Result) -> tuple[int, str, str]:
        return (SEVERITY_ORDER.get(r.severity, 9), r.severity, r.shape)

    for (_, severity, shape), items in groupby(result.results, key=group_key):
        found = list(items)
        lines.append("")
        lines.append(f"{severity.upper()} {_short(shape)} — {len(found)} finding(s)")
        for r in found:
            lines.extend(_finding(r))
    return "\n".join(lines) + "\n"
