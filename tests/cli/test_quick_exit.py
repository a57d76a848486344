"""The console script leaves with a quick exit after a command that succeeded: every output whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import graphmodel_cli.main
from graphmodel_cli.main import cli
from loaders.graph_files import read_graph
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = [sys.executable, "-c", "from graphmodel_cli.main import main; main()"]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRAPHMODEL_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([*SCRIPT, *args], cwd=tmp_path, capture_output=True, text=True, env=env)


def test_outputs_are_whole_after_the_quick_exit(tmp_path: Path) -> None:
    plans = str(DATA / "plans")
    for _ in range(2):  # built, then from the graph cache
        done = _run(["build", plans, "-o", "g.gmg", "--jobs", "1"], tmp_path)
        assert done.returncode == 0, done.stderr
        assert "wrote g.gmg" in done.stderr and done.stdout.strip()  # the table, flushed
        expected = CliRunner().invoke(cli, ["build", plans, "-o", str(tmp_path / "h.gmg"), "--jobs", "1"])
        assert list(read_graph(tmp_path / "g.gmg").edges(keys=True, data=True)) == list(
            read_graph(tmp_path / "h.gmg").edges(keys=True, data=True))
        assert expected.exit_code == 0
    done = _run(["pairs", "g.gmg", "--format", "json"], tmp_path)
    assert done.returncode == 0, done.stderr
    in_process = CliRunner().invoke(cli, ["pairs", str(tmp_path / "g.gmg"), "--format", "json"])
    assert json.loads(done.stdout) == json.loads(in_process.stdout) and json.loads(done.stdout)
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary left beside the outputs


def test_a_failed_command_exits_as_before(tmp_path: Path) -> None:
    done = _run(["pairs", str(tmp_path / "missing.gmg")], tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("graphmodel: error: ") and len(done.stderr.strip().splitlines()) == 1


def test_in_process_nothing_is_kept(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["pairs", str(DATA / "plans"), "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert graphmodel_cli.main._KEPT == []  # only the console script keeps a graph to its end
