"""What the views show of a graph: the JSON forms of documents, tasks and edges, tooltips, titles.

The graph is read through `graphmodel.graph` (its accessors know the attributes); this module
only shapes what they return for the pages.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graphmodel.graph import (
    DocumentRecord,
    counterpart_link,
    document_record,
    document_records,
    edge_document,
    edge_tasks,
    node_aliases,
    node_kind,
    node_label,
    node_side,
    pairing_edge,
    responsibility,
    task_record,
    unit_responsibilities,
)

__all__ = [
    "document_json",
    "documents_json",
    "task_json",
    "responsibility_rows",
    "corrections_of",
    "edge_id",
    "edge_record",
    "tooltip",
    "heading",
]

_TOOLTIP_TEXT = 120  # characters of a task's text in a tooltip; the side panel shows it whole


def document_json(record: DocumentRecord) -> dict[str, Any]:
    """A document's title, date, year, source and sides, as the pages read them."""
    return {"title": record.label, "date": record.date, "year": record.year, "source": record.source,
            "sides": list(record.sides)}


def documents_json(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, Any]]:
    """Each document's id mapped to its `document_json`, in id order."""
    return {d: document_json(record) for d, record in document_records(graph).items()}


def task_json(graph: nx.MultiDiGraph[str], task: str) -> dict[str, Any]:
    """A task's number, heading, text and document, as the side panel shows them."""
    record = task_record(graph, task)
    return {
        "number": node_label(graph, task),
        "title": record.title or None,
        "text": str(record.text or ""),
        "document": record.document,
    }


def responsibility_rows(graph: nx.MultiDiGraph[str], node: str) -> list[dict[str, Any]]:
    """The tasks a unit or group is responsible for (task, role, mention, and the correction
    behind it where there is one), in document order."""
    return [{"task": r.task, "role": r.role, "mention": r.mention,
             **({"correction": r.correction} if r.correction else {})}
            for r in unit_responsibilities(graph, node)]


def corrections_of(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The corrections (``FILE:LINE``) behind a unit's responsibilities, each once, in order."""
    found: dict[str, None] = {}
    for r in unit_responsibilities(graph, node):
        if r.correction:
            found.update(dict.fromkeys(r.correction.split("; ")))
    return list(found)


def edge_id(source: str, target: str, key: str) -> str:
    """A stable id for an edge, unique because (source, target, key) is."""
    return json.dumps([source, target, key], ensure_ascii=False)


def edge_record(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> dict[str, Any]:
    """An edge's type, ends, the tasks behind it and the documents it comes from."""
    tasks = [t for t in edge_tasks(graph, source, target, key) if t in graph]
    document = edge_document(graph, source, target, key)
    docs = {document} if document else set()
    docs |= {doc for t in tasks if (doc := task_record(graph, t).document)}
    record: dict[str, Any] = {
        "id": edge_id(source, target, key),
        "from": source,
        "to": target,
        "type": key,
        "tasks": tasks,
        "documents": sorted(docs),
    }
    if key == "RESPONSIBLE_FOR":
        duty = responsibility(graph, source, target)
        record.update({name: str(value) for name, value in (("role", duty.role), ("mention", duty.mention),
                                                                   ("correction", duty.correction))
                       if value})
    elif key == "PAIRED_WITH" and (kind := pairing_edge(graph, source, target).kind):
        record["kind"] = str(kind)
    elif key == "COUNTERPART":
        link = counterpart_link(graph, source, target)
        record["count"] = int(link.count or len(tasks))
        if link.jaccard is not None:
            record["jaccard"] = round(float(link.jaccard), 3)
    return record


def tooltip(graph: nx.MultiDiGraph[str], node: str) -> str:
    """Plain text shown on hover (vis-network shows a string title as text, never as HTML)."""
    kind = node_kind(graph, node)
    lines = [node_label(graph, node)]
    if kind == "Task":
        task = task_record(graph, node)
        text = str(task.title or task.text or "")
        lines.append(text if len(text) <= _TOOLTIP_TEXT else text[:_TOOLTIP_TEXT] + "…")
    elif kind in ("Unit", "Group"):
        rows = unit_responsibilities(graph, node)
        leads = sum(1 for r in rows if r.role == "lead")
        count = len({r.task for r in rows})
        tasks = f"{count} task" + ("" if count == 1 else "s")
        lines.append(f"{node_side(graph, node) or '-'} · {tasks}" + (f", {leads} as lead" if leads else ""))
        fixes = corrections_of(graph, node)
        if fixes:
            lines.append("corrected: " + ", ".join(fixes))
    elif kind == "Document" and (date := document_record(graph, node).date):
        lines.append(str(date))
    elif kind in ("District", "Park"):
        lines.append(str(node_side(graph, node) or "-"))
    aliases = [a for a in node_aliases(graph, node) if a != lines[0]]
    if aliases:
        lines.append("aka " + "、".join(aliases))
    return "\n".join(lines)


def heading(graph: nx.MultiDiGraph[str], what: str) -> str:
    """A page title: what the view shows and the document (or the number of documents)."""
    docs = document_records(graph)
    if len(docs) == 1:
        return f"{what} · {next(iter(docs.values())).label}"
    return f"{what} · {len(docs)} documents"
