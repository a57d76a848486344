"""Extraction: a plan's text in, its tasks, units, sides, places and pairings out.

>>> from graphmodel.extract import extract
>>> ex = extract("2021年大连市重点工作任务分工方案\\n一、推进改革。（牵头单位：市发改委；配合单位：市财政局）")
>>> [(r.mention, r.role) for r in ex.tasks[0].responsibilities]
[('市发改委', 'lead'), ('市财政局', 'support')]

The stages, each a module of its own:

1. ``text``: normalise (one character for one, so spans stay valid) and pair the brackets;
2. ``tables``: task tables; ``recognisers``: every annotation of every form, read with the
   grammar (``grammar``, ``annotations``, ``names``); ``policy``: overlaps settled;
3. ``outline``: the numbered items; ``attach``: each annotation to its task, errors kept local;
4. ``document``, ``sides``: title, date, issuers and the plan's sides; ``notes``: notes that hold
   beyond their annotation;
5. ``tasks``, ``units``: responsibilities with canonical unit names; ``places``: districts, parks
   and stated pairings.

Deterministic and offline: the same text gives the same JSON and the same ids.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable

from graphmodel.errors import InputError, NoAnnotationsError
from graphmodel.extract.annotations import Annotation, mention_names, reads_as_clauses
from graphmodel.extract.attach import attach
from graphmodel.extract.canonical import AliasTable, builtin_aliases
from graphmodel.extract.document import find_date, find_issuers, find_title
from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.memo import remembered
from graphmodel.extract.names import Piece, split_top
from graphmodel.extract.notes import lead_scopes
from graphmodel.extract.outline import Item, enumerator_starts, insert_items, parse_outline
from graphmodel.extract.places import PlaceFinder, may_place
from graphmodel.extract.policy import settle
from graphmodel.extract.recognisers import RECOGNISERS, Doc, recognise
from graphmodel.extract.sides import detect_sides
from graphmodel.extract.tables import Table, find_tables, table_lines
from graphmodel.extract.tasks import TaskContext, build_task, own_text_spans
from graphmodel.extract.text import normalize, pair_brackets, unspaced
from graphmodel.identity import document_id
from graphmodel.model import DocumentInfo, Extraction, ExtractionWarning, Task

__all__ = ["extract", "AliasTable", "builtin_aliases"]

_NUMBER_GAPS = re.compile(r"[\s|]+")  # what a task's number loses: spaces, a row's cell bars


def extract(
    text: str,
    *,
    source: str | None = None,
    aliases: AliasTable | None = None,
    grammar: Grammar | None = None,
    progress: Callable[[float], None] | None = None,
) -> Extraction:
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
    grammar : Grammar, optional
        The annotation grammar; the built-in one (``graphmodel/data/grammar.tsv``) by default.
    progress : callable, optional
        Called with the share of the work done (a float rising from 0 to 1) after each stage and
        as the tasks are built, so a caller can show a progress bar on a long document.

    Returns
    -------
    Extraction
        With a warning (and its span) for everything that could not be read cleanly.

    Raises
    ------
    InputError
        The text is empty.
    NoAnnotationsError
        The text holds no responsibility annotation and none of the grammar's vocabulary: it is
        not a plan.

    Examples
    --------
    >>> plan = "2020年上海市与大连市对口合作计划\\n一、甲。（责任单位：上海市发改委、市统计局；大连市发改委）"
    >>> ex = extract(plan)
    >>> [s.name for s in ex.document.sides]
    ['上海市', '大连市']
    >>> [(u.name, u.side) for u in ex.units]
    [('上海市发展改革委', '上海市'), ('上海市统计局', '上海市'), ('大连市发展改革委', '大连市')]
    """
    where = source or "document"
    if not text.strip():
        raise InputError(f"{where}: the document is empty")
    done = progress or _no_progress
    g = grammar or default_grammar()
    table = builtin_aliases().merged(aliases) if aliases else builtin_aliases()
    norm = normalize(text, g)
    tables = find_tables(norm, text, g)
    doc = Doc(text, norm, g, pair_brackets(norm), tables, enumerators=enumerator_starts(norm))
    done(0.05)
    order = [name for name, _, _ in RECOGNISERS]
    early, settled = settle(recognise(doc, outline=False), order)
    warnings: list[tuple[str, tuple[int, int] | None]] = list(settled)  # some warnings have no place
    done(0.2)
    doc.items = _outline(norm, tables, early)
    done(0.25)
    late = recognise(doc, outline=True, prior=early)
    annotations, more = settle(early + late, order)
    unread = _unread_brackets(doc, annotations)
    warnings += more
    warnings += unread
    done(0.4)
    if not annotations and not unread and not _has_vocabulary(norm, g):
        raise NoAnnotationsError(f"{where}: no responsibility annotations found: not a plan "
                                 "(no 责任单位 / 牵头单位 / 配合单位 / (X牵头) forms)")
    attached = attach(norm, doc.items, annotations)
    warnings += attached.warnings
    items = attached.items
    done(0.55)

    front = norm[: min([it.start for it in items] + [t.start for t in tables] + [len(norm)])]
    title = find_title(front)
    date, date_at = find_date(front, norm[-600:])
    issuers = find_issuers(front, date_at)
    sides = detect_sides(title, issuers, [a for anns in attached.carried for a in anns], g)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = document_id(normalize(title) if title else None, issuers, [s.name for s in sides], date, sha)
    ctx = TaskContext(norm, text, sides, table, g, lead_scopes(norm, items, g, doc.inside_bracket))

    tasks: list[Task] = []
    numbers: list[str] = []
    for k, it in enumerate(items):
        # A row's number without its cell bars ((1) | → (1)); a row with no number is [k].
        written = (f"¶{it.value}" if it.style == "para" else f"[{it.value}]" if it.style == "line" else
                   _written_number(text[it.start : it.body]) or f"[{it.value}]")
        number = (numbers[it.parent] if it.parent is not None else "") + written
        numbers.append(number)
        task = build_task(ctx, it, number, doc_id, attached.carried[k], attached.within[k])
        task.parent = tasks[it.parent].id if it.parent is not None else None
        tasks.append(task)
        if progress is not None:  # (no call per task for nobody)
            done(0.55 + 0.25 * (k + 1) / len(items))
    if not any(t.responsibilities for t in tasks):
        warnings.append(("the document uses the vocabulary of responsibility annotations, but none could be read",
                         None))

    finder = PlaceFinder([s.name for s in sides])
    own_spans = _places(norm, finder, tasks, ctx, items, attached.within)
    done(0.95)
    pairings = []
    for task, spans in zip(tasks, own_spans, strict=True):
        for a, b in spans:
            pairings += finder.pairings(norm[a:b], a, task.id)

    info = DocumentInfo(id=doc_id, title=title, sides=sides, source=source, date=date, issuers=issuers, sha256=sha)
    places = sorted(finder.places.values(), key=lambda p: p.id)
    for p in places:
        p.spans.sort()
    units = sorted(ctx.units.values(), key=lambda u: u.id)
    all_warnings = [ExtractionWarning(m, s) for m, s in warnings + ctx.warnings]
    done(1.0)
    return Extraction(info, tasks, units, places, pairings, _unique(all_warnings))


