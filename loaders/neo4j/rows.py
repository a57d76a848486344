"""Cutting a graph into the rows the loader sends: a shared part, then one part per document.

A document's part is what only that document holds: its Document node, its tasks, and the edges
that carry its id in ``document`` (responsibilities, pairings, mentions, ...). The shared part is
the rest: units, groups, sides, districts and parks, which several documents may name, and the
``IN`` edges that place them. ``COUNTERPART`` edges are not sent: the loader derives them in the
database from all the responsibilities it holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import EDGE_TYPES, NODE_KINDS, check_graph

__all__ = ["EdgeGroup", "Part", "parts_of", "node_props", "edge_props"]

# Edges derived from the others, rebuilt by the loader rather than copied.
DERIVED = frozenset({"COUNTERPART"})

# (relationship type, label of the start node, label of the end node): each group becomes one
# statement with labelled MATCHes on both ends.
EdgeGroup = tuple[str, str, str]


@dataclass
class Part:
    """The rows of one transaction's worth of documents."""

    documents: list[str] = field(default_factory=list)
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    edges: dict[EdgeGroup, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    @property
    def size(self) -> int:
        """How many rows the part sends."""
        return sum(map(len, self.nodes.values())) + sum(map(len, self.edges.values()))

    def extend(self, other: Part) -> None:
        """Append another part's rows (to pack small documents into one transaction)."""
        self.documents += other.documents
        for label, rows in other.nodes.items():
            self.nodes[label] += rows
        for group, rows in other.edges.items():
            self.edges[group] += rows


def _value(value: Any, where: str) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if not all(isinstance(v, str) for v in items):
            raise GraphError(f"{where}: only lists of strings can be stored in Neo4j")
        return items
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise GraphError(f"{where}: a {type(value).__name__} cannot be stored in Neo4j")


def _kept(value: Any) -> bool:
    # Unknown values and empty lists are left out: Neo4j's import tool cannot write an empty
    # list, and both load paths must give the same database.
    return value is not None and not (isinstance(value, (list, tuple, set, frozenset)) and not value)


def node_props(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """A node's properties as stored: its attributes without ``kind``, unknown values and empty
    lists, plus ``id``."""
    props = {k: _value(v, f"node {node!r} attribute {k!r}") for k, v in graph.nodes[node].items()
             if k != "kind" and _kept(v)}
    props["id"] = node
    return props


def edge_props(graph: nx.MultiDiGraph, u: str, v: str, key: str) -> dict[str, Any]:
    """An edge's properties as stored (unknown values and empty lists left out)."""
    return {k: _value(val, f"edge {u!r} -{key}-> {v!r} attribute {k!r}")
            for k, val in graph.edges[u, v, key].items() if _kept(val)}


def _kind(graph: nx.MultiDiGraph, node: str) -> str:
    kind = graph.nodes[node].get("kind")
    if kind not in NODE_KINDS:
        raise GraphError(f"node {node!r} has the kind {kind!r}, which is none of {', '.join(NODE_KINDS)}")
    return str(kind)


def parts_of(graph: nx.MultiDiGraph) -> tuple[Part, list[Part]]:
    """The shared part and one part per document (in document id order).

    Raises
    ------
    GraphError
        The graph is not a graphmodel graph, or holds a node kind, edge type or value Neo4j
        cannot take, or refers to a document it lacks.
    """
    check_graph(graph)
    kinds = {n: _kind(graph, n) for n in graph.nodes}
    for u, v, key in graph.edges(keys=True):
        if key not in EDGE_TYPES:
            raise GraphError(f"edge {u!r} -> {v!r} has the type {key!r}, which is none of {', '.join(EDGE_TYPES)}")

    docs = sorted(n for n, k in kinds.items() if k == "Document")
    doc_nodes: dict[str, set[str]] = {d: {d} for d in docs}
    doc_edges: dict[str, set[tuple[str, str, str]]] = {d: set() for d in docs}
    owner: dict[str, str] = {d: d for d in docs}
    for node, kind in kinds.items():
        if kind == "Task":
            doc = graph.nodes[node].get("document")
            if doc not in doc_nodes:
                raise GraphError(f"task {node!r} belongs to the document {doc!r}, which the graph lacks")
            doc_nodes[doc].add(node)
            owner[node] = doc
    shared_edges = set()
    for u, v, key, doc in graph.edges(keys=True, data="document"):
        if key in DERIVED:
            continue
        # An edge goes with the document it names, else with the document of a task it touches.
        doc = doc if doc is not None else owner.get(u, owner.get(v))
        if doc is None:
            shared_edges.add((u, v, key))
        elif doc not in doc_nodes:
            raise GraphError(f"edge {u!r} -{key}-> {v!r} names the document {doc!r}, which the graph lacks")
        else:
            doc_edges[doc].add((u, v, key))
    shared_nodes = {n for n in graph.nodes if n not in owner}
    return (_part(graph, kinds, [], shared_nodes, shared_edges),
            [_part(graph, kinds, [d], doc_nodes[d], doc_edges[d]) for d in docs])


def _part(graph: nx.MultiDiGraph, kinds: dict[str, str], documents: list[str], nodes: set[str],
          edges: set[tuple[str, str, str]]) -> Part:
    part = Part(documents=documents)
    for n in sorted(nodes):
        part.nodes[kinds[n]].append({"id": n, "props": node_props(graph, n)})
    for u, v, key in sorted(edges):
        part.edges[key, kinds[u], kinds[v]].append({"a": u, "b": v, "props": edge_props(graph, u, v, key)})
    return part
