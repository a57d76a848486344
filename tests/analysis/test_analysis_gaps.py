"""Gaps in plan_2020, read off its annotations by hand."""

from __future__ import annotations

from graphmodel.analysis import gaps, one_sided_tasks, placeholder_tasks, units_without_counterpart
from graphmodel.graph import build_graph
from tests.graph.plans import DL, P2020, SH, C, T, Z, plan, plan_2020


def test_tasks_with_one_side_only() -> None:
    rows = one_sided_tasks(build_graph([plan_2020()]))
    # 4 and 6 name Shanghai units only, 7 Dalian only, 8 names 各有关单位 for Dalian.
    assert [(r.number, r.sides, r.missing, r.placeholder_sides) for r in rows] == [
        ("4", (SH,), (DL,), ()), ("6", (SH,), (DL,), ()), ("7", (DL,), (SH,), ()), ("8", (SH,), (DL,), (DL,))]
    assert rows[0].task == f"{P2020}#4" and rows[0].kind == "one_side"


def test_tasks_with_only_placeholders() -> None:
    rows = placeholder_tasks(build_graph([plan_2020()]))
    assert [(r.number, r.sides, r.missing, r.placeholder_sides) for r in rows] == [
        ("5", (), (SH, DL), (SH, DL))]


def test_units_with_no_counterpart() -> None:
    rows = units_without_counterpart(build_graph([plan_2020()]))
    assert [(r.unit.id, r.tasks, r.documents) for r in rows] == [(C, 1, (P2020,)), (Z, 1, (P2020,))]
    assert [r.unit.id for r in units_without_counterpart(build_graph([plan_2020()]), side=DL)] == [Z]


def test_a_single_side_plan_has_no_one_side_gaps() -> None:
    g = build_graph([plan("上海市单方计划", [SH], [T("1", [["上海市科委"]]), T("2", [["各有关单位"]])])])
    assert one_sided_tasks(g) == [] and units_without_counterpart(g) == []
    assert [r.number for r in placeholder_tasks(g)] == ["2"]


def test_gaps_bundles_the_three() -> None:
    g = build_graph([plan_2020()])
    found = gaps(g)
    assert len(found.one_side) == 4 and len(found.placeholders_only) == 1 and len(found.no_counterpart) == 2
