"""The co-responsibility network on two triangles joined by one task, worked by hand.

甲乙丙 share task 1, 丙丁 task 2, 丁戊己 task 3: two triangles and a bridge 丙–丁. 丙 lies on the
shortest paths 甲–丁, 甲–戊, 甲–己, 乙–丁, 乙–戊, 乙–己: 6 pairs; normalised by
(n-1)(n-2)/2 = 10 that is 0.6. 丁 likewise; every other unit lies on none.
"""

from __future__ import annotations

import pytest

from graphmodel.analysis import (
    bridging_units,
    co_responsibility_graph,
    communities,
    network_metrics,
)
from graphmodel.graph import build_graph
from tests.graph.plans import A, B, C, X, Y, Z, network_plan, plan_2020

U = {name: f"unit:{side}/{side}{name}局" for side, names in (("上海市", "甲乙丙"), ("大连市", "丁戊己"))
     for name in names}


def test_network_has_units_linked_by_shared_tasks_with_weights() -> None:
    net = co_responsibility_graph(build_graph([plan_2020()]))
    # Task 1 links A, B, X, Y pairwise; task 2 adds A–X, task 3 adds B–Y; C and Z stand alone.
    assert sorted(net.nodes) == sorted([A, B, C, X, Y, Z])
    assert {frozenset(e): w for *e, w in net.edges(data="weight")} == {
        frozenset((A, B)): 1, frozenset((A, X)): 2, frozenset((A, Y)): 1,
        frozenset((B, X)): 1, frozenset((B, Y)): 2, frozenset((X, Y)): 1}


def test_degree_betweenness_communities_and_bridges() -> None:
    g = build_graph([network_plan()])
    rows = {r.unit.id: r for r in network_metrics(g)}
    assert {u: r.degree for u, r in rows.items()} == {
        U["甲"]: 2, U["乙"]: 2, U["丙"]: 3, U["丁"]: 3, U["戊"]: 2, U["己"]: 2}
    assert rows[U["丙"]].betweenness == pytest.approx(0.6)
    assert rows[U["丁"]].betweenness == pytest.approx(0.6)
    assert rows[U["甲"]].betweenness == 0
    comms = communities(co_responsibility_graph(g))
    assert comms == [frozenset({U["甲"], U["乙"], U["丙"]}), frozenset({U["丁"], U["戊"], U["己"]})]
    assert rows[U["甲"]].community == 0 and rows[U["戊"]].community == 1
    assert [(r.unit.id, r.bridges) for r in bridging_units(g)] == [(U["丙"], 1), (U["丁"], 1)]


def test_communities_are_the_same_on_every_run() -> None:
    g = build_graph([network_plan(), plan_2020()])
    assert network_metrics(g) == network_metrics(g)
    assert network_metrics(g, seed=7) == network_metrics(build_graph([plan_2020(), network_plan()]), seed=7)


def test_an_empty_scope_gives_no_rows() -> None:
    g = build_graph([network_plan()])
    g2 = g.subgraph([n for n, k in g.nodes(data="kind") if k == "Document"]).copy()
    assert network_metrics(g2) == []
