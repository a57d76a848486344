"""Finding things in a built graph by what a user types: ids, names, aliases, titles."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from pathlib import PurePath

import networkx as nx

from graphmodel.docstrings import document_functions
from graphmodel.errors import GraphError
from graphmodel.graph.access import (
    document_record,
    node_aliases,
    node_kind,
    node_side,
    nodes_of_kind,
    side_short,
    unit_label,
)
from graphmodel.graph.schema import SCHEMA

__all__ = ["check_graph", "find_unit", "find_document", "find_side"]


def check_graph(graph: object, where: str = "the graph") -> nx.MultiDiGraph[str]:
    """Check that ``graph`` is a graph `build_graph` made (or one read back from its files).

    Parameters
    ----------
    where : str
        Names it in the error message (a file, "the graph").

    Returns
    -------
    networkx.MultiDiGraph
        ``graph`` itself.

    Raises
    ------
    GraphError
        When ``graph`` is not a MultiDiGraph, or its ``schema`` attribute is not `SCHEMA`.

    Examples
    --------
    >>> import networkx as nx
    >>> check_graph(nx.MultiDiGraph(schema="graphmodel.graph/1"))
    <networkx.classes.multidigraph.MultiDiGraph object at ...>
    >>> check_graph(nx.Graph(), "plans.graphml")
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphError: plans.graphml is not a graphmodel.graph/1 graph (a Graph, not a MultiDiGraph)
    """
    if not isinstance(graph, nx.MultiDiGraph):
        raise GraphError(f"{where} is not a {SCHEMA} graph (a {type(graph).__name__}, not a MultiDiGraph)")
    schema = graph.graph.get("schema")
    if schema != SCHEMA:
        raise GraphError(f"{where} is not a {SCHEMA} graph (schema is {schema!r})")
    return graph


def find_unit(
    graph: nx.MultiDiGraph[str], ref: str, side: str | Iterable[str] | None = None, *, groups: bool = False
) -> str:
    """The id of the one unit that ``ref`` names.

    Parameters
    ----------
    ref : str
        A unit id, a canonical name, an alias, or the end of a name (``科委`` for 上海市科委),
        tried in that order; the first rule that matches anything decides.
    side : str or iterable of str, optional
        Only units of this side (or these sides), by full name.
    groups : bool
        Also group placeholders (各有关单位), which have responsibilities but are not units.

    Returns
    -------
    str
        The unit's id.

    Raises
    ------
    GraphError
        When no unit matches (the message suggests names that contain ``ref``), or several do
        (the message lists them).

    Examples
    --------
    >>> find_unit(G, "上海市发改委")  # an alias
    'unit:上海市/上海市发展改革委'
    >>> find_unit(G, "发展改革委", side="大连市")  # the end of a name, on one side
    'unit:大连市/大连市发展改革委'
    >>> find_unit(G, "发展改革委")
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphError: the unit '发展改革委' is ambiguous: 上海市发展改革委 (上海市), 大连市发展改革委 ...
    """
    ref = ref.strip()
    wanted = {side} if isinstance(side, str) else set(side or ())
    kinds = ("Unit", "Group") if groups else ("Unit",)
    units = [n for n in graph.nodes
             if node_kind(graph, n) in kinds and (not wanted or node_side(graph, n) in wanted)]
    if ref in units:
        return ref
    rules: tuple[Callable[[str], bool], ...] = (
        lambda n: unit_label(graph, n) == ref,
        lambda n: ref in node_aliases(graph, n),
        lambda n: unit_label(graph, n).endswith(ref),
    )
    for rule in rules:
        found = [n for n in units if rule(n)]
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(f"{unit_label(graph, n)} ({node_side(graph, n) or '-'})"
                               for n in found[:6])
            raise GraphError(f"the unit {ref!r} is ambiguous: {listed}; give its side (--side) or full name")
    where = f" on the side {'、'.join(sorted(wanted))}" if wanted else ""
    names = sorted({unit_label(graph, n) for n in units})
    near = [name for name in names if ref and ref in name]
    # Then names alike as a whole: a wrong last character (大连市科技厅 for 大连市科技局).
    near += [name for name in difflib.get_close_matches(ref, names, n=5, cutoff=0.75) if name not in near]
    hint = f" (did you mean {'、'.join(near[:5])}?)" if near else ""
    raise GraphError(f"no unit {ref!r}{where} in the graph{hint}")


def find_side(graph: nx.MultiDiGraph[str], ref: str) -> str:
    """The full name of the side ``ref`` names: its name (大连市) or short name (大连).

    Returns
    -------
    str
        The side's full name.

    Raises
    ------
    GraphError
        When the graph has no such side (the message lists the sides it has, so a typo does
        not silently select nothing).

    Examples
    --------
    >>> find_side(G, "大连")
    '大连市'
    >>> find_side(G, "沈阳")
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphError: no side '沈阳' in the graph (sides: 上海市、大连市)
    """
    ref = ref.strip()
    sides = [(node_side(graph, n), side_short(graph, n)) for n in nodes_of_kind(graph, "Side")]
    for name, short in sides:
        if ref in (name, short):
            return str(name)
    known = "、".join(sorted(str(name) for name, _ in sides)) or "none"
    raise GraphError(f"no side {ref!r} in the graph (sides: {known})")


def find_document(graph: nx.MultiDiGraph[str], ref: str) -> str:
    """The id of the one document that ``ref`` names: its id, title, source path or file name.

    Parameters
    ----------
    ref : str
        What the user typed: an id, a title, a source path, a file name with or without its
        suffix.

    Returns
    -------
    str
        The document's id.

    Raises
    ------
    GraphError
        When no document matches, or several do.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> from graphmodel.graph import build_graph
    >>> plan = "2020年上海市与大连市对口合作计划\\n一、甲。（责任单位：上海市发改委）"
    >>> G = build_graph([extract(plan, source="plans/2020.txt")])
    >>> find_document(G, "2020")
    'doc:2020年上海市与大连市对口合作计划@...'
    >>> find_document(G, "2020年上海市与大连市对口合作计划") == find_document(G, "plans/2020.txt")
    True
    """
    docs = nodes_of_kind(graph, "Document")
    if ref in docs:
        return ref

    def names(d: str) -> set[str]:
        record = document_record(graph, d)
        out = {record.title or ""}
        if record.source:
            path = PurePath(record.source)
            out |= {record.source, path.name, path.stem}
        return out - {""}

    found = [d for d in docs if ref in names(d)]
    if len(found) == 1:
        return found[0]
    if found:
        raise GraphError(f"the document {ref!r} is ambiguous: {', '.join(found)}")
    raise GraphError(f"no document {ref!r} in the graph")


document_functions(globals())
