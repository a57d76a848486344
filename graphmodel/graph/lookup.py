"""Finding things in a built graph by what a user types: ids, names, aliases, titles."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import PurePath

import networkx as nx

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


def check_graph(graph: object, where: str = "the graph") -> nx.MultiDiGraph:
    """Return ``graph`` if it is a graph `build_graph` made; raise `GraphError` otherwise."""
    if not isinstance(graph, nx.MultiDiGraph):
        raise GraphError(f"{where} is not a {SCHEMA} graph (a {type(graph).__name__}, not a MultiDiGraph)")
    schema = graph.graph.get("schema")
    if schema != SCHEMA:
        raise GraphError(f"{where} is not a {SCHEMA} graph (schema is {schema!r})")
    return graph


def find_unit(
    graph: nx.MultiDiGraph, ref: str, side: str | Iterable[str] | None = None, *, groups: bool = False
) -> str:
    """The id of the one unit that ``ref`` names.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `build_graph`.
    ref : str
        A unit id, a canonical name, an alias, or the end of a name (``科委`` for 上海市科委),
        tried in that order; the first rule that matches anything decides.
    side : str or iterable of str, optional
        Only units of this side (or these sides), by full name.
    groups : bool
        Also group placeholders (各有关单位), which have responsibilities but are not units.

    Raises
    ------
    GraphError
        When no unit matches (the message suggests names that contain ``ref``), or several do
        (the message lists them).
    """
    ref = ref.strip()
    wanted = {side} if isinstance(side, str) else set(side or ())
    kinds = ("Unit", "Group") if groups else ("Unit",)
    units = [n for n in graph.nodes
             if node_kind(graph, n) in kinds and (not wanted or node_side(graph, n) in wanted)]
    if ref in units:
        return ref
    rules = (
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


def find_side(graph: nx.MultiDiGraph, ref: str) -> str:
    """The full name of the side ``ref`` names: its name (大连市) or short name (大连).

    Raises
    ------
    GraphError
        When the graph has no such side (the message lists the sides it has, so a typo does
        not silently select nothing).
    """
    ref = ref.strip()
    sides = [(node_side(graph, n), side_short(graph, n)) for n in nodes_of_kind(graph, "Side")]
    for name, short in sides:
        if ref in (name, short):
            return str(name)
    known = "、".join(sorted(str(name) for name, _ in sides)) or "none"
    raise GraphError(f"no side {ref!r} in the graph (sides: {known})")


def find_document(graph: nx.MultiDiGraph, ref: str) -> str:
    """The id of the one document that ``ref`` names: its id, title, source path or file name.

    Raises
    ------
    GraphError
        When no document matches, or several do.
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
