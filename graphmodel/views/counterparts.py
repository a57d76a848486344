"""Counterparts: the units of one side facing the other's, linked by the tasks they share."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphmodel.views import facts, layout, style
from graphmodel.views.network import check_sides
from graphmodel.views.viewdata import ViewData, assemble

__all__ = ["counterparts_view"]


def counterparts_view(graph: nx.MultiDiGraph, sides: Iterable[str] = ()) -> ViewData:
    """Units linked by COUNTERPART edges, the side listed first on the left, the other on the right.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    sides : iterable of str, optional
        Keep only the counterpart links that have a unit of one of these sides at one end.

    Returns
    -------
    ViewData
        Two columns ordered to reduce crossings; edge width and label give the shared tasks.
    """
    facts.check_graph(graph)
    wanted = set(check_sides(graph, sides))
    edges = sorted(
        (u, v, k) for u, v, k in graph.edges(keys=True)
        if k == "COUNTERPART"
        and (not wanted or {facts.node_side(graph, u), facts.node_side(graph, v)} & wanted)
    )
    # A counterpart edge runs from the side the document lists first: that side goes left.
    left_sides = {facts.node_side(graph, u) for u, _, _ in edges}
    nodes = sorted({n for u, v, _ in edges for n in (u, v)})
    left = [n for n in nodes if facts.node_side(graph, n) in left_sides]
    right = [n for n in nodes if facts.node_side(graph, n) not in left_sides]
    rank = {s: i for i, s in enumerate(facts.side_order(graph))}
    block = {n: rank.get(facts.node_side(graph, n) or "", len(rank)) for n in nodes}

    # Start each column with the busiest units, so ties in the crossing reduction favour them.
    def busiest(n: str) -> tuple[int, int, str]:
        return (block[n], -facts.workload(graph, n), n)

    # Rows tall enough for the largest node and its label.
    largest = max((style.node_size("Unit", facts.workload(graph, n)) for n in nodes), default=10.0)
    positions = layout.columns(sorted(left, key=busiest), sorted(right, key=busiest),
                               [(u, v) for u, v, _ in edges], block, row=max(44.0, 2 * largest + 24))
    title = facts.heading(graph, "Counterparts" + (f" of {'、'.join(sorted(wanted))}" if wanted else ""))
    return assemble(graph, "counterparts", title, nodes, edges, positions, separate=False)
