"""The view data: which nodes and edges each view holds, and how they look, on hand-made graphs."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphmodel.errors import GraphError
from graphmodel.views import build_view, counterparts_view, focus_view, network_view, style
from graphmodel.views.counterpart_view import side_pairs
from tests.views.graphs import (
    DL,
    DL_GROUP,
    DL_NDRC,
    DL_PARK,
    DL_PARTY,
    DOC20,
    DOC21,
    PUDONG,
    SH,
    SH_NDRC,
    SH_OFFICE,
    hand_graph,
)


def by_id(items: list[dict]) -> dict[str, dict]:
    return {i["id"]: i for i in items}


def rows(columns: dict[str, list]) -> list[dict]:
    """Column tables (one list per field) as a list of row dicts."""
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*(columns[n] for n in names), strict=True)]


def test_network_holds_every_node_and_every_edge_but_counterparts() -> None:
    g = hand_graph()
    data = network_view(g).to_dict()
    ids = data["nodes"]["id"]
    assert ids == sorted(g.nodes)
    edges = {(ids[e["from"]], ids[e["to"]], data["edgeTypes"][e["type"]]) for e in rows(data["edges"])}
    expected = {(u, v, k) for u, v, k in g.edges(keys=True) if k != "COUNTERPART"}
    # IN 7 (4 units, 3 places), PART_OF 6, RESPONSIBLE_FOR 10, MENTIONS 2, PAIRED_WITH 1
    assert edges == expected and len(data["edges"]["from"]) == 26


def test_node_columns_carry_kind_side_aliases_documents_and_place() -> None:
    data = network_view(hand_graph()).to_dict()
    nodes = {r["id"]: r for r in rows(data["nodes"])}
    ndrc = nodes[DL_NDRC]
    assert (data["kinds"][ndrc["kind"]], data["sides"][ndrc["side"]], ndrc["name"]) == ("Unit", DL, "大连市发展改革委")
    assert ndrc["aliases"] == ["大连市发改委"]  # the name itself is not repeated
    docs = [d["id"] for d in data["documents"]]
    assert [docs[d] for d in ndrc["documents"]] == [DOC20, DOC21]
    assert [docs[d] for d in nodes[f"side:{SH}"]["documents"]] == [DOC20, DOC21]
    task = nodes[f"{DOC20}#二、(三)"]
    assert data["tasks"]["number"][task["task"]] == "二、(三)" and ndrc["task"] == -1
    assert isinstance(ndrc["x"], int) and isinstance(ndrc["y"], int)
    assert data["kinds"][nodes[DL_GROUP]["kind"]] == "Group" and data["sides"][nodes[DL_GROUP]["side"]] == DL


def test_each_text_is_said_once() -> None:
    # Tasks are a table the rest refers to by row: a task's text appears once in the page data.
    data = network_view(hand_graph()).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert text.count("适时召开上海·大连对口合作座谈会。") == 1
    assert data["documents"][1] == {"id": DOC21, "title": "2021年上海市与大连市对口合作重点工作计划",
                                    "year": "2021", "sides": [0, 1]}


def test_responsibilities_are_in_document_order_with_their_role() -> None:
    g = hand_graph()
    data = counterparts_view(g).to_dict()
    ids, tasks = data["nodes"]["id"], data["tasks"]
    ndrc = [(tasks["number"][r["task"]], data["documents"][tasks["document"][r["task"]]]["year"],
             data["roles"][r["role"]]) for r in rows(data["responsibility"]) if ids[r["node"]] == DL_NDRC]
    assert ndrc == [("一、(一)", "2020", "responsible"), ("一、(二)", "2020", "lead"),
                    ("二、(三)", "2020", "responsible"), ("一、", "2021", "responsible")]
    # Task rows run in document order.
    order = [(data["documents"][d]["id"], n) for d, n in zip(tasks["document"], tasks["number"], strict=True)]
    assert order == [(DOC20, "一、(一)"), (DOC20, "一、(二)"), (DOC20, "二、(三)"), (DOC21, "一、")]


def test_counterparts_hold_units_with_counterparts_and_the_pairs_of_sides() -> None:
    view = counterparts_view(hand_graph())
    data = view.to_dict()
    assert set(data["nodes"]["id"]) == {SH_OFFICE, SH_NDRC, DL_NDRC, DL_PARTY}
    assert data["pairs"] == [{"left": 0, "right": 1, "pairs": 3, "shared": 5}] and data["pair"] == 0
    assert (view.node_count, view.edge_count) == (4, 3)
    assert data["colours"][SH] != data["colours"][DL]
    assert all(style.contrast(c) >= 3 for c in [*data["colours"].values(), *data["lightColours"].values()])


def test_pairs_of_sides_follow_the_documents_and_two_sides_choose_the_first_shown() -> None:
    g = hand_graph()
    g.add_node("doc:2021年辽宁省与大连市计划", kind="Document", title="2021年辽宁省与大连市计划", sides=["辽宁省", DL])
    g.add_node("unit:辽宁省/辽宁省发展改革委", kind="Unit", name="辽宁省发展改革委", side="辽宁省", aliases=[])
    g.add_edge(DL_PARTY, "unit:辽宁省/辽宁省发展改革委", key="COUNTERPART", count=1,
               tasks=[f"{DOC20}#一、(一)"], jaccard=0.5)
    assert side_pairs(g) == [(SH, DL, 3, 5), ("辽宁省", DL, 1, 1)]  # 辽宁省 is listed first by its document
    data = counterparts_view(g, [DL, "辽宁省"]).to_dict()
    shown = data["pairs"][data["pair"]]
    assert (data["sides"][shown["left"]], data["sides"][shown["right"]]) == ("辽宁省", DL)
    assert len(data["pairs"]) == 2  # every pair stays in the page
    assert counterparts_view(g, [SH]).to_dict()["pair"] == 0
    with pytest.raises(GraphError, match="no counterpart links join 上海市 and 辽宁省"):
        counterparts_view(g, [SH, "辽宁省"])
    with pytest.raises(GraphError, match="one pair of sides"):
        build_view(g, "matrix", sides=[SH, DL, "辽宁省"])


def test_focus_holds_the_unit_its_tasks_and_the_units_sharing_them() -> None:
    g = hand_graph()
    view = focus_view(g, "大连市委办公室")
    nodes = by_id(view.nodes)
    task = f"{DOC20}#一、(一)"
    assert set(nodes) == {DL_PARTY, task, SH_OFFICE, DL_NDRC}
    assert view.focus == DL_PARTY and view.nodes[0]["id"] == DL_PARTY
    assert (nodes[DL_PARTY]["x"], nodes[DL_PARTY]["y"]) == (0.0, 0.0)
    assert {(e["from"], e["to"], e["type"]) for e in view.edges} == {
        (DL_PARTY, task, "RESPONSIBLE_FOR"), (SH_OFFICE, task, "RESPONSIBLE_FOR"),
        (DL_NDRC, task, "RESPONSIBLE_FOR"), (SH_OFFICE, DL_PARTY, "COUNTERPART")}


def test_focus_finds_a_unit_by_alias_or_id() -> None:
    g = hand_graph()
    assert focus_view(g, "上海市合作交流办公室").focus == SH_OFFICE
    assert focus_view(g, DL_NDRC).focus == DL_NDRC
    assert focus_view(g, " 大连市发改委 ").focus == DL_NDRC
    assert focus_view(g, DL_GROUP).focus == DL_GROUP  # a group placeholder can be the centre


def test_focus_errors_name_the_unit() -> None:
    g = hand_graph()
    with pytest.raises(GraphError, match=r"no unit '大连市' in the graph \(did you mean .*大连市发展改革委"):
        focus_view(g, "大连市")
    with pytest.raises(GraphError, match="no side '北京市' in the graph"):
        focus_view(g, "大连市发改委", ["北京市"])
    g.add_node("unit:辽宁省/大连市发展改革委", kind="Unit", name="大连市发展改革委", side="辽宁省", aliases=[])
    with pytest.raises(GraphError, match="ambiguous: .*--side"):
        focus_view(g, "大连市发展改革委")
    assert focus_view(g, "大连市发展改革委", [DL]).focus == DL_NDRC


def test_side_limits_the_network_to_that_side_and_its_tasks() -> None:
    g = hand_graph()
    data = network_view(g, [DL]).to_dict()
    ids = set(data["nodes"]["id"])
    assert SH_OFFICE not in ids and SH_NDRC not in ids and PUDONG not in ids
    assert {DL_NDRC, DL_PARTY, DL_GROUP, DL_PARK, f"side:{DL}", f"{DOC20}#一、(一)", f"{DOC20}#一、",
            DOC20, DOC21} <= ids
    assert max(data["edges"]["from"] + data["edges"]["to"]) < len(ids)


def test_bad_requests_are_graph_errors() -> None:
    g = hand_graph()
    with pytest.raises(GraphError, match="no side '北京市' in the graph"):
        network_view(g, ["北京市"])
    with pytest.raises(GraphError, match="no view 'grid'"):
        build_view(g, "grid")
    with pytest.raises(GraphError, match="needs a unit"):
        build_view(g, "focus")
    with pytest.raises(GraphError, match="for the focus view"):
        build_view(g, "counterparts", focus="大连市发展改革委")
    with pytest.raises(GraphError, match="not a graphmodel.graph/1 graph"):
        network_view(nx.MultiDiGraph())
    with pytest.raises(GraphError, match="not a graphmodel.graph/1 graph"):
        network_view(nx.Graph(schema="graphmodel.graph/1"))


def test_views_are_the_same_on_every_build() -> None:
    for view in ("network", "counterparts", "matrix"):
        assert build_view(hand_graph(), view).to_dict() == build_view(hand_graph(), view).to_dict()
    assert build_view(hand_graph(), "focus", "大连市发展改革委").to_dict() == \
        build_view(hand_graph(), "focus", "大连市发展改革委").to_dict()


def test_list_attributes_stored_as_json_strings_are_read() -> None:
    g = hand_graph()
    for _, attrs in g.nodes(data=True):
        for name in ("aliases", "sides", "lead_officials"):
            if name in attrs:
                attrs[name] = json.dumps(attrs[name], ensure_ascii=False)
    for _, _, k, attrs in g.edges(keys=True, data=True):
        if k == "COUNTERPART":
            attrs["tasks"] = json.dumps(attrs["tasks"], ensure_ascii=False)
    assert build_view(g, "counterparts").to_dict() == build_view(hand_graph(), "counterparts").to_dict()
    assert focus_view(g, "大连市发改委").focus == DL_NDRC
