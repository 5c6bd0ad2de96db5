"""Clauses inside one measure: money with its role, ratios, quotas, tiers and funding offers.

Reads the simplified view of a measure. A measure is split into sentences (``。；``) and
clauses (``，：``); each figure is classified by small, separate rules over the clause text
before it and right after it (DESIGN §3):

- money: ``unit_step`` (``每增长X``) → ``threshold`` (``超/达到X``, ``X以上``) →
  ``total_budget`` (``总资金``, ``发放…X…券``) → ``unit_rate`` (after a unit step) →
  ``per_recipient_cap`` (``单个/每家/每项…``) → ``cap`` (``最高/不超过/上限``, or a sum given
  as ``给予X奖励``) → otherwise ``other``. Figures joined by ``、`` share the first one's role.
  Unknown phrasing therefore ends in ``other``, never in a wrong cap.
- percentages: ``cost_share`` (``按…费用的30%``), else ``other``; ``1∶1`` ratios: ``matching``.
- counts: a quota only with ``不超过/最多/以内``; its period from the ``period`` vocabulary.

Offers: a sentence is cut into *groups* at a clause starting with ``对`` once the current
group already has an amount; a group with an amount, a cost share or a matching ratio gives an
offer — or one offer per tier when ``分别`` is followed by amounts joined by ``、``, aligned
with the thresholds, recognition levels or categories enumerated before it. A sentence with no
amount gives an offer only where a giving verb (``给予/发放/设立…``) governs an instrument word.
Instrument types, categories, levels and periods come from the vocabularies.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ..ontology.gazetteer import Gazetteer, Match
from .matchindex import MatchIndex
from .money import find_counts, find_money, find_percentages, find_ratios
from .numerals import chinese_to_int, parse_number, tidy
from .records import ConceptRef, Money, Offer, Quota, Ratio, Span

SpanOf = Callable[[int, int], Span]

# ---------------------------------------------------------------- grammar (structural cues)

SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_CLAUSE_END = re.compile(r"[，,：:]")
_ENUM_GAP = re.compile(r"^\s*、\s*$")
_RANGE_GAP = re.compile(r"^\s*(?:至|到|-|—|–|~|～)\s*$")
_BUDGET_VERB = re.compile(r"安排|设立|统筹|投入|筹集")
_BUDGET_TAIL = re.compile(r"(?:财政|财力|预算)?[^，。；]{0,8}?(?:每年|年度|连续\S{1,3}年)?(?:统筹)?(?:安排|筹集|投入)(?:[^，。；]{0,12}?(?:专项资金|资金|经费))?\s*(?:不少于|不低于|不超过|最高|约)?\s*$"
    r"|(?:基金|资金)(?:总)?规模\s*(?:为|达|达到|不少于|不低于)?\s*$")
_SUB_BUDGET = re.compile(r"其中[^，。；]{0,12}$")
_BUDGET_END = re.compile(r"\s*(?:[，。；,;]|$|用于|专项|作为)")
_BUDGET_AFTER = re.compile(
    r"^\s*(?:的)?\s*[^，。；]{0,14}?(?:专项资金|专项经费|财政资金|扶持资金|资金|经费|产业基金|基金)")
_UNIT_STEP_TAIL = re.compile(r"每(?:增长|增加|新增|提高|提升|超出|超过|多)\s*$")
_THRESHOLD_TAIL = re.compile(
    r"(?:(?<!不)(?:超过|超出|超|达到|达|逾|突破|满|高于|大于)|不低于|不少于|累计达)\s*$"
)
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:及|或)?以上")
_CAP_WORDS = re.compile(r"最高|不超过|不高于|上限|至多|最多|封顶|不多于")
_TOTAL_WORDS = re.compile(r"总额|总资金|总金额|总规模|总额度|总预算|总投入|资金总量|资金总额|合计|共计|总计")
_PER_RECIPIENT = re.compile(r"同一(?:企业|项目|单位|主体|机构)|单个|单家|单项(?!冠军)|单户|单笔|单一|单台|单套|每家|每个|每项|每户|每人|每名|每条|每款|每套|每台|每所|每支|每场|每届|每期|每艘|每架")
_GIVING = re.compile(r"给予|奖励|资助|补贴|补助|扶持|支持|奖补|一次性|贴息")
_GIVING_AFTER = re.compile(r"^\s*(?:的)?\s*(?:一次性)?\s*(?:资金)?\s*(?:奖励|资助|补贴|补助|支持|扶持|奖补|经费)")
_SHARE_CUE = re.compile(r"(?:最高按|按照|按其|按|不超过其|不超过|不高于)")
_SHARE_NOUN = re.compile(
    r"(?:按照|按其|按|不超过其|不超过|不高于)\s*([^，。；按]{1,40}?(?:费用|金额|投资额|投资|投入|成本|支出|"
    r"价款|收入|交易额|费))\s*$"
)
_SHARE_AFTER = re.compile(r"\s*(?:的)?(?:比例)?\s*(?:给予|予以|进行)?\s*(?:补贴|补助|资助|奖励|支持|贴息|补偿|扶持)")
_SHARE_TAIL = re.compile(r"(?:按照|按|不超过|不高于|最高)\s*$")
# 给予30%的贴息 / 50%的补助: a share of the cost or interest
_MATCHING_AFTER = re.compile(r"\s*的?\s*(?:比例)?\s*(?:给予|予以|进行)?\s*(?:资金)?(?:配套|匹配)")
_SHARE_OF_AFTER = re.compile(r"\s*的?\s*(?:贴息|补贴|补助|资助|奖补|风险补偿|保费补贴|财政补助)")
# 补助比例不超过30% / 按30%的比例
_SHARE_RATIO_WORD = re.compile(
    r"(?:补助|补贴|资助|奖励|支持|贴息|补偿|扶持|配套)?比例\s*"
    r"(?:为|按|最高|不超过|不高于|原则上不超过|控制在|提高至|提高到|提高为|调整为|调整至|上调至)?\s*$")
_SHARE_RATIO_AFTER = re.compile(r"\s*的?\s*比例\s*(?:给予|予以|进行)?")
# 按国家奖励金额的2倍给予配套 / 1:1配套 / 给予1∶0.5配套
_CN_SMALL = "一二三四五"
_MULTIPLE_OF = re.compile(r"按(?:照)?[^，。；]{1,30}?的\s*(?:\d+(?:\.\d+)?|[一二三四五]|半)\s*倍$")
_MULTIPLE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?|[一二三四五]|半)\s*倍")
_QUOTA_BEFORE = re.compile(
    r"(?:不超过|不多于|最多|至多|限|不超)(?:择优)?(?:支持|资助|奖励|遴选|认定|评选|补助|扶持)?\s*$"
)
_QUOTA_AFTER = re.compile(r"^\s*(?:以内|以下)")
_OFFER_VERB = re.compile(r"给予|发放|设立|提供|予以|加大|安排|实施")
_RECIPIENT = re.compile(r"^\s*(?:对于|对)")
_CONDITIONAL = re.compile(r"的\s*[，,]?\s*$")  # 获批为国家级制造业创新中心的，…
_ISSUED_VOUCHER = re.compile(r"(?:发放|发行|投放|申领)\s*[“\"]?\s*$")
_PER_YEAR_CAP = re.compile(r"年(?:补贴|补助|奖励|资助|支持)?(?:上限|最高)")
_TARGET = re.compile(r"到20\d\d年|力争|目标|预计|规模(?:达到|突破|超过)")
_SUPPORT_TALK = re.compile(r"一事一议|申报|申请|给予|奖励|补贴|补助|资助|扶持|奖补|券|配套|贴息|补偿|支持|享受|保障|优先|鼓励|认定|纳入|培育|评选")
_FUNDING_TALK = re.compile(r"给予|奖励|补贴|补助|资助|扶持|奖补|券|配套|贴息|补偿|资金支持|享受")
_NOT_RECIPIENT_LEVEL = re.compile(r"(?:产业)?(?:财政|资金|专项|政府|部门|主管|统筹|层面|联动|配套资金)")
_GENERIC_SUPPORT = re.compile(r"^(?:扶持|支持|帮扶|扶助)$")
_FUNDING_ROLES = ("cap", "per_recipient_cap", "total_budget", "unit_rate")
# fines and compensation: 处…万元以下罚款, 并处罚金, 没收违法所得, …的赔偿 — never funding
PENALTY_WORDS = re.compile(r"罚款|罚金|违约金|没收|赔偿(?!金额)|罚没|滞纳金")
_PENALTY_VERB = re.compile(r"(?<![办此各出到一好益])处(?![理置于室长级分])|处以|并处|罚")
_GIVING_ONLY = re.compile(r"给予|奖励|资助|补贴|补助|扶持|奖补|贴息")
# a rate per unit: 200元/亩, 每平方米每月10元, 按每千瓦时0.3元
_RATE_UNIT = (r"(?:平方米|㎡|亩|吨|千瓦时|千瓦|兆瓦|瓦|度|kWh|千克|公斤|立方米|标箱|公里|千米|航线|班次|架次|"
              r"车|辆|头|台|套|人次|人|名|户|床|张|课时)")
_MEASURE_WORD = r"(?:[个条辆台架头只家名位](?=[\u4e00-\u9fff]))?"
_TIME_UNIT = r"(?:月|天|日|次|小时)"  # 每年 is a period (PerYear), never the unit of a rate
_PER_UNIT_AFTER = re.compile(
    rf"^\s*(?:/|／|每)\s*((?:{_RATE_UNIT}|{_TIME_UNIT})(?:\s*[·/／]?\s*(?:每)?\s*(?:月|年|天|日|次))?)")
_PER_UNIT_BEFORE = re.compile(
    rf"每\s*{_MEASURE_WORD}({_RATE_UNIT})(?:\s*每\s*(月|年|天|日|次|小时))?[^，。；每]{{0,12}}$")
# 按每家被服务企业2万元的标准: a rate by its standard
_RATE_STANDARD_BEFORE = re.compile(r"按\s*每\s*([^，。；每\d]{1,8}?)\s*$")
_PER_ITEM_DONE = re.compile(
    r"每(?:完成|建成|引进|认定|新增|开通|服务|培育)一?[个家项条台套名]?([\u4e00-\u9fff]{1,6}?)"
    r"\s*(?:给予|奖励|补贴|补助)?\s*$")
_UNIT_EACH = re.compile(r"按\s*([\u4e00-\u9fff]{1,6}?)\s*每[个台套艘辆]\s*(?:给予|补助|奖励|补贴)?\s*$")
_RATE_STANDARD_AFTER = re.compile(r"\s*的?\s*标准")


@dataclass(slots=True, eq=False)
class Fig:
    """An internal figure in view offsets, classified in its clause."""

    kind: str  # money | pct | ratio | count
    start: int
    end: int
    value: Decimal
    role: str = "other"
    sentence: int = 0
    clause: int = 0
    group: int = 0
    enum_head: Fig | None = None  # the first figure of the 、-joined run it belongs to
    basis: str | None = None
    period: str | None = None
    per: str | None = None  # unit of a rate


@dataclass(slots=True)
class Segment:
    start: int
    end: int


@dataclass(slots=True)
class MeasureFacts:
    """What :func:`analyse` finds in one measure (records carry spans over the original)."""

    amounts: list[Money] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    penalties: list[Money] = field(default_factory=list)


# ---------------------------------------------------------------- segmentation


def is_hard_wrap(view: str, pos: int) -> bool:
    """A line break at ``pos`` inside a sentence (scraped text wrapped mid-clause): the line
    before it does not end a sentence and already holds a comma."""
    k = pos
    while k > 0 and view[k - 1] == " ":
        k -= 1
    if k == 0 or view[k - 1] in "。；;！？!?：:）)】」”\"":
        return False
    if view[k - 1] in "，、":
        return True
    return view.find("，", view.rfind("\n", 0, k) + 1, k) >= 0


def split(view: str, start: int, end: int, pattern: re.Pattern[str]) -> list[Segment]:
    """Segments of ``view[start:end]`` cut after each match of ``pattern`` (the mark included);
    a line break that only wraps a sentence does not cut it."""
    out = []
    s = start
    for m in pattern.finditer(view, start, end):
        if m.group(0) == "\n" and is_hard_wrap(view, m.start()):
            continue
        if m.end() > s:
            out.append(Segment(s, m.end()))
        s = m.end()
    if s < end:
        out.append(Segment(s, end))
    return [seg for seg in out if view[seg.start : seg.end].strip(" \n，。；：")]


def _index(segments: list[Segment], pos: int) -> int:
    """The segment holding ``pos`` (segments are sorted and disjoint; binary search)."""
    lo, hi = 0, len(segments)
    while lo < hi:
        mid = (lo + hi) // 2
        if segments[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(segments) and segments[lo].start <= pos:
        return lo
    return max(0, len(segments) - 1) if lo >= len(segments) else max(0, lo - 1) if lo else 0


# ---------------------------------------------------------------- money roles


def is_unit_step(before: str) -> bool:
    """``按照每增长|1000万元``: the step of a unit rate."""
    return bool(_UNIT_STEP_TAIL.search(before))


def is_threshold(before: str, after: str) -> bool:
    """``超|1亿元``, ``达到|100万元``, ``5000万元|以上``: an eligibility threshold, never a cap."""
    return bool(_THRESHOLD_TAIL.search(before) or _THRESHOLD_AFTER.match(after))


def is_total_budget(clause_before: str, clause_after: str) -> bool:
    """``扶持总资金不超过|X``, ``发放最高|X|“算力券”``; not a recipient's own total (``对A…总额度``)."""
    if "发放" in clause_before and "券" in clause_after:
        return True
    if _BUDGET_VERB.search(clause_before) and _BUDGET_AFTER.match(clause_after):
        return True  # 每年安排1亿元专项资金, 设立规模10亿元的产业基金
    if _BUDGET_TAIL.search(clause_before) and _BUDGET_END.match(clause_after):
        return True  # 市财政每年安排2亿元，面向…; 每年安排5000万元。
    return (bool(_TOTAL_WORDS.search(clause_before)) and not _RECIPIENT.match(clause_before)
            and not _PER_RECIPIENT.search(clause_before))


