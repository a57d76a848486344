"""Counterpart pairs on plan_2020, whose answers are worked out by hand in the comments."""

from __future__ import annotations

import pytest

from graphmodel.analysis import counterpart_pairs
from graphmodel.errors import GraphError
from graphmodel.graph import build_graph
from tests.graph.plans import DL, P2020, P2021, SH, A, B, C, W, X, Y, Z, plan_2020, plan_2021

# Task sets in 2020: A {1,2,4,8}, B {1,3}, X {1,2}, Y {1,3}.
#   B–Y share {1,3}: 2, Jaccard 2/2 = 1.0     A–X share {1,2}: 2, Jaccard 2/4 = 0.5
#   B–X share {1}:   1, Jaccard 1/3           A–Y share {1}:   1, Jaccard 1/5 = 0.2


def test_pairs_are_ranked_by_shared_tasks_then_jaccard() -> None:
    pairs = counterpart_pairs(build_graph([plan_2020()]))
    assert [(p.a.id, p.b.id, p.shared) for p in pairs] == [(B, Y, 2), (A, X, 2), (B, X, 1), (A, Y, 1)]
    assert [p.jaccard for p in pairs] == [1.0, 0.5, pytest.approx(1 / 3), 0.2]
    assert pairs[1].tasks == (f"{P2020}#1", f"{P2020}#2") and pairs[1].numbers == ("1", "2")
    assert pairs[1].a.name == "上海市政府合作交流办" and pairs[1].a.side == SH and pairs[1].b.side == DL


def test_filters_by_side_unit_top_and_min_shared() -> None:
    g = build_graph([plan_2020()])
    assert [(p.a.id, p.b.id) for p in counterpart_pairs(g, unit=X)] == [(A, X), (B, X)]
    assert len(counterpart_pairs(g, side=DL)) == 4
    assert counterpart_pairs(g, side="辽宁省") == []
    assert [(p.a.id, p.b.id) for p in counterpart_pairs(g, top=1)] == [(B, Y)]
    assert [(p.a.id, p.b.id) for p in counterpart_pairs(g, min_shared=2)] == [(B, Y), (A, X)]


def test_per_document_and_corpus() -> None:
    # 2021: A, B, X, W all share task 1; C and Z share task 2. Every unit has one task there.
    g = build_graph([plan_2020(), plan_2021()])
    per_2021 = counterpart_pairs(g, document=P2021)
    assert [(p.a.id, p.b.id, p.shared, p.jaccard) for p in per_2021] == [
        (A, X, 1, 1.0), (A, W, 1, 1.0), (C, Z, 1, 1.0), (B, X, 1, 1.0), (B, W, 1, 1.0)]
    # Corpus: A {20:1,2,4,8; 21:1}, X {20:1,2; 21:1} share 3 of 5; B {20:1,3; 21:1}, Y {20:1,3}
    # share 2 of 3; B–X share 2 (20:1, 21:1) of B ∪ X = {20:1,2,3; 21:1}: 2/4.
    corpus = counterpart_pairs(g, top=3)
    assert [(p.a.id, p.b.id, p.shared, p.jaccard) for p in corpus] == [
        (A, X, 3, 0.6), (B, Y, 2, pytest.approx(2 / 3)), (B, X, 2, 0.5)]


def test_pairs_equal_the_counterpart_edges_of_the_graph() -> None:
    g = build_graph([plan_2020(), plan_2021()])
    edges = {(u, v): (d["count"], d["jaccard"], tuple(d["tasks"]))
             for u, v, k, d in g.edges(keys=True, data=True) if k == "COUNTERPART"}
    assert {(p.a.id, p.b.id): (p.shared, p.jaccard, p.tasks) for p in counterpart_pairs(g)} == edges


def test_to_dict_gives_names_sides_and_tasks() -> None:
    g = build_graph([plan_2020()])
    d = counterpart_pairs(g, unit=A, top=1)[0].to_dict(g)
    assert d == {
        "a": {"id": A, "name": "上海市政府合作交流办", "side": SH},
        "b": {"id": X, "name": "大连市发展改革委", "side": DL},
        "shared": 2, "jaccard": 0.5,
        "tasks": [{"id": f"{P2020}#1", "number": "1", "document": P2020},
                  {"id": f"{P2020}#2", "number": "2", "document": P2020}],
    }


def test_an_unknown_document_is_an_error() -> None:
    with pytest.raises(GraphError, match="no document 'doc:nope'"):
        counterpart_pairs(build_graph([plan_2020()]), document="doc:nope")


def test_pairs_by_document_counts_each_documents_own_pairs_in_one_pass() -> None:
    from graphmodel.analysis import pairs_by_document
    from graphmodel.graph import documents

    g = build_graph([plan_2020(), plan_2021()])
    counts = pairs_by_document(g)
    expected = {d: len(counterpart_pairs(g, document=d)) for d in documents(g)}
    assert counts == {d: n for d, n in expected.items() if n} and len(counts) == 2
    assert counts[P2020] == 4  # B–Y, A–X, B–X, A–Y (worked out above)


def test_pairs_data_with_shared_task_rows_is_the_pairs_data() -> None:
    # `pairs --format json` gives every pair the same row dict for a task (`TaskRows`).
    from graphmodel.analysis.pairs import TaskRows

    graph = build_graph([plan_2020(), plan_2021()])
    found = counterpart_pairs(graph)
    rows = TaskRows(graph)
    assert found and [p.to_dict(graph, rows) for p in found] == [p.to_dict(graph) for p in found]
    assert len(rows) == len({t for p in found for t in p.tasks})
