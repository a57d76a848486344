"""``graphmodel units``: workload and network figures per unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.graph.plans import network_plan, plan_2020, save


def test_units_json_and_table(tmp_path: Path) -> None:
    path = str(save(plan_2020(), tmp_path))
    result = CliRunner().invoke(cli, ["units", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # By hand (see tests/analysis): A has 4 tasks, 1 lead, shares tasks with B, X, Y.
    assert rows[0]["unit"]["name"] == "上海市政府合作交流办"
    assert {k: rows[0][k] for k in ("tasks", "lead", "support", "counterparts", "degree", "documents")} == {
        "tasks": 4, "lead": 1, "support": 0, "counterparts": 2, "degree": 3,
        "documents": ["doc:2020年上海市与大连市对口合作重点工作计划"]}
    table = CliRunner().invoke(cli, ["units", path, "--side", "大连市"]).stdout.splitlines()
    assert table[0].split()[:3] == ["unit", "side", "tasks"]
    assert [line.split()[0] for line in table[2:]] == ["大连市发展改革委", "大连市科技局", "大连市教育局"]


def test_sort_by_betweenness(tmp_path: Path) -> None:
    path = str(save(network_plan(), tmp_path))
    result = CliRunner().invoke(cli, ["units", path, "--sort", "betweenness", "--top", "2", "--format", "csv"])
    lines = result.stdout.splitlines()
    # 丙 and 丁 bridge the two triangles: betweenness 0.6 each, the rest 0.
    assert [line.split(",")[0] for line in lines[1:]] == ["上海市丙局", "大连市丁局"]
    assert float(lines[1].split(",")[8]) == pytest.approx(0.6) and lines[1].split(",")[10] == "1"
