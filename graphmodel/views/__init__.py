"""Interactive, offline HTML views of a graphmodel graph.

>>> html = render_html(graph, "counterparts")      # a whole page, as a string
>>> show(graph, "focus", focus="大连市发展改革委")    # inline in Jupyter

The views: ``network`` (the whole graph), ``counterparts`` (one pair of sides, each side's units
in a column, linked by the tasks they share), ``matrix`` (the same pairs as a matrix) and
``focus`` (one unit and its neighbourhood).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.views.counterpart_view import counterparts_view
from graphmodel.views.focus import focus_view
from graphmodel.views.network_view import network_view
from graphmodel.views.notebook import InlinePage
from graphmodel.views.page import render_page
from graphmodel.views.scene import Scene
from graphmodel.views.viewdata import ViewData

__all__ = [
    "VIEWS",
    "ViewData",
    "Scene",
    "InlinePage",
    "network_view",
    "counterparts_view",
    "focus_view",
    "check_request",
    "build_view",
    "render_page",
    "render_html",
    "show",
]

VIEWS = ("network", "counterparts", "matrix", "focus")


def check_request(view: str, focus: str | None = None) -> None:
    """Refuse a request no graph can answer, before any graph is read or laid out.

    Parameters
    ----------
    view : str
        One of `VIEWS`.
    focus : str, optional
        The unit to centre on: required by ``focus``, refused by the other views.

    Raises
    ------
    GraphError
        An unknown view, or a missing or misplaced focus.
    """
    if view not in VIEWS:
        raise GraphError(f"no view {view!r} (views: {', '.join(VIEWS)})")
    if view == "focus" and not focus:
        raise GraphError("the focus view needs a unit to focus on")
    if view != "focus" and focus:
        raise GraphError(f"a unit to focus on is for the focus view, not {view!r}")


def build_view(graph: nx.MultiDiGraph[str], view: str = "network", focus: str | None = None,
               sides: Iterable[str] = ()) -> ViewData | Scene:
    """The data of one view of ``graph``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    view : {"network", "counterparts", "matrix", "focus"}
        Which view.
    focus : str, optional
        For ``focus``: the unit's id, name or alias (required there, refused elsewhere).
    sides : iterable of str
        Limit to these sides (network, focus), or choose the pair of sides shown first
        (counterparts, matrix: one side or two).

    Raises
    ------
    GraphError
        An unknown view, a missing or misplaced focus, an unknown side or unit.
    """
    sides = list(sides)
    check_request(view, focus)
    if view == "focus":
        assert focus is not None  # check_request made sure
        return focus_view(graph, focus, sides)
    if view == "network":
        return network_view(graph, sides)
    return counterparts_view(graph, sides, view)


def render_html(graph: nx.MultiDiGraph[str], view: str = "network", focus: str | None = None,
                sides: Iterable[str] = ()) -> str:
    """One self-contained HTML page of a view of ``graph`` (see `build_view`)."""
    return render_page(build_view(graph, view, focus, sides))


def show(graph: nx.MultiDiGraph[str], view: str = "network", focus: str | None = None,
         sides: Iterable[str] = (), height: int = 640) -> InlinePage:
    """A view that a Jupyter notebook shows inline (see `build_view`)."""
    return InlinePage(render_html(graph, view, focus, sides), height)
