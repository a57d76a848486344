"""A command's graph is out of the garbage collector's reach while the command runs, and only then."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graphmodel_cli.pairs_command
from graphmodel.analysis import counterpart_pairs
from graphmodel_cli.main import cli
from tests.conftest import DATA


def test_the_graph_is_frozen_during_the_command_and_unfrozen_after(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[int] = []

    def pairs(graph: Any, **options: Any) -> Any:
        seen.append(gc.get_freeze_count())
        return counterpart_pairs(graph, **options)

    monkeypatch.setattr(graphmodel_cli.pairs_command, "counterpart_pairs", pairs)
    gc.unfreeze()
    for _ in range(2):  # built, then from the graph cache
        result = CliRunner().invoke(cli, ["pairs", str(DATA / "plans"), "--jobs", "1"])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() == 0
    assert len(seen) == 2 and all(n > 0 for n in seen)
