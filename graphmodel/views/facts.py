"""What the views read from a graphmodel graph: labels, sides, documents, tasks, workload.

The graph is the ``graphmodel.graph/1`` MultiDiGraph described in DEVELOPERS.md; list
attributes may arrive as lists or as the JSON strings the exporters write.
"""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from graphmodel.graph.lookup import check_graph

__all__ = [
    "check_graph",
    "as_list",
    "documents",
    "side_order",
    "node_side",
    "node_label",
    "node_documents",
    "task_record",
    "unit_tasks",
    "corrections_of",
    "workload",
    "edge_id",
    "edge_record",
    "tooltip",
    "heading",
]

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TOOLTIP_TEXT = 120  # characters of a task's text in a tooltip; the side panel shows it whole


def as_list(value: Any) -> list[Any]:
    """A list attribute as a list, whether stored as a list or as its JSON string."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return [value]
        return list(decoded) if isinstance(decoded, list) else [decoded]
    return [value]


def _year(attrs: dict[str, Any]) -> str | None:
    date = str(attrs.get("date") or "")
    if re.match(r"\d{4}", date):
        return date[:4]
    found = _YEAR.search(str(attrs.get("title") or ""))
    return found.group(1) if found else None


def documents(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, Any]]:
    """Each document's id mapped to its title, date, year and source, in id order."""
    out: dict[str, dict[str, Any]] = {}
    for node, attrs in sorted(graph.nodes.items()):
        if attrs.get("kind") == "Document":
            out[node] = {
                "title": attrs.get("title") or node.removeprefix("doc:"),
                "date": attrs.get("date"),
                "year": _year(attrs),
                "source": attrs.get("source"),
                "sides": [str(s) for s in as_list(attrs.get("sides"))],
            }
    return out


def side_order(graph: nx.MultiDiGraph[str]) -> list[str]:
    """Side names as the documents list them (documents in id order), then any others sorted."""
    order: list[str] = []
    for doc in documents(graph).values():
        order += [s for s in doc["sides"] if s not in order]
    rest = {side for n in graph.nodes if (side := node_side(graph, n)) is not None} - set(order)
    return order + sorted(rest)


