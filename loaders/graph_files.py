"""Graph files: graphmodel's pack (.gmg), node-link JSON, GraphML and GEXF, chosen by extension.

The pack (`loaders.graphpack`) is the format to save a graph in for graphmodel itself: a
fraction of node-link's size and read in a fraction of its time. The others are exports for
other tools.

Every format reads back to a graph equal to the one written (same nodes, edges, keys,
attributes and order). GraphML and GEXF have no list type, so list attributes (see
`graphmodel.graph.LIST_ATTRIBUTES`) are written as JSON strings and decoded on read.

Two more adjustments keep the files right for other tools:

- Edge ids must be unique in GraphML and GEXF, but our edge key (the type) is not, so edges get
  ids ``e0``, ``e1``, … and the type goes into the edge's ``label`` (which Gephi shows); reading
  restores it as the key.
- GEXF reads ``start``/``end`` as time intervals, so the character spans are written as
  ``span_start``/``span_end`` there. Nodes carry a ``label`` (name, number or title) for display.
  The schema name goes in the GEXF ``<meta><description>``.
"""

from __future__ import annotations

import json
import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from graphmodel.errors import GraphError, InputError
from graphmodel.graph import LIST_ATTRIBUTES, SCHEMA, check_graph
from graphmodel.graph.assemble import assemble, paused_gc
from loaders.files import atomic_write_bytes, atomic_writer
from loaders.graphpack import read_pack, write_pack

__all__ = ["GRAPH_SUFFIXES", "graph_format", "write_graph", "read_graph", "node_link_data", "node_link_graph"]

GRAPH_SUFFIXES = {".gmg": "gmg", ".json": "json", ".graphml": "graphml", ".gexf": "gexf"}

_GEXF_RENAMES = {"start": "span_start", "end": "span_end"}


def graph_format(path: str | os.PathLike[str]) -> str:
    """The format a file's extension names: ``gmg`` (the pack), ``json``, ``graphml`` or ``gexf``
    (``-``, standard output, is ``json``).

    Raises
    ------
    InputError
        For any other extension.
    """
    if os.fspath(path) == "-":
        return "json"
    suffix = Path(path).suffix.lower()
    if suffix not in GRAPH_SUFFIXES:
        raise InputError(f"{path}: unknown graph format {suffix or '(no extension)'!r}; "
                         "use .gmg (graphmodel's own, fastest to read), .json (node-link), .graphml or .gexf")
    return GRAPH_SUFFIXES[suffix]


def write_graph(graph: nx.MultiDiGraph[str], path: str | os.PathLike[str]) -> str:
    """Write ``graph`` atomically in the format its extension names; return that format."""
    check_graph(graph)
    fmt = graph_format(path)
    if fmt == "gmg":
        write_pack(graph, path)
    elif fmt == "json":
        data = node_link_data(graph)

        def write(fh: BinaryIO) -> None:
            for chunk in _indented_chunks(data):
                fh.write(chunk.encode("utf-8"))
            fh.write(b"\n")

        atomic_writer(path, write)
    elif fmt == "graphml":
        atomic_write_bytes(path, "\n".join(nx.generate_graphml(_flat(graph, {}))).encode("utf-8") + b"\n")
    else:
        atomic_write_bytes(path, _gexf_text(graph).encode("utf-8"))
    return fmt


