"""Government bodies in an official document: names as written → the organisation they denote.

A name as written (``市发展改革委``, ``上海市第十五届人民代表大会常务委员会第二十六次会议``,
``區政府``) is resolved in four steps, each by rule, none by a list per document:

1. the session parts of a legislature's meeting (``第…届``, ``第…次会议``) are dropped;
2. a leading ``省``/``市``/``区``/``县`` is replaced by the issuing jurisdiction read from the
   issuers' full names (``广州市黄埔区工业和信息化局`` gives ``广州市`` and ``广州市黄埔区``; for
   ``区`` an administrative district is preferred over an economic zone);
3. the longest ending that is a standard department name or one of its short forms (the
   ``department-type`` vocabulary: ``发展改革委`` → ``发展和改革委员会``) is written out in full,
   so ``上海市发展改革委`` becomes ``上海市发展和改革委员会``;
4. the full name is looked up in the ``agency`` vocabulary for a concept; the jurisdiction is the
   concept's, else the most specific area of the vocabulary the name begins with.

Unknown bodies keep their name (with steps 1–3 applied), no concept, and the area read from it;
a district's government the vocabulary does not know (``香洲区人民政府``) lies in the city that
issues the document.

Why this module is longer than 400 lines: the four steps share the prefixes read from the
issuers and the area rules that complete a name; split apart, each would import the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..ontology.department_types import PARTY_PREFIX
from ..ontology.gazetteer import Gazetteer, Match, to_simplified
from .departments import ADMIN_SUFFIX as _ADMIN_SUFFIX
from .departments import misspelt_department, national_department, split_department
from .records import AgencyRef, Span

# Grammar: the endings a Chinese government body's name takes.
AGENCY_SUFFIX = (
    r"(?:(?:部|局|委|署)[\u4e00-\u9fff]{1,8}?司|"  # a department of a national body: 国家数据局综合司
    r"人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室|管委会|管理委员会|"
    r"人民代表大会|常务委员会|常委会|委员会|工作委员会|领导小组|局|厅|委|部|署|院|办|中心|总局|分局|监管局|"
    r"总队|支队|大队|分行|中心支行|支行|营业管理部|海关)"
)
_AGENCY_RE = re.compile(rf"^[\u4e00-\u9fff（）()·]{{2,40}}?{AGENCY_SUFFIX}$")
_ZONE_ENDINGS = ("开发区", "高新区", "新区", "园区", "试验区", "合作区", "保税区", "示范区")
# the zone words a development zone's documents put before its own bureaus (园区财政局,
# 开发区管委会办公室), read against the zone an issuer's name begins with
_ZONE_RELATIVE = ("新区", "园区", "开发区", "试验区", "合作区", "保税区", "示范区")
_NOT_PREFIX = ("市场", "区域", "省级", "市级", "区级", "县级", "市属", "省属", "区属", "县域", "县城",
               "市县", "区县", "省市", "市区", "州级", "州属", "州县", "州市")
_RELATIVE = ("省", "市", "区", "县", "州")
# a unit of a development zone written without the zone (经济发展局, 党群工作部 in the zone's own
# notice): no place, no national body, a bureau's ending
_ZONE = "开发区管委会"  # the key of the issuing zone in the prefixes (no place key can be it)
_BARE_UNIT = re.compile(r"^(?!国家|中国|中共|国务院|全国)[^省市区县州旗盟乡镇\s]{2,10}"
                        r"(?:局|部|办公室|委员会|中心)$")

# A legislature's meeting: 第十五届 (term) and 第二十六次会议 (session) are not part of the name.
_NUM = r"[0-9０-９一二三四五六七八九十百千零〇两]+"
_TERM = re.compile(rf"第{_NUM}届")
_MEETING = re.compile(rf"第{_NUM}次(?:常务|全体|主任)?会议.*$"
                      r"|(?:常务|全体|主任)会议(?:审议)?(?:通过|修正|修订|批准)?$")
_LEADING_DATE = re.compile(rf"^{_NUM}年{_NUM}月{_NUM}日")
# an abbreviation of a government office that does not say whether it is an 办公厅 or an 办公室
_OFFICE_ABBREVIATIONS = ("府办", "政府办")
# national bodies whose provincial branches are written with the short name of the body
NATIONAL_SHORT = (("人民银行", "中国人民银行"), ("金融监管总局", "国家金融监督管理总局"),
                   ("税务总局", "国家税务总局"))
# short names of development zones and the full names they stand for (成都高新区 = 成都高新技术产业开发区)
_MINISTRY_RELATIVE = re.compile(r"^部[\u4e00-\u9fff]{1,12}?(?:司|局|办公厅|中心)$")
_ZONE_SHORT = {"高新区": "高新技术产业开发区", "经开区": "经济技术开发区"}

SpanOf = Callable[[int, int], Span]


@dataclass(frozen=True, slots=True)
class Organisation:
    """What a name as written denotes: the full simplified name, the agency concept of the
    vocabulary (None: unresolved), the area concept it belongs to and its department type."""

    written: str
    name: str
    concept: str | None = None
    jurisdiction: str | None = None
    department_type: str | None = None

    @property
    def resolved(self) -> bool:
        return self.concept is not None


def looks_like_agency(name: str) -> bool:
    """True when ``name`` ends like a government body's name (政府, 局, 厅, 委员会, 管委会…)."""
    return bool(_AGENCY_RE.match(name) or _MINISTRY_RELATIVE.match(name))


