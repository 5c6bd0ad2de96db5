"""What a measure supports: which sector and theme words count as its subjects.

A vocabulary word in a measure is a subject only when the measure supports it. Two rules keep
the words that do not (view offsets, simplified text):

- **Exclusions and negations** are masked: ``（不包括存储、网络、安全等服务）``, ``不含…``,
  ``除…外``, ``不属于…``, ``不支持…``, ``不得用于…``, ``严禁/禁止…`` — from the cue to the end of
  its clause (or of its parentheses).
- **Short ambiguous words** (``安全``, ``教育``, ``工业``, ``金融``…: a sector's bare two-character
  name that is common inside other words) count only in a sector context: listed with other sectors
  (``在教育、医疗、交通等领域``), followed by 领域/行业/产业/场景/应用/企业/业/+, after 赋能/
  面向/聚焦/服务于, or quoted (“教育+”). Inside a compound they are not subjects:
  ``子女教育`` is no education policy, ``数据安全`` no security sector.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Match

_EXCLUSION = re.compile(
    r"不适用于|不包括|不包含|不含|除[^，。；]{1,40}?(?:以外|之外|外)|不属于|不支持|不予支持|不予|不得用于|不得|"
    r"严禁|禁止|排除|以外的|不纳入|不在[^，。；]{0,10}范围"
)
_EXCLUDED_BEFORE = re.compile(r"不在[^，。；]{0,10}?范围|除外|不予支持|不予补助|不予资助|不纳入[^，。；]{0,10}"
                               r"|不适用(?!于)")
# a cue that opens its clause (…金融类项目的，不适用本政策) excludes the clause before it too
_CUE_OPENS_CLAUSE = 2
_CLAUSE_END = re.compile(r"[，。；：,;\n）)]")
_CONTEXT_AFTER = re.compile(
    r"\s*(?:等)?\s*(?:领域|行业|产业|场景|应用|企业|赛道|板块|数据|业|\+|＋|”|\"|方向|类)"
    r"|[\u4e00-\u9fff]{1,2}(?:场景|数据|领域|行业|产业)")  # 工业示范场景, 工业数据
_EVENT_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:大赛|竞赛|比赛|杯赛)")
_CONTEXT_BEFORE = re.compile(r"(?:赋能|面向|聚焦|服务于|服务|围绕|拓展至|拓展|深耕|布局|“|\")\s*$")
_AMBIGUOUS_MAX = 2  # words of up to this length need a sector context…
# …when they are this common inside other words (芯片, 电商, 文旅 are sectors wherever they stand)
_AMBIGUOUS = frozenset({"交通", "养老", "医疗", "医药", "司法", "媒体", "安全", "工业", "应急",
                        "教育", "民政", "能源", "金融", "环保", "农业", "制造"})
_LISTED_WITH_DOMAINS = re.compile(
    r"[\u4e00-\u9fff]{0,2}(?:、[^，。；：]{0,30}?)?等(?:领域|行业|产业|场景)(?!主管|管理|部门)")
_OFFICE_AFTER = re.compile(r"[处科室司](?![\u4e00-\u9fff])")  # …服务业处，: an office
_STATISTICAL_BEFORE = re.compile(r"(?:规上|规模以上|限上)$")
_PERSON_BEFORE = re.compile(r"(?:子女|职工|员工|人才|家属|随迁|本人|配偶)$")
_SAFETY_OF_BEFORE = re.compile(r"(?:矿山|生产|食品|药品|消防|施工|作业)$")
_BENEFIT_AFTER = re.compile(r"(?:保障|保险|费用|待遇|补贴|救助|资源)")
# services that are a sector by name, wherever they stand (养老服务综合体, 居家社区养老服务发展)
_SERVICE_SECTORS = frozenset({"养老服务"})
_PROVIDED = re.compile(r"(?:提供|开展|给予|加强|优化|完善)[^，。；]{0,20}$")
_TITLE = re.compile(r"《[^《》\n]{1,120}》")
_RATE_OF = re.compile(r"(?:支持|补助|补贴|奖励|扶持|资助|收费|计费|发放|兑现)$")


def exclusion_masks(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """View extents of exclusion and negation scopes in ``view[start:end]``."""
    out = []
    for m in _EXCLUDED_BEFORE.finditer(view, start, end):  # 房地产、金融类项目不在支持范围
        clause_start = max(view.rfind(c, start, m.start()) for c in "，。；：\n") + 1
        if m.start() - clause_start <= _CUE_OPENS_CLAUSE and view[clause_start - 1 : clause_start] == "，":
            clause_start = max(view.rfind(c, start, clause_start - 1) for c in "，。；：\n") + 1
        out.append((max(start, clause_start), m.end()))
    for m in _EXCLUSION.finditer(view, start, end):
        if view[m.start() - 1 : m.start()] in ("（", "("):
            close = min((i for i in (view.find("）", m.end(), end), view.find(")", m.end(), end))
                         if i >= 0), default=-1)
            if close >= 0:
                out.append((m.start(), close))
                continue
        stop = _CLAUSE_END.search(view, m.end(), end)
        out.append((m.start(), stop.start() if stop else end))
    return out


_SENTENCE = re.compile(r"[^。；\n]+")
_PENALTY = re.compile(r"罚款|罚金|没收|违法所得|吊销|责令")


def penalty_masks(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences that fine or punish (处…罚款, 没收违法所得): what they name is not supported."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(view, start, end)
            if _PENALTY.search(m.group(0))]


def title_masks(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """View extents of 《…》 titles of other documents: their words are not the measure's subjects."""
    return [(m.start(), m.end()) for m in _TITLE.finditer(view, start, end)]


