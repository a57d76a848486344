"""The bulk path: documents as CSV files for ``neo4j-admin database import full``.

One node file per label (``nodes-Unit.csv`` ...) with the header ``id:ID,:LABEL,<properties>``,
one relationship file per type (``relationships-RESPONSIBLE_FOR.csv`` ...) with
``:START_ID,:END_ID,:TYPE,<properties>``; property columns carry their types (``start:long``,
``jaccard:double``, ``aliases:string[]``, ``date:date``). Ids share one id space (they are unique
across kinds) and are stored in the ``id`` property. The files hold what `loaders.neo4j.load`
writes for the same document parts (`loaders.neo4j.rows`): the documents' own nodes and
relationships, their ``NAMES`` statements, and the shared nodes and ``IN`` edges derived from
all statements, so the database the import tool writes equals a Bolt load node for node.
``import.args`` holds the tool's arguments (paths relative to the folder)::

    cd DIR && neo4j-admin database import full @import.args neo4j

The import tool writes a new database (Community: the stopped server's only user database,
``--overwrite-destination`` replaces it); for a database that is already running use
``graphmodel load``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphmodel.errors import GraphError
from loaders.files import atomic_folder
from loaders.neo4j.rows import DocumentPart, derive, document_parts

__all__ = ["ImportFiles", "ARGS_FILE", "write_import_csvs", "import_arguments", "is_export_file"]

ARGS_FILE = "import.args"
# Separators for list elements, tried in order: the first that no element contains is used.
_DELIMITERS = ("|", ";", "¦", "\x1f")


@dataclass(frozen=True)
class ImportFiles:
    """What `write_import_csvs` wrote."""

    folder: Path
    nodes: tuple[str, ...]
    relationships: tuple[str, ...]
    array_delimiter: str
    multiline: bool
    node_count: int
    relationship_count: int


def _type_of(value: Any) -> str:
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        return "string[]"
    return "string"


def _columns(rows: list[dict[str, Any]], where: str) -> list[tuple[str, str]]:
    """Property names (sorted, ``id`` left out) with the one type each has in every row."""
    types: dict[str, set[str]] = defaultdict(set)
    for props in rows:
        for key, value in props.items():
            if key != "id":
                types[key].add(_type_of(value))
    out = []
    for key in sorted(types):
        found = types[key]
        if found == {"long", "double"}:
            found = {"double"}
        if len(found) != 1:
            raise GraphError(f"{where}: the property {key!r} has values of several types ({', '.join(sorted(found))})")
        out.append((key, found.pop()))
    return out


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""  # an empty, unquoted field: no property
    if kind == "string[]":
        return _quote(delimiter.join(value))
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return repr(float(value)) if kind == "double" else str(value)
    if kind == "date":
        return str(value.isoformat())  # a date
    return _quote(str(value))


def _delimiter(lists: Iterable[list[str]]) -> str:
    used: set[str] = set()
    for items in lists:
        for item in items:
            used.update(ch for ch in _DELIMITERS if ch in item)
    for ch in _DELIMITERS:
        if ch not in used:
            return ch
    raise GraphError("every array delimiter the importer could use occurs in a list value")


def _database(parts: Sequence[DocumentPart]) -> tuple[dict[str, list[dict[str, Any]]],
                                                      dict[str, list[tuple[str, str, dict[str, Any]]]]]:
    """Every node (by label) and relationship (by type) the parts make."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rels: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    shared: dict[str, tuple[str, dict[str, Any], list[dict[str, Any]]]] = {}
    for part in sorted(parts, key=lambda p: p.id):
        nodes["Document"].append(part.props)
        for task in part.tasks:
            nodes["Task"].append(task["props"])
            rels["IN_PLAN"].append((task["id"], part.id, {}))
        for (rel, _, _), rows in part.edges.items():
            rels[rel] += [(r["a"], r["b"], r["props"]) for r in rows]
        for s in part.statements:
            rels["NAMES"].append((part.id, s.id, s.stated))
            shared.setdefault(s.id, (s.label, s.fixed, []))[2].append(s.stated)
    for node, (label, fixed, stated) in shared.items():
        props, targets = derive(label, fixed, stated)
        nodes[label].append({**props, "id": node})
        rels["IN"] += [(node, t, {}) for t in targets]
    return nodes, rels