def jurisdiction_prefixes(issuers: list[str], hints: Iterable[str] = (),
                          gaz: Gazetteer | None = None) -> dict[str, str]:
    """The prefixes ``省``/``市``/``区``/``县`` stand for, read from the issuers' full names; when
    the issuers are all written short (``市发展改革委``), from ``hints`` (the document number, the
    title): the area a hint begins with (``沪建…〔2022〕…号``, ``上海市…办法``) and its parents."""
    out = _prefixes_from_names(issuers)
    if gaz is not None:
        for hint in hints:
            for key, value in _prefixes_of_area(_leading_area(hint, gaz), gaz).items():
                out.setdefault(key, value)
    return out


def _leading_area(text: str, gaz: Gazetteer) -> str | None:
    """The area a text begins with (a full or short name of the vocabulary), or None."""
    text = re.sub(r"^[\s#《“\"（(]+", "", to_simplified(text or ""))
    found = [m for m in gaz.find_all(text[:20], "area") if m.start == 0]
    if not found or inside_longer_name(text, found[0]):
        return None
    return area_in_name(text[: found[0].end], gaz)


def _prefixes_of_area(area: str | None, gaz: Gazetteer) -> dict[str, str]:
    """``上海市奉贤区`` → ``{"区": "上海市奉贤区", "市": "上海市"}``: the area and its parents by
    the character their full names end with."""
    out: dict[str, str] = {}
    while area is not None:
        info = gaz.info(area)
        if info is None:
            break
        name = info.label("zh-Hans")
        key = "省" if name.endswith(("省", "自治区")) else name[-1]
        if key in _RELATIVE and info.link("areaLevel") != "country":
            out.setdefault(key, name)
        area = info.link("broader")
    return out


