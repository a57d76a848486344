"""Building the graph from hand-made extractions: schema, provenance, merging, determinism."""

from __future__ import annotations

import networkx as nx
import pytest

from graphmodel.errors import GraphError
from graphmodel.graph import SCHEMA, build_graph, check_graph, find_document, find_unit
from graphmodel.model import Pairing, Place
from tests.graph.plans import (
    DL,
    P2020,
    P2021,
    SH,
    A,
    B,
    T,
    X,
    Y,
    plan,
    plan_2020,
    plan_2021,
)


def test_nodes_have_the_kinds_and_attributes_of_the_schema() -> None:
    g = build_graph([plan_2020()])
    assert g.graph["schema"] == SCHEMA
    assert g.nodes[P2020] == {
        "kind": "Document", "title": "2020年上海市与大连市对口合作重点工作计划", "date": "2020-05-11",
        "source": "2020年上海市与大连市对口合作重点工作计划.txt", "sides": [SH, DL],
    }
    assert g.nodes["side:上海市"] == {"kind": "Side", "name": SH}
    assert g.nodes[A] == {"kind": "Unit", "name": "上海市政府合作交流办", "side": SH,
                          "aliases": ["上海市合作交流办公室"]}
    assert g.nodes["group:大连市/各有关单位"] == {"kind": "Group", "name": "各有关单位", "side": DL}
    task = g.nodes[f"{P2020}#1"]
    assert {k: task[k] for k in ("kind", "document", "number", "text", "lead_officials")} == {
        "kind": "Task", "document": P2020, "number": "1", "text": "推进合作", "lead_officials": []}
    assert task["start"] < task["end"]
    kinds = {k for _, k in g.nodes(data="kind")}
    assert kinds == {"Document", "Side", "Task", "Unit", "Group"}
    # 8 tasks + 1 document + 2 sides + 6 units + 2 groups
    assert g.number_of_nodes() == 19


def test_responsibility_edges_carry_role_mention_and_provenance() -> None:
    ex = plan_2020()
    g = build_graph([ex])
    edge = g.edges[A, f"{P2020}#1", "RESPONSIBLE_FOR"]
    assert edge["role"] == "lead" and edge["document"] == P2020
    text_start = edge["start"]
    # The span points at the mention in the text the fixture wrote.
    task_1 = ex.tasks[0]
    assert task_1.span[0] < text_start < edge["end"] <= task_1.span[1]
    # Task 2 names A by its alias: one node, and the edge keeps the mention as written.
    alias_edge = g.edges[A, f"{P2020}#2", "RESPONSIBLE_FOR"]
    assert alias_edge["mention"] == "上海市合作交流办公室" and alias_edge["role"] == "responsible"
    assert g.edges[Y, f"{P2020}#1", "RESPONSIBLE_FOR"]["role"] == "support"
    assert g.edges[f"{P2020}#1", P2020, "PART_OF"] == {"document": P2020}
    assert g.edges[A, "side:上海市", "IN"] == {}
    responsibilities = [e for e in g.edges(keys=True) if e[2] == "RESPONSIBLE_FOR"]
    assert len(responsibilities) == 16  # names in the eight annotations of plan_2020


def test_counterpart_edges_are_derived_with_count_tasks_and_jaccard() -> None:
    g = build_graph([plan_2020()])
    cp = {(u, v): d for u, v, k, d in g.edges(keys=True, data=True) if k == "COUNTERPART"}
    # By hand: A {1,2,4,8}, B {1,3}, X {1,2}, Y {1,3}.
    assert set(cp) == {(A, X), (A, Y), (B, X), (B, Y)}  # Shanghai, listed first, is the source
    assert cp[A, X] == {"count": 2, "tasks": [f"{P2020}#1", f"{P2020}#2"], "jaccard": 0.5}
    assert cp[A, Y] == {"count": 1, "tasks": [f"{P2020}#1"], "jaccard": 0.2}
    assert cp[B, X]["jaccard"] == pytest.approx(1 / 3)
    assert cp[B, Y] == {"count": 2, "tasks": [f"{P2020}#1", f"{P2020}#3"], "jaccard": 1.0}


def test_counterpart_runs_from_the_side_the_document_lists_first() -> None:
    ex = plan("2022年大连市与上海市对口合作计划", [DL, SH],
              [T("1", [["大连市发展改革委"], ["上海市政府合作交流办"]])])
    g = build_graph([ex])
    assert [(u, v) for u, v, k in g.edges(keys=True) if k == "COUNTERPART"] == [(X, A)]


def test_building_twice_or_in_another_order_gives_an_equal_graph_in_the_same_order() -> None:
    one = build_graph([plan_2020(), plan_2021()])
    two = build_graph([plan_2021(), plan_2020()])
    assert nx.utils.graphs_equal(one, two)
    assert list(one.nodes) == list(two.nodes) == sorted(one.nodes)
    assert list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))


