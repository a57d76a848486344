"""Deriving COUNTERPART: units of different sides that share tasks.

A task's units are the real units (not group placeholders) with a ``RESPONSIBLE_FOR`` edge to
it, whatever their role. Two units of different, known sides that share at least one task are
counterparts; the pair runs from the unit of the side the document lists first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations, groupby, islice
from operator import itemgetter
from typing import Any

import networkx as nx

from graphmodel.docstrings import document_functions
from graphmodel.graph.access import list_attribute, node_kind, task_responsibilities, unit_tasks

__all__ = ["counterpart_edges", "task_counterparts", "derive_counterparts", "task_units_counterparts",
           "flat_counterparts"]


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
    return flat_counterparts(list(map(itemgetter(0), tasks)), list(map(len, map(itemgetter(1), tasks))),
                             list(chain.from_iterable(map(itemgetter(1), tasks))), nodes)


def flat_counterparts(tasks: Sequence[str], sizes: Sequence[int], units: Sequence[str],
                      nodes: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    """`task_units_counterparts` of the tasks given flat: task ``tasks[i]`` has the next
    ``sizes[i]`` of ``units`` (how `graphmodel.graph.GraphBuilder` keeps them: a few lists a
    document, read in one pass, rather than a list for each task).

    Parameters
    ----------
    tasks : sequence of str
        Each task once, in document order (as for `task_units_counterparts`).
    sizes : sequence of int
        Each task's number of real units.
    units : sequence of str
        The tasks' units, one task's after another's, each task's distinct.
    nodes : mapping
        As for `derive_counterparts`.

    Returns
    -------
    list of tuple
        As `derive_counterparts` returns them.

    Raises
    ------
    ValueError
        When ``sizes`` do not add up to the units given, or are not one a task.

    Examples
    --------
    >>> nodes = {"d": {"sides": ["上海市", "大连市"]},
    ...          "t1": {"document": "d", "start": 0}, "t2": {"document": "d", "start": 9},
    ...          "x": {"side": "大连市"}, "y": {"side": "大连市"}, "z": {"side": "上海市"}}
    >>> flat_counterparts(["t1", "t2"], [1, 3], ["x", "z", "y", "x"], nodes)[0]
    ('z', 'x', {'count': 1, 'tasks': ['t2'], 'jaccard': 0.5})
    """
    if not len(tasks) == len(sizes) or sum(sizes) != len(units):
        raise ValueError("the tasks, their sizes and their units do not agree")
    tasks_in = Counter(units)  # each unit's number of tasks
    # The units that have a side, numbered in sorted order (a unit of no side pairs with none).
    sided = sorted(u for u in tasks_in if nodes[u].get("side") is not None)
    size = len(sided)
    if not size:
        return []
    side = [nodes[u]["side"] for u in sided]
    side_number = {s: i for i, s in enumerate(dict.fromkeys(side))}
    # A unit's code: its side's number, then its own (-1 for none), so that a task's codes
    # sorted are its units grouped by side; a pair is a * span + b, a of the lower side, the
    # same way round in every task.
    code: dict[str, int] = dict.fromkeys(tasks_in, -1)
    code.update((u, side_number[s] * size + i) for i, (u, s) in enumerate(zip(sided, side, strict=True)))
    span = len(side_number) * size
    shared = (_shared_in_bulk(tasks, sizes, units, code, size, span) if len(tasks) >= _BULK
              else _shared(tasks, sizes, units, code, size, span))

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
        ua, ub = sided[a], sided[b]
        count = len(together)
        union = tasks_in[ua] + tasks_in[ub] - count  # the shared tasks are the intersection
        pairs.append((a * size + b, (ua, ub, {"count": count, "tasks": together, "jaccard": count / union})))
    pairs.sort(key=itemgetter(0))  # units are numbered in sorted order: sorted by (a, b)
    return list(map(itemgetter(1), pairs))


def _pairs_of(codes: list[int], size: int, span: int) -> Iterator[int]:
    """The pairs (``a * span + b``) of one task's units of different sides, ``codes`` sorted."""
    low = bisect_right(codes, -1) if codes[0] < 0 else 0
    if low >= len(codes) - 1:
        return
    cut = bisect_left(codes, (codes[low] // size + 1) * size, low)
    if cut == len(codes):  # one side
        return
    if codes[-1] < (codes[cut] // size + 1) * size:  # two sides
        groups = [codes[low:cut], codes[cut:]]
    else:
        groups = [list(g) for _, g in groupby(codes[low:], key=size.__rfloordiv__)]
    for first, second in combinations(groups, 2):
        for a in first:
            base = a * span
            for b in second:
                yield base + b


def _shared(tasks: Sequence[str], sizes: Sequence[int], units: Sequence[str], code: dict[str, int], size: int,
            span: int) -> dict[int, list[str]]:
    """Each pair's shared tasks, in the order of ``tasks`` (see `flat_counterparts`)."""
    shared: dict[int, list[str]] = defaultdict(list)
    each = iter(units)
    for task, n in zip(tasks, sizes, strict=True):
        codes = sorted(map(code.__getitem__, islice(each, n)))
        if n >= 2:
            for pair in _pairs_of(codes, size, span):
                shared[pair].append(task)
    return shared


_BULK = 10_000  # tasks from which `_shared_in_bulk` is used (a small corpus does without numpy)
_WIDE = 32  # units of a task from which its pairs are found one side by another, not all at once


def _shared_in_bulk(tasks: Sequence[str], sizes: Sequence[int], units: Sequence[str], code: dict[str, int],
                    size: int, span: int) -> dict[int, list[str]]:
    """`_shared` with the loops in numpy: the tasks of each number of units (up to `_WIDE`) as
    one table of their units' codes, sorted along each row, every two places of a row paired at
    once and the pairs of one side dropped; then each pair's tasks, in order, by one sort."""
    import numpy as np

    lengths = np.array(sizes, dtype=np.int64)
    codes = np.fromiter(map(code.__getitem__, units), dtype=np.int64, count=len(units))
    starts = np.cumsum(lengths) - lengths
    found_pairs: list[Any] = []
    found_tasks: list[Any] = []
    for k in np.unique(lengths).tolist():
        if k < 2:
            continue
        rows = np.flatnonzero(lengths == k)
        if k > _WIDE:  # all pairs at once would be k * k / 2 a task: one side by another
            for row in rows.tolist():
                here = list(_pairs_of(sorted(codes[starts[row]:starts[row] + k].tolist()), size, span))
                found_pairs.append(np.array(here, dtype=np.int64))
                found_tasks.append(np.full(len(here), row, dtype=np.int64))
            continue
        table = codes[starts[rows][:, None] + np.arange(k)]
        table.sort(axis=1)
        first, second = np.triu_indices(k, 1)
        a, b = table[:, first], table[:, second]
        kept = (a >= 0) & (a // size != b // size)  # both of a side, and not the same
        found_pairs.append((a * span + b)[kept])
        found_tasks.append(np.broadcast_to(rows[:, None], a.shape)[kept])
    if not found_pairs:
        return {}
    pairs = np.concatenate(found_pairs)
    where = np.concatenate(found_tasks)
    if span * span * max(len(tasks), 1) < 2**62:  # by pair, then in the order of the tasks: one key
        order = np.argsort(pairs * len(tasks) + where)
    else:
        order = np.lexsort((where, pairs))
    pairs, where = pairs[order], where[order]
    firsts = np.flatnonzero(np.concatenate([[True], pairs[1:] != pairs[:-1]]))
    ends = np.append(firsts[1:], len(pairs)).tolist()
    named = list(map(tasks.__getitem__, where.tolist()))
    return {pair: named[at:end] for pair, at, end in zip(pairs[firsts].tolist(), firsts.tolist(), ends, strict=True)}


document_functions(globals())