def _prefixes_from_names(issuers: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in issuers:
        for key in ("省", "市"):
            m = re.match(rf"^([\u4e00-\u9fff]{{1,10}}?{key})", name)
            if m and key not in out and len(m.group(1)) > 1:
                out[key] = m.group(1)
        m = re.match(r"^([\u4e00-\u9fff]{2,12}?自治州)", name)  # 州财政局 in a prefecture's notice
        if m and "州" not in out:
            out["州"] = m.group(1)
        for key in ("区", "县"):
            for m in re.finditer(key, name):
                prefix = name[: m.end()]
                if len(prefix) < 2 or prefix.endswith(_ZONE_ENDINGS):
                    continue
                out.setdefault(key, prefix)
                break
    for name in issuers:  # a ministry's own departments: 部运输服务司 in 交通运输部办公厅's notice
        m = re.match(r"^((?:中华人民共和国)?[\u4e00-\u9fff]{2,8}部)(?:办公厅)?$", name)
        if m and "部" not in out:
            out["部"] = m.group(1)
    if "区" not in out:  # only economic zones issued it: use the zone
        for name in issuers:
            m = re.match(r"^([\u4e00-\u9fff]{1,12}?区)", name)
            if m:
                out["区"] = m.group(1)
                break
    first = issuers[0] if issuers else ""
    m = re.match(r"^([\u4e00-\u9fff]{2,16}?(?:" + "|".join(_ZONE_ENDINGS) + r"))(?:管理委员会|管委会)$",
                 first)
    if m:  # a zone's own notice: its bureaus may be written bare (经济发展局)
        out[_ZONE] = m.group(1)
    for name in issuers:  # a zone's own short forms: 新区科技创新局, 园区财政局, 成都高新区财政金融局
        for ending in _ZONE_RELATIVE:
            m = re.match(rf"^([\u4e00-\u9fff]{{2,12}}?{ending})", name)
            if m and ending not in out:
                out[ending] = m.group(1)
        for short, full in _ZONE_SHORT.items():
            m = re.match(rf"^([\u4e00-\u9fff]{{1,8}}?){full}", name)
            if m and short not in out:
                out[short] = m.group(1) + full
    return out


def resolve_name(name: str, prefixes: dict[str, str]) -> str:
    """``区科技创新局`` → ``广州市黄埔区科技创新局`` when the issuer's district prefix is known;
    ``自治区财政厅`` → ``宁夏回族自治区财政厅`` in an autonomous region's document."""
    name = name.strip()
    if name.startswith("自治区") and prefixes.get("省", "").endswith("自治区"):
        return prefixes["省"] + name[3:]
    for ending in _ZONE_RELATIVE:  # 园区科技创新委员会 in the documents of 苏州工业园区
        if name.startswith(ending) and ending in prefixes and len(name) > len(ending):
            return prefixes[ending] + name[len(ending):]
    for short, full_zone in ((k, v) for k, v in prefixes.items() if k in _ZONE_SHORT):
        place = full_zone[: -len(_ZONE_SHORT[short])]
        for written in (place + short, short):
            if name.startswith(written) and not name.startswith(full_zone):
                return full_zone + name[len(written):]
    if _MINISTRY_RELATIVE.match(name) and "部" in prefixes:
        return prefixes["部"] + name[1:]
    if _is_relative(name) and name[0] in prefixes:
        return prefixes[name[0]] + name[1:]
    return name


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", to_simplified(text))


def _is_relative(name: str) -> bool:
    if len(name) > 2 and name[0] in _RELATIVE and name[1:].startswith("市场"):
        return True  # 省市场监管局, 区市场监督管理局: 省/区 + 市场…, not 省市 (province and city)
    return len(name) > 1 and name[0] in _RELATIVE and not name.startswith(_NOT_PREFIX)


def body_name(phrase: str) -> str:
    """The body a regulation header names: ``上海市第十五届人民代表大会常务委员会第二十六次会议``
    → ``上海市人民代表大会常务委员会``; a plain name is returned unchanged (simplified, no spaces)."""
    text = re.sub(r"\s+", "", to_simplified(phrase)).replace("(", "（").replace(")", "）")
    text = _LEADING_DATE.sub("", text)
    text = _TERM.sub("", text)
    stripped = _MEETING.sub("", text)
    text = stripped if len(stripped) >= 2 else text
    for short, full in NATIONAL_SHORT:
        if text.startswith(short) and len(text) > len(short):
            return full + text[len(short):]  # 人民银行浙江省分行 → 中国人民银行浙江省分行
    return text


_ORGAN_ENDINGS = ("人民政府办公厅", "人民政府办公室", "人民政府", "管理委员会办公室", "管理委员会",
                  "管委会", "人民代表大会常务委员会", "人民代表大会", "政府办公室", "政府")
_AREA_ENDING = re.compile(r"(?:新区|开发区|高新区|园区|示范区|试验区|合作区|片区|保税区|[省市区县州盟旗镇乡])$")


_CITY_BUREAU = re.compile(r"^(?!国家|中国|中央)([\u4e00-\u9fff]{1,6}?[市州盟](?!场))"
                          r"([^区县旗省市州]{2,12}(?:局|委员会|办公室|中心))$")
_DISTRICT_BUREAU = re.compile(r"^(.{2,}?[市州].{1,6}?[区县旗])([^区县旗省市州]{2,10}(?:局|委员会|办公室|中心))$")


def area_part(name: str, gaz: Gazetteer) -> str | None:
    """The area an organ's full name begins with (``南京市江宁区`` of ``南京市江宁区人民政府``,
    ``青岛西海岸新区`` of ``青岛西海岸新区管理委员会``), or None when the rest is no organ."""
    prefix = None
    for ending in _ORGAN_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            prefix = name[: -len(ending)]
            break
    if prefix is None:
        split = split_department(name, gaz)
        prefix = split[0] if split is not None else None
    if prefix is None and (m := _DISTRICT_BUREAU.match(name) or _CITY_BUREAU.match(name)):
        prefix = m.group(1)  # 佛山市顺德区经济促进局, 张家界市文化旅游广电体育局: a bureau of a kind
        # the vocabulary lacks, of a district or a city
    if not prefix or not _AREA_ENDING.search(prefix) or len(prefix) < 3:
        return None
    return prefix


def complete_area(name: str, gaz: Gazetteer, prefixes: dict[str, str] | None = None) -> str:
    """A name that begins with the short form of an area (``黄浦区发展和改革委员会``,
    ``闵行区七宝镇人民政府``) written out with the area's full name (``上海市黄浦区…``); a name
    already in full, not beginning with an area, or whose area lies outside the issuing
    jurisdiction (``朝阳区`` in a document of 长春市) is returned as it is."""
    found = gaz.find_all(name, "area")
    if not found or found[0].start != 0 or inside_longer_name(name, found[0]):
        return name
    info = gaz.info(found[0].concept)
    full = info.label("zh-Hans") if info else None
    surface = name[: found[0].end]
    if prefixes and not any(full and (p in full or full in p) for p in prefixes.values()):
        return name  # the area lies outside every place the document names
    if full and full != surface and full.endswith(surface):
        return full + name[found[0].end :]
    return name


def area_in_name(name: str, gaz: Gazetteer) -> str | None:
    """The most specific area of the vocabulary that ``name`` names, reading left to right: each
    area must lie within the ones before it (``长春市朝阳区`` is not Beijing's 朝阳区), and a short
    form followed by 区/县/市… is another area's name (``中山区`` is not 中山市)."""
    kept: list[str] = []
    for m in gaz.find_all(name, "area"):
        if inside_longer_name(name, m):
            continue
        ancestors = _ancestors(m.concept, gaz)
        if all(k in ancestors or k == m.concept for k in kept):
            kept.append(m.concept)
    return kept[-1] if kept else None


_PLACE_NAME_AT = re.compile(r"[\u4e00-\u9fff]{2,5}?[市州盟县区旗]")


def inside_longer_name(name: str, m: Match) -> bool:
    """A short form that begins another area's name: 中山区 is not 中山市, and the one-character
    form 鄂 (湖北) begins 鄂尔多斯市 and 赣 (江西) begins 赣州市."""
    after = name[m.end : m.end + 1]
    if bool(after) and after in _ADMIN_SUFFIX and m.surface[-1] not in _ADMIN_SUFFIX:
        return True
    return len(m.surface) == 1 and bool(_PLACE_NAME_AT.match(name, m.start))


def _ancestors(concept: str, gaz: Gazetteer) -> set[str]:
    out: set[str] = set()
    todo = [concept]
    while todo:
        info = gaz.info(todo.pop())
        if info is None:
            continue
        for key in ("broader", "within"):
            for parent in info.links.get(key, ()):
                if parent not in out:
                    out.add(parent)
                    todo.append(parent)
    return out


_RESOLVED: dict[tuple, Organisation] = {}  # (written, prefixes, gazetteer) → result; bounded


def resolve_organisation(written: str, prefixes: dict[str, str], gaz: Gazetteer | None) -> Organisation:
    """Cached :func:`_resolve_organisation` (a document names the same units over and over)."""
    key = (written, tuple(sorted(prefixes.items())), id(gaz))
    found = _RESOLVED.get(key)
    if found is None:
        if len(_RESOLVED) > 50_000:
            _RESOLVED.clear()
        found = _RESOLVED[key] = _resolve_organisation(written, prefixes, gaz)
    return found


def _resolve_organisation(written: str, prefixes: dict[str, str], gaz: Gazetteer | None) -> Organisation:
    """The organisation ``written`` denotes in a document issued under ``prefixes`` (see
    :func:`jurisdiction_prefixes`). Takes a name as written or a legislature's meeting phrase."""
    written = written.strip()
    short = body_name(written)
    resolved = resolve_name(short, prefixes)
    if gaz is None:
        return Organisation(written, resolved)
    resolved = complete_area(resolved, gaz, prefixes)
    resolved = _district_of_the_city(resolved, prefixes, gaz)
    if (_ZONE in prefixes and resolved == short and _BARE_UNIT.match(short)
            and gaz.lookup(short, "agency") is None):
        resolved = prefixes[_ZONE] + short  # 经济发展局 in a zone's notice: the zone's bureau
    concept = _vocabulary_agency(short, resolved, gaz)
    split = split_department(resolved, gaz) or misspelt_department(resolved, gaz)
    name = resolved
    dept = None
    if split is None and resolved.endswith("管委会"):  # 中国（南京）软件谷管委会: 管委会 is always
        name = resolved[: -len("管委会")] + "管理委员会"  # a 管理委员会, whatever names the zone
    if split is not None:
        prefix, ending, dept = split
        name = prefix + _standard_name(prefix, ending, dept, gaz)
        if name[len(prefix):].startswith("委") and prefix and not prefix.startswith(
                (PARTY_PREFIX, "中国共产党")):
            name = PARTY_PREFIX + name  # 绍兴市委网信办 → 中共绍兴市委网络安全和信息化委员会办公室
        if concept is None and not _is_relative(name):
            concept = gaz.lookup(name, "agency")
    if concept is not None:
        info = gaz.info(concept)
        name = info.label("zh-Hans") if info else name
        if dept is None and (found := split_department(name, gaz)) is not None:
            dept = found[2]
        return Organisation(written, name, concept, info.link("jurisdiction") if info else None,
                            dept)
    name = national_department(name, gaz) or name
    area_part = split[0] if split is not None and split[0] else name
    area = area_in_name(area_part, gaz) or _parent_body_area(name, gaz)
    return Organisation(written, name, None, area, dept)


_DISTRICT_GOVERNMENT = re.compile(
    r"^(?![省市区县州])(?!.*(?:新区|自治))[\u4e00-\u9fff]{1,4}[区县](?:人民政府办公室|人民政府|政府)$")


def _district_of_the_city(name: str, prefixes: dict[str, str], gaz: Gazetteer) -> str:
    """``香洲区人民政府`` in a document of 珠海市 → ``珠海市香洲区人民政府``: a district or county
    the vocabulary does not know, named in a city's document, lies in that city."""
    city = prefixes.get("市", "")
    if city.endswith("市") and _DISTRICT_GOVERNMENT.match(name) and not gaz.find_all(name, "area"):
        return city + name
    return name


def _parent_body_area(name: str, gaz: Gazetteer) -> str | None:
    """The jurisdiction of the body a unit's name begins with: ``工业和信息化部办公厅`` and
    ``科技部科技司`` belong to the nation as their ministry does; None when no known body leads."""
    leading = [m for m in gaz.find_all(name, "agency") if m.start == 0 and m.end < len(name)]
    if not leading:
        return None
    info = gaz.info(max(leading, key=lambda m: m.end).concept)
    return info.link("jurisdiction") if info else None


def _vocabulary_agency(short: str, resolved: str, gaz: Gazetteer) -> str | None:
    """The agency whose label is the name; a relative short form (``区工信局``) that is a hidden
    label of one body is accepted only inside that body's jurisdiction."""
    if resolved == short and _is_relative(short):
        return None  # 区政府 with no district known: not the one body whose hidden label it is
    concept = gaz.lookup(resolved, "agency")
    if concept is None and resolved != short:
        candidate = gaz.lookup(short, "agency")
        info = gaz.info(candidate) if candidate else None
        prefix = resolved[: len(resolved) - len(short) + 1]
        if info is not None and info.label("zh-Hans").startswith(prefix):
            concept = candidate
    return concept


def _standard_name(prefix: str, ending: str, dept: str, gaz: Gazetteer) -> str:
    """The standard department name for ``ending``. ``政府`` is a people's government (人民政府)
    only where the vocabulary knows the area as a mainland one (the special administrative
    regions' and Taiwan's are 政府); ``府办`` of a provincial-level area is its general office
    (办公厅), of any other area its office (办公室)."""
    info = gaz.info(dept)
    standard = info.label("zh-Hans") if info else ending
    if not standard.startswith("人民政府") or ending.startswith("人民政府") or not (
            "政府" in ending or "府办" in ending):
        return standard  # 国资委 → 人民政府国有资产监督管理委员会 wherever the area is
    area = area_in_name(prefix, gaz) if prefix else None
    area_info = gaz.info(area) if area else None
    if area_info is None or area_info.label("zh-Hans").endswith("特别行政区"):
        return ending
    if ending in _OFFICE_ABBREVIATIONS and area_info.link("areaLevel") == "province":
        return standard.replace("办公室", "办公厅")
    return standard


def agency_ref(
    name: str, span: Span, prefixes: dict[str, str], gaz: Gazetteer | None
) -> AgencyRef:
    """An :class:`AgencyRef` for a name as written: the full name, the concept when the
    vocabulary has it, the jurisdiction, and the written form (in the script of the original
    text, from ``span``) when it differs."""
    org = resolve_organisation(name, prefixes, gaz)
    written = org.written
    if _squeezed(span.text) == _squeezed(written):
        written = span.text.strip()
    written = written if written != org.name else None
    return AgencyRef(name=org.name, span=span, concept=org.concept,
                     jurisdiction=org.jurisdiction, written=written)