# An enumerator as written without its gaps, by the enumerator: plans number their tasks alike ((一), 1.).
_WRITTEN: dict[str, str] = {}


def _written_number(raw: str) -> str:
    """``raw`` (an item's enumerator as read) without its spaces and cell bars (remembered)."""
    found = _WRITTEN.get(raw)
    return found if found is not None else remembered(_WRITTEN, raw, lambda: _NUMBER_GAPS.sub("", raw))


def _no_progress(_share: float) -> None:
    pass


def _outline(norm: str, tables: list[Table], annotations: list[Annotation]) -> list[Item]:
    """The numbered items, none inside an annotation or a table; table rows are items too."""
    inside = [(a.start, a.end) for a in annotations if a.form != "table"]
    items = parse_outline(norm, exclude=table_lines(tables), skip=inside)
    rows: list[tuple[Item, int | None]] = []
    starts = [it.start for it in items]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))  # as parse_outline gives them
    for table in tables:
        for k, row in enumerate(table.rows, 1):
            # A row belongs to the heading above it, in the table (一、数字化改革) or before it: the last
            # item that starts before it.
            if ordered:
                last = bisect.bisect_left(starts, row.start) - 1
                parent = last if last >= 0 else None
            else:
                before = [i for i, it in enumerate(items) if it.start < row.start]
                parent = before[-1] if before else None
            depth = items[parent].depth + 1 if parent is not None else 0
            rows.append((Item("row", k, row.start, row.text.start, row.end, depth), parent))
    merged = insert_items(items, rows)
    for it, nxt in zip(merged, merged[1:], strict=False):
        if it.style == "row":  # a row runs to what follows it (a line 省牵头单位:X under a row of cells)
            it.end = max(it.end, nxt.start)
    if merged and merged[-1].style == "row":
        merged[-1].end = len(norm)
    return merged


