"""The role a figure plays in its clause: money (cap, threshold, budget, rate, penalty…),
percentages and ratios (cost share, matching), counts (quotas).

Small, separate rules over the clause text before a figure and right after it (DESIGN §3):

- money: ``penalty`` (a fine's clause) → ``unit_step`` (``每增长X``) → budgets however worded
  (``安排不少于3亿元专项资金``) → ``threshold`` (``超/达到X``, ``X以上``, only with talk of
  support) → ``total_budget`` (``总资金``, ``发放…X…券``) → ``unit_rate`` (after a unit step, or
  per unit: ``200元/亩``, ``按每头奶牛2000元的标准``) → ``per_recipient_cap``
  (``单个/每家/每项…``) → ``cap`` (``最高/不超过/上限``, or a sum given as ``给予X奖励``) →
  otherwise ``other``. Figures joined by ``、`` share the first one's role; the lower end of a
  range is ``min_amount``. Unknown phrasing ends in ``other``, never in a wrong cap.
- percentages and ratios: see :mod:`loaders.share_roles`.
- counts: a quota with ``不超过/最多/以内`` or a selection (``每年遴选10家``), never a target.
"""

from __future__ import annotations

import re

from .segments import Fig, Segment

# ---------------------------------------------------------------- grammar (structural cues)

_ENUM_GAP = re.compile(r"^\s*、\s*$")
_RANGE_GAP = re.compile(r"^\s*(?:至|到|-|—|–|~|～)\s*$")
_BUDGET_VERB = re.compile(r"安排|设立|统筹|投入|筹集")
_BUDGET_TAIL = re.compile(r"(?:财政|财力|预算)?[^，。；]{0,8}?(?:每年|年度|连续\S{1,3}年)?(?:统筹)?(?:安排|筹集|投入)(?:[^，。；]{0,24}?(?:专项资金|资金|经费|额度|券)(?:概算|预算|总额)?)?\s*(?:不少于|不低于|不超过|最高|约|共计|合计)?\s*$"
    r"|(?:基金|资金|^\s*(?:每年|年度|全年))(?:总)?规模\s*(?:为|达|达到|不少于|不低于)?\s*$"
    r"|财政[^，。；]{0,4}?出资\s*$")  # 市级财政出资10亿元设立…基金: the government's own money
# 其中算力券3000万元: a part of the budget before it; 三年共3亿元: its sum over the years
_SUB_BUDGET = re.compile(r"其中[^，。；]{0,20}$|^\s*[\d一二三四五六七八九十两]{1,2}\s*年(?:累计|合计|总计|共计|共)(?:安排)?\s*$")
_BUDGET_END = re.compile(r"\s*(?:[，。；,;]|$|用于|专项|作为|支持|扶持|推动|促进|设立|设置|建立|组建)")
_BUDGET_AFTER = re.compile(
    r"^\s*(?:的)?\s*[^，。；]{0,14}?(?:专项资金|专项经费|财政资金|扶持资金|资金|经费|产业基金|基金)"
    r"|^\s*(?:的)?\s*[^，。；的]{0,8}?券")  # 每年安排3000万元数据券: the vouchers' budget
_UNIT_STEP_TAIL = re.compile(
    r"每(?:增长|增加|新增|提高|提升|超出|超过|多)\s*$"
    r"|(?:收入|额|费用?|投资|金额|贷款|营收)\s*(?:每|每达到|每满)\s*$")  # 按服务收入每1万元给予300元