def is_penalty(clause: str, sentence: str) -> bool:
    """A figure in a fine or compensation clause (``处一万元以上十万元以下的罚款``): the sentence
    names a penalty and the figure's own clause fines (罚款, 处…) rather than gives."""
    if not PENALTY_WORDS.search(sentence):
        return False
    return bool(PENALTY_WORDS.search(clause) or _PENALTY_VERB.search(clause))


def per_unit(segment_before: str, after: str, clause_before: str) -> str | None:
    """The unit a rate is paid per (``200元/亩`` → 亩, ``每平方米每月10元`` → 平方米·月), else None.

    A per-item figure under a cap word (``每人最高50万元``, ``每条航线给予最高50万元``) is a
    per-recipient cap, not a rate.
    """
    m = _PER_UNIT_AFTER.match(after)
    if m:
        return re.sub(r"[\s/／每]+", "·", m.group(1)).strip("·")
    m = _RATE_STANDARD_BEFORE.search(segment_before)
    if m and (_RATE_STANDARD_AFTER.match(after) or _GIVING_AFTER.match(after)):
        return m.group(1)  # 按每头奶牛2000元的标准, 按每小时有效数据100元给予奖励
    m = _PER_ITEM_DONE.search(segment_before)
    if m and not _CAP_WORDS.search(segment_before):
        return m.group(1)  # 每完成一个诊断项目给予2万元
    m = _UNIT_EACH.search(segment_before)  # 按泊位每个给予5万元补助
    if m and not _CAP_WORDS.search(segment_before):
        return m.group(1)
    m = _PER_UNIT_BEFORE.search(clause_before)
    if m:
        unit = m.group(1)
        if _CAP_WORDS.search(segment_before):
            return None  # 每条航线给予最高50万元, 每人每年最高50万元: a cap per recipient
        if unit in ("人", "名", "户") and not m.group(2):
            return None  # 每人给予100万元奖励: a sum per recipient, not a rate
        return unit + (f"·{m.group(2)}" if m.group(2) else "")
    return None


