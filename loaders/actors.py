"""Which category mentions name an actor a measure supports, and which kinds a compound names.

The gazetteer finds every category label in the text; this module turns those matches into the
actors a measure supports, once per document (the measure's categories and its offers'
recipients are both read from the result). Contract: :func:`actor_matches` takes the category
matches of a simplified view (sorted, non-overlapping) and returns matches sorted by start, which
may overlap where a compound names two kinds. It never adds a generic kind.

- **Persons are no actors**: a category word that only says where a person works or studies
  (``企业在职职工``, ``高校毕业生``, ``机器人企业新引进的全职博士``, ``在区内算力企业工作的…人才``)
  is dropped: the measure supports the person.
- **Names of offices and contact lines are no actors**: ``市工业和信息化局中小企业处``,
  ``（中小企业发展处）``, a category inside a government body's name, and anything after
  ``联系人`` / ``联系电话`` / ``咨询电话`` in its sentence.
- **A maker of a sector's products is an enterprise of that sector**: ``机器人整机企业``,
  ``人工智能软硬件企业``, ``机器人核心零部件企业`` → the sector's kind of enterprise instead of the
  generic ``企业`` (``集成电路设计企业`` stays generic: the vocabulary has no such kind); the
  maker word said alone (``整机企业``, ``零部件企业``) names the kind the text gave it in full.
- **Coordinated sectors before one 企业 name each kind**: ``人工智能或机器人企业``,
  ``人工智能、机器人企业`` (``与/和/及`` are read by the official loader);
  **a trade before a size class names both**: ``制造业中小企业`` → 制造业企业 and 中小企业.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from ..ontology.gazetteer import Match


class _Vocabulary(Protocol):
    """The part of :class:`~policykg.ontology.gazetteer.Gazetteer` this module uses."""

    def lookup(self, surface: str, scheme: str) -> str | None: ...  # noqa: D102

    def find_all(self, text: str, scheme: str) -> list[Match]: ...  # noqa: D102


_PERSON_AFTER = re.compile(
    r"(?:在职|离退休|退休)?新?(?:全职)?(?:引进|招聘|聘用|聘请|录用|吸纳)?的?"
    r"(?:全职|高层次|青年|优秀|紧缺)?"
    r"(?:职工|员工|毕业生|学生|博士后|博士|硕士|人才|专家|技术人员|科研人员|工作人员|从业人员|高管|教师|劳动者)")
_WORKS_AT = re.compile(r"(?:工作|任职|就业|全职工作)")
_AT_BEFORE = re.compile(r"在[^，。；、]{0,8}$")
_OFFICE_AFTER = re.compile(r"(?:发展|服务|促进|管理|工作|融资)?(?:处|科|室|办公室)(?![\u4e00-\u9fff])")
_CONTACT = re.compile(r"联系人|联系电话|咨询电话|联系方式|联系单位")
_SENTENCE_END = "。；\n"
# what a maker of a sector's products is called between the sector and 企业
_MAKER = re.compile(
    r"(?:整机|本体|软硬件|硬件|软件|核心零部件|关键零部件|零部件|研发制造|研发生产|研发|制造|生产|"
    r"产业链|产业|领域|相关)$")
# maker words that name a product line on their own (not 相关 / 产业 / 制造, said of anyone)
_PRODUCT_MAKERS = frozenset({"整机", "本体", "软硬件", "核心零部件", "关键零部件", "零部件"})
_CONJUNCTION = re.compile(r"(?:或者|或|、|以及)$")
_SIZE_CLASSES = ("中小企业", "中小微企业")
_GENERIC = "企业"
_WINDOW = 10  # characters looked at before a match for a sector word


def _person(view: str, m: Match) -> bool:
    """``企业在职职工``, ``高校毕业生``, ``在…企业工作的人才``: the match names a person's seat."""
    if _PERSON_AFTER.match(view, m.end):
        return True
    return bool(_WORKS_AT.match(view, m.end)
                and _AT_BEFORE.search(view, max(0, m.start - 9), m.start))


def _office(view: str, m: Match, bodies: Iterable[tuple[int, int]]) -> bool:
    """The match is part of an office's or a body's name, or of a contact line."""
    if _OFFICE_AFTER.match(view, m.end):
        return True
    if any(a <= m.start < b or a < m.end <= b for a, b in bodies):
        return True
    sentence = max(view.rfind(c, 0, m.start) for c in _SENTENCE_END) + 1
    return bool(_CONTACT.search(view, sentence, m.start))


