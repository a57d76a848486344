"""Cutting a graph into what each document states: the rows the Neo4j loaders write.

The database is the sum of its documents' statements (see ``cypher/README.md``). A document's
`DocumentPart` holds what it alone owns, its Document node, its tasks and their edges (each
task ``IN_PLAN`` its document), the pairings it states (one ``PAIRED_WITH`` relationship per
stating document) and its own ``COUNTERPART`` links (units of different sides sharing its
tasks, counted within it); and one `Statement` per shared node it names (unit, group, side,
district, park): the values it gives that node (aliases, a place's name, a side's short name)
and the places or sides it says the node lies in. Shared nodes are derived from all their
statements (`derive`), as `graphmodel.graph.build_graph` merges documents: aliases united,
other values from the first document (by id) that has one, ``IN`` edges united.

From the graph of one document (``build_graph([extraction])``) the statements are exact. A
graph of several documents no longer knows which document gave which alias or ``IN`` edge, so
each document states the merged values of the nodes it names (and the places they lie in):
the database then holds the same graph, with coarser provenance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import (
    EDGE_TYPES,
    NODE_KINDS,
    build_graph,
    check_graph,
    document_record,
    document_sides,
    edge_attributes,
    lies_in,
    node_attributes,
    node_kind,
    pairing_edges,
    stored_counterparts,
    task_responsibilities,
    tasks_by_document,
)
from graphmodel.graph.counterpart_links import task_counterparts
from graphmodel.model import Extraction

__all__ = [
    "SHARED_LABELS",
    "FIXED",
    "EdgeGroup",
    "Statement",
    "DocumentPart",
    "document_parts",
    "extraction_parts",
    "derive",
    "label_of",
    "node_props",
    "edge_props",
]

# Nodes several documents may name, in the order the loader locks them.
SHARED_LABELS = ("District", "Group", "Park", "Side", "Unit")
# Values a shared node's id already fixes (unit:<side>/<name>, district:<side>/<key>, ...):
# set when the node is created; every other value is stated by each document that names it.
FIXED = {"Unit": ("name", "side"), "Group": ("name", "side"), "Side": ("name",), "District": ("side",),
         "Park": ("side",)}
# Where a statement lists the places or sides the node lies in (``IN`` edges).
LIES_IN = "lies_in"

# The label of a shared node, from its id's prefix (see DEVELOPERS.md, "Identifiers").
_PREFIXES = {"unit": "Unit", "group": "Group", "side": "Side", "district": "District", "park": "Park"}

# (relationship type, label of the start node, label of the end node).
EdgeGroup = tuple[str, str, str]


@dataclass(frozen=True)
class Statement:
    """What one document says of one shared node."""

    label: str
    id: str
    fixed: dict[str, Any]
    stated: dict[str, Any]  # aliases, name, short, ... and ``lies_in`` (ids), empty values left out


@dataclass
class DocumentPart:
    """The rows of one document."""

    id: str
    props: dict[str, Any]  # the Document node's properties, ``date`` a date, ``digest`` included
    tasks: list[dict[str, Any]] = field(default_factory=list)  # {"id", "props"}
    edges: dict[EdgeGroup, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    statements: list[Statement] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return str(self.props["digest"])

    @property
    def size(self) -> int:
        """How many rows the part writes (its node, tasks, relationships and statements)."""
        return 1 + len(self.tasks) + sum(map(len, self.edges.values())) + len(self.statements)

    @property
    def responsibilities(self) -> int:
        return sum(len(rows) for (rel, _, _), rows in self.edges.items() if rel == "RESPONSIBLE_FOR")


def label_of(node: str) -> str:
    """The label of a shared node (``unit:…`` → ``Unit``)."""
    label = _PREFIXES.get(node.partition(":")[0])
    if label is None:
        raise GraphError(f"{node!r} is not the id of a unit, group, side, district or park")
    return label


_SCALARS = (str, int, float, bool)


def _value(value: Any, where: str) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if not all(isinstance(v, str) for v in items):
            raise GraphError(f"{where}: only lists of strings can be stored in Neo4j")
        return items
    if value is None or isinstance(value, _SCALARS):
        return value
    raise GraphError(f"{where}: a {type(value).__name__} cannot be stored in Neo4j")


def _stored(attrs: Mapping[str, Any], where: str, skip: str = "") -> dict[str, Any]:
    # Unknown values and empty lists are left out: Neo4j's import tool cannot write an empty
    # list, and both load paths must give the same database.
    out = {}
    for key, value in attrs.items():
        if value is None or key == skip:
            continue
        if type(value) in _SCALARS:  # the common case, checked cheaply
            out[key] = value
        elif (kept := _value(value, f"{where} attribute {key!r}")) != []:
            out[key] = kept
    return out


def _kept(value: Any) -> bool:
    return value is not None and not (isinstance(value, (list, tuple, set, frozenset)) and not value)


def node_props(graph: nx.MultiDiGraph[str], node: str) -> dict[str, Any]:
    """A node's attributes as Neo4j properties: without ``kind``, unknown values and empty
    lists, plus ``id``."""
    props = _stored(node_attributes(graph, node), f"node {node!r}", skip="kind")
    props["id"] = node
    return props


def edge_props(graph: nx.MultiDiGraph[str], u: str, v: str, key: str) -> dict[str, Any]:
    """An edge's attributes as Neo4j properties (unknown values and empty lists left out)."""
    return _stored(edge_attributes(graph, u, v, key), f"edge {u!r} -{key}-> {v!r}")