def is_per_recipient(clause_before: str) -> bool:
    """``单个主体…最高|X``, ``每家企业…上限|X``, ``每项最高|X``."""
    return bool(_PER_RECIPIENT.search(clause_before))


def is_cap(segment_before: str, after: str) -> bool:
    """``最高|X``, ``不超过|X``, or a sum handed out (``给予|X|奖励``)."""
    return bool(
        _CAP_WORDS.search(segment_before)
        or _GIVING.search(segment_before)
        or _GIVING_AFTER.match(after)
    )


def sentences_start(clauses: list[Segment]) -> int:
    return clauses[0].start if clauses else 0


def is_target(sentence: str) -> bool:
    """``到2027年，产业规模突破5000亿元``: a goal, not a funding rule (no funding word at all)."""
    return bool(_TARGET.search(sentence)) and not _FUNDING_TALK.search(sentence)


def classify_money(view: str, figs: list[Fig], clauses: list[Segment]) -> None:
    """Set ``role`` (and ``enum_head``) on every money figure of one sentence, in place."""
    for i, f in enumerate(figs):
        clause = clauses[f.clause]
        prev = figs[i - 1] if i > 0 else None
        if prev is not None and _RANGE_GAP.match(view[prev.end : f.start]):
            # 100万元至500万元: the upper end carries the role, the lower end is only a bound
            f.role = prev.role
            prev.role = "min_amount" if prev.role in _FUNDING_ROLES else prev.role
            continue
        if prev is not None and _ENUM_GAP.match(view[prev.end : f.start]):
            f.role = prev.role
            f.enum_head = prev.enum_head if prev.enum_head is not None else prev
            continue
        seg_start = clause.start
        if prev is not None and prev.clause == f.clause:
            seg_start = prev.end
        segment = view[seg_start : f.start]
        clause_before = view[clause.start : f.start]
        after = view[f.end : clause.end]
        sentence_text = view[sentences_start(clauses) : clauses[-1].end]
        if is_penalty(view[clause.start : clause.end], sentence_text):
            f.role = "penalty"
        elif PENALTY_WORDS.search(sentence_text) and not _GIVING_ONLY.search(
                view[clause.start : clause.end]):
            f.role = "other"  # 违法经营额一万元以上的，并处…罚款: a condition of the fine
        elif is_target(sentence_text):
            f.role = "other"
        elif is_unit_step(segment):
            f.role = "unit_step"
        elif (_BUDGET_VERB.search(clause_before) and _BUDGET_AFTER.match(after)) or (
                _BUDGET_TAIL.search(clause_before) and _BUDGET_END.match(after)):
            f.role = "total_budget"  # 每年安排不少于3亿元专项资金: a budget, however worded
        elif _SUB_BUDGET.search(clause_before) and prev is not None and (
                prev.role == "total_budget" or prev.enum_head is not None
                and prev.enum_head.role == "total_budget"):
            f.role = "total_budget"  # 发放总额5000万元，其中算力券3000万元: a part of the budget
        elif is_threshold(segment, after):
            # a condition of eligibility for support; 一次维修费用超过1000元的 in a rule is none
            f.role = "threshold" if _SUPPORT_TALK.search(sentence_text) else "other"
        elif is_total_budget(clause_before, after):
            f.role = "total_budget"
        elif (
            prev is not None
            and prev.role in ("unit_step", "unit_rate")
            and not _CAP_WORDS.search(segment)
            and not _PER_RECIPIENT.search(clause_before)
        ):
            f.role = "unit_rate"
        elif (per := per_unit(segment, after, clause_before)) is not None:
            f.role = "unit_rate"
            f.per = per
        elif is_per_recipient(clause_before) and is_cap(segment, after):
            f.role = "per_recipient_cap"
        elif is_cap(segment, after):
            f.role = "cap"
        else:
            f.role = "other"


