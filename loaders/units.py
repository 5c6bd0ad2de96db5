"""Responsible units of a measure: the bodies that lead, support or answer for it.

Real notices name them in several ways, all read here (view offsets; names are resolved
against the issuing jurisdiction by :func:`loaders.agencies.agency_ref`):

- a labelled note, in parentheses, in 【】 or on a line of its own: ``（牵头单位：市科技局；配合单位：
  市财政局、市发展改革委）``, ``责任单位：区工业和信息化局``, ``【责任单位】市商务局``, ``（责任部门：…）``;
  a role marked after one name (``责任单位：市科技局（牵头）、市财政局``) holds for that name;
- an unlabelled closing parenthesis: ``（市工业和信息化局、市财政局按职责分工负责）``,
  ``（省科技厅牵头，省财政厅配合）``, ``（市商务局负责）``, ``（市科技局会同市财政局负责）``, or
  only names ``（市科技局、市财政局）``;
- a sentence of the measure: ``由市商务局牵头，市财政局、市税务局配合``,
  ``市人力资源社会保障局牵头负责``, ``由市科技局会同市财政局组织实施`` (会同: the second body
  supports), ``由市财政局负责``, ``市财政局负责资金拨付``.

Roles: ``lead`` (牵头/主责), ``support`` (配合/协同/参与/协助/支持单位), ``responsible``
(责任单位/负责/按职责分工负责, and a bare list of names). A name must end like a government
body's name (:func:`loaders.agencies.looks_like_agency`) or be a body the agency vocabulary
knows (``中国人民银行``, ``民航局``, which take no place from the list); ``等有关部门`` tails are dropped.
A company takes a role only beside a government body (``省发展改革委牵头，国网…电力有限公司配合``)
or under a label (``配合单位：``); a list of companies alone names no unit.
"""

from __future__ import annotations

import re

from ..ontology.gazetteer import Gazetteer
from .agencies import NATIONAL_SHORT, SpanOf, agency_ref, looks_like_agency
from .records import AgencyRef, UnitRole

# a company given a role in a measure's units (国网西藏电力有限公司配合)
_COMPANY = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}?(?:公司|集团)$")
_PLACE = re.compile(r"^(?:自治区|新区|[省市区县]|[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|新区|区|县))")
# a national body or a branch named with its own place (国家税务总局湖北省税务局, 武汉海关) takes
# no place from the first name of its list
_OWN_PLACE = re.compile(r"^(?:国家|中国|全国|国务院|" + "|".join(s for s, _ in NATIONAL_SHORT)
                        + r")|(?:分行|支行|营业管理部|海关)$")
_RELATIVE_NAME = re.compile(r"^(?:自治区|新区|[省市区县])")
_ETC = re.compile(r"等[^、，,；;]{0,20}?(?:部门|单位|机构|主管部门)$")
_LEAD_LABELS = "牵头单位|牵头部门|主责单位|主责部门|牵头责任单位|牵头"
_RESP_LABELS = "责任单位|责任部门|责任主体|实施单位|负责单位|主管部门"
_SUPPORT_LABELS = "配合单位|配合部门|协同单位|协同部门|参与单位|协办单位|支持单位|协助单位|配合"
def _spaced(labels: str) -> str:
    """Labels matched with white space between their characters (``牵头\n单位``, wrapped)."""
    return "|".join(r"\s*".join(label) for label in labels.split("|"))


# a label ends in a colon or sits in brackets (【责任单位】A、B, [牵头单位]：A)
_LABEL_END = r"(?:\s*[】\]]\s*[：:]?|\s*[：:])"
_LABEL = re.compile(rf"(?:[【\[]\s*)?({_spaced(_LEAD_LABELS)}|{_spaced(_RESP_LABELS)}|"
                    rf"{_spaced(_SUPPORT_LABELS)}){_LABEL_END}\s*")
