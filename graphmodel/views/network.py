"""The whole network: every node of the graph and every edge but the derived counterpart links."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.views import facts, layout
from graphmodel.views.viewdata import ViewData, assemble

__all__ = ["network_view", "check_sides", "side_part"]


def check_sides(graph: nx.MultiDiGraph, sides: Iterable[str]) -> list[str]:
    """The requested sides, checked: raise `GraphError` naming one the graph does not hold."""
    known = facts.side_order(graph)
    wanted = list(dict.fromkeys(sides))
    for side in wanted:
        if side not in known:
            raise GraphError(f"no side {side!r} in the graph (sides: {'、'.join(known) or 'none'})")
    return wanted


def side_part(graph: nx.MultiDiGraph, sides: Iterable[str]) -> set[str]:
    """The nodes of these sides, the tasks their units share and those tasks' parents and documents."""
    wanted = set(sides)
    keep = {n for n in graph if facts.node_side(graph, n) in wanted}
    stack = [t for n in keep for _, t, k in graph.out_edges(n, keys=True) if k == "RESPONSIBLE_FOR"]
    while stack:
        node = stack.pop()
        if node in keep:
            continue
        keep.add(node)
        stack += [p for _, p, k in graph.out_edges(node, keys=True) if k == "PART_OF"]
    return keep


def network_view(graph: nx.MultiDiGraph, sides: Iterable[str] = ()) -> ViewData:
    """The whole graph as a view: documents, tasks, units, groups, sides, districts, parks.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    sides : iterable of str, optional
        Keep only these sides' nodes and the tasks (with parents and documents) of their units.

    Returns
    -------
    ViewData
        Nodes placed by a seeded spring layout, one side's nodes starting left, the other's right.
    """
    facts.check_graph(graph)
    wanted = check_sides(graph, sides)
    chosen = side_part(graph, wanted) if wanted else set(graph.nodes)
    nodes = sorted(chosen)
    # COUNTERPART links are derived from the tasks already drawn; the counterparts view shows them.
    edges = sorted((u, v, k) for u, v, k in graph.edges(keys=True)
                   if k != "COUNTERPART" and u in chosen and v in chosen)
    rank = {s: i for i, s in enumerate(facts.side_order(graph))}
    positions = layout.spring(nodes, [(u, v) for u, v, _ in edges],
                              {n: rank.get(facts.node_side(graph, n) or "") for n in nodes})
    title = facts.heading(graph, "Network" + (f" of {'、'.join(wanted)}" if wanted else ""))
    # A force layout packs its core tightly: let labels cover at most 30 % of the drawing.
    return assemble(graph, "network", title, nodes, edges, positions, fill=0.3)
