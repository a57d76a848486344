"""Counterpart pairs: units of different sides ranked by the tasks they share."""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, task_row, unit_ref
from graphmodel.docstrings import document_functions
from graphmodel.graph import counterpart_edges, node_side, task_number, unit_label

__all__ = ["CounterpartPair", "counterpart_pairs"]


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

    def to_dict(self, graph: nx.MultiDiGraph[str] | None = None) -> dict[str, Any]:
        """The pair as JSON-ready data; with ``graph``, each task also gives its document."""
        tasks = [task_row(graph, t) if graph is not None else {"id": t, "number": n}
                 for t, n in zip(self.tasks, self.numbers, strict=True)]
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "shared": self.shared,
                "jaccard": self.jaccard, "tasks": tasks}


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
    kept = []
    for a, b, attrs in counterpart_edges(graph, docs):
        if side is not None and side not in (node_side(graph, a), node_side(graph, b)):
            continue
        if unit is not None and unit not in (a, b):
            continue
        if attrs["count"] < min_shared:
            continue
        kept.append(((-attrs["count"], -attrs["jaccard"], unit_label(graph, a), unit_label(graph, b), a, b),
                     attrs))
    # Records only for the pairs returned: a corpus has hundreds of thousands of pairs.
    kept = heapq.nsmallest(top, kept, key=itemgetter(0)) if top is not None else sorted(kept, key=itemgetter(0))
    pairs = []
    for (*_, a, b), attrs in kept:
        tasks = tuple(attrs["tasks"])
        numbers = tuple(task_number(graph, t) for t in tasks)
        pairs.append(CounterpartPair(unit_ref(graph, a), unit_ref(graph, b), attrs["count"], attrs["jaccard"],
                                     tasks, numbers))
    return pairs


document_functions(globals(), raises={"scope": ("counterpart_pairs",)})
