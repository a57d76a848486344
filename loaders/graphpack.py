"""The saved-graph format ``.gmg``: a graph that reads back in a fraction of node-link's time.

Node-link JSON repeats every attribute name and every string on every node and edge (the
document id on each of a plan's hundreds of responsibilities, the same unit names and roles
again and again) and is read back one ``add_edge`` at a time. A graph pack is one JSON object:

- ``format`` (``graphmodel.graph-pack/1``) and ``graph`` (the graph's attributes);
- ``strings``: every distinct string of the graph, once;
- ``nodes``: ``id`` and ``kind`` (string indices, in graph order) and, for each kind, its
  attribute ``columns``;
- ``edges``: ``source`` and ``target`` (node indices), ``key`` (string indices), in graph order,
  and, for each edge type, its attribute ``columns``;
- in both, ``shapes`` for a kind (type) whose rows do not all hold their attributes in the
  columns' order: ``names`` (orders of column positions) and ``rows`` (each row's order).

A column is ``[type, values]`` with one value for each node of that kind (edge of that type),
in order: type ``s`` holds string indices, ``ls`` lists of string indices, ``v`` plain JSON
values (numbers, booleans); ``null`` means the attribute is absent. Reading gives a graph
equal to the one written, in the same order, whose equal strings are one object (a plan's
document id is held once, not once per edge). Files are written atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from graphmodel.graph.assemble import assemble, paused_gc
from loaders.files import atomic_writer

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["PACK_FORMAT", "write_pack", "read_pack", "pack_data", "unpack_data", "write_json"]

PACK_FORMAT = "graphmodel.graph-pack/1"


class _Strings:
    """The string table: each distinct string gets one index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        index = self.index
        return index.setdefault(s, len(index))


def _column_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if all(isinstance(v, str) for v in present):
        return "s"
    if all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in present):
        return "ls"
    return "v"


def _columns(rows: list[dict[str, Any]], skip: str | None, strings: _Strings
             ) -> tuple[dict[str, list[Any]], dict[str, list[Any]] | None]:
    """A group's columns, and its row shapes when rows do not all keep the columns' order."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    if skip is not None:
        names.pop(skip, None)
    out = {}
    for name in names:
        values = [row.get(name) for row in rows]
        kind = _column_type(values)
        if kind == "s":
            values = [None if v is None else strings(v) for v in values]
        elif kind == "ls":
            values = [None if v is None else [strings(x) for x in v] for v in values]
        out[name] = [kind, values]
    # A dict keeps the order its keys were added in (a node merged from several plans may have
    # gained one late), and a graph read back must be the same to the last key.
    position = {name: i for i, name in enumerate(names)}
    orders: dict[tuple[str, ...], tuple[int, ...]] = {}  # few distinct key tuples in a group
    keys = [tuple(row) for row in rows]
    for k in keys:
        if k not in orders:
            orders[k] = tuple(position[name] for name in k if name != skip)
    if all(list(o) == sorted(o) for o in orders.values()):
        return out, None
    shapes: dict[tuple[int, ...], int] = {}
    shape_of = [shapes.setdefault(orders[k], len(shapes)) for k in keys]
    return out, {"names": [list(o) for o in shapes], "rows": shape_of}


def pack_data(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The graph as graph-pack data (see the module docstring)."""
    strings = _Strings()
    node_index = {n: i for i, n in enumerate(graph)}
    node_kinds: list[int] = []
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for _n, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind is not None and not isinstance(kind, str):
            raise ValueError(f"a node kind must be a string, not {kind!r}")
        node_kinds.append(-1 if kind is None else strings(kind))
        by_kind.setdefault(kind or "", []).append(data)
    ids = [strings(n) if isinstance(n, str) else _bad_node(n) for n in graph]

    sources: list[int] = []
    targets: list[int] = []
    keys: list[int] = []
    by_type: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, data in graph.edges(keys=True, data=True):
        if not isinstance(k, str):
            raise ValueError(f"an edge key must be a string (the edge type), not {k!r}")
        sources.append(node_index[u])
        targets.append(node_index[v])
        keys.append(strings(k))
        by_type.setdefault(k, []).append(data)
    node_groups = {kind: _columns(rows, "kind", strings) for kind, rows in by_kind.items()}
    edge_groups = {key: _columns(rows, None, strings) for key, rows in by_type.items()}
    node_columns = {k: cols for k, (cols, _) in node_groups.items()}
    edge_columns = {k: cols for k, (cols, _) in edge_groups.items()}
    node_shapes = {k: shapes for k, (_, shapes) in node_groups.items() if shapes is not None}
    edge_shapes = {k: shapes for k, (_, shapes) in edge_groups.items() if shapes is not None}
    return {
        "format": PACK_FORMAT,
        "graph": dict(graph.graph),
        "strings": list(strings.index),
        "nodes": {"id": ids, "kind": node_kinds, "columns": node_columns, "shapes": node_shapes},
        "edges": {"source": sources, "target": targets, "key": keys, "columns": edge_columns, "shapes": edge_shapes},
    }


def _bad_node(n: object) -> int:
    raise ValueError(f"a node id must be a string, not {n!r}")


