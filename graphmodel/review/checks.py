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

from graphmodel.extract.grammar import Grammar
from graphmodel.extract.text import pair_brackets
from graphmodel.model import Span, Task
from graphmodel.review.flags import Flag

__all__ = ["several_annotations", "unread_brackets", "assumed_sides", "assumed_roles", "unread_text",
           "odd_names", "carrying_note", "unread_rest", "FactLike"]

_SENTENCE = re.compile(r"[^。;；\n]+")
_LIST = re.compile(r"[、,，;；]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_WORDS = re.compile(r"[\u4e00-\u9fff\w]+(?:\([\u4e00-\u9fff\w、,]*\)[\u4e00-\u9fff\w]*)*")
# Words an annotation may hold besides units, keywords and notes: fillers of the genre.
_FILLERS = ("按职责分工", "有关部门", "相关部门", "有关单位", "相关单位", "分别", "共同", "单位", "部门",
            "负责", "等", "和", "及", "与", "由", "会同", "各自", "职责")
# An annotation's note that says it holds for later tasks too.
_CARRY = re.compile(r"下同|以下任务|以下各项|不再重复|不再一一列出|不再做分工|不再分工|不再列出")


class FactLike:
    """What the checks need of a read fact (`graphmodel.review.items.ReadFact`)."""

    mention: str
    role: str
    side: str | None
    span: Span | None
    correction: str | None
    collective: bool


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
        if not any(w in part for w in side_words):
            assumed.append(f"{f.mention} → {f.side or '?'}")
    if not assumed:
        return []
    return [Flag("side-assumed", "side assumed, not stated: " + "、".join(assumed), task.annotation_span)]


@lru_cache(maxsize=32)
def _role_words(g: Grammar, role: str) -> list[str]:
    words = [k for k, v in g.keywords.items() if v == role] + [v for v, r in g.verbs.items() if r == role]
    words += [w for w, meaning, _ in g.notes if meaning == role]
    return sorted(set(words), key=len, reverse=True)


def assumed_roles(norm: str, task: Task, facts: Sequence[FactLike], g: Grammar) -> list[Flag]:
    """Units read as lead or support where the annotation states no such role (a note elsewhere,
    such as 列第一位为牵头单位, or a rule gave it)."""
    if task.annotation_span is None:
        return []
    a, b = task.annotation_span
    text = norm[a:b]
    out = []
    for role in ("lead", "support"):
        if any(w in text for w in _role_words(g, role)):
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


def unread_rest(norm: str, task: Task, facts: Sequence[FactLike], g: Grammar) -> str:
    """The annotation's text with read mentions, lead officials, notes, keywords and fillers
    blanked out."""
    if task.annotation_span is None:
        return ""
    a, b = task.annotation_span
    chars = list(norm[a:b])

    def blank(lo: int, hi: int) -> None:
        for k in range(max(lo, 0), min(hi, len(chars))):
            chars[k] = " "

    for f in facts:
        if f.span:
            blank(f.span[0] - a, f.span[1] - a)
    for name in task.lead_officials:  # 王 健 is 王健: names are written with spaces to fill a cell
        for m in re.finditer(r"\s*".join(map(re.escape, name.replace(" ", ""))), norm[a:b]):
            blank(m.start(), m.end())
    keyword = g.pattern("keyword")
    for o, c in pair_brackets(norm[a:b]).close.items():
        inner = norm[a + o + 1:a + c]
        # A note in brackets says nothing of who; a bracket holding the annotation itself is no note.
        if g.is_note(re.sub(r"\s+", "", inner)) and not keyword.search(inner) and not any(
                f.span and a + o < f.span[0] < a + c for f in facts):
            blank(o, c + 1)
    rest = _vocabulary(g).sub(" ", "".join(chars))
    return g.etc.sub(" ", rest)


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
