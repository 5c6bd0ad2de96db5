"""Quotas: a cap on the number of recipients (``每年遴选不超过20个``, ``10家以内``), never a
count of units per recipient nor a target (``到2027年培育10家``).

Grammar only; :func:`is_quota` decides for one count figure in its sentence.
"""

from __future__ import annotations

import re

from .roles import is_target
from .segments import Fig, Segment

_QUOTA_BEFORE = re.compile(
    r"(?:不超过|不多于|最多|至多|限|不超)(?:择优)?(?:支持|资助|奖励|遴选|认定|评选|补助|扶持)?\s*$"
    r"|(?:名额|限额)\s*(?:为|是|共)?\s*$"  # 推荐名额为3个 (places by province), 项目限额15个: a quota
)
_QUOTA_AFTER = re.compile(r"^\s*(?:以内|以下)")
_SELECT_BEFORE = re.compile(
    r"(?:^|[，,；：:]|每年|每年度|年度|每批次?|每期|每届|每轮|原则上)\s*(?:择优|重点)?"
    r"(?:遴选|评选|选取|选拔|认定|确定|支持|资助|奖励|扶持)(?:出)?\s*$"
    # 在全省遴选20家, 在…等领域遴选20个: a selection where it is made
    r"|(?:^|[，,；：:])\s*在[^，,。；;]{1,40}?(?:择优)?(?:遴选|评选|选取|选拔)(?:出)?\s*$")
_RECIPIENT_COUNT = ("个", "家", "项", "名", "所", "支", "户", "人", "位", "款", "条", "件", "种")
_EACH_RECIPIENT = re.compile(r"(?:每|单)(?:家|户|人|名|个(?:企业|用户|主体|单位|项目|人))"
                             r"|同一(?:企业|单位|主体|机构|申报主体|人)")  # 每人每月不超过8次
_NO_PERIOD = re.compile(r"每批次?|每期|每届|每轮")


def is_quota(view: str, f: Fig, sentence: Segment) -> bool:
    """``不超过10个``, ``10家以内``, ``最多5项``, ``每年遴选10家`` — a cap on the number of
    recipients; never ``10个以上`` nor a target (``到2027年培育10家``)."""
    before = view[sentence.start : f.start]
    after = view[f.end : sentence.end]
    inside = view[f.start : f.end]
    if "以上" in inside or re.match(r"^\s*(?:以上|及以上|左右)", after):
        return False
    clause_before = re.split(r"[，,；;：:]", before)[-1]
    if _EACH_RECIPIENT.search(clause_before):
        return False  # 每家用户每年补贴不超过50台: units per recipient, not recipients
    if _QUOTA_BEFORE.search(before) or _QUOTA_AFTER.match(after) or "以内" in inside:
        return True
    unit = inside[-1:]
    return (unit in _RECIPIENT_COUNT and bool(_SELECT_BEFORE.search(before))
            and not is_target(view[sentence.start : sentence.end]))
