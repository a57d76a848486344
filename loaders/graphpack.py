"""The saved-graph format ``.gmg``: a graph that reads back in a fraction of node-link's time.

Node-link JSON repeats every attribute name and every string on every node and edge (the
document id on each of a plan's hundreds of responsibilities, the same unit names and roles
again and again) and is read back one ``add_edge`` at a time. A graph pack is one JSON object:

- ``format`` (``graphmodel.graph-pack/2``) and ``graph`` (the graph's attributes);
- ``strings``: every distinct string of the graph, once;
- ``nodes``: ``id`` and ``kind`` (string indices, in graph order; kind -1 for none) and, for
  each kind, its attribute ``columns``;
- ``edges``: ``source`` and ``target`` (node indices), ``key`` (string indices), in graph order,
  and, for each edge type, its attribute ``columns``;
- in both, ``shapes`` for a kind (type) whose rows do not all hold their attributes in the
  columns' order: ``names`` (orders of column positions) and ``rows`` (each row's order).

A list of integers (``id``, ``kind``, ``source``, ``target``, ``key`` and the integer columns)
is a string: the base64 of 32-bit little-endian signed integers (`pack_ints`), which JSON reads
as one string and Python turns back into integers without parsing each (most of a graph is
such numbers). A column is ``[type, values]`` with one value for each node of that kind (edge
of that type), in order: type ``s`` holds string indices (packed, -1 when absent), ``i``
integers (packed, -2**31 when absent; booleans and integers beyond 32 bits are ``v``), ``ls``
lists of string indices and ``v`` plain JSON values (``null`` when absent). Reading gives a
graph equal to the one written, in the same order, whose equal strings are one object (a
plan's document id is held once, not once per edge). Files are written atomically. Packs of
format ``graphmodel.graph-pack/1`` (the same, with every list of integers as a JSON list, ``s``
columns with ``null`` when absent, and no ``i`` columns) are read too.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import partial
from itertools import chain, compress, count, filterfalse, islice, repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from graphmodel.graph.assemble import assemble, paused_gc
from graphmodel.graph.edge_rows import EdgeRows, ResponsibleRows
from loaders.files import atomic_writer

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["PACK_FORMAT", "write_pack", "read_pack", "pack_data", "pack_ordered", "pack_columns", "pack_bytes",
           "unpack_data", "write_json", "pack_ints", "unpack_ints"]

PACK_FORMAT = "graphmodel.graph-pack/2"
_READ_FORMATS = (PACK_FORMAT, "graphmodel.graph-pack/1")
_ABSENT = -(2**31)  # an absent value in an ``i`` column
_INT_MAX = 2**31 - 1


def pack_ints(values: Sequence[int]) -> str:
    """Integers (each in 32 bits) as the base64 of their little-endian bytes."""
    if isinstance(values, array) and values.typecode == "i":  # already (`pack_columns`'s ends)
        return _packed_array(array("i", values) if sys.byteorder == "big" else values)
    return _packed_array(array("i", values))


def _packed_array(packed: array[int]) -> str:
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def unpack_ints(data: str | list[int]) -> list[int]:
    """The integers of `pack_ints` (a list is a version 1 pack's, and is returned as it is).

    Raises
    ------
    ValueError
        When ``data`` is not packed integers (binascii.Error is a ValueError).
    TypeError
        When it is neither a string nor a list.
    """
    if isinstance(data, list):
        return data
    if not isinstance(data, str):
        raise TypeError(f"packed integers must be a string, not {type(data).__name__}")
    packed = array("i")
    packed.frombytes(base64.b64decode(data, validate=True))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tolist()


class _Index(dict[str, int]):
    """A string table's dict: a string not in it is added, numbered on from its end, when
    looked up (``__missing__``, called once for each new string), so that a column's indices
    take one look-up each in C."""

    def __missing__(self, s: str) -> int:
        self[s] = n = len(self)
        return n


class _Strings:
    """The string table: each distinct string gets one index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = _Index()

    def __call__(self, s: str) -> int:
        index = self.index
        return index.setdefault(s, len(index))

    def indices(self, values: Sequence[str | None]) -> list[int]:
        """Each value's index (-1 for None), new strings added in the order they come."""
        index = self.index
        size = len(index)
        sample = values[:_SAMPLE]
        if len(dict.fromkeys(filterfalse(index.__contains__, sample))) * 8 > len(sample):
            # Many new strings (node ids, texts): numbered all at once in C (a call of
            # `_Index.__missing__` for each costs more than a second pass over the values).
            distinct = dict.fromkeys(values)
            if None in distinct:
                del distinct[None]
                index.update(zip(filterfalse(index.__contains__, distinct), count(size)))  # type: ignore[arg-type]
                return list(map(index.get, values, repeat(-1)))  # type: ignore[arg-type]  # None is only looked up
            index.update(zip(filterfalse(index.__contains__, distinct), count(size)))  # type: ignore[arg-type]
        found = list(map(index.__getitem__, values))  # type: ignore[arg-type]  # None is taken out below
        if None not in index:
            return found
        # Some values are None (absent): take back what this call added, and number the
        # strings again with None left out.
        for added in list(islice(index, size, None)):
            del index[added]
        for s in dict.fromkeys(values):  # each distinct value once, in order
            if s is not None and s not in index:
                index[s] = len(index)
        return list(map(index.get, values, repeat(-1)))  # type: ignore[arg-type]  # None is only looked up


_SAMPLE = 512  # values whose new strings tell how a column's indices are best found


def _column_type(values: list[Any]) -> tuple[str, bool]:
    """The column's type, and whether any value is None (absent)."""
    types = set(map(type, values))
    absent = type(None) in types
    types.discard(type(None))
    if types <= {str}:
        return "s", absent
    if types == {int}:
        present = list(filter(_is_not_none, values)) if absent else values
        return ("i" if min(present) >= -_INT_MAX and max(present) <= _INT_MAX else "v"), absent
    if types == {list} and set(map(type, chain.from_iterable(filter(None, values)))) <= {str}:
        return "ls", absent
    return "v", absent


_is_not_none = partial(is_not, None)


def _transposed(rows: list[dict[str, Any]]) -> list[list[Any]] | None:
    """The columns of rows (at least one) that all have the first row's keys in its order, or
    None when they do not. Both are done in C (``zip``), chunk by chunk so that a chunk's rows
    are read while they are still in the processor's cache and their views never all exist at
    once: each key position's keys across the chunk are counted (rather than a tuple made of
    each row's keys), then the values transposed (rather than a pass of look-ups per column)."""
    first = list(rows[0])
    columns: list[list[Any]] = [[] for _ in first]
    try:
        for at in range(0, len(rows), _CHUNK):
            chunk = rows[at:at + _CHUNK]
            for key, keys in zip(first, zip(*map(dict.keys, chunk), strict=True), strict=True):
                if keys.count(key) != len(keys):
                    return None
            for column, values in zip(columns, zip(*map(dict.values, chunk), strict=True), strict=True):
                column += values
    except ValueError:  # a row with more or fewer keys than another
        return None
    return columns


_CHUNK = 4096
_NUMPY_FROM = 50_000  # edges from which numpy is imported (a small graph's command does without it)


def _chunked_column(values: list[Any], strings: _Strings) -> tuple[str, str] | None:
    """An ``s`` or ``i`` column packed a chunk at a time: each chunk's values typed, then (still
    in the processor's cache) their strings numbered or their integers checked and packed, where
    a pass over the whole column for each read every value again from memory. None, with the
    string table as it was, for any other column (`_column_type` then decides, as before)."""
    index = strings.index
    size = len(index)
    packed = array("i")
    kind = ""  # "s" or "i" once a chunk has a value
    pending = 0  # leading values that are all None, before the column's type is known
    for at in range(0, len(values), _CHUNK):
        chunk = values[at:at + _CHUNK]
        types = set(map(type, chunk))
        absent = _NONE in types
        types.discard(_NONE)
        if not types:  # all None
            if kind:
                packed.extend(repeat(-1 if kind == "s" else _ABSENT, len(chunk)))
            else:
                pending += len(chunk)
            continue
        if types == {str} and kind != "i":
            if not kind:
                kind = "s"
                packed.extend(repeat(-1, pending))
            # The chunk's new strings numbered in the order they come, then its indices.
            new = dict.fromkeys(filterfalse(index.__contains__, chunk))
            new.pop(None, None)
            first = len(index)
            index.update(zip(new, count(first)))
            if len(new) == len(chunk):  # every value new and distinct (texts, ids): numbered in order
                packed.extend(range(first, len(index)))
            else:
                packed.extend(map(index.get, chunk, repeat(-1)) if absent else map(index.__getitem__, chunk))
        elif types == {int} and kind != "s":
            present = list(filter(_is_not_none, chunk)) if absent else chunk
            if min(present) < -_INT_MAX or max(present) > _INT_MAX:
                break
            if not kind:
                kind = "i"
                packed.extend(repeat(_ABSENT, pending))
            packed.extend([_ABSENT if v is None else v for v in chunk] if absent else chunk)
        else:
            break
    else:
        if not kind:  # no value at all: an ``s`` column of -1s, as `_column_type` has it
            kind = "s"
            packed.extend(repeat(-1, pending))
        return kind, _packed_array(packed)
    for added in list(islice(index, size, None)):  # take back what this column added
        del index[added]
    return None


_NONE = type(None)


def _columns(rows: list[dict[str, Any]], skip: str | None, strings: _Strings
             ) -> tuple[dict[str, list[Any]], dict[str, list[Any]] | None]:
    """A group's columns, and its row shapes when rows do not all keep the columns' order."""
    whole = _transposed(rows) if rows else None
    if whole is not None:  # every row has the same keys in the same order (most groups)
        distinct: dict[tuple[str, ...], None] = {tuple(rows[0]): None}
        names = dict.fromkeys(rows[0])
        if skip is not None and skip in names:
            del whole[list(names).index(skip)]
            del names[skip]
    else:  # rows of several shapes: each column's values looked up, chunk by chunk
        distinct = dict.fromkeys(map(tuple, rows))  # few distinct key tuples in a group
        names = {}
        for k in distinct:
            names.update(dict.fromkeys(k))
        if skip is not None:
            names.pop(skip, None)
        whole = [[] for _ in names]
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start:start + _CHUNK]
            for column, name in zip(whole, names, strict=True):
                column += map(dict.get, chunk, repeat(name))
    out: dict[str, list[Any]] = {}
    for i, name in enumerate(names):
        values: list[Any] = whole[i]
        quick = _chunked_column(values, strings)
        if quick is not None:
            out[name] = list(quick)
            continue
        kind, absent = _column_type(values)
        packed: Any = values
        if kind == "s":
            packed = pack_ints(strings.indices(values))
        elif kind == "i":
            packed = pack_ints([_ABSENT if v is None else v for v in values] if absent else values)
        elif kind == "ls":  # all the lists' strings at once, then cut back into lists
            at = iter(strings.indices(list(chain.from_iterable(filter(None, values)))))
            empty: list[int] = []  # one for every empty list (most tasks' lead officials): JSON writes each alike
            packed = [None if v is None else list(islice(at, len(v))) if v else empty for v in values]
        out[name] = [kind, packed]
    # A dict keeps the order its keys were added in (a node merged from several plans may have
    # gained one late), and a graph read back must be the same to the last key.
    position = {name: i for i, name in enumerate(names)}
    orders = {k: tuple(position[name] for name in k if name != skip) for k in distinct}
    if all(list(o) == sorted(o) for o in orders.values()):
        return out, None
    shapes: dict[tuple[int, ...], int] = {}
    shape_of = [shapes.setdefault(orders[k], len(shapes)) for k in map(tuple, rows)]
    return out, {"names": [list(o) for o in shapes], "rows": shape_of}