def read_graph(path: str | os.PathLike[str], edge_types: Collection[str] | None = None,
               node_attributes: Mapping[str, Collection[str]] | None = None) -> nx.MultiDiGraph[str]:
    """Read a graph file written by `write_graph` (format by extension).

    ``edge_types`` names the edge types the caller needs, ``node_attributes`` the attributes it
    needs of the nodes of some kinds: a graph pack then makes only those edges and attributes
    (or the whole graph when it holds none of those edge types, see
    `loaders.graphpack.unpack_data`); the other formats are read whole. Every node is read.

    Raises
    ------
    InputError
        When the file is missing or is not a file of its format.
    GraphError
        When it holds a graph that graphmodel did not build.
    """
    fmt = graph_format(path)
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    readers: dict[str, Callable[[Path], nx.MultiDiGraph[str]]] = {
        "gmg": lambda q: read_pack(q, edge_types, node_attributes), "json": _read_json, "graphml": _read_graphml,
        "gexf": _read_gexf}
    try:
        graph = readers[fmt](p)
    except GraphError as exc:
        raise GraphError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    except (ET.ParseError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a {fmt} file ({exc})") from None
    except (nx.NetworkXError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise GraphError(f"{path}: not a graph graphmodel wrote ({type(exc).__name__}: {exc})") from None
    except LookupError as exc:  # after KeyError and IndexError: an XML declaration's unknown encoding
        raise InputError(f"{path}: not a {fmt} file ({exc})") from None
    return check_graph(graph, str(path))


# -- node-link JSON --------------------------------------------------------------------------


def node_link_data(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The graph as node-link data (networkx's layout, edges under ``edges``), lists as lists."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(graph.graph),
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, "key": k, **d} for u, v, k, d in graph.edges(keys=True, data=True)],
    }


# json.dumps(..., indent=1) runs json's encoder in Python (only compact output has the C one):
# node-link text is written here instead, the same bytes, each scalar by json's C functions.
_encode_str: Callable[[str], str] = json.encoder.encode_basestring


def _scalar(value: Any) -> str | None:
    """``value`` as json.dumps writes it when it is a string, number, boolean or None, else None."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float:
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return None


def _indented(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it at depth ``level``."""
    text = _scalar(value)
    if text is not None:
        return text
    if type(value) is list:
        if not value:
            return "[]"
        items = list(map(_scalar, value))
        if None not in items:  # a list of scalars (lists of names, of task ids)
            pad = "\n" + " " * (level + 1)
            return "[" + pad + ("," + pad).join(items) + "\n" + " " * level + "]"  # type: ignore[arg-type]
    # Anything else (nested containers, other types): json itself, its lines moved to this depth.
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


def _indented_record(record: dict[str, Any], level: int) -> str:
    """A node's or an edge's dict as an item of a list at depth ``level - 1``."""
    pad = " " * level
    if not record or any(type(k) is not str for k in record):
        return pad + _indented(record, level)
    inner = "\n" + pad + " "
    return (pad + "{" + inner + ("," + inner).join(
        [_encode_str(k) + ": " + _indented(v, level + 1) for k, v in record.items()]) + "\n" + pad + "}")


def _indented_chunks(data: dict[str, Any], size: int = 5000) -> Iterator[str]:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=1)`` for node-link data, in pieces
    (the nodes and edges a few thousand at a time: the whole text is never held)."""
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield ("," if i else "") + "\n " + _encode_str(key) + ": "
        if key in ("nodes", "edges") and type(value) is list and value and all(type(r) is dict for r in value):
            yield "[\n"
            for start in range(0, len(value), size):
                yield ("" if start == 0 else ",\n") + ",\n".join(
                    [_indented_record(r, 2) for r in value[start:start + size]])
            yield "\n ]"
        else:
            yield _indented(value, 1)
    yield "\n}" if data else "}"


def node_link_graph(data: dict[str, Any]) -> nx.MultiDiGraph[str]:
    """The graph of `node_link_data` output."""
    def nodes() -> Iterator[tuple[str, dict[str, Any]]]:
        for node in data["nodes"]:
            attrs = dict(node)
            yield attrs.pop("id"), attrs

    def edges() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        for edge in data["edges"]:
            attrs = dict(edge)
            yield attrs.pop("source"), attrs.pop("target"), attrs.pop("key"), attrs

    with paused_gc():
        return assemble(dict(data["graph"]), nodes(), edges())


def _read_json(path: Path) -> nx.MultiDiGraph[str]:
    with paused_gc():
        data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "nodes" not in data or "edges" not in data:
        raise InputError(f"{path}: not a node-link graph (no 'nodes' and 'edges')")
    check_graph(nx.MultiDiGraph(**data.get("graph", {})), str(path))
    return node_link_graph(data)


# -- GraphML and GEXF ------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _decode(name: str, value: Any) -> Any:
    if name in LIST_ATTRIBUTES and isinstance(value, str):
        decoded = json.loads(value)
        if not isinstance(decoded, list):
            raise ValueError(f"attribute {name!r} is not a JSON list: {value!r}")
        return decoded
    return value


def _label(data: dict[str, Any], node: str) -> str:
    for key in ("name", "number", "title"):
        if data.get(key):
            return str(data[key])
    return node


def _flat(graph: nx.MultiDiGraph[str], renames: dict[str, str], labels: bool = False) -> nx.MultiDiGraph[str]:
    """A copy with lists as JSON, unique edge keys and the edge type as the edge's label."""
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(**graph.graph)
    for n, d in graph.nodes(data=True):
        attrs = {renames.get(k, k): _encode(v) for k, v in d.items()}
        if labels:
            attrs["label"] = _label(d, n)
        out.add_node(n, **attrs)
    for i, (u, v, k, d) in enumerate(graph.edges(keys=True, data=True)):
        out.add_edge(u, v, key=f"e{i}", label=k, **{renames.get(a, a): _encode(x) for a, x in d.items()})
    return out


def _restore(flat: nx.Graph[str], graph_attrs: dict[str, Any], renames: dict[str, str]) -> nx.MultiDiGraph[str]:
    back = {v: k for k, v in renames.items()}
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**graph_attrs)
    for n, d in flat.nodes(data=True):
        graph.add_node(n, **{back.get(k, k): _decode(back.get(k, k), v) for k, v in d.items() if k != "label"})
    for u, v, d in flat.edges(data=True):  # read_gexf gives a DiGraph when no edges are parallel
        attrs = {back.get(k, k): _decode(back.get(k, k), x) for k, x in d.items() if k not in ("label", "id")}
        graph.add_edge(u, v, key=d["label"], **attrs)
    return graph


def _read_graphml(path: Path) -> nx.MultiDiGraph[str]:
    flat = nx.read_graphml(path, node_type=str, force_multigraph=True)
    attrs = {k: v for k, v in flat.graph.items() if k not in ("node_default", "edge_default")}
    check_graph(nx.MultiDiGraph(**attrs), str(path))  # the schema, before reading it as ours
    return _restore(flat, attrs, {})


def _gexf_text(graph: nx.MultiDiGraph[str]) -> str:
    flat = _flat(graph, _GEXF_RENAMES, labels=True)
    flat.graph.clear()  # GEXF keeps graph attributes in <meta>, written below
    text = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *nx.generate_gexf(flat, version="1.2draft")])
    description = ET.Element("description")
    description.text = str(graph.graph.get("schema", ""))
    meta = f"<meta><creator>graphmodel</creator>{ET.tostring(description, encoding='unicode')}</meta>"
    # networkx stamps today's date into <meta>; ours is stable so equal graphs give equal files.
    return re.sub(r"<meta\b.*?</meta>", meta, text, count=1, flags=re.S) + "\n"


def _read_gexf(path: Path) -> nx.MultiDiGraph[str]:
    root = ET.parse(path).getroot()
    description = root.find("{*}meta/{*}description")
    schema = description.text if description is not None else None
    if schema != SCHEMA:
        raise GraphError(f"{path} is not a {SCHEMA} graph (its GEXF meta description is {schema!r})")
    flat = nx.read_gexf(path, node_type=str, version="1.2draft")
    return _restore(flat, {"schema": schema}, _GEXF_RENAMES)
