"""Loading documents into Neo4j: incremental, bounded, in any order, safe to run twice at once.

The database is the sum of its documents' statements (`loaders.neo4j.rows`); a load writes
each document's part, replacing the version the database holds, in managed write
transactions of up to ``batch_size`` rows (small documents packed together, a big one alone).
One transaction:

1. locks its Document nodes (``MERGE`` on the unique id, then a write), in id order, and reads
   their ``digest``: a document whose content is unchanged is left as it is (its ``source``
   becomes the first of the two paths), so reloading costs a look-up per document;
2. reads what the old versions stated of shared nodes (``NAMES``) and locks every shared node
   the old or new versions name, label by label in id order (a global order: concurrent loads
   wait for each other instead of deadlocking, and a deadlock the server still detects is
   retried by the driver);
3. deletes the old versions' tasks (with their edges), pairings, counterpart links and
   statements, and writes the new ones with ``UNWIND $rows`` and ``CREATE`` only: steps 1 and 2
   return the element ids of the nodes they lock, the tasks are created per document and return
   theirs, so every relationship is created between nodes matched by element id (no index
   look-up per row);
4. derives the shared nodes it touched: a node the transaction only adds statements to is
   updated from its own properties (aliases united, a value it lacked set); a node that lost
   or changed a statement is derived again from all its statements, and deleted when none is
   left. Only these nodes are read, so the work grows with the documents loaded, never with
   the database.

Since every transaction derives from all statements while holding the locks, the result is
the same whatever the order or grouping of the loads, and two loads of the same documents at
once leave what one leaves. `remove_documents` takes documents out the same way.
"""

from __future__ import annotations

import contextlib
import gc
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import neo4j
import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.model import Extraction
from loaders.neo4j.connection import Neo4jSettings, autocommit, read, write
from loaders.neo4j.failures import OldDatabaseError
from loaders.neo4j.library import PACKAGE, SCHEMA_FILE, statements
from loaders.neo4j.rows import (
    FIXED,
    LIES_IN,
    SHARED_LABELS,
    DocumentPart,
    Statement,
    derive,
    document_parts,
    extraction_parts,
    label_of,
)

__all__ = ["DEFAULT_BATCH", "LoadSummary", "apply_schema", "check_format", "load_graph", "load_extractions",
           "load_parts", "remove_documents"]

DEFAULT_BATCH = 10000
# Writing a node's id over itself takes the node's write lock and changes nothing.
_LOCK = "SET {n}.id = {n}.id"
# For statements whose plan the statistics cannot change (look-ups by element id or unique id):
# the server would plan them again each time the growing database's statistics drift.
_FIXED_PLAN = "CYPHER replan=skip"

_LOCK_DOCUMENTS = f"""
{_FIXED_PLAN}
UNWIND $ids AS id
MERGE (d:Document {{id: id}})
{_LOCK.format(n="d")}
RETURN d.id AS id, elementId(d) AS eid, d.digest AS digest, d.source AS source, size(keys(d)) > 1 AS existed
"""
_LOCK_EXISTING_DOCUMENTS = f"""
UNWIND $ids AS id
MATCH (d:Document {{id: id}})
{_LOCK.format(n="d")}
RETURN d.id AS id
"""
_OLD_STATEMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})-[s:NAMES]->(n)
RETURN d.id AS document, labels(n)[0] AS label, n.id AS id, properties(s) AS stated
"""
_DELETE_OLD = (
    "UNWIND $ids AS id MATCH (t:Task {document: id}) DETACH DELETE t",
    "MATCH ()-[r:PAIRED_WITH]->() WHERE r.document IN $ids DELETE r",
    "MATCH ()-[r:COUNTERPART]->() WHERE r.document IN $ids DELETE r",
    "UNWIND $ids AS id MATCH (:Document {id: id})-[s:NAMES]->() DELETE s",
)
_STATEMENTS_OF = """
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
CALL (n) {{
  OPTIONAL MATCH (n)<-[s:NAMES]-(d)
  WITH d, s ORDER BY d.id
  RETURN collect(properties(s)) AS stated
}}
RETURN n.id AS id, stated
"""


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote and how long it took."""

    documents: int  # documents given
    changed: int  # written (new or revised); the others were unchanged
    rows: int  # rows of the documents given
    responsibilities: int
    transactions: int
    counterparts: int  # COUNTERPART links of the documents given (one per pair and document)
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


