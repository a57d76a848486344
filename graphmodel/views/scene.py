"""Compact page data for the canvas views: ``network``, ``counterparts`` and ``matrix``.

A page of these views draws thousands of nodes, so its data says each text once: documents,
tasks and nodes are tables (one list per column), and everything else refers to their rows
by index. The counterparts and matrix pages hold no pair at all: they carry the units, the
tasks each unit is responsible for and the pairs of sides, and compute the shared tasks of
the pair of sides and the documents ticked in the page itself, so a filter changes every
count, width and panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.graph import (
    document_records,
    node_aliases,
    node_kind,
    node_label,
    node_side,
    side_order,
    task_order,
    task_record,
    unit_responsibilities,
)
from graphmodel.views import style
from graphmodel.views.facts import corrections_of
from graphmodel.views.viewdata import PageData

__all__ = ["SCHEMA", "KINDS", "EDGE_TYPES", "ROLES", "Scene", "Tables", "responsibilities", "node_columns"]

SCHEMA = "graphmodel.scene/1"
KINDS = list(style.KINDS)
EDGE_TYPES = list(style.EDGE_TYPES)
ROLES = ["lead", "responsible", "support"]


@dataclass
class Scene(PageData):
    """The data of one canvas view (``network``, ``counterparts``, ``matrix``), ready to embed in a
    page (see the module docstring).

    Attributes
    ----------
    data : dict
        The JSON-able tables the page reads (``schema`` is `SCHEMA`).
    node_count, edge_count : int
        What the view holds: for counterparts and matrix, the units with a counterpart and the
        counterpart pairs over all documents.
    """

    data: dict[str, Any] = field(default_factory=dict)
    node_count: int = 0
    edge_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form the page reads."""
        return self.data


class Tables:
    """Documents, sides and tasks as rows, each added once and then referred to by index."""

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        self.graph = graph
        self.docs = document_records(graph)
        self.doc_index = {d: i for i, d in enumerate(self.docs)}
        self.sides = side_order(graph)
        self.side_index = {s: i for i, s in enumerate(self.sides)}
        self.task_ids: list[str] = []
        self.task_index: dict[str, int] = {}

    def register(self, tasks: Iterable[str]) -> None:
        """Give these tasks their rows first, in document order (the page lists tasks by row)."""
        for t in sorted(set(tasks), key=lambda t: task_order(self.graph, t)):
            self.task(t)

    def task(self, task: str) -> int:
        if task not in self.task_index:
            self.task_index[task] = len(self.task_ids)
            self.task_ids.append(task)
        return self.task_index[task]

    def side(self, side: str | None) -> int:
        return self.side_index.get(side, -1) if side else -1

    def document(self, doc: Any) -> int:
        return self.doc_index.get(doc, -1) if doc else -1

    def to_dict(self) -> dict[str, Any]:
        columns: dict[str, list[Any]] = {"document": [], "number": [], "title": [], "text": []}
        for t in self.task_ids:
            task = task_record(self.graph, t)
            columns["document"].append(self.document(task.document))
            columns["number"].append(node_label(self.graph, t))
            columns["title"].append(str(task.title or ""))
            columns["text"].append(str(task.text or ""))
        return {
            "documents": [{"id": d, "title": info.label, "year": info.year,
                           "sides": [self.side(s) for s in info.sides]} for d, info in self.docs.items()],
            "sides": self.sides,
            "colours": (colours := style.side_colours(self.sides)),
            # Groups, districts and parks: the side's hue, lighter but still 3:1 against white.
            "lightColours": {side: style.node_style("Group", side, colours)["color"]["background"]
                             for side in self.sides},
            "tasks": columns,
        }


def responsibilities(tables: Tables, units: Iterable[str]) -> dict[str, list[int]]:
    """Each unit's tasks (any role) in document order: ``node`` (row in ``units``), ``task``, ``role`` columns."""
    out: dict[str, list[int]] = {"node": [], "task": [], "role": []}
    rows = [unit_responsibilities(tables.graph, unit) for unit in units]
    tables.register(r.task for unit_rows in rows for r in unit_rows)
    for i, unit_rows in enumerate(rows):
        for row in unit_rows:
            out["node"].append(i)
            out["task"].append(tables.task(row.task))
            out["role"].append(ROLES.index(row.role) if row.role in ROLES else 1)
    return out


def node_columns(tables: Tables, nodes: list[str]) -> dict[str, list[Any]]:
    """Id, name, kind, side and other spellings of each node: one list per column (and
    ``correction`` when a unit's responsibility comes from a correction)."""
    graph = tables.graph
    columns: dict[str, list[Any]] = {"id": [], "name": [], "kind": [], "side": [], "aliases": []}
    for n in nodes:
        name = node_label(graph, n)
        kind = node_kind(graph, n)
        columns["id"].append(n)
        columns["name"].append(name)
        columns["kind"].append(KINDS.index(kind) if kind in KINDS else -1)
        columns["side"].append(tables.side(node_side(graph, n)))
        columns["aliases"].append([a for a in dict.fromkeys(node_aliases(graph, n)) if a != name])
    # The corrections behind a unit's responsibilities (FILE:LINE), for its tooltip; a column only
    # when some node has one, so a page of uncorrected plans is as before.
    fixes = [", ".join(corrections_of(graph, n)) if node_kind(graph, n) in ("Unit", "Group") else ""
             for n in nodes]
    if any(fixes):
        columns["correction"] = fixes
    return columns
