"""Adding one document's extraction to the graph tables, read from its row (`Record.to_row`).

`GraphBuilder.add_row`: the same tables as `GraphBuilder.add` of ``Extraction.from_row(row)``
(tests/graph/test_from_rows.py holds the two equal), without making the records; `add` itself
is `add_row` of the extraction's row, so the rules of adding live here only. Reading the
row's lists directly saves an object and a dict for each of a plan's hundreds of tasks and
responsibilities, which a process receiving rows (a worker's, the extraction cache's) would
make only to read them once: ``from_row`` then `add` cost 7.5 million instructions a plan of
the generated corpus, `add_row` 4.2 million (callgrind, 100 plans, marshal's loads aside), and
2.9 million with its per-task and per-unit look-ups and calls written out (round 10b).

The rows are unpacked by position: `ROW_FIELDS` lists each record's fields in their order in
`graphmodel.model` (a test holds them to it).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import chain, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from graphmodel.errors import GraphError
from graphmodel.graph.edge_rows import ResponsibleRows
from graphmodel.graph.schema import ROLE_RANK, side_id
from graphmodel.identity import task_number
from graphmodel.model import Extraction, ExtractionWarning

if TYPE_CHECKING:
    from graphmodel.graph.construct import _Tables

__all__ = ["ExtractionRow"]

ROW_FIELDS = {
    "Extraction": ("document", "tasks", "units", "places", "pairings", "warnings"),
    "DocumentInfo": ("id", "title", "sides", "source", "date", "issuers", "sha256"),
    "Side": ("name", "short"),
    "Task": ("id", "number", "text", "span", "parent", "title", "responsibilities", "places",
             "lead_officials", "annotation_span"),
    "Responsibility": ("mention", "unit", "side", "role", "collective", "span", "correction"),
    "Unit": ("id", "name", "side", "aliases", "collective", "district", "correction"),
    "Place": ("id", "kind", "name", "side", "aliases", "spans", "parent"),
    "Pairing": ("kind", "a", "b", "task", "span"),
}


class ExtractionRow:
    """One document's extraction as its row (`Extraction.to_row`), as a worker process sends
    it: for a caller that adds it to a graph (`GraphBuilder.add_row`) and reads only a few of
    its values, so its records are never made.

    Parameters
    ----------
    row : list
        The row, as `Extraction.to_row` makes it (lists where it has tuples are read alike).

    Examples
    --------
    >>> from graphmodel.model import DocumentInfo, Extraction
    >>> got = ExtractionRow(Extraction(DocumentInfo("d1", "计划", [], source="a.txt")).to_row())
    >>> got.document_id, got.title, got.source, got.unit_names(), got.warnings()
    ('d1', '计划', 'a.txt', [], [])
    """

    __slots__ = ("row",)

    def __init__(self, row: list[Any]) -> None:
        self.row = row

    @property
    def document_id(self) -> str:
        """The document's id."""
        return self.row[0][0]  # type: ignore[no-any-return]

    @property
    def title(self) -> str | None:
        """The document's title."""
        return self.row[0][1]  # type: ignore[no-any-return]

    @property
    def source(self) -> str | None:
        """Where the document was read from."""
        return self.row[0][3]  # type: ignore[no-any-return]

    def unit_names(self) -> list[str]:
        """Each unit's name and then its aliases, in the order of the extraction's units."""
        return [n for unit in self.row[2] for n in (unit[1], *unit[3])]

    def warnings(self) -> list[ExtractionWarning]:
        """The extraction's warnings."""
        return [ExtractionWarning.from_row(w) for w in self.row[5]]

    def extraction(self) -> Extraction:
        """The extraction itself, its records made."""
        return Extraction.from_row(self.row)


_first = itemgetter(0)  # a row's id (sorting by it: a C function, not a Python one, per row)


def _span_attrs(span: Any) -> dict[str, int]:
    return {"start": span[0], "end": span[1]} if span is not None else {}


def _by_id(tasks: list[Any], doc_id: str) -> Iterator[Any]:
    """The task rows sorted by id: by what follows their document's id when every id starts so
    (ids of one plan share it, about 40 characters compared a character at a time in each of
    the sort's comparisons), else by the whole id."""
    prefix = f"{doc_id}#"
    ids = list(map(_first, tasks))
    if not all(map(str.startswith, ids, repeat(prefix))):
        return iter(sorted(tasks, key=_first))
    cut = len(prefix)
    ends = [i[cut:] for i in ids]
    return map(tasks.__getitem__, sorted(range(len(ends)), key=ends.__getitem__))


def _add_side(tables: _Tables, name: str, short: str | None, where: str) -> str:
    if short is None:
        sid = tables.sides_here.get(name)
        if sid is not None:  # added for this document already: adding it again changes nothing
            return sid
    sid = side_id(name)
    tables.put_node(sid, "Side", {"name": name, "short": short}, where)
    tables.sides_here[name] = sid
    return sid


