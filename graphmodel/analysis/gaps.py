"""Gaps: tasks that name units of one side only, tasks that name only placeholders, and
units that have no counterpart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

import networkx as nx

from graphmodel.analysis._scope import Memo, UnitRef, scope, unit_ref
from graphmodel.docstrings import document_functions
from graphmodel.graph import (
    counterpart_edges,
    document_sides,
    node_kind,
    node_side,
    task_document,
    task_number,
    task_order,
    unit_tasks,
)

__all__ = [
    "TaskGap",
    "UnitGap",
    "Gaps",
    "one_sided_tasks",
    "placeholder_tasks",
    "units_without_counterpart",
    "gaps",
]


@dataclass(frozen=True)
class TaskGap:
    """A task whose annotation leaves a side without a named unit."""

    task: str
    number: str
    document: str
    kind: Literal["one_side", "placeholders_only"]
    sides: tuple[str, ...]  # sides that have a real unit on the task
    missing: tuple[str, ...]  # document sides that have none
    placeholder_sides: tuple[str, ...]  # missing sides that name only a placeholder (各有关单位, …)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "number": self.number, "document": self.document, "kind": self.kind,
                "sides": list(self.sides), "missing": list(self.missing),
                "placeholder_sides": list(self.placeholder_sides)}


@dataclass(frozen=True)
class UnitGap:
    """A unit of a multi-side plan that shares no task with a unit of another side."""

    unit: UnitRef
    tasks: int
    documents: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit.to_dict(), "tasks": self.tasks, "documents": list(self.documents)}


@dataclass(frozen=True)
class Gaps:
    """All three kinds of gap."""

    one_side: list[TaskGap] = field(default_factory=list)
    placeholders_only: list[TaskGap] = field(default_factory=list)
    no_counterpart: list[UnitGap] = field(default_factory=list)


def _task_sides(graph: nx.MultiDiGraph[str], docs: set[str] | None) -> dict[str, tuple[set[str], set[str]]]:
    """Task -> (sides with a real unit, sides with a placeholder), for annotated tasks in scope."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    get = out.get
    # Each unit's side and kind found once, not once for each of its responsibilities.
    for unit, tasks in unit_tasks(graph, docs, groups=True).items():
        side = node_side(graph, unit)
        kind = node_kind(graph, unit)
        which = 0 if kind == "Unit" else 1  # the real units' sides, or the placeholders'
        if side is None and kind == "Unit":
            side = "-"  # a real unit whose side is unknown still fills the task
        for t in tasks:
            entry = get(t)
            if entry is None:
                entry = out[t] = (set(), set())
            if side is not None:
                entry[which].add(side)
    return out


def _sides_by_task(graph: nx.MultiDiGraph[str]) -> Callable[[str], list[str]]:
    """A task's document's sides (`document_sides`), found once for each task and document."""
    by_document = Memo(partial(document_sides, graph))
    return Memo(lambda task: by_document[task_document(graph, task)]).__getitem__


def _gap(graph: nx.MultiDiGraph[str], task: str, kind: Literal["one_side", "placeholders_only"], has: set[str],
         groups: set[str], doc_sides: list[str]) -> TaskGap:
    missing = tuple(s for s in doc_sides if s not in has)
    return TaskGap(task, task_number(graph, task), task_document(graph, task),
                   kind, tuple(s for s in doc_sides if s in has), missing,
                   tuple(s for s in missing if s in groups))


def one_sided_tasks(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None
                    ) -> list[TaskGap]:
    """Tasks of a plan with two or more sides that name real units of some sides but not all.

    A side that names only a placeholder (各有关单位) counts as missing; it is listed in
    ``placeholder_sides``.

    Returns
    -------
    list of TaskGap
        Of kind ``one_side``, in document order.

    Examples
    --------
    >>> [(g.number, g.sides, g.missing) for g in one_sided_tasks(G)]
    [('三、', ('上海市',), ('大连市',))]
    """
    docs = scope(graph, document)
    sides = _sides_by_task(graph)
    out = []
    for task, (has, groups) in _task_sides(graph, docs).items():
        doc_sides = sides(task)
        if len(doc_sides) >= 2 and has and any(s not in has for s in doc_sides):
            out.append(_gap(graph, task, "one_side", has, groups, doc_sides))
    return sorted(out, key=lambda g: task_order(graph, g.task))


def placeholder_tasks(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None
                      ) -> list[TaskGap]:
    """Tasks whose annotation names only group placeholders and no real unit.

    Returns
    -------
    list of TaskGap
        Of kind ``placeholders_only``, in document order; ``placeholder_sides`` are the sides
        of the placeholders.

    Examples
    --------
    >>> [(g.number, g.missing, g.placeholder_sides) for g in placeholder_tasks(G)]
    [('四、', ('上海市', '大连市'), ('上海市',))]
    """
    docs = scope(graph, document)
    sides = _sides_by_task(graph)
    out = [_gap(graph, task, "placeholders_only", has, groups, sides(task))
           for task, (has, groups) in _task_sides(graph, docs).items() if not has]
    return sorted(out, key=lambda g: task_order(graph, g.task))


def units_without_counterpart(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None,
                              side: str | None = None) -> list[UnitGap]:
    """Units with a task in a plan of two or more sides that share no task with another side.

    Returns
    -------
    list of UnitGap
        Most tasks first, then by name.

    Examples
    --------
    >>> [(g.unit.name, g.tasks) for g in units_without_counterpart(G)]
    [('上海市人力资源社会保障局', 1)]
    >>> units_without_counterpart(G, side="大连市")
    []
    """
    docs = scope(graph, document)
    paired = {u for a, b, _ in counterpart_edges(graph, docs) for u in (a, b)}
    sides = _sides_by_task(graph)
    tasks: dict[str, set[str]] = defaultdict(set)
    for unit, its in unit_tasks(graph, docs).items():  # the real units' responsibilities
        if unit in paired or (side is not None and node_side(graph, unit) != side):
            continue
        for t in its:
            if len(sides(t)) >= 2:
                tasks[unit].add(t)
    out = [UnitGap(unit_ref(graph, u), len(ts), tuple(sorted({task_document(graph, t) for t in ts})))
           for u, ts in tasks.items()]
    return sorted(out, key=lambda g: (-g.tasks, g.unit.name, g.unit.id))


def gaps(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None) -> Gaps:
    """The three kinds of gap at once.

    Returns
    -------
    Gaps
        `one_sided_tasks`, `placeholder_tasks` and `units_without_counterpart` of the same
        scope.

    Examples
    --------
    >>> found = gaps(G)
    >>> len(found.one_side), len(found.placeholders_only), len(found.no_counterpart)
    (1, 1, 1)
    """
    return Gaps(one_sided_tasks(graph, document=document), placeholder_tasks(graph, document=document),
                units_without_counterpart(graph, document=document))


document_functions(globals(), raises={"scope": (
    "one_sided_tasks", "placeholder_tasks", "units_without_counterpart", "gaps")})