# ---------------------------------------------------------------- ratios and quotas


def classify_percentage(view: str, f: Fig, clause: Segment, sentence: Segment) -> None:
    """``按其…费用的30%`` → cost share with its basis; ``按30%给予补贴`` → cost share;
    ``按国家资助资金的50%给予配套`` → matching ratio; outside funding talk (a land price at 70%
    of a standard) → other."""
    before = view[clause.start : f.start]
    sentence_text = view[sentence.start : sentence.end]
    if not _FUNDING_TALK.search(sentence_text):
        f.role = "other"
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
    f.role = "other"


def classify_ratio(view: str, f: Fig, sentence: Segment) -> None:
    """``按照地市奖励资金1∶1予以激励`` → matching; a ratio outside funding talk → other.

    A matching ratio is the matching side per unit of the base: ``1∶0.5`` → 0.5, ``1∶2`` → 2
    (a multiple ``2倍`` already carries its value)."""
    text = view[sentence.start : sentence.end]
    f.role = "matching" if re.search(r"配套|配比|匹配|奖励|资金|激励|支持|补助|补贴", text) else "other"
    if f.role == "matching":
        parts = re.split(r"\s*[∶:：比]\s*", view[f.start : f.end])
        if len(parts) == 2:
            left, right = parse_number(parts[0]), parse_number(parts[1])
            if left is None and right is None:
                left, right = chinese_to_int(parts[0]), chinese_to_int(parts[1])
            if left and right is not None:
                f.value = tidy(Decimal(right) / Decimal(left))


_SELECT_BEFORE = re.compile(
    r"(?:^|[，,；：:]|每年|每年度|年度|每批次?|每期|每届|每轮|原则上)\s*(?:择优|重点)?"
    r"(?:遴选|评选|选取|选拔|认定|确定|支持|资助|奖励|扶持)(?:出)?\s*$")
_RECIPIENT_COUNT = ("个", "家", "项", "名", "所", "支", "户", "人", "位", "款", "条", "件", "种")
_NO_PERIOD = re.compile(r"每批次?|每期|每届|每轮")


def is_quota(view: str, f: Fig, sentence: Segment) -> bool:
    """``不超过10个``, ``10家以内``, ``最多5项``, ``每年遴选10家`` — a cap on the number of
    recipients; never ``10个以上`` nor a target (``到2027年培育10家``)."""
    before = view[sentence.start : f.start]
    after = view[f.end : sentence.end]
    inside = view[f.start : f.end]
    if "以上" in inside or re.match(r"^\s*(?:以上|及以上|左右)", after):
        return False
    if _QUOTA_BEFORE.search(before) or _QUOTA_AFTER.match(after) or "以内" in inside:
        return True
    unit = inside[-1:]
    return (unit in _RECIPIENT_COUNT and bool(_SELECT_BEFORE.search(before))
            and not is_target(view[sentence.start : sentence.end]))


# ---------------------------------------------------------------- the analysis


class _Vocab:
    """Vocabulary matches inside one measure (view offsets)."""

    def __init__(self, gaz: Gazetteer | None, view: str, start: int, end: int,
                 matches: MatchIndex | None = None) -> None:
        self.gaz = gaz
        self.by_scheme: MatchIndex = MatchIndex()
        self._seen: dict[tuple[str, int, int], list[Match]] = {}
        if gaz is None:
            return
        text = view[start:end]
        for scheme in ("instrument", "category", "level", "period", "area"):
            if matches is not None and scheme in matches:  # whole-view matches, computed once
                self.by_scheme[scheme] = matches.within(scheme, start, end)
                continue
            self.by_scheme[scheme] = [
                Match(m.start + start, m.end + start, m.concept, m.scheme, m.surface)
                for m in gaz.find_all(text, scheme)
            ]
        self.by_scheme = MatchIndex(self.by_scheme)

    def within(self, scheme: str, s: int, e: int) -> list[Match]:
        key = (scheme, s, e)  # the same ranges are asked for again and again in one measure
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self.by_scheme.within(scheme, s, e)
        return found

    def instrument_class(self, concept: str) -> str:
        if self.gaz is None:
            return "FundingInstrument"
        info = self.gaz.info(concept)
        link = info.link("instrumentClass") if info else None
        return link.rsplit("#", 1)[-1] if link else "FundingInstrument"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _level_of(vocab: _Vocab, view: str, m: Match) -> str | None:
    """Recognition level of a level/area match (single-character 省/市 only inside a name)."""
    if m.scheme == "level":
        if _NOT_RECIPIENT_LEVEL.match(view, m.end):  # 市级财政/省级专项资金: the payer, not a tier
            return None
        if len(m.surface) == 1:
            prev = view[m.start - 1] if m.start > 0 else ""
            if not (prev in "、，" or _inside_area(vocab, m)):
                return None
        return _local(m.concept)
    return None


def _inside_area(vocab: _Vocab, m: Match) -> bool:
    return any(a.start <= m.start and m.end <= a.end for a in vocab.by_scheme.get("area", []))