def add_row(row: list[Any], tables: _Tables) -> None:
    """Add the extraction whose row is ``row`` to ``tables`` (a document not added before)."""
    document, tasks, units, places_row, pairings, _ = row
    doc_id, title, sides, source, date, _, sha256 = document
    edges = tables.edges
    where = f"document {doc_id}"
    tables.sides_here = {}
    tables.put_node(doc_id, "Document", {
        "title": title,
        "date": date,
        "source": source,
        "sha256": sha256,
        "sides": [name for name, _ in sides],
    }, where)
    for name, short in sides:
        _add_side(tables, name, short, where)

    places = {p[0]: p for p in places_row}
    for place in sorted(places_row, key=_first):
        _add_place(place, places, tables, where)

    # Each unit id of the row -> the one object of that id (see the tasks' loop): a responsibility's
    # unit is looked up here, in a dict of the plan's few units, not in the tables' shared values
    # (millions at 10,000 plans), and one look-up both shares it and checks it is listed.
    unit_ids: dict[str, str] = {}
    real: set[str] = set()  # the units that are not groups
    share = tables.values.setdefault
    nodes = tables.nodes
    owners_of = tables.owners
    doc = tables.doc
    sides_here = tables.sides_here
    for unit_id, name, side, aliases, collective, district, _ in sorted(units, key=_first):
        unit_id = unit_ids[unit_id] = share(unit_id, unit_id)
        if collective:
            tables.put_node(unit_id, "Group", {"name": name, "side": side}, where)
            continue
        real.add(unit_id)
        aliases = sorted(set(aliases))
        node = nodes.get(unit_id)
        if node is None or node["kind"] != "Unit":
            tables.put_node(unit_id, "Unit", {"name": name, "side": side, "aliases": aliases}, where)
        else:  # `put_node`'s merge written out: most of a plan's units an earlier plan added
            owners = owners_of.setdefault(unit_id, {})
            if name is not None and ("name" not in node or doc < owners.get("name", doc)):
                node["name"] = name
                owners["name"] = doc
            if side is not None and ("side" not in node or doc < owners.get("side", doc)):
                node["side"] = side
                owners["side"] = doc
            have = node.get("aliases")
            if have != aliases:  # both sorted and distinct: the same aliases again change nothing
                node["aliases"] = sorted(set(have or ()) | set(aliases))
        if side is not None:
            sid = sides_here.get(side)
            key = (unit_id, sid if sid is not None else _add_side(tables, side, None, where), "IN")
            if key not in edges:  # most are there already: no empty dict made and dropped
                edges[key] = {}
        if district is not None:
            if district not in places:
                raise GraphError(f"{where}: unit {name} lies in {district!r}, which it does not list")
            edges.setdefault((unit_id, district, "IN"), {})

    task_ids = {t[0] for t in tasks}
    here: list[tuple[int, str, list[str]]] = []
    # The tasks' loop is written out here, not a call a task: what it reads of the tables is
    # looked up once a plan, not once a task (a plan holds about 60 tasks and 250
    # responsibilities; a function a task and its look-ups were a sixth of adding).
    numbers = tables.numbers
    # The RESPONSIBLE_FOR data kept as columns of numbers (`ResponsibleRows`): the edge's entry
    # in the edge table is its row's number, its values numbered here, while the workers
    # extract the next plans, not in the serial end of a build.
    rf = tables.rf
    pending = rf.pending  # flushed once a plan, at the end
    code = rf.codes  # each value's number, looked up (a value not numbered yet: `rf.add`)
    document = rf.code(doc_id)
    n = (len(rf.table) + len(pending)) // 5  # the next row's number
    annotated = 0
    for task in _by_id(tasks, doc_id):
        task_id, written, text, span, parent, title, responsibilities, mentioned, lead_officials, _ = task
        number = numbers.get(written)
        if number is None:  # numbers repeat across plans: each written form is normalised once
            normal = task_number(written)
            number = numbers[written] = share(normal, normal)
        start, end = span if span is not None else (0, 0)
        start = share(start, start)
        end = share(end, end)
        if task_id in nodes or text is None:  # added twice, or with values left out: the long way
            _put_task(tables, task_id, doc_id, number, title, text, start, end, lead_officials, where)
        elif title is None:  # what put_node would store for a new task (its id is its document's)
            nodes[task_id] = {"kind": "Task", "document": doc_id, "number": number, "text": text,
                              "start": start, "end": end, "lead_officials": list(lead_officials)}
        else:
            nodes[task_id] = {"kind": "Task", "document": doc_id, "number": number, "title": title,
                              "text": text, "start": start, "end": end, "lead_officials": list(lead_officials)}
        if parent is None:
            edges[task_id, doc_id, "PART_OF"] = {"document": doc_id}
        elif parent in task_ids:
            edges[task_id, parent, "PART_OF"] = {"document": doc_id}
        else:
            raise GraphError(f"{where}: task {written} has the parent {parent!r}, which it does not list")

        if responsibilities:
            annotated += 1  # a task is added once: its id is its document's
        mine: list[str] = []  # the task's real units, in the order first named
        for mention, unit, _, role, _, at, correction in responsibilities:
            # One object for each unit id, not one for each responsibility of each plan: a copy
            # each (from the row) is millions of strings at 10,000 plans, each compared in full
            # wherever an edge's source is looked up.
            shared = unit_ids.get(unit)
            if shared is None:
                raise GraphError(f"{where}: task {written} names the unit {unit!r}, "
                                 "which the extraction does not list")
            old = edges.setdefault((shared, task_id, "RESPONSIBLE_FOR"), n)
            if old == n:
                # A new edge: its unit not named before for this task, so not in ``mine``
                # (no scan of it).
                if shared in real:
                    mine.append(shared)
                try:  # most values were numbered by an earlier plan: a plain dict's look-up
                    if at is None:
                        pending += (code[role], code[mention], document, -1, -1)
                    else:
                        a, b = at
                        pending += (code[role], code[mention], document, code[a], code[b])
                except KeyError:
                    rf.add(role, mention, doc_id, at)
                if correction is not None:  # FILE:LINE of the correction behind it
                    rf.corrections[n] = correction
                n += 1
            else:  # named again here, or for a task of this id before (a task twice)
                if shared in real and shared not in mine:
                    mine.append(shared)
                _named_again(rf, old, role, mention, document, at, correction)

        for place_id in mentioned:
            place = places.get(place_id)
            if place is None:
                raise GraphError(f"{where}: task {written} mentions {place_id!r}, which it does not list")
            inside = [s for s in place[5] if start <= s[0] < end]  # its spans
            edges.setdefault((task_id, place_id, "MENTIONS"),
                             {"document": doc_id, **_span_attrs(min(inside) if inside else None)})
        if mine:
            here.append((start, task_id, mine))
    tables.annotated += annotated
    if here:
        # By (start, id): by start, stably, as the tasks came in id order (ints compared,
        # not tuples; a task twice keeps its places in the row rather than its units compared).
        here.sort(key=_first)
        tables.task_units[doc_id] = (list(map(itemgetter(1), here)), list(map(len, map(itemgetter(2), here))),
                                     list(chain.from_iterable(map(itemgetter(2), here))))

    known = unit_ids.keys() | places.keys()
    for kind, a, b, task_id, span in pairings:
        for end in (a, b):
            if end not in known:
                raise GraphError(f"{where}: a pairing names {end!r}, which the extraction does not list")
        if task_id is not None and task_id not in task_ids:
            raise GraphError(f"{where}: a pairing refers to the task {task_id!r}, which it does not list")
        attrs = {"kind": kind, "document": doc_id, **_span_attrs(span)}
        if task_id is not None:
            attrs["task"] = task_id
        tables.put_pairing((a, b, "PAIRED_WITH"), attrs)
    tables.rf.flush()