def _kinds(graph: nx.MultiDiGraph[str]) -> dict[str, str]:
    check_graph(graph)
    kinds = {}
    for n in graph:
        kind = node_kind(graph, n)
        if kind not in NODE_KINDS:
            raise GraphError(f"node {n!r} has the kind {kind!r}, which is none of {', '.join(NODE_KINDS)}")
        kinds[n] = str(kind)
    for u, v, key in graph.edges(keys=True):
        if key not in EDGE_TYPES:
            raise GraphError(f"edge {u!r} -> {v!r} has the type {key!r}, which is none of {', '.join(EDGE_TYPES)}")
    return kinds


def _document_props(graph: nx.MultiDiGraph[str], doc: str) -> dict[str, Any]:
    props = node_props(graph, doc)
    date = props.get("date")
    if date is not None:
        try:
            props["date"] = dt.date.fromisoformat(str(date))
        except ValueError:
            raise GraphError(f"document {doc!r}: the date {date!r} is not YYYY-MM-DD") from None
        props["year"] = props["date"].year
    return props


def _statement(graph: nx.MultiDiGraph[str], kinds: Mapping[str, str], node: str) -> Statement:
    label = kinds[node]
    props = node_props(graph, node)
    del props["id"]
    fixed = {k: props.pop(k) for k in FIXED[label] if k in props}
    targets = lies_in(graph, node)
    if targets:
        props[LIES_IN] = targets
    return Statement(label, node, fixed, props)


