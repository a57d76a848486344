"""Deriving COUNTERPART: units of different sides that share tasks.

A task's units are the real units (not group placeholders) with a ``RESPONSIBLE_FOR`` edge to
it, whatever their role. Two units of different, known sides that share at least one task are
counterparts; the pair runs from the unit of the side the document lists first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations, groupby
from operator import itemgetter
from typing import Any

import networkx as nx

from graphmodel.docstrings import document_functions
from graphmodel.graph.access import list_attribute, node_kind, task_responsibilities, unit_tasks

__all__ = ["counterpart_edges", "task_counterparts", "derive_counterparts", "task_units_counterparts"]


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
    out.sort(key=itemgetter(0, 1))  # the key made in C
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
    units_of: dict[str, list[str]] = defaultdict(list)
    for unit, tasks in tasks_of.items():
        for task in tasks:
            units_of[task].append(unit)

    def order(item: tuple[str, Collection[str]]) -> tuple[Any, Any, str]:
        data = nodes[item[0]]
        return (data.get("document", ""), data.get("start", 0), item[0])

    return task_units_counterparts(sorted(units_of.items(), key=order), nodes)


def task_units_counterparts(tasks: Sequence[tuple[str, Collection[str]]], nodes: Mapping[str, Mapping[str, Any]]
                            ) -> list[tuple[str, str, dict[str, Any]]]:
    """`derive_counterparts` from each task's units rather than each unit's tasks.

    Parameters
    ----------
    tasks : sequence of tuple
        ``(task id, its real units)``: each task once, its units distinct (any role, in any
        order), the tasks in document order (sorted by their nodes' ``document``, ``start``
        and id), as `derive_counterparts` lists a pair's tasks.
    nodes : mapping
        As for `derive_counterparts`.

    Returns
    -------
    list of tuple
        As `derive_counterparts` returns them.

    Examples
    --------
    >>> nodes = {"d": {"sides": ["上海市", "大连市"]},
    ...          "t1": {"document": "d", "start": 0}, "t2": {"document": "d", "start": 9},
    ...          "x": {"side": "大连市"}, "y": {"side": "大连市"}, "z": {"side": "上海市"}}
    >>> task_units_counterparts([("t1", ["x"]), ("t2", ["z", "y", "x"])], nodes)
    [('z', 'x', {'count': 1, 'tasks': ['t2'], 'jaccard': 0.5}),
     ('z', 'y', {'count': 1, 'tasks': ['t2'], 'jaccard': 1.0})]
    """
    tasks_in = Counter(chain.from_iterable(map(itemgetter(1), tasks)))  # each unit's number of tasks
    # The units that have a side, numbered in sorted order (a unit of no side pairs with none).
    units = sorted(u for u in tasks_in if nodes[u].get("side") is not None)
    size = len(units)
    if not size:
        return []
    side = [nodes[u]["side"] for u in units]
    side_number = {s: i for i, s in enumerate(dict.fromkeys(side))}
    # A unit's code: its side's number, then its own (-1 for none), so that a task's codes
    # sorted are its units grouped by side; a pair is a * span + b, a of the lower side, the
    # same way round in every task.
    code: dict[str, int] = dict.fromkeys(tasks_in, -1)
    code.update((u, side_number[s] * size + i) for i, (u, s) in enumerate(zip(units, side, strict=True)))
    span = len(side_number) * size

    # The tasks come in document order: each pair's tasks are appended in that order.
    shared: dict[int, list[str]] = defaultdict(list)
    for task, units_here in tasks:
        if len(units_here) < 2:
            continue
        codes = sorted(map(code.__getitem__, units_here))
        low = bisect_right(codes, -1) if codes[0] < 0 else 0
        if low >= len(codes) - 1:
            continue
        cut = bisect_left(codes, (codes[low] // size + 1) * size, low)
        if cut == len(codes):  # one side
            continue
        if codes[-1] < (codes[cut] // size + 1) * size:  # two sides
            groups = [codes[low:cut], codes[cut:]]
        else:
            groups = [list(g) for _, g in groupby(codes[low:], key=size.__rfloordiv__)]
        for first, second in combinations(groups, 2):
            for a in first:
                base = a * span
                for b in second:
                    shared[base + b].append(task)

    doc_sides: dict[str, list[str]] = {}

    def rank(task: str, s: str) -> tuple[int, str]:
        doc = nodes[task].get("document", "")
        sides = doc_sides.get(doc)
        if sides is None:
            sides = doc_sides[doc] = list(nodes.get(doc, {}).get("sides", []))
        return (sides.index(s) if s in sides else len(sides), s)

    pairs = []
    for pair, together in shared.items():
        a, b = divmod(pair, span)
        a, b = a % size, b % size
        opening = together[0]
        if rank(opening, side[b]) < rank(opening, side[a]):
            a, b = b, a
        ua, ub = units[a], units[b]
        count = len(together)
        union = tasks_in[ua] + tasks_in[ub] - count  # the shared tasks are the intersection
        pairs.append((a * size + b, (ua, ub, {"count": count, "tasks": together, "jaccard": count / union})))
    pairs.sort(key=itemgetter(0))  # units are numbered in sorted order: sorted by (a, b)
    return list(map(itemgetter(1), pairs))


document_functions(globals())