def _add_place(place: list[Any], places: dict[str, list[Any]], tables: _Tables, where: str) -> None:
    place_id, kind, name, side, aliases, _, parent = place
    tables.put_node(place_id, "District" if kind == "district" else "Park",
                    {"name": name, "side": side, "aliases": sorted(set(aliases))}, where)
    if parent is not None:
        if parent not in places:
            raise GraphError(f"{where}: place {name} lies in {parent!r}, which it does not list")
        tables.edges.setdefault((place_id, parent, "IN"), {})
    elif side is not None:
        tables.edges.setdefault((place_id, _add_side(tables, side, None, where), "IN"), {})


def _put_task(tables: _Tables, task_id: str, doc_id: str, number: str, title: str | None, text: str | None,
              start: int, end: int, lead_officials: list[str], where: str) -> None:
    """Add a task's node by `put_node`: one added before (then merged), or with values left out."""
    if task_id in tables.nodes:
        tables.task_twice = True
    tables.put_node(task_id, "Task", {
        "document": doc_id,
        "number": number,
        "title": title,
        "text": text,
        "start": start,
        "end": end,
        "lead_officials": list(lead_officials),
    }, where)


def _named_again(rf: ResponsibleRows, old: int, role: str, mention: str, document: int, at: Any,
                 correction: str | None) -> None:
    """A unit named twice for one task keeps its strongest role, then its first mention: row
    ``old`` replaced by this responsibility's when it comes first so."""
    code = rf.code
    values = rf.values
    flushed = len(rf.table) // 5
    table: Any = rf.table if old < flushed else rf.pending  # a row of an earlier plan, or of this one
    at_row = 5 * (old if old < flushed else old - flushed)
    old_role, _, _, old_start, _ = table[at_row:at_row + 5]
    if (ROLE_RANK[role], at[0] if at is not None else -1) < (
            ROLE_RANK[values[old_role]], values[old_start] if old_start >= 0 else -1):
        spans = (code(at[0]), code(at[1])) if at is not None else (-1, -1)
        new = (code(role), code(mention), document, *spans)
        table[at_row:at_row + 5] = array("i", new) if table is rf.table else list(new)
        if correction is not None:
            rf.corrections[old] = correction
        else:
            rf.corrections.pop(old, None)