def levels_in(vocab: _Vocab, view: str, s: int, e: int) -> list[tuple[int, str]]:
    """Recognition levels named in ``view[s:e]`` in text order (``国际/国家/行业``, ``全国``, ``广东省``)."""
    out: list[tuple[int, str]] = []
    for m in vocab.within("level", s, e):
        lvl = _level_of(vocab, view, m)
        if lvl:
            out.append((m.start, lvl))
    # a level word may be hidden inside a longer area match (广东省 → 省): look inside areas too
    for a in vocab.within("area", s, e):
        if any(a.start <= p < a.end for p, _ in out):
            continue
        if vocab.gaz is None:
            continue
        for lm in vocab.gaz.find_all(view[a.start : a.end], "level"):
            if lm.end == a.end - a.start:
                out.append((a.start, _local(lm.concept)))
    return sorted(out)


def _period_at(vocab: _Vocab, view: str, s: int, e: int, exclude: list[tuple[int, int]]) -> str | None:
    for m in vocab.within("period", s, e):
        if any(a <= m.start < b for a, b in exclude):
            continue
        return _local(m.concept)
    if _PER_YEAR_CAP.search(view[s:e]):
        return "PerYear"
    return None


def analyse(
    view: str, start: int, end: int, span_of: SpanOf, gaz: Gazetteer | None,
    heading: tuple[int, int] | None = None, skip: list[tuple[int, int]] | None = None,
    matches: MatchIndex | None = None,
) -> MeasureFacts:
    """Every amount, ratio, quota and offer in the measure ``view[start:end]``.

    ``matches`` may hold vocabulary matches over the whole view per scheme (to match once)."""
    skip = skip or []
    facts = MeasureFacts()
    vocab = _Vocab(gaz, view, start, end, matches)
    text = view[start:end]

    def shift(found):  # figures over the measure text → view offsets
        return [(x.start + start, x.end + start, x.value) for x in found]

    skip_starts = [a for a, _ in sorted(skip)]
    skip_sorted = sorted(skip)

    def skipped(s: int) -> bool:
        k = bisect_right(skip_starts, s) - 1
        return k >= 0 and skip_sorted[k][0] <= s < skip_sorted[k][1]

    sentences = split(view, start, end, SENTENCE_END)
    basis_spans: list[tuple[int, int]] = []
    money_by_sentence: dict[int, list[Fig]] = {}
    pct: list[Fig] = []
    ratios: list[Fig] = []
    counts: list[Fig] = []
    for kind, found, bucket in (
        ("money", find_money(text), None),
        ("pct", find_percentages(text), pct),
        ("ratio", find_ratios(text), ratios),
        ("count", find_counts(text), counts),
    ):
        for s, e, value in shift(found):
            if skipped(s):
                continue
            si = _index(sentences, s)
            f = Fig(kind, s, e, value, sentence=si)
            if bucket is None:
                money_by_sentence.setdefault(si, []).append(f)
            else:
                bucket.append(f)

    all_money: list[Fig] = []
    groups_by_sentence: dict[int, list[Segment]] = {}
    clauses_by_sentence: dict[int, list[Segment]] = {}
    for si, sentence in enumerate(sentences):
        clauses = split(view, sentence.start, sentence.end, _CLAUSE_END)
        if not clauses:
            clauses = [sentence]
        clauses_by_sentence[si] = clauses
        figs = money_by_sentence.get(si, [])
        for f in figs:
            f.clause = _index(clauses, f.start)
        classify_money(view, figs, clauses)
        groups_by_sentence[si] = _groups(view, clauses, figs)
        for f in figs:
            f.group = _index(groups_by_sentence[si], f.start)
        all_money.extend(figs)

    def penalty_sentence(f: Fig) -> bool:
        sent = sentences[f.sentence]
        return bool(PENALTY_WORDS.search(view, sent.start, sent.end))

    for f in pct:
        clauses = clauses_by_sentence[f.sentence]
        if penalty_sentence(f):
            f.role = "other"
            f.group = _index(groups_by_sentence[f.sentence], f.start)
            continue
        classify_percentage(view, f, clauses[_index(clauses, f.start)], sentences[f.sentence])
        if f.basis:
            basis_spans.append((f.start - len(f.basis) - 2, f.start))
        f.group = _index(groups_by_sentence[f.sentence], f.start)
    ratios.extend(f for f in pct if f.role == "matching")  # 按…资金的50%给予配套
    pct = [f for f in pct if f.role != "matching"]
    for m in _MULTIPLE.finditer(view, start, end):
        if skipped(m.start()) or any(r.start <= m.start() < r.end for r in ratios):
            continue
        si = _index(sentences, m.start())
        sent = sentences[si]
        if not (re.search(r"配套|配比|匹配", view[sent.start : sent.end])
                or _MULTIPLE_OF.search(view, max(sent.start, m.start() - 40), m.end())
                and re.match(r"\s*(?:给予|予以)", view[m.end() : m.end() + 4])):
            continue
        raw = m.group(1)
        value = Decimal("0.5") if raw == "半" else (Decimal(raw) if raw[0].isdigit()
                                                    else Decimal(_CN_SMALL.index(raw) + 1))
        ratios.append(Fig("ratio", m.start(), m.end(), value, sentence=si))
    ratios.sort(key=lambda x: x.start)
    for f in ratios:
        classify_ratio(view, f, sentences[f.sentence])
        if penalty_sentence(f):
            f.role = "other"
    quotas = []
    for f in counts:
        if is_quota(view, f, sentences[f.sentence]):
            clauses = clauses_by_sentence[f.sentence]
            c = clauses[_index(clauses, f.start)]
            sent = sentences[f.sentence]
            if _NO_PERIOD.search(view, c.start, f.start):
                f.period = None  # 每批次支持不超过3项: per batch, no calendar period
            else:
                f.period = _period_at(vocab, view, c.start, c.end, basis_spans) or _period_at(
                    vocab, view, sent.start, sent.end, basis_spans)
            f.group = _index(groups_by_sentence[f.sentence], f.start)
            quotas.append(f)

    # records for the measure's lists
    def clause_of(f: Fig) -> Span:
        clauses = clauses_by_sentence[f.sentence]
        c = clauses[_index(clauses, f.start)]
        return span_of(c.start, c.end)

    def money(f: Fig) -> Money:
        return Money(value=f.value, role=f.role, span=span_of(f.start, f.end),  # type: ignore[arg-type]
                     per=f.per, clause=clause_of(f))

    def ratio(f: Fig) -> Ratio:
        return Ratio(value=f.value, role=f.role, span=span_of(f.start, f.end),  # type: ignore[arg-type]
                     cost_basis=f.basis, clause=clause_of(f))

    def quota(f: Fig) -> Quota:
        return Quota(count=int(f.value), span=span_of(f.start, f.end), period=f.period,  # type: ignore[arg-type]
                     clause=clause_of(f))

    facts.penalties = [money(f) for f in all_money if f.role == "penalty"]
    all_money = [f for f in all_money if f.role != "penalty"]
    facts.amounts = [money(f) for f in all_money]
    facts.ratios = [ratio(f) for f in sorted(pct + ratios, key=lambda x: x.start)]
    facts.quotas = [quota(f) for f in quotas]

    # offers
    heading_instrument = _heading_instrument(vocab, heading)
    figured_classes: set[str] = set()
    money_of: dict[int, list[Fig]] = {}
    for f in all_money:
        money_of.setdefault(f.sentence, []).append(f)
    matching_of: dict[int, list[Fig]] = {}
    for f in ratios:
        if f.role == "matching":
            matching_of.setdefault(f.sentence, []).append(f)
    pct_of: dict[int, list[Fig]] = {}
    for f in pct:
        pct_of.setdefault(f.sentence, []).append(f)
    quotas_of: dict[int, list[Fig]] = {}
    for f in quotas:
        quotas_of.setdefault(f.sentence, []).append(f)
    for si, sentence in enumerate(sentences):
        groups = groups_by_sentence[si]
        clauses = clauses_by_sentence[si]
        figs = money_of.get(si, [])
        sent_matching = matching_of.get(si, [])
        made = False
        for gi, group in enumerate(groups):
            gfigs = [f for f in figs if f.group == gi]
            gshares = [f for f in pct_of.get(si, []) if f.group == gi and f.role == "cost_share"]
            gquotas = [f for f in quotas_of.get(si, []) if f.group == gi]
            if not (any(f.role in _FUNDING_ROLES for f in gfigs) or gshares
                    or (sent_matching and gi == 0)):
                continue
            ctx = _GroupContext(view, vocab, group, clauses, gfigs, gshares, sent_matching,
                                gquotas, basis_spans, heading_instrument, span_of, money, ratio, quota)
            offers = ctx.offers()
            facts.offers.extend(offers)
            figured_classes.update(o.instrument_class for o in offers)
            made = made or bool(offers)
        if not made:
            facts.offers.extend(_figureless_offers(view, vocab, sentence, clauses, span_of))
    # a figureless offer repeating the class of an offer with figures adds nothing
    facts.offers = [
        o for o in facts.offers
        if has_figures(o) or o.instrument_class not in figured_classes
    ]
    facts.offers = merge_budget_only(facts.offers)
    attach_thresholds(facts, [s2 for s2 in sentences], span_of)
    attach_quotas(facts)
    return facts