_SCHEMA_NAME = re.compile(r"^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+)?INDEX)\s+(\w+)\s+IF NOT EXISTS", re.I)


def apply_schema(driver: neo4j.Driver, settings: Neo4jSettings) -> int:
    """Run the statements of ``cypher/schema.cypher`` that the database lacks (each names its
    constraint or index); return how many ran."""
    text = (resources.files(PACKAGE) / SCHEMA_FILE).read_text(encoding="utf-8")

    def names(tx: neo4j.ManagedTransaction) -> set[str]:
        # A uniqueness constraint's index has the constraint's name.
        return {r["name"] for r in tx.run("SHOW INDEXES YIELD name")}

    present = read(driver, settings, names)
    done = 0
    for statement in statements(text):
        m = _SCHEMA_NAME.match(statement)
        if m and m.group(1) in present:
            continue
        autocommit(driver, settings, statement)
        done += 1
    if done:
        autocommit(driver, settings, "CALL db.awaitIndexes(300)")
    return done


def check_format(driver: neo4j.Driver, settings: Neo4jSettings) -> None:
    """Refuse a database an older graphmodel loaded (its documents carry no ``digest``).

    Raises
    ------
    OldDatabaseError
        With the statement that empties the database.
    """
    def first_old(tx: neo4j.ManagedTransaction) -> str | None:
        record = tx.run("MATCH (d:Document) WHERE d.digest IS NULL RETURN d.id AS id LIMIT 1").single()
        return None if record is None else str(record["id"])

    old = read(driver, settings, first_old)
    if old is not None:
        empty = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
        raise OldDatabaseError(f"{settings.where}: the document {old!r} was loaded by an older graphmodel, whose "
                               f"schema differs; empty the database first: graphmodel cypher --write '{empty}'")


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _run(tx: neo4j.ManagedTransaction, cypher: str, rows: Sequence[Any], batch: int, **params: Any) -> None:
    for chunk in _chunks(rows, batch):
        tx.run(cypher, rows=list(chunk), **params).consume()


def _lock_shared(tx: neo4j.ManagedTransaction, ids: dict[str, dict[str, dict[str, Any]]], batch: int,
                 eids: dict[str, str]) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    """Lock (creating when missing) the shared nodes, label by label in id order; their
    properties and their ``IN`` edges. Their element ids go into ``eids``."""
    current: dict[str, dict[str, Any]] = {}
    links: set[tuple[str, str]] = set()
    for label in SHARED_LABELS:
        rows = [{"id": i, "fixed": ids[label][i]} for i in sorted(ids.get(label, {}))]
        for chunk in _chunks(rows, batch):
            found = tx.run(f"{_FIXED_PLAN} UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
                           "ON CREATE SET n += row.fixed "
                           f"{_LOCK.format(n='n')} "
                           # One record: the driver reads one big record much faster than many.
                           "RETURN collect([n.id, elementId(n), properties(n), [(n)-[:IN]->(m) | m.id]]) AS nodes",
                           rows=list(chunk)).single(strict=True)
            for node, eid, props, lies_in in found["nodes"]:
                current[node] = props
                eids[node] = eid
                links.update((node, m) for m in lies_in)
    return current, links


# Nodes this transaction locked or created are matched by element id (no index look-up).
_BY_EID = "MATCH ({n}) WHERE elementId({n}) = {value}"
_CREATE_TASKS = f"""
{_FIXED_PLAN}
UNWIND $rows AS row
{_BY_EID.format(n="d", value="row.document")}
UNWIND row.tasks AS props
CREATE (t:Task)-[:IN_PLAN]->(d)
SET t = props
RETURN collect([t.id, elementId(t)]) AS tasks
"""


def _create_edges(tx: neo4j.ManagedTransaction, rel: str, start: str, end: str, rows: Sequence[dict[str, Any]],
                  eids: dict[str, str], batch: int) -> None:
    """``CREATE`` one relationship per row (``a``, ``b``, ``props``), both ends matched by element
    id when this transaction knows them, else by label and id."""
    known = [{"a": eids[r["a"]], "b": eids[r["b"]], "props": r["props"]} for r in rows
             if r["a"] in eids and r["b"] in eids]
    _run(tx, f"{_FIXED_PLAN} UNWIND $rows AS row {_BY_EID.format(n='a', value='row.a')} "
             f"{_BY_EID.format(n='b', value='row.b')} CREATE (a)-[r:{rel}]->(b) SET r = row.props", known, batch)
    if len(known) < len(rows):
        _run(tx, f"UNWIND $rows AS row MATCH (a:{start} {{id: row.a}}) MATCH (b:{end} {{id: row.b}}) "
                 f"CREATE (a)-[r:{rel}]->(b) SET r = row.props",
             [r for r in rows if r["a"] not in eids or r["b"] not in eids], batch)