_THRESHOLD_TAIL = re.compile(
    r"(?:(?<!不)(?<!可)(?:超过|超出|超|达到|达|逾|突破|满|高于|大于)|不低于|不少于|累计达)\s*$"
)
_BAND_AFTER = re.compile(r"\s*(?:（含）|\(含\))?\s*(?:以内|以下)?\s*的")
# a revised standard: 由1000万元提高至2000万元 (the old figure is no fact)
CHANGED_TO = r"(?:提高|扩大|调整|增加|上调|下调|降低|减少|压减|提升|放宽)(?:至|为|到)"
_OLD_TO_NEW = re.compile(r"由\s*[\d.,，]+\s*(?:万元|亿元|千元|元|%|％)\s*" + CHANGED_TO + r"\s*$")
# 不足100万元的，不予支持: a figure the applicant must reach, stated by refusing those below it
_BELOW_TAIL = re.compile(r"(?:不足|低于|未达到|未达|少于)\s*$")
_REFUSED_AFTER = re.compile(r"\s*(?:（含）|\(含\))?\s*的?\s*[，,]?\s*(?:原则上)?(?:不予|不再|不)(?:支持|补助|补贴|奖励|受理|享受|资助)")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:及|或)?以上")
_CAP_WORDS = re.compile(r"最高|不超过|不高于|上限|至多|最多|封顶|不多于")
_TOTAL_WORDS = re.compile(r"总额|总资金|总金额|总规模|总额度|总预算|总投入|资金总量|资金总额|合计|共计|总计")
_PER_RECIPIENT = re.compile(r"同一(?:企业|项目|单位|主体|经营主体|市场主体|机构|用户|客户|申请人|申报主体|法人|园区|平台)|单个|单家|单项(?!冠军)|单户|单笔|单一|单台|单套|单条|单座|单艘|单张|单次|每张|每家|每个|每项|每户|每人|每名|每条|每款|每套|每台|每所|每支|每场|每届|每期|每艘|每架")
_GIVING = re.compile(r"给予|奖励|资助|补贴|补助|扶持|支持|奖补|一次性|贴息")
_GIVING_AFTER = re.compile(  # …X元给予职业培训补贴: a few words may name the subsidy after 给予
    r"^\s*(?:的)?\s*(?:给予[\u4e00-\u9fff]{0,8}?)?\s*(?:一次性)?\s*(?:资金)?\s*"
    r"(?:奖励|资助|补贴|补助|支持|扶持|奖补|经费)")
# 按国家奖励金额的2倍给予配套 / 1:1配套 / 给予1∶0.5配套
_CN_SMALL = "一二三四五"
_MULTIPLE_OF = re.compile(r"按(?:照)?[^，。；]{1,30}?的\s*(?:\d+(?:\.\d+)?|[一二三四五]|半)\s*倍$")
_MULTIPLE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?|[一二三四五]|半)\s*倍")
_OFFER_VERB = re.compile(r"给予|发放|设立|提供|予以|加大|安排|实施")
_RECIPIENT = re.compile(r"^\s*(?:对于|对)")
_CONDITIONAL = re.compile(r"的\s*[，,]?\s*$")  # 获批为国家级制造业创新中心的，…
_ISSUED_VOUCHER = re.compile(r"(?:发放|发行|投放|申领)\s*[“\"]?\s*$")
_PER_YEAR_CAP = re.compile(r"年(?:补贴|补助|奖励|资助|支持)?(?:上限|最高)")
_TARGET = re.compile(r"到20\d\d年|力争|目标|预计|规模(?:达到|突破|超过)")
_SUPPORT_TALK = re.compile(r"一事一议|申报|申请|给予|奖励|补贴|补助|资助|扶持|奖补|券|配套|贴息|补偿|支持|享受|保障|优先|鼓励|认定|纳入|培育|评选")
# what an enterprise's size is measured by: 年营业收入达到5000万元以上的企业 is a condition of
# eligibility even where its sentence names no support (a 认定范围 item)
_SCALE_METRIC = re.compile(r"营业收入|营收|主营业务收入|销售收入|销售额|产值|营业额|纳税额|税收贡献|研发投入|研发费用|融资|投资额"
                           r"|(?:服务|采购|租用|交易)?合同(?:金)?额|(?:采购|交易)(?:金)?额|亩均税收|亩均产值"
                           r"|(?:项目|总|固定资产|设备|实际|数字化|智能化|信息化|技改|软硬件)(?:投入|投资)"
                           r"|(?:注册|实缴|实收)资本|资产总额|净资产"
                           r"|单(?:台|套|件)(?:设备|产品)?(?:价格|售价|单价)")  # 单台价格不低于10万元: what is bought
