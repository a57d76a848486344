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

from graphmodel.docstrings import document_functions
from graphmodel.graph.access import list_attribute, node_kind, task_responsibilities, unit_tasks

__all__ = ["counterpart_edges", "task_counterparts", "derive_counterparts"]


def counterpart_edges(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None
                      ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The COUNTERPART pairs of a graph, in sorted order.

    Parameters
    ----------
    documents : collection of str, optional
        Count only tasks of these document ids; the whole corpus when None. For the whole
        corpus, the graph's own COUNTERPART edges are the answer when it has any (`build_graph`
        derives them by this rule; a saved graph keeps them), so they are not derived again.

    Yields
    ------
    tuple
        ``(a, b, {"count": n, "tasks": [...], "jaccard": j})`` with ``a`` the unit of the side
        listed first (in the document of the pair's first shared task), ``tasks`` in document
        order, and ``jaccard`` the shared tasks over the union of both units' tasks in scope.

    Examples
    --------
    >>> for a, b, attrs in counterpart_edges(G):
    ...     print(a, b, attrs["count"], attrs["jaccard"])
    unit:上海市/上海市发展改革委 unit:大连市/大连市发展改革委 1 1.0
    unit:上海市/上海市科委 unit:大连市/大连市发展改革委 1 0.5
    unit:上海市/上海市科委 unit:大连市/大连市科技局 1 0.5
    """
    if documents is None:
        stored = _stored_counterparts(graph)
        if stored:
            yield from stored
            return
    # The node dict itself (private, so not in networkx's stubs): NodeView look-ups cost several
    # times more, once per task and pair.
    yield from derive_counterparts(unit_tasks(graph, documents), graph._node)  # type: ignore[attr-defined]


def _stored_counterparts(graph: nx.MultiDiGraph[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """The graph's COUNTERPART edges as `derive_counterparts` gives them (fresh dicts, sorted).

    Only units' in-edges are looked at: a COUNTERPART edge ends at a unit, and a unit's
    in-edges are its counterparts and stated pairings, while its out-edges are every task it
    is responsible for (a few hundred thousand in a corpus).
    """
    nodes = graph._node  # type: ignore[attr-defined]  # private, so not in networkx's stubs
    pred = graph._pred  # type: ignore[attr-defined]
    out = []
    for v, sources in pred.items():
        if not sources or nodes[v].get("kind") != "Unit":
            continue
        for u, keys in sources.items():
            data = keys.get("COUNTERPART")
            if data is not None and nodes[u].get("kind") == "Unit":
                out.append((u, v, {"count": data["count"], "tasks": list_attribute(data["tasks"]),
                                   "jaccard": data["jaccard"]}))
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def task_counterparts(graph: nx.MultiDiGraph[str], tasks: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """The COUNTERPART pairs counted over these tasks only (one document's, say).

    As `counterpart_edges` gives them, in time linear in the tasks' edges, not the graph's.

    Parameters
    ----------
    tasks : iterable of str
        Task ids of ``graph``.

    Returns
    -------
    list of tuple
        ``(unit a, unit b, attributes)``, the attributes ``count``, ``tasks`` and ``jaccard``
        as on a COUNTERPART edge.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> from graphmodel.graph import build_graph, nodes_of_kind
    >>> plan = ("2020年上海市与大连市对口合作计划\\n2020年3月1日\\n"
    ...         "一、共建园区。推动上海市黄浦区与大连市中山区结对。（责任单位：上海市发改委；大连市发改委）\\n"
    ...         "二、人才交流。（责任单位：上海市人社局；大连市人社局、各有关单位）")
    >>> G = build_graph([extract(plan)])
    >>> [first, second] = nodes_of_kind(G, "Task")
    >>> [(a, b, attrs["count"]) for a, b, attrs in task_counterparts(G, [second])]
    [('unit:上海市/上海市人力资源社会保障局', 'unit:大连市/大连市人力资源社会保障局', 1)]
    >>> task_counterparts(G, [])
    []
    """
    tasks_of: dict[str, set[str]] = {}
    for t in tasks:
        for r in task_responsibilities(graph, t):
            if node_kind(graph, r.unit) == "Unit":
                tasks_of.setdefault(r.unit, set()).add(t)
    return derive_counterparts(tasks_of, graph.nodes)


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

    Examples
    --------
    Two units of 大连市 share t2 with one of 上海市, which the document lists first:

    >>> nodes = {"d": {"sides": ["上海市", "大连市"]},
    ...          "t1": {"document": "d", "start": 0}, "t2": {"document": "d", "start": 9},
    ...          "x": {"side": "大连市"}, "y": {"side": "大连市"}, "z": {"side": "上海市"}}
    >>> derive_counterparts({"x": {"t1", "t2"}, "y": {"t2"}, "z": {"t2"}}, nodes)
    [('z', 'x', {'count': 1, 'tasks': ['t2'], 'jaccard': 0.5}),
     ('z', 'y', {'count': 1, 'tasks': ['t2'], 'jaccard': 1.0})]
    """
    side: dict[str, Any] = {u: nodes[u].get("side") for u in tasks_of}  # a unit's side, or None
    # Each task's units with their sides, sorted by unit; a unit of no side pairs with none.
    units_of: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for unit in sorted(tasks_of):
        unit_side = (unit, side[unit])
        if unit_side[1] is None:
            continue
        for task in tasks_of[unit]:
            units_of[task].append(unit_side)

    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, units in units_of.items():
        if len(units) < 2:
            continue
        # Units are sorted, so (a, b) is a canonical key.
        for (a, sa), (b, sb) in combinations(units, 2):
            if sa != sb:
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


document_functions(globals())
