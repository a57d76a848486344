"""The responsibility graph: a networkx MultiDiGraph over a corpus of plans.

Build it with `build_graph` from `graphmodel.model.Extraction` objects; its schema is in
DEVELOPERS.md ("The graph"). The analyses in `graphmodel.analysis` read it.
"""

from graphmodel.graph.construct import build_graph
from graphmodel.graph.counterpart_links import counterpart_edges, task_order, unit_tasks
from graphmodel.graph.lookup import (
    check_graph,
    documents,
    find_document,
    find_side,
    find_unit,
    nodes_of_kind,
    unit_label,
)
from graphmodel.graph.schema import EDGE_TYPES, LIST_ATTRIBUTES, NODE_KINDS, SCHEMA, side_id

__all__ = [
    "SCHEMA",
    "NODE_KINDS",
    "EDGE_TYPES",
    "LIST_ATTRIBUTES",
    "build_graph",
    "check_graph",
    "counterpart_edges",
    "documents",
    "find_document",
    "find_side",
    "find_unit",
    "nodes_of_kind",
    "side_id",
    "task_order",
    "unit_label",
    "unit_tasks",
]