# 数字化投入不低于200万元: the size of what an applicant spends, no budget of the government
_METRIC_BOUND = re.compile(rf"(?:{_SCALE_METRIC.pattern})\s*(?:不低于|不少于|达到|超过|在)?\s*$")
# 营业收入不低于1000万元且不超过4亿元: the upper bound of a condition, no cap
_UPPER_BOUND_GAP = re.compile(r"\s*(?:以上)?\s*[，,、]?\s*(?:且|并且|但|同时)\s*(?:不超过|不高于|低于|在)\s*$")
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
              r"车辆|车(?![间位库站型])|辆|艘|线路|座|头|台|套|人次|人|名|户|床|张|课时)")
# units that count the recipients themselves: 每人最高 caps what one person gets
_RECIPIENT_UNITS = frozenset({"人", "名", "户", "人次"})
_SHARE_BEFORE = re.compile(r"\d\s*[%％]|百分之|[一二三四五六七八九]成")
_MEASURE_WORD = r"(?:[个条辆台架头只家名位](?=[\u4e00-\u9fff]))?"
_TIME_UNIT = r"(?:月|天|日|次|小时)"  # 每年 is a period (PerYear), never the unit of a rate
_PER_UNIT_AFTER = re.compile(
    rf"^\s*(?:/|／|每)\s*((?:{_RATE_UNIT}|{_TIME_UNIT})(?:\s*[·/／]?\s*(?:每)?\s*(?:月|年|天|日|次))?)")
_PER_UNIT_BEFORE = re.compile(  # 每条常态化航线, 每飞行小时: a few words may qualify the unit
    rf"每\s*{_MEASURE_WORD}(?:[\u4e00-\u9fff]{{1,4}}?(?=航线|小时|架次|班次|车))?"
    rf"({_RATE_UNIT}|小时|课时|学时|工时)(?:[\u4e00-\u9fff]{{1,4}}?(?=每))?(?:\s*每\s*(月|年|天|日|次|小时))?"
    r"[^，。；每]{0,12}$")  # 每座电站每年最高: the item named after its measure word
# 按每家被服务企业2万元的标准, 按每培训合格1人800元给予补贴: a rate by its standard
_RATE_STANDARD_BEFORE = re.compile(
    r"按(?:照)?\s*每\s*(?:[\u4e00-\u9fff]{1,4}?[一1]\s*(?=[\u4e00-\u9fff]))?"  # 每采集1小时…
    r"([^，。；每\d]{1,8}?)(?:\s*每\s*(月|年|天|日|次|小时))?\s*$")
# 每培训1名学员, 每上云1台（套）设备: any verb before "one" and a measure word is an item done
_ONE_ITEM = (r"[\u4e00-\u9fff]{1,4}?[一1]\s*[个家项条台套名款架件位户人]"
             r"(?:\s*[（(][个家项条台套名款架件位户人][)）])?")  # 每培训合格1名（人）
_PER_ITEM_DONE = re.compile(
    rf"每(?:(?:完成|建成|引进|认定|新增|开通|服务|培育|挂牌|上架|落地|招引)[一1]?[个家项条台套名款]?|{_ONE_ITEM})"
    r"([\u4e00-\u9fff]{1,6}?)\s*(?:给予|奖励|补贴|补助)?\s*$")
_PER_ITEM_SERVED_DONE = re.compile(
    r"每(?:服务|帮助|带动|支持|培训)[一1]?[个家项条台套名]([\u4e00-\u9fff]{1,4}?)(?:完成|实现|通过|开展)"
    r"[^，。；]{1,14}?(?:给予|奖励|补贴|补助)\s*$")
_UNIT_EACH = re.compile(r"按\s*([\u4e00-\u9fff]{1,6}?)\s*每[个台套艘辆]\s*(?:给予|补助|奖励|补贴)?\s*$")
_RATE_STANDARD_AFTER = re.compile(r"\s*的?\s*标准")


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