def _unread_brackets(doc: Doc, annotations: list[Annotation]) -> list[tuple[str, tuple[int, int] | None]]:
    """Brackets outside every annotation that hold responsibility vocabulary or a list of units:
    reported, so that nothing recognisable is dropped in silence."""
    g, norm = doc.grammar, doc.norm
    spans = sorted((a.start, a.end) for a in annotations)
    out: list[tuple[str, tuple[int, int] | None]] = []
    k = 0
    for a, b in doc.bracket_pairs():
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        if k < len(spans) and spans[k][0] <= a < spans[k][1]:
            continue  # inside an annotation: a note, a name's own bracket
        if b - a > 400:
            continue  # prose
        content = norm[a + 1 : b]
        if not content.strip():
            continue
        # Remembered by the bracket's text: most such brackets are enumerators ((一), (1)).
        if g.remember("reads-like-annotation", norm[a : b + 1], lambda t: _reads_like_annotation(t, g)):
            out.append((f"a bracket that reads like an annotation was not read as one: {content[:30]!r}", (a, b + 1)))
    return out


def _reads_like_annotation(bracket: str, g: Grammar) -> bool:
    """Whether a bracket (its text, brackets included) holds responsibility vocabulary, a list of
    units, or clauses with a tail the grammar cannot read, and is not a note."""
    content = bracket[1:-1]
    clauses = _clauses_then_more(Piece(content, 1), g)
    if g.is_note(unspaced(content)) and not clauses:
        return False
    names = mention_names(content, g)  # (the names only: no pieces made)
    listed = len(names) >= 2 and all(g.looks_like_unit(name) for name in names)
    return bool(g.pattern("any-keyword").search(bracket) or listed or clauses)


def _clauses_then_more(piece: Piece, g: Grammar) -> bool:
    """Clauses of units closed by verbs, then text that is none (市发改委牵头,市财政局配合,分批次推进):
    an annotation with a tail this grammar cannot read."""
    verb = g.pattern("verb-end")
    parts = split_top(piece, ",;")
    closing = [k for k, p in enumerate(parts[:-1]) if verb.search(p.text.strip(" \n。"))]
    if not closing:
        return False
    head = parts[closing[-1]]
    return reads_as_clauses(piece.text[: head.end - piece.start], g)


def _has_vocabulary(norm: str, g: Grammar) -> bool:
    """Whether the text uses any keyword of the grammar (a plan whose annotations could not be read
    is reported with warnings, never rejected as having none)."""
    return bool(g.pattern("any-keyword").search(norm))


def _places(norm: str, finder: PlaceFinder, tasks: list[Task], ctx: TaskContext, items: list[Item],
            within: list[list[Annotation]]) -> list[list[tuple[int, int]]]:
    """Districts and parks in unit names and in each task's own text; returns the tasks' own text
    spans (`own_text_spans`), which the pairings are read from too."""
    # (Whether a unit's name may name a place is asked once per unit: most of a plan's name none.)
    placeable = {uid for uid, unit in ctx.units.items() if not unit.collective and may_place(unit.name)}
    for task in tasks:  # districts and parks in unit names (浦东新区司法局), first: they lead park names
        for r in task.responsibilities:
            if not r.collective:
                if r.unit not in placeable:
                    continue  # (`PlaceFinder.scan_unit` finds none)
                unit = ctx.units[r.unit]
                pid = finder.scan_unit(unit.name, unit.side, r.span)
                if pid and unit.district is None:
                    unit.district = pid
            elif r.span:  # 各市(州)、贵安新区数据管理部门: a group's name may name a place too
                finder.scan_text(norm[r.span[0] : r.span[1]], r.span[0])
    own_spans = [own_text_spans(it, anns) for it, anns in zip(items, within, strict=True)]
    for task, spans in zip(tasks, own_spans, strict=True):
        task.places = sorted({pid for a, b in spans for pid in finder.scan_text(norm[a:b], a)})
    return own_spans


def _unique(warnings: list[ExtractionWarning]) -> list[ExtractionWarning]:
    seen: set[tuple[str, tuple[int, int] | None]] = set()
    out = []
    for w in warnings:
        key = (w.message, w.span)
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out
