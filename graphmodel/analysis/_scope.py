"""Shared helpers of the analyses: the documents in scope and a unit's public face."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import check_graph, node_side, nodes_of_kind, task_document, task_number, unit_label

__all__ = ["UnitRef", "scope", "unit_ref", "task_row"]


@dataclass(frozen=True, order=True)
class UnitRef:
    """A unit as the analyses report it: id, canonical name and side."""

    id: str
    name: str
    side: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "side": self.side}


def unit_ref(graph: nx.MultiDiGraph, node: str) -> UnitRef:
    return UnitRef(node, unit_label(graph, node), node_side(graph, node))


def task_row(graph: nx.MultiDiGraph, task: str) -> dict[str, str]:
    return {"id": task, "number": task_number(graph, task), "document": task_document(graph, task)}


def scope(graph: nx.MultiDiGraph, document: str | Collection[str] | None) -> set[str] | None:
    """Check the graph, and turn a document filter into a set of document ids (None: all)."""
    check_graph(graph)
    if document is None:
        return None
    wanted = {document} if isinstance(document, str) else set(document)
    known = set(nodes_of_kind(graph, "Document"))
    missing = sorted(wanted - known)
    if missing:
        raise GraphError(f"no document {missing[0]!r} in the graph")
    return wanted
