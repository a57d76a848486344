"""``graphmodel gaps``: one-sided tasks, placeholder-only tasks, units with no counterpart."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import SEED
from tests.graph.plans import plan_2020, save


def test_gaps_of_the_small_plan(tmp_path: Path) -> None:
    path = str(save(plan_2020(), tmp_path))
    result = CliRunner().invoke(cli, ["gaps", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["kind"], r.get("number") or r["unit"]["name"]) for r in rows] == [
        ("one-side", "4"), ("one-side", "6"), ("one-side", "7"), ("one-side", "8"),
        ("placeholders-only", "5"), ("no-counterpart", "上海市教委"), ("no-counterpart", "大连市教育局")]
    assert rows[3]["placeholder_sides"] == ["大连市"]
    table = CliRunner().invoke(cli, ["gaps", path, "--kind", "no-counterpart", "--side", "大连市"]).stdout
    assert [line.split()[:2] for line in table.splitlines()[2:]] == [["no-counterpart", "大连市教育局"]]


def test_the_seed_task_that_names_dalian_units_only() -> None:
    result = CliRunner().invoke(cli, ["gaps", str(SEED), "--kind", "one-side", "--format", "json"])
    rows = json.loads(result.stdout)
    # (二十四) lists only Dalian units; every other annotated task names both sides.
    assert [(r["number"], r["missing"]) for r in rows] == [("八、(二十四)", ["上海市"])]
