"""The checks on one task that need the document's text: each finds one kind of doubt and
returns the flags it raises (see `graphmodel.review.flags`).

Every check works on the normalised text (`graphmodel.extract.text.normalize`: one character for
one, so offsets are the text's) and the task's spans; none changes what was read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from graphmodel.extract.grammar import Grammar
from graphmodel.extract.text import pair_brackets
from graphmodel.model import Span, Task
from graphmodel.review.flags import Flag

__all__ = ["several_annotations", "unread_brackets", "assumed_sides", "assumed_roles", "unread_text",
           "odd_names", "carrying_note", "carried_rule", "unread_rest", "header_roles", "FactLike"]

_SENTENCE = re.compile(r"[^。;；\n]+")
_LIST = re.compile(r"[、,，;；]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_WORDS = re.compile(r"[\u4e00-\u9fff\w]+(?:\([\u4e00-\u9fff\w、,]*\)[\u4e00-\u9fff\w]*)*")
# Words an annotation may hold besides units, keywords and notes: fillers of the genre.
_FILLERS = ("按职责分工", "有关部门", "相关部门", "有关单位", "相关单位", "分别", "共同", "单位", "部门",
            "负责", "等", "和", "及", "与", "由", "会同", "各自", "职责")
# A name that begins with a place of its own (大庆市商务局, 哈尔滨新区管委会): its side is read
# from the name, not assumed; a bare level word (市商务局, 省科技厅, 团市委) names no place.
_PLACE_NAMED = re.compile(r"^(?![省市区县州])[\u4e00-\u9fff]{2,7}?(?:省|市|区|县|州|新区)")
# Dates and deadlines in a table row's cells (2021年12月, 年底前): no unit.
_DATES = re.compile(r"\d+\s*年(?:\s*\d+\s*月)?(?:\s*\d+\s*日)?(?:底|前|以前|中旬|上旬|下旬)*"
                    r"|年底前|长期坚持|持续推进|全年|长期")
_GAP = "\x00"  # what was taken out: never part of a word
# An annotation's note that says it holds for later tasks too.
_CARRY = re.compile(r"下同|以下任务|以下各项|不再重复|不再一一列出|不再做分工|不再分工|不再列出")


class FactLike(Protocol):
    """What the checks need of a read fact (`graphmodel.review.items.ReadFact`)."""

    # Read-only properties: a frozen dataclass (ReadFact) matches them.
    @property
    def mention(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def side(self) -> str | None: ...
    @property
    def span(self) -> Span | None: ...
    @property
    def correction(self) -> str | None: ...
    @property
    def collective(self) -> bool: ...


def several_annotations(norm: str, task: Task) -> list[Flag]:
    """Task text between the task's annotations: its annotation span holds a sentence of the task's
    own wording, so the task has more than one annotation."""
    if task.annotation_span is None:
        return []
    a, b = task.annotation_span
    inside = re.sub(r"\s+", "", norm[a:b])
    for m in _SENTENCE.finditer(task.text):
        piece = re.sub(r"\s+", "", m.group())
        if len(piece) >= 6 and piece in inside:
            return [Flag("several-annotations", f"task text lies between its annotations: {piece[:20]!r}",
                         task.annotation_span)]
    return []


def unread_brackets(norm: str, task: Task, g: Grammar, known: set[Span]) -> list[Flag]:
    """Brackets in a task's own text holding a unit-like name that nothing was read from
    (``known``: brackets the extraction already warned of)."""
    a, b = task.span
    ann = task.annotation_span
    read = [r.span for r in task.responsibilities if r.span]
    out = []
    for o, c in sorted(pair_brackets(norm[a:b]).close.items()):
        o, c = o + a, c + a
        if ann and ann[0] <= o < ann[1]:
            continue
        if any(s[0] <= o < s[1] or o <= s[0] < c for s in read) or (o, c + 1) in known:
            continue
        content = norm[o + 1:c].strip()
        if not content or len(content) > 40 or g.is_note(re.sub(r"\s+", "", content)):
            continue
        if any(g.looks_like_unit(p.strip()) for p in _LIST.split(content) if p.strip()):
            out.append(Flag("unread-bracket", f"a bracket with unit-like text was not read: {content[:30]!r}",
                            (o, c + 1)))
    return out


def assumed_sides(norm: str, task: Task, facts: Sequence[FactLike], side_words: Sequence[str]) -> list[Flag]:
    """In a plan of several sides: the units whose part of the annotation (between ``;``) names
    no side, so their side was assumed from the position or the names."""
    if task.annotation_span is None or not side_words:
        return []
    a, b = task.annotation_span
    cuts = [a] + [m.end() + a for m in re.finditer(r"[;；\n]", norm[a:b])] + [b + 1]
    assumed = []
    for f in facts:
        if f.span is None or f.correction:
            continue
        k = bisect_right(cuts, f.span[0]) - 1
        part = norm[cuts[k]:max(cuts[k], cuts[k + 1] - 1)] if k + 1 < len(cuts) else norm[cuts[k]:b]
        if not any(w in part for w in side_words) and not _PLACE_NAMED.match(f.mention):
            assumed.append(f"{f.mention} → {f.side or '?'}")
    if not assumed:
        return []
    return [Flag("side-assumed", "side assumed, not stated: " + "、".join(assumed), task.annotation_span)]


@lru_cache(maxsize=32)
def _role_words(g: Grammar, role: str) -> list[str]:
    words = [k for k, v in g.keywords.items() if v == role] + [v for v, r in g.verbs.items() if r == role]
    words += [w for w, meaning, _ in g.notes if meaning == role]
    return sorted(set(words), key=len, reverse=True)


def header_roles(text: str, g: Grammar) -> list[tuple[int, str]]:
    """Where a table's header line (cells split by tabs, in the text as read: normalising makes
    tabs spaces) names a role: (offset, role), in order. The rows under it state their roles by
    column."""
    out = []
    for m in re.finditer(r"[^\n]*\t[^\n]*", text):
        for role in ("lead", "support"):
            if any(w in m.group() for w in _role_words(g, role)):
                out.append((m.start(), role))
    return out


def assumed_roles(norm: str, task: Task, facts: Sequence[FactLike], g: Grammar,
                  headers: Sequence[tuple[int, str]] = (), row: bool = False) -> list[Flag]:
    """Units read as lead or support where the annotation states no such role (a note elsewhere,
    such as 列第一位为牵头单位, or a rule gave it). A table row's (``row``: its annotation holds a
    tab) roles are stated by a header above it (``headers``, from `header_roles`)."""
    if task.annotation_span is None:
        return []
    a, b = task.annotation_span
    text = re.sub(r"\s+", "", norm[a:b])  # 牵⏎头单位
    out = []
    for role in ("lead", "support"):
        if any(w in text for w in _role_words(g, role)):
            continue
        if row and any(at < a and r == role for at, r in headers):
            continue
        named = [f.mention for f in facts if f.role == role and not f.correction]
        if named:
            out.append(Flag("role-assumed", f"{role} not stated in the annotation: {'、'.join(named)}",
                            task.annotation_span))
    return out


def unread_text(rest: str, task: Task) -> list[Flag]:
    """Text of the annotation that no read unit, keyword, note or filler accounts for (``rest``,
    from `unread_rest`): a name the extractor could not split or dropped."""
    if len("".join(_HANZI.findall(rest))) < 2:
        return []
    shown = " ".join(_WORDS.findall(rest))
    return [Flag("unsplit", f"text in the annotation nothing was read from: {shown[:30]!r}", task.annotation_span)]


@lru_cache(maxsize=8)
def _vocabulary(g: Grammar) -> re.Pattern[str]:
    """Keywords, verbs, notes and fillers, longest first."""
    words = sorted({*g.keywords, *g.verbs, *(w for w, _, _ in g.notes), *_FILLERS}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _spaced(word: str) -> str:
    """A pattern for ``word`` with any whitespace between its characters (a name broken over lines,
    王 健 written with a space to fill a cell)."""
    return r"\s*".join(map(re.escape, re.sub(r"\s+", "", word)))


def unread_rest(norm: str, task: Task, facts: Sequence[FactLike], g: Grammar) -> str:
    """The annotation's text with read mentions (wherever they recur), lead officials, notes,
    keywords, side labels, first-leads notes, fillers and dates taken out."""
    if task.annotation_span is None:
        return ""
    a, b = task.annotation_span
    text = norm[a:b]
    chars = list(text)

    def blank(lo: int, hi: int) -> None:
        for k in range(max(lo, 0), min(hi, len(chars))):
            chars[k] = _GAP

    for f in facts:
        if f.span:
            blank(f.span[0] - a, f.span[1] - a)
    for word in {f.mention for f in facts if f.mention.strip()} | set(task.lead_officials):
        for m in re.finditer(_spaced(word), text):  # a unit named twice is read once
            blank(m.start(), m.end())
    keyword = g.pattern("keyword")
    for pattern in (keyword, g.first_leads):  # keywords and side labels (沪方:); 排名第一的为牵头
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for o, c in pair_brackets(text).close.items():
        inner = text[o + 1:c]
        # A note in brackets says nothing of who; a bracket holding the annotation itself is no note.
        if g.is_note(re.sub(r"\s+", "", inner)) and not keyword.search(inner) and not any(
                f.span and a + o < f.span[0] < a + c for f in facts):
            blank(o, c + 1)
    # Words broken over lines (部⏎门) are joined first; what was taken out stays a gap between them.
    rest = re.sub(r"\s+", "", "".join(chars))
    rest = _vocabulary(g).sub(_GAP, _DATES.sub(_GAP, g.etc.sub(_GAP, rest)))
    return " ".join(p for p in rest.split(_GAP) if p)


def odd_names(facts: Sequence[FactLike]) -> list[Flag]:
    """Read units whose names are too short to be one (区, 农委) or hold a list (海东市、兰州市)."""
    odd = [f.mention for f in facts
           if not f.correction and not f.collective and (len(f.mention.strip()) < 3 or _LIST.search(f.mention))]
    if not odd:
        return []
    return [Flag("unsplit", f"read as a unit, but does not read like one: {'、'.join(odd)}")]


def carrying_note(rest: str) -> str | None:
    """Text of the annotation that was not read and says it holds for later tasks too (以下任务均涉及
    X, 不再重复), if any: what it adds below was not read either. (A note the extractor knows, such
    as 按职责分工负责,下同, is read and applied, so it is not one.) ``rest``: from `unread_rest`."""
    m = _CARRY.search(rest)
    return " ".join(rest[max(0, m.start() - 16):m.end()].split()) if m else None


def carried_rule(norm: str, task: Task, g: Grammar) -> str | None:
    """A bracketed note of the annotation that holds for later tasks too (下同) and changes who is
    responsible there (含X: a unit or group added; 列第一位为牵头: roles), if any. Its later
    tasks are worth a look: whether the extractor applied it there as the plan meant. A note
    only about duty (按职责分工负责,下同) changes nobody and is not one."""
    if task.annotation_span is None:
        return None
    a, b = task.annotation_span
    text = norm[a:b]
    for o, c in sorted(pair_brackets(text).close.items()):
        inner = re.sub(r"\s+", "", text[o + 1:c])
        meanings = set(g.note_meanings(inner))
        if "carry" in meanings and meanings - {"carry", "duty", "other"}:
            return inner
    return None