def inside_event_name(view: str, m: Match) -> bool:
    """``中小企业创新创业大赛``: a word that is part of a competition's name is not a subject."""
    found = _EVENT_AFTER.match(view, m.end)
    return bool(found) and not re.search(r"参加|参与|举办|组织|支持|鼓励", found.group(0))


_PLACE_BEFORE_OUTSIDE = re.compile(r"[区市省县镇园域]$")


def split_word(view: str, m: Match) -> bool:
    """A match whose first character belongs to the word before it: 区外企业 (enterprises from
    outside the district) holds 外企 but names no foreign-funded enterprise."""
    return m.surface.startswith("外") and bool(
        _PLACE_BEFORE_OUTSIDE.search(view, max(0, m.start - 1), m.start))


def compound(view: str, m: Match) -> bool:
    """A short sector word inside a compound about people or benefits: 子女教育, 医疗保障;
    a statistical term (规上工业企业); an office's name (软件和信息服务业处)."""
    if _OFFICE_AFTER.match(view, m.end) or _STATISTICAL_BEFORE.search(view, max(0, m.start - 4),
                                                                       m.start):
        return True
    if len(m.surface) > _AMBIGUOUS_MAX:
        return False
    if m.surface == "安全" and _SAFETY_OF_BEFORE.search(view, max(0, m.start - 2), m.start):
        return True  # 矿山安全应急, 生产安全: the safety of a workplace, no security sector
    return bool(_PERSON_BEFORE.search(view, max(0, m.start - 3), m.start)
                or _BENEFIT_AFTER.match(view, m.end))


_INCLUDED_BEFORE = re.compile(r"[（(]\s*(?:含|包括|包含)[^（）()]{0,20}$")
_EQUIPMENT_BEFORE = re.compile(r"(?:设备|硬件|装备)(?:和|及|与|、)$")
# 对企业购买工业软件和云服务的，按实际支出的30%: what the enterprise spends on
# …购买工业软件, 采购数字化诊断、工业软件等服务 (one of a list of things bought); not 采购首版次
# 工业软件, where the software promoted is named with its qualifier
_BOUGHT_BEFORE = re.compile(r"(?:购买|采购|购置|租用|订阅)(?:[^，。；、]{1,10}、)?$")
_COST_AFTER = re.compile(r"[^，。；]{0,4}?(?:投资|购置|采购|费用|支出|投入)")


_SHARE_BASE_BEFORE = re.compile(r"按(?:照)?$")
_SHARE_BASE_AFTER = re.compile(r"(?:投资额|投资总额|购置额|购置费用?|购置金额|采购额|采购金额)的")


def cost_item(view: str, m: Match) -> bool:
    """The cost base of a share (``按智能装备投资额的15%``), or software bought as part of a project's cost (``设备（含工业软件）投资额``, ``按设备和工业软件
    投资额的15%``) or bought by the recipient (``购买工业软件和云服务的``): what the money is
    spent on, not the field the measure supports."""
    if (_SHARE_BASE_BEFORE.search(view, max(0, m.start - 3), m.start)
            and _SHARE_BASE_AFTER.match(view, m.end)):
        return True  # 按智能装备投资额的15%: the equipment is the cost base of a share
    if not m.surface.endswith("软件"):
        return False
    return bool(_INCLUDED_BEFORE.search(view, max(0, m.start - 22), m.start)
                or _BOUGHT_BEFORE.search(view, max(0, m.start - 16), m.start)
                or _EQUIPMENT_BEFORE.search(view, max(0, m.start - 3), m.start)
                and _COST_AFTER.match(view, m.end))


def facility(view: str, m: Match) -> bool:
    """Storage built as a facility of another project (``智算中心配套建设新型储能设施``): an
    installation, not the energy field the measure supports (``用户侧储能项目`` is); so is storage
    as a project's complement (``储能配套``)."""
    return m.surface.endswith("储能") and view.startswith(("设施", "配套"), m.end)


def in_context(view: str, m: Match, others: list[Match]) -> bool:
    """True when a sector word ``m`` stands as a sector, not inside a compound; only short
    words (≤ 2 characters) and service words (金融服务, often the means of support) need the
    context, and a service provided (提供…金融服务) is never a sector."""
    if m.surface.endswith("服务") and _PROVIDED.search(view, max(0, m.start - 24), m.start):
        return False  # 提供…金融服务: the means of support, not a sector it targets
    if m.surface == "标准" and _RATE_OF.search(view, max(0, m.start - 2), m.start):
        return False  # 支持标准, 补贴标准: the rate of the support, no standard-setting
    if compound(view, m) or cost_item(view, m) or facility(view, m):
        return False
    if (len(m.surface) > _AMBIGUOUS_MAX or m.surface not in _AMBIGUOUS) and (
            not m.surface.endswith("服务") or m.surface in _SERVICE_SECTORS):
        return not compound(view, m)
    if _CONTEXT_AFTER.match(view, m.end) or _CONTEXT_BEFORE.search(view, max(0, m.start - 6),
                                                                     m.start):
        return True
    if _LISTED_WITH_DOMAINS.match(view, m.end):
        return True  # 用于农业生产、文化旅游等领域: one of a list of domains (养老康复等场景)
    # listed with other sectors: 教育、医疗、交通 (a neighbour joined by 、 or 和/与/及)
    for o in others:
        if o is m:
            continue
        gap = view[o.end : m.start] if o.end <= m.start else view[m.end : o.start]
        if o.start == m.end or (len(gap) <= 2 and re.fullmatch(r"[、，和与及/]|和|与|及", gap or "x")):
            return True  # listed with other sectors, or naming one (养老服务机器人)
    return False
