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
    block = _blocks(graph, edges, left_sides)

    # Start each column with the busiest units, so ties in the crossing reduction favour them.
    def busiest(n: str) -> tuple[float, int, str]:
        return (block[n], -facts.workload(graph, n), n)

    # Rows tall enough for the largest node and its label.
    largest = max((style.node_size("Unit", facts.workload(graph, n)) for n in nodes), default=10.0)
    positions = layout.columns(sorted(left, key=busiest), sorted(right, key=busiest),
                               [(u, v) for u, v, _ in edges], block, row=max(44.0, 2 * largest + 24))
    title = facts.heading(graph, "Counterparts" + (f" of {'、'.join(sorted(wanted))}" if wanted else ""))
    return assemble(graph, "counterparts", title, nodes, edges, positions)


def _blocks(graph: nx.MultiDiGraph, edges: list[tuple[str, str, str]], left_sides: set[str | None]
            ) -> dict[str, float]:
    # Each side is a block of its column. Left blocks go in side order; a right block goes
    # level with the left blocks it pairs with (the mean of their ranks, weighted by shared
    # tasks), so that in a corpus of several city pairs each pair faces across the page.
    order = facts.side_order(graph)
    rank: dict[str | None, float] = {s: float(i) for i, s in enumerate(s for s in order if s in left_sides)}
    weights: dict[str | None, list[tuple[float, int]]] = {}
    for u, v, k in edges:
        count = int(graph.edges[u, v, k].get("count") or 1)
        weights.setdefault(facts.node_side(graph, v), []).append((rank.get(facts.node_side(graph, u), 0.0), count))
    for side, pairs in weights.items():
        if side not in left_sides:
            # A small tie-break keeps two right sides facing the same left side in side order.
            tie = (order.index(side) if side in order else len(order)) / (100 * len(order) + 100)
            rank[side] = sum(r * c for r, c in pairs) / sum(c for _, c in pairs) + tie
    return {n: rank.get(facts.node_side(graph, n), float(len(order)))
            for u, v, _ in edges for n in (u, v)}