def _columns_in_order(rows: list[dict[str, Any]], at: Any, strings: _Strings
                      ) -> tuple[dict[str, list[Any]], None] | None:
    """`_columns` of the rows ``rows[i] for i in at`` (``at`` a numpy array), each column read
    from ``rows`` in their order and then put in the order of ``at``: rows made one after
    another in memory are read so, where in the order of ``at`` each would be a cache miss (at
    10,000 plans, 2.5 million responsibilities). Only for rows that all have the same keys in
    the same order, and columns of strings or of 32-bit integers (either with None): None, the
    string table untouched, for any other (then `_columns` of the rows in order)."""
    if not rows or len(at) != len(rows):
        return None
    whole = _transposed(rows)
    if whole is None:
        return None
    kinds = []
    for values in whole:
        types = set(map(type, values))
        types.discard(_NONE)
        if types <= {str}:
            kinds.append("s")
        elif types == {int} and -_INT_MAX <= min(filter(_is_not_none, values)) <= max(
                filter(_is_not_none, values)) <= _INT_MAX:
            kinds.append("i")
        else:
            return None
    import numpy as np  # the columns put in order, and each string's first place found, in C

    index = strings.index
    out: dict[str, list[Any]] = {}
    for name, values, kind in zip(rows[0], whole, kinds, strict=True):
        # Each distinct value numbered here in one pass (few: mentions, roles, documents and
        # offsets are shared objects), its number put in order, then given its value.
        local = _Index()
        codes = np.fromiter(map(local.__getitem__, values), dtype=np.int64, count=len(values))[at]
        seen = list(local)
        if kind == "i":
            packed = np.array([_ABSENT if v is None else v for v in seen], dtype=np.int64)[codes]
        else:
            # Numbered in the string table in the order each first comes in the column put in
            # order (as `_chunked_column` numbers them).
            first = np.full(len(seen), len(codes), dtype=np.int64)
            np.minimum.at(first, codes, np.arange(len(codes)))
            numbered = np.empty(len(seen), dtype=np.int64)
            for code in np.argsort(first, kind="stable").tolist():
                value = seen[code]
                numbered[code] = -1 if value is None else index.setdefault(value, len(index))
            packed = numbered[codes]
        ints = array("i")
        ints.frombytes(packed.astype(np.intc).tobytes())
        out[name] = [kind, _packed_array(ints)]
    return out, None


