"""Whole-database snapshots for the Neo4j tests: every node and relationship with its properties,
from the database and, for comparison, from a networkx graph."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import networkx as nx

from loaders.neo4j.rows import edge_props, node_props

State = tuple[list[tuple[str, str]], list[tuple[str, str, str, str]]]


def _canon(props: dict[str, Any]) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True)


def db_state(driver: neo4j.Driver, database: str | None = None) -> State:
    """Nodes as (label, properties) and relationships as (type, start id, end id, properties)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props",
        database_=database)
    return (sorted((":".join(sorted(r["labels"])), _canon(r["props"])) for r in nodes),
            sorted((r["type"], r["a"], r["b"], _canon(r["props"])) for r in rels))


def graph_state(graph: nx.MultiDiGraph) -> State:
    """What the database should hold after loading ``graph`` (and nothing else)."""
    nodes = sorted((graph.nodes[n]["kind"], _canon(node_props(graph, n))) for n in graph.nodes)
    rels = sorted((k, u, v, _canon(edge_props(graph, u, v, k))) for u, v, k in graph.edges(keys=True))
    return nodes, rels


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