def _sector_before(view: str, at: int, gaz: _Vocabulary) -> Match | None:
    """The sector word that ends exactly at ``at`` (looked for in a short window before it)."""
    lo = max(0, at - _WINDOW)
    found = [s for s in gaz.find_all(view[lo:at], "sector") if s.end == at - lo]
    if not found:
        return None
    s = found[-1]
    return Match(s.start + lo, s.end + lo, s.concept, s.scheme, s.surface)


def _kind_of(word: str, gaz: _Vocabulary) -> str | None:
    """The enterprise category ``word`` + 企业 names (人工智能 → 人工智能企业; 人形机器人 →
    机器人企业 by its head), if any."""
    concept = gaz.lookup(word + "企业", "category")
    if concept is None and word.endswith("业"):
        concept = gaz.lookup(word[:-1] + "企业", "category")
    # a narrower sector names the kind of its head (人形机器人 → 机器人企业): Chinese compounds
    # put the head last, so the longest ending of two characters or more that is a kind wins
    for k in range(1, len(word) - 1):
        if concept is not None:
            break
        concept = gaz.lookup(word[k:] + "企业", "category")
    return concept


def _maker(view: str, m: Match, gaz: _Vocabulary) -> Match | None:
    """``机器人整机企业``: the sector's kind of enterprise for a generic 企业 after a maker word."""
    modifier = _MAKER.search(view, max(0, m.start - 6), m.start)
    if modifier is None:
        return None
    sector = _sector_before(view, modifier.start(), gaz)
    concept = _kind_of(sector.surface, gaz) if sector else None
    if sector is None or concept is None:
        return None
    return Match(sector.start, m.end, concept, m.scheme, view[sector.start : m.end])


def _compound_kinds(view: str, m: Match, gaz: _Vocabulary) -> list[Match]:
    """Kinds a compound ending in ``m`` names besides ``m``: the conjuncts of
    ``人工智能或机器人企业`` and the trade of ``制造业中小企业``."""
    out: list[Match] = []
    if m.surface in _SIZE_CLASSES:
        trade = _sector_before(view, m.start, gaz)
        concept = _kind_of(trade.surface, gaz) if trade else None
        if trade and concept:
            out.append(Match(trade.start, m.end, concept, m.scheme, view[trade.start : m.end]))
        return out
    led = gaz.find_all(m.surface, "sector")
    if not led or led[0].start != 0 or _kind_of(led[0].surface, gaz) != m.concept:
        return out  # the match is no sector's kind of enterprise (龙头企业、…)
    at = m.start
    while (joint := _CONJUNCTION.search(view, max(0, at - 2), at)) is not None:
        conjunct = _sector_before(view, joint.start(), gaz)
        concept = _kind_of(conjunct.surface, gaz) if conjunct else None
        if conjunct is None or concept is None:
            break
        out.append(Match(conjunct.start, m.end, concept, m.scheme, view[conjunct.start : m.end]))
        at = conjunct.start
    return out


def actor_matches(view: str, found: list[Match], gaz: _Vocabulary,
                  bodies: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """The category matches of ``found`` that name actors, with the kinds compounds name.

    ``bodies`` are the view extents of government bodies' names (their words are no actors).
    """
    spans = list(bodies)
    out: list[Match] = []
    bare: list[tuple[int, str]] = []  # generic 企业 after a maker word with no sector before it
    kind_of_maker: dict[str, str] = {}  # 整机 → the kind 机器人整机企业 named in this text
    for m in found:
        if _person(view, m) or _office(view, m, spans):
            continue
        if m.surface == _GENERIC:
            made = _maker(view, m, gaz)
            modifier = _MAKER.search(view, max(0, m.start - 6), m.start)
            if made is not None and modifier is not None:
                kind_of_maker.setdefault(modifier.group(), made.concept)
            elif modifier is not None:
                bare.append((len(out), modifier.group()))
            m = made or m
        out.append(m)
        out += _compound_kinds(view, m, gaz)
    for i, word in bare:  # 整机企业 said short for the 机器人整机企业 the text names
        if word in kind_of_maker and word in _PRODUCT_MAKERS:
            m = out[i]
            out[i] = Match(m.start, m.end, kind_of_maker[word], m.scheme, m.surface)
    return sorted(out, key=lambda x: (x.start, x.end))


_COUNTING = re.compile(r"(?:每家|单家|单个|同一|每个|每户|单户|各)$")


def counted_generic(view: str, measure_matches: Iterable[Match], generic: str | None) -> bool:
    """Every mention of the generic kind ``generic`` in a measure counts recipients
    (``每家企业每年最高``, ``单个企业``, ``同一企业``): it names the unit of a cap, not an actor."""
    mentions = [m for m in measure_matches if m.concept == generic]
    return bool(mentions) and all(
        _COUNTING.search(view, max(0, m.start - 2), m.start) for m in mentions)

