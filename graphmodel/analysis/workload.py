"""Workload: how many tasks each unit carries, how many it leads, in which documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.graph import counterpart_edges, responsibilities, task_document

__all__ = ["UnitWorkload", "workload"]


@dataclass(frozen=True)
class UnitWorkload:
    """One unit's share of the work in scope."""

    unit: UnitRef
    tasks: int  # distinct tasks, any role
    lead: int
    responsible: int
    support: int
    documents: tuple[str, ...]  # ids, sorted
    counterparts: int  # distinct units of other sides it shares tasks with

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit.to_dict(), "tasks": self.tasks, "lead": self.lead,
                "responsible": self.responsible, "support": self.support,
                "documents": list(self.documents), "counterparts": self.counterparts}


def workload(
    graph: nx.MultiDiGraph,
    *,
    document: str | Collection[str] | None = None,
    side: str | None = None,
    groups: bool = False,
) -> list[UnitWorkload]:
    """Tasks per unit, lead tasks, and the documents each unit appears in.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `graphmodel.graph.build_graph`.
    document : str or collection of str, optional
        Only tasks of these document ids.
    side : str, optional
        Only units of this side.
    groups : bool
        Include group placeholders (各有关单位, …) as rows too.

    Returns
    -------
    list of UnitWorkload
        Units with at least one task in scope, most tasks first, then most lead tasks, then
        by name.
    """
    docs = scope(graph, document)
    roles: dict[str, dict[str, str | None]] = defaultdict(dict)  # unit -> task -> role
    for r in responsibilities(graph, docs, groups=groups, side=side):
        roles[r.unit][r.task] = r.role
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in counterpart_edges(graph, docs):
        partners[a].add(b)
        partners[b].add(a)
    rows = []
    for unit, tasks in roles.items():
        counts = {r: sum(1 for v in tasks.values() if v == r) for r in ("lead", "responsible", "support")}
        documents = tuple(sorted({task_document(graph, t) for t in tasks}))
        rows.append(UnitWorkload(unit_ref(graph, unit), len(tasks), counts["lead"], counts["responsible"],
                                 counts["support"], documents, len(partners[unit])))
    rows.sort(key=lambda w: (-w.tasks, -w.lead, w.unit.name, w.unit.id))
    return rows
