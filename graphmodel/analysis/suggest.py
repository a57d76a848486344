"""Suggestions: whom a unit could pair with on the other side.

Candidates are ranked by the tasks they already share with the unit, then by the functions
their names share (from the function table), then by how alike the names are.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.analysis.functions import FunctionTable, function_labels, name_similarity
from graphmodel.docstrings import document_functions
from graphmodel.errors import GraphError
from graphmodel.graph import (
    document_sides,
    node_kind,
    node_side,
    nodes_of_kind,
    task_document,
    task_order,
    unit_label,
    unit_tasks,
)

__all__ = ["Suggestion", "suggest_counterparts", "MIN_SIMILARITY"]

# Below this, a name likeness alone (no shared task, no shared function) is noise.
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Suggestion:
    """A candidate counterpart and why."""

    unit: UnitRef
    shared: int
    tasks: tuple[str, ...]
    functions: tuple[str, ...]  # functions both names say, sorted
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit.to_dict(), "shared": self.shared, "tasks": list(self.tasks),
                "functions": list(self.functions), "similarity": self.similarity}


def _other_sides(graph: nx.MultiDiGraph[str], unit: str, tasks: set[str]) -> set[str]:
    own = node_side(graph, unit)
    docs = {task_document(graph, t) for t in tasks}
    if not docs:  # a unit with no task in scope: every document that lists its side
        docs = {d for d in nodes_of_kind(graph, "Document") if own in document_sides(graph, d)}
    return {s for d in docs for s in document_sides(graph, d)} - {own}


def suggest_counterparts(
    graph: nx.MultiDiGraph[str],
    unit: str,
    *,
    side: str | None = None,
    document: str | Collection[str] | None = None,
    top: int | None = 10,
    table: FunctionTable | None = None,
) -> list[Suggestion]:
    """Candidate counterparts of ``unit`` on the other side.

    Parameters
    ----------
    unit : str
        A unit id (see `graphmodel.graph.find_unit` to resolve a name).
    side : str, optional
        The side to look on; by default every other side of the plans the unit appears in.
    document : str or collection of str, optional
        Count shared tasks only in these document ids.
    top : int, optional
        At most this many suggestions (None: all).

    Returns
    -------
    list of Suggestion
        Candidates that share a task, a function, or a name at least `MIN_SIMILARITY` alike;
        most shared tasks first, then most shared functions, then most alike names.

    Raises
    ------
    GraphError
        When ``graph`` is not a graphmodel graph, ``unit`` is not one of its units, or
        ``document`` names a document it does not hold.

    Examples
    --------
    >>> for s in suggest_counterparts(G, "unit:上海市/上海市科委"):
    ...     print(s.unit.name, s.shared, s.functions, s.similarity)
    大连市科技局 1 ('科技',) 0.0
    大连市发展改革委 1 () 0.0
    >>> [s.unit.name for s in suggest_counterparts(G, "unit:上海市/上海市人力资源社会保障局")]
    []
    """
    docs = scope(graph, document)
    if unit not in graph or node_kind(graph, unit) != "Unit":
        raise GraphError(f"no unit {unit!r} in the graph")
    tasks_of = unit_tasks(graph, docs)
    mine = tasks_of.get(unit, set())
    sides = {side} if side is not None else _other_sides(graph, unit, mine)
    own_side = node_side(graph, unit)
    regions = tuple(s for s in sides | {own_side} if s)
    name = unit_label(graph, unit)
    own_functions = function_labels(name, table)
    out = []
    for other in nodes_of_kind(graph, "Unit"):
        if other == unit or node_side(graph, other) not in sides:
            continue
        other_name = unit_label(graph, other)
        shared = sorted(mine & tasks_of.get(other, set()), key=lambda t: task_order(graph, t))
        functions = tuple(sorted(own_functions & function_labels(other_name, table)))
        similarity = name_similarity(name, other_name, regions)
        if shared or functions or similarity >= MIN_SIMILARITY:
            out.append(Suggestion(unit_ref(graph, other), len(shared), tuple(shared), functions, similarity))
    out.sort(key=lambda s: (-s.shared, -len(s.functions), -s.similarity, s.unit.name, s.unit.id))
    return out[:top] if top is not None else out


document_functions(globals())
