"""Deriving COUNTERPART: units of different sides that share tasks.

A task's units are the real units (not group placeholders) with a ``RESPONSIBLE_FOR`` edge to
it, whatever their role. Two units of different, known sides that share at least one task are
counterparts; the pair runs from the unit of the side the document lists first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from itertools import combinations
from typing import Any

import networkx as nx

__all__ = ["unit_tasks", "task_order", "counterpart_edges"]


def task_order(graph: nx.MultiDiGraph, task: str) -> tuple[str, int, str]:
    """A sort key that puts tasks in document order: document id, start offset, task id."""
    data = graph.nodes[task]
    return (data.get("document", ""), data.get("start", 0), task)


def unit_tasks(graph: nx.MultiDiGraph, documents: Collection[str] | None = None,
               groups: bool = False) -> dict[str, set[str]]:
    """The tasks each unit is responsible for, in any role.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `build_graph`.
    documents : collection of str, optional
        Only tasks of these document ids; every task when None.
    groups : bool
        Also count group placeholders (kind ``Group``); by default only real units.

    Returns
    -------
    dict
        Unit id to the set of its task ids; units with no task in scope are absent.
    """
    kinds = {"Unit", "Group"} if groups else {"Unit"}
    out: dict[str, set[str]] = defaultdict(set)
    nodes = graph.nodes
    for u, t, key in graph.edges(keys=True):
        if key != "RESPONSIBLE_FOR" or nodes[u].get("kind") not in kinds:
            continue
        if documents is not None and nodes[t].get("document") not in documents:
            continue
        out[u].add(t)
    return dict(out)


def _side_rank(graph: nx.MultiDiGraph, task: str, side: str) -> tuple[int, str]:
    sides = graph.nodes.get(graph.nodes[task].get("document"), {}).get("sides", [])
    return (sides.index(side) if side in sides else len(sides), side)


def counterpart_edges(graph: nx.MultiDiGraph, documents: Collection[str] | None = None
                      ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The COUNTERPART pairs of a graph, in sorted order.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `build_graph` (its own COUNTERPART edges are ignored).
    documents : collection of str, optional
        Count only tasks of these document ids; the whole corpus when None.

    Yields
    ------
    tuple
        ``(a, b, {"count": n, "tasks": [...], "jaccard": j})`` with ``a`` the unit of the side
        listed first (in the document of the pair's first shared task), ``tasks`` in document
        order, and ``jaccard`` the shared tasks over the union of both units' tasks in scope.
    """
    tasks_of = unit_tasks(graph, documents)
    units_of: dict[str, list[str]] = defaultdict(list)
    for unit in sorted(tasks_of):
        for task in tasks_of[unit]:
            units_of[task].append(unit)

    side = {u: graph.nodes[u].get("side") for u in tasks_of}
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, units in units_of.items():
        for a, b in combinations(units, 2):  # units are sorted, so (a, b) is a canonical key
            if side[a] is not None and side[b] is not None and side[a] != side[b]:
                shared[a, b].append(task)

    pairs = []
    for (a, b), tasks in shared.items():
        tasks.sort(key=lambda t: task_order(graph, t))
        first = tasks[0]
        if _side_rank(graph, first, side[b]) < _side_rank(graph, first, side[a]):
            a, b = b, a
        union = len(tasks_of[a] | tasks_of[b])
        pairs.append((a, b, {"count": len(tasks), "tasks": tasks, "jaccard": len(tasks) / union}))
    pairs.sort(key=lambda p: (p[0], p[1]))
    yield from pairs