def test_a_unit_in_two_plans_is_one_node() -> None:
    g = build_graph([plan_2020(), plan_2021()])
    assert [n for n, d in g.nodes(data=True) if d.get("name") == "上海市政府合作交流办"] == [A]
    assert {t for _, t, k in g.out_edges(A, keys=True) if k == "RESPONSIBLE_FOR"} == {
        f"{P2020}#1", f"{P2020}#2", f"{P2020}#4", f"{P2020}#8", f"{P2021}#1"}
    # Counterparts over the corpus: A and X share 2020#1, 2020#2 and 2021#1; A has 5 tasks, X 3.
    edge = g.edges[A, X, "COUNTERPART"]
    assert edge["count"] == 3 and edge["jaccard"] == 3 / 5


def test_aliases_of_a_unit_merge_across_documents() -> None:
    first = plan("甲计划", [SH, DL], [T("1", [["上海市合作交流办公室"], ["大连市发展改革委"]])],
                 aliases={"上海市合作交流办公室": "上海市政府合作交流办"})
    second = plan("乙计划", [SH, DL], [T("1", [["市政府合作交流办"], ["大连市发展改革委"]])],
                  aliases={"市政府合作交流办": "上海市政府合作交流办"})
    g = build_graph([first, second])
    assert g.nodes[A]["aliases"] == ["上海市合作交流办公室", "市政府合作交流办"]


def test_places_mentions_in_and_stated_pairings() -> None:
    ex = plan("园区计划", [SH, DL], [
        T("1", [["上海市科委"], ["大连市科技局"]], text="推动上海张江高新区与大连高新园区结对",
          places=["上海张江高新区", "大连高新园区"]),
        T("2", [["上海市浦东新区区委审改办"], ["大连市发展改革委"]], text="浦东新区经验",
          places=["浦东新区"]),
    ], places={"上海张江高新区": ("park", SH), "大连高新园区": ("park", DL), "浦东新区": ("district", SH)},
        pairings=[("park", "大连高新园区", "上海张江高新区")])
    ex.pairings[0] = Pairing("park", ex.pairings[0].a, ex.pairings[0].b, task=ex.tasks[0].id, span=(30, 40))
    office = next(u for u in ex.units if u.name == "上海市浦东新区区委审改办")
    office.district = "district:上海市/浦东新区"
    g = build_graph([ex])
    doc = "doc:园区计划"
    zj, gx, pd = "park:上海市/上海张江高新区", "park:大连市/大连高新园区", "district:上海市/浦东新区"
    assert g.nodes[zj] == {"kind": "Park", "name": "上海张江高新区", "side": SH, "aliases": []}
    assert g.nodes[pd]["kind"] == "District"
    mention = g.edges[f"{doc}#1", zj, "MENTIONS"]
    assert mention["document"] == doc
    assert ex.tasks[0].span[0] <= mention["start"] < mention["end"] <= ex.tasks[0].span[1]
    assert g.edges[gx, zj, "PAIRED_WITH"] == {"kind": "park", "document": doc, "task": f"{doc}#1",
                                              "start": 30, "end": 40, "documents": [doc], "tasks": [f"{doc}#1"]}
    assert (zj, "side:上海市", "IN") in g.edges(keys=True)
    assert (pd, "side:上海市", "IN") in g.edges(keys=True)
    assert (office.id, pd, "IN") in g.edges(keys=True)


def test_a_park_in_a_district_lies_in_the_district() -> None:
    ex = plan("园区计划", [SH], [T("1", [["上海市科委"]], text="张江", places=["张江"])],
              places={"张江": ("park", SH), "浦东新区": ("district", SH)})
    ex.places = [Place(p.id, p.kind, p.name, p.side, p.aliases, p.spans,
                       parent="district:上海市/浦东新区" if p.name == "张江" else None) for p in ex.places]
    g = build_graph([ex])
    assert list(g.successors("park:上海市/张江")) == ["district:上海市/浦东新区"]


def test_a_unit_named_twice_for_a_task_keeps_its_strongest_role() -> None:
    ex = plan("重复", [SH, DL], [T("1", [["上海市科委+", "上海市科委*"], ["大连市科技局"]])])
    g = build_graph([ex])
    assert g.edges[B, "doc:重复#1", "RESPONSIBLE_FOR"]["role"] == "lead"


def test_parent_tasks_are_linked() -> None:
    ex = plan("父子", [SH, DL],
              [T("一、", []), T("一、1.", [["上海市科委"], ["大连市科技局"]], parent="一、")])
    g = build_graph([ex])
    assert g.edges["doc:父子#一、1.", "doc:父子#一、", "PART_OF"] == {"document": "doc:父子"}
    assert g.edges["doc:父子#一、", "doc:父子", "PART_OF"] == {"document": "doc:父子"}