def _write_new(tx: neo4j.ManagedTransaction, parts: Sequence[DocumentPart], batch: int,
               eids: dict[str, str]) -> None:
    _run(tx, f"{_FIXED_PLAN} UNWIND $rows AS row {_BY_EID.format(n='d', value='row.eid')} SET d = row.props",
         [{"eid": eids[p.id], "props": p.props} for p in parts], batch)
    # Tasks in statements of up to ``batch`` tasks, each document's together.
    docs: list[dict[str, Any]] = []
    size = 0
    for p in parts:
        for chunk in _chunks(p.tasks, batch):
            if docs and size + len(chunk) > batch:
                eids.update(tx.run(_CREATE_TASKS, rows=docs).single(strict=True)["tasks"])
                docs, size = [], 0
            docs.append({"document": eids[p.id], "tasks": [t["props"] for t in chunk]})
            size += len(chunk)
    if docs:
        eids.update(tx.run(_CREATE_TASKS, rows=docs).single(strict=True)["tasks"])
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in parts:
        for group, rows in p.edges.items():
            groups[group] += rows
    for (rel, start, end), rows in sorted(groups.items()):
        _create_edges(tx, rel, start, end, rows, eids, batch)
    names: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in parts:
        for s in p.statements:
            names[s.label].append({"a": p.id, "b": s.id, "props": s.stated})
    for label, rows in sorted(names.items()):
        _create_edges(tx, "NAMES", "Document", label, rows, eids, batch)


def _added(current: dict[str, Any], label: str, new: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """A node's properties after statements are added to the ones it has, or ``None`` when that
    cannot be told from its properties (a value it has differs from a new one)."""
    props = dict(current)
    for stated in new:
        for key, value in stated.items():
            if key == LIES_IN or key in FIXED[label]:
                continue
            if isinstance(value, list):
                props[key] = sorted(set(props.get(key, [])) | set(value))
            elif key not in props:
                props[key] = value
            elif props[key] != value:
                return None
    return props


def _derive_touched(tx: neo4j.ManagedTransaction, current: dict[str, dict[str, Any]],
                    existing: set[tuple[str, str]], old: dict[tuple[str, str], dict[str, Any]],
                    new: dict[tuple[str, str], Statement], batch: int, eids: dict[str, str]) -> None:
    """Set the final properties and ``IN`` edges of every locked shared node."""
    final: dict[str, dict[str, Any]] = {n: dict(p) for n, p in current.items()}
    links: list[tuple[str, str]] = []  # IN edges to make sure of
    again: set[str] = set()  # nodes to derive from all their statements
    added: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (doc, node), stated in old.items():
        kept = new.get((doc, node))
        if kept is None or kept.stated != stated:
            again.add(node)
    for (doc, node), s in sorted(new.items()):
        if (doc, node) not in old:
            added[node].append(s.stated)
    for node, all_stated in added.items():
        if node in again:
            continue
        props = _added(current[node], label_of(node), all_stated)
        if props is None:
            again.add(node)
            continue
        final[node] = props
        links += [(node, t) for s in all_stated for t in s.get(LIES_IN, [])]
    unlinks: list[dict[str, Any]] = []
    gone: dict[str, list[str]] = defaultdict(list)
    by_label: dict[str, list[str]] = defaultdict(list)
    for node in sorted(again):
        by_label[label_of(node)].append(node)
    for label, ids in by_label.items():
        for chunk in _chunks(ids, batch):
            for r in tx.run(_STATEMENTS_OF.format(label=label), ids=list(chunk)):
                node = r["id"]
                if not r["stated"]:
                    gone[label].append(node)
                    final.pop(node)
                    continue
                fixed = {k: current[node][k] for k in FIXED[label] if k in current[node]}
                final[node], targets = derive(label, fixed, r["stated"])
                links += [(node, t) for t in targets]
                unlinks.append({"id": node, "keep": targets})
    for label, ids in gone.items():
        _run(tx, f"UNWIND $rows AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", ids, batch)
    by_label_unlinks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in unlinks:
        by_label_unlinks[label_of(row["id"])].append(row)
    for label, rows in by_label_unlinks.items():
        _run(tx, f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}})-[r:IN]->(m) WHERE NOT m.id IN row.keep "
                 "DELETE r", rows, batch)
    new_links = sorted(set(links) - existing)
    _run(tx, f"{_FIXED_PLAN} UNWIND $rows AS row {_BY_EID.format(n='a', value='row.a')} "
             f"{_BY_EID.format(n='b', value='row.b')} MERGE (a)-[:IN]->(b)",
         [{"a": eids[a], "b": eids[b]} for a, b in new_links if a in eids and b in eids], batch)
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for a, b in new_links:
        if a not in eids or b not in eids:
            groups[label_of(a), label_of(b)].append({"a": a, "b": b})
    for (start, end), rows in sorted(groups.items()):
        _run(tx, f"UNWIND $rows AS row MATCH (a:{start} {{id: row.a}}) MATCH (b:{end} {{id: row.b}}) "
                 "MERGE (a)-[:IN]->(b)", rows, batch)
    changed = [{"eid": eids[node], "props": {**final[node], "id": node}} for node in sorted(final)
               if final[node] != current[node]]
    _run(tx, f"{_FIXED_PLAN} UNWIND $rows AS row {_BY_EID.format(n='n', value='row.eid')} SET n = row.props",
         changed, batch)


