"""Reading a built graph: the one place that knows its node and edge attributes.

Analyses, views, loaders and the command line read nodes and edges through these accessors
rather than by attribute names of their own, so the schema of DEVELOPERS.md ("The graph") is
written down in code once. List attributes may be lists or the JSON strings the exporters write
(a graph read by networkx alone); `list_attribute` decodes both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "DocumentRecord",
    "TaskRecord",
    "UnitTask",
    "PairingEdge",
    "CounterpartLink",
    "list_attribute",
    "node_attributes",
    "edge_attributes",
    "node_kind",
    "node_side",
    "side_short",
    "unit_label",
    "node_label",
    "node_aliases",
    "node_documents",
    "lies_in",
    "nodes_of_kind",
    "documents",
    "document_record",
    "document_records",
    "document_sides",
    "side_order",
    "task_document",
    "task_number",
    "task_order",
    "task_record",
    "mentioned_in",
    "tasks_by_document",
    "responsibility",
    "unit_responsibilities",
    "task_responsibilities",
    "responsibilities",
    "unit_tasks",
    "pairing_edge",
    "pairing_edges",
    "counterpart_link",
    "stored_counterparts",
    "counterparts",
    "edge_tasks",
    "edge_document",
    "edge_role",
]

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class DocumentRecord:
    """A Document node: its front matter as stored (None where unknown)."""

    id: str
    title: str | None
    date: str | None  # YYYY-MM-DD
    source: str | None
    sides: tuple[str, ...]  # names, in the order the document lists them

    @property
    def label(self) -> str:
        """The title, or the id without its ``doc:`` prefix when there is none."""
        return self.title or self.id.removeprefix("doc:")

    @property
    def year(self) -> str | None:
        """The year of the date, else a year the title names (2021年), else None."""
        date = str(self.date or "")
        if re.match(r"\d{4}", date):
            return date[:4]
        found = _YEAR.search(str(self.title or ""))
        return found.group(1) if found else None


@dataclass(frozen=True)
class TaskRecord:
    """A Task node as stored (None where unknown)."""

    id: str
    document: str | None
    number: str | None  # normal form, as in the id
    title: str | None  # the heading, where the item has one
    text: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class UnitTask:
    """A ``RESPONSIBLE_FOR`` edge: a unit (or group placeholder), a task, the role, the mention,
    and the correction (``FILE:LINE``, several joined by ``; ``) that made or changed it."""

    unit: str
    task: str
    role: str | None
    mention: str | None
    correction: str | None = None


@dataclass(frozen=True)
class PairingEdge:
    """A ``PAIRED_WITH`` edge: a pairing of parks, districts or units the plans state.

    ``document``, ``task`` and the span are those of the first statement; ``documents`` and
    ``tasks`` list every statement (``""`` for a statement outside every task).
    """

    a: str
    b: str
    kind: str | None
    document: str | None
    task: str | None
    start: int | None
    end: int | None
    documents: tuple[str, ...]
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class CounterpartLink:
    """A ``COUNTERPART`` edge stored in the graph (see `counterpart_edges` for any scope)."""

    a: str
    b: str
    count: int | None
    tasks: tuple[str, ...]
    jaccard: float | None


def _adjacency(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    # The successor dicts themselves (source -> target -> key -> attributes): reading them costs
    # less than networkx's views, and these accessors run over every edge of a corpus.
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph._succ  # type: ignore[attr-defined]
    return succ


def _node_dicts(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, Any]]:
    # The node attribute dicts themselves (see `_adjacency`).
    nodes: dict[str, dict[str, Any]] = graph._node  # type: ignore[attr-defined]
    return nodes


def list_attribute(value: Any) -> list[Any]:
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


def node_attributes(graph: nx.MultiDiGraph[str], node: str) -> Mapping[str, Any]:
    """Every attribute of a node as stored, ``kind`` included: for writers that store them all."""
    attrs: Mapping[str, Any] = graph.nodes[node]
    return attrs


def edge_attributes(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> Mapping[str, Any]:
    """Every attribute of an edge as stored: for writers that store them all."""
    attrs: Mapping[str, Any] = _adjacency(graph)[source][target][key]
    return attrs


def node_kind(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """What a node is: ``Document``, ``Side``, ``Task``, ``Unit``, ``Group``, ``District`` or ``Park``."""
    kind: str | None = graph.nodes[node].get("kind")
    return kind


def node_side(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """The side a node belongs to (a Side node is its own side); None for tasks and documents."""
    attrs = graph.nodes[node]
    if attrs.get("kind") == "Side":
        return str(attrs.get("name") or node.removeprefix("side:"))
    side = attrs.get("side")
    return str(side) if side else None


def side_short(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """A Side node's short name (沪, 大连), where known."""
    short: str | None = graph.nodes[node].get("short")
    return short


