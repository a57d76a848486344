"""``graphmodel stats``: counts of a graph, and its documents."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphmodel.graph import build_graph
from graphmodel_cli.main import cli
from loaders.graph_files import write_graph
from tests.graph.plans import plan_2020, plan_2021


def test_stats_of_a_built_graph(tmp_path: Path) -> None:
    write_graph(build_graph([plan_2020(), plan_2021()]), tmp_path / "g.graphml")
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "g.graphml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 8 + 2 tasks; units A B C X Y Z W; 2020 has 4 pairs, 2021 has 5.
    assert data["counts"]["Task"] == 10 and data["counts"]["Unit"] == 7
    assert [(d["document"][4:8], d["tasks"], d["pairs"]) for d in data["documents"]] == [
        ("2020", 8, 4), ("2021", 2, 5)]
    table = CliRunner().invoke(cli, ["stats", str(tmp_path / "g.graphml")]).stdout
    assert "Document" in table and "2020-05-11" in table