def _coded_in_order(made: ResponsibleRows, at: Any, strings: _Strings) -> tuple[dict[str, list[Any]], None] | None:
    """`_columns_in_order` of ``made.rows()``, from its columns of codes: each column's codes
    put in the order of ``at``, each code given its value's string index in the order it first
    comes (or its integer). None, the string table untouched, when its rows are not all of one
    shape (a row without a span, or with a correction) or a column is neither strings nor
    32-bit integers (either with None): then the rows as dicts."""
    import numpy as np

    if made.corrections or not len(made) or len(at) != len(made):
        return None
    made.flush()
    table = np.frombuffer(made.table, dtype=np.intc).reshape(-1, 5)
    if table[:, 3].min() < 0:  # rows without a span have neither start nor end
        return None
    values = made.values
    columns = []
    for j in range(5):
        codes = table[:, j][at]
        present = np.zeros(len(values), dtype=bool)
        present[codes] = True
        used = np.flatnonzero(present).tolist()
        types = set(map(type, map(values.__getitem__, used)))
        types.discard(_NONE)
        if types <= {str}:
            kind = "s"
        elif types == {int}:
            in_use = [values[c] for c in used if values[c] is not None]
            if not -_INT_MAX <= min(in_use) <= max(in_use) <= _INT_MAX:
                return None
            kind = "i"
        else:
            return None
        columns.append((kind, codes, used))
    index = strings.index
    out: dict[str, list[Any]] = {}
    for name, (kind, codes, used) in zip(made.NAMES, columns, strict=True):
        mapped = np.zeros(len(values), dtype=np.int64)
        if kind == "i":
            mapped[used] = [_ABSENT if values[c] is None else values[c] for c in used]
        else:
            # Numbered in the string table in the order each first comes in the column put in
            # order (as `_chunked_column` numbers them).
            first = np.full(len(values), len(codes), dtype=np.int64)
            np.minimum.at(first, codes, np.arange(len(codes)))
            for code in np.argsort(first, kind="stable")[:len(used)].tolist():
                value = values[code]
                mapped[code] = -1 if value is None else index.setdefault(value, len(index))
        ints = array("i")
        ints.frombytes(mapped[codes].astype(np.intc).tobytes())
        out[name] = [kind, _packed_array(ints)]
    return out, None


