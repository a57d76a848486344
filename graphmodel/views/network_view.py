"""The whole network: every node of the graph and every edge but the derived counterpart links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import (
    check_graph,
    edge_document,
    edge_role,
    edge_tasks,
    node_kind,
    node_side,
    responsibility,
    side_order,
    task_document,
    unit_responsibilities,
)
from graphmodel.views import facts, layout, style
from graphmodel.views.scene import EDGE_TYPES, KINDS, ROLES, SCHEMA, Scene, Tables, node_columns, responsibilities

__all__ = ["network_view", "check_sides", "side_part"]


def check_sides(graph: nx.MultiDiGraph[str], sides: Iterable[str]) -> list[str]:
    """The requested sides, checked: raise `GraphError` naming one the graph does not hold."""
    wanted = list(dict.fromkeys(sides))
    known = side_order(graph) if wanted else []  # reading every side costs a pass over the graph
    for side in wanted:
        if side not in known:
            raise GraphError(f"no side {side!r} in the graph (sides: {'、'.join(known) or 'none'})")
    return wanted


def side_part(graph: nx.MultiDiGraph[str], sides: Iterable[str]) -> set[str]:
    """The nodes of these sides, the tasks their units share and those tasks' parents and documents."""
    wanted = set(sides)
    keep = {n for n in graph if node_side(graph, n) in wanted}
    stack = [r.task for n in keep for r in unit_responsibilities(graph, n)]
    while stack:
        node = stack.pop()
        if node in keep:
            continue
        keep.add(node)
        stack += [p for _, p, k in graph.out_edges(node, keys=True) if k == "PART_OF"]
    return keep


def network_view(graph: nx.MultiDiGraph[str], sides: Iterable[str] = ()) -> Scene:
    """Every node and every edge but the derived counterpart links, placed by `layout.fast_spring`.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``graphmodel.graph/1`` graph.
    sides : iterable of str, optional
        Keep only these sides' nodes and the tasks (with parents and documents) of their units.

    Returns
    -------
    Scene
        ``nodes`` (columns with ``x``, ``y``, ``task`` row of a task node, ``documents``),
        ``edges`` (``from``, ``to``, ``type``, ``document``, ``task``, ``role`` columns, and
        ``correction`` when a responsibility comes from a correction) and
        ``responsibility``.
    """
    check_graph(graph)
    wanted = check_sides(graph, sides)
    chosen = side_part(graph, wanted) if wanted else set(graph.nodes)
    nodes = sorted(chosen)
    edges = sorted((u, v, k) for u, v, k in graph.edges(keys=True)
                   if k != "COUNTERPART" and u in chosen and v in chosen)
    tables = Tables(graph)
    tables.register(n for n in nodes if node_kind(graph, n) == "Task")
    rank = {s: i for i, s in enumerate(tables.sides)}
    positions = layout.fast_spring(nodes, [(u, v) for u, v, _ in edges],
                                   {n: rank.get(node_side(graph, n) or "") for n in nodes})
    index = {n: i for i, n in enumerate(nodes)}
    columns = node_columns(tables, nodes)
    columns["x"] = [round(positions[n][0]) for n in nodes]
    columns["y"] = [round(positions[n][1]) for n in nodes]
    columns["task"] = [tables.task(n) if node_kind(graph, n) == "Task" else -1 for n in nodes]
    columns["documents"] = _node_documents(graph, tables, nodes)
    edge_columns: dict[str, list[int]] = {"from": [], "to": [], "type": [], "document": [], "task": [],
                                          "role": []}
    fixes: list[str] = []
    for u, v, k in edges:
        task = next(iter(edge_tasks(graph, u, v, k)), None)
        role = edge_role(graph, u, v, k)
        fixes.append((responsibility(graph, u, v).correction or "") if k == "RESPONSIBLE_FOR" else "")
        edge_columns["from"].append(index[u])
        edge_columns["to"].append(index[v])
        edge_columns["type"].append(EDGE_TYPES.index(k) if k in EDGE_TYPES else -1)
        edge_columns["document"].append(tables.document(edge_document(graph, u, v, k)))
        edge_columns["task"].append(tables.task(task) if task and task in graph else -1)
        edge_columns["role"].append(ROLES.index(role) if role in ROLES else -1)
    if any(fixes):  # FILE:LINE of the correction behind a responsibility, for its tooltip
        edge_columns["correction"] = fixes  # type: ignore[assignment]  # the one column of text
    units = [n for n in nodes if node_kind(graph, n) in ("Unit", "Group")]
    resp = responsibilities(tables, units)
    resp["node"] = [index[units[i]] for i in resp["node"]]
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "view": "network",
        "title": facts.heading(graph, "Network" + (f" of {'、'.join(wanted)}" if wanted else "")),
        "kinds": KINDS,
        "roles": ROLES,
        "edgeTypes": EDGE_TYPES,
        "edgeStyles": [style.EDGE_TYPES[t] for t in EDGE_TYPES],
        "nodes": columns,
        "edges": edge_columns,
        "responsibility": resp,
    }
    data.update(tables.to_dict())
    return Scene("network", data["title"], data, len(nodes), len(edges))


def _node_documents(graph: nx.MultiDiGraph[str], tables: Tables, nodes: list[str]) -> list[list[int]]:
    # The documents a node comes from, as document rows: one pass over the edges, not one per node.
    found: dict[str, set[int]] = defaultdict(set)
    for u, v, k in graph.edges(keys=True):
        doc = tables.document(edge_document(graph, u, v, k))
        if doc >= 0:
            found[u].add(doc)
            found[v].add(doc)
    by_side: dict[str, set[int]] = defaultdict(set)
    for d, info in tables.docs.items():
        for s in info.sides:
            by_side[s].add(tables.doc_index[d])
    out = []
    for n in nodes:
        kind = node_kind(graph, n)
        if kind == "Document":
            out.append([tables.document(n)])
        elif kind == "Task":
            out.append([tables.document(task_document(graph, n))])
        elif kind == "Side":
            out.append(sorted(by_side.get(node_side(graph, n) or "", set())))
        else:
            out.append(sorted(found.get(n, set())))
    return out
