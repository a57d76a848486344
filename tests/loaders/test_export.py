"""Graph files: every format reads back to an equal graph; GEXF has the structure of GEXF 1.2.

No GEXF 1.2 XSD ships in a PyPI or npm package we could find (graphology-gexf, gexfpy,
pygexf and simplegexf carry none), so `_check_gexf_structure` checks what the schema requires
of our files by hand, and the file is also read back with networkx's GEXF reader.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.errors import GraphError, InputError
from graphmodel.graph import build_graph
from loaders.graph_files import read_graph, write_graph
from loaders.graphpack import pack_ints, unpack_ints
from tests.graph.plans import DL, SH, T, plan, plan_2020, plan_2021

GEXF = "{http://www.gexf.net/1.2draft}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}


@pytest.fixture()
def graph() -> nx.MultiDiGraph:
    places = plan("园区计划", [SH, DL], [
        T("1", [["上海市科委"], ["大连市科技局"]], text="推动上海张江高新区与大连高新园区结对",
          places=["上海张江高新区", "大连高新园区"], leads=["王 健"]),
    ], places={"上海张江高新区": ("park", SH), "大连高新园区": ("park", DL)},
        pairings=[("park", "大连高新园区", "上海张江高新区"), ("unit", "上海市科委", "大连市科技局")])
    # 上海市科委 → 大连市科技局 is now both a COUNTERPART and a PAIRED_WITH edge: parallel edges.
    return build_graph([plan_2020(), plan_2021(), places])


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(a, b)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


@pytest.mark.parametrize("suffix", [".gmg", ".json", ".graphml", ".gexf"])
def test_every_format_round_trips_to_an_equal_graph(graph: nx.MultiDiGraph, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    assert write_graph(graph, path) == suffix[1:]
    back = read_graph(path)
    _same(graph, back)
    assert back.nodes["unit:上海市/上海市政府合作交流办"]["aliases"] == ["上海市合作交流办公室"]
    assert back.nodes["doc:园区计划#1"]["lead_officials"] == ["王 健"]
    assert isinstance(back.edges["unit:上海市/上海市科委", "unit:大连市/大连市科技局", "COUNTERPART"]["tasks"], list)


@pytest.mark.parametrize("suffix", [".gmg", ".json", ".graphml", ".gexf"])
def test_equal_graphs_give_equal_files(graph: nx.MultiDiGraph, tmp_path: Path, suffix: str) -> None:
    write_graph(graph, tmp_path / f"a{suffix}")
    write_graph(build_graph([plan_2021(), plan_2020()]), tmp_path / f"b{suffix}")
    write_graph(build_graph([plan_2020(), plan_2021()]), tmp_path / f"c{suffix}")
    assert (tmp_path / f"b{suffix}").read_bytes() == (tmp_path / f"c{suffix}").read_bytes()


def test_graphml_is_plain_graphml_with_unique_edge_ids(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_graph(graph, tmp_path / "g.graphml")
    root = ET.parse(tmp_path / "g.graphml").getroot()
    ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == graph.number_of_edges() == len(set(ids))
    # Any GraphML reader sees the type as the edge label and lists as JSON text.
    plain = nx.read_graphml(tmp_path / "g.graphml")
    labels = {d["label"] for _, _, d in plain.edges(data=True)}
    assert labels == {"RESPONSIBLE_FOR", "PART_OF", "IN", "MENTIONS", "PAIRED_WITH", "COUNTERPART"}
    assert json.loads(plain.nodes["doc:园区计划"]["sides"]) == [SH, DL]


def _check_gexf_structure(path: Path) -> None:
    """What the GEXF 1.2 schema asks of a static, attributed, directed graph file."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    meta = root.find(f"{GEXF}meta")
    assert meta is not None and {c.tag for c in meta} <= {f"{GEXF}creator", f"{GEXF}keywords", f"{GEXF}description"}
    graphs = root.findall(f"{GEXF}graph")
    assert len(graphs) == 1
    g = graphs[0]
    assert g.get("defaultedgetype") == "directed" and g.get("mode") == "static"
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in g.findall(f"{GEXF}attributes"):
        assert block.get("class") in declared and block.get("mode") == "static"
        for attr in block.findall(f"{GEXF}attribute"):
            assert attr.get("type") in GEXF_TYPES and attr.get("title")
            declared[block.get("class")][attr.get("id")] = attr.get("type")

    def check_values(element: ET.Element, cls: str) -> None:
        for value in element.iterfind(f"{GEXF}attvalues/{GEXF}attvalue"):
            kind = declared[cls][value.get("for")]  # every value refers to a declared attribute
            text = value.get("value")
            assert text is not None
            if kind in ("integer", "long"):
                int(text)
            elif kind in ("double", "float"):
                float(text)
            elif kind == "boolean":
                assert text in ("true", "false")

    nodes = g.findall(f"{GEXF}nodes/{GEXF}node")
    node_ids = [n.get("id") for n in nodes]
    assert len(node_ids) == len(set(node_ids)) and all(n.get("label") for n in nodes)
    for n in nodes:
        assert n.get("start") is None and n.get("end") is None  # spans are not time intervals
        check_values(n, "node")
    edges = g.findall(f"{GEXF}edges/{GEXF}edge")
    edge_ids = [e.get("id") for e in edges]
    assert len(edge_ids) == len(set(edge_ids))
    known = set(node_ids)
    for e in edges:
        assert e.get("source") in known and e.get("target") in known
        assert e.get("start") is None and e.get("end") is None
        check_values(e, "edge")


