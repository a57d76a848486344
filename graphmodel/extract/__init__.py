"""Extraction: a plan's text in, its tasks, units, sides, places and pairings out.

>>> from graphmodel.extract import extract
>>> ex = extract(text, source="plan.txt")          # doctest: +SKIP
>>> ex.to_dict()["schema"]                          # doctest: +SKIP
'graphmodel.extraction/1'

Deterministic and offline: the same text gives the same JSON and the same ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from graphmodel.errors import InputError, NoAnnotationsError, UnbalancedBracketError
from graphmodel.extract.annotations import Annotation, Part, find_annotations, unit_list
from graphmodel.extract.document import (
    find_date,
    find_issuers,
    find_title,
    make_sides,
    mention_region,
    title_regions,
)
from graphmodel.extract.names import is_collective, looks_like_unit
from graphmodel.extract.outline import Item, insert_items, parse_outline
from graphmodel.extract.places import PlaceFinder
from graphmodel.extract.regions import side_of_region
from graphmodel.extract.tables import Table, find_tables, table_lines
from graphmodel.extract.text import normalize
from graphmodel.extract.units import AliasTable, builtin_aliases, canonical_unit, group_id, unit_id
from graphmodel.model import (
    DocumentInfo,
    Extraction,
    Responsibility,
    Role,
    Side,
    Task,
    Unit,
    Warning,
)

__all__ = ["extract", "AliasTable", "builtin_aliases"]

_FIRST_IS_LEAD = re.compile(r"(?:排名|排序|排在|列)?第一(?:位|个|家)?(?:的|单位)?为牵头|第一.{0,4}牵头")


@dataclass
class _Context:
    norm: str
    text: str
    sides: list[Side]
    aliases: AliasTable
    source: str | None
    units: dict[str, Unit]
    warnings: list[Warning]
    lead_scopes: list[tuple[int, int]]  # where a note says the first unit listed leads
    included: dict[tuple[str | None, str], list[str]] = field(default_factory=dict)  # 含X,下同
    short_names: dict[tuple[str | None, str], str] = field(default_factory=dict)  # 以下简称X → unit id


def extract(text: str, *, source: str | None = None, aliases: AliasTable | None = None) -> Extraction:
    """Extract one work plan.

    Parameters
    ----------
    text : str
        The document's text as read (see `loaders.documents.read_document`).
    source : str, optional
        Where the text came from; names the document when it has no title, and names the file
        in error messages.
    aliases : AliasTable, optional
        Extra aliases (a user's file) merged over the built-in table.

    Returns
    -------
    Extraction

    Raises
    ------
    InputError
        The text is empty.
    NoAnnotationsError
        No responsibility annotation anywhere.
    UnbalancedBracketError
        An annotation's bracket never closes.
    """
    where = source or "document"
    if not text.strip():
        raise InputError(f"{where}: the document is empty")
    table = builtin_aliases().merged(aliases) if aliases else builtin_aliases()
    norm = normalize(text)
    tables = find_tables(norm, text)
    items = parse_outline(norm, exclude=table_lines(tables))
    front = norm[: min([it.start for it in items] + [t.start for t in tables] + [len(norm)])]
    title = find_title(front)
    date, date_at = find_date(front, norm[-600:])
    issuers = find_issuers(front, date_at)

    try:
        found = {id(it): find_annotations(norm, it.body, it.end) for it in items}
    except UnbalancedBracketError as exc:
        raise UnbalancedBracketError(f"{where}: {exc}", exc.position) from None
    rows = _table_rows(items, tables)
    found.update({id(item): anns for item, _parent, anns in rows})
    items = insert_items(items, [(item, parent) for item, parent, _anns in rows])
    annotations = [found[id(it)] for it in items]
    if not any(annotations):
        raise NoAnnotationsError(
            f"{where}: no responsibility annotations found (责任单位 / 牵头单位 / 配合单位 / (X牵头) forms)"
        )
    moved = _lift_trailing_annotations(items, annotations)
    lead_scopes = _first_is_lead_scopes(norm, items)

    sides = _detect_sides(title, issuers, annotations)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = "doc:" + (normalize(title) if title else (PurePath(source).stem if source else sha[:12]))
    ctx = _Context(norm, text, sides, table, source, {}, [], lead_scopes)
    finder = PlaceFinder([s.name for s in sides])

    tasks: list[Task] = []
    numbers: list[str] = []
    for k, it in enumerate(items):
        written = re.sub(r"\s+", "", text[it.start : it.body])
        number = (numbers[it.parent] if it.parent is not None else "") + written
        numbers.append(number)
        task = _task(ctx, it, number, doc_id, annotations[k], moved.get(k, []))
        task.parent = tasks[it.parent].id if it.parent is not None else None
        tasks.append(task)

    for task in tasks:  # districts and parks in unit names (浦东新区司法局), first: they lead park names
        for r in task.responsibilities:
            if not r.collective:
                unit = ctx.units[r.unit]
                pid = finder.scan_unit(unit.name, unit.side, r.span)
                if pid and unit.district is None:
                    unit.district = pid
    units = sorted(ctx.units.values(), key=lambda u: u.id)
    own_spans = [_own_text_spans(it, annotations[k] + moved.get(k, [])) for k, it in enumerate(items)]
    for _ in range(2):  # the first pass learns districts, whose short names lead park names
        for task, spans in zip(tasks, own_spans, strict=True):
            task.places = sorted({pid for a, b in spans for pid in finder.scan_text(norm[a:b], a)})
    pairings = []
    for task, spans in zip(tasks, own_spans, strict=True):
        for a, b in spans:
            pairings += finder.pairings(norm[a:b], a, task.id)

    info = DocumentInfo(
        id=doc_id,
        title=title,
        sides=sides,
        source=source,
        date=date,
        issuers=issuers,
        sha256=sha,
    )
    places = sorted(finder.places.values(), key=lambda p: p.id)
    for p in places:
        p.spans.sort()
    return Extraction(info, tasks, units, places, pairings, ctx.warnings)


def _table_rows(items: list[Item], tables: list[Table]) -> list[tuple[Item, int | None, list[Annotation]]]:
    """Each table row as an outline item under the item the table follows, with its annotation."""
    out = []
    for table in tables:
        for k, row in enumerate(table.rows, 1):
            # A row belongs to the heading above it, in the table (一、数字化改革) or before it.
            before = [i for i, it in enumerate(items) if it.start < row.start]
            parent = before[-1] if before else None
            depth = items[parent].depth + 1 if parent is not None else 0
            item = Item("row", k, row.start, row.text.start, row.end, depth)
            ann = Annotation(row.text.end, row.end, "table")
            for role, cell, label in row.roles:
                parts, notes = unit_list(cell, role)
                for part in parts:
                    part.side_label = part.side_label or label
                ann.parts += parts
                ann.notes += notes
            out.append((item, parent, [ann] if ann.parts else []))
    return out


def _lift_trailing_annotations(items: list[Item], annotations: list[list[Annotation]]) -> dict[int, list[Annotation]]:
    """(二)… (1)… (2)… (责任单位:X): an annotation after the last of several unannotated
    children belongs to their parent. Returns, per child, the annotations moved away from it."""
    moved: dict[int, list[Annotation]] = {}
    for k, it in enumerate(items):
        kids = it.children
        if len(kids) < 2 or annotations[k] or items[kids[-1]].children:
            continue
        if annotations[kids[-1]] and not any(_annotated(items, annotations, c) for c in kids[:-1]):
            moved[kids[-1]] = annotations[kids[-1]]
            annotations[k] = annotations[kids[-1]]
            annotations[kids[-1]] = []
    return moved


def _annotated(items: list[Item], annotations: list[list[Annotation]], k: int) -> bool:
    """Whether item ``k`` or any item under it carries an annotation."""
    return bool(annotations[k]) or any(_annotated(items, annotations, c) for c in items[k].children)


def _first_is_lead_scopes(norm: str, items: list[Item]) -> list[tuple[int, int]]:
    """Where a note such as (排名第一的为牵头单位,下同) holds: to the end with 下同, else its item's subtree."""
    scopes = []
    # Said once in the notice or a paragraph of its own (…排名第一的为牵头处室。): from there on.
    for m in re.finditer(r"[^。\n()]{1,60}", norm):
        bracketed = m.start() > 0 and norm[m.start() - 1] == "(" and norm[m.end() : m.end() + 1] == ")"
        if not bracketed and _FIRST_IS_LEAD.search(m.group()):
            scopes.append((m.start(), len(norm)))
            break
    for m in re.finditer(r"\(([^()]{0,40})\)", norm):
        if not _FIRST_IS_LEAD.search(m.group(1)):
            continue
        if "下同" in m.group(1):
            scopes.append((m.start(), len(norm)))
            continue
        owner = [it for it in items if it.start <= m.start() < it.end]
        if owner:
            it = owner[-1]
            later = [o.start for o in items if o.start > it.start and o.depth <= it.depth]
            scopes.append((m.start(), min(later, default=len(norm))))
    return scopes


def _detect_sides(title: str | None, issuers: list[str], annotations: list[list[Annotation]]) -> list[Side]:
    part_votes: list[Counter[str]] = [Counter(), Counter()]
    all_votes: Counter[str] = Counter()
    for anns in annotations:
        for ann in anns:
            for part in ann.parts:
                for piece, _ in part.mentions:
                    region = mention_region(normalize(piece.text))
                    if not region:
                        continue
                    all_votes[region] += 1
                    if part.siblings >= 2 and part.position is not None and part.position < 2:
                        part_votes[part.position][region] += 1
    return make_sides(title_regions(normalize(title) if title else None), part_votes, all_votes, issuers)


def _side_of(region: str | None, sides: list[Side]) -> str | None:
    return side_of_region(region, [s.name for s in sides])


def _side_of_level(name: str, sides: list[Side]) -> str | None:
    """省人社厅 in a plan of 天津市 and 甘肃省 is the province's: the one side of that level."""
    level = name[:1]
    if level not in "省市" or name.startswith(("市场", "省会")):
        return None
    found = [s.name for s in sides if s.name.endswith(level)]
    return found[0] if len(found) == 1 else None


def _labelled_side(label: str, sides: list[Side]) -> str | None:
    """The side a label such as 上海 / 沪方 / 连方 / 大连市 names, if exactly one."""
    label = re.sub("(?:方面|方)$", "", label)
    found = [s.name for s in sides
             if label in (s.name, s.short, s.name[:-1]) or (len(label) == 1 and label in (s.short or ""))]
    return found[0] if len(found) == 1 else None


def _part_side(ctx: _Context, part: Part, ann: Annotation) -> str | None:
    if not ctx.sides:
        return None
    if len(ctx.sides) == 1:
        return ctx.sides[0].name
    if part.side_label:
        labelled = _labelled_side(part.side_label, ctx.sides)
        if labelled:
            return labelled
    votes: Counter[str] = Counter()
    for piece, _ in part.mentions:
        side = _side_of(mention_region(normalize(piece.text)), ctx.sides) or _side_of_level(piece.text, ctx.sides)
        if side:
            votes[side] += 1
    default = None
    if part.siblings >= 2 and part.position is not None and part.position < len(ctx.sides):
        default = ctx.sides[part.position].name
    if votes:
        best, n = votes.most_common(1)[0]
        if default is None or (votes[default] == 0 and n > 0):
            return best
    if default is not None:
        return default
    ctx.warnings.append(
        Warning(f"cannot tell which side these units are on; assumed {ctx.sides[0].name}", (ann.start, ann.end))
    )
    return ctx.sides[0].name


def _task(
    ctx: _Context, it: Item, number: str, doc_id: str, anns: list[Annotation], moved: list[Annotation]
) -> Task:
    norm, text = ctx.norm, ctx.text
    body = it.body
    while body < it.end and norm[body] in " \n":
        body += 1
    inside = [a for a in anns + moved if it.body <= a.start < it.end]
    first_ann = min((a.start for a in inside), default=it.end)
    title = None
    m = re.search(r"[ \n]+", norm[body:first_ann])
    head_end = body + m.start() if m else first_ann
    head = norm[body:head_end].strip()
    rest = norm[head_end:first_ann].strip()
    if it.style != "row" and head and len(head) <= 50 and not re.search(r"[。,;]", head) and (
        rest or it.children or not anns
    ):
        title = text[body:head_end].strip()
        body = head_end
    pieces = []
    cursor = body
    for a in sorted(inside, key=lambda x: x.start):
        pieces.append(text[cursor : a.start])
        cursor = max(cursor, a.end)
    end = it.end
    while end > cursor and norm[end - 1] in " \n":
        end -= 1
    tail = text[cursor:end]
    if re.fullmatch(r"[\s。;,.|]*", normalize(tail)):
        end = cursor  # what follows the last annotation is not the task's (a stray mark, a page end)
    else:
        pieces.append(tail)
    own = "".join(pieces).strip()
    span_end = max([a.end for a in anns] + [end])
    task = Task(
        id=f"{doc_id}#{normalize(number)}",
        number=number,
        text=own,
        span=(it.start, span_end),
        title=title,
        annotation_span=(min(a.start for a in anns), max(a.end for a in anns)) if anns else None,
    )
    for ann in anns:
        first_lead = any(_FIRST_IS_LEAD.search(n) for n in ann.notes) or any(
            a <= ann.start < b for a, b in ctx.lead_scopes
        )
        task.lead_officials += ann.persons
        for part in ann.parts:
            _responsibilities(ctx, task, part, ann, first_lead)
    return task


_INCLUDES = re.compile(r"^含(.+?)(?:,?下同)?$")
_SHORT_FOR = re.compile(r"以下简称(.+?)(?:,?下同)?$")


def _responsibilities(ctx: _Context, task: Task, part: Part, ann: Annotation, first_lead: bool) -> None:
    part_side = _part_side(ctx, part, ann)
    level: str | None = None
    for k, (piece, notes) in enumerate(part.mentions):
        name = normalize(piece.text)
        side = part_side
        if part.siblings == 1 and len(ctx.sides) > 1:
            # Units of both sides in one unsplit list (a table cell): a full name says its side.
            named = _side_of(mention_region(name), ctx.sides)
            if named and named != side:
                side, level = named, None
        role: Role = "lead" if first_lead and k == 0 and part.role == "responsible" else part.role
        for note in notes:  # 市发改委(牵头)、市财政局(配合)
            if note in ("牵头", "牵头单位", "牵头负责"):
                role = "lead"
            elif note in ("配合", "配合单位"):
                role = "support"
        level = _add(ctx, task, side, name, (piece.start, piece.end), role, level)
        # 各市政府〈含沈抚示范区管委会,下同〉: the group includes a unit, here and (下同) later.
        included = ctx.included.get((side, name), [])
        for note in notes:
            m = _INCLUDES.match(note)
            if m:
                included = [x for x in re.split("[、,和及]", m.group(1)) if x]
                if "下同" in note:
                    ctx.included[(side, name)] = included
            m = _SHORT_FOR.search(note)
            if m and task.responsibilities:
                ctx.short_names[(side, normalize(m.group(1)))] = task.responsibilities[-1].unit
        for extra in included:
            at = ctx.norm.find(extra, piece.start)
            span = (at, at + len(extra)) if 0 <= at < piece.end + 80 else (piece.start, piece.end)
            _add(ctx, task, side, extra, span, role, None)


def _add(
    ctx: _Context, task: Task, side: str | None, name: str, span: tuple[int, int], role: Role, level: str | None
) -> str | None:
    """Add one responsibility to ``task``; returns the level (市/省/区) the next mention may inherit."""
    written = ctx.text[span[0] : span[1]] if normalize(ctx.text[span[0] : span[1]]) == name else name
    if is_collective(name):
        uid = group_id(side, name)
        if uid not in ctx.units:
            ctx.units[uid] = Unit(uid, name, side, collective=True)
        if not any(r.unit == uid for r in task.responsibilities):
            task.responsibilities.append(Responsibility(written, uid, side, role, True, span))
        return level
    if not looks_like_unit(name) and (len(name) > 25 or re.search(r"[。:]", name)):
        ctx.warnings.append(Warning(f"could not split the annotation cleanly near {written[:20]!r}", span))
    side_names = tuple(s.name for s in ctx.sides)
    canonical, full, level = canonical_unit(name, side, side_names, level, ctx.aliases)
    uid = ctx.short_names.get((side, name)) or unit_id(side, canonical)
    unit = ctx.units.get(uid)
    if unit is None:
        unit = ctx.units[uid] = Unit(uid, canonical, side)
    for alias in (full, name, canonical):
        if alias != unit.name and alias not in unit.aliases:
            unit.aliases.append(alias)
    if not any(r.unit == uid for r in task.responsibilities):  # named twice in one task: one responsibility
        task.responsibilities.append(Responsibility(written, uid, side, role, False, span))
    return level


def _own_text_spans(it: Item, anns: list[Annotation]) -> list[tuple[int, int]]:
    """The stretches of an item that are its own words (title and text, no annotation)."""
    spans = []
    cursor = it.body
    for a in sorted((a for a in anns if it.body <= a.start < it.end), key=lambda x: x.start):
        if a.start > cursor:
            spans.append((cursor, a.start))
        cursor = max(cursor, a.end)
    if cursor < it.end:
        spans.append((cursor, it.end))
    return spans
