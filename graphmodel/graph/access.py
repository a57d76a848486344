"""Reading a built graph: the one place that knows its node and edge attributes.

Analyses, views, loaders and the command line read nodes and edges through these accessors
rather than by attribute names of their own, so the schema of DEVELOPERS.md ("The graph") is
written down in code once. List attributes may be lists or the JSON strings the exporters write
(a graph read by networkx alone); `list_attribute` decodes both.

The Parameters sections are completed from the shared descriptions of `graphmodel.docstrings`
(`document_functions`, at the end); the examples read `graphmodel.examples.example_graph`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphmodel.docstrings import document_functions

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
    "task_documents",
    "task_number",
    "task_numbers",
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


def _text(attrs: Mapping[str, Any], name: str) -> str | None:
    # A text attribute as stored (None where missing), typed for mypy.
    value: str | None = attrs.get(name)
    return value


def list_attribute(value: Any) -> list[Any]:
    """A list attribute as a list, whether stored as a list or as its JSON string.

    Parameters
    ----------
    value : object
        The attribute as stored: a list or tuple, a JSON string (a graph written by the
        exporters and read by networkx alone), a plain string, None or a scalar.

    Returns
    -------
    list
        Empty for None and ``""``; a string that is not JSON becomes a list of itself.

    Examples
    --------
    >>> list_attribute(["上海市", "大连市"])
    ['上海市', '大连市']
    >>> list_attribute('["上海市", "大连市"]')
    ['上海市', '大连市']
    >>> list_attribute("沪"), list_attribute(None)
    (['沪'], [])
    """
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
    """Every attribute of a node as stored, ``kind`` included: for writers that store them all.

    Returns
    -------
    Mapping
        The node's attribute dict itself (read, do not change it).

    Examples
    --------
    >>> dict(node_attributes(G, "side:上海市"))
    {'kind': 'Side', 'name': '上海市', 'short': '沪'}
    """
    attrs: Mapping[str, Any] = graph.nodes[node]
    return attrs


def edge_attributes(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> Mapping[str, Any]:
    """Every attribute of an edge as stored (the dict itself, as `node_attributes` gives a node's).

    Returns
    -------
    Mapping

    Examples
    --------
    >>> dict(edge_attributes(G, "unit:上海市/上海市发展改革委", "side:上海市", "IN"))
    {}
    >>> sorted(edge_attributes(G, "unit:上海市/上海市发展改革委", nodes_of_kind(G, "Task")[0], "RESPONSIBLE_FOR"))
    ['document', 'end', 'mention', 'role', 'start']
    """
    attrs: Mapping[str, Any] = _adjacency(graph)[source][target][key]
    return attrs


def node_kind(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """What a node is: ``Document``, ``Side``, ``Task``, ``Unit``, ``Group``, ``District`` or ``Park``.

    Returns
    -------
    str or None
        None for a node without a ``kind`` attribute (one `build_graph` did not add).

    Examples
    --------
    >>> node_kind(G, "group:上海市/各有关单位"), node_kind(G, "district:大连市/中山区")
    ('Group', 'District')
    """
    return _text(graph.nodes[node], "kind")


def node_side(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """The side a node belongs to (a Side node is its own side).

    Returns
    -------
    str or None
        The side's name; None for tasks and documents.

    Examples
    --------
    >>> node_side(G, "unit:大连市/大连市发展改革委"), node_side(G, "side:上海市")
    ('大连市', '上海市')
    >>> node_side(G, nodes_of_kind(G, "Task")[0]) is None
    True
    """
    attrs = graph.nodes[node]
    if attrs.get("kind") == "Side":
        return str(attrs.get("name") or node.removeprefix("side:"))
    side = attrs.get("side")
    return str(side) if side else None


def side_short(graph: nx.MultiDiGraph[str], node: str) -> str | None:
    """A Side node's short name (沪, 大连), where known.

    Parameters
    ----------
    node : str
        A Side node's id.

    Returns
    -------
    str or None

    Examples
    --------
    >>> side_short(G, "side:上海市"), side_short(G, "side:大连市")
    ('沪', '大连')
    """
    return _text(graph.nodes[node], "short")


def unit_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    """What to call a node: its name, or its id when it has none.

    Returns
    -------
    str
        The ``name`` attribute; `node_label` also names tasks and documents.

    Examples
    --------
    >>> unit_label(G, "unit:上海市/上海市发展改革委")
    '上海市发展改革委'
    >>> unit_label(G, nodes_of_kind(G, "Task")[0])
    'doc:2020年上海市与大连市对口合作计划@...#一、'
    """
    return str(graph.nodes[node].get("name") or node)


def node_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    """The short text naming a node, that a view draws beside it: a name, a task's number, a document's title.

    Returns
    -------
    str

    Examples
    --------
    >>> [node_label(G, n) for n in (*documents(G), *nodes_of_kind(G, "Task"))]
    ['2020年上海市与大连市对口合作计划', '一、', '三、', '二、', '四、']
    >>> node_label(G, "unit:大连市/大连市发展改革委")
    '大连市发展改革委'
    """
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    if kind == "Task":
        return str(attrs.get("number") or node.rsplit("#", 1)[-1])
    if kind == "Document":
        return str(attrs.get("title") or node.removeprefix("doc:"))
    return str(attrs.get("name") or node)


def node_aliases(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The other names of a unit, group, district or park, as stored.

    Returns
    -------
    list of str
        Sorted; empty for other kinds and for a node without other names.

    Examples
    --------
    >>> node_aliases(G, "unit:上海市/上海市人力资源社会保障局")
    ['上海市人社局']
    >>> node_aliases(G, "side:上海市")
    []
    """
    return [str(a) for a in list_attribute(graph.nodes[node].get("aliases"))]


def node_documents(graph: nx.MultiDiGraph[str], node: str) -> list[str]:
    """The ids of the documents a node comes from.

    Returns
    -------
    list of str
        Sorted: a document itself, a task's document, the documents that list a side, and for
        any other node the documents its edges come from.

    Examples
    --------
    >>> node_documents(G, "unit:大连市/大连市发展改革委")
    ['doc:2020年上海市与大连市对口合作计划@...']
    >>> node_documents(G, "side:大连市") == documents(G)
    True
    """
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
    """The ids a node has an ``IN`` edge to: its side, district or park.

    Returns
    -------
    list of str
        Sorted.

    Examples
    --------
    >>> lies_in(G, "district:大连市/中山区")
    ['side:大连市']
    """
    return sorted(v for _, v, k in graph.out_edges(node, keys=True) if k == "IN")


def nodes_of_kind(graph: nx.MultiDiGraph[str], kind: str) -> list[str]:
    """Ids of the nodes of one kind.

    Returns
    -------
    list of str
        In graph order (`build_graph` adds nodes sorted by id).

    Examples
    --------
    >>> nodes_of_kind(G, "Unit")
    ['unit:上海市/上海市人力资源社会保障局', 'unit:上海市/上海市发展改革委', 'unit:上海市/上海市科委',
     'unit:大连市/大连市发展改革委', 'unit:大连市/大连市科技局']
    >>> nodes_of_kind(G, "Side")
    ['side:上海市', 'side:大连市']
    """
    return [n for n, data in _node_dicts(graph).items() if data.get("kind") == kind]


def documents(graph: nx.MultiDiGraph[str]) -> list[str]:
    """The ids of the graph's documents, oldest first.

    Returns
    -------
    list of str
        Sorted by date where known (a document without one comes first), then by id.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> from graphmodel.graph import build_graph
    >>> plans = ["2021年上海市与大连市对口合作计划\\n2021年3月1日\\n一、甲。（责任单位：上海市发改委）",
    ...          "2020年上海市与大连市对口合作计划\\n2020年3月1日\\n一、甲。（责任单位：上海市发改委）"]
    >>> G = build_graph(extract(p) for p in plans)
    >>> [G.nodes[d]["date"] for d in documents(G)]
    ['2020-03-01', '2021-03-01']
    """
    docs = nodes_of_kind(graph, "Document")
    return sorted(docs, key=lambda d: (graph.nodes[d].get("date") or "", d))


def document_record(graph: nx.MultiDiGraph[str], doc: str) -> DocumentRecord:
    """A document's front matter.

    Returns
    -------
    DocumentRecord
        Its title, date, source and sides as stored (None where unknown).

    Examples
    --------
    >>> record = document_record(G, documents(G)[0])
    >>> record.title, record.date, record.year, record.sides
    ('2020年上海市与大连市对口合作计划', '2020-03-01', '2020', ('上海市', '大连市'))
    """
    attrs = graph.nodes[doc]
    return DocumentRecord(doc, attrs.get("title"), attrs.get("date"), attrs.get("source"),
                          tuple(str(s) for s in list_attribute(attrs.get("sides"))))


def document_records(graph: nx.MultiDiGraph[str]) -> dict[str, DocumentRecord]:
    """Every document's front matter.

    Returns
    -------
    dict
        Document id to its `DocumentRecord`, in id order.

    Examples
    --------
    >>> [r.label for r in document_records(G).values()]
    ['2020年上海市与大连市对口合作计划']
    """
    return {n: document_record(graph, n) for n in sorted(nodes_of_kind(graph, "Document"))}


def document_sides(graph: nx.MultiDiGraph[str], doc: str) -> list[str]:
    """The names of a document's sides, in the order it lists them.

    Returns
    -------
    list of str

    Examples
    --------
    >>> document_sides(G, documents(G)[0])
    ['上海市', '大连市']
    """
    return [str(s) for s in list_attribute(graph.nodes[doc].get("sides"))]


def side_order(graph: nx.MultiDiGraph[str]) -> list[str]:
    """Side names as the documents list them, then any others.

    Returns
    -------
    list of str
        The sides of each document (documents in id order) in the order it lists them, then the
        sides of other nodes no document lists, sorted.

    Examples
    --------
    >>> side_order(G)
    ['上海市', '大连市']
    """
    order: list[str] = []
    for doc in document_records(graph).values():
        order += [s for s in doc.sides if s not in order]
    rest = {side for n in graph.nodes if (side := node_side(graph, n)) is not None} - set(order)
    return order + sorted(rest)


def task_document(graph: nx.MultiDiGraph[str], task: str) -> str:
    """The id of the document a task belongs to.

    Returns
    -------
    str
        ``""`` when the task names none.

    Examples
    --------
    >>> task_document(G, nodes_of_kind(G, "Task")[0])
    'doc:2020年上海市与大连市对口合作计划@...'
    """
    return str(graph.nodes[task].get("document", ""))


def task_number(graph: nx.MultiDiGraph[str], task: str) -> str:
    """A task's number in its normal form (``一、(一)``).

    Returns
    -------
    str
        ``""`` when it has none.

    Examples
    --------
    >>> [task_number(G, t) for t in nodes_of_kind(G, "Task")]
    ['一、', '三、', '二、', '四、']
    """
    return str(graph.nodes[task].get("number", ""))


def task_numbers(graph: nx.MultiDiGraph[str], tasks: Iterable[str]) -> list[str]:
    """`task_number` of each task, in order, the node dicts read directly (a corpus's pairs
    list hundreds of thousands of tasks).

    Parameters
    ----------
    tasks : iterable of str
        Task ids of ``graph``.

    Returns
    -------
    list of str
        `task_number` of each.

    Examples
    --------
    >>> task_numbers(G, nodes_of_kind(G, "Task"))
    ['一、', '三、', '二、', '四、']
    """
    nodes = _node_dicts(graph)
    return [str(nodes[t].get("number", "")) for t in tasks]


def task_documents(graph: nx.MultiDiGraph[str], tasks: Iterable[str]) -> list[str]:
    """`task_document` of each task, in order, the node dicts read directly.

    Parameters
    ----------
    tasks : iterable of str
        Task ids of ``graph``.

    Returns
    -------
    list of str
        `task_document` of each.

    Examples
    --------
    >>> task_documents(G, nodes_of_kind(G, "Task")[:1])
    ['doc:2020年上海市与大连市对口合作计划@...']
    """
    nodes = _node_dicts(graph)
    return [str(nodes[t].get("document", "")) for t in tasks]


def task_order(graph: nx.MultiDiGraph[str], task: str) -> tuple[str, int, str]:
    """A sort key that puts tasks in document order.

    Returns
    -------
    tuple
        ``(document id, start offset, task id)``.

    Examples
    --------
    >>> tasks = [t for t, kind in G.nodes(data="kind") if kind == "Task"]
    >>> [t.split("#")[1] for t in sorted(tasks, key=lambda t: task_order(G, t))]
    ['一、', '二、', '三、', '四、']
    >>> task_order(G, tasks[0])
    ('doc:2020年上海市与大连市对口合作计划@...', 29, 'doc:2020年上海市与大连市对口合作计划@...#一、')
    """
    data = graph.nodes[task]
    return (data.get("document", ""), data.get("start", 0), task)


def task_record(graph: nx.MultiDiGraph[str], task: str) -> TaskRecord:
    """A task's document, number, heading, text and span.

    Returns
    -------
    TaskRecord
        As stored (None where unknown).

    Examples
    --------
    >>> record = task_record(G, nodes_of_kind(G, "Task")[1])
    >>> record.number, record.title, record.text
    ('三、', None, '人才交流。')
    """
    attrs = graph.nodes[task]
    return TaskRecord(task, attrs.get("document"), attrs.get("number"), attrs.get("title"), attrs.get("text"),
                      attrs.get("start"), attrs.get("end"))


def mentioned_in(graph: nx.MultiDiGraph[str], place: str) -> list[str]:
    """The tasks that mention a district or park (``MENTIONS``).

    Returns
    -------
    list of str
        Task ids, in graph order.

    Examples
    --------
    >>> [task_number(G, t) for t in mentioned_in(G, "district:大连市/中山区")]
    ['一、']
    """
    return [t for t, _, k in graph.in_edges(place, keys=True) if k == "MENTIONS"]


def tasks_by_document(graph: nx.MultiDiGraph[str]) -> dict[str, list[str]]:
    """The ids of each document's tasks.

    Returns
    -------
    dict
        Document id (as the tasks give it; ``""`` for none) to its task ids, in graph order.

    Examples
    --------
    >>> {d.split("@")[0]: [task_number(G, t) for t in ts] for d, ts in tasks_by_document(G).items()}
    {'doc:2020年上海市与大连市对口合作计划': ['一、', '三、', '二、', '四、']}
    """
    out: dict[str, list[str]] = {}
    for n, data in graph.nodes(data=True):
        if data.get("kind") == "Task":
            out.setdefault(str(data.get("document", "")), []).append(n)
    return out


def _unit_task(unit: str, task: str, data: Mapping[str, Any]) -> UnitTask:
    correction = data.get("correction")
    return UnitTask(unit, task, data.get("role"), data.get("mention"), str(correction) if correction else None)


def responsibility(graph: nx.MultiDiGraph[str], unit: str, task: str) -> UnitTask:
    """The ``RESPONSIBLE_FOR`` edge from a unit (or group) to a task.

    Parameters
    ----------
    task : str
        A task id; ``KeyError`` when ``unit`` is not responsible for it.

    Returns
    -------
    UnitTask
        With the role, the mention as written and the correction behind it (None when none).

    Examples
    --------
    >>> duty = responsibility(G, "group:上海市/各有关单位", documents(G)[0] + "#四、")
    >>> duty.role, duty.mention, duty.correction
    ('responsible', '各有关单位', None)
    """
    return _unit_task(unit, task, _adjacency(graph)[unit][task]["RESPONSIBLE_FOR"])


def unit_responsibilities(graph: nx.MultiDiGraph[str], unit: str) -> list[UnitTask]:
    """What a unit or group is responsible for.

    Returns
    -------
    list of UnitTask
        In document order of the tasks.

    Examples
    --------
    >>> [(task_number(G, r.task), r.role, r.mention) for r in unit_responsibilities(G, "unit:上海市/上海市发展改革委")]
    [('一、', 'responsible', '上海市发改委')]
    """
    rows = [_unit_task(unit, task, data) for _, task, key, data in graph.out_edges(unit, keys=True, data=True)
            if key == "RESPONSIBLE_FOR"]

    def order(row: UnitTask) -> tuple[str, int, str]:
        attrs = graph.nodes[row.task]
        return (str(attrs.get("document") or ""), int(attrs.get("start") or 0), row.task)

    return sorted(rows, key=order)


def task_responsibilities(graph: nx.MultiDiGraph[str], task: str) -> list[UnitTask]:
    """The units and groups responsible for a task.

    Returns
    -------
    list of UnitTask
        In graph order.

    Examples
    --------
    >>> [r.unit for r in task_responsibilities(G, documents(G)[0] + "#二、")]
    ['unit:上海市/上海市科委', 'unit:大连市/大连市科技局']
    """
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
    """Every ``RESPONSIBLE_FOR`` edge, as `UnitTask` records.

    Yields
    ------
    UnitTask
        In graph order.

    Examples
    --------
    >>> [r.unit for r in responsibilities(G, side="上海市")]
    ['group:上海市/各有关单位', 'unit:上海市/上海市人力资源社会保障局', 'unit:上海市/上海市发展改革委',
     'unit:上海市/上海市科委', 'unit:上海市/上海市科委']
    >>> len(list(responsibilities(G, groups=False))), len(list(responsibilities(G, documents=[])))
    (6, 0)
    """
    for u, t, data in _responsibility_edges(graph, documents, ("Unit", "Group") if groups else ("Unit",), side):
        yield _unit_task(u, t, data)


def unit_tasks(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None,
               groups: bool = False) -> dict[str, set[str]]:
    """The tasks each unit is responsible for, in any role.

    Returns
    -------
    dict
        Unit id to the set of its task ids; units with no task in scope are absent.

    Examples
    --------
    >>> {u: sorted(t.split("#")[1] for t in ts) for u, ts in unit_tasks(G).items()}
    {'unit:上海市/上海市人力资源社会保障局': ['三、'], 'unit:上海市/上海市发展改革委': ['一、'],
     'unit:上海市/上海市科委': ['一、', '二、'], 'unit:大连市/大连市发展改革委': ['一、'],
     'unit:大连市/大连市科技局': ['二、']}
    >>> sorted(set(unit_tasks(G, groups=True)) - set(unit_tasks(G)))
    ['group:上海市/各有关单位']
    >>> unit_tasks(G, documents=[])
    {}
    """
    kinds = ("Unit", "Group") if groups else ("Unit",)
    nodes = _node_dicts(graph)
    out: dict[str, set[str]] = {}
    # A unit's tasks gathered by one set comprehension (as `_responsibility_edges` selects them),
    # not an edge at a time through a generator: this runs over every edge of a corpus.
    for u, targets in _adjacency(graph).items():
        if nodes[u].get("kind") not in kinds:
            continue
        if documents is None:
            found = {t for t, keys in targets.items() if "RESPONSIBLE_FOR" in keys}
        else:
            found = {t for t, keys in targets.items()
                     if "RESPONSIBLE_FOR" in keys and nodes[t].get("document") in documents}
        if found:
            out[u] = found
    return out


def _pairing(a: str, b: str, data: Mapping[str, Any]) -> PairingEdge:
    return PairingEdge(a, b, data.get("kind"), data.get("document"), data.get("task"), data.get("start"),
                       data.get("end"), tuple(map(str, list_attribute(data.get("documents")))),
                       tuple(map(str, list_attribute(data.get("tasks")))))


def pairing_edge(graph: nx.MultiDiGraph[str], a: str, b: str) -> PairingEdge:
    """The ``PAIRED_WITH`` edge from ``a`` to ``b``.

    Returns
    -------
    PairingEdge
        Its kind and the statements behind it.

    Examples
    --------
    >>> edge = pairing_edge(G, "district:上海市/黄浦区", "district:大连市/中山区")
    >>> edge.kind, task_number(G, edge.task), len(edge.documents)
    ('district', '一、', 1)
    """
    return _pairing(a, b, _adjacency(graph)[a][b]["PAIRED_WITH"])


def pairing_edges(graph: nx.MultiDiGraph[str], documents: Collection[str] | None = None) -> list[PairingEdge]:
    """The ``PAIRED_WITH`` edges.

    Parameters
    ----------
    documents : collection of str, optional
        Only the edges whose first statement is in one of these documents; all when None.

    Returns
    -------
    list of PairingEdge
        In graph order.

    Examples
    --------
    >>> [(p.a, p.b, p.kind) for p in pairing_edges(G)]
    [('district:上海市/黄浦区', 'district:大连市/中山区', 'district')]
    >>> pairing_edges(G, documents=[])
    []
    """
    return [_pairing(u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)
            if key == "PAIRED_WITH" and (documents is None or data.get("document") in documents)]


def _link(a: str, b: str, data: Mapping[str, Any]) -> CounterpartLink:
    return CounterpartLink(a, b, data.get("count"), tuple(map(str, list_attribute(data.get("tasks")))),
                           data.get("jaccard"))


def counterpart_link(graph: nx.MultiDiGraph[str], a: str, b: str) -> CounterpartLink:
    """The stored ``COUNTERPART`` edge from ``a`` to ``b``.

    Returns
    -------
    CounterpartLink
        The number of shared tasks, the tasks and the Jaccard similarity.

    Examples
    --------
    >>> link = counterpart_link(G, "unit:上海市/上海市发展改革委", "unit:大连市/大连市发展改革委")
    >>> link.count, link.jaccard, [task_number(G, t) for t in link.tasks]
    (1, 1.0, ['一、'])
    """
    return _link(a, b, _adjacency(graph)[a][b]["COUNTERPART"])


def stored_counterparts(graph: nx.MultiDiGraph[str]) -> list[CounterpartLink]:
    """The ``COUNTERPART`` edges stored in the graph (see `counterpart_edges` for any scope).

    Returns
    -------
    list of CounterpartLink
        In graph order.

    Examples
    --------
    >>> [(link.a, link.b) for link in stored_counterparts(G)]
    [('unit:上海市/上海市发展改革委', 'unit:大连市/大连市发展改革委'),
     ('unit:上海市/上海市科委', 'unit:大连市/大连市发展改革委'), ('unit:上海市/上海市科委', 'unit:大连市/大连市科技局')]
    """
    return [_link(u, v, data) for u, v, key, data in graph.edges(keys=True, data=True) if key == "COUNTERPART"]


def counterparts(graph: nx.MultiDiGraph[str], unit: str) -> list[tuple[str, str, str]]:
    """The stored ``COUNTERPART`` edges of a unit, either way.

    Parameters
    ----------
    unit : str
        A Unit node's id.

    Returns
    -------
    list of tuple
        ``(source, target, key)`` of each: those from the unit first, then those to it.

    Examples
    --------
    >>> counterparts(G, "unit:大连市/大连市科技局")
    [('unit:上海市/上海市科委', 'unit:大连市/大连市科技局', 'COUNTERPART')]
    """
    out = [(u, v, k) for u, v, k in graph.out_edges(unit, keys=True) if k == "COUNTERPART"]
    return out + [(u, v, k) for u, v, k in graph.in_edges(unit, keys=True) if k == "COUNTERPART"]


def edge_tasks(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> list[str]:
    """The tasks behind an edge.

    Returns
    -------
    list of str
        The task it leads to or from, the tasks a ``COUNTERPART`` lists, the task a pairing is
        stated in; empty for ``IN`` edges and statements outside every task.

    Examples
    --------
    >>> [task_number(G, t) for t in edge_tasks(G, "district:上海市/黄浦区", "district:大连市/中山区", "PAIRED_WITH")]
    ['一、']
    >>> edge_tasks(G, "district:上海市/黄浦区", "side:上海市", "IN")
    []
    """
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
    """The id of the document an edge comes from (the first that states it).

    Returns
    -------
    str or None
        None for derived (``COUNTERPART``) and ``IN`` edges.

    Examples
    --------
    >>> edge_document(G, "district:上海市/黄浦区", "district:大连市/中山区", "PAIRED_WITH") == documents(G)[0]
    True
    >>> edge_document(G, "district:上海市/黄浦区", "side:上海市", "IN") is None
    True
    """
    document: str | None = _adjacency(graph)[source][target][key].get("document")
    return document


def edge_role(graph: nx.MultiDiGraph[str], source: str, target: str, key: str) -> str | None:
    """The role of a ``RESPONSIBLE_FOR`` edge: ``lead``, ``responsible`` or ``support``.

    Returns
    -------
    str or None
        None for other edges.

    Examples
    --------
    >>> edge_role(G, "unit:上海市/上海市发展改革委", nodes_of_kind(G, "Task")[0], "RESPONSIBLE_FOR")
    'responsible'
    >>> edge_role(G, "unit:上海市/上海市发展改革委", "side:上海市", "IN") is None
    True
    """
    role: str | None = _adjacency(graph)[source][target][key].get("role")
    return role


document_functions(globals())