# a note in brackets, which may hold brackets of its own: （责任单位：市财政局，各县（市、区）人民政府）
_NOTE = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]{1,20}[）)]){2,200})[）)]|【([^【】\n]{2,200})】")
# a role marked after one name of a list: 责任单位：市科技局（牵头）、市财政局
_MARK = re.compile(r"[（(〔\[](牵头|配合)[）)〕\]]$")
# a short name defined after a name (（以下简称区科经局）): blanked with a filler while units are read
_DEFINED = re.compile(r"[（(](?:以下)?简称[^（）()]{1,20}[）)]")
_FILL = "\u2060"
_TOGETHER_PART = re.compile(r"^(.+?)会同(.+)$")
_LABELLED_LINE = re.compile(
    rf"(?:^|(?<=[\n。；]))\s*(?:[【\[]\s*)?(?:{_LEAD_LABELS}|{_RESP_LABELS}|{_SUPPORT_LABELS})"
    rf"{_LABEL_END}[^\n。]*", re.M)
_ROLE_WORD = re.compile(
    r"(按职责分工负责|按职责分工|分工负责|牵头负责|负责落实|负责实施|牵头|负责|配合|协同|参与|协助|落实)$")
# a place in brackets may be part of a name: 由中国（南京）软件谷管委会牵头
_LEAD_SENTENCE = re.compile(r"由((?:[^，。；：\n（）()]|[（(][\u4e00-\u9fff]{1,6}[）)]){2,60}?)(?:共同)?牵头")
_SUPPORT_AFTER = re.compile(
    r"[^，。；\n]{0,8}?[，,、]\s*[，,、]?\s*([^，。；：\n（）()由]{2,80}?)(?:等部门|等单位)?"
    r"(?:配合|协同|参与|协助)")
# 由A会同B组织实施: A leads, B supports; 由A负责 / A负责资金审核: A is responsible
# what may follow the partner named after 会同 (A会同B负责 / 组织 / 审核…)
_PARTNER_VERBS = r"组织|实施|管理|负责(?![^，。；]{0,6}解释)|共同|制定|开展|推进|做好|按|对|审核|[，。；\n]"
_TOGETHER = re.compile(r"(?:由|(?:^|(?<=[。；，\n\s）)、．.]))(?:[一二三四五六七八九十\d]{1,3}\s*[、.．]\s*)?)"
                       r"([^，。；：\n（）()\s由．.]{2,40}?)会同"
                       rf"([^，。；：\n（）()]{{2,60}}?)(?={_PARTNER_VERBS})")
_PARTNER_END = re.compile(_PARTNER_VERBS)
# …负责评审验收，C配合做好资金拨付: the next clause names a body supporting
_THIRD_SUPPORT = re.compile(r"[^，。；\n]{0,40}?[，,]\s*([^，。；：\n（）()由]{2,40}?)(?:等部门|等单位)?"
                            r"(?:配合|协同|参与|协助)")


def _partner_ends(view: str, start: int, end: int) -> list[int]:
    """Where the partner named after 会同 may end: before each verb or clause end that may follow
    it, within 60 characters of its start."""
    stop = min(end, start + 61)
    return [k for k in range(start + 2, stop) if _PARTNER_END.match(view, k)]


# (…负责解释 names who interprets the document, …负责追缴/查处 the enforcer of a sanction: no unit)
_NOT_A_UNIT = re.compile(r"由([^，。；：\n（）()]{2,40}?)(?:会同[^，。；：\n]{2,40}?)?负责(?:解释|追缴|追回|收回|查处)")
_RESPONSIBLE = re.compile(r"(?:^|(?<=[。；，\n\s）)、．.]))(?:由)?([^，。；：\n（）()\s．.]{2,40}?)负责(?![^，。；]{0,6}(?:解释|追缴|追回|收回|查处)|人)")
# A牵头负责…, A牵头组织实施本措施 at the start of a clause (or right after the item's number)
_NAME_LEAD = re.compile(
    r"(?:^|(?<=[。；\n]))\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}\s*[、．.])?"
    r"\s*([^，。；：\n（）()]{2,60}?)牵头(?:[^，。；：\n（）()]{0,30}?)(?=[，。；\n]|$)")


_ITEM_MARK_BEFORE = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]\s*$|[\d一二三四五六七八九十]{1,3}\s*[、．.]\s*$")


def _after_bracket(view: str, at: int) -> bool:
    """A name right after a closing bracket or 、/． that is no item number (各市（州）数据局负责):
    it does not start a clause."""
    before = view[max(0, at - 6) : at]
    return before[-1:] in "）)、．" and not _ITEM_MARK_BEFORE.search(before)