def pack_data(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The graph as graph-pack data (see the module docstring)."""
    # The dicts themselves (private, so not in networkx's stubs): its views cost more, once per edge.
    nodes: dict[str, dict[str, Any]] = graph._node  # type: ignore[attr-defined]
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph._succ  # type: ignore[attr-defined]
    node_index = _node_index(nodes)
    # The edges in graph order, as columns, with the loops in C: each node's targets, each
    # (node, target) pair's keys, each key's data.
    outs = list(succ.values())
    keyed: list[dict[str, dict[str, Any]]] = list(chain.from_iterable(map(dict.values, outs)))
    pair_sources = chain.from_iterable(map(repeat, range(len(outs)), map(len, outs)))
    pair_targets = map(node_index.__getitem__, chain.from_iterable(outs))
    types: list[str] = list(chain.from_iterable(keyed))
    datas: list[dict[str, Any]] = list(chain.from_iterable(map(dict.values, keyed)))
    if len(types) == len(keyed):  # one key for each pair (no parallel edges): a pair is an edge
        sources, targets = list(pair_sources), list(pair_targets)
    else:
        counts = list(map(len, keyed))
        sources = list(chain.from_iterable(map(repeat, pair_sources, counts)))
        targets = list(chain.from_iterable(map(repeat, pair_targets, counts)))
    return _packed(dict(graph.graph), nodes, sources, targets, types, datas)


def pack_ordered(graph_attrs: dict[str, Any], nodes: dict[str, dict[str, Any]],
                 edges: list[tuple[tuple[str, str, str], dict[str, Any]]], consume: bool = False) -> dict[str, Any]:
    """`pack_data` of the graph ``assemble(graph_attrs, nodes.items(), edges, keyed=True)`` would
    make (see `graphmodel.graph.assemble`), without making it: ``edges``, ``((u, v, key), data)``,
    must come in the order that graph would hold them (`graphmodel.graph.GraphBuilder.in_graph_order`
    gives them so).

    With ``consume``, each item of ``edges`` is let go of (``edges`` is left a list of None) as
    soon as it is read, while it is still in the processor's cache: freeing millions of edge
    tuples afterwards read each from memory again (2.5 s at 10,000 plans).

    Raises
    ------
    ValueError
        As `pack_data`, and for an edge that names a node not in ``nodes``.
    """
    node_index = _node_index(nodes)
    datas: list[dict[str, Any]] = []
    sources: list[int] = []
    targets: list[int] = []
    types: list[str] = []
    first, second, third = itemgetter(0), itemgetter(1), itemgetter(2)
    # Chunk by chunk, so that a chunk's edges are read while they are still in the processor's cache.
    for at in range(0, len(edges), _CHUNK):
        chunk = edges[at:at + _CHUNK]
        ends = list(map(first, chunk))
        datas += map(second, chunk)
        try:
            sources += map(node_index.__getitem__, map(first, ends))
            targets += map(node_index.__getitem__, map(second, ends))
        except KeyError:
            u, v, key = next(e for e in ends if e[0] not in node_index or e[1] not in node_index)
            raise ValueError(f"the edge {u!r} -> {v!r} ({key}) names a node the graph does not have") from None
        types += map(third, ends)
        if consume:
            del chunk, ends
            edges[at:at + _CHUNK] = repeat(None, min(_CHUNK, len(edges) - at))  # type: ignore[arg-type]
    return _packed(dict(graph_attrs), nodes, sources, targets, types, datas)


def pack_columns(graph_attrs: dict[str, Any], nodes: dict[str, dict[str, Any]], sources: Sequence[int],
                 targets: Sequence[int], keys: list[str], datas: list[dict[str, Any]] | EdgeRows) -> dict[str, Any]:
    """`pack_ordered` of edges given as columns (`graphmodel.graph.GraphBuilder.in_graph_columns`):
    the ``i``-th edge runs from the node at place ``sources[i]`` of ``nodes`` to the one at
    ``targets[i]``, with the key ``keys[i]`` and the data ``datas[i]``, the edges in the order
    the graph would hold them. ``datas`` may be an `graphmodel.graph.edge_rows.EdgeRows` (each
    type's dicts in the order they were made): each type's columns are then read in that order
    and put in graph order (`_columns_in_order`), the same pack.

    Raises
    ------
    ValueError
        As `pack_ordered`, and for columns of different lengths or a place ``nodes`` does not
        have.
    """
    _check_ids(nodes)
    if not len(sources) == len(targets) == len(keys) == len(datas):
        raise ValueError("the edge columns differ in length")
    for ends in (sources, targets):
        if isinstance(ends, array) and ends.typecode == "i" and len(ends) >= _NUMPY_FROM:
            import numpy as np  # millions of ends checked in C, without an int object each

            view = np.frombuffer(ends, dtype=np.intc)
            low, high = int(view.min()), int(view.max())
        else:
            low, high = (min(ends), max(ends)) if len(ends) else (0, 0)
        if len(ends) and (low < 0 or high >= len(nodes)):
            raise ValueError("an edge names a node the graph does not have")
    return _packed(dict(graph_attrs), nodes, sources, targets, keys, datas)


def _check_ids(nodes: dict[str, dict[str, Any]]) -> None:
    if not set(map(type, nodes)) <= {str}:  # checked in C; a str subclass passes below
        for n in nodes:
            if not isinstance(n, str):
                raise ValueError(f"a node id must be a string, not {n!r}")


def _node_index(nodes: dict[str, dict[str, Any]]) -> dict[str, int]:
    _check_ids(nodes)
    return dict(zip(nodes, count()))


def _packed(graph_attrs: dict[str, Any], nodes: dict[str, dict[str, Any]], sources: Sequence[int],
            targets: Sequence[int], types: list[str], datas: list[dict[str, Any]] | EdgeRows) -> dict[str, Any]:
    """The pack of nodes and of edges given as columns in graph order."""
    strings = _Strings()
    rows = list(nodes.values())
    kinds: list[str | None] = list(map(dict.get, rows, repeat("kind")))
    if not set(map(type, kinds)) <= {str, type(None)}:  # checked in C; a str subclass passes below
        for kind in kinds:
            if kind is not None and not isinstance(kind, str):
                raise ValueError(f"a node kind must be a string, not {kind!r}")
    node_kinds = strings.indices(kinds)
    # Each kind's rows, in graph order, in one pass (no kind and kind "" are one group).
    distinct_kinds = dict.fromkeys(kinds)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for kind in distinct_kinds:
        by_kind.setdefault(kind or "", [])
    add = {kind: by_kind[kind or ""].append for kind in distinct_kinds}
    for kind, data in zip(kinds, rows, strict=True):
        add[kind](data)
    del rows, kinds
    index = strings.index
    if index.keys().isdisjoint(nodes.keys()):  # no node id is a kind: numbered in order, in C
        size = len(index)
        index.update(zip(nodes, count(size)))
        ids = list(range(size, len(index)))
    else:
        ids = strings.indices(list(nodes))
    for k in dict.fromkeys(types):
        if not isinstance(k, str):
            raise ValueError(f"an edge key must be a string (the edge type), not {k!r}")
    keys = array("i", strings.indices(types))
    node_groups = {kind: _columns(rows, "kind", strings) for kind, rows in by_kind.items()}
    if isinstance(datas, EdgeRows):  # each type's rows in the order made: read so, then put in graph order
        edge_groups: dict[str, tuple[dict[str, list[Any]], dict[str, list[Any]] | None]] = {}
        for key in dict.fromkeys(types):
            made, at = datas.groups[key]
            if isinstance(made, ResponsibleRows):  # columns numbered as the rows were added
                quick = _coded_in_order(made, at, strings)
                if quick is not None:
                    edge_groups[key] = quick
                    continue
                made = made.rows()
            quick = _columns_in_order(made, at, strings)
            edge_groups[key] = quick if quick is not None else _columns(datas.rows(key), None, strings)
    else:
        by_type = _by_type(types, keys, strings.index, datas)
        edge_groups = {key: _columns(rows, None, strings) for key, rows in by_type.items()}
    node_columns = {k: cols for k, (cols, _) in node_groups.items()}
    edge_columns = {k: cols for k, (cols, _) in edge_groups.items()}
    node_shapes = {k: shapes for k, (_, shapes) in node_groups.items() if shapes is not None}
    edge_shapes = {k: shapes for k, (_, shapes) in edge_groups.items() if shapes is not None}
    return {
        "format": PACK_FORMAT,
        "graph": graph_attrs,
        "strings": list(strings.index),
        "nodes": {"id": pack_ints(ids), "kind": pack_ints(node_kinds), "columns": node_columns,
                  "shapes": node_shapes},
        "edges": {"source": pack_ints(sources), "target": pack_ints(targets), "key": pack_ints(keys),
                  "columns": edge_columns, "shapes": edge_shapes},
    }


def _by_type(types: list[str], keys: array[int], index: dict[str, int], datas: list[dict[str, Any]]
             ) -> dict[str, list[dict[str, Any]]]:
    """Each type's rows, in graph order (``keys``: each edge's type as its ``index``)."""
    distinct = dict.fromkeys(types)
    if len(distinct) == 1:
        return {k: list(datas) for k in distinct}
    if len(datas) < _NUMPY_FROM:  # one pass over the edges (a pass per type, comparing every edge's type, cost more)
        by_type: dict[str, list[dict[str, Any]]] = {k: [] for k in distinct}
        append = {k: rows.append for k, rows in by_type.items()}
        for k, data in zip(types, datas, strict=True):
            append[k](data)
        return by_type
    import numpy as np  # each type's places found in C: the pass in Python took a second at 10,000 plans

    codes = np.frombuffer(keys, dtype=np.intc)
    at = datas.__getitem__
    return {k: list(map(at, np.flatnonzero(codes == index[k]).tolist())) for k in distinct}


def _strings_at(indices: list[int], strings: list[Any], absent: bool = False) -> list[Any]:
    """The strings at these indices; with ``absent``, -1 is None (else an error)."""
    if indices and (min(indices) < (-1 if absent else 0) or max(indices) >= len(strings)):
        raise IndexError("a string index the file does not list")
    if absent and -1 in indices:
        strings = [*strings, None]  # -1 is the last item
    return list(map(strings.__getitem__, indices))


def _decoded(column: list[Any], strings: list[str]) -> list[Any]:
    kind, values = column
    if kind == "s":
        if isinstance(values, list) and None in values:  # a version 1 column
            values = [-1 if v is None else v for v in values]
        return _strings_at(unpack_ints(values), strings, absent=True)
    if kind == "i":
        ints: list[Any] = unpack_ints(values)
        return [None if v == _ABSENT else v for v in ints] if _ABSENT in ints else ints
    if kind == "ls":
        every = list(chain.from_iterable(filter(_is_not_none, values)))  # checked at once: many short lists
        if every and (min(every) < 0 or max(every) >= len(strings)):
            raise IndexError("a string index the file does not list")
        at = strings.__getitem__
        return [None if v is None else list(map(at, v)) for v in values]
    if kind == "v":
        return list(values)
    raise ValueError(f"unknown column type {kind!r}")


def _rows(columns: dict[str, list[Any]], shapes: dict[str, list[Any]] | None, strings: list[str], size: int,
          first: tuple[str, Any] | None = None) -> list[dict[str, Any]]:
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
        return [{**head, **{n: col[r] for n, col in orders[s] if col[r] is not None}}
                for r, s in enumerate(shapes["rows"])]
    if first is not None:
        names.insert(0, first[0])
        decoded.insert(0, [first[1]] * size)
    if not names:
        return [{} for _ in range(size)]
    # A group of the schema's: its dicts made by a dict display; else dict(zip(names, row)) for
    # each row, with the loops in C.
    build = _BUILDERS.get(tuple(names))
    out = build(*decoded) if build is not None else list(map(dict, map(zip, repeat(names), zip(*decoded, strict=True))))
    for name, values in zip(names, decoded, strict=True):
        r = -1
        try:
            while True:  # absent here and there (a task without a title): drop those keys
                r = values.index(None, r + 1)
                del out[r][name]
        except ValueError:
            pass
    return out


# The groups that make most of a corpus's graph (the attributes `build_graph` gives them, in its
# order), each row made by a dict display: a tenth fewer instructions to read a pack than
# dict(zip(names, row)). Any other group takes the general path; both give the same dicts.
_BUILDERS: dict[tuple[str, ...], Callable[..., list[dict[str, Any]]]] = {
    ("role", "mention", "document", "start", "end"): lambda r, m, d, s, e: [
        {"role": a, "mention": b, "document": c, "start": x, "end": y}
        for a, b, c, x, y in zip(r, m, d, s, e, strict=True)],
    ("document",): lambda d: [{"document": a} for a in d],
    ("kind", "document", "number"): lambda k, d, n: [  # tasks as `pairs` reads them (`unpack_data`)
        {"kind": a, "document": b, "number": c} for a, b, c in zip(k, d, n, strict=True)],
    ("kind", "document", "number", "title", "text", "start", "end", "lead_officials"):
        lambda k, d, n, t, x, s, e, lo: [
            {"kind": a, "document": b, "number": c, "title": f, "text": g, "start": h, "end": i, "lead_officials": j}
            for a, b, c, f, g, h, i, j in zip(k, d, n, t, x, s, e, lo, strict=True)],
}


def _in_order(groups: list[Any], rows: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each item's next row of its group (``groups[i]`` names item i's group)."""
    its = {k: iter(group) for k, group in rows.items()}
    return list(map(next, map(its.__getitem__, groups)))


def _no_kind_and_empty_kind(kinds: list[str | None], columns: dict[str, Any], shapes: dict[str, Any],
                            strings: list[str], attributes: Mapping[str, Collection[str]] | None = None
                            ) -> list[dict[str, Any]]:
    """The nodes' attribute dicts when some have no kind and some the kind ``""``: `pack_data`
    writes both into the columns of group ``""`` (in node order, the kind left out), so they are
    read as one group and the kind put back first in the rows that had it (``attributes`` as
    `unpack_data` has them, for the other kinds)."""
    groups = [k or "" for k in kinds]
    rows = {k: _rows(*_wanted(columns.get(k, {}), shapes.get(k), attributes if k else None, k), strings, n,
                     None if k == "" else ("kind", k))
            for k, n in Counter(groups).items()}
    out = _in_order(groups, rows)
    return [{"kind": "", **row} if kind == "" else row for kind, row in zip(kinds, out, strict=True)]


def unpack_data(data: dict[str, Any], edge_types: Collection[str] | None = None,
                node_attributes: Mapping[str, Collection[str]] | None = None) -> nx.MultiDiGraph[str]:
    """The graph of `pack_data` output (or of a version 1 pack).

    A partial read, for a command that needs a part of a corpus's graph: with ``edge_types``,
    only the edges of those types are made (``pairs`` reads the stored ``COUNTERPART`` edges, a
    few percent of them); with ``node_attributes`` (a kind to the attributes wanted of its
    nodes), the nodes of those kinds get only those attributes (and their kind: ``pairs`` needs
    a task's number and document, not its text). Every node is made. When the pack holds no
    edge of any of ``edge_types``, the whole graph is made, every attribute too, so that a
    caller that falls back on other edges (deriving counterparts from responsibilities) finds
    them.

    Raises
    ------
    ValueError, KeyError, TypeError, IndexError
        When the data is not a graph pack.
    """
    if data.get("format") not in _READ_FORMATS:
        raise ValueError(f"not a {PACK_FORMAT} file (format is {data.get('format')!r})")
    strings: list[str] = data["strings"]
    nodes, edges = data["nodes"], data["edges"]
    ids = _strings_at(unpack_ints(nodes["id"]), strings)
    chosen = _chosen_edges(edges, strings, len(ids), edge_types) if edge_types is not None else None
    if chosen is None and edge_types is not None:  # none of those edges: the whole graph
        node_attributes = None
    kinds = _strings_at(unpack_ints(nodes["kind"]), strings, absent=True)
    if len(kinds) != len(ids):
        raise ValueError("the nodes' id and kind lists differ in length")
    counts = Counter(kinds)  # counted in C
    node_shapes = nodes.get("shapes", {})
    if None in counts and "" in counts:  # no kind and kind "": one group of columns, as written
        node_attrs = _no_kind_and_empty_kind(kinds, nodes["columns"], node_shapes, strings, node_attributes)
    else:
        node_attrs = _in_order(kinds, {
            k: _rows(*_wanted(nodes["columns"].get(k or "", {}), node_shapes.get(k or ""), node_attributes, k),
                     strings, n, None if k is None else ("kind", k))
            for k, n in counts.items()})

    if chosen is not None:
        keys, sources, targets = chosen
    else:
        keys, sources, targets = _edge_lists(edges, strings)
    for ends in (sources, targets):
        if ends and (min(ends) < 0 or max(ends) >= len(ids)):
            raise ValueError("an edge names a node the file does not list")
    type_counts = Counter(keys)
    edge_shapes = edges.get("shapes", {})
    edge_attrs = _in_order(keys, {k: _rows(edges["columns"].get(k, {}), edge_shapes.get(k), strings, n)
                                  for k, n in type_counts.items()})
    edge_list: Iterable[tuple[str, str, str, dict[str, Any]]] = zip(
        map(ids.__getitem__, sources), map(ids.__getitem__, targets), keys, edge_attrs, strict=True)
    return assemble(dict(data["graph"]), zip(ids, node_attrs, strict=True), edge_list)


def _edge_lists(edges: dict[str, Any], strings: list[str]) -> tuple[list[str], list[int], list[int]]:
    """Every edge's key, source and target, in order (checked to be as many)."""
    keys = _strings_at(unpack_ints(edges["key"]), strings)
    sources, targets = unpack_ints(edges["source"]), unpack_ints(edges["target"])
    if not len(keys) == len(sources) == len(targets):
        raise ValueError("the edges' source, target and key lists differ in length")
    return keys, sources, targets


def _wanted(columns: dict[str, Any], shapes: dict[str, Any] | None, attributes: Mapping[str, Collection[str]] | None,
            kind: str | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A kind's columns and shapes (for `_rows`), with only the columns ``attributes`` names for
    it (all of them for a kind it does not name); the shapes' column places renumbered."""
    if attributes is None or kind is None or kind not in attributes:
        return columns, shapes
    wanted = attributes[kind]
    kept = {name: column for name, column in columns.items() if name in wanted}
    if shapes is None or len(kept) == len(columns):
        return kept, shapes
    places = {name: i for i, name in enumerate(columns)}
    left_out = {places[name] for name in columns if name not in kept}
    renumbered = {places[name]: i for i, name in enumerate(kept)}
    # A place that names no column at all stays out of range, for `_rows` to refuse as before.
    return kept, {**shapes, "names": [[renumbered.get(i, len(columns) + i) for i in order if i not in left_out]
                                      for order in shapes["names"]]}


def _chosen_edges(edges: dict[str, Any], strings: list[str], size: int, edge_types: Collection[str]
                  ) -> tuple[list[str], list[int], list[int]] | None:
    """The keys, sources and targets of the edges of ``edge_types`` only, in order, or None when
    the pack has none of them. In a version 2 pack each edge's key is looked for in the packed
    bytes (`bytes.find`, in C) rather than every edge's key, source and target made an
    integer: a pack's other edges cost nothing but the decoding of their base64."""
    packed = [edges[name] for name in ("key", "source", "target")]
    if not all(isinstance(p, str) for p in packed):  # a version 1 pack: lists of integers
        keys, sources, targets = _edge_lists(edges, strings)
        kept = [k in edge_types for k in keys]
        if not any(kept):
            return None
        return list(compress(keys, kept)), list(compress(sources, kept)), list(compress(targets, kept))
    raw_keys, raw_sources, raw_targets = (base64.b64decode(p, validate=True) for p in packed)
    if not len(raw_keys) == len(raw_sources) == len(raw_targets) or len(raw_keys) % 4:
        raise ValueError("the edges' source, target and key lists differ in length")
    places = sorted(chain.from_iterable(_places(raw_keys, i) for t in set(edge_types) for i in _indices(strings, t)))
    if not places:
        return None
    ints = [array("i", raw) for raw in (raw_keys, raw_sources, raw_targets)]
    if sys.byteorder == "big":
        for a in ints:
            a.byteswap()
    keys = list(map(strings.__getitem__, map(ints[0].__getitem__, places)))
    return keys, list(map(ints[1].__getitem__, places)), list(map(ints[2].__getitem__, places))


def _indices(strings: list[str], value: str) -> list[int]:
    """Where ``value`` is in the string table (once in a pack `pack_data` wrote), found in C."""
    out = []
    at = -1
    try:
        while True:
            at = strings.index(value, at + 1)
            out.append(at)
    except ValueError:
        return out


def _places(packed: bytes, value: int) -> list[int]:
    """The places of ``value`` among the 32-bit little-endian integers of ``packed``."""
    pattern = value.to_bytes(4, "little", signed=True)
    find = packed.find
    out = []
    at = find(pattern)
    while at >= 0:
        if at % 4:  # across two integers: not one of them
            at = find(pattern, at + 1)
            continue
        out.append(at >> 2)
        at = find(pattern, at + 4)
    return out


def write_json(fh: SupportsWrite[bytes], data: Any, depth: int = 3, consume: bool = False) -> None:
    """Write ``data`` as compact UTF-8 JSON, its outer dicts part by part.

    Each part is encoded whole by json's C encoder (streaming ``json.dump`` runs in Python,
    several times slower), but the whole text of a large graph is never held at once; a long
    list is encoded a slice of its items at a time (the same text), so that the pack's string
    table (200 MB at 10,000 plans) is never held whole as text and again as bytes. With
    ``consume``, each part of the outer dicts is taken out of ``data`` once written, so that
    its memory is let go of as the text grows.
    """
    if isinstance(data, dict) and depth > 0:
        fh.write(b"{")
        for i, key in enumerate(list(data)):
            value = data.pop(key) if consume else data[key]
            fh.write((b"," if i else b"") + json.dumps(str(key), ensure_ascii=False).encode("utf-8") + b":")
            write_json(fh, value, depth - 1, consume)
            del value
        fh.write(b"}")
        return
    if isinstance(data, list) and len(data) > _SLICE:  # "[" + the items' texts joined by "," + "]"
        fh.write(b"[")
        for at in range(0, len(data), _SLICE):
            if at:
                fh.write(b",")
            chunk = data[at:at + _SLICE]
            plain = _plain_strings(chunk)
            fh.write(plain if plain is not None else
                     json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode("utf-8")[1:-1])
        fh.write(b"]")
        return
    fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


_SLICE = 65536
_PLAIN = bytes(b for b in range(256) if b >= 0x20 and b not in b'"\\')  # bytes JSON writes as they are


def _plain_strings(items: list[Any]) -> bytes | None:
    """The JSON of ``items`` without its brackets when they are all strings that JSON writes as
    they are (no quote, backslash or control character), joined and encoded at once in C, where
    json's encoder looks at each string by itself (the string table of 10,000 plans: 0.9 s,
    0.45 s so); else None. A UTF-8 encoding holds such a byte only where the text holds that
    character, so the bytes are looked at once: only the quotes put around each are there."""
    if set(map(type, items)) != {str}:
        return None
    encoded = ('"' + '","'.join(items) + '"').encode("utf-8")
    if len(encoded.translate(None, _PLAIN)) != 2 * len(items):
        return None
    return encoded


def pack_bytes(data: dict[str, Any], consume: bool = False) -> bytes:
    """The pack file of pack data (what `write_pack` writes); with ``consume``, ``data`` is
    emptied as it is encoded (`write_json`)."""
    out = io.BytesIO()
    write_json(out, data, consume=consume)
    out.write(b"\n")
    return out.getvalue()


def write_pack(graph: nx.MultiDiGraph[str], path: str | os.PathLike[str]) -> None:
    """Write ``graph`` as a graph pack, atomically."""
    with paused_gc():
        data = pack_data(graph)

    def write(fh: BinaryIO) -> None:
        write_json(fh, data)
        fh.write(b"\n")

    atomic_writer(path, write)


def read_pack(path: str | os.PathLike[str], edge_types: Collection[str] | None = None,
              node_attributes: Mapping[str, Collection[str]] | None = None) -> nx.MultiDiGraph[str]:
    """Read a graph pack, with ``edge_types`` and ``node_attributes`` a part of it as
    `unpack_data` says (errors as `unpack_data`, and json's for a file that is not JSON)."""
    with paused_gc():
        data = json.loads(Path(path).read_bytes())
        if not isinstance(data, dict):
            raise ValueError("not a graph pack (not a JSON object)")
        return unpack_data(data, edge_types, node_attributes)
