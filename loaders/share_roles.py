"""The role of a percentage or a ratio in its clause: a cost share (``按…费用的30%``, ``X%的贴息``,
``补贴比例提高至30%``), a matching ratio (``按…资金的50%给予配套``, ``1∶1``), else ``other``."""

from __future__ import annotations

import re
from decimal import Decimal

from .numerals import chinese_to_int, parse_number, tidy
from .roles import _FUNDING_TALK, _GIVING
from .segments import Fig, Segment

_SHARE_CUE = re.compile(r"(?:最高按|按照|按其|按|不超过其|不超过|不高于|抵扣|抵减|抵用)")
_SHARE_NOUN = re.compile(
    r"(?:按照|按其|按|不超过其|不超过|不高于|抵扣|抵减|抵用)\s*([^，。；按]{1,40}?(?:费用|金额|投资额|投资|投入|成本|支出|"
    r"价款|收入|交易额|费))\s*$"
)
_SHARE_AFTER = re.compile(r"\s*(?:的)?(?:比例)?\s*(?:(?:给予|予以|进行)?\s*(?:补贴|补助|资助|奖励|支持|贴息|补偿|扶持)"
                         r"|(?:给予|予以)?(?:支付|报销)(?![\u4e00-\u9fff]{0,2}(?:预付|首付|进度|尾|定金)))")
# 医保基金按项目费用的70%予以支付, 服务费用按70%支付: a share paid of a cost (not a payment schedule)
_GIVEN_SHARE = re.compile(r"(?:补助|补贴|资助|奖励|贴息|奖补)\s*$")
_SHARE_TAIL = re.compile(r"(?:按照|按|不超过|不高于|最高)\s*$")
# 给予30%的贴息 / 50%的补助: a share of the cost or interest
_MATCHING_AFTER = re.compile(r"\s*的?\s*(?:比例)?\s*(?:给予|予以|进行)?\s*(?:资金)?(?:配套|匹配)")
_SHARE_OF_AFTER = re.compile(r"\s*的?\s*(?:贴息|补贴|补助|资助|奖补|风险补偿|保费补贴|财政补助)")
# 补助比例不超过30% / 按30%的比例; a ratio word naming the funding (支持比例提高到40%) needs no
# other talk of funding in its sentence
_RATIO_SET = r"比例\s*(?:为|按|最高|不超过|不高于|原则上不超过|控制在|提高至|提高到|提高为|调整为|调整至|上调至)?\s*$"
_SHARE_RATIO_WORD = re.compile(r"(?:补助|补贴|资助|奖励|支持|贴息|补偿|扶持|配套)?" + _RATIO_SET)
_FUNDED_RATIO = re.compile(r"(?:补助|补贴|资助|奖励|支持|贴息|补偿|扶持|奖补|抵扣|抵减)" + _RATIO_SET)
# 奖励比例保持交易额的2%不变: the ratio word, then the basis
_FUNDED_RATIO_KEPT = re.compile(r"(?:补助|补贴|资助|奖励|支持|贴息|补偿|扶持|奖补|抵扣)比例\s*(?:保持|维持|仍为|仍按)"
                                r"[^，。；%％]{0,16}?$")
# a clause that names the basis of a share whose figure comes in a later clause of the sentence
# (按…费用的比例抵扣：对A抵扣40%, a voucher deducting a share of the bill)
_RATIO_NAMED_BEFORE = re.compile(
    r"(?:按照|按其|按)\s*([^，。；按%％]{2,40}?)的?\s*(?:一定)?比例\s*(?:抵扣|抵减|抵用)?\s*[，,；;：:]")
_DEDUCTING = re.compile(r"抵扣|抵减|抵用")
_SHARE_RATIO_AFTER = re.compile(r"\s*的?\s*比例\s*(?:给予|予以|进行)?")