def attach_quotas(facts: MeasureFacts) -> None:
    """A quota stated in a sentence of its own (``每年支持不超过10个项目。``) caps the offer it
    follows in the measure (else the first offer after it), if that offer has no quota yet."""
    used = {o.max_recipients.span for o in facts.offers if o.max_recipients is not None}
    for quota in facts.quotas:
        if quota.span in used:
            continue
        free = [o for o in facts.offers if o.max_recipients is None]
        before = [o for o in free if o.span.start <= quota.span.start]
        after = [o for o in free if o.span.start > quota.span.start]
        target = before[-1] if before else (after[0] if after else None)
        if target is not None:
            target.max_recipients = quota
            if target.period is None and quota.period is not None:
                target.period = quota.period
            used.add(quota.span)


def attach_thresholds(facts: MeasureFacts, sentences: list[Segment], span_of: SpanOf) -> None:
    """A threshold no offer carries (``配套金额超1亿元（含）的，…给予支持``) qualifies the
    offer of its sentence: the last one before it, else the first after it, if that offer has
    no threshold yet. A threshold in a sentence without an offer stays on the measure only."""
    used = {o.min_threshold.span for o in facts.offers if o.min_threshold is not None}
    for money in facts.amounts:
        if money.role != "threshold" or money.span in used:
            continue
        sent = next((span_of(x.start, x.end) for x in sentences
                     if span_of(x.start, x.end).start <= money.span.start
                     < span_of(x.start, x.end).end), None)
        if sent is None:
            continue
        same = [o for o in facts.offers if o.span.start < sent.end and sent.start < o.span.end]
        before = [o for o in same if o.span.start <= money.span.start]
        target = before[-1] if before else (same[0] if same else None)
        if target is not None and target.min_threshold is None:
            target.min_threshold = money
            used.add(money.span)


def merge_budget_only(offers: list[Offer]) -> list[Offer]:
    """A sentence giving only a programme's total budget (``发放总额不超过1亿元``) followed by
    an offer of the same instrument with no total: the total belongs to that offer."""
    out: list[Offer] = []
    for i, o in enumerate(offers):
        nxt = offers[i + 1] if i + 1 < len(offers) else None
        budget_only = o.total_budget is not None and not any(
            (o.max_amount, o.unit_rate, o.max_cost_share, o.matching_ratio, o.min_threshold))
        if (budget_only and nxt is not None and nxt.total_budget is None
                and nxt.instrument_class == o.instrument_class):
            nxt.total_budget = o.total_budget
            if nxt.max_recipients is None:
                nxt.max_recipients = o.max_recipients
            continue
        out.append(o)
    return out


def has_figures(o: Offer) -> bool:
    """True when an offer carries any figure (amount, share, ratio, quota, threshold)."""
    return any((o.max_amount, o.total_budget, o.unit_rate, o.max_cost_share, o.matching_ratio,
                o.max_recipients, o.min_threshold))


def _groups(view: str, clauses: list[Segment], figs: list[Fig]) -> list[Segment]:
    """Cut a sentence at clauses starting with ``对`` once the current group has an amount."""
    groups: list[Segment] = []
    current: Segment | None = None
    has_amount = False
    for c in clauses:
        starts_recipient = bool(_RECIPIENT.match(view[c.start : c.end]))
        if current is not None and starts_recipient and has_amount:
            groups.append(current)
            current = None
            has_amount = False
        if current is None:
            current = Segment(c.start, c.end)
        else:
            current.end = c.end
        if any(c.start <= f.start < c.end and f.role in ("cap", "per_recipient_cap", "unit_rate")
               for f in figs):
            has_amount = True
    if current is not None:
        groups.append(current)
    return groups