def test_gexf_has_the_structure_gephi_reads(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_graph(graph, tmp_path / "g.gexf")
    _check_gexf_structure(tmp_path / "g.gexf")
    plain = nx.read_gexf(tmp_path / "g.gexf")
    assert plain.number_of_nodes() == graph.number_of_nodes()
    assert plain.number_of_edges() == graph.number_of_edges()
    assert plain.nodes["unit:上海市/上海市科委"]["label"] == "上海市科委"


def test_unknown_extension_missing_file_and_foreign_files(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match=r"g\.csv: unknown graph format '\.csv'"):
        write_graph(graph, tmp_path / "g.csv")
    with pytest.raises(InputError, match="no such file"):
        read_graph(tmp_path / "missing.graphml")
    (tmp_path / "bad.graphml").write_text("<graphml", encoding="utf-8")
    with pytest.raises(InputError, match="not a graphml file"):
        read_graph(tmp_path / "bad.graphml")
    foreign = nx.MultiDiGraph()
    foreign.add_edge("a", "b")
    nx.write_graphml(foreign, tmp_path / "foreign.graphml")
    with pytest.raises(GraphError, match="foreign.graphml is not a graphmodel.graph/1 graph"):
        read_graph(tmp_path / "foreign.graphml")
    nx.write_gexf(foreign, tmp_path / "foreign.gexf")
    with pytest.raises(GraphError, match="foreign.gexf is not a graphmodel.graph/1 graph"):
        read_graph(tmp_path / "foreign.gexf")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="not a node-link graph"):
        read_graph(tmp_path / "list.json")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_an_xml_declaration_naming_an_unknown_encoding_is_a_one_line_error(tmp_path: Path, suffix: str) -> None:
    # Found by the readers' fuzz test: the XML parser raised LookupError, a traceback.
    path = tmp_path / f"g{suffix}"
    path.write_text('<?xml version="1.0" encoding="ATF-8"?><graphml/>', encoding="utf-8")
    with pytest.raises(InputError, match=rf"g\{suffix}: not a {suffix[1:]} file \(unknown encoding"):
        read_graph(path)


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    target = tmp_path / "g.json"
    target.write_text("old", encoding="utf-8")
    graph.nodes["doc:园区计划"]["bad"] = object()  # not JSON serialisable
    with pytest.raises(TypeError):
        write_graph(graph, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


@pytest.mark.parametrize("suffix", [".gmg", ".json", ".graphml", ".gexf"])
def test_the_seed_graph_round_trips(tmp_path: Path, suffix: str) -> None:
    from loaders.corpus import read_corpus_graph
    from tests.conftest import SEED

    seed = read_corpus_graph([SEED])
    assert {k for _, _, k in seed.edges(keys=True)} >= {"MENTIONS", "PAIRED_WITH", "COUNTERPART"}
    write_graph(seed, tmp_path / f"seed{suffix}")
    _same(seed, read_graph(tmp_path / f"seed{suffix}"))
    if suffix == ".gexf":
        _check_gexf_structure(tmp_path / "seed.gexf")


def test_a_pack_holds_each_string_once_and_reads_back_shared(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_graph(graph, tmp_path / "g.gmg")
    write_graph(graph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.gmg").read_text(encoding="utf-8"))
    assert data["format"] == "graphmodel.graph-pack/2"
    assert len(data["strings"]) == len(set(data["strings"]))
    assert "doc:园区计划" in data["strings"]
    assert (tmp_path / "g.gmg").stat().st_size < (tmp_path / "g.json").stat().st_size / 2
    back = read_graph(tmp_path / "g.gmg")
    task = "doc:园区计划#1"
    edge = back.edges["unit:上海市/上海市科委", task, "RESPONSIBLE_FOR"]
    assert edge["document"] is back.nodes[task]["document"]  # one string object, not a copy per edge


def test_a_pack_without_spans_or_attributes_round_trips(tmp_path: Path) -> None:
    g = nx.MultiDiGraph(schema="graphmodel.graph/1")
    g.add_node("a", kind="Unit", name="甲", aliases=[])
    g.add_node("b")  # no attributes at all
    g.add_node("c", kind="Task", start=3)
    g.add_edge("a", "c", key="RESPONSIBLE_FOR", role="lead")
    g.add_edge("a", "c", key="COUNTERPART", count=2, tasks=["c"], jaccard=1.0, flag=True)
    g.add_edge("b", "a", key="IN")
    write_graph(g, tmp_path / "g.gmg")
    _same(g, read_graph(tmp_path / "g.gmg"))


def test_a_broken_pack_is_a_one_line_error(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = tmp_path / "g.gmg"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="g.gmg: not a gmg file"):
        read_graph(path)
    write_graph(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    targets = unpack_ints(data["edges"]["target"])
    targets[0] = 10**6  # a node that is not there
    data["edges"]["target"] = pack_ints(targets)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphError, match="g.gmg: not a graph graphmodel wrote"):
        read_graph(path)
    data["format"] = "something else"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphError, match="not a graphmodel.graph-pack/2 file"):
        read_graph(path)


def test_a_pack_keeps_each_nodes_order_of_attributes(tmp_path: Path) -> None:
    g = nx.MultiDiGraph(schema="graphmodel.graph/1")
    g.add_node("s1", kind="Side", name="上海市", short="沪")
    g.add_node("s2", kind="Side", short="连", name="大连市")  # another order, as a merge leaves it
    g.add_node("s3", kind="Side", name="江苏省")
    g.add_edge("s1", "s2", key="X", a=1, b=2)
    g.add_edge("s2", "s1", key="X", b=2, a=1)
    write_graph(g, tmp_path / "g.gmg")
    back = read_graph(tmp_path / "g.gmg")
    assert [list(d) for _, d in back.nodes(data=True)] == [list(d) for _, d in g.nodes(data=True)]
    assert [list(d) for *_, d in back.edges(keys=True, data=True)] == [list(d) for *_, d in g.edges(keys=True, data=True)]
    write_graph(back, tmp_path / "back.json")
    write_graph(g, tmp_path / "g.json")
    assert (tmp_path / "back.json").read_bytes() == (tmp_path / "g.json").read_bytes()


def test_node_link_text_is_what_json_dumps_writes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    # The node-link writer formats the text itself (json's indenting encoder runs in Python):
    # the same bytes as json.dumps(..., indent=1), whatever the attributes hold.
    from loaders.graph_files import node_link_data

    odd = graph.copy()
    odd.graph["extra"] = [1, {"a": []}]
    odd.add_node("上海\"\n\\x", kind="Other", f=0.1, nan=float("nan"), inf=float("-inf"), big=2**70, flag=False,
                 none=None, empty=[], names=["é", "a\tb"], nested={"x": [1, [2, []]], "y": {}}, pair=(1, "x"),
                 mixed=[1, "a", None, True, 2.5], deep=[[1]], emptyd={})
    odd.add_node("bare")
    odd.add_edge("bare", "bare", key="SELF")
    path = tmp_path / "g.json"
    write_graph(odd, path)
    assert path.read_text(encoding="utf-8") == json.dumps(node_link_data(odd), ensure_ascii=False, indent=1) + "\n"
    empty = nx.MultiDiGraph(schema="graphmodel.graph/1")
    write_graph(empty, path)
    assert path.read_text(encoding="utf-8") == json.dumps(node_link_data(empty), ensure_ascii=False, indent=1) + "\n"