def per_unit(segment_before: str, after: str, clause_before: str,
             sentence_before: str = "") -> str | None:
    """The unit a rate is paid per (``200元/亩`` → 亩, ``每平方米每月10元`` → 平方米·月), else None.

    A figure per recipient under a cap word (``每人最高50万元``) is a per-recipient cap; per
    anything else a recipient may hold several of (``每条航线每年最高20万元``, ``每车每年不超过
    10万元``) it is a rate with its ceiling, unless a share of a cost comes before it in the
    sentence (``sentence_before``: ``按购置价格的30%给予补贴，每台最高1万元`` caps the share).
    """
    m = _PER_UNIT_AFTER.match(after)
    if m:
        return re.sub(r"[\s/／每]+", "·", m.group(1)).strip("·")
    m = _RATE_STANDARD_BEFORE.search(segment_before)
    if m and (_RATE_STANDARD_AFTER.match(after) or _GIVING_AFTER.match(after)):
        # 按每头奶牛2000元的标准, 按每小时有效数据100元给予奖励, 按照每P每月800元的标准
        return m.group(1) + (f"·{m.group(2)}" if m.group(2) else "")
    m = _PER_ITEM_DONE.search(segment_before)
    if m and not _CAP_WORDS.search(segment_before):
        return m.group(1)  # 每完成一个诊断项目给予2万元
    m = _PER_ITEM_SERVED_DONE.search(segment_before)
    if m and not _CAP_WORDS.search(segment_before):
        return m.group(1)  # 每服务一家企业完成数字化改造给予2万元
    m = _UNIT_EACH.search(segment_before)  # 按泊位每个给予5万元补助
    if m and not _CAP_WORDS.search(segment_before):
        return m.group(1)
    m = _PER_UNIT_BEFORE.search(clause_before)
    if m:
        unit = m.group(1)
        if _CAP_WORDS.search(segment_before) and (
                unit in _RECIPIENT_UNITS or _SHARE_BEFORE.search(sentence_before)):
            # 每人每年最高50万元: a cap per recipient; 按价格的30%补贴，每台最高1万元: the
            # ceiling of a share (每条航线每年最高20万元, with no share, is a rate)
            return None
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


_BUDGET_TALK = re.compile(r"安排[^，。；]{0,16}?(?:资金|经费)|专项资金")


def is_target(sentence: str) -> bool:
    """``到2027年，产业规模突破5000亿元``: a goal, not a funding rule (no funding word at all)."""
    return (bool(_TARGET.search(sentence)) and not _FUNDING_TALK.search(sentence)
            and not _BUDGET_TALK.search(sentence))  # …覆盖率达到85%，市级财政每年安排5000万元专项资金


