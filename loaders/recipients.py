"""Which kinds of actor a measure names without supporting them (view offsets, simplified text).

A category word in a measure is a recipient unless the clause gives it another part:

- the **lender** of a loan whose interest is subsidised: ``银行贷款``, ``银行授信``;
- the **investee** of an investor who is rewarded: ``对投资机构投资本市初创企业的`` (the
  investor is the recipient; ``获得投资的初创企业`` stays one: there 的 makes it the subject);
- a **count of served parties** that a provider must reach: ``年服务企业超过100家的平台`` (the
  parties a provider serves, ``为中小企业提供服务的平台``, stay categories: the measure is for
  them too); the party a rate counts, ``每完成1家企业诊断给予2万元``;
- the **applicant** word of a condition that names the kind itself: ``申报企业为规模以上工业企业``
  (the kind after 为 is the category, 申报企业 only points at the applicant);
- the **employer** of the persons a talent measure pays: ``对算力企业引进的高级工程师，按每人``
  (the persons are the recipients; ``对引进人才的企业给予奖励`` keeps the enterprise);
- anyone in a sentence about **misconduct** (``骗取``, ``虚报``, ``冒领``, ``套取``): a clawback
  names who is punished, not who is supported.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Match

_LENDER_AFTER = re.compile(r"(?:贷款|授信|借款|信贷|融资)")
_INVESTOR_VERB = re.compile(r"(?:投资|参股|入股)(?:于)?[^，。；、的\n]{0,12}$")
_SERVING_BEFORE = re.compile(
    r"(?:服务|诊断|带动|辐射)(?:本市|本区|本县|本省|本地|区内|市内|省内|县内|辖区内?|当地)?$")
# 按每完成1家企业诊断给予2万元: the served party a rate counts
_SERVED_EACH_BEFORE = re.compile(r"每\s*(?:完成|服务|诊断|帮助|带动|培训|支持)\s*[一1]\s*[家个名户]$")
_APPLICANT_BEFORE = re.compile(r"(?:申报|申请|参评|入选)$")
_PREDICATE_AFTER = re.compile(r"\s*(?:应当|应|须|需)?(?:为|是|属于)")
_COUNT_AFTER = re.compile(r"(?:数量|家数|数)?(?:超过|达到|不少于|不低于|累计|\d)")
_EMPLOYS_AFTER = re.compile(
    r"(?:新|全职|柔性)?(?:引进|聘用|招用|招聘|聘请|录用)的?[^，。；、\n]{0,12}?"
    r"(?:人才|工程师|人员|专家|博士|硕士|员工|骨干|团队|毕业生|技师|职工)")
# 对人工智能企业和机器人企业新引进的博士: the first of two employers
_EMPLOYS_AFTER_LIST = re.compile(r"[和与及、][\u4e00-\u9fff]{1,10}?企业" + _EMPLOYS_AFTER.pattern)
_SENTENCE = re.compile(r"[^。；\n]+")
_MISCONDUCT = re.compile(r"骗取|虚报|冒领|套取|弄虚作假")


def not_supported(view: str, m: Match) -> bool:
    """True when the category word ``m`` names a lender, an investee, a count of served parties,
    the applicant of a condition that names the kind, or the employer of paid persons."""
    if m.concept.endswith("financial-institution") and _LENDER_AFTER.match(view, m.end):
        return True
    before = view[max(0, m.start - 16) : m.start]
    if _INVESTOR_VERB.search(before) and not before.endswith(("投资机构", "投资基金")):
        return True
    if _APPLICANT_BEFORE.search(before) and _PREDICATE_AFTER.match(view, m.end):
        return True
    if _EMPLOYS_AFTER.match(view, m.end) or _EMPLOYS_AFTER_LIST.match(view, m.end):
        return True
    if _SERVED_EACH_BEFORE.search(before):
        return True
    return bool(_SERVING_BEFORE.search(before) and _COUNT_AFTER.match(view, m.end))


def misconduct_masks(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences about obtaining funds by fraud (骗取、虚报、冒领): no recipients in them."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(view, start, end)
            if _MISCONDUCT.search(m.group(0))]
