"""Counterparts: one pair of sides at a time, each side's units in a column (or a matrix).

The page computes the pairs itself, for the pair of sides and the documents ticked in it
(see `graphmodel.views.scene`); here are the units, their tasks and the pairs of sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import check_graph, document_records, node_side, side_order, stored_counterparts
from graphmodel.views import facts
from graphmodel.views.network_view import check_sides
from graphmodel.views.scene import KINDS, ROLES, SCHEMA, Scene, Tables, node_columns, responsibilities

__all__ = ["side_pairs", "counterparts_view"]


def side_pairs(graph: nx.MultiDiGraph[str]) -> list[tuple[str, str, int, int]]:
    """The pairs of sides that counterpart links join, as the documents pair them.

    Returns
    -------
    list of tuple
        ``(left, right, pairs, shared)``: the side the documents list first (most often, then
        in `graphmodel.graph.side_order`), the other, how many counterpart pairs of units join them and
        how many shared tasks those pairs count; most shared tasks first.
    """
    order = {s: i for i, s in enumerate(side_order(graph))}
    pairs: Counter[tuple[str, str]] = Counter()
    shared: Counter[tuple[str, str]] = Counter()
    for link in stored_counterparts(graph):
        a, b = sorted((node_side(graph, link.a) or "", node_side(graph, link.b) or ""), key=order.__getitem__)
        pairs[a, b] += 1
        shared[a, b] += int(link.count or 1)
    first: Counter[tuple[str, str]] = Counter()
    for info in document_records(graph).values():
        sides = info.sides
        for i, a in enumerate(sides):
            for b in sides[i + 1:]:
                first[a, b] += 1
    out = []
    for a, b in pairs:
        left, right = (b, a) if first[b, a] > first[a, b] else (a, b)
        out.append((left, right, pairs[a, b], shared[a, b]))
    return sorted(out, key=lambda p: (-p[3], -p[2], order.get(p[0], 0), order.get(p[1], 0)))


def counterparts_view(graph: nx.MultiDiGraph[str], sides: Iterable[str] = (), view: str = "counterparts"
                       ) -> Scene:
    """Units that have counterparts, their tasks, and the pairs of sides, for the page to pair.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    sides : iterable of str, optional
        The pair of sides shown first: one side (its pair with the most shared tasks) or two
        (``GraphError`` when no counterpart links join them). Every pair stays in the page.
    view : {"counterparts", "matrix"}
        How the page first draws the chosen pair: two facing columns, or a matrix.

    Returns
    -------
    Scene
        ``units`` (node columns), ``responsibility`` (unit, task, role columns), ``pairs`` of
        sides (``left``, ``right`` side indexes, ``pairs``, ``shared``) and ``pair`` (the one
        shown first).
    """
    check_graph(graph)
    wanted = check_sides(graph, sides)
    if len(wanted) > 2:
        raise GraphError(f"the {view} view shows one pair of sides: give at most two, not {len(wanted)}")
    pairs = side_pairs(graph)
    first = next((i for i, p in enumerate(pairs) if set(wanted) <= {p[0], p[1]}), None)
    if wanted and first is None:
        raise GraphError(f"no counterpart links join {' and '.join(wanted)}")
    units = {n for link in stored_counterparts(graph) for n in (link.a, link.b)}
    edge_count = sum(p[2] for p in pairs)
    ordered = sorted(units)
    tables = Tables(graph)
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "view": view,
        "title": facts.heading(graph, "Counterparts" if view == "counterparts" else "Counterpart matrix"),
        "kinds": KINDS,
        "roles": ROLES,
        "nodes": node_columns(tables, ordered),
        "responsibility": responsibilities(tables, ordered),
        "pairs": [{"left": tables.side(a), "right": tables.side(b), "pairs": n, "shared": s}
                  for a, b, n, s in pairs],
        "pair": first or 0,
    }
    data.update(tables.to_dict())
    return Scene(view, data["title"], data, len(ordered), edge_count)