def node_side(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """The side a node belongs to (a Side node is its own side); None for tasks and documents."""
    attrs = graph.nodes[node]
    if attrs.get("kind") == "Side":
        return attrs.get("name") or node.removeprefix("side:")
    side = attrs.get("side")
    return str(side) if side else None


def node_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    """The short text drawn beside a node: a name, a task's number, a document's title."""
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    if kind == "Task":
        return str(attrs.get("number") or node.rsplit("#", 1)[-1])
    if kind == "Document":
        return str(attrs.get("title") or node.removeprefix("doc:"))
    return str(attrs.get("name") or node)


def node_documents(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The ids of the documents a node comes from, sorted."""
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    if kind == "Document":
        return [node]
    if kind == "Task":
        return [attrs["document"]] if attrs.get("document") else []
    if kind == "Side":
        name = node_side(graph, node)
        return sorted(d for d, info in documents(graph).items() if name in info["sides"])
    found = {
        data["document"]
        for edges in (graph.out_edges(node, data=True), graph.in_edges(node, data=True))
        for _, _, data in edges
        if data.get("document")
    }
    return sorted(found)


def task_record(graph: nx.MultiDiGraph[str], task: str) -> dict[str, Any]:
    """A task's number, heading, text and document, as the side panel shows them."""
    attrs = graph.nodes[task]
    return {
        "number": str(attrs.get("number") or task.rsplit("#", 1)[-1]),
        "title": attrs.get("title") or None,
        "text": str(attrs.get("text") or ""),
        "document": attrs.get("document"),
    }


def unit_tasks(graph: nx.MultiDiGraph[str], node: str) -> list[dict[str, Any]]:
    """The tasks a unit or group is responsible for, with its role, in document order."""
    rows = [
        {"task": task, "role": data.get("role"), "mention": data.get("mention"),
         **({"correction": str(data["correction"])} if data.get("correction") else {})}
        for _, task, key, data in graph.out_edges(node, keys=True, data=True)
        if key == "RESPONSIBLE_FOR"
    ]

    def order(row: dict[str, Any]) -> tuple[str, int, str]:
        attrs = graph.nodes[row["task"]]
        return (str(attrs.get("document") or ""), int(attrs.get("start") or 0), row["task"])

    return sorted(rows, key=order)


def corrections_of(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The corrections (``FILE:LINE``) behind a unit's responsibilities, each once, in order."""
    found: dict[str, None] = {}
    for _, _, key, data in graph.out_edges(node, keys=True, data=True):
        if key == "RESPONSIBLE_FOR" and data.get("correction"):
            found.update(dict.fromkeys(str(data["correction"]).split("; ")))
    return list(found)


def workload(graph: nx.MultiDiGraph[str], node: str) -> int:
    """The number of distinct tasks a unit or group is responsible for."""
    return len({task for _, task, key in graph.out_edges(node, keys=True) if key == "RESPONSIBLE_FOR"})


def edge_id(source: str, target: str, key: str) -> str:
    """A stable id for an edge, unique because (source, target, key) is."""
    return json.dumps([source, target, key], ensure_ascii=False)


def _edge_tasks(source: str, target: str, key: str, data: dict[str, Any]) -> list[str]:
    if key == "RESPONSIBLE_FOR":
        return [target]
    if key in ("PART_OF", "MENTIONS"):
        return [source]
    if key == "COUNTERPART":
        return [str(t) for t in as_list(data.get("tasks"))]
    if data.get("task"):
        return [str(data["task"])]
    return []


def edge_record(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> dict[str, Any]:
    """An edge's type, ends, the tasks behind it and the documents it comes from."""
    data = graph.edges[source, target, key]
    tasks = [t for t in _edge_tasks(source, target, key, data) if t in graph]
    docs = {data["document"]} if data.get("document") else set()
    docs |= {graph.nodes[t]["document"] for t in tasks if graph.nodes[t].get("document")}
    record: dict[str, Any] = {
        "id": edge_id(source, target, key),
        "from": source,
        "to": target,
        "type": key,
        "tasks": tasks,
        "documents": sorted(docs),
    }
    for name in ("role", "mention", "kind", "correction"):
        if data.get(name):
            record[name] = str(data[name])
    if key == "COUNTERPART":
        record["count"] = int(data.get("count") or len(tasks))
        if data.get("jaccard") is not None:
            record["jaccard"] = round(float(data["jaccard"]), 3)
    return record


def tooltip(graph: nx.MultiDiGraph[str], node: str) -> str:
    """Plain text shown on hover (vis-network shows a string title as text, never as HTML)."""
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    lines = [node_label(graph, node)]
    if kind == "Task":
        text = str(attrs.get("title") or attrs.get("text") or "")
        lines.append(text if len(text) <= _TOOLTIP_TEXT else text[:_TOOLTIP_TEXT] + "…")
    elif kind in ("Unit", "Group"):
        rows = unit_tasks(graph, node)
        leads = sum(1 for r in rows if r["role"] == "lead")
        count = len({r["task"] for r in rows})
        tasks = f"{count} task" + ("" if count == 1 else "s")
        lines.append(f"{attrs.get('side') or '-'} · {tasks}" + (f", {leads} as lead" if leads else ""))
        fixes = corrections_of(graph, node)
        if fixes:
            lines.append("corrected: " + ", ".join(fixes))
    elif kind == "Document" and attrs.get("date"):
        lines.append(str(attrs["date"]))
    elif kind in ("District", "Park"):
        lines.append(str(attrs.get("side") or "-"))
    aliases = [str(a) for a in as_list(attrs.get("aliases")) if str(a) != lines[0]]
    if aliases:
        lines.append("aka " + "、".join(aliases))
    return "\n".join(lines)


def heading(graph: nx.MultiDiGraph[str], what: str) -> str:
    """A page title: what the view shows and the document (or the number of documents)."""
    docs = documents(graph)
    if len(docs) == 1:
        return f"{what} · {next(iter(docs.values()))['title']}"
    return f"{what} · {len(docs)} documents"
