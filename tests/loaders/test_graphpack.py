"""The pack's version 2 encoding: packed integers, integer columns, and version 1 packs still read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphmodel.errors import GraphError
from graphmodel.graph import build_graph
from loaders.graph_files import read_graph, write_graph
from loaders.graphpack import pack_data, pack_ints, unpack_data, unpack_ints
from tests.graph.plans import plan_2020, plan_2021


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert [list(d) for _, d in a.nodes(data=True)] == [list(d) for _, d in b.nodes(data=True)]
    assert [list(d) for *_, d in a.edges(keys=True, data=True)] == [list(d) for *_, d in b.edges(keys=True, data=True)]
    assert [list(a.pred[n]) for n in a] == [list(b.pred[n]) for n in b]
    assert a.graph == b.graph


def _graph() -> nx.MultiDiGraph:
    g = build_graph([plan_2020(), plan_2021()])
    task = next(n for n, kind in g.nodes(data="kind") if kind == "Task")
    del g.nodes[task]["start"]  # absent from one row of an integer column
    g.add_node("x:big", kind="Other", size=2**40, flag=True, share=0.5)  # too big for 32 bits; not ints
    return g


def test_packed_integers_round_trip() -> None:
    values = [0, 1, -1, 2**31 - 1, -(2**31), 123456]
    packed = pack_ints(values)
    assert isinstance(packed, str)
    assert unpack_ints(packed) == values
    assert unpack_ints([3, 4]) == [3, 4]  # a version 1 list is taken as it is
    assert pack_ints([1]) == "AQAAAA=="  # little-endian, whatever the machine
    with pytest.raises(ValueError):
        unpack_ints("AQAA")  # three bytes: not whole integers
    with pytest.raises(ValueError):
        unpack_ints("not base64!")


def test_columns_are_typed_and_the_graph_reads_back_the_same() -> None:
    g = _graph()
    data = json.loads(json.dumps(pack_data(g), ensure_ascii=False))
    assert data["format"] == "graphmodel.graph-pack/2"
    tasks = data["nodes"]["columns"]["Task"]
    assert tasks["start"][0] == "i" and tasks["document"][0] == "s" and tasks["lead_officials"][0] == "ls"
    assert isinstance(data["nodes"]["id"], str) and isinstance(data["edges"]["source"], str)
    other = data["nodes"]["columns"]["Other"]
    assert [other[k][0] for k in ("size", "flag", "share")] == ["v", "v", "v"]
    back = unpack_data(data)
    _same(g, back)


def _as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """The same graph as a version 1 pack: JSON lists of integers, ``null`` for absent strings."""
    def column(kind: str, values: Any) -> list[Any]:
        if kind == "s":
            return ["s", [None if i == -1 else i for i in unpack_ints(values)]]
        if kind == "i":
            return ["v", [None if i == -(2**31) else i for i in unpack_ints(values)]]
        return [kind, values]

    out = json.loads(json.dumps(data))
    out["format"] = "graphmodel.graph-pack/1"
    for part, lists in (("nodes", ("id", "kind")), ("edges", ("source", "target", "key"))):
        for name in lists:
            out[part][name] = unpack_ints(out[part][name])
        for columns in out[part]["columns"].values():
            for name, (kind, values) in columns.items():
                columns[name] = column(kind, values)
    return out


def test_a_version_1_pack_still_reads(tmp_path: Path) -> None:
    g = _graph()
    old = _as_version_1(pack_data(g))
    assert isinstance(old["edges"]["source"], list)
    path = tmp_path / "old.gmg"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    _same(g, read_graph(path))


@pytest.mark.parametrize("damage", ["short ints", "string index", "negative index", "list index", "kind"])
def test_a_damaged_version_2_pack_is_a_one_line_error(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "g.gmg"
    write_graph(_graph(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    tasks = data["nodes"]["columns"]["Task"]
    if damage == "short ints":
        data["edges"]["source"] = data["edges"]["source"][:-4]  # not whole integers
    elif damage == "string index":
        tasks["document"][1] = pack_ints([len(data["strings"])] * len(unpack_ints(tasks["document"][1])))
    elif damage == "negative index":
        tasks["document"][1] = pack_ints([-2] * len(unpack_ints(tasks["document"][1])))
    elif damage == "list index":
        tasks["lead_officials"][1] = [[-3]] * len(tasks["lead_officials"][1])
    else:
        tasks["start"][0] = "q"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GraphError, match="g.gmg: not a graph graphmodel wrote"):
        read_graph(path)


def test_a_pack_read_for_some_edge_types_makes_only_those_edges(tmp_path: Path) -> None:
    graph = build_graph([plan_2020(), plan_2021()])
    write_graph(graph, tmp_path / "g.gmg")
    part = read_graph(tmp_path / "g.gmg", edge_types=("COUNTERPART",))
    assert list(part.nodes(data=True)) == list(graph.nodes(data=True))
    wanted = [e for e in graph.edges(keys=True, data=True) if e[2] == "COUNTERPART"]
    assert wanted and list(part.edges(keys=True, data=True)) == wanted
    assert [list(part.pred[n]) for n in part] == [[u for u in graph.pred[n] if "COUNTERPART" in graph.pred[n][u]]
                                                  for n in graph]


def test_a_pack_holding_none_of_the_edge_types_asked_for_reads_whole(tmp_path: Path) -> None:
    # A caller that finds no stored COUNTERPART edge derives them from the responsibilities.
    graph = build_graph([plan_2020(), plan_2021()])
    graph.remove_edges_from([e for e in graph.edges(keys=True) if e[2] == "COUNTERPART"])
    write_graph(graph, tmp_path / "g.gmg")
    _same(read_graph(tmp_path / "g.gmg", edge_types=("COUNTERPART",)), graph)


TASK_PART = {"Task": ("document", "number")}


def _partly(graph: nx.MultiDiGraph, edge_types: tuple[str, ...], attributes: dict[str, tuple[str, ...]]
            ) -> nx.MultiDiGraph:
    """What a partial read should give: the graph with only those edges and those attributes."""
    part = graph.copy()
    part.remove_edges_from([e for e in graph.edges(keys=True) if e[2] not in edge_types])
    for _, data in part.nodes(data=True):
        if data.get("kind") in attributes:
            for name in [k for k in data if k != "kind" and k not in attributes[data["kind"]]]:
                del data[name]
    return part


@pytest.mark.parametrize("version", [1, 2])
def test_a_partial_read_is_the_graph_with_only_those_edges_and_attributes(tmp_path: Path, version: int) -> None:
    graph = _graph()
    path = tmp_path / "g.gmg"
    write_graph(graph, path)
    if version == 1:
        path.write_text(json.dumps(_as_version_1(pack_data(graph)), ensure_ascii=False), encoding="utf-8")
    for types in (("COUNTERPART",), ("COUNTERPART", "IN"), ("IN", "NOT A TYPE")):
        for attributes in ({}, TASK_PART, {"Task": (), "Unit": ("name",), "Other": ("size", "nothing")}):
            part = read_graph(path, edge_types=types, node_attributes=attributes)
            _same(part, _partly(graph, types, attributes))


def test_a_partial_read_answers_pairs_as_the_whole_graph() -> None:
    # `pairs FILE.gmg` reads the COUNTERPART edges and the tasks' numbers and documents only.
    from graphmodel.analysis import counterpart_pairs

    graph = build_graph([plan_2020(), plan_2021()])
    part = unpack_data(pack_data(graph), ("COUNTERPART",), TASK_PART)
    assert {d.get("title") for n, d in part.nodes(data=True) if d.get("kind") == "Task"} == {None}
    for options in ({}, {"top": 2}, {"side": "大连市"}, {"min_shared": 2}):
        whole, partial = counterpart_pairs(graph, **options), counterpart_pairs(part, **options)
        assert whole and partial == whole
        assert [p.to_dict(part) for p in partial] == [p.to_dict(graph) for p in whole]


def test_a_pack_holding_none_of_the_edge_types_is_read_whole_attributes_too(tmp_path: Path) -> None:
    # Deriving counterparts from the responsibilities needs the tasks' starts.
    graph = build_graph([plan_2020(), plan_2021()])
    graph.remove_edges_from([e for e in graph.edges(keys=True) if e[2] == "COUNTERPART"])
    write_graph(graph, tmp_path / "g.gmg")
    _same(read_graph(tmp_path / "g.gmg", edge_types=("COUNTERPART",), node_attributes=TASK_PART), graph)


def test_edges_are_found_by_their_key_in_the_packed_bytes_at_whole_integers_only() -> None:
    # A key's four bytes may also stand across two integers (here 0x00010002 then 0x00030000
    # hold 02 00 01 00 00 00 03 00): only a match at an integer's start is an edge.
    from loaders.graphpack import _places

    packed = bytes.fromhex("02000100" "00000300" "00010000" "00010000")
    assert _places(packed, 0x00000100) == [2, 3]
    assert _places(packed, 0x00000001) == []  # 01 00 00 00 stands only across integers 0 and 1
    assert _places(packed, 0x00010002) == [0]
    graph = nx.MultiDiGraph(schema=build_graph([]).graph["schema"])
    nodes = [f"n{i}" for i in range(300)]
    graph.add_nodes_from(nodes, kind="Unit")
    for i in range(299):  # many types, so that keys run past one byte
        graph.add_edge(nodes[i], nodes[i + 1], key=f"T{i % 7}" if i % 2 else f"U{i}", n=i)
    for types in (("T3",), ("U256", "U2", "T0"), ("U257",)):
        part = unpack_data(pack_data(graph), types)
        expected = [e for e in graph.edges(keys=True, data=True) if e[2] in types]
        assert list(part.edges(keys=True, data=True)) == (expected or list(graph.edges(keys=True, data=True)))


def _pack_both_ways(extractions: list[Any]) -> tuple[dict[str, Any], dict[str, Any], bytes]:
    from graphmodel.graph import SCHEMA, GraphBuilder
    from loaders.graphpack import pack_bytes, pack_columns, pack_ordered

    made, tables, columns = GraphBuilder(), GraphBuilder(), GraphBuilder()
    for ex in extractions:
        made.add(ex)
        tables.add(ex)
        columns.add(ex)
    graph = made.graph()
    nodes, edges = tables.in_graph_order()
    assert tables.stats() == made.stats()
    ordered = pack_ordered({"schema": SCHEMA}, nodes, edges)
    # The edges as columns (each end numbered once): the same pack.
    got = columns.in_graph_columns()
    assert got is not None
    assert columns.stats() == made.stats()
    assert pack_columns({"schema": SCHEMA}, *got) == ordered
    # With consume, the edges are let go of as they are read: the same pack, an emptied list.
    n = len(edges)
    assert pack_ordered({"schema": SCHEMA}, nodes, edges, consume=True) == ordered
    assert edges == [None] * n
    return pack_data(graph), ordered, pack_bytes(ordered)


@pytest.mark.parametrize("numpy_from", [0, 10**9])  # in numpy (a large corpus's) and in Python
def test_the_pack_made_from_the_builders_tables_is_the_graphs(tmp_path: Path, numpy_from: int,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # build -o FILE.gmg packs the builder's tables without making the graph: the same bytes,
    # also where a COUNTERPART joins a pair of units that a pairing joins too (either way).
    from graphmodel.graph import construct
    from loaders import graphpack

    monkeypatch.setattr(construct, "_NUMPY_FROM", numpy_from)
    monkeypatch.setattr(graphpack, "_NUMPY_FROM", numpy_from)
    from graphmodel.extract import extract
    from loaders.documents import read_document
    from tests.conftest import DATA
    from tests.graph.plans import DL, SH, T, network_plan, plan

    paired = plan("结对计划", [SH, DL], [
        T("1", [["上海市科委"], ["大连市科技局"]], text="科技合作"),
        T("2", [["上海市科委", "上海市商务委"], ["大连市科技局", "大连市商务局"]], text="商务合作"),
    ], pairings=[("unit", "上海市科委", "大连市科技局"), ("unit", "大连市商务局", "上海市商务委")])
    assert len(paired.pairings) == 2
    corpus = [extract(read_document(p), source=str(p)) for p in sorted((DATA / "corpus").iterdir())
              if p.suffix == ".txt"]
    for extractions in ([plan_2020(), plan_2021(), network_plan(), paired], corpus):
        from_graph, from_tables, data = _pack_both_ways(extractions)
        assert from_tables == from_graph
        graph = build_graph(extractions)
        write_graph(graph, tmp_path / "g.gmg")
        assert data == (tmp_path / "g.gmg").read_bytes()
        assert any(k == "COUNTERPART" for *_, k in graph.edges(keys=True))
    graph = build_graph([paired])
    assert {k for k in graph["unit:上海市/上海市科委"]["unit:大连市/大连市科技局"]} == {"PAIRED_WITH", "COUNTERPART"}


def test_a_group_whose_rows_share_their_keys_keeps_every_column_wherever_the_kind_is() -> None:
    # Rows of one kind with the same keys are transposed at once (`_transposed`), the kind
    # column dropped wherever it stands; more rows than one chunk of that.
    g = nx.MultiDiGraph()
    for i in range(5000):
        g.add_node(f"n{i:05}", name=f"x{i % 7}", kind="Thing", start=i, tags=["a", f"t{i % 3}"])
    g.add_node("m", kind="Other", b=1, a=2)
    g.add_node("m2", a=3, kind="Other", b=4)  # the same kind, its keys in another order
    for i in range(4999):
        g.add_edge(f"n{i:05}", f"n{i + 1:05}", key="NEXT", weight=i % 5, label=f"e{i % 2}")
    data = json.loads(json.dumps(pack_data(g), ensure_ascii=False))
    assert data["nodes"]["columns"]["Thing"]["start"][0] == "i"
    assert "Other" in data["nodes"]["shapes"]
    back = unpack_data(data)
    # (A node's kind is read back as its first key, as before: not compared by key order.)
    assert list(back.nodes(data=True)) == list(g.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    assert [list(d) for *_, d in back.edges(keys=True, data=True)] == [list(d) for *_, d in g.edges(keys=True, data=True)]


def test_a_row_whose_keys_differ_after_the_first_chunk_still_gets_its_shape() -> None:
    # Whether a group's rows share their keys is checked chunk by chunk (`_same_keys`): a row
    # past the first chunk with the keys in another order, or with one key fewer, is not missed.
    for late in ({"b": 1, "a": 2}, {"a": 2}):
        g = nx.MultiDiGraph()
        for i in range(5000):
            g.add_node(f"n{i:05}", kind="Thing", a=i, b=-i)
        g.add_node("n05000", kind="Thing", **late)
        data = json.loads(json.dumps(pack_data(g), ensure_ascii=False))
        assert ("Thing" in data["nodes"]["shapes"]) == (list(late) == ["b", "a"])
        back = unpack_data(data)
        assert [list(d) for _, d in back.nodes(data=True)] == [list(d) for _, d in g.nodes(data=True)]
        assert list(back.nodes(data=True)) == list(g.nodes(data=True))


def test_strings_are_numbered_in_the_order_they_first_come_and_none_is_absent() -> None:
    # Node kinds first (in node order), then node ids, edge keys, then each group's columns: a
    # column with None among new strings numbers only the strings (-1 for None).
    g = nx.MultiDiGraph()
    g.add_node("b", kind="K", name="x")
    g.add_node("a", kind="L", name=None)
    g.add_node("c", name="y")  # no kind: the group ""
    g.add_node("d", kind="K", name="b")
    g.add_edge("b", "a", key="E", label="z")
    g.add_edge("a", "c", key="E", label=None)
    data = pack_data(g)
    assert data["strings"] == ["K", "L", "b", "a", "c", "d", "E", "x", "y", "z"]
    assert unpack_ints(data["nodes"]["kind"]) == [0, 1, -1, 0]
    assert list(data["nodes"]["columns"]) == ["K", "L", ""]
    assert unpack_ints(data["nodes"]["columns"]["K"]["name"][1]) == [7, 2]
    assert unpack_ints(data["nodes"]["columns"]["L"]["name"][1]) == [-1]
    assert unpack_ints(data["nodes"]["columns"][""]["name"][1]) == [8]
    assert unpack_ints(data["edges"]["columns"]["E"]["label"][1]) == [9, -1]
    back = unpack_data(json.loads(json.dumps(data)))
    assert list(back.nodes(data="name")) == list(g.nodes(data="name"))
    assert list(back.edges(keys=True, data="label")) == list(g.edges(keys=True, data="label"))  # None: absent


@pytest.mark.parametrize("kind", [3, ["K"]])
def test_a_node_kind_that_is_not_a_string_is_refused(kind: Any) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", kind="K")
    g.add_node("b", kind=kind)
    with pytest.raises(ValueError, match="a node kind must be a string"):
        pack_data(g)


def test_a_long_list_is_written_a_slice_at_a_time_as_the_same_text_and_consume_empties_the_data() -> None:
    import io

    from loaders import graphpack

    items: list[Any] = [f"字{i}" for i in range(2 * graphpack._SLICE + 5)] + [1, None, "a\"b\\c\n"]
    for value in (items, items[:graphpack._SLICE + 1], [], ["x"]):
        data = {"a": {"b": value, "c": 1}, "d": value}
        expected = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        assert graphpack.pack_bytes(data) == expected
        out = io.BytesIO()
        graphpack.write_json(out, data)
        assert out.getvalue() + b"\n" == expected
        assert graphpack.pack_bytes(data, consume=True) == expected
        assert data == {}


@pytest.mark.parametrize("odd", ["", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "\u2028", "é字😀", "\ud800", 7, None])
def test_a_slice_of_plain_strings_joined_at_once_is_json_s_text(odd: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # A slice whose strings need no escape is joined and encoded at once (`_plain_strings`); one
    # holding a string that does, or another value, is json's: the same text either way (a lone
    # surrogate fails to encode either way).
    from loaders import graphpack

    monkeypatch.setattr(graphpack, "_SLICE", 4)
    items: list[Any] = ["字", "a b", "", "~", "x", odd, "y", "z", "w"]
    for value in (items, items[:5], [odd] * 9):
        try:
            expected = json.dumps({"s": value}, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        except UnicodeEncodeError:
            with pytest.raises(UnicodeEncodeError):
                graphpack.pack_bytes({"s": value}, consume=True)
            continue
        assert graphpack.pack_bytes({"s": value}) == expected
    plain = graphpack._plain_strings(["字", "a b", ""])
    assert plain == '"字","a b",""'.encode()
    if odd != "\ud800":
        assert (graphpack._plain_strings(["a", odd]) is None) == (odd not in ("", "\x7f", "\u2028", "é字😀"))


@pytest.mark.parametrize("new_every", [1, 3, 50, 10**6])
@pytest.mark.parametrize("none_at", [None, 0, 700])
def test_string_indices_are_the_plain_numbering_whichever_way_they_are_found(new_every: int, none_at: int | None) -> None:
    # `_Strings.indices` takes one of two ways (new strings numbered at once, or as they are
    # met), and takes back what it added when a None turns up: all give the plain numbering.
    from loaders.graphpack import _Strings

    known = [f"k{i}" for i in range(100)]
    values: list[str | None] = [f"new{i}" if i % new_every == 0 else known[i % 100] for i in range(1, 1500)]
    if none_at is not None:
        values[none_at] = None
    strings = _Strings()
    assert strings.indices(known) == list(range(100))
    expected: dict[str, int] = dict(zip(known, range(100), strict=True))
    for v in values:
        if v is not None and v not in expected:
            expected[v] = len(expected)
    assert strings.indices(values) == [-1 if v is None else expected[v] for v in values]
    assert list(strings.index) == list(expected)


@pytest.mark.parametrize("late", ["s", 7, 2**40, True, None, ["x"]])
@pytest.mark.parametrize("first", ["word", 5, None])
def test_a_column_packed_chunk_by_chunk_is_typed_as_a_whole(first: Any, late: Any) -> None:
    # `_chunked_column` packs s and i columns a chunk at a time; a value of another type past
    # the first chunk (or leading chunks of None) must give the column the whole's type, and a
    # column given up leaves no string of its own in the table.
    from loaders import graphpack

    n = 2 * graphpack._CHUNK + 10
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"n{i}", kind="K", x=first if i < n - 1 else late)
    data = pack_data(g)
    types = {type(first), type(late)} - {type(None)}
    if types <= {str}:
        expected = "s"
    elif types == {int}:
        expected = "v" if late == 2**40 else "i"
    elif types == {list}:
        expected = "ls"
    else:
        expected = "v"
    assert data["nodes"]["columns"]["K"]["x"][0] == expected
    if expected == "v":
        assert "word" not in data["strings"] and "s" not in data["strings"]
    back = unpack_data(json.loads(json.dumps(data, ensure_ascii=False)))
    assert list(back.nodes(data="x")) == list(g.nodes(data="x"))


def test_node_ids_that_are_also_kinds_keep_their_first_number() -> None:
    # Node ids are numbered at once when none is already in the table (a kind); else one by one.
    g = nx.MultiDiGraph()
    g.add_node("K", kind="K")
    g.add_node("b", kind="L")
    g.add_node("L")
    data = pack_data(g)
    assert data["strings"] == ["K", "L", "b"]
    assert unpack_ints(data["nodes"]["id"]) == [0, 2, 1]
    assert list(unpack_data(json.loads(json.dumps(data))).nodes(data=True)) == list(g.nodes(data=True))


def test_nodes_of_no_kind_and_of_the_empty_kind_read_back() -> None:
    # Both are written into the columns of group "" (in node order); read back, each node is as
    # it was: the empty kind kept where it was given, no kind where there was none.
    g = nx.MultiDiGraph()
    g.add_node("a", kind="", name="x")
    g.add_node("b", name="y", start=3)
    g.add_node("c", kind="Unit", name="z")
    g.add_node("d", kind="")
    g.add_edge("a", "b", key="IN")
    back = unpack_data(json.loads(json.dumps(pack_data(g), ensure_ascii=False)))
    assert list(back.nodes(data=True)) == list(g.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_columns_naming_no_node_are_refused() -> None:
    from loaders.graphpack import pack_columns

    nodes = {"a": {"kind": "Unit"}, "b": {"kind": "Unit"}}
    with pytest.raises(ValueError, match="names a node"):
        pack_columns({}, nodes, [0], [2], ["IN"], [{}])
    with pytest.raises(ValueError, match="differ in length"):
        pack_columns({}, nodes, [0], [1], ["IN", "IN"], [{}])
    assert pack_columns({}, nodes, [0], [1], ["IN"], [{}])["edges"]["key"]


def test_columns_read_in_the_order_made_are_the_columns_in_graph_order() -> None:
    # `_columns_in_order` (an edge type's rows read in the order made, the columns then put in
    # graph order) gives `_columns`' columns and string table for the rows in graph order:
    # strings new or known, absent values, all absent; and falls back (None, the table
    # untouched) for rows of several shapes, booleans, floats, lists or integers past 32 bits.
    import random

    import numpy as np

    from loaders.graphpack import _columns, _columns_in_order, _Strings

    rng = random.Random(9)
    words = ["甲", "乙", "丙", "丁", None]
    for _ in range(60):
        n = rng.randrange(1, 40)
        rows = [{"role": rng.choice(["lead", "support"]), "mention": rng.choice(words),
                 "start": rng.choice([None, rng.randrange(-5, 9000)]), "none": None} for _ in range(n)]
        at = np.array(rng.sample(range(n), n))
        expected, got = _Strings(), _Strings()
        for strings in (expected, got):
            strings.indices(["乙", "known"])
        in_order = [rows[i] for i in at]
        assert _columns_in_order(rows, at, got) == _columns(in_order, None, expected)
        assert list(got.index) == list(expected.index)
    for odd in ({"a": True}, {"a": 1.5}, {"a": ["x"]}, {"a": 2**40}, {"b": 1, "a": 1}):
        rows = [{"a": 1, "b": 1}, {"a": 2, "b": 2}] if "b" in odd else [{"a": 1}, {"a": 2}]
        rows.append(odd)
        strings = _Strings()
        strings.indices(["s"])
        assert _columns_in_order(rows, np.array([2, 0, 1]), strings) is None
        assert list(strings.index) == ["s"]


def test_the_pack_of_edge_rows_is_the_pack_of_the_rows_in_graph_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # pack_columns of the builder's EdgeRows (each type read in the order made: the tables of a
    # large corpus, in numpy) and of the same rows as a list in graph order: the same pack.
    from graphmodel.graph import SCHEMA, GraphBuilder, construct
    from graphmodel.graph.edge_rows import EdgeRows
    from loaders.graphpack import pack_columns
    from tests.graph.plans import network_plan

    monkeypatch.setattr(construct, "_NUMPY_FROM", 0)
    builder = GraphBuilder()
    for ex in (plan_2020(), plan_2021(), network_plan()):
        builder.add(ex)
    got = builder.in_graph_columns()
    assert got is not None
    nodes, sources, targets, keys, rows = got
    assert isinstance(rows, EdgeRows)
    assert pack_columns({"schema": SCHEMA}, nodes, sources, targets, keys, rows) == pack_columns(
        {"schema": SCHEMA}, nodes, list(sources), list(targets), keys, list(rows))
