"""Which kinds of actor a measure names without supporting them (view offsets, simplified text).

A category word in a measure is a recipient unless the clause gives it another part:

- the **lender** of a loan whose interest is subsidised: ``银行贷款``, ``银行授信``;
- the **investee** of an investor who is rewarded: ``对投资机构投资本市初创企业的`` (the
  investor is the recipient; ``获得投资的初创企业`` stays one: there 的 makes it the subject);
- a **count of served parties** that a provider must reach: ``年服务企业超过100家的平台`` (the
  parties a provider serves, ``为中小企业提供服务的平台``, stay categories: the measure is for
  them too);
- the **applicant** word of a condition that names the kind itself: ``申报企业为规模以上工业企业``
  (the kind after 为 is the category, 申报企业 only points at the applicant);
- anyone in a sentence about **misconduct** (``骗取``, ``虚报``, ``冒领``, ``套取``): a clawback
  names who is punished, not who is supported.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Match

_LENDER_AFTER = re.compile(r"(?:贷款|授信|借款|信贷|融资)")
_INVESTOR_VERB = re.compile(r"(?:投资|参股|入股)(?:于)?[^，。；、的\n]{0,12}$")
_SERVING_BEFORE = re.compile(r"(?:服务|诊断|带动|辐射)$")
_APPLICANT_BEFORE = re.compile(r"(?:申报|申请|参评|入选)$")
_PREDICATE_AFTER = re.compile(r"\s*(?:应当|应|须|需)?(?:为|是|属于)")
_COUNT_AFTER = re.compile(r"(?:数量|家数|数)?(?:超过|达到|不少于|不低于|累计|\d)")
_SENTENCE = re.compile(r"[^。；\n]+")
_MISCONDUCT = re.compile(r"骗取|虚报|冒领|套取|弄虚作假")


def not_supported(view: str, m: Match) -> bool:
    """True when the category word ``m`` names a lender, an investee, a count of served parties
    or the applicant of a condition that names the kind."""
    if m.concept.endswith("financial-institution") and _LENDER_AFTER.match(view, m.end):
        return True
    before = view[max(0, m.start - 16) : m.start]
    if _INVESTOR_VERB.search(before) and not before.endswith(("投资机构", "投资基金")):
        return True
    if _APPLICANT_BEFORE.search(before) and _PREDICATE_AFTER.match(view, m.end):
        return True
    return bool(_SERVING_BEFORE.search(before) and _COUNT_AFTER.match(view, m.end))


def misconduct_masks(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences about obtaining funds by fraud (骗取、虚报、冒领): no recipients in them."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(view, start, end)
            if _MISCONDUCT.search(m.group(0))]
