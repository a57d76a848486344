"""Workload on plan_2020 and the 2020+2021 corpus, counted by hand."""

from __future__ import annotations

from graphmodel.analysis import workload
from graphmodel.graph import build_graph
from tests.graph.plans import DL, P2020, P2021, A, B, C, W, X, Y, Z, plan_2020, plan_2021


def test_tasks_lead_and_roles_per_unit() -> None:
    rows = workload(build_graph([plan_2020()]))
    # A {1*,2,4,8}: 4 tasks, lead in 1. B, X, Y: 2 each (Y supports in 1). C, Z: 1 each.
    # Ties sort by name: 上 before 大; 科 after 发.
    assert [(r.unit.id, r.tasks, r.lead, r.responsible, r.support, r.counterparts) for r in rows] == [
        (A, 4, 1, 3, 0, 2), (B, 2, 0, 2, 0, 2), (X, 2, 0, 2, 0, 2), (Y, 2, 0, 1, 1, 2),
        (C, 1, 0, 1, 0, 0), (Z, 1, 0, 1, 0, 0)]
    assert rows[0].documents == (P2020,)


def test_documents_a_unit_appears_in_and_filters() -> None:
    g = build_graph([plan_2020(), plan_2021()])
    rows = {r.unit.id: r for r in workload(g)}
    assert rows[A].tasks == 5 and rows[A].documents == (P2020, P2021)
    assert rows[Y].documents == (P2020,) and rows[W].documents == (P2021,)
    # One task each in 2021; by name 发 (U+53D1) < 工 (U+5DE5) < 教 (U+6559).
    assert [r.unit.id for r in workload(g, document=P2021, side=DL)] == [X, W, Z]


def test_groups_only_when_asked() -> None:
    g = build_graph([plan_2020()])
    assert all(r.unit.id.startswith("unit:") for r in workload(g))
    groups = [(r.unit.id, r.tasks) for r in workload(g, groups=True) if r.unit.id.startswith("group:")]
    # 各有关单位 (Dalian) in 3, 5, 8; 各相关单位 (Shanghai) in 5.
    assert groups == [("group:大连市/各有关单位", 3), ("group:上海市/各相关单位", 1)]