def _counterparts(graph: nx.MultiDiGraph[str], doc: str, tasks: Sequence[str], alone: bool) -> list[dict[str, Any]]:
    """The document's own COUNTERPART links: counted within it, without the task list (the
    tasks behind a link are the ones both units are ``RESPONSIBLE_FOR`` in its document)."""
    if alone:  # the graph of this document alone: its COUNTERPART edges are the document's
        pairs = [(link.a, link.b, link.count, link.jaccard) for link in stored_counterparts(graph)]
    else:  # the rule of build_graph over this document's tasks only
        pairs = [(a, b, attrs["count"], attrs["jaccard"]) for a, b, attrs in task_counterparts(graph, tasks)]
    date = document_record(graph, doc).date
    year = {"year": int(str(date)[:4])} if date else {}
    return [{"a": a, "b": b, "props": {"document": doc, "count": count, "jaccard": jaccard, **year}}
            for a, b, count, jaccard in pairs]


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _seal(part: DocumentPart) -> DocumentPart:
    """Sort the rows and set ``digest``: the SHA-256 of everything the part writes but the
    document's source, so an unchanged document (wherever its file lies) is recognised."""
    part.tasks.sort(key=lambda r: r["id"])
    for rows in part.edges.values():
        rows.sort(key=lambda r: (r["a"], r["b"], r["props"].get("document", "")))
    part.statements.sort(key=lambda s: (s.label, s.id))
    content = {
        "document": {k: v for k, v in part.props.items() if k not in ("source", "digest")},
        "tasks": part.tasks,
        "edges": {"|".join(group): rows for group, rows in sorted(part.edges.items())},
        "statements": [[s.label, s.id, s.fixed, s.stated] for s in part.statements],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=_canonical)
    part.props["digest"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return part


def document_parts(graph: nx.MultiDiGraph[str]) -> list[DocumentPart]:
    """One part per document of ``graph``, in document id order.

    In time and memory linear in the graph: each document's rows come from its own tasks.

    Raises
    ------
    GraphError
        The graph is not a graphmodel graph, holds a kind, type or value Neo4j cannot store,
        or a task or edge refers to a document it lacks.
    """
    kinds = _kinds(graph)
    docs = sorted(n for n, k in kinds.items() if k == "Document")
    tasks_of: dict[str, list[str]] = {d: [] for d in docs}
    for owner, tasks in tasks_by_document(graph).items():
        if owner not in tasks_of:
            raise GraphError(f"task {tasks[0]!r} belongs to the document {owner!r}, which the graph lacks")
        tasks_of[owner] = tasks
    pairings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in pairing_edges(graph):
        stating = p.documents or (p.document,)
        for doc, task in zip(stating, p.tasks or (p.task or "",), strict=True):
            if doc not in tasks_of:
                raise GraphError(f"edge {p.a!r} -PAIRED_WITH-> {p.b!r} names the document {doc!r}, "
                                 "which the graph lacks")
            props: dict[str, Any] = {"kind": p.kind, "document": doc, "task": task or None}
            if doc == p.document:  # a graph keeps the span of the first statement only
                props.update({"start": p.start, "end": p.end})
            pairings[doc].append({"a": p.a, "b": p.b, "props": {k: x for k, x in props.items() if _kept(x)}})
    alone = len(docs) == 1
    return [_seal(_part(graph, kinds, doc, tasks_of[doc], pairings[doc], alone)) for doc in docs]


def _part(graph: nx.MultiDiGraph[str], kinds: Mapping[str, str], doc: str, tasks: list[str],
          pairings: list[dict[str, Any]], alone: bool) -> DocumentPart:
    part = DocumentPart(id=doc, props=_document_props(graph, doc))
    named: set[str] = set()
    for t in tasks:
        part.tasks.append({"id": t, "props": node_props(graph, t)})
        for r in task_responsibilities(graph, t):
            data = edge_attributes(graph, r.unit, t, "RESPONSIBLE_FOR")
            part.edges["RESPONSIBLE_FOR", kinds[r.unit], "Task"].append(
                {"a": r.unit, "b": t, "props": _stored(data, f"edge {r.unit!r}")})
            named.add(r.unit)
        for _, v, key in graph.out_edges(t, keys=True):
            if key in ("PART_OF", "MENTIONS"):
                data = edge_attributes(graph, t, v, key)
                part.edges[key, "Task", kinds[v]].append({"a": t, "b": v, "props": _stored(data, f"edge {t!r}")})
                if key == "MENTIONS":
                    named.add(v)
    for row in pairings:
        part.edges["PAIRED_WITH", kinds[row["a"]], kinds[row["b"]]].append(row)
        named.update((row["a"], row["b"]))
    for row in _counterparts(graph, doc, tasks, alone):
        part.edges["COUNTERPART", "Unit", "Unit"].append(row)
    if alone:  # the graph of this document alone: everything in it is its statement
        named = {n for n, k in kinds.items() if k in FIXED}
    else:
        named.update(f"side:{s}" for s in document_sides(graph, doc) if f"side:{s}" in graph)
        todo = list(named)
        while todo:  # and the places and sides the named nodes lie in
            for _, v, key in graph.out_edges(todo.pop(), keys=True):
                if key == "IN" and v not in named:
                    named.add(v)
                    todo.append(v)
    part.statements = [_statement(graph, kinds, n) for n in named]
    return part


def extraction_parts(extractions: Iterable[Extraction]) -> list[DocumentPart]:
    """One exact part per document, each from the graph of that document alone.

    Two copies of one file (equal but for their source) are one document, named by the first
    path in sorted order, as in `graphmodel.graph.build_graph`.

    Raises
    ------
    GraphError
        Two different extractions carry one document id, or an extraction is inconsistent.
    """
    by_id: dict[str, tuple[DocumentPart, str | None]] = {}
    for ex in sorted(extractions, key=lambda e: (e.document.id, e.document.source or "")):
        (part,) = document_parts(build_graph([ex]))
        seen = by_id.get(part.id)
        if seen is None:
            by_id[part.id] = (part, ex.document.source)
        elif seen[0].digest != part.digest:
            raise GraphError(f"two different documents have the id {part.id!r} "
                             f"({seen[1] or '?'} and {ex.document.source or '?'})")
    return [by_id[k][0] for k in sorted(by_id)]


def derive(label: str, fixed: Mapping[str, Any], stated: Sequence[Mapping[str, Any]]
           ) -> tuple[dict[str, Any], list[str]]:
    """A shared node's properties and ``IN`` targets from its statements, in document id order.

    Lists (aliases) are united and sorted; any other value is the first document's that has
    one; the ``IN`` targets are united. ``fixed`` are the values its id fixes.
    """
    props = dict(fixed)
    lists: dict[str, set[str]] = defaultdict(set)
    targets: set[str] = set()
    for s in stated:
        for key, value in s.items():
            if key == LIES_IN:
                targets.update(value)
            elif isinstance(value, list):
                lists[key].update(value)
            elif key not in props:
                props[key] = value
    props.update({k: sorted(v) for k, v in lists.items() if v})
    return props, sorted(targets)
