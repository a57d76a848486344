"""Filling a new graph with many nodes and edges at once.

`networkx.MultiDiGraph.add_edge` checks and copies for every edge; over a corpus of a thousand
plans (hundreds of thousands of edges) that is most of the time it takes to build or read a
graph. `assemble` writes the same adjacency dicts directly: the result is equal to adding the
nodes and then the edges one by one with ``add_node`` and ``add_edge(u, v, key=key, **attrs)``,
in the same order, and is an ordinary MultiDiGraph afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError

__all__ = ["assemble", "paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a graph's many dicts are made.

    Building a graph creates hundreds of thousands of containers and no cycles to collect; the
    collector would walk them again and again (a third of the time of reading a saved graph).

    Yields
    ------
    None
        The collector is disabled inside the block and enabled again after it, if it was
        enabled before (also when the block raises).

    Examples
    --------
    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def assemble(graph_attrs: dict[str, Any], nodes: Iterable[tuple[str, dict[str, Any]]],
             edges: Iterable[tuple[Any, ...]], keyed: bool = False) -> nx.MultiDiGraph[str]:
    """A new MultiDiGraph with these nodes and edges, in this order.

    Parameters
    ----------
    graph_attrs : dict
        The graph's attributes (``graph.graph``).
    nodes : iterable of (id, attrs)
        Each node once. The attrs dict becomes the node's data (it is not copied).
    edges : iterable of (u, v, key, attrs)
        Each ``(u, v, key)`` once, between nodes listed in ``nodes``. The attrs dict becomes the
        edge's data (it is not copied).
    keyed : bool
        ``edges`` are ``((u, v, key), attrs)`` pairs instead, as a dict's items are (no tuple
        of four made for each).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    GraphError
        When a node is listed twice, an edge names a node that is not listed, or an edge
        ``(u, v, key)`` is listed twice.

    Examples
    --------
    >>> g = assemble({"schema": "s"}, [("a", {"kind": "Unit"}), ("b", {})], [("a", "b", "IN", {})])
    >>> list(g.edges(keys=True))
    [('a', 'b', 'IN')]
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**graph_attrs)
    # The adjacency dicts are private, so not in networkx's stubs.
    node, succ, pred = graph._node, graph._succ, graph._pred  # type: ignore[attr-defined]
    for n, attrs in nodes:
        if n in node:
            raise GraphError(f"the node {n!r} is listed twice")
        node[n] = attrs
        succ[n] = {}
        pred[n] = {}
    for edge in edges:
        if keyed:
            (u, v, key), attrs = edge
        else:
            u, v, key, attrs = edge
        out = succ.get(u)
        if out is None:
            raise GraphError(f"the edge {u!r} -> {v!r} ({key}) names a node the graph does not have")
        keys = out.get(v)
        if keys is None:
            back = pred.get(v)
            if back is None:
                raise GraphError(f"the edge {u!r} -> {v!r} ({key}) names a node the graph does not have")
            out[v] = back[u] = {key: attrs}
        elif key in keys:
            raise GraphError(f"the edge {u!r} -> {v!r} ({key}) is listed twice")
        else:
            keys[key] = attrs
    return graph
