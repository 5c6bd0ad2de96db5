"""Government bodies in an official document: names, ``区/市/省`` prefixes, responsible units.

Short forms such as ``区工业和信息化局`` or ``省人民政府`` are resolved against the issuing
jurisdiction: the leading ``省``/``市``/``区`` is replaced by the matching prefix of an issuer's
name (``广东省人民政府办公厅`` gives ``广东省``; ``广州市黄埔区工业和信息化局`` gives ``广州市``
and ``广州市黄埔区``). For ``区`` an administrative district is preferred over an economic
zone (``…开发区``/``…高新区``/``…新区``). Names are then looked up in the ``agency``
vocabulary for a concept and its jurisdiction; unknown bodies keep their resolved name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..ontology.gazetteer import Gazetteer
from .records import AgencyRef, Span

# Grammar: the endings a Chinese government body's name takes.
AGENCY_SUFFIX = (
    r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室|管委会|管理委员会|"
    r"委员会|工作委员会|领导小组|局|厅|委|部|署|院|办|中心|总局|分局|监管局)"
)
_AGENCY_RE = re.compile(rf"^[\u4e00-\u9fff（）()·]{{2,40}}?{AGENCY_SUFFIX}$")
_ZONE_ENDINGS = ("开发区", "高新区", "新区", "园区", "试验区", "合作区", "保税区", "示范区")
_NOT_PREFIX = ("市场", "区域", "省级", "市级", "区级", "市属", "省属", "区属")

SpanOf = Callable[[int, int], Span]


def looks_like_agency(name: str) -> bool:
    """True when ``name`` ends like a government body's name (政府, 局, 厅, 委员会, 管委会…)."""
    return bool(_AGENCY_RE.match(name))


def jurisdiction_prefixes(issuers: list[str]) -> dict[str, str]:
    """The prefixes ``省``/``市``/``区`` stand for, read from the issuers' full names."""
    out: dict[str, str] = {}
    for name in issuers:
        for key in ("省", "市"):
            m = re.match(rf"^([\u4e00-\u9fff]{{1,10}}?{key})", name)
            if m and key not in out and len(m.group(1)) > 1:
                out[key] = m.group(1)
        for m in re.finditer(r"区", name):
            prefix = name[: m.end()]
            if len(prefix) < 2 or prefix.endswith(_ZONE_ENDINGS):
                continue
            out.setdefault("区", prefix)
            break
    if "区" not in out:  # only economic zones issued it: use the zone
        for name in issuers:
            m = re.match(r"^([\u4e00-\u9fff]{1,12}?区)", name)
            if m:
                out["区"] = m.group(1)
                break
    return out


def resolve_name(name: str, prefixes: dict[str, str]) -> str:
    """``区科技创新局`` → ``广州市黄埔区科技创新局`` when the issuer's district prefix is known."""
    name = name.strip()
    if len(name) > 1 and name[0] in prefixes and not name.startswith(_NOT_PREFIX):
        return prefixes[name[0]] + name[1:]
    return name


def agency_ref(
    name: str, span: Span, prefixes: dict[str, str], gaz: Gazetteer | None
) -> AgencyRef:
    """An :class:`AgencyRef` for a (possibly short) name, resolved and looked up."""
    short = name.strip()
    resolved = resolve_name(short, prefixes)
    concept = None
    jurisdiction = None
    if gaz is not None:
        concept = gaz.lookup(resolved, "agency")
        if concept is None and resolved != short:
            # a short form is a hidden label of ONE body: accept it only inside our jurisdiction
            candidate = gaz.lookup(short, "agency")
            info = gaz.info(candidate) if candidate else None
            prefix = resolved[: len(resolved) - len(short) + 1]
            if info is not None and info.label("zh-Hans").startswith(prefix):
                concept = candidate
        if concept:
            info = gaz.info(concept)
            if info is not None:
                jurisdiction = info.link("jurisdiction")
                resolved = info.label("zh-Hans")
    return AgencyRef(name=resolved, span=span, concept=concept, jurisdiction=jurisdiction)
