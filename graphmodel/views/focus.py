"""One unit's neighbourhood: its tasks, and the units (of any side) that share them."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphmodel.graph import (
    check_graph,
    counterparts,
    find_unit,
    node_label,
    node_side,
    side_order,
    task_responsibilities,
    unit_responsibilities,
)
from graphmodel.views import facts, layout
from graphmodel.views.network_view import check_sides
from graphmodel.views.viewdata import ViewData, assemble

__all__ = ["focus_view"]


def focus_view(graph: nx.MultiDiGraph[str], unit: str, sides: Iterable[str] = ()) -> ViewData:
    """A unit in the centre, its tasks around it, the units sharing those tasks outside.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    unit : str
        The unit's id, canonical name or an alias.
    sides : iterable of str, optional
        Look the unit up among these sides only (when a name exists on several sides).

    Returns
    -------
    ViewData
        The responsibility edges of all these units for these tasks, and the centre's counterpart links.

    Raises
    ------
    GraphError
        When a side is not in the graph, or no unit (or group placeholder) matches ``unit``, or
        units of several sides do (``sides`` narrows them); see `graphmodel.graph.find_unit`.
    """
    check_graph(graph)
    centre = find_unit(graph, unit, check_sides(graph, sides), groups=True)
    tasks = list(dict.fromkeys(row.task for row in unit_responsibilities(graph, centre)))
    task_set = set(tasks)
    edges = {(r.unit, t, "RESPONSIBLE_FOR") for t in tasks for r in task_responsibilities(graph, t)}
    others = {u for u, _, _ in edges} - {centre}
    edges |= set(counterparts(graph, centre))
    others |= {n for u, v, _ in edges for n in (u, v)} - {centre} - task_set

    # Units outside sit near their tasks: ordered by side, then the mean position of their tasks.
    index = {t: i for i, t in enumerate(tasks)}
    rank = {s: i for i, s in enumerate(side_order(graph))}

    def place(n: str) -> tuple[int, float, str]:
        ranks = [index[r.task] for r in unit_responsibilities(graph, n) if r.task in index]
        return (rank.get(node_side(graph, n) or "", len(rank)),
                sum(ranks) / len(ranks) if ranks else len(tasks), n)

    outer = sorted(others, key=place)
    positions = layout.rings(centre, [tasks, outer])
    title = facts.heading(graph, f"{node_label(graph, centre)} and its partners")
    view = assemble(graph, "focus", title, [centre, *tasks, *outer], sorted(edges), positions, focus=centre)
    view.nodes[0]["font"] = {"size": 20, "bold": True}
    return view
