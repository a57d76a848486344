"""Running Cypher against a database: a named query of the library, or statements of one's own."""

from __future__ import annotations

from typing import Any

import neo4j

from loaders.neo4j.connection import Neo4jSettings, read, translated
from loaders.neo4j.failures import CypherError
from loaders.neo4j.library import NamedQuery
from loaders.neo4j.values import checked

__all__ = ["QueryResult", "run_query", "run_cypher"]

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


def _summary(counters: neo4j.SummaryCounters) -> str:
    done = [f"{value} {name.replace('_', ' ')}" for name, value in sorted(vars(counters).items())
            if isinstance(value, int) and not isinstance(value, bool) and value]
    return ", ".join(done) or "nothing changed"


def run_cypher(driver: neo4j.Driver, settings: Neo4jSettings, statements: list[str], params: dict[str, Any],
               allow_write: bool = False) -> tuple[QueryResult, str]:
    """Run statements of one's own in order; the last one's columns and rows, and what changed.

    Read-only (``allow_write`` false), they run in one read transaction, which the server
    refuses to let write. With ``allow_write`` each runs in its own auto-commit transaction, so
    ``CALL { ... } IN TRANSACTIONS`` works.

    Raises
    ------
    CypherError
        No statement, a parameter Neo4j cannot take, a statement the server rejects, or one that
        writes in a read-only run (the message says to add ``--write``).
    """
    if not statements:
        raise CypherError("no Cypher statement given")
    params = {k: checked(v, f"parameter {k}") for k, v in params.items()}

    def run_all(runner: neo4j.ManagedTransaction | neo4j.Session) -> tuple[QueryResult, str]:
        out: tuple[QueryResult, str] = (([], []), "")
        for statement in statements:
            result = runner.run(statement, params)
            columns = list(result.keys())
            rows = [{k: _plain(record[k]) for k in columns} for record in result]
            out = ((columns, rows), _summary(result.consume().counters))
        return out

    if not allow_write:
        return read(driver, settings, run_all)
    with translated(settings), driver.session(database=settings.database) as session:
        return run_all(session)  # auto-commit transactions, one a statement
