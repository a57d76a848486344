"""Running a named query of the Cypher library against a database."""

from __future__ import annotations

from typing import Any

import neo4j

from loaders.neo4j.connection import Neo4jSettings, read
from loaders.neo4j.library import NamedQuery

__all__ = ["QueryResult", "run_query"]

QueryResult = tuple[list[str], list[dict[str, Any]]]


def _plain(value: Any) -> Any:
    """Driver values as plain data: nodes and relationships as their properties, paths as node ids."""
    if isinstance(value, neo4j.graph.Path):
        return [n.get("id") for n in value.nodes]
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time dates and times
        return value.iso_format()
    return value


def _work(tx: neo4j.ManagedTransaction, cypher: str, params: dict[str, Any]) -> QueryResult:
    result = tx.run(cypher, params)
    columns = list(result.keys())
    rows = [{k: _plain(record[k]) for k in columns} for record in result]
    return columns, rows


def run_query(driver: neo4j.Driver, settings: Neo4jSettings, query: NamedQuery,
              given: dict[str, str] | None = None) -> QueryResult:
    """Run ``query`` with the command-line values ``given`` (converted to the parameters' types).

    Returns
    -------
    tuple
        The column names and the rows (dicts of plain values), in the query's order.

    Raises
    ------
    CypherError
        An unknown, missing or ill-typed parameter, or a statement the server rejects.
    """
    params = query.parameters(dict(given or {}))
    return read(driver, settings, _work, query.cypher, params)
