"""``graphmodel suggest UNIT``: candidates by shared tasks, then function, then name."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import SEED
from tests.graph.plans import plan_2020, save


def test_suggest_on_the_small_plan(tmp_path: Path) -> None:
    path = str(save(plan_2020(), tmp_path))
    result = CliRunner().invoke(cli, ["suggest", "上海市教委", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # 上海市教委 shares no task; 大连市教育局 does the same job (教育).
    assert [(r["unit"]["name"], r["shared"], r["functions"]) for r in rows] == [("大连市教育局", 0, ["教育"])]
    assert rows[0]["for"]["name"] == "上海市教委"
    table = CliRunner().invoke(cli, ["suggest", "科委", path]).stdout.splitlines()
    assert [line.split()[0] for line in table[2:]] == ["大连市科技局", "大连市发展改革委"]


def test_suggest_on_the_seed_puts_the_science_bureau_first() -> None:
    result = CliRunner().invoke(cli, ["suggest", "市科委", str(SEED), "--top", "1", "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows[0]["unit"]["name"] == "大连市科技局" and "科技" in rows[0]["functions"]


def test_an_unknown_or_ambiguous_unit_is_an_error(tmp_path: Path) -> None:
    path = str(save(plan_2020(), tmp_path))
    result = CliRunner().invoke(cli, ["suggest", "局", path])
    assert result.exit_code == 2 and "ambiguous" in result.stderr
    result = CliRunner().invoke(cli, ["suggest", "局", path, "--side", "上海市"])
    assert result.exit_code == 2 and "no unit '局' on the side 上海市" in result.stderr