def write_import_csvs(source: nx.MultiDiGraph[str] | Sequence[DocumentPart], folder: str | os.PathLike[str]
                      ) -> ImportFiles:
    """Write documents as import-tool CSV files (and ``import.args``) into ``folder``.

    The folder is created when missing and replaced whole: the files are written into a
    temporary folder beside it, which is then swapped in (see `loaders.files.atomic_folder`),
    so an interrupted export leaves the earlier export as it was, never a mix. A folder holding
    files an export does not write is refused, not replaced.

    Parameters
    ----------
    source
        Document parts (`loaders.neo4j.rows.extraction_parts`: exact provenance), or a graph
        from `graphmodel.graph.build_graph` (cut with `loaders.neo4j.rows.document_parts`).
    folder
        Where the files go.

    Raises
    ------
    GraphError
        The graph holds a kind, type or value Neo4j cannot store, or a property with values of
        different types.
    InputError
        ``folder`` is a file, or a folder holding files an export does not write.
    """
    parts = document_parts(source) if isinstance(source, nx.MultiDiGraph) else list(source)
    out = Path(folder)
    texts: dict[str, str] = {}
    nodes, rels = _database(parts)
    all_props = [p for rows in nodes.values() for p in rows] + [p for rows in rels.values() for *_, p in rows]
    delimiter = _delimiter(v for p in all_props for v in p.values() if isinstance(v, list))
    multiline = any(isinstance(v, str) and ("\n" in v or "\r" in v) for p in all_props for v in p.values())

    node_files, rel_files = [], []
    for label in sorted(nodes):
        rows = sorted(nodes[label], key=lambda p: p["id"])
        cols = _columns(rows, f"{label} nodes")
        lines = [",".join(["id:ID", ":LABEL", *(f"{k}:{t}" for k, t in cols)])]
        lines += [",".join([_quote(p["id"]), label, *(_cell(p.get(k), t, delimiter) for k, t in cols)])
                  for p in rows]
        name = f"nodes-{label}.csv"
        texts[name] = "\n".join(lines) + "\n"
        node_files.append(name)
    for rel in sorted(rels):
        triples = sorted(rels[rel], key=lambda r: (r[0], r[1]))
        cols = _columns([p for *_, p in triples], f"{rel} relationships")
        lines = [",".join([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in cols)])]
        lines += [",".join([_quote(u), _quote(v), rel, *(_cell(p.get(k), t, delimiter) for k, t in cols)])
                  for u, v, p in triples]
        name = f"relationships-{rel}.csv"
        texts[name] = "\n".join(lines) + "\n"
        rel_files.append(name)

    files = ImportFiles(out, tuple(node_files), tuple(rel_files), delimiter, multiline,
                        sum(map(len, nodes.values())), sum(map(len, rels.values())))
    texts[ARGS_FILE] = "\n".join(import_arguments(files)) + "\n"
    with atomic_folder(out, is_export_file) as tmp:
        for name, text in texts.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
    return files


def is_export_file(name: str) -> bool:
    """Whether a file name is one `write_import_csvs` writes (and may replace)."""
    return name == ARGS_FILE or (name.endswith(".csv") and name.startswith(("nodes-", "relationships-")))


def import_arguments(files: ImportFiles, folder: str | os.PathLike[str] | None = None) -> list[str]:
    """The import tool's options for these files (before the database name).

    Paths are relative to the export folder unless ``folder`` is given, which they are then
    joined to.
    """
    base = Path(folder) if folder is not None else None

    def path(name: str) -> str:
        return str(base / name) if base is not None else name

    args = [f"--nodes={path(n)}" for n in files.nodes]
    args += [f"--relationships={path(r)}" for r in files.relationships]
    args.append(f"--array-delimiter={files.array_delimiter}")
    if files.multiline:
        args.append("--multiline-fields=true")
    return args