def _heading_instrument(vocab: _Vocab, heading: tuple[int, int] | None) -> Match | None:
    if heading is None:
        return None
    found = [m for m in vocab.within("instrument", *heading)
             if vocab.instrument_class(m.concept) != "FundingInstrument"]
    return found[0] if found else None


def _figureless_offers(
    view: str, vocab: _Vocab, sentence: Segment, clauses: list[Segment], span_of: SpanOf
) -> list[Offer]:
    """Offers of a sentence with no amount: a giving verb governing an instrument word."""
    out: list[Offer] = []
    seen: set[str] = set()
    for c in clauses:
        verbs = list(_OFFER_VERB.finditer(view, c.start, c.end))
        if not verbs:
            continue
        matches = vocab.within("instrument", c.start, c.end)
        chosen: list[Match] = []
        for m in matches:
            if not any(v.end() <= m.start <= v.end() + 20 for v in verbs):
                continue
            if vocab.instrument_class(m.concept) in ("FundingInstrument",):
                continue
            if _GENERIC_SUPPORT.match(m.surface):  # 给予政策扶持: a verb of support, no instrument
                continue
            if chosen and chosen[-1].end == m.start:  # 配套奖励: the head noun wins
                chosen[-1] = m
                continue
            chosen.append(m)
        for m in chosen:
            cls = vocab.instrument_class(m.concept)
            if cls in seen:
                continue
            seen.add(cls)
            out.append(Offer(span=span_of(c.start, c.end), instrument_class=cls,
                             instrument_concept=m.concept))
    return out


