"""COUNTERPART over the whole corpus: the graph's stored edges are used, not derived again."""

from __future__ import annotations

import networkx as nx

from graphmodel.graph import build_graph, counterpart_edges, unit_tasks
from graphmodel.graph.counterpart_links import derive_counterparts
from tests.graph.plans import P2020, A, X, plan_2020, plan_2021


def _graph() -> nx.MultiDiGraph:
    return build_graph([plan_2020(), plan_2021()])


def test_the_stored_edges_are_what_deriving_gives() -> None:
    graph = _graph()
    derived = derive_counterparts(unit_tasks(graph), graph.nodes)
    assert derived  # the plans have counterparts
    assert list(counterpart_edges(graph)) == derived


def test_the_whole_corpus_reads_the_stored_edges() -> None:
    graph = _graph()
    graph.edges[A, X, "COUNTERPART"]["count"] = 99  # only a stored edge says this
    assert {(a, b): d["count"] for a, b, d in counterpart_edges(graph)}[A, X] == 99
    # A scope of documents is always derived.
    assert {(a, b): d["count"] for a, b, d in counterpart_edges(graph, {P2020})}[A, X] == 2


def test_the_yielded_attributes_are_copies() -> None:
    graph = _graph()
    for _, _, attrs in counterpart_edges(graph):
        attrs["tasks"].append("changed")
    assert "changed" not in graph.edges[A, X, "COUNTERPART"]["tasks"]


def test_a_graph_without_stored_edges_derives_them() -> None:
    graph = _graph()
    expected = list(counterpart_edges(graph))
    graph.remove_edges_from([(a, b, "COUNTERPART") for a, b, _ in expected])
    assert list(counterpart_edges(graph)) == expected


def test_stored_tasks_as_a_json_string_are_decoded() -> None:
    graph = _graph()
    expected = list(counterpart_edges(graph))
    edge = graph.edges[A, X, "COUNTERPART"]
    edge["tasks"] = '["' + '", "'.join(edge["tasks"]) + '"]'  # as GraphML leaves a list read by networkx
    assert list(counterpart_edges(graph)) == expected
