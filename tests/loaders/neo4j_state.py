"""Whole-database snapshots for the Neo4j tests: every node and relationship with its properties,
from the database and, for comparison, what a graph says the database must hold.

`graph_state` is written from the schema in ``cypher/README.md``, not from the loader's code:
nodes as the graph has them (a document's date a date, its year), every edge as it is except
``PAIRED_WITH`` (one relationship per stating document) and ``COUNTERPART`` (one per pair and
document, counted within the document, without the list of tasks), each task ``IN_PLAN`` its document, and each document
``NAMES`` the shared nodes of its own graph.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import neo4j
import networkx as nx

from graphmodel.graph import build_graph, counterpart_edges
from graphmodel.model import Extraction
from loaders.neo4j.rows import edge_props, node_props

Nodes = list[tuple[str, str]]
Rels = list[tuple[str, str, str, str]]
State = tuple[Nodes, Rels]

SHARED = ("Unit", "Group", "Side", "District", "Park")


def _plain(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return "date:" + value.iso_format()
    if isinstance(value, dt.date):
        return "date:" + value.isoformat()
    raise TypeError(type(value).__name__)


def _canon(props: dict[str, Any]) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True, default=_plain)


def db_state(driver: neo4j.Driver, database: str | None = None) -> State:
    """Nodes as (label, properties) and relationships as (type, start id, end id, properties)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props",
        database_=database)
    return (sorted((":".join(sorted(r["labels"])), _canon(r["props"])) for r in nodes),
            sorted((r["type"], r["a"], r["b"], _canon(r["props"])) for r in rels))


def comparable(state: State) -> State:
    """What `graph_state` can tell: without the documents' digests, the spans of pairings
    (a graph keeps only the first statement's) and what each statement says."""
    nodes = []
    for label, props in state[0]:
        p = json.loads(props)
        if label == "Document":
            p.pop("digest", None)
        nodes.append((label, _canon(p)))
    rels = []
    for kind, a, b, props in state[1]:
        p = json.loads(props)
        if kind == "PAIRED_WITH":
            p.pop("start", None)
            p.pop("end", None)
        if kind == "NAMES":
            p = {}
        rels.append((kind, a, b, _canon(p)))
    return sorted(nodes), sorted(rels)


def graph_state(graph: nx.MultiDiGraph, extractions: list[Extraction] | None = None) -> State:
    """What the database holds after loading ``graph`` (and nothing else), in `comparable`
    form; ``NAMES`` from the graphs of ``extractions`` alone (none when not given)."""
    nodes = []
    for n, kind in graph.nodes(data="kind"):
        props = node_props(graph, n)
        if kind == "Document" and "date" in props:
            props["date"] = dt.date.fromisoformat(props["date"])
            props["year"] = props["date"].year
        nodes.append((kind, _canon(props)))
    rels = []
    for u, v, k in graph.edges(keys=True):
        props = edge_props(graph, u, v, k)
        if k == "COUNTERPART":
            continue
        if k == "PAIRED_WITH":
            for doc, task in zip(props["documents"], props["tasks"], strict=True):
                rels.append((k, u, v, _canon({"kind": props["kind"], "document": doc, "task": task})))
            continue
        rels.append((k, u, v, _canon(props)))
    for t, data in graph.nodes(data=True):
        if data["kind"] == "Task":
            rels.append(("IN_PLAN", t, data["document"], _canon({})))
    for doc, kind in graph.nodes(data="kind"):
        if kind != "Document":
            continue
        date = graph.nodes[doc].get("date")
        for a, b, attrs in counterpart_edges(graph, documents=[doc]):
            props = {"document": doc, "count": attrs["count"], "jaccard": attrs["jaccard"],
                     **({"year": int(date[:4])} if date else {})}
            rels.append(("COUNTERPART", a, b, _canon(props)))
    for ex in extractions or []:
        alone = build_graph([ex])
        for n, kind in alone.nodes(data="kind"):
            if kind in SHARED:
                rels.append(("NAMES", ex.document.id, n, _canon({})))
    if not extractions:
        rels = [r for r in rels if r[0] != "NAMES"]
    return sorted(nodes), sorted(rels)


def without_names(state: State) -> State:
    return state[0], [r for r in state[1] if r[0] != "NAMES"]


def counts(driver: neo4j.Driver, database: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type."""
    out: dict[str, int] = {}
    records, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n", database_=database)
    out.update({r["label"]: r["n"] for r in records})
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n", database_=database)
    out.update({r["type"]: r["n"] for r in records})
    return out
