"""Suggestions on plan_2020, and the function table and name likeness behind them."""

from __future__ import annotations

import pytest

from graphmodel.analysis import (
    default_function_table,
    function_labels,
    name_similarity,
    parse_function_table,
    suggest_counterparts,
)
from graphmodel.errors import GraphError, InputError
from graphmodel.graph import build_graph
from tests.graph.plans import DL, SH, A, B, C, T, X, Y, Z, plan, plan_2020


def test_function_table_says_what_names_do() -> None:
    assert function_labels("上海市科技局") == function_labels("上海市科委") == {"科技"}
    assert function_labels("大连市教育局") == function_labels("上海市教委") == {"教育"}
    assert "发展改革" in function_labels("大连市发展改革委")
    assert function_labels("上海市科委") & function_labels("大连市教育局") == set()
    assert "教育" in default_function_table()


def test_name_similarity_ignores_the_region() -> None:
    assert name_similarity("上海市发展改革委", "大连市发展改革委", [SH, DL]) == 1.0
    assert name_similarity("上海市委组织部", "大连市委组织部", [SH, DL]) == 1.0
    # 科委 vs 科技局: bigrams {科委} and {科技, 技局} share none.
    assert name_similarity("上海市科委", "大连市科技局", [SH, DL]) == 0.0
    # 统计局 vs 审计局: {统计, 计局} and {审计, 计局} share 计局: 2·1/(2+2).
    assert name_similarity("上海市统计局", "大连市审计局", [SH, DL]) == 0.5


def test_suggestions_rank_shared_tasks_then_function() -> None:
    g = build_graph([plan_2020()])
    # B (科委) shares 1 and 3 with Y (科技局, same function) and 1 with X.
    rows = suggest_counterparts(g, B)
    assert [(r.unit.id, r.shared, r.functions) for r in rows] == [(Y, 2, ("科技",)), (X, 1, ())]
    # C (教委) shares nothing; Z (教育局) does the same job; X and Y neither share nor resemble.
    assert [(r.unit.id, r.shared, r.functions, r.similarity) for r in suggest_counterparts(g, C)] == [
        (Z, 0, ("教育",), 0.0)]
    assert [r.unit.id for r in suggest_counterparts(g, A, top=1)] == [X]
    assert suggest_counterparts(g, Z, side=SH)[0].unit.id == C


def test_name_likeness_alone_is_enough_above_the_threshold() -> None:
    g = build_graph([plan("组织部计划", [SH, DL],
                          [T("1", [["上海市委组织部"]]), T("2", [[], ["大连市委组织部"]])])])
    rows = suggest_counterparts(g, "unit:上海市/上海市委组织部")
    assert [(r.unit.name, r.shared, r.similarity) for r in rows] == [("大连市委组织部", 0, 1.0)]


def test_a_custom_table_and_bad_tables() -> None:
    table = parse_function_table("# comment\n教育\t教委|教育\n")
    assert function_labels("上海市教委", table) == {"教育"}
    with pytest.raises(InputError, match="line 1"):
        parse_function_table("教育 教委\n")


def test_suggesting_for_a_non_unit_fails() -> None:
    with pytest.raises(GraphError, match="no unit"):
        suggest_counterparts(build_graph([plan_2020()]), "group:大连市/各有关单位")
