"""Shared helpers of the analyses: the documents in scope and a unit's public face."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.docstrings import document_functions
from graphmodel.errors import GraphError
from graphmodel.graph import (
    check_graph,
    node_side,
    nodes_of_kind,
    task_document,
    task_documents,
    task_number,
    task_numbers,
    unit_label,
)

__all__ = ["UnitRef", "scope", "unit_ref", "task_row", "task_rows"]


@dataclass(frozen=True, order=True)
class UnitRef:
    """A unit as the analyses report it: id, canonical name and side."""

    id: str
    name: str
    side: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "side": self.side}


def unit_ref(graph: nx.MultiDiGraph[str], node: str) -> UnitRef:
    """A unit (or a group, place or any named node) as the analyses report it.

    Returns
    -------
    UnitRef
        Its id, its name (the id when it has none) and its side (None when unknown).

    Examples
    --------
    >>> unit_ref(G, "unit:大连市/大连市发展改革委")
    UnitRef(id='unit:大连市/大连市发展改革委', name='大连市发展改革委', side='大连市')
    """
    return UnitRef(node, unit_label(graph, node), node_side(graph, node))


def task_row(graph: nx.MultiDiGraph[str], task: str) -> dict[str, str]:
    """A task as the analyses' JSON lists it.

    Returns
    -------
    dict
        ``id``, ``number`` (normal form) and ``document`` (its id).

    Examples
    --------
    >>> task_row(G, sorted(t for t, kind in G.nodes(data="kind") if kind == "Task")[0])
    {'id': 'doc:2020年上海市与大连市对口合作计划@...#一、', 'number': '一、',
     'document': 'doc:2020年上海市与大连市对口合作计划@...'}
    """
    return {"id": task, "number": task_number(graph, task), "document": task_document(graph, task)}


def task_rows(graph: nx.MultiDiGraph[str], tasks: Iterable[str]) -> list[dict[str, str]]:
    """`task_row` of each task, in order (`task_numbers`, `task_documents`: a corpus's pairs
    list hundreds of thousands of tasks).

    Parameters
    ----------
    tasks : iterable of str
        Task ids of ``graph``.

    Returns
    -------
    list of dict
        As `task_row` gives each.

    Examples
    --------
    >>> task_rows(G, nodes_of_kind(G, "Task")[:1]) == [task_row(G, nodes_of_kind(G, "Task")[0])]
    True
    """
    tasks = list(tasks)
    return [{"id": t, "number": n, "document": d}
            for t, n, d in zip(tasks, task_numbers(graph, tasks), task_documents(graph, tasks), strict=True)]


class Memo(dict[str, Any]):
    """A function's value for each key, found once (``memo[key]``: a look-up in C once found):
    the analyses ask for the same unit's name, the same task's document, again and again."""

    def __init__(self, function: Callable[[str], Any]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, key: str) -> Any:
        self[key] = value = self._function(key)
        return value


def scope(graph: nx.MultiDiGraph[str], document: str | Collection[str] | None) -> set[str] | None:
    """Check the graph, and turn a document filter into a set of document ids.

    Parameters
    ----------
    document : str or collection of str, optional
        A document id, or several.

    Returns
    -------
    set of str or None
        The ids; None (every document) when ``document`` is None.

    Raises
    ------
    GraphError
        When ``graph`` is not a graphmodel graph, or names a document it does not hold.

    Examples
    --------
    >>> scope(G, None) is None
    True
    >>> [doc] = scope(G, [d for d, kind in G.nodes(data="kind") if kind == "Document"])
    >>> doc
    'doc:2020年上海市与大连市对口合作计划@...'
    >>> scope(G, "doc:2021")
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphError: no document 'doc:2021' in the graph
    """
    check_graph(graph)
    if document is None:
        return None
    wanted = {document} if isinstance(document, str) else set(document)
    known = set(nodes_of_kind(graph, "Document"))
    missing = sorted(wanted - known)
    if missing:
        raise GraphError(f"no document {missing[0]!r} in the graph")
    return wanted


document_functions(globals())
