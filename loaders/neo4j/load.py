"""Loading a graph into Neo4j: batched, idempotent, replacing each document whole.

First the nodes documents share (units, groups, sides, districts, parks) and the ``IN`` edges
that place them are MERGEd by id, in transactions of up to ``batch_size`` rows. Then each
document goes in with one managed write transaction (small documents are packed together, up to
``batch_size`` rows a transaction). That transaction first removes what the database held for
the document (its tasks with their edges, its pairings), then writes the new version's Document,
tasks and edges with ``UNWIND $rows`` statements and labelled MATCH/MERGE/CREATE only, and finally
deletes the units, groups, places and sides that only the old version named. Units other
documents still name stay. Loading the same graph twice leaves the same nodes, relationships and
properties. ``COUNTERPART`` edges are derived afterwards in one more transaction from all the
responsibilities in the database, the way `graphmodel.graph.build_graph` derives them, so they
cover every document loaded, in any order.

Known limits, since shared nodes do not record which documents named them: a unit's or place's
``IN`` edges and aliases are only ever added (aliases are united with the ones already stored, as
`build_graph` unites those of all documents), so a unit that a revised plan moves to another
district keeps the old ``IN`` edge too, and an alias only the old version used stays.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import neo4j
import networkx as nx

from loaders.neo4j.connection import Neo4jSettings, autocommit, write
from loaders.neo4j.library import PACKAGE, SCHEMA_FILE, statements
from loaders.neo4j.rows import Part, parts_of

__all__ = ["DEFAULT_BATCH", "LoadSummary", "apply_schema", "load_graph", "derive_counterparts",
           "COUNTERPART_CYPHER"]

DEFAULT_BATCH = 5000
# Nodes before the edges between them; places before the units that lie in them.
_LABEL_ORDER = ("Side", "District", "Park", "Unit", "Group", "Document", "Task")
# A document owns these outright: their properties are replaced, not merged.
_OWNED = frozenset({"Document", "Task"})
# Edges at a task: deleted with the document's old tasks, so always written anew.
_TASK_EDGES = frozenset({"RESPONSIBLE_FOR", "PART_OF", "MENTIONS"})

_OLD_FOOTPRINT = """
MATCH (t:Task) WHERE t.document IN $docs
MATCH (u:Unit|Group)-[:RESPONSIBLE_FOR]->(t)
RETURN DISTINCT u.id AS id
UNION
MATCH (t:Task) WHERE t.document IN $docs
MATCH (t)-[:MENTIONS]->(p:District|Park)
RETURN DISTINCT p.id AS id
UNION
MATCH (x:Unit|District|Park)-[r:PAIRED_WITH]->(y:Unit|District|Park) WHERE r.document IN $docs
UNWIND [x.id, y.id] AS id
RETURN DISTINCT id
UNION
MATCH (d:Document) WHERE d.id IN $docs
UNWIND coalesce(d.sides, []) AS name
MATCH (s:Side {name: name})
RETURN DISTINCT s.id AS id
"""
_PLACED = """
MATCH (n:Unit|Group|District|Park) WHERE n.id IN $ids
MATCH (n)-[:IN*1..4]->(m:District|Park|Side)
RETURN DISTINCT m.id AS id
"""
_DELETE_OLD = (
    "MATCH (t:Task) WHERE t.document IN $docs DETACH DELETE t",
    "MATCH (:Unit|District|Park)-[r:PAIRED_WITH]->(:Unit|District|Park) WHERE r.document IN $docs DELETE r",
    "MATCH (:Unit|Group|District|Park)-[r:IN]->(:District|Park|Side) WHERE r.document IN $docs DELETE r",
)
# Leftovers of an old version, in an order where deleting one can orphan the next.
_DELETE_ORPHANS = (
    "MATCH (n:Unit|Group) WHERE n.id IN $ids AND NOT EXISTS { (n)-[:RESPONSIBLE_FOR|PAIRED_WITH]-() } "
    "DETACH DELETE n",
    "MATCH (n:Park) WHERE n.id IN $ids AND NOT EXISTS { ()-[:MENTIONS|IN]->(n) } "
    "AND NOT EXISTS { (n)-[:PAIRED_WITH]-() } DETACH DELETE n",
    "MATCH (n:District) WHERE n.id IN $ids AND NOT EXISTS { ()-[:MENTIONS|IN]->(n) } "
    "AND NOT EXISTS { (n)-[:PAIRED_WITH]-() } DETACH DELETE n",
    "MATCH (n:Side) WHERE n.id IN $ids AND NOT EXISTS { ()-[:IN]->(n) } "
    "AND NOT EXISTS { MATCH (d:Document) WHERE n.name IN d.sides } DETACH DELETE n",
)

# The Cypher twin of graphmodel.graph.counterpart_edges: units of two different known sides
# that share tasks; the edge runs from the unit whose side the document of their first shared
# task (in document order) lists first; jaccard = shared / tasks of either.
COUNTERPART_CYPHER = """
MATCH (a:Unit)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Unit)
WHERE a.id < b.id AND a.side IS NOT NULL AND b.side IS NOT NULL AND a.side <> b.side
WITH a, b, t ORDER BY t.document, coalesce(t.start, 0), t.id
WITH a, b, collect(t.id) AS tasks, head(collect(t.document)) AS first
OPTIONAL MATCH (d:Document {id: first})
WITH a, b, tasks, coalesce(d.sides, []) AS sides
WITH a, b, tasks,
     CASE WHEN a.side IN sides THEN [i IN range(0, size(sides) - 1) WHERE sides[i] = a.side][0]
          ELSE size(sides) END AS ra,
     CASE WHEN b.side IN sides THEN [i IN range(0, size(sides) - 1) WHERE sides[i] = b.side][0]
          ELSE size(sides) END AS rb