def test_the_same_document_twice_is_built_once_but_two_different_ones_with_one_id_fail() -> None:
    assert nx.utils.graphs_equal(build_graph([plan_2020(), plan_2020()]), build_graph([plan_2020()]))
    changed = plan_2020()
    changed.tasks[0].text = "另一种措辞"
    with pytest.raises(GraphError, match="two different documents have the id"):
        build_graph([plan_2020(), changed])


def test_two_copies_of_one_file_are_one_document_named_by_the_first_path() -> None:
    first, second = plan_2020(), plan_2020()
    first.document.source, second.document.source = "b/plan.txt", "a/plan.txt"
    for order in ([first, second], [second, first]):
        g = build_graph(order)
        assert [n for n, k in g.nodes(data="kind") if k == "Document"] == [first.document.id]
        assert g.nodes[first.document.id]["source"] == "a/plan.txt"


def test_task_numbers_take_the_normal_form_of_their_ids() -> None:
    ex = plan("全角", [SH, DL], [T("一、（一）", [["上海市科委"], ["大连市科技局"]])])
    ex.tasks[0].id = "doc:全角#一、(一)"
    g = build_graph([ex])
    assert g.nodes["doc:全角#一、(一)"]["number"] == "一、(一)"


def test_a_pairing_stated_by_two_plans_keeps_both_sources() -> None:
    places = {"浦东新区": ("district", SH), "金州区": ("district", DL)}
    plans = []
    for title in ("甲计划", "乙计划"):
        ex = plan(title, [SH, DL], [T("1", [["上海市科委"], ["大连市科技局"]], text="浦东新区与金州区",
                                      places=["浦东新区", "金州区"])], places=places)
        ex.pairings.append(Pairing("district", "district:上海市/浦东新区", "district:大连市/金州区",
                                   task=ex.tasks[0].id, span=(1, 2)))
        plans.append(ex)
    edge = build_graph(plans).edges["district:上海市/浦东新区", "district:大连市/金州区", "PAIRED_WITH"]
    assert edge["document"] == "doc:乙计划" and edge["documents"] == ["doc:乙计划", "doc:甲计划"]
    assert edge["tasks"] == ["doc:乙计划#1", "doc:甲计划#1"]


def test_an_extraction_that_names_an_unlisted_unit_fails_clearly() -> None:
    ex = plan_2020()
    ex.units = [u for u in ex.units if u.id != X]
    with pytest.raises(GraphError, match="names the unit 'unit:大连市/大连市发展改革委'"):
        build_graph([ex])


def test_check_graph_rejects_other_graphs() -> None:
    with pytest.raises(GraphError, match="is not a graphmodel.graph/1 graph"):
        check_graph(nx.MultiDiGraph())
    with pytest.raises(GraphError, match=r"not a graphmodel.graph/1 graph \(a Graph, not a MultiDiGraph\)"):
        check_graph(nx.Graph())


def test_find_unit_by_id_name_alias_and_ending() -> None:
    g = build_graph([plan_2020()])
    assert find_unit(g, A) == A
    assert find_unit(g, "上海市政府合作交流办") == A
    assert find_unit(g, "上海市合作交流办公室") == A
    assert find_unit(g, "科委") == B
    assert find_unit(g, "发展改革委", side=DL) == X
    with pytest.raises(GraphError, match="ambiguous"):
        find_unit(g, "局")
    with pytest.raises(GraphError, match="no unit '市农委'"):
        find_unit(g, "市农委")


def test_find_document_by_id_title_or_file_name() -> None:
    g = build_graph([plan_2020(), plan_2021()])
    assert find_document(g, P2021) == P2021
    assert find_document(g, "2020年上海市与大连市对口合作重点工作计划") == P2020
    assert find_document(g, "2020年上海市与大连市对口合作重点工作计划.txt") == P2020
    with pytest.raises(GraphError, match="no document"):
        find_document(g, "2019")


def test_a_builder_fed_one_at_a_time_gives_build_graphs_graph_and_its_stats() -> None:
    from graphmodel.analysis import graph_stats
    from graphmodel.graph import GraphBuilder
    from tests.graph.plans import network_plan

    plans = [plan_2021(), network_plan(), plan_2020(), plan_2020()]  # any order, one twice
    expected = build_graph(plans)
    builder = GraphBuilder()
    with pytest.raises(GraphError, match="not built yet"):
        builder.stats()
    for ex in plans:
        builder.add(ex)
    got = builder.graph()
    assert nx.utils.graphs_equal(got, expected)
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(builder.stats().items()) == list(graph_stats(expected).items())
    assert builder.stats()["annotated tasks"] > 0 and builder.stats()["COUNTERPART"] > 0