# 责任单位：A、B按职责分工负责: the words after the names say how they share the work
_DUTY_TAIL = re.compile(r"(?:共同|分别)?(?:按(?:照)?(?:各自)?职责(?:分工)?)?(?:共同|分别)?负责$")


_JOINED = re.compile(r"(?<=[局委办厅署院])(?:和|及|与)(?=[市省区县州]|国家|中国)")


def split_names(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Split a list of names on 、，,；, white space, and 和/及/与 between a body's ending and the
    next body's place (市教育局和市医保局), never inside brackets (各县（市、区）人民政府 is one name);
    ``(name, start, end)`` in the view."""
    out = []
    text = _JOINED.sub("、", text)  # 市教育局和市医保局: two bodies (工业和信息化局 stays one)
    for m in re.finditer(r"(?:[（(][^（）()]{0,20}[）)]|[^、，,；;\s（(])+|[（(]", text):
        out.append((m.group(0), offset + m.start(), offset + m.end()))
    return out


_ENUM_LEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]是|首先|其次|同时|此外)[，,]?")


def strip_etc(name: str) -> str:
    """Drop a trailing ``等…部门`` (``区政务和数据局等应用场景主管部门`` → ``区政务和数据局``)."""
    m = _ETC.search(name)
    if m and m.start() > 1:
        return name[: m.start()]
    return name


def _role_of_label(label: str) -> UnitRole:
    label = re.sub(r"\s+", "", label)
    if re.fullmatch(_LEAD_LABELS, label):
        return "lead"
    if re.fullmatch(_SUPPORT_LABELS, label):
        return "support"
    return "responsible"


def _role_of_word(word: str) -> UnitRole:
    if word == "牵头" or word == "牵头负责":
        return "lead"
    if word in ("配合", "协同", "参与", "协助"):
        return "support"
    return "responsible"


def _marks_back(found: list[tuple[str, int, UnitRole, bool]], text: str,
                offset: int) -> list[tuple[str, int, UnitRole]]:
    """A role marked after the last name of a run joined by 、 holds for the unmarked names of
    the run (``A（牵头），B、C（配合）``: B supports too); a ，/； ends a run, and a name marked
    itself keeps its mark (``A（牵头）、B``: B stays as the label says)."""
    out = [(n, s, r) for n, s, r, _m in found]
    carried = [m for _n, _s, _r, m in found]  # marked, or given the mark of its run
    for i in range(len(found) - 2, -1, -1):
        between = text[found[i][1] - offset : found[i + 1][1] - offset]
        if found[i][3] or not carried[i + 1] or re.search(r"[，,；;]", between):
            continue
        out[i] = (out[i][0], out[i][1], out[i + 1][2])
        carried[i] = True
    return out


class _Units:
    """Collects the units of one measure, each name once per role list."""

    def __init__(self, span_of: SpanOf, prefixes: dict[str, str], gaz: Gazetteer | None) -> None:
        self.span_of, self.prefixes, self.gaz = span_of, prefixes, gaz
        self.responsible: list[AgencyRef] = []
        self.cooperating: list[AgencyRef] = []
        self.notes: list[tuple[int, int]] = []

    def known(self, name: str) -> bool:
        """True when the agency vocabulary knows ``name`` as it stands, not relative to a place
        (``中国人民银行``, ``民航局``): a body with a name of its own."""
        return (self.gaz is not None and not _RELATIVE_NAME.match(name)
                and self.gaz.lookup(name, "agency") is not None)

    def is_agency(self, name: str, companies: bool = False) -> bool:
        """True when ``name`` ends like a government body's name or is a body the vocabulary
        knows (``中国人民银行`` ends in no agency ending); with ``companies``, a company given a
        role beside a body (``国网西藏电力有限公司配合``) too."""
        return (looks_like_agency(name) or self.known(name)
                or companies and bool(_COMPANY.match(name)))

    def all_agencies(self, text: str, companies: bool = False) -> bool:
        """True when ``text`` is a non-empty list of names that are all government bodies (or,
        with ``companies``, companies)."""
        names = [n for n, _s, _e in split_names(text, 0)]
        return bool(names) and all(
            self.is_agency(strip_etc(_MARK.sub("", re.sub(r"^(?:由|和|及|与)", "", n.rstrip(_FILL)))),
                           companies)
            for n in names)

    def names(self, text: str, offset: int, role: UnitRole, strict: bool = True,
              companies: bool = False) -> int:
        """Add every agency name of ``text`` (a list) with ``role``; the number added."""
        found = []
        shared = None  # 自治区发展改革委、工业和信息化厅: the first name's place holds for the rest
        for name, s, _e in split_names(text, offset):
            cut = name.rfind("由") + 1  # 本措施由市工业和信息化局 → 市工业和信息化局
            name, s = name[cut:], s + cut
            if enum := _ENUM_LEAD.match(name):  # 一是市大数据局负责…: the enumeration is no name
                name, s = name[enum.end() :], s + enum.end()
            name = re.sub(r"^(?:和|及|与)", "", name).rstrip(_FILL)
            mark = _MARK.search(name)
            if mark:
                name = name[: mark.start()]
            short = strip_etc(name)
            if short.startswith("各"):
                continue  # 各县市区人民政府, 各地区管理局: a class of bodies, no one unit
            if len(short) < 2 or not self.is_agency(short, companies):
                if strict:
                    return 0
                continue
            place = _PLACE.match(short)
            if shared is None:
                shared = place.group(0) if place else ""
            elif (not place and shared and not _OWN_PLACE.search(short) and not self.known(short)
                  and not _COMPANY.match(short)):  # a company's name is its own
                short = shared + short
            marked: UnitRole = role
            if mark:
                marked = "lead" if mark.group(1) == "牵头" else "support"
            found.append((short, s + (len(name) - len(name.lstrip())), marked, bool(mark)))
        found = _marks_back(found, text, offset)
        for short, s, r in found:
            ref = agency_ref(short, self.span_of(s, s + len(short)), self.prefixes, self.gaz)
            ref.role = r
            target = self.cooperating if r == "support" else self.responsible
            if all(t.name != ref.name for t in target):
                target.append(ref)
        return len(found)

    def labelled(self, text: str, offset: int) -> bool:
        """``牵头单位：A；配合单位：B、C`` → A lead, B and C support; False when no label."""
        labels = list(_LABEL.finditer(text))
        if not labels:
            return False
        for i, m in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            body = _DUTY_TAIL.sub("", text[m.end() : stop].rstrip(" ；;，,。"))
            self.names(body, offset + m.end(), _role_of_label(m.group(1)), strict=False,
                       companies=True)
        return True

    def unlabelled(self, text: str, offset: int) -> bool:
        """``A、B按职责分工负责`` / ``A牵头，B配合`` / ``A、B``; False unless every part is
        names (with a role word)."""
        parts = [(m.group(0), m.start()) for m in re.finditer(r"[^，,；;]+", text)]
        plan: list[tuple[str, int, UnitRole]] = []
        for part, k in parts:
            body = part.strip()
            word = _ROLE_WORD.search(body)
            role: UnitRole = "responsible"
            if word:
                role = _role_of_word(word.group(1))
                body = body[: word.start()]
            body = re.sub(r"(?:共同|会同|等部门|等单位|按(?:照)?职责(?:分工)?|分别|等)+$", "", body)
            at = offset + k + (len(part) - len(part.lstrip()))
            together = _TOGETHER_PART.match(body)  # A会同B负责: A leads, B supports
            pieces = [(body, at, role)]
            if together and role == "responsible":
                pieces = [(together.group(1), at, "lead"),
                          (together.group(2), at + together.start(2), "support")]
            for piece, _at, _role in pieces:
                if not self.all_agencies(piece, companies=word is not None):
                    return False
            plan += pieces
        # a company takes a role only beside a government body (A牵头，B公司配合)
        companies = any(self.all_agencies(body) for body, _at, _role in plan)
        if plan and not companies and not all(self.all_agencies(b) for b, _a, _r in plan):
            return False
        for body, at, role in plan:
            self.names(body, at, role, companies=companies)
        return bool(plan)


def responsible_units(
    view: str, start: int, end: int, span_of: SpanOf, prefixes: dict[str, str],
    gaz: Gazetteer | None,
) -> tuple[list[AgencyRef], list[AgencyRef], list[tuple[int, int]]]:
    """Lead/responsible and supporting units of the measure ``view[start:end]``.

    Returns (lead and responsible units, supporting units, view extents of the notes that
    named them — callers mask these when reading subjects of the measure).
    """
    units = _Units(span_of, prefixes, gaz)
    if "简称" in view[start:end]:  # 由A（以下简称区科经局）会同B…: a name's definition is no name
        view = view[:start] + _DEFINED.sub(lambda d: _FILL * len(d.group(0)), view[start:end]) \
            + view[end:]
    for m in _NOTE.finditer(view, start, end):
        group = 1 if m.group(1) is not None else 2
        inner, at = m.group(group), m.start(group)
        if units.labelled(inner, at) or units.unlabelled(inner, at):
            units.notes.append((m.start(), m.end()))
    for m in _LABELLED_LINE.finditer(view, start, end):
        if any(a <= m.start() < b for a, b in units.notes):
            continue
        k = len(m.group(0)) - len(m.group(0).lstrip())
        if units.labelled(m.group(0)[k:], m.start() + k):
            units.notes.append((m.start() + k, m.end()))
    for m in _TOGETHER.finditer(view, start, end):
        if any(a <= m.start(1) < b for a, b in units.notes) or "解释" in m.group(2):
            continue  # 由A会同B负责解释: who interprets the document, no unit of a measure
        if _after_bracket(view, m.start(1)):
            continue
        if units.names(m.group(1), m.start(1), "lead"):
            units.notes.append((m.start(1), m.end(1)))
            for stop in _partner_ends(view, m.start(2), end):
                # the shortest run of names: 会同应急管理部救援协调和预案管理局负责 (管理 of a
                # name is no verb ending the partner)
                if units.all_agencies(view[m.start(2) : stop]):
                    units.names(view[m.start(2) : stop], m.start(2), "support")
                    units.notes.append((m.start(2), stop))
                    # …负责试点组织实施，C配合做好…: a third body supporting
                    sup = _THIRD_SUPPORT.match(view, stop, end)
                    if sup and units.names(sup.group(1), sup.start(1), "support"):
                        units.notes.append((sup.start(1), sup.end(1)))
                    break
    for pattern in (_LEAD_SENTENCE, _NAME_LEAD):  # 由A牵头，B配合 / A牵头负责
        for m in pattern.finditer(view, start, end):
            if any(a <= m.start(1) < b for a, b in units.notes):
                continue
            if units.names(m.group(1), m.start(1), "lead"):
                units.notes.append((m.start(1), m.end(1)))
                sup = _SUPPORT_AFTER.match(view, m.end(), end)
                if sup and units.names(sup.group(1), sup.start(1), "support"):
                    units.notes.append((sup.start(1), sup.end(1)))
    for m in _RESPONSIBLE.finditer(view, start, end):  # 由市财政局负责 / 市财政局负责资金拨付
        if any(a < m.end(1) and m.start(1) < b for a, b in units.notes):
            continue  # 算力券由A会同B负责…: the names were read as lead and support already
        if _after_bracket(view, m.start(1)):
            continue
        names = re.sub(r"(?:按职责分工|按照职责分工|按职责|共同|分别)$", "", m.group(1))
        if units.names(names, m.start(1), "responsible"):
            units.notes.append((m.start(1), m.end(1)))
    for m in _NOT_A_UNIT.finditer(view, start, end):  # 由市交通运输局负责解释: masked, no unit
        if not any(a < m.end(1) and m.start(1) < b for a, b in units.notes):
            units.notes.append((m.start(1), m.end(1)))
    units.notes.sort()
    return units.responsible, units.cooperating, units.notes


def table_units(view: str, cells: tuple[tuple[UnitRole, int, int], ...], span_of: SpanOf,
                prefixes: dict[str, str], gaz: Gazetteer | None,
                ) -> tuple[list[AgencyRef], list[AgencyRef]]:
    """The units of one row of a division-of-labour table (:mod:`loaders.unit_table`); a
    company in a unit column (国网…供电公司 under 配合单位) is a unit by its column."""
    units = _Units(span_of, prefixes, gaz)
    for role, s, e in cells:
        units.names(view[s:e], s, role, strict=False, companies=True)
    return units.responsible, units.cooperating
