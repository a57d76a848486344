"""The whole network: every node of the graph and every edge but the derived counterpart links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.views import facts, layout, style
from graphmodel.views.scene import EDGE_TYPES, KINDS, ROLES, SCHEMA, Scene, Tables, node_columns, responsibilities

__all__ = ["network_view", "check_sides", "side_part"]


def check_sides(graph: nx.MultiDiGraph[str], sides: Iterable[str]) -> list[str]:
    """The requested sides, checked: raise `GraphError` naming one the graph does not hold."""
    wanted = list(dict.fromkeys(sides))
    known = facts.side_order(graph) if wanted else []  # reading every side costs a pass over the graph
    for side in wanted:
        if side not in known:
            raise GraphError(f"no side {side!r} in the graph (sides: {'、'.join(known) or 'none'})")
    return wanted


def side_part(graph: nx.MultiDiGraph[str], sides: Iterable[str]) -> set[str]:
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
    facts.check_graph(graph)
    wanted = check_sides(graph, sides)
    chosen = side_part(graph, wanted) if wanted else set(graph.nodes)
    nodes = sorted(chosen)
    # Each edge with its attributes, read once (looking each up again by key costs as much).
    records = sorted(((u, v, k), attrs) for u, v, k, attrs in graph.edges(keys=True, data=True)
                     if k != "COUNTERPART" and u in chosen and v in chosen)
    edges = [key for key, _ in records]
    tables = Tables(graph)
    tables.register(n for n in nodes if graph.nodes[n].get("kind") == "Task")
    rank = {s: i for i, s in enumerate(tables.sides)}
    positions = layout.fast_spring(nodes, [(u, v) for u, v, _ in edges],
                                   {n: rank.get(facts.node_side(graph, n) or "") for n in nodes})
    index = {n: i for i, n in enumerate(nodes)}
    columns = node_columns(tables, nodes)
    columns["x"] = [round(positions[n][0]) for n in nodes]
    columns["y"] = [round(positions[n][1]) for n in nodes]
    columns["task"] = [tables.task(n) if graph.nodes[n].get("kind") == "Task" else -1 for n in nodes]
    columns["documents"] = _node_documents(graph, tables, nodes)
    edge_columns: dict[str, list[int]] = {"from": [], "to": [], "type": [], "document": [], "task": [],
                                          "role": []}
    for (u, v, k), attrs in records:
        task = v if k == "RESPONSIBLE_FOR" else u if k in ("PART_OF", "MENTIONS") else attrs.get("task")
        edge_columns["from"].append(index[u])
        edge_columns["to"].append(index[v])
        edge_columns["type"].append(EDGE_TYPES.index(k) if k in EDGE_TYPES else -1)
        edge_columns["document"].append(tables.document(attrs.get("document")))
        edge_columns["task"].append(tables.task(task) if task and task in graph else -1)
        edge_columns["role"].append(ROLES.index(attrs["role"]) if attrs.get("role") in ROLES else -1)
    fixes = [str(graph.edges[e].get("correction") or "") for e in edges]
    if any(fixes):  # FILE:LINE of the correction behind a responsibility, for its tooltip
        edge_columns["correction"] = fixes  # type: ignore[assignment]  # the one column of text
    units = [n for n in nodes if graph.nodes[n].get("kind") in ("Unit", "Group")]
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
    for u, v, data in graph.edges(data=True):
        doc = tables.document(data.get("document"))
        if doc >= 0:
            found[u].add(doc)
            found[v].add(doc)
    by_side: dict[str, set[int]] = defaultdict(set)
    for d, info in tables.docs.items():
        for s in info["sides"]:
            by_side[s].add(tables.doc_index[d])
    out = []
    for n in nodes:
        kind = graph.nodes[n].get("kind")
        if kind == "Document":
            out.append([tables.document(n)])
        elif kind == "Task":
            out.append([tables.document(graph.nodes[n].get("document"))])
        elif kind == "Side":
            out.append(sorted(by_side.get(facts.node_side(graph, n) or "", set())))
        else:
            out.append(sorted(found.get(n, set())))
    return out
