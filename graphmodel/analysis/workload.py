"""Workload: how many tasks each unit carries, how many it leads, in which documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.docstrings import document_functions
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
    graph: nx.MultiDiGraph[str],
    *,
    document: str | Collection[str] | None = None,
    side: str | None = None,
    groups: bool = False,
) -> list[UnitWorkload]:
    """Tasks per unit, lead tasks, and the documents each unit appears in.

    Parameters
    ----------
    groups : bool
        Include group placeholders (各有关单位, …) as rows too.

    Returns
    -------
    list of UnitWorkload
        Units with at least one task in scope, most tasks first, then most lead tasks, then
        by name.

    Examples
    --------
    >>> for w in workload(G, side="上海市"):
    ...     print(w.unit.name, w.tasks, w.lead, w.responsible, w.support, w.counterparts)
    上海市科委 2 0 2 0 2
    上海市人力资源社会保障局 1 0 1 0 0
    上海市发展改革委 1 0 1 0 1
    >>> [w.unit.name for w in workload(G, groups=True) if w.unit.id.startswith("group:")]
    ['各有关单位']
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


document_functions(globals(), raises={"scope": ("workload",)})
