"""Standard department names in a body's name: the longest department-type ending, or one
a scraped page misspelt by one character (``住房和城乡建管理委员会``); and a national body's
department written under the body's short name (``民航局运输司``).

They read the gazetteer's vocabularies (department types, agencies); none knows any document.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Gazetteer

ADMIN_SUFFIX = "省市区县州盟旗镇乡"  # the last character of an administrative area's name


def misspelt_department(name: str, gaz: Gazetteer) -> tuple[str, str, str] | None:
    """A department's full name with one character dropped, added or changed, as scraped pages
    have it (``住房和城乡建管理委员会``): the department type whose preferred name it misses by
    one edit, when that name is long enough (≥ 8 characters) for one edit to be unambiguous."""
    for info in _department_types(gaz):
        full = info.label("zh-Hans")
        for size in (len(full) - 1, len(full), len(full) + 1):
            if size < 8 or size > len(name):
                continue
            ending, prefix = name[-size:], name[:-size]
            if prefix and not prefix.endswith(tuple(ADMIN_SUFFIX)):
                continue
            if ending != full and _one_edit(ending, full):
                return prefix, ending, info.iri
    return None


def _department_types(gaz: Gazetteer) -> list:
    cached = getattr(gaz, "_policykg_department_types", None)
    if cached is None:
        cached = [i for i in gaz.concepts("department-type") if len(i.label("zh-Hans")) >= 8]
        try:
            gaz._policykg_department_types = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return True
    return False


def split_department(name: str, gaz: Gazetteer) -> tuple[str, str, str] | None:
    """``(jurisdiction part, ending as written, department-type concept)`` for the longest ending
    of ``name`` that is a department type's label right after an administrative name (``…市``,
    ``…区``, ``国家``) or alone, or None: ``住房公积金管理委员会`` is no zone's 管理委员会."""
    for i in range(len(name)):
        prefix = name[:i]
        if prefix and not prefix.endswith((*ADMIN_SUFFIX, "兵团")) and prefix not in ("国家", "全国"):
            continue
        concept = gaz.lookup(name[i:], "department-type")
        if concept is not None:
            return prefix, name[i:], concept
    return None


_DEPARTMENT_OF_BODY = re.compile(r"^[\u4e00-\u9fff]{1,12}司$")


def national_department(name: str, gaz: Gazetteer) -> str | None:
    """A department of a national body written with the body's short name (民航局运输司,
    国家卫生健康委科技教育司): the body's full name and the department (中国民用航空局运输司)."""
    leading = [m for m in gaz.find_all(name, "agency") if m.start == 0 and m.end < len(name)]
    if not leading:
        return None
    m = max(leading, key=lambda m: m.end)
    info = gaz.info(m.concept)
    if info is None or not _DEPARTMENT_OF_BODY.match(name[m.end :]):
        return None
    if not str(info.link("jurisdiction") or "").endswith("/area/china"):
        return None
    return info.label("zh-Hans") + name[m.end :]
