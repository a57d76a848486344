"""Counterpart pairs: units of different sides ranked by the tasks they share."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from operator import itemgetter
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import Memo, UnitRef, scope, task_row, task_rows
from graphmodel.docstrings import document_functions
from graphmodel.graph import counterpart_edges, node_side, task_number, unit_label, unit_tasks

__all__ = ["CounterpartPair", "TaskRows", "counterpart_pairs", "pairs_by_document"]


@dataclass(frozen=True)
class CounterpartPair:
    """Two units of different sides and the tasks they share.

    ``a`` is the unit of the side the document lists first. ``jaccard`` is the number of shared
    tasks over the number of tasks either unit has (in the same scope).
    """

    a: UnitRef
    b: UnitRef
    shared: int
    jaccard: float
    tasks: tuple[str, ...]
    numbers: tuple[str, ...]

    def to_dict(self, graph: nx.MultiDiGraph[str] | None = None,
                rows: Mapping[str, dict[str, str]] | None = None) -> dict[str, Any]:
        """The pair as JSON-ready data; with ``graph``, each task also gives its document.

        ``rows``, a task's row for each task (`TaskRows` of ``graph``, shared by many pairs:
        the tasks recur from pair to pair), gives the tasks' rows rather than making them; the
        pairs' data then share those dicts.
        """
        if rows is not None:
            tasks = list(map(rows.__getitem__, self.tasks))
        elif graph is not None:
            tasks = task_rows(graph, self.tasks)
        else:
            tasks = [{"id": t, "number": n} for t, n in zip(self.tasks, self.numbers, strict=True)]
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "shared": self.shared,
                "jaccard": self.jaccard, "tasks": tasks}


class TaskRows(Memo):
    """Each task's row (`task_row`: id, number, document), made once: ``TaskRows(graph)[task]``,
    for `CounterpartPair.to_dict` of many pairs.

    Examples
    --------
    >>> rows = TaskRows(G)
    >>> [p.to_dict(G, rows) for p in counterpart_pairs(G)] == [p.to_dict(G) for p in counterpart_pairs(G)]
    True
    """

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        super().__init__(partial(task_row, graph))


def counterpart_pairs(
    graph: nx.MultiDiGraph[str],
    *,
    document: str | Collection[str] | None = None,
    side: str | None = None,
    unit: str | None = None,
    top: int | None = None,
    min_shared: int = 1,
) -> list[CounterpartPair]:
    """Counterpart pairs, most shared tasks first.

    Parameters
    ----------
    document : str or collection of str, optional
        Count only the tasks of these document ids; the whole corpus when None.
    side : str, optional
        Only pairs with a unit of this side.
    unit : str, optional
        Only pairs with this unit id.
    top : int, optional
        At most this many pairs.
    min_shared : int
        Only pairs sharing at least this many tasks.

    Returns
    -------
    list of CounterpartPair
        Sorted by shared tasks (most first), then Jaccard (highest first), then the names.

    Examples
    --------
    >>> for p in counterpart_pairs(G):
    ...     print(p.a.name, p.b.name, p.shared, p.jaccard, p.numbers)
    上海市发展改革委 大连市发展改革委 1 1.0 ('一、',)
    上海市科委 大连市发展改革委 1 0.5 ('一、',)
    上海市科委 大连市科技局 1 0.5 ('二、',)
    >>> [p.b.name for p in counterpart_pairs(G, unit="unit:上海市/上海市科委", top=1)]
    ['大连市发展改革委']
    >>> counterpart_pairs(G, min_shared=2)
    []
    """
    docs = scope(graph, document)
    # Each unit's name and side found once, not once per pair (a look-up in C once found).
    label = Memo(partial(unit_label, graph)).__getitem__
    side_of = Memo(partial(node_side, graph)).__getitem__

    kept = []
    for a, b, attrs in counterpart_edges(graph, docs):
        if side is not None and side not in (side_of(a), side_of(b)):
            continue
        if unit is not None and unit not in (a, b):
            continue
        if attrs["count"] < min_shared:
            continue
        kept.append(((-attrs["count"], -attrs["jaccard"], label(a), label(b), a, b), attrs))
    # Records only for the pairs returned: a corpus has hundreds of thousands of pairs.
    kept = heapq.nsmallest(top, kept, key=itemgetter(0)) if top is not None else sorted(kept, key=itemgetter(0))
    number = Memo(partial(task_number, graph)).__getitem__  # a task recurs from pair to pair
    refs: dict[str, UnitRef] = {}
    pairs = []
    for (*_, a, b), attrs in kept:
        tasks = tuple(attrs["tasks"])
        for n in (a, b):
            if n not in refs:
                refs[n] = UnitRef(n, label(n), side_of(n))
        pairs.append(CounterpartPair(refs[a], refs[b], attrs["count"], attrs["jaccard"], tasks,
                                     tuple(map(number, tasks))))
    return pairs


def pairs_by_document(graph: nx.MultiDiGraph[str]) -> dict[str, int]:
    """How many counterpart pairs each document gives on its own.

    For every document ``d``, ``len(counterpart_pairs(graph, document=d))``, counted in one pass
    over the corpus's responsibilities: asking `counterpart_pairs` once per document reads them
    all once per document, so its time grows with the square of the corpus.

    Returns
    -------
    dict
        Document id to its number of pairs; documents with none are absent.

    Examples
    --------
    >>> pairs_by_document(G)
    {'doc:2020年上海市与大连市对口合作计划@cb760d71da': 3}
    """
    nodes = graph.nodes
    units_of: dict[str, list[tuple[str, Any]]] = {}  # a task's units that have a side, with it
    for unit, tasks in unit_tasks(graph).items():
        side = nodes[unit].get("side")
        if side is None:  # pairs with none (as in `counterpart_edges`)
            continue
        for task in tasks:
            units_of.setdefault(task, []).append((unit, side))
    pairs: dict[str, set[tuple[str, str]]] = {}
    for task, units in units_of.items():
        if len(units) < 2:
            continue
        found = pairs.setdefault(nodes[task].get("document", ""), set())
        for (a, side_a), (b, side_b) in combinations(units, 2):
            if side_a != side_b:
                found.add((a, b) if a < b else (b, a))
    return {d: len(p) for d, p in pairs.items()}


document_functions(globals(), raises={"scope": ("counterpart_pairs",)})
