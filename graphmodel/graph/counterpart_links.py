"""Deriving COUNTERPART: units of different sides that share tasks.

A task's units are the real units (not group placeholders) with a ``RESPONSIBLE_FOR`` edge to
it, whatever their role. Two units of different, known sides that share at least one task are
counterparts; the pair runs from the unit of the side the document lists first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from graphmodel.graph.access import node_kind, task_responsibilities, unit_tasks

__all__ = ["counterpart_edges", "task_counterparts", "derive_counterparts"]


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
    # The node dict itself: NodeView look-ups cost several times more, once per task and pair.
    yield from derive_counterparts(unit_tasks(graph, documents), graph._node)


def task_counterparts(graph: nx.MultiDiGraph, tasks: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """The COUNTERPART pairs counted over these tasks only (one document's, say), as
    `counterpart_edges` gives them; in time linear in the tasks' edges, not the graph's."""
    tasks_of: dict[str, set[str]] = {}
    for t in tasks:
        for r in task_responsibilities(graph, t):
            if node_kind(graph, r.unit) == "Unit":
                tasks_of.setdefault(r.unit, set()).add(t)
    return derive_counterparts(tasks_of, graph._node)


def derive_counterparts(tasks_of: Mapping[str, set[str]], nodes: Mapping[str, Mapping[str, Any]]
                        ) -> list[tuple[str, str, dict[str, Any]]]:
    """COUNTERPART pairs from each unit's tasks: the rule of `counterpart_edges`.

    Parameters
    ----------
    tasks_of : mapping
        Real unit id to the set of its task ids (any role).
    nodes : mapping
        Node id to its attributes: a unit's ``side``, a task's ``document`` and ``start``, a
        document's ``sides``.

    Returns
    -------
    list of tuple
        ``(a, b, attrs)`` sorted by ``(a, b)``, as `counterpart_edges` yields them.
    """
    units_of: dict[str, list[str]] = defaultdict(list)
    for unit in sorted(tasks_of):
        for task in tasks_of[unit]:
            units_of[task].append(unit)

    side = {u: nodes[u].get("side") for u in tasks_of}
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, units in units_of.items():
        if len(units) < 2:
            continue
        for a, b in combinations(units, 2):  # units are sorted, so (a, b) is a canonical key
            sa, sb = side[a], side[b]
            if sa is not None and sb is not None and sa != sb:
                shared[a, b].append(task)

    order: dict[str, tuple[str, int, str]] = {}
    for tasks in shared.values():
        for t in tasks:
            if t not in order:
                data = nodes[t]
                order[t] = (data.get("document", ""), data.get("start", 0), t)
    doc_sides: dict[str, list[str]] = {}

    def rank(task: str, s: str) -> tuple[int, str]:
        doc = order[task][0]
        sides = doc_sides.get(doc)
        if sides is None:
            sides = doc_sides[doc] = list(nodes.get(doc, {}).get("sides", []))
        return (sides.index(s) if s in sides else len(sides), s)

    pairs = []
    for (a, b), tasks in shared.items():
        tasks.sort(key=order.__getitem__)
        first = tasks[0]
        if rank(first, side[b]) < rank(first, side[a]):
            a, b = b, a
        count = len(tasks)
        union = len(tasks_of[a]) + len(tasks_of[b]) - count  # the shared tasks are the intersection
        pairs.append((a, b, {"count": count, "tasks": tasks, "jaccard": count / union}))
    pairs.sort(key=lambda p: (p[0], p[1]))
    return pairs
