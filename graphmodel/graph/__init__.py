"""The responsibility graph: a networkx MultiDiGraph over a corpus of plans.

Build it with `build_graph` from `graphmodel.model.Extraction` objects; its schema is in
DEVELOPERS.md ("The graph"). The analyses in `graphmodel.analysis` read it.

In the examples, ``G`` is ``graphmodel.examples.example_graph()``, the graph of one small plan.
"""

from graphmodel.graph import access
from graphmodel.graph.access import *  # noqa: F403 (the accessors, access.__all__)
from graphmodel.graph.construct import GraphBuilder, build_graph
from graphmodel.graph.counterpart_links import counterpart_edges
from graphmodel.graph.lookup import check_graph, find_document, find_side, find_unit
from graphmodel.graph.schema import EDGE_TYPES, LIST_ATTRIBUTES, NODE_KINDS, SCHEMA, side_id

__all__ = [
    "SCHEMA",
    "NODE_KINDS",
    "EDGE_TYPES",
    "LIST_ATTRIBUTES",
    "build_graph",
    "GraphBuilder",
    "check_graph",
    "counterpart_edges",
    "find_document",
    "find_side",
    "find_unit",
    "side_id",
]
__all__ += access.__all__
