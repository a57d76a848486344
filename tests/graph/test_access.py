"""The graph's accessors: what they read from each kind of node and edge, and that the rest of the
code reads the graph only through them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.graph import (
    CounterpartLink,
    DocumentRecord,
    PairingEdge,
    UnitTask,
    build_graph,
    counterpart_edges,
    counterpart_link,
    counterparts,
    document_record,
    document_records,
    document_sides,
    documents,
    edge_document,
    edge_role,
    edge_tasks,
    lies_in,
    list_attribute,
    mentioned_in,
    node_aliases,
    node_documents,
    node_kind,
    node_label,
    node_side,
    pairing_edge,
    pairing_edges,
    responsibilities,
    responsibility,
    side_order,
    side_short,
    stored_counterparts,
    task_document,
    task_number,
    task_record,
    task_responsibilities,
    tasks_by_document,
    unit_label,
    unit_responsibilities,
    unit_tasks,
)
from graphmodel.graph.counterpart_links import task_counterparts
from graphmodel.model import Pairing, Place
from tests.graph.plans import DL, P2020, P2021, SH, A, B, X, Y, Z, plan_2020, plan_2021

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph([plan_2020(), plan_2021()])


def test_list_attributes_decode_lists_and_their_json_strings() -> None:
    assert list_attribute(["a", "b"]) == ["a", "b"]
    assert list_attribute('["a", "b"]') == ["a", "b"]
    assert list_attribute(None) == list_attribute("") == []
    assert list_attribute("plain") == ["plain"]


def test_nodes_kind_side_and_labels(graph: nx.MultiDiGraph) -> None:
    assert node_kind(graph, A) == "Unit"
    assert node_side(graph, A) == SH
    assert node_side(graph, "side:大连市") == DL  # a side is its own side
    assert node_side(graph, P2020) is None
    assert side_short(graph, "side:上海市") is None  # the hand-made plans give no short names
    assert unit_label(graph, A) == "上海市政府合作交流办"
    assert node_label(graph, f"{P2020}#3") == "3"
    assert node_label(graph, P2020) == P2020[4:]
    assert node_aliases(graph, A) == ["上海市合作交流办公室"]
    assert node_aliases(graph, P2020) == []
    assert lies_in(graph, A) == ["side:上海市"]
    assert side_order(graph) == [SH, DL]


def test_documents_and_their_tasks(graph: nx.MultiDiGraph) -> None:
    assert documents(graph) == [P2020, P2021]  # oldest first
    record = document_record(graph, P2021)
    assert record == DocumentRecord(P2021, P2021[4:], "2021-04-01", f"{P2021[4:]}.txt", (SH, DL))
    assert (record.label, record.year) == (P2021[4:], "2021")
    assert list(document_records(graph)) == sorted([P2020, P2021])
    assert document_sides(graph, P2020) == [SH, DL]
    assert tasks_by_document(graph)[P2021] == [f"{P2021}#1", f"{P2021}#2"]
    task = f"{P2020}#3"
    assert (task_document(graph, task), task_number(graph, task)) == (P2020, "3")
    assert task_record(graph, task).text == "推进合作"
    assert node_documents(graph, A) == [P2020, P2021]
    assert node_documents(graph, "side:上海市") == [P2020, P2021]


def test_a_year_comes_from_the_title_when_there_is_no_date() -> None:
    record = DocumentRecord("doc:x", "2019年计划", None, None, ())
    assert record.year == "2019"
    assert DocumentRecord("doc:x", None, None, None, ()).label == "x"


def test_responsibilities_by_unit_task_and_scope(graph: nx.MultiDiGraph) -> None:
    rows = unit_responsibilities(graph, A)
    assert [r.task for r in rows] == [f"{P2020}#{n}" for n in (1, 2, 4, 8)] + [f"{P2021}#1"]
    assert rows[0] == UnitTask(A, f"{P2020}#1", "lead", "上海市政府合作交流办")
    assert rows[1].mention == "上海市合作交流办公室"  # named by its alias
    assert responsibility(graph, Y, f"{P2020}#1").role == "support"
    assert {r.unit for r in task_responsibilities(graph, f"{P2020}#3")} == {B, Y, "group:大连市/各有关单位"}
    in_2021 = list(responsibilities(graph, {P2021}, groups=False, side=DL))
    assert {r.unit for r in in_2021} == {X, Z, "unit:大连市/大连市工业和信息化局"}
    assert all(r.unit.startswith("unit:") for r in responsibilities(graph, groups=False))
    assert unit_tasks(graph, {P2020})[A] == {f"{P2020}#{n}" for n in (1, 2, 4, 8)}
    assert "group:大连市/各有关单位" in unit_tasks(graph, groups=True)


def test_edges_document_role_and_tasks(graph: nx.MultiDiGraph) -> None:
    task = f"{P2020}#1"
    assert edge_document(graph, A, task, "RESPONSIBLE_FOR") == P2020
    assert edge_role(graph, A, task, "RESPONSIBLE_FOR") == "lead"
    assert edge_tasks(graph, A, task, "RESPONSIBLE_FOR") == [task]
    assert edge_tasks(graph, task, P2020, "PART_OF") == [task]
    assert edge_document(graph, A, "side:上海市", "IN") is None


def test_stored_counterparts_are_the_derived_ones(graph: nx.MultiDiGraph) -> None:
    links = stored_counterparts(graph)
    derived = [CounterpartLink(a, b, d["count"], tuple(d["tasks"]), d["jaccard"])
               for a, b, d in counterpart_edges(graph)]
    assert links == derived
    assert counterpart_link(graph, A, X).count == 3  # 2020 #1, #2 and 2021 #1
    assert edge_tasks(graph, A, X, "COUNTERPART") == list(counterpart_link(graph, A, X).tasks)
    assert (A, X, "COUNTERPART") in counterparts(graph, X)
    one = [f"{P2020}#{n}" for n in range(1, 9)]
    assert task_counterparts(graph, one) == list(counterpart_edges(graph, {P2020}))


def test_pairings_and_places() -> None:
    ex = plan_2020()
    park_a = Place("park:上海市/漕河泾开发区", "park", "漕河泾开发区", SH, spans=[(0, 2)])
    park_b = Place("park:大连市/高新区", "park", "高新区", DL, spans=[(3, 5)])
    ex.places += [park_a, park_b]
    ex.tasks[0].places.append(park_a.id)
    ex.pairings.append(Pairing("park", park_a.id, park_b.id, task=ex.tasks[0].id, span=(3, 9)))
    g = build_graph([ex])
    edge = PairingEdge(park_a.id, park_b.id, "park", P2020, ex.tasks[0].id, 3, 9, (P2020,), (ex.tasks[0].id,))
    assert pairing_edges(g) == [edge] == pairing_edges(g, {P2020})
    assert pairing_edges(g, {"doc:other"}) == []
    assert pairing_edge(g, park_a.id, park_b.id) == edge
    assert mentioned_in(g, park_a.id) == [ex.tasks[0].id]


def test_json_strings_of_a_graph_read_without_graphmodel_are_decoded(graph: nx.MultiDiGraph) -> None:
    g = graph.copy()
    g.nodes[P2020]["sides"] = json.dumps([SH, DL], ensure_ascii=False)
    g.nodes[A]["aliases"] = json.dumps(["上海市合作交流办公室"], ensure_ascii=False)
    assert document_sides(g, P2020) == [SH, DL]
    assert node_aliases(g, A) == ["上海市合作交流办公室"]


# Reading a node's or an edge's attribute dict outside graphmodel.graph: the accessors are for
# that. The graph file formats (graph_files.py, graphpack.py) convert every attribute as it is.
_RAW = re.compile(r"graph\.nodes\[|graph\.edges\[|graph\.(?:nodes|edges|in_edges|out_edges)\([^)]*data"
                  r"|graph\._(?:node|succ|pred|adj)\b")
_READERS = ["graphmodel/analysis", "graphmodel/views", "loaders/neo4j", "loaders/neo4j_import.py",
            "graphmodel_cli"]


def test_analyses_views_loaders_and_commands_read_the_graph_through_the_accessors() -> None:
    files = [p for entry in _READERS for p in ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir()
                                               else [ROOT / entry])]
    assert len(files) > 30
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if _RAW.search(line)]
    assert found == []
