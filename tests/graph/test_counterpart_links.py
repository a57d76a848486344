"""COUNTERPART over the whole corpus: the graph's stored edges are used, not derived again."""

from __future__ import annotations

import random
from itertools import combinations
from typing import Any

import networkx as nx
import pytest

from graphmodel.graph import build_graph, counterpart_edges, unit_tasks
from graphmodel.graph.counterpart_links import derive_counterparts, task_units_counterparts
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


def _naive(tasks_of: dict[str, set[str]], nodes: dict[str, dict[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    """The rule stated plainly: every two units of different, known sides sharing tasks."""
    order = {t: (nodes[t]["document"], nodes[t]["start"], t) for ts in tasks_of.values() for t in ts}
    pairs = []
    for a, b in combinations(sorted(tasks_of), 2):
        sa, sb = nodes[a].get("side"), nodes[b].get("side")
        shared = sorted(tasks_of[a] & tasks_of[b], key=order.__getitem__)
        if sa is None or sb is None or sa == sb or not shared:
            continue
        sides = nodes[nodes[shared[0]]["document"]]["sides"]

        def rank(s: str) -> tuple[int, str]:
            return (sides.index(s) if s in sides else len(sides), s)  # noqa: B023

        if rank(sb) < rank(sa):
            a, b = b, a
        union = len(tasks_of[a] | tasks_of[b])
        pairs.append((a, b, {"count": len(shared), "tasks": shared, "jaccard": len(shared) / union}))
    return sorted(pairs, key=lambda p: (p[0], p[1]))


def test_deriving_pairs_units_across_sides_only() -> None:
    # Three sides (one no document lists), units of no side, tasks of one side only, a task's
    # units of three sides: each task's units grouped by side, paired across groups.
    rng = random.Random(3)
    sides = ["上海市", "大连市", "沈阳市", None]
    nodes: dict[str, dict[str, Any]] = {
        "d1": {"sides": ["上海市", "大连市"]}, "d2": {"sides": ["大连市", "上海市", "沈阳市"]}}
    units = [f"u{i:02}" for i in range(14)]
    for u in units:
        nodes[u] = {"side": rng.choice(sides)}
    tasks_of: dict[str, set[str]] = {u: set() for u in units}
    for i in range(60):
        task = f"t{i:02}"
        nodes[task] = {"document": rng.choice(["d1", "d2"]), "start": rng.randrange(5)}
        for u in rng.sample(units, rng.randrange(1, 6)):
            tasks_of[u].add(task)
    tasks_of = {u: ts for u, ts in tasks_of.items() if ts}
    expected = _naive(tasks_of, nodes)
    assert any(len({nodes[u]["side"] for u in (a, b)}) == 2 for a, b, _ in expected)
    assert derive_counterparts(tasks_of, nodes) == expected
    by_task = sorted(((t, [u for u in tasks_of if t in tasks_of[u]]) for t in nodes if t.startswith("t")),
                     key=lambda item: (nodes[item[0]]["document"], nodes[item[0]]["start"], item[0]))
    assert task_units_counterparts(by_task, nodes) == expected


def test_the_builder_derives_as_from_the_graph() -> None:
    # The builder keeps each document's tasks with their units: the same pairs as derived from
    # the graph's responsibilities, also when a task is added twice (the general way).
    from graphmodel.graph.construct import _Tables

    tables = _Tables()
    for ex in (plan_2020(), plan_2021()):
        tables.add(ex)
    graph = _graph()
    assert tables.counterparts() == derive_counterparts(unit_tasks(graph), graph.nodes)
    tables.task_twice = True
    assert tables.counterparts() == derive_counterparts(unit_tasks(graph), graph.nodes)


def test_the_bulk_path_pairs_as_the_rule_does(monkeypatch: Any) -> None:
    # From `_BULK` tasks the pairs are found with numpy (every two places of a task's codes at
    # once; a task of more than `_WIDE` units one side by another): the same pairs, tasks and
    # order as the rule, with units of no side, three sides, one wide task and tasks of one unit.
    from graphmodel.graph import counterpart_links

    rng = random.Random(5)
    sides = ["上海市", "大连市", "沈阳市", None]
    nodes: dict[str, dict[str, Any]] = {
        "d1": {"sides": ["上海市", "大连市"]}, "d2": {"sides": ["大连市", "上海市", "沈阳市"]}}
    units = [f"u{i:03}" for i in range(120)]
    for u in units:
        nodes[u] = {"side": rng.choice(sides)}
    tasks_of: dict[str, set[str]] = {u: set() for u in units}
    for i in range(300):
        task = f"t{i:03}"
        nodes[task] = {"document": rng.choice(["d1", "d2"]), "start": rng.randrange(50)}
        for u in rng.sample(units, 60 if i == 7 else rng.randrange(1, 9)):
            tasks_of[u].add(task)
    tasks_of = {u: ts for u, ts in tasks_of.items() if ts}
    expected = _naive(tasks_of, nodes)
    by_task = sorted(((t, [u for u in tasks_of if t in tasks_of[u]]) for t in nodes if t.startswith("t")),
                     key=lambda item: (nodes[item[0]]["document"], nodes[item[0]]["start"], item[0]))
    monkeypatch.setattr(counterpart_links, "_BULK", 1)
    assert task_units_counterparts(by_task, nodes) == expected
    monkeypatch.setattr(counterpart_links, "_BULK", 10**9)
    assert task_units_counterparts(by_task, nodes) == expected
    flat = counterpart_links.flat_counterparts
    with pytest.raises(ValueError, match="do not agree"):
        flat(["t000"], [2], ["u000"], nodes)