@dataclass(frozen=True)
class _Outcome:
    changed: int


def _apply(tx: neo4j.ManagedTransaction, parts: Sequence[DocumentPart], removed: Sequence[str],
           batch: int) -> _Outcome:
    """One transaction: write ``parts`` (replacing their old versions) and remove ``removed``."""
    stored: dict[str, tuple[str | None, str | None]] = {}
    existing: set[str] = set()
    eids: dict[str, str] = {}  # element ids of the nodes this transaction locked or created
    if parts:
        for r in tx.run(_LOCK_DOCUMENTS, ids=sorted(p.id for p in parts)):
            stored[r["id"]] = (r["digest"], r["source"])
            eids[r["id"]] = r["eid"]
            if r["existed"]:
                existing.add(r["id"])
    if removed:
        present = {r["id"] for r in tx.run(_LOCK_EXISTING_DOCUMENTS, ids=sorted(removed))}
        removed = sorted(present)
    changed = [p for p in parts if stored[p.id][0] != p.digest]
    unchanged = [p for p in parts if stored[p.id][0] == p.digest]
    if unchanged:
        # The same content from another path: the first path in sorted order names it.
        rows = []
        for p in unchanged:
            paths = [x for x in (stored[p.id][1], p.props.get("source")) if x]
            rows.append({"id": p.id, "source": min(paths) if paths else None})
        moved = [r for r, p in zip(rows, unchanged, strict=True) if r["source"] != stored[p.id][1]]
        _run(tx, "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.source = row.source", moved, batch)
    existed = sorted([p.id for p in changed if p.id in existing] + list(removed))
    if not changed and not existed:
        return _Outcome(0)

    old: dict[tuple[str, str], dict[str, Any]] = {}
    shared: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for chunk in _chunks(existed, batch):
        for r in tx.run(_OLD_STATEMENTS, ids=list(chunk)):
            old[r["document"], r["id"]] = dict(r["stated"])
            shared[r["label"]].setdefault(r["id"], {})
    new: dict[tuple[str, str], Statement] = {}
    for p in changed:
        for s in p.statements:
            new[p.id, s.id] = s
            shared[s.label][s.id] = s.fixed
    current, existing_links = _lock_shared(tx, shared, batch, eids)

    for statement in _DELETE_OLD:
        for chunk in _chunks(existed, batch):
            tx.run(statement, ids=list(chunk)).consume()
    if removed:
        tx.run("UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d", ids=list(removed)).consume()
    _write_new(tx, changed, batch, eids)
    _derive_touched(tx, current, existing_links, old, new, batch, eids)
    return _Outcome(len(changed) + len(removed))