def classify_percentage(view: str, f: Fig, clause: Segment, sentence: Segment) -> None:
    """``按其…费用的30%`` → cost share with its basis; ``按30%给予补贴`` → cost share;
    ``按国家资助资金的50%给予配套`` → matching ratio; outside funding talk (a land price at 70%
    of a standard) → other."""
    before = view[clause.start : f.start]
    sentence_text = view[sentence.start : sentence.end]
    if _FUNDED_RATIO.search(before) or _FUNDED_RATIO_KEPT.search(before):
        f.role = "cost_share"  # 初创企业的支持比例提高到40%: the ratio word names the funding
        return
    named = list(_RATIO_NAMED_BEFORE.finditer(view, sentence.start, f.start))
    if named and ((_GIVING.search(sentence_text) or _DEDUCTING.search(sentence_text))
                  and not re.search(r"[%％]", view[named[-1].end() : f.start])
                  or re.search(r"(?:抵扣|抵减|抵用)\s*$", before)):  # …抵扣40%，对B抵扣30%
        f.role = "cost_share"  # 支持方式为按项目总投资的比例，支持标准为15% (a table row)
        f.basis = re.sub(r"^(?:其|实际)", "", named[-1].group(1)).strip() or None
        return
    if not _FUNDING_TALK.search(sentence_text) and not _SHARE_AFTER.match(view, f.end):
        f.role = "other"  # …的20%予以支持 names the funding right after the share
        return
    if _MATCHING_AFTER.match(view, f.end):
        f.role = "matching"
        return
    if re.search(r"的\s*$", before):
        cues = list(_SHARE_CUE.finditer(before))
        if cues:
            basis = before[cues[-1].end() :]
            basis = re.sub(r"[（(][^）)]*[）)]", "", basis)
            basis = re.sub(r"^(?:其|不超过|不高于|按照|按)+", "", basis)
            basis = re.sub(r"的\s*$", "", basis).strip()
            f.role = "cost_share"
            f.basis = basis or None
            return
    m = _SHARE_NOUN.search(before)
    if m:
        f.role = "cost_share"
        f.basis = re.sub(r"^(?:其|实际)", "", m.group(1)).strip() or None
        return
    cues = list(_SHARE_CUE.finditer(before))
    if cues and _SHARE_AFTER.match(view, f.end):  # 按实际支付租金50%给予补贴
        basis = re.sub(r"^(?:其|实际)", "", before[cues[-1].end() :]).strip()
        f.role = "cost_share"
        f.basis = basis if 2 <= len(basis) <= 40 else None
        return
    if (_SHARE_OF_AFTER.match(view, f.end) or _SHARE_RATIO_WORD.search(before)
            or _SHARE_RATIO_AFTER.match(view, f.end)) and _GIVING.search(sentence_text):
        f.role = "cost_share"
        return
    if _SHARE_TAIL.search(before) and _GIVING.search(sentence_text):
        f.role = "cost_share"
        return
    if _GIVEN_SHARE.search(before):
        f.role = "cost_share"  # 5000万元至1亿元（含）的补助8%: a tier's share, given by the word before
        return
    f.role = "other"


def classify_ratio(view: str, f: Fig, sentence: Segment) -> None:
    """``按照地市奖励资金1∶1予以激励`` → matching; a ratio outside funding talk → other.

    A matching ratio is the matching side per unit of the base: ``1∶0.5`` → 0.5, ``1∶2`` → 2
    (a multiple ``2倍`` already carries its value)."""
    text = view[sentence.start : sentence.end]
    f.role = ("matching" if re.search(r"配套|配比|匹配|奖励|资金|激励|支持|补助|补贴|经费|出资|自筹", text)
              else "other")
    if f.role == "matching":
        parts = re.split(r"\s*[∶:：比]\s*", view[f.start : f.end])
        if len(parts) == 2:
            left, right = parse_number(parts[0]), parse_number(parts[1])
            if left is None and right is None:
                left, right = chinese_to_int(parts[0]), chinese_to_int(parts[1])
            if left and right is not None:
                f.value = tidy(Decimal(right) / Decimal(left))