def _decoded(column: list[Any], strings: list[str]) -> list[Any]:
    kind, values = column
    if kind == "s":
        if None not in values:
            return list(map(strings.__getitem__, values))
        return [None if v is None else strings[v] for v in values]
    if kind == "ls":
        return [None if v is None else [strings[x] for x in v] for v in values]
    if kind == "v":
        return list(values)
    raise ValueError(f"unknown column type {kind!r}")


def _rows(columns: dict[str, list[Any]], strings: list[str], size: int, first: tuple[str, Any] | None = None,
          shapes: dict[str, list[Any]] | None = None) -> Iterator[dict[str, Any]]:
    """The attribute dicts of one group, in order (absent values left out)."""
    names = list(columns)
    decoded = [_decoded(columns[name], strings) for name in names]
    for name, values in zip(names, decoded, strict=True):
        if len(values) != size:
            raise ValueError(f"the column {name!r} has {len(values)} values for {size} rows")
    if shapes is not None:  # rows whose keys are in orders of their own
        orders = [[(names[i], decoded[i]) for i in shape] for shape in shapes["names"]]
        if len(shapes["rows"]) != size:
            raise ValueError(f"the shapes list has {len(shapes['rows'])} rows for {size}")
        head = {first[0]: first[1]} if first is not None else {}
        return ({**head, **{n: col[r] for n, col in orders[s] if col[r] is not None}}
                for r, s in enumerate(shapes["rows"]))
    if first is not None:
        names.insert(0, first[0])
        decoded.insert(0, [first[1]] * size)
    if not names:
        return ({} for _ in range(size))
    out = [dict(zip(names, row, strict=True)) for row in zip(*decoded, strict=True)]
    for name, values in zip(names, decoded, strict=True):
        if None in values:  # absent here and there (a task without a title): drop those keys
            for r, v in enumerate(values):
                if v is None:
                    del out[r][name]
    return iter(out)


def unpack_data(data: dict[str, Any]) -> nx.MultiDiGraph[str]:
    """The graph of `pack_data` output.

    Raises
    ------
    ValueError, KeyError, TypeError, IndexError
        When the data is not a graph pack.
    """
    if data.get("format") != PACK_FORMAT:
        raise ValueError(f"not a {PACK_FORMAT} file (format is {data.get('format')!r})")
    strings: list[str] = data["strings"]
    nodes, edges = data["nodes"], data["edges"]
    ids = [strings[i] for i in nodes["id"]]
    kinds = [None if k == -1 else strings[k] for k in nodes["kind"]]
    if len(kinds) != len(ids):
        raise ValueError("the nodes' id and kind lists differ in length")
    counts: dict[str | None, int] = {}
    for k in kinds:
        counts[k] = counts.get(k, 0) + 1
    node_shapes = nodes.get("shapes", {})
    node_rows = {k: _rows(nodes["columns"].get(k or "", {}), strings, n, None if k is None else ("kind", k),
                          node_shapes.get(k or ""))
                 for k, n in counts.items()}
    node_attrs = [next(node_rows[k]) for k in kinds]

    keys = list(map(strings.__getitem__, edges["key"]))
    sources, targets = edges["source"], edges["target"]
    if not len(keys) == len(sources) == len(targets):
        raise ValueError("the edges' source, target and key lists differ in length")
    for ends in (sources, targets):
        if ends and (min(ends) < 0 or max(ends) >= len(ids)):
            raise ValueError("an edge names a node the file does not list")
    type_counts: dict[str, int] = {}
    for k in keys:
        type_counts[k] = type_counts.get(k, 0) + 1
    edge_shapes = edges.get("shapes", {})
    edge_rows = {k: _rows(edges["columns"].get(k, {}), strings, n, None, edge_shapes.get(k))
                 for k, n in type_counts.items()}
    edge_list: Iterable[tuple[str, str, str, dict[str, Any]]] = zip(
        map(ids.__getitem__, sources), map(ids.__getitem__, targets), keys,
        [next(edge_rows[k]) for k in keys], strict=True)
    return assemble(dict(data["graph"]), zip(ids, node_attrs, strict=True), edge_list)


def write_json(fh: SupportsWrite[bytes], data: Any, depth: int = 3) -> None:
    """Write ``data`` as compact UTF-8 JSON, its outer dicts part by part.

    Each part is encoded whole by json's C encoder (streaming ``json.dump`` runs in Python,
    several times slower), but the whole text of a large graph is never held at once.
    """
    if isinstance(data, dict) and depth > 0:
        fh.write(b"{")
        for i, (key, value) in enumerate(data.items()):
            fh.write((b"," if i else b"") + json.dumps(str(key), ensure_ascii=False).encode("utf-8") + b":")
            write_json(fh, value, depth - 1)
        fh.write(b"}")
        return
    fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def write_pack(graph: nx.MultiDiGraph[str], path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as a graph pack, atomically."""
    with paused_gc():
        data = pack_data(graph)

    def write(fh: BinaryIO) -> None:
        write_json(fh, data)
        fh.write(b"\n")

    atomic_writer(path, write)


def read_pack(path: str | os.PathLike[str]) -> nx.MultiDiGraph[str]:
    """Read a graph pack (errors as `unpack_data`, and json's for a file that is not JSON)."""
    with paused_gc():
        data = json.loads(Path(path).read_bytes())
        if not isinstance(data, dict):
            raise ValueError("not a graph pack (not a JSON object)")
        return unpack_data(data)
