"""Counts that describe a graph at a glance."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graphmodel.docstrings import document_functions
from graphmodel.graph import EDGE_TYPES, NODE_KINDS, check_graph, node_kind, unit_tasks

__all__ = ["graph_stats"]


def graph_stats(graph: nx.MultiDiGraph[str]) -> dict[str, int]:
    """Nodes of each kind, edges of each type, and the annotated tasks.

    Returns
    -------
    dict
        Keys in a fixed order: each node kind (``Document`` … ``Park``), ``annotated tasks``
        (tasks with at least one responsibility), then each edge type; every kind and type
        appears, with 0 when the graph has none.

    Examples
    --------
    >>> stats = graph_stats(G)
    >>> {k: stats[k] for k in ("Document", "Task", "Unit", "Group", "annotated tasks", "COUNTERPART")}
    {'Document': 1, 'Task': 4, 'Unit': 5, 'Group': 1, 'annotated tasks': 4, 'COUNTERPART': 3}
    """
    check_graph(graph)
    kinds = Counter(node_kind(graph, n) for n in graph)
    types = Counter(k for _, _, k in graph.edges(keys=True))
    annotated = {t for tasks in unit_tasks(graph, groups=True).values() for t in tasks}  # no record per edge
    out = {kind: kinds.get(kind, 0) for kind in NODE_KINDS}
    out["annotated tasks"] = len(annotated)
    out.update({t: types.get(t, 0) for t in EDGE_TYPES})
    return out


document_functions(globals(), raises={"graph": ("graph_stats",)})