def classify_money(view: str, figs: list[Fig], clauses: list[Segment]) -> None:
    """Set ``role`` (and ``enum_head``) on every money figure of one sentence, in place."""
    for i, f in enumerate(figs):
        clause = clauses[f.clause]
        prev = figs[i - 1] if i > 0 else None
        if prev is not None and _RANGE_GAP.match(view[prev.end : f.start]):
            # 100万元至500万元: the upper end carries the role, the lower end is only a bound
            f.role = prev.role
            prev.role = "min_amount" if prev.role in _FUNDING_ROLES else prev.role
            if f.role != "penalty" and _BAND_AFTER.match(view, f.end) and not PENALTY_WORDS.search(
                    view, f.end, clauses[-1].end):
                # 500万元至1亿元（含）的，补助8%: a band of eligibility, its lower end the floor
                # (unless the sentence stated that floor already: 投资5000万元以上的，…5000万元至…)
                stated = any(g.role == "threshold" and g.value == prev.value for g in figs[: i - 1])
                prev.role, f.role = ("other" if stated else "threshold"), "other"
            continue
        if (prev is not None and prev.role == "threshold" and prev.clause == f.clause
                and _UPPER_BOUND_GAP.match(view[prev.end : f.start])):
            f.role = "other"
            continue
        if prev is not None and _ENUM_GAP.match(view[prev.end : f.start]):
            f.role = prev.role
            f.enum_head = prev.enum_head if prev.enum_head is not None else prev
            continue
        seg_start = clause.start
        if prev is not None and prev.clause == f.clause:
            seg_start = prev.end
        # 额度由1000万元提高至|2000万元: the new figure takes the role the old one had
        segment = _OLD_TO_NEW.sub("", view[seg_start : f.start])
        clause_before = _OLD_TO_NEW.sub("", view[clause.start : f.start])
        after = view[f.end : clause.end]
        sentence_text = view[sentences_start(clauses) : clauses[-1].end]
        if is_penalty(view[clause.start : clause.end], sentence_text):
            f.role = "penalty"
        elif PENALTY_WORDS.search(sentence_text) and not _GIVING_ONLY.search(
                view[clause.start : clause.end]):
            f.role = "other"  # 违法经营额一万元以上的，并处…罚款: a condition of the fine
        elif is_target(view[sentences_start(clauses) : clause.end]):
            f.role = "other"  # a goal stated before or in the figure's clause, not one after it
        elif is_unit_step(segment):
            f.role = "unit_step"
        elif ((_BUDGET_VERB.search(clause_before) and _BUDGET_AFTER.match(after)) or (
                _BUDGET_TAIL.search(clause_before) and _BUDGET_END.match(after))) and not (
                _METRIC_BOUND.search(clause_before)):
            f.role = "total_budget"  # 每年安排不少于3亿元专项资金: a budget, however worded
        elif _SUB_BUDGET.search(clause_before) and prev is not None and (
                prev.role == "total_budget" or prev.enum_head is not None
                and prev.enum_head.role == "total_budget"):
            f.role = "total_budget"  # 发放总额5000万元，其中算力券3000万元: a part of the budget
        elif _BELOW_TAIL.search(segment) and _REFUSED_AFTER.match(view, f.end):
            f.role = "threshold"  # 销售收入不足100万元的，不予支持: the floor of eligibility
        elif is_threshold(segment, after):
            # a condition of eligibility for support; 一次维修费用超过1000元的 in a rule is none
            f.role = ("threshold" if _SUPPORT_TALK.search(sentence_text)
                      or _SCALE_METRIC.search(segment) else "other")
        elif is_total_budget(clause_before, after):
            f.role = "total_budget"
        elif (
            prev is not None
            and prev.role in ("unit_step", "unit_rate")
            and not _CAP_WORDS.search(segment)
            and not _PER_RECIPIENT.search(clause_before)
        ):
            f.role = "unit_rate"
        elif (per := per_unit(segment, after, clause_before,
                              view[sentences_start(clauses) : f.start])
               or _per_item_done_before(view, clauses, f, segment)) is not None:
            f.role = "unit_rate"
            f.per = per
        elif is_per_recipient(clause_before) and is_cap(segment, after):
            f.role = "per_recipient_cap"
        elif is_cap(segment, after):
            f.role = "cap"
        else:
            f.role = "other"
    _rates_under_a_cap(view, figs, clauses)
    _labelled_tiers(view, figs)
    _fine_ranges(view, figs)


# 单个企业每年最高200万元；对重点培育的大模型企业，每年最高500万元: a clause that is only the
# ceiling word goes on the per-recipient ceiling just before it
_GIVES_OWN = re.compile(_GIVING.pattern + r"|\d\s*[%％]")  # …按投资额的5%给予奖励，最高X: its own
_ELLIPTICAL_CAP = re.compile(r"^\s*(?:每年度?|年度)?\s*(?:最高|不超过|上限为?)\s*$")


def elliptical_caps(view: str, figs: list[Fig], clauses: dict[int, list[Segment]]) -> None:
    """A ceiling whose clause names no recipient (``，每年最高500万元``) in a sentence that gives
    nothing of its own (no giving word, no share), after a per-recipient ceiling, is one too: the recipient is the one named before.
    ``figs`` are a measure's sums in text order, ``clauses`` its clauses by sentence."""
    last: Fig | None = None
    for f in figs:
        if f.kind != "money":
            continue
        if f.role == "per_recipient_cap":
            last = f
        elif (f.role == "cap" and last is not None and f.sentence - last.sentence <= 1
              and _ELLIPTICAL_CAP.match(view[clauses[f.sentence][f.clause].start : f.start])
              and not _GIVES_OWN.search(view, clauses[f.sentence][0].start, f.start)):
            f.role = "per_recipient_cap"


