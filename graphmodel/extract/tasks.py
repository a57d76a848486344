"""Tasks and their responsibilities, from the items and the annotations attached to them.

A task is an outline item: its number (the enumerators from the outermost in), its title and own
words (no enumerator, no annotation), and one responsibility per unit or group its annotations
name, with side and role. Units get canonical names and ids here (`graphmodel.extract.canonical`);
notes that hold across tasks (以下简称X, 含X,下同) are remembered in `TaskContext`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from graphmodel.extract.annotations import Annotation, Part
from graphmodel.extract.canonical import AliasTable, canonical_unit, group_id, unit_id
from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.memo import remembered
from graphmodel.extract.notes import in_scopes
from graphmodel.extract.outline import Item
from graphmodel.extract.regions import gazetteer
from graphmodel.extract.sides import part_side
from graphmodel.extract.text import normalize
from graphmodel.model import Responsibility, Role, Side, Span, Task, Unit

__all__ = ["TaskContext", "build_task", "own_text_spans"]

_INCLUDES = re.compile(r"^(?:含|包括)(.+?)(?:,?下同)?$")
_SHORT_FOR = re.compile(r"以下简称(.+?)(?:,?下同)?$")
_TRAIL = re.compile(r"[\s。;,.|]*")  # (`_only_trail` asks it; the way round it)
_TRAIL_MARKS = "。;,.|"
_INCLUDED_SEPARATOR = re.compile("[、,和及]")
_GAP = re.compile(r"[ \n][ \n]*")  # where a task's heading ends (`_gap_at` finds it; the way round it)
_SENTENCE_MARK = re.compile(r"[。,;]")  # a heading holds none
_SECOND_NAME = re.compile(r"(.+?)\(([^()]+)\)")
_START = attrgetter("start")


@dataclass
class TaskContext:
    """What building the tasks of one document shares."""

    norm: str
    text: str
    sides: list[Side]
    aliases: AliasTable
    grammar: Grammar
    lead_scopes: list[Span]
    units: dict[str, Unit] = field(default_factory=dict)
    warnings: list[tuple[str, Span]] = field(default_factory=list)
    included: dict[tuple[str | None, str], list[str]] = field(default_factory=dict)  # 含X,下同
    short_names: dict[tuple[str | None, str], str] = field(default_factory=dict)  # 以下简称X → unit id
    # canonical_unit's answers: a plan names the same units in many tasks
    canonical: dict[tuple[str, str | None, tuple[str, ...], str | None], tuple[str, str, str | None]] = field(
        default_factory=dict)
    # A mention's unit id, the level it hands on and whether it is a group, by (name, side, level),
    # while no short name is known (a short name may change the id): a plan names the same units
    # in many tasks, and a unit's aliases were added the first time.
    resolved: dict[tuple[str, str | None, str | None], tuple[str, str | None, bool]] = field(default_factory=dict)
    # The task responsibilities are being added to, and the units it names so far: a set beside
    # its list (looking each unit up in the list was n² for a list of n units).
    naming: tuple[Task, set[str]] | None = None
    side_names: tuple[str, ...] = field(init=False)  # the sides' names, looked up for every mention
    plain: bool = field(init=False)  # ``norm`` is ``text`` normalised by the built-in grammar, as `normalize` does

    def __post_init__(self) -> None:
        self.side_names = tuple(s.name for s in self.sides)
        self.plain = self.grammar is default_grammar()


def own_text_spans(it: Item, anns: list[Annotation]) -> list[Span]:
    """The stretches of an item that are its own words (title and text, no annotation).

    Parameters
    ----------
    it : Item
        An item of the outline.
    anns : list of Annotation
        The annotations written in its text (others are ignored).

    Returns
    -------
    list of Span
        ``[start, end)`` ranges from the item's body (after its enumerator) to its end, with
        the annotations cut out.

    Examples
    --------
    >>> from graphmodel.extract.annotations import Annotation
    >>> from graphmodel.extract.outline import parse_outline
    >>> norm = "一、推进改革。(责任单位:市发改委)抓好落实。"
    >>> [item] = parse_outline(norm)
    >>> [norm[a:b] for a, b in own_text_spans(item, [Annotation(7, 18, "keyword")])]
    ['推进改革。', '抓好落实。']
    """
    spans = []
    cursor = it.body
    for a in sorted([a for a in anns if it.body <= a.start < it.end], key=_START):
        if a.start > cursor:
            spans.append((cursor, a.start))
        cursor = max(cursor, a.end)
    if cursor < it.end:
        spans.append((cursor, it.end))
    return spans


def build_task(ctx: TaskContext, it: Item, number: str, doc_id: str, anns: list[Annotation],
               within: list[Annotation]) -> Task:
    """The task of an item, with its responsibilities.

    Parameters
    ----------
    ctx : TaskContext
        What the document's tasks share: its text, sides, alias table, grammar and
        first-leads scopes; it collects the units and warnings.
    it : Item
        The item.
    number : str
        The task's number as written, the enumerators from the outermost in (二、(一)).
    doc_id : str
        The document's id, which the task's id starts with.
    anns : list of Annotation
        The annotations the task carries (`Attached.carried`).
    within : list of Annotation
        Those written in its text (`Attached.within`; a child's annotation lifted to its parent
        is written in the child).

    Returns
    -------
    Task
        Its id, number, title, text and span, and one responsibility per unit or group its
        annotations name; each unit is added to ``ctx.units``.

    Examples
    --------
    >>> from graphmodel.examples import EXAMPLE_OUTLINE as text, example_reading
    >>> from graphmodel.extract.grammar import default_grammar
    >>> norm, doc, annotations = example_reading(text)
    >>> from graphmodel.extract.attach import attach
    >>> attached = attach(norm, doc.items, annotations)
    >>> from graphmodel.extract.canonical import builtin_aliases
    >>> from graphmodel.model import Side
    >>> ctx = TaskContext(norm, text, [Side("大连市", "大连")], builtin_aliases(), default_grammar(), [])
    >>> task = build_task(ctx, attached.items[1], "二、", "doc:x", attached.carried[1], attached.within[1])
    >>> task.id, task.title, [(r.unit, r.role) for r in task.responsibilities]
    ('doc:x#二、', '扩大开放', [('unit:大连市/大连市商务局', 'responsible'), ('unit:大连市/大连市外办', 'responsible')])
    >>> sorted(ctx.units)
    ['unit:大连市/大连市商务局', 'unit:大连市/大连市外办']
    """
    norm, text = ctx.norm, ctx.text
    body = it.body
    while body < it.end and norm[body] in " \n":
        body += 1
    # A heading naming whose work its items are (省监察厅牵头的工作) stays the task's title.
    lo, hi = it.body, it.end
    given = anns + within if within else anns
    if len(given) > 1:  # (one annotation is no repeat: no dictionary)
        given = list({id(a): a for a in given}.values())
    inside = [a for a in given if lo <= a.start < hi and a.form != "heading"]
    if len(inside) > 1:
        inside.sort(key=_START)
    first_ann = inside[0].start if inside else hi
    title = None
    head_end = _gap_at(norm, body, first_ann)
    head = norm[body:head_end].strip()
    rest = norm[head_end:first_ann].strip()
    if it.style not in ("row", "para") and head and len(head) <= 50 and not _SENTENCE_MARK.search(head) and (
        rest or it.children or not anns
    ):
        title = text[body:head_end].strip()
        body = head_end
    pieces = []
    cursor = body
    for a in inside:  # (sorted by start)
        pieces.append(text[cursor : a.start])
        cursor = max(cursor, a.end)
    end = it.end
    while end > cursor and norm[end - 1] in " \n":
        end -= 1
    tail = text[cursor:end]
    if _only_trail(norm[cursor:end] if ctx.plain else normalize(tail)):
        end = cursor  # what follows the last annotation is not the task's (a stray mark, a page end)
    else:
        pieces.append(tail)
    own = "".join(pieces).strip()
    span_end = max([a.end for a in anns] + [end])
    closing = [a for a in anns if a.form != "heading"] or anns  # a heading's lead is written above the task
    task = Task(
        id=f"{doc_id}#{_normal_number(number)}",
        number=number,
        text=own,
        span=(it.start, span_end),
        title=title,
        annotation_span=(min(a.start for a in closing), max(a.end for a in closing)) if anns else None,
    )
    for ann in anns:
        ctx.warnings += ann.warnings
        first_lead = bool(ann.notes) and any(ctx.grammar.first_leads.search(n) for n in ann.notes) or (
            bool(ctx.lead_scopes) and in_scopes(ann.start, ctx.lead_scopes))
        task.lead_officials += ann.persons
        for part in ann.parts:
            _responsibilities(ctx, task, part, ann, first_lead)
    return task


def _only_trail(text: str) -> bool:
    """``_TRAIL.fullmatch(text)``: whether ``text`` is whitespace and marks only (。;,.|), by
    stripping both from its ends until nothing changes (most such texts are empty or a line
    break: a few string calls, where a pattern's call costs more)."""
    while text:
        rest = text.strip().strip(_TRAIL_MARKS)
        if rest == text:
            return False
        text = rest
    return True


def _gap_at(norm: str, start: int, stop: int) -> int:
    """Where ``_GAP.search(norm, start, stop)`` finds a space or a line break, ``stop`` for none: by
    two ``str.find`` (a pattern's call costs more than both, and its scan tests every character)."""
    space, brk = norm.find(" ", start, stop), norm.find("\n", start, stop)
    if space < 0:
        return brk if brk >= 0 else stop
    return space if brk < 0 or space < brk else brk


# A task's number normalised, by the number as written: plans number their tasks alike (一、(一)).
_NUMBERS: dict[str, str] = {}


def _normal_number(number: str) -> str:
    found = _NUMBERS.get(number)
    return found if found is not None else remembered(_NUMBERS, number, lambda: normalize(number))


def _responsibilities(ctx: TaskContext, task: Task, part: Part, ann: Annotation, first_lead: bool) -> None:
    g = gazetteer()
    side_names = ctx.side_names
    side_of_part = part_side(part, ann, ctx.sides, ctx.grammar, ctx.warnings, side_names)
    level: str | None = None
    # (mentions are normalised text; a lone name shares nothing)
    heads = _shared_heads([p.text for p, _ in part.mentions], side_names) if len(part.mentions) > 1 else _NO_HEAD
    unsplit = part.siblings == 1 and len(side_names) > 1
    for k, (piece, notes) in enumerate(part.mentions):
        name = piece.text
        side = side_of_part
        if unsplit:
            # Units of both sides in one unsplit list (a table cell): a full name says its side.
            named = g.side_of(g.named_region(name), side_names)
            if named and named != side:
                side, level = named, None
        # A rank note (第一责任单位为牵头单位) picks a lead among several listed units; a lone unit
        # stays responsible.
        ranked = first_lead and k == 0 and len(part.mentions) > 1
        role: Role = "lead" if ranked and part.role == "responsible" else part.role
        meanings = [m for n in notes for m in ctx.grammar.note_meanings(n)] if notes else ()
        if "lead" in meanings:  # 市发改委(牵头)、市财政局(配合)
            role = "lead"
        elif "support" in meanings:
            role = "support"
        if heads[k]:  # 海东市、兰州市、临夏州发展改革部门: each region's 发展改革部门
            side = g.side_of(name, side_names) or side
        start, stop = piece.start, piece.stop
        span = (start, stop if stop is not None else start + len(name))  # (`Piece.end` without the call)
        level = _add(ctx, task, side, name, span, role, level, heads[k])
        # 各市政府〈含沈抚示范区管委会,下同〉: the group includes a unit, here and (下同) later. A
        # group included in a group (〈含开发区管委会〉) adds no unit.
        included = ctx.included.get((side, name), []) if ctx.included else []
        for note in notes:
            m = _INCLUDES.match(note)
            if m:
                included = [x for x in _INCLUDED_SEPARATOR.split(m.group(1)) if x]
                if "下同" in note:
                    ctx.included[(side, name)] = included
            m = _SHORT_FOR.search(note)
            if m and task.responsibilities:
                ctx.short_names[(side, m.group(1))] = task.responsibilities[-1].unit
        for extra in included:
            if ctx.grammar.is_placeholder(extra):
                continue
            at = ctx.norm.find(extra, piece.start, piece.end + 80)
            extra_span = (at, at + len(extra)) if at >= 0 else (piece.start, piece.end)
            _add(ctx, task, side, extra, extra_span, role, None)


_NO_HEAD = ("",)  # `_shared_heads` of one name

# Whether a name is a bare region (海东市) on a plan's sides: asked for every name of every list.
_BARE: dict[tuple[str, tuple[str, ...]], bool] = {}


def _bare(name: str, sides: tuple[str, ...]) -> bool:
    """Whether ``name`` is a bare region (海东市) on the plan's ``sides`` (remembered)."""
    return remembered(_BARE, (name, sides),
                      lambda: gazetteer().region_prefix(name, sides) == name or name in sides)


def _shared_heads(names: list[str], sides: tuple[str, ...]) -> list[str]:
    """For each name of a list that is a bare region (海东市) followed later by a region with a
    department (临夏州发展改革部门), that department: the list shares it. Empty strings elsewhere."""
    out = [""] * len(names)
    if len(names) < 2:
        return out  # (a lone name shares nothing)
    bare = [_bare(name, sides) if (hit := _BARE.get((name, sides))) is None else hit for name in names]
    if True not in bare:
        return out
    g = gazetteer()
    head = ""  # the department of the first name after k that has one
    for k in range(len(names) - 1, bare.index(True) - 1, -1):  # from the end: one pass, not one per bare name
        if bare[k]:
            out[k] = head
        region = g.region_prefix(names[k], sides)
        if region and len(names[k]) > len(region):
            head = names[k][len(region):]
    return out


def _respond(ctx: TaskContext, task: Task, resp: Responsibility) -> None:
    """Add ``resp`` to ``task`` unless the task names its unit already: a unit named twice in one
    task has one responsibility, the first."""
    if ctx.naming is None or ctx.naming[0] is not task:
        ctx.naming = (task, {r.unit for r in task.responsibilities})
    named = ctx.naming[1]
    if resp.unit not in named:
        named.add(resp.unit)
        task.responsibilities.append(resp)


def _add(ctx: TaskContext, task: Task, side: str | None, name: str, span: Span, role: Role,
         level: str | None, head: str = "") -> str | None:
    """Add one responsibility to ``task``; returns the level (市/省/区) the next mention may inherit.
    ``head`` is a department a bare region name shares with a later name of its list."""
    # The text as written where its normalised form is the name (the document's normalised text,
    # when it was normalised by the built-in grammar as this is).
    seen = ctx.norm[span[0] : span[1]] if ctx.plain else normalize(ctx.text[span[0] : span[1]])
    written = ctx.text[span[0] : span[1]] if seen == name else name
    if head:
        name = name + head
    if not ctx.short_names:
        hit = ctx.resolved.get((name, side, level))
        if hit is not None:  # met before in this plan: its unit made, its aliases added, no warning
            uid, after, collective = hit
            _respond(ctx, task, Responsibility(written, uid, side, role, collective, span))
            return after
    if ctx.grammar.is_placeholder(name):
        uid = group_id(side, name)
        if uid not in ctx.units:
            ctx.units[uid] = Unit(uid, name, side, collective=True)
        _respond(ctx, task, Responsibility(written, uid, side, role, True, span))
        if not ctx.short_names:
            ctx.resolved[(name, side, level)] = (uid, level, True)
        return level
    # (the cheap tests first: most names are short and hold neither mark)
    warned = (len(name) > 25 or "。" in name or ":" in name) and not ctx.grammar.looks_like_unit(name)
    if warned:
        ctx.warnings.append((f"could not split the annotation cleanly near {written[:20]!r}", span))
    side_names = ctx.side_names
    # 市商务局(市粮食和物资储备局), 县发改局(粮食局): one office under two names; the first names it.
    second = _SECOND_NAME.fullmatch(name) if name.endswith(")") else None
    base = name
    if second and all(ctx.grammar.has_unit_end(x) for x in second.groups()):
        base = second.group(1)
    given = level
    key = (base, side, side_names, level)
    found = ctx.canonical.get(key)
    if found is None:
        found = ctx.aliases.answers.get(key)  # (met in an earlier plan: a hit without the call and the closure)
        if found is None:
            found = remembered(ctx.aliases.answers, key,
                               lambda: canonical_unit(base, side, side_names, level, ctx.aliases))
        ctx.canonical[key] = found
    canonical, full, level = found
    uid = (ctx.short_names and (ctx.short_names.get((side, name)) or ctx.short_names.get((side, base)))
           ) or unit_id(side, canonical)
    unit = ctx.units.get(uid)
    if unit is None:
        unit = ctx.units[uid] = Unit(uid, canonical, side)
    names: tuple[str, ...] = (full, name, canonical)
    if base != name and second:
        other = canonical_unit(second.group(2), side, side_names, level, ctx.aliases)[0]
        ctx.short_names[(side, second.group(2))] = ctx.short_names[(side, other)] = uid
        names += (full + name[len(base):], other)
    for alias in names:
        if alias != unit.name and alias not in unit.aliases:
            unit.aliases.append(alias)
    _respond(ctx, task, Responsibility(written, uid, side, role, False, span))
    if not ctx.short_names and not warned and not second:
        ctx.resolved[(name, side, given)] = (uid, level, False)
    return level
