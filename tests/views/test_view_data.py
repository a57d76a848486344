"""The view data: which nodes and edges each view holds, and how they look, on hand-made graphs."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphmodel.errors import GraphError
from graphmodel.views import build_view, counterparts_view, find_unit, focus_view, network_view, style
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


def test_network_holds_every_node_and_every_edge_but_counterparts() -> None:
    g = hand_graph()
    view = network_view(g)
    assert {n["id"] for n in view.nodes} == set(g.nodes)
    expected = {(u, v, k) for u, v, k in g.edges(keys=True) if k != "COUNTERPART"}
    assert {(e["from"], e["to"], e["type"]) for e in view.edges} == expected
    # IN 7 (4 units, 3 places), PART_OF 6, RESPONSIBLE_FOR 10, MENTIONS 2, PAIRED_WITH 1
    assert len(view.edges) == len(expected) == 26
    assert len({e["id"] for e in view.edges}) == len(view.edges)


def test_node_records_carry_kind_side_documents_and_tasks() -> None:
    nodes = by_id(network_view(hand_graph()).nodes)
    ndrc = nodes[DL_NDRC]
    assert (ndrc["kind"], ndrc["side"], ndrc["label"]) == ("Unit", DL, "大连市发展改革委")
    assert ndrc["aliases"] == ["大连市发改委"]  # the label itself is not repeated
    assert ndrc["documents"] == [DOC20, DOC21]
    assert [r["task"] for r in ndrc["tasks"]] == [f"{DOC20}#一、(一)", f"{DOC20}#一、(二)",
                                                  f"{DOC20}#二、(三)", f"{DOC21}#一、"]
    assert [r["role"] for r in ndrc["tasks"]] == ["responsible", "lead", "responsible", "responsible"]
    assert ndrc["workload"] == 4
    assert nodes[DL_PARTY]["workload"] == 1
    assert nodes[f"side:{SH}"]["documents"] == [DOC20, DOC21]
    assert nodes[f"{DOC20}#二、(三)"]["label"] == "二、(三)"
    assert nodes[DOC21]["name"] == "2021年上海市与大连市对口合作重点工作计划"
    assert nodes[DOC21]["label"] == "2021年上海市与大连市\n对口合作重点工作计划"  # wrapped when drawn
    assert [r["task"] for r in nodes[PUDONG]["tasks"]] == [f"{DOC20}#二、(三)"]
    assert nodes[DL_GROUP]["kind"] == "Group" and nodes[DL_GROUP]["side"] == DL


def test_tooltips_are_plain_text() -> None:
    nodes = by_id(network_view(hand_graph()).nodes)
    assert nodes[DL_NDRC]["title"] == "大连市发展改革委\n大连市 · 4 tasks, 1 as lead\naka 大连市发改委"
    assert nodes[f"{DOC20}#一、(一)"]["title"] == "一、(一)\n适时召开上海·大连对口合作座谈会。"


def test_size_grows_with_workload_and_width_with_shared_tasks() -> None:
    view = counterparts_view(hand_graph())
    nodes = by_id(view.nodes)
    assert nodes[DL_NDRC]["size"] > nodes[SH_OFFICE]["size"] > nodes[DL_PARTY]["size"]
    assert nodes[DL_NDRC]["size"] == style.node_size("Unit", 4)
    widths = {(e["from"], e["to"]): e["width"] for e in view.edges}
    assert widths[(SH_OFFICE, DL_NDRC)] > widths[(SH_OFFICE, DL_PARTY)]
    labels = {(e["from"], e["to"]): e.get("label") for e in view.edges}
    assert labels[(SH_OFFICE, DL_NDRC)] == "2" and labels[(SH_OFFICE, DL_PARTY)] is None


def test_colour_follows_side_and_kind() -> None:
    nodes = by_id(network_view(hand_graph()).nodes)
    colour = {n: nodes[n]["color"]["background"] for n in nodes}
    assert colour[SH_OFFICE] == colour[SH_NDRC] != colour[DL_NDRC] == colour[DL_PARTY]
    assert colour[DL_GROUP] not in (colour[DL_NDRC], colour[SH_OFFICE])  # lighter: a group
    assert nodes[DL_GROUP]["shape"] == "diamond" and nodes[DL_NDRC]["shape"] == "dot"
    assert nodes[PUDONG]["shape"] == "triangle" and nodes[DL_PARK]["shape"] == "triangleDown"
    assert colour[f"{DOC20}#一、"] == colour[f"{DOC21}#一、"]  # tasks have no side


def test_legend_lists_what_the_view_shows() -> None:
    legend = counterparts_view(hand_graph()).legend
    assert [k["kind"] for k in legend["kinds"]] == ["Unit"]
    assert [s["side"] for s in legend["sides"]] == [SH, DL]
    assert [e["type"] for e in legend["edges"]] == ["COUNTERPART"]
    legend = network_view(hand_graph()).legend
    assert [k["kind"] for k in legend["kinds"]] == ["Unit", "Group", "Side", "District", "Park", "Task",
                                                    "Document"]


def test_edges_carry_the_tasks_behind_them_and_their_documents() -> None:
    edges = by_id(counterparts_view(hand_graph()).edges)
    pair = next(e for e in edges.values() if (e["from"], e["to"]) == (SH_NDRC, DL_NDRC))
    assert pair["tasks"] == [f"{DOC20}#二、(三)", f"{DOC21}#一、"]
    assert pair["documents"] == [DOC20, DOC21]
    assert pair["count"] == 2 and pair["jaccard"] == pytest.approx(2 / 4, abs=1e-3)
    view = network_view(hand_graph())
    resp = by_id(view.edges)[json.dumps([DL_NDRC, f"{DOC20}#一、(二)", "RESPONSIBLE_FOR"], ensure_ascii=False)]
    assert (resp["role"], resp["mention"], resp["tasks"]) == ("lead", "大连市发展改革委", [f"{DOC20}#一、(二)"])
    paired = next(e for e in view.edges if e["type"] == "PAIRED_WITH")
    assert paired["tasks"] == [f"{DOC20}#二、(三)"] and paired["kind"] == "park"


def test_task_and_document_tables_cover_what_the_view_refers_to() -> None:
    view = counterparts_view(hand_graph())
    referred = {t for e in view.edges for t in e["tasks"]} | {r["task"] for n in view.nodes for r in n["tasks"]}
    assert set(view.tasks) == referred
    assert view.tasks[f"{DOC20}#一、(一)"] == {"number": "一、(一)", "title": None,
                                              "text": "适时召开上海·大连对口合作座谈会。", "document": DOC20}
    assert view.documents[DOC21]["year"] == "2021" and view.documents[DOC20]["date"] == "2020-05-11"


def test_counterparts_put_the_first_side_left_and_the_other_right() -> None:
    view = counterparts_view(hand_graph())
    nodes = by_id(view.nodes)
    assert set(nodes) == {SH_OFFICE, SH_NDRC, DL_NDRC, DL_PARTY}
    assert all(nodes[n]["x"] < 0 for n in (SH_OFFICE, SH_NDRC))
    assert all(nodes[n]["x"] > 0 for n in (DL_NDRC, DL_PARTY))
    assert len(view.edges) == 3


def test_counterparts_of_one_side() -> None:
    g = hand_graph()
    g.add_node("unit:辽宁省/辽宁省发展改革委", kind="Unit", name="辽宁省发展改革委", side="辽宁省", aliases=[])
    g.add_edge("unit:辽宁省/辽宁省发展改革委", DL_PARTY, key="COUNTERPART", count=1,
               tasks=[f"{DOC20}#一、(一)"], jaccard=0.5)
    assert len(counterparts_view(g).edges) == 4
    only = counterparts_view(g, ["辽宁省"])
    assert {(e["from"], e["to"]) for e in only.edges} == {("unit:辽宁省/辽宁省发展改革委", DL_PARTY)}


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
    assert find_unit(g, "上海市合作交流办公室") == SH_OFFICE
    assert find_unit(g, DL_NDRC) == DL_NDRC
    assert find_unit(g, " 大连市发改委 ") == DL_NDRC
    assert focus_view(g, "大连市发改委").focus == DL_NDRC


def test_focus_errors_name_the_unit() -> None:
    g = hand_graph()
    with pytest.raises(GraphError, match=r"no unit '大连市' in the graph \(did you mean .*大连市发展改革委"):
        find_unit(g, "大连市")
    g.add_node("unit:辽宁省/大连市发展改革委", kind="Unit", name="大连市发展改革委", side="辽宁省", aliases=[])
    with pytest.raises(GraphError, match="ambiguous: .*--side"):
        find_unit(g, "大连市发展改革委")
    assert find_unit(g, "大连市发展改革委", [DL]) == DL_NDRC


def test_side_limits_the_network_to_that_side_and_its_tasks() -> None:
    g = hand_graph()
    view = network_view(g, [DL])
    ids = {n["id"] for n in view.nodes}
    assert SH_OFFICE not in ids and SH_NDRC not in ids and PUDONG not in ids
    assert {DL_NDRC, DL_PARTY, DL_GROUP, DL_PARK, f"side:{DL}", f"{DOC20}#一、(一)", f"{DOC20}#一、",
            DOC20, DOC21} <= ids
    assert all(e["from"] in ids and e["to"] in ids for e in view.edges)


def test_bad_requests_are_graph_errors() -> None:
    g = hand_graph()
    with pytest.raises(GraphError, match="no side '北京市' in the graph"):
        network_view(g, ["北京市"])
    with pytest.raises(GraphError, match="no view 'matrix'"):
        build_view(g, "matrix")
    with pytest.raises(GraphError, match="needs a unit"):
        build_view(g, "focus")
    with pytest.raises(GraphError, match="for the focus view"):
        build_view(g, "counterparts", focus="大连市发展改革委")
    with pytest.raises(GraphError, match="not a graphmodel.graph/1 graph"):
        network_view(nx.MultiDiGraph())
    with pytest.raises(GraphError, match="not a graphmodel.graph/1 graph"):
        network_view(nx.Graph(schema="graphmodel.graph/1"))


def test_views_are_the_same_on_every_build() -> None:
    for view in ("network", "counterparts"):
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
    assert find_unit(g, "大连市发改委") == DL_NDRC