_FINE_RANGE_GAP = re.compile(r"^\s*(?:（含）|\(含\))?\s*以上\s*$")


def _fine_ranges(view: str, figs: list[Fig]) -> None:
    """处五万元以上二十万元以下罚款: the fine is its maximum; the lower bound is no fact."""
    for prev, f in zip(figs, figs[1:], strict=False):
        if (prev.role == "penalty" and f.role == "penalty"
                and _FINE_RANGE_GAP.match(view[prev.end : f.start])):
            prev.role = "other"


# 按初级每人1000元、中级每人1500元…给予补贴: tiers, each sum after its own label
_TIER_GAP = re.compile(r"^\s*、\s*[\u4e00-\u9fff]{1,8}\s*$")


def _labelled_tiers(view: str, figs: list[Fig]) -> None:
    """Sums in one clause listed with a label each (``初级每人X元、中级每人Y元…给予补贴``) share
    the role the list ends with: the words that give it follow the last sum only."""
    run: list[Fig] = []
    for f in [*figs, None]:
        if f is not None and run and f.clause == run[-1].clause and _TIER_GAP.match(
                view[run[-1].end : f.start]):
            run.append(f)
            continue
        funding = [g.role for g in run if g.role in _FUNDING_ROLES]
        if len(run) >= 2 and funding:
            for g in run:
                if g.role == "other":
                    g.role = funding[-1]
        run = [f] if f is not None else []


# 对服务商每服务1家企业完成改造的，奖励1万元: the item is named in a clause before the sum
_PER_ITEM_DONE_CLAUSE = re.compile(
    r"每(?:完成|建成|引进|认定|新增|开通|服务|培育)[一1]?[个家项条台套名]([\u4e00-\u9fff]{1,6}?)"
    rf"[^，。；]{{0,20}}的$|每{_ONE_ITEM}([\u4e00-\u9fff]{{1,6}}?)[^，。；]{{0,20}}$")
_GIVING_ALONE = re.compile(r"^\s*(?:一次性)?\s*(?:给予|奖励|补贴|补助|资助)?\s*$")


def _per_item_done_before(view: str, clauses: list[Segment], f: Fig, segment: str) -> str | None:
    """The item of a rate named in the clause before the one that gives the sum, else None."""
    if f.clause == 0 or not _GIVING_ALONE.match(segment):
        return None
    prev = clauses[f.clause - 1]
    m = _PER_ITEM_DONE_CLAUSE.search(view[prev.start : prev.end].rstrip("，,"))
    return (m.group(1) or m.group(2)) if m else None


# 每个产品给予1万元: a sum per item, with no cap word of its own
_EACH_ITEM = re.compile(
    r"每\s*[个台套项件款张]?\s*([\u4e00-\u9fff]{1,6}?)\s*(?:可)?(?:一次性)?(?:给予|奖励|补贴|补助|资助)?\s*$")


def _rates_under_a_cap(view: str, figs: list[Fig], clauses: list[Segment]) -> None:
    """``每个产品给予1万元挂牌奖励，每家企业每年最高20万元``: a sum per item followed in its
    sentence by a cap per recipient is a rate per item, not a cap."""
    for i, f in enumerate(figs):
        if f.role != "cap" or f.enum_head is not None:
            continue
        clause = clauses[f.clause]
        segment = view[clause.start : f.start]
        m = _EACH_ITEM.search(segment)
        if not m or _CAP_WORDS.search(segment) or m.group(1) in ("家", "户", "人", "名"):
            continue
        if any(g.role == "per_recipient_cap" and g.clause > f.clause for g in figs[i + 1 :]):
            f.role = "unit_rate"
            f.per = m.group(1)