def _packed(parts: Sequence[DocumentPart], batch: int) -> list[list[DocumentPart]]:
    """Documents in transactions of up to ``batch`` rows (a bigger document alone)."""
    packs: list[list[DocumentPart]] = []
    size = 0
    for part in parts:
        if packs and size + part.size <= batch:
            packs[-1].append(part)
            size += part.size
        else:
            packs.append([part])
            size = part.size
    return packs


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (back as it was after).

    A big load holds millions of row objects; each full collection walks them all, and the
    rows a transaction makes (acyclic) trigger many: a fifth of the client's time. Refcounting
    still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_parts(
    driver: neo4j.Driver,
    settings: Neo4jSettings,
    parts: Sequence[DocumentPart],
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    schema: bool = True,
) -> LoadSummary:
    """Write document parts (from `loaders.neo4j.rows`), each replacing the database's version.

    Parameters
    ----------
    driver, settings
        From `loaders.neo4j.connection.connect` and the settings it was given.
    parts
        One per document (ids unique).
    batch_size
        Rows a statement sends at most, and a transaction of packed small documents.
    progress
        Called as ``progress(rows_done, rows_total)`` after each committed transaction.
    schema
        Apply ``cypher/schema.cypher`` first.

    Raises
    ------
    GraphError
        Two parts have one document id.
    Neo4jServiceError
        The server is unreachable, refuses the login, lacks the database, rejects a statement
        or runs out of memory.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids = [p.id for p in parts]
    if len(set(ids)) != len(ids):
        raise GraphError("two parts have one document id")
    began = time.perf_counter()
    if schema:
        apply_schema(driver, settings)
    check_format(driver, settings)
    packs = _packed(sorted(parts, key=lambda p: p.id), batch_size)
    total = sum(p.size for p in parts)
    done = changed = 0
    if progress:
        progress(0, total)
    with _no_gc_pauses():
        for pack in packs:
            changed += write(driver, settings, _apply, pack, (), batch_size).changed
            done += sum(p.size for p in pack)
            if progress:
                progress(done, total)
    counterparts = sum(len(rows) for p in parts for (rel, _, _), rows in p.edges.items() if rel == "COUNTERPART")
    return LoadSummary(documents=len(parts), changed=changed, rows=total,
                       responsibilities=sum(p.responsibilities for p in parts), transactions=len(packs),
                       counterparts=counterparts, seconds=time.perf_counter() - began)


def load_extractions(driver: neo4j.Driver, settings: Neo4jSettings, extractions: Iterable[Extraction],
                     **options: Any) -> LoadSummary:
    """Load the documents of ``extractions`` with exact provenance (see `load_parts`)."""
    return load_parts(driver, settings, extraction_parts(extractions), **options)


def load_graph(driver: neo4j.Driver, settings: Neo4jSettings, graph: nx.MultiDiGraph[str], **options: Any
               ) -> LoadSummary:
    """Load every document of a graph from `graphmodel.graph.build_graph` (see `load_parts`;
    each document states the merged values of the shared nodes it names)."""
    return load_parts(driver, settings, document_parts(graph), **options)


def remove_documents(driver: neo4j.Driver, settings: Neo4jSettings, refs: Sequence[str],
                     batch_size: int = DEFAULT_BATCH) -> list[str]:
    """Take documents out of the database: their tasks, pairings, counterpart links and
    statements go, and shared nodes keep only what other documents state.

    Parameters
    ----------
    refs
        Document ids or titles; a title must name one document.

    Returns
    -------
    list of str
        The ids removed.

    Raises
    ------
    GraphError
        A reference names no document, or a title names several.
    """
    def find(tx: neo4j.ManagedTransaction) -> list[tuple[str, str, str | None]]:
        found = tx.run("MATCH (d:Document) WHERE d.id IN $refs OR d.title IN $refs "
                       "RETURN d.id AS id, d.title AS title", refs=list(refs))
        return [(r["id"], r["id"], r["title"]) for r in found]

    check_format(driver, settings)
    found = read(driver, settings, find)
    ids: list[str] = []
    for ref in refs:
        hits = sorted({i for i, _, title in found if ref in (i, title)})
        if not hits:
            raise GraphError(f"no document {ref!r} in the database (give its id or title)")
        if len(hits) > 1:
            raise GraphError(f"the title {ref!r} names {len(hits)} documents ({', '.join(hits)}); give an id")
        ids += hits
    ids = sorted(set(ids))
    for chunk in _chunks(ids, max(1, batch_size // 100)):
        write(driver, settings, _apply, (), list(chunk), batch_size)
    return ids