WITH tasks, CASE WHEN rb < ra OR (rb = ra AND b.side < a.side) THEN [b, a] ELSE [a, b] END AS pair
WITH pair[0] AS x, pair[1] AS y, tasks
WITH x, y, tasks,
     COUNT { (x)-[:RESPONSIBLE_FOR]->(:Task) } + COUNT { (y)-[:RESPONSIBLE_FOR]->(:Task) } - size(tasks)
       AS either
CREATE (x)-[:COUNTERPART {count: size(tasks), tasks: tasks, jaccard: toFloat(size(tasks)) / either}]->(y)
RETURN count(*) AS pairs
"""


@dataclass(frozen=True)
class LoadSummary:
    """What a load sent and how long it took."""

    documents: int
    rows: int
    transactions: int
    counterparts: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


def apply_schema(driver: neo4j.Driver, settings: Neo4jSettings) -> int:
    """Run the statements of ``cypher/schema.cypher`` (all idempotent); return how many."""
    text = (resources.files(PACKAGE) / SCHEMA_FILE).read_text(encoding="utf-8")
    done = 0
    for statement in statements(text):
        autocommit(driver, settings, statement)
        done += 1
    autocommit(driver, settings, "CALL db.awaitIndexes(300)")
    return done


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _node_statement(label: str) -> str:
    if label in _OWNED:
        return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"
    # Aliases are the union of every load's, as build_graph unites those of every document:
    # a plan loaded alone does not drop the aliases other plans gave a shared unit.
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
            "WITH n, row, coalesce(n.aliases, []) + coalesce(row.props.aliases, []) AS aliases "
            "SET n += row.props "
            "SET n.aliases = CASE size(aliases) WHEN 0 THEN null "
            "ELSE COLLECT { UNWIND aliases AS a RETURN DISTINCT a ORDER BY a } END")


def _edge_statement(rel: str, start: str, end: str, fresh: bool) -> str:
    # A replaced document's task edges went with its tasks, so CREATE cannot duplicate them and
    # spares MERGE's look-up of existing relationships.
    op = "CREATE" if fresh else "MERGE"
    return (f"UNWIND $rows AS row MATCH (a:{start} {{id: row.a}}) MATCH (b:{end} {{id: row.b}}) "
            f"{op} (a)-[r:{rel}]->(b) SET r = row.props")


def _write_part(tx: neo4j.ManagedTransaction, part: Part, loaded: frozenset[str], batch: int) -> None:
    docs = part.documents
    old: set[str] = set()
    if docs:
        old = {r["id"] for r in tx.run(_OLD_FOOTPRINT, docs=docs)}
        old |= {r["id"] for r in tx.run(_PLACED, ids=sorted(old))}
        for statement in _DELETE_OLD:
            tx.run(statement, docs=docs).consume()
    for label in _LABEL_ORDER:
        for rows in _chunks(part.nodes.get(label, []), batch):
            tx.run(_node_statement(label), rows=rows).consume()
    replaced = set(docs)
    for (rel, start, end), all_rows in sorted(part.edges.items()):
        fresh = [r for r in all_rows if rel in _TASK_EDGES and r["props"].get("document") in replaced]
        kept = [r for r in all_rows if not (rel in _TASK_EDGES and r["props"].get("document") in replaced)]
        for flag, some in ((True, fresh), (False, kept)):
            for rows in _chunks(some, batch):
                tx.run(_edge_statement(rel, start, end, flag), rows=rows).consume()
    stale = sorted(old - loaded)
    if stale:
        for statement in _DELETE_ORPHANS:
            tx.run(statement, ids=stale).consume()


def _derive(tx: neo4j.ManagedTransaction) -> int:
    tx.run("MATCH (:Unit)-[r:COUNTERPART]->(:Unit) DELETE r").consume()
    return int(tx.run(COUNTERPART_CYPHER).single(strict=True)["pairs"])


def derive_counterparts(driver: neo4j.Driver, settings: Neo4jSettings) -> int:
    """Rebuild every ``COUNTERPART`` edge from the responsibilities in the database; return how many."""
    return write(driver, settings, _derive)


def _split(part: Part, batch: int) -> list[Part]:
    """The shared part in pieces of up to ``batch`` rows, nodes before the edges between them."""
    pieces: list[Part] = []
    items = [("n", label, part.nodes[label]) for label in _LABEL_ORDER if part.nodes.get(label)]
    items += [("e", group, part.edges[group]) for group in sorted(part.edges)]
    current = Part()
    for what, key, rows in items:
        for chunk in _chunks(rows, batch):
            if current.size and current.size + len(chunk) > batch:
                pieces.append(current)
                current = Part()
            (current.nodes if what == "n" else current.edges)[key] += chunk  # type: ignore[index]
    if current.size:
        pieces.append(current)
    return pieces


def _packed(parts: list[Part], batch: int) -> list[Part]:
    """Documents packed into transactions of up to ``batch`` rows (a bigger document alone)."""
    out: list[Part] = []
    for part in parts:
        if out and out[-1].size + part.size <= batch:
            out[-1].extend(part)
        else:
            fresh = Part()
            fresh.extend(part)
            out.append(fresh)
    return out


def load_graph(
    driver: neo4j.Driver,
    settings: Neo4jSettings,
    graph: nx.MultiDiGraph,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    schema: bool = True,
) -> LoadSummary:
    """Load a graph from `graphmodel.graph.build_graph` into the database of ``settings``.

    Parameters
    ----------
    driver, settings
        From `loaders.neo4j.connection.connect` and the settings it was given.
    graph
        The graph; every document in it replaces the database's version of that document.
    batch_size
        Rows a statement (and, for packed small documents, a transaction) sends at most.
    progress
        Called as ``progress(rows_done, rows_total)`` after each committed transaction.
    schema
        Apply ``cypher/schema.cypher`` first.

    Raises
    ------
    GraphError
        The graph holds something Neo4j cannot store.
    Neo4jServiceError
        The server is unreachable, refuses the login, lacks the database or rejects a statement.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    began = time.perf_counter()
    shared, parts = parts_of(graph)
    loaded = frozenset(graph.nodes)
    if schema:
        apply_schema(driver, settings)
    # The shared nodes first, so each document's transaction finds the units it names.
    packs = _split(shared, batch_size) + _packed(parts, batch_size)
    total = sum(p.size for p in packs)
    done = 0
    if progress:
        progress(0, total)
    for pack in packs:
        write(driver, settings, _write_part, pack, loaded, batch_size)
        done += pack.size
        if progress:
            progress(done, total)
    counterparts = derive_counterparts(driver, settings)
    return LoadSummary(documents=len(parts), rows=total, transactions=len(packs) + 1,
                       counterparts=counterparts, seconds=time.perf_counter() - began)