class _GroupContext:
    """Builds the offer(s) of one group of clauses."""

    def __init__(self, view, vocab, group, clauses, figs, shares, matching, quotas, basis_spans,
                 heading_instrument, span_of, money, ratio, quota) -> None:
        self.view = view
        self.vocab: _Vocab = vocab
        self.group: Segment = group
        self.clauses: list[Segment] = [c for c in clauses if group.start <= c.start < group.end]
        self.figs: list[Fig] = figs
        self.shares: list[Fig] = shares
        self.matching: list[Fig] = matching
        self.quotas: list[Fig] = quotas
        self.basis_spans = basis_spans
        self.heading_instrument: Match | None = heading_instrument
        self.span_of: SpanOf = span_of
        self.money = money
        self.ratio = ratio
        self.quota = quota

    def clause_of(self, pos: int) -> Segment:
        return self.clauses[_index(self.clauses, pos)]

    def tier_run(self) -> list[Fig]:
        """Amounts joined by 、 right after ``分别`` (the tiers), or []."""
        idx = tier_cue(self.view, self.group.start, self.group.end)
        if idx < 0:
            return []
        after = [f for f in self.figs if f.start > idx and f.role in _FUNDING_ROLES]
        if not after:
            return []
        head = after[0]
        run = [head] + [f for f in self.figs if f.enum_head is head]
        return run if len(run) >= 2 else []

    def instrument(self, anchor: int) -> Match | None:
        """The instrument word the amount pays (``X元奖励``, ``X元“算力券”``); else the one the
        measure leads with (``发放“场景券”``); else the nearest one before the amount."""
        found = [m for m in self.vocab.within("instrument", self.group.start, self.group.end)
                 if not any(a <= m.start < b for a, b in self.basis_spans)]
        clause = self.clause_of(anchor - 1 if anchor > self.group.start else anchor)
        after = [m for m in found if anchor <= m.start <= anchor + 12 and m.end <= clause.end]
        if after:
            return after[0]
        if self.heading_instrument is not None:
            return self.heading_instrument
        issued = [m for m in found if m.end <= anchor and _ISSUED_VOUCHER.search(
            self.view, max(self.group.start, m.start - 6), m.start)
            and "Voucher" in self.vocab.instrument_class(m.concept)]
        if issued:  # 发放“算力券”，按…30%给予补贴: the voucher is the offer, 补贴 its face value
            return issued[-1]
        before = [m for m in found if m.end <= anchor]
        return before[-1] if before else (found[0] if found else None)

    def recipient_clause(self, anchor: int) -> Segment | None:
        """The clause naming who gets the offer: ``对…``, or a conditional ``获批为国家级…的``."""
        found = None
        for c in self.clauses:
            if c.start > anchor:
                break
            text = self.view[c.start : c.end]
            if _RECIPIENT.match(text) or (_CONDITIONAL.search(text) and c.end <= anchor):
                found = c
        return found

    def concepts(self, scheme: str, s: int, e: int) -> list[ConceptRef]:
        out: list[ConceptRef] = []
        for m in self.vocab.within(scheme, s, e):
            if all(r.concept != m.concept for r in out):
                out.append(ConceptRef(scheme=scheme, concept=m.concept,
                                      span=self.span_of(m.start, m.end)))
        return out

    def base_offer(self, anchor: Fig) -> Offer:
        inst = self.instrument(anchor.end)
        offer = Offer(span=self.span_of(self.group.start, self.group.end))
        if inst is not None:
            offer.instrument_concept = inst.concept
            offer.instrument_class = self.vocab.instrument_class(inst.concept)
        if self.shares:
            offer.max_cost_share = self.ratio(self.shares[0])
        if self.matching:
            offer.matching_ratio = self.ratio(self.matching[0])
        if self.quotas:
            offer.max_recipients = self.quota(self.quotas[0])
        steps = [f for f in self.figs if f.role == "unit_step"]
        if steps:
            offer.unit_step = self.money(steps[0])
        totals = [f for f in self.figs if f.role == "total_budget"]
        if totals:
            offer.total_budget = self.money(totals[0])
        return offer

    def period(self, offer: Offer, anchor: Fig) -> str | None:
        g = self.group
        if offer.max_amount is not None:
            c = self.clause_of(offer_pos(self, offer.max_amount))
            p = _period_at(self.vocab, self.view, c.start, c.end, self.basis_spans)
            if p:
                return p
        if self.quotas and self.quotas[0].period:
            return self.quotas[0].period
        c = self.clause_of(anchor.start)
        found = _period_at(self.vocab, self.view, c.start, c.end, self.basis_spans)
        if found:
            return found
        # a sentence opening with a bare adverbial (政策有效期内，…) sets the period for all of it
        first = self.clauses[0] if self.clauses else g
        if len(self.view[first.start : first.end].strip(" ，,")) <= 8:
            return _period_at(self.vocab, self.view, first.start, first.end, self.basis_spans)
        return None

    def condition(self, anchor: int) -> tuple[str | None, Segment | None]:
        rc = self.recipient_clause(anchor)
        if rc is None:
            return None, None
        text = self.view[rc.start : rc.end]
        text = re.sub(r"^\s*(?:对于|对)", "", text)
        cut = re.search(r"(?:给予|按照|按|予以|奖励|分别|，|,)", text)
        if cut:
            text = text[: cut.start()]
        text = text.strip(" ，。；")
        return (text or None), rc

    def offers(self) -> list[Offer]:
        tiers = self.tier_run()
        if tiers:
            return self.tier_offers(tiers)
        funding = [f for f in self.figs if f.role in _FUNDING_ROLES]
        anchor = next((f for f in funding if f.role in ("per_recipient_cap", "cap", "unit_rate")),
                      funding[0] if funding else (self.shares or self.matching)[0])
        offer = self.base_offer(anchor)
        caps = [f for f in self.figs if f.role in ("per_recipient_cap", "cap")]
        if caps:
            offer.max_amount = self.money(caps[0])
        floors = [f for f in self.figs if f.role == "min_amount"]
        if floors:
            offer.min_amount = self.money(floors[0])
        rates = [f for f in self.figs if f.role == "unit_rate"]
        if rates:
            offer.unit_rate = self.money(rates[0])
        thresholds = [f for f in self.figs if f.role == "threshold"]
        if thresholds:
            offer.min_threshold = self.money(thresholds[0])
        offer.period = self.period(offer, anchor)  # type: ignore[assignment]
        offer.condition, rc = self.condition(anchor.start)
        scope = rc or self.group
        offer.categories = self.concepts("category", scope.start, scope.end)
        if rc is None and self.clauses and self.clauses[0].end <= anchor.start:
            rc = self.clauses[0]  # 省级企业技术中心，给予最高50万元: the leading noun phrase
        if rc is not None:
            levels = levels_in(self.vocab, self.view, rc.start, rc.end)
            if levels:
                offer.recognition_level = levels[0][1]  # type: ignore[assignment]
        used = [anchor, *caps[:1], *floors[:1], *rates[:1], *thresholds[:1], *self.shares[:1],
                *self.matching[:1], *self.quotas[:1]]
        offer.span = self.narrow(used, rc)
        return [offer]

    def narrow(self, used: list[Fig], rc: Segment | None) -> Span:
        """The offer's own clauses: from its recipient clause (or first figure's clause) to the
        clause of its last figure, within the group — the evidence, not the whole sentence."""
        clauses = [self.clause_of(f.start) for f in used if self.group.start <= f.start < self.group.end]
        if rc is not None:
            clauses.append(rc)
        if not clauses:
            return self.span_of(self.group.start, self.group.end)
        s = max(self.group.start, min(c.start for c in clauses))
        e = min(self.group.end, max(c.end for c in clauses))
        instrument = self.instrument(used[0].end)  # keep the instrument word the offer names
        if instrument is not None and self.group.start <= instrument.start < s:
            s = self.clause_of(instrument.start).start
        return self.span_of(s, e)

    def tier_offers(self, tiers: list[Fig]) -> list[Offer]:
        n = len(tiers)
        idx = tier_cue(self.view, self.group.start, self.group.end)
        region_end = idx  # what is enumerated before the cue, in its own clause too
        thresholds = [f for f in self.figs if f.role == "threshold"]
        threshold_run = _runs(self.figs, thresholds, n)
        levels = levels_in(self.vocab, self.view, self.group.start, region_end)
        if len(levels) != n and region_end > self.group.start:
            prev = self.clause_of(region_end - 1)
            levels = levels_in(self.vocab, self.view, prev.start, prev.end)
        cats = self.concepts("category", self.group.start, region_end)
        shared_caps = [f for f in self.figs if f.role in ("per_recipient_cap", "cap") and f not in tiers]
        out = []
        for i, t in enumerate(tiers):
            offer = self.base_offer(t)
            if t.role in ("cap", "per_recipient_cap"):
                offer.max_amount = self.money(t)
            elif t.role == "unit_rate":
                offer.unit_rate = self.money(t)
                if shared_caps:
                    offer.max_amount = self.money(shared_caps[0])
            elif t.role == "total_budget":
                offer.total_budget = self.money(t)
            if threshold_run:
                offer.min_threshold = self.money(threshold_run[i])
            elif len(thresholds) == 1:
                offer.min_threshold = self.money(thresholds[0])
            if len(levels) == n:
                offer.recognition_level = levels[i][1]  # type: ignore[assignment]
            elif len(cats) == n:
                offer.categories = [cats[i]]
            if not offer.categories and len(cats) != n:
                offer.categories = [c for c in cats]
            offer.period = self.period(offer, t)  # type: ignore[assignment]
            offer.condition, _ = self.condition(t.start)
            out.append(offer)
        return out


_TIER_CUE = re.compile(r"分别|分档|分级|依次|按档|分类")


def tier_cue(view: str, start: int, end: int) -> int:
    """Where ``分别/分档/分级/依次`` announces tiers in ``view[start:end]``, else -1."""
    m = _TIER_CUE.search(view, start, end)
    return m.start() if m else -1


def offer_pos(ctx: _GroupContext, m: Money) -> int:
    """View position of an offer's money figure (found again among the group's figures)."""
    for f in ctx.figs:
        if ctx.span_of(f.start, f.end) == m.span:
            return f.start
    return ctx.group.start


def _runs(figs: list[Fig], chosen: list[Fig], n: int) -> list[Fig]:
    """A run of exactly ``n`` figures joined by 、 among ``chosen``, or []."""
    for head in chosen:
        if head.enum_head is not None:
            continue
        run = [head] + [f for f in chosen if f.enum_head is head]
        if len(run) == n:
            return run
    return []