def unit_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    """A node's name, or its id when it has none."""
    return str(graph.nodes[node].get("name") or node)


def node_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    """The short text naming a node: a name, a task's number, a document's title."""
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    if kind == "Task":
        return str(attrs.get("number") or node.rsplit("#", 1)[-1])
    if kind == "Document":
        return str(attrs.get("title") or node.removeprefix("doc:"))
    return str(attrs.get("name") or node)


def node_aliases(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The other names of a unit, district or park, as stored (sorted); [] for other kinds."""
    return [str(a) for a in list_attribute(graph.nodes[node].get("aliases"))]


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
        return sorted(r.id for r in document_records(graph).values() if name in r.sides)
    found = {
        data["document"]
        for edges in (graph.out_edges(node, data=True), graph.in_edges(node, data=True))
        for _, _, data in edges
        if data.get("document")
    }
    return sorted(found)


def lies_in(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The ids a node has an ``IN`` edge to (its side, district or park), sorted."""
    return sorted(v for _, v, k in graph.out_edges(node, keys=True) if k == "IN")


def nodes_of_kind(graph: nx.MultiDiGraph[str], kind: str) -> list[str]:
    """Ids of the nodes of one kind, in graph order (sorted by id)."""
    return [n for n, data in _node_dicts(graph).items() if data.get("kind") == kind]


def documents(graph: nx.MultiDiGraph[str]) -> list[str]:
    """Document ids, oldest first (by date where known, then by id)."""
    docs = nodes_of_kind(graph, "Document")
    return sorted(docs, key=lambda d: (graph.nodes[d].get("date") or "", d))


def document_record(graph: nx.MultiDiGraph[str], doc: str) -> DocumentRecord:
    """A document's front matter."""
    attrs = graph.nodes[doc]
    return DocumentRecord(doc, attrs.get("title"), attrs.get("date"), attrs.get("source"),
                          tuple(str(s) for s in list_attribute(attrs.get("sides"))))


def document_records(graph: nx.MultiDiGraph[str]) -> dict[str, DocumentRecord]:
    """Every document's front matter, in id order."""
    return {n: document_record(graph, n) for n in sorted(nodes_of_kind(graph, "Document"))}


def document_sides(graph: nx.MultiDiGraph[str], doc: str) -> list[str]:
    """The names of a document's sides, in the order it lists them."""
    return [str(s) for s in list_attribute(graph.nodes[doc].get("sides"))]


def side_order(graph: nx.MultiDiGraph[str]) -> list[str]:
    """Side names as the documents list them (documents in id order), then any others sorted."""
    order: list[str] = []
    for doc in document_records(graph).values():
        order += [s for s in doc.sides if s not in order]
    rest = {side for n in graph.nodes if (side := node_side(graph, n)) is not None} - set(order)
    return order + sorted(rest)


def task_document(graph: nx.MultiDiGraph[str], task: str) -> str:
    """The id of the document a task belongs to."""
    return str(graph.nodes[task].get("document", ""))


def task_number(graph: nx.MultiDiGraph[str], task: str) -> str:
    """A task's number in its normal form (``一、(一)``); ``""`` when it has none."""
    return str(graph.nodes[task].get("number", ""))


def task_order(graph: nx.MultiDiGraph[str], task: str) -> tuple[str, int, str]:
    """A sort key that puts tasks in document order: document id, start offset, task id."""
    data = graph.nodes[task]
    return (data.get("document", ""), data.get("start", 0), task)


def task_record(graph: nx.MultiDiGraph[str], task: str) -> TaskRecord:
    """A task's document, number, heading, text and span."""
    attrs = graph.nodes[task]
    return TaskRecord(task, attrs.get("document"), attrs.get("number"), attrs.get("title"), attrs.get("text"),
                      attrs.get("start"), attrs.get("end"))


def mentioned_in(graph: nx.MultiDiGraph[str], place: str) -> list[str]:
    """The tasks that mention a district or park (``MENTIONS``), in graph order."""
    return [t for t, _, k in graph.in_edges(place, keys=True) if k == "MENTIONS"]


def tasks_by_document(graph: nx.MultiDiGraph[str]) -> dict[str, list[str]]:
    """The ids of each document's tasks, in graph order, by the document id the tasks give."""
    out: dict[str, list[str]] = {}
    for n, data in graph.nodes(data=True):
        if data.get("kind") == "Task":
            out.setdefault(str(data.get("document", "")), []).append(n)
    return out


def _unit_task(unit: str, task: str, data: Mapping[str, Any]) -> UnitTask:
    correction = data.get("correction")
    return UnitTask(unit, task, data.get("role"), data.get("mention"), str(correction) if correction else None)


def responsibility(graph: nx.MultiDiGraph[str], unit: str, task: str) -> UnitTask:
    """The ``RESPONSIBLE_FOR`` edge from a unit (or group) to a task."""
    return _unit_task(unit, task, _adjacency(graph)[unit][task]["RESPONSIBLE_FOR"])


def unit_responsibilities(graph: nx.MultiDiGraph[str], unit: str) -> list[UnitTask]:
    """What a unit or group is responsible for, in document order of the tasks."""
    rows = [_unit_task(unit, task, data) for _, task, key, data in graph.out_edges(unit, keys=True, data=True)
            if key == "RESPONSIBLE_FOR"]

    def order(row: UnitTask) -> tuple[str, int, str]:
        attrs = graph.nodes[row.task]
        return (str(attrs.get("document") or ""), int(attrs.get("start") or 0), row.task)

    return sorted(rows, key=order)


def task_responsibilities(graph: nx.MultiDiGraph[str], task: str) -> list[UnitTask]:
    """The units and groups responsible for a task, in graph order."""
    return [_unit_task(unit, task, data) for unit, _, key, data in graph.in_edges(task, keys=True, data=True)
            if key == "RESPONSIBLE_FOR"]


def _responsibility_edges(graph: nx.MultiDiGraph[str], documents: Collection[str] | None, kinds: Collection[str],
                          side: str | None = None) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    # The dicts themselves: this runs over every edge of a corpus.
    nodes = _node_dicts(graph)
    for u, targets in _adjacency(graph).items():
        data_u = nodes[u]
        if data_u.get("kind") not in kinds or (side is not None and data_u.get("side") != side):
            continue
        for t, keys in targets.items():
            data = keys.get("RESPONSIBLE_FOR")
            if data is not None and (documents is None or nodes[t].get("document") in documents):
                yield u, t, data


def responsibilities(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None, *,
                     groups: bool = True, side: str | None = None) -> Iterator[UnitTask]:
    """Every ``RESPONSIBLE_FOR`` edge in graph order, as `UnitTask` records.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The graph to read.
    documents : collection of str, optional
        Only edges to the tasks of these documents (ids); all edges when None.
    groups : bool
        Also the edges of group placeholders (kind ``Group``), as by default.
    side : str, optional
        Only the edges of units (and groups) of this side.
    """
    for u, t, data in _responsibility_edges(graph, documents, ("Unit", "Group") if groups else ("Unit",), side):
        yield _unit_task(u, t, data)


def unit_tasks(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None,
               groups: bool = False) -> dict[str, set[str]]:
    """The tasks each unit is responsible for, in any role.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from `build_graph`.
    documents : collection of str, optional
        Only tasks of these document ids; every task when None.
    groups : bool
        Also count group placeholders (kind ``Group``); by default only real units.

    Returns
    -------
    dict
        Unit id to the set of its task ids; units with no task in scope are absent.
    """
    out: dict[str, set[str]] = {}
    for u, t, _ in _responsibility_edges(graph, documents, ("Unit", "Group") if groups else ("Unit",)):
        out.setdefault(u, set()).add(t)
    return out


def _pairing(a: str, b: str, data: Mapping[str, Any]) -> PairingEdge:
    return PairingEdge(a, b, data.get("kind"), data.get("document"), data.get("task"), data.get("start"),
                       data.get("end"), tuple(map(str, list_attribute(data.get("documents")))),
                       tuple(map(str, list_attribute(data.get("tasks")))))


def pairing_edge(graph: nx.MultiDiGraph[str], a: str, b: str) -> PairingEdge:
    """The ``PAIRED_WITH`` edge from ``a`` to ``b``."""
    return _pairing(a, b, _adjacency(graph)[a][b]["PAIRED_WITH"])


def pairing_edges(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None) -> list[PairingEdge]:
    """The ``PAIRED_WITH`` edges in graph order; with ``documents``, those whose first statement
    is in one of them."""
    return [_pairing(u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)
            if key == "PAIRED_WITH" and (documents is None or data.get("document") in documents)]


def _link(a: str, b: str, data: Mapping[str, Any]) -> CounterpartLink:
    return CounterpartLink(a, b, data.get("count"), tuple(map(str, list_attribute(data.get("tasks")))),
                           data.get("jaccard"))


def counterpart_link(graph: nx.MultiDiGraph[str], a: str, b: str) -> CounterpartLink:
    """The stored ``COUNTERPART`` edge from ``a`` to ``b``."""
    return _link(a, b, _adjacency(graph)[a][b]["COUNTERPART"])


def stored_counterparts(graph: nx.MultiDiGraph[str]) -> list[CounterpartLink]:
    """The ``COUNTERPART`` edges stored in the graph, in graph order."""
    return [_link(u, v, data) for u, v, key, data in graph.edges(keys=True, data=True) if key == "COUNTERPART"]


def counterparts(graph: nx.MultiDiGraph[str], unit: str) -> list[tuple[str, str, str]]:
    """The stored ``COUNTERPART`` edges of a unit, either way, as (source, target, key)."""
    out = [(u, v, k) for u, v, k in graph.out_edges(unit, keys=True) if k == "COUNTERPART"]
    return out + [(u, v, k) for u, v, k in graph.in_edges(unit, keys=True) if k == "COUNTERPART"]


def edge_tasks(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> list[str]:
    """The tasks behind an edge: the task it leads to or from, or the tasks it lists."""
    if key == "RESPONSIBLE_FOR":
        return [target]
    if key in ("PART_OF", "MENTIONS"):
        return [source]
    data = _adjacency(graph)[source][target][key]
    if key == "COUNTERPART":
        return [str(t) for t in list_attribute(data.get("tasks"))]
    if data.get("task"):
        return [str(data["task"])]
    return []


def edge_document(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> str | None:
    """The id of the document an edge comes from (the first that states it); None for derived
    and ``IN`` edges."""
    document: str | None = _adjacency(graph)[source][target][key].get("document")
    return document


def edge_role(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> str | None:
    """The role of a ``RESPONSIBLE_FOR`` edge (lead, responsible, support); None for other edges."""
    role: str | None = _adjacency(graph)[source][target][key].get("role")
    return role
