"""The data a page draws: nodes and edges with positions and styles, and the tables behind them.

A `ViewData` is plain JSON-able data; `page.render_page` embeds it, the page's script draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.graph import mentioned_in, node_aliases, node_documents, node_kind, node_label, node_side, side_order
from graphmodel.views import facts, layout, style

__all__ = ["PageData", "ViewData", "node_record", "assemble"]


@dataclass
class PageData:
    """What every view gives its page: the view's name and the title shown at its top.

    Attributes
    ----------
    view : str
        One of `graphmodel.views.VIEWS`.
    title : str
        Shown at the top of the page (plain text).
    """

    view: str
    title: str


@dataclass
class ViewData(PageData):
    """One view of a graph (the ``focus`` view), ready to embed in a page.

    Attributes
    ----------
    nodes, edges : list of dict
        vis-network items plus ``kind``, ``side``, ``documents``, ``tasks`` for the page's
        filters and side panel.
    tasks : dict
        Task id to number, heading, text and document id, for every task the view refers to.
    documents : dict
        Document id to title, date, year and source.
    sides : list of str
        The sides in the view, in colour order.
    legend : dict
        Kinds, sides and edge types the view shows, with their colours.
    focus : str or None
        The node a focus view is centred on.
    """

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    sides: list[str] = field(default_factory=list)
    legend: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    focus: str | None = None

    @property
    def node_count(self) -> int:
        """How many nodes the view draws."""
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        """How many edges the view draws."""
        return len(self.edges)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form the page reads."""
        return {
            "schema": "graphmodel.view/1",
            "view": self.view,
            "title": self.title,
            "focus": self.focus,
            "sides": list(self.sides),
            "legend": self.legend,
            "documents": self.documents,
            "tasks": self.tasks,
            "nodes": self.nodes,
            "edges": self.edges,
        }


def node_record(graph: nx.MultiDiGraph[str], node: str, position: tuple[float, float],
                palette: Mapping[str, str]) -> dict[str, Any]:
    """A vis-network node for ``node`` with its kind, side, documents, tasks and workload."""
    kind = str(node_kind(graph, node) or "")
    side = node_side(graph, node)
    name = node_label(graph, node)
    record: dict[str, Any] = {
        "id": node,
        "name": name,  # searched and shown in the panel; the drawn label may be wrapped
        "label": layout.wrap_label(name),
        "title": facts.tooltip(graph, node),
        "kind": kind,
        "side": side,
        "aliases": [],
        "documents": node_documents(graph, node),
        # Whole pixels: vis-network truncates positions to integers anyway.
        "x": round(position[0]),
        "y": round(position[1]),
    }
    # Other spellings only: the name is searched anyway.
    record["aliases"] = [a for a in dict.fromkeys(node_aliases(graph, node)) if a != name]
    if kind in ("Unit", "Group"):
        rows = facts.responsibility_rows(graph, node)
        record["tasks"] = rows
        record["workload"] = len({r["task"] for r in rows})
    elif kind == "Task":
        record["tasks"] = [{"task": node}]
        record["workload"] = 0
    elif kind in ("District", "Park"):
        record["tasks"] = [{"task": t} for t in mentioned_in(graph, node)]
        record["workload"] = len(record["tasks"])
    else:
        record["tasks"] = []
        record["workload"] = 0
    record["size"] = style.node_size(kind, record["workload"])
    record.update(style.node_style(kind, side, dict(palette)))
    return record


_EDGE_WORDS = {
    "RESPONSIBLE_FOR": "responsible for", "COUNTERPART": "counterparts", "PAIRED_WITH": "paired with",
    "PART_OF": "part of", "IN": "in", "MENTIONS": "mentions",
}


def _edge_tooltip(graph: nx.MultiDiGraph[str], record: dict[str, Any]) -> str:
    # Plain text, like node tooltips.
    head = f"{node_label(graph, record['from'])} → {node_label(graph, record['to'])}"
    what = _EDGE_WORDS.get(record["type"], record["type"])
    if record["type"] == "COUNTERPART":
        what = f"{record['count']} shared tasks"
    elif record.get("role"):
        what += f" ({record['role']})"
    if record.get("correction"):
        what += f"\ncorrected: {record['correction']}"
    return f"{head}\n{what}"


def assemble(graph: nx.MultiDiGraph[str], view: str, title: str, nodes: Iterable[str],
             edges: Iterable[tuple[str, str, str]], positions: Mapping[str, tuple[float, float]],
             focus: str | None = None, fill: float | None = None) -> ViewData:
    """Build a `ViewData` from chosen nodes, edges (source, target, key) and positions.

    Positions are first moved apart so that no node or label covers another (see
    `layout.separate`; ``fill`` is for a force layout's crowded core).
    """
    node_list = list(nodes)
    palette = style.side_colours(side_order(graph))
    node_records = [node_record(graph, n, positions[n], palette) for n in node_list]
    boxes = {n["id"]: layout.label_box(n["label"], n["size"]) for n in node_records}
    moved = layout.separate({n["id"]: (n["x"], n["y"]) for n in node_records}, boxes, fill=fill)
    for n in node_records:
        n["x"], n["y"] = round(moved[n["id"]][0]), round(moved[n["id"]][1])
    edge_records = []
    for source, target, key in edges:
        record = facts.edge_record(graph, source, target, key)
        record["width"] = style.edge_width(key, record.get("count", 1), record.get("role"))
        record.update(style.edge_style(key))
        if key == "COUNTERPART" and record["count"] > 1:
            record["label"] = str(record["count"])  # one shared task is the thin default
        record["title"] = _edge_tooltip(graph, record)
        edge_records.append(record)

    task_ids = {row["task"] for n in node_records for row in n["tasks"]}
    task_ids |= {t for e in edge_records for t in e["tasks"]}
    tasks = {t: facts.task_json(graph, t) for t in sorted(task_ids) if t in graph}
    all_docs = facts.documents_json(graph)
    used_docs = {d for item in node_records + edge_records for d in item["documents"]}
    used_docs |= {t["document"] for t in tasks.values() if t["document"]}
    docs = {d: info for d, info in all_docs.items() if d in used_docs}

    view_sides = {n["side"] for n in node_records if n["side"]}
    sides = [s for s in palette if s in view_sides]
    kinds = {n["kind"] for n in node_records}
    return ViewData(
        view=view,
        title=title,
        nodes=node_records,
        edges=edge_records,
        tasks=tasks,
        documents=docs,
        sides=sides,
        legend=style.legend(sorted(kinds), sides, sorted({e["type"] for e in edge_records}), palette),
        focus=focus,
    )
