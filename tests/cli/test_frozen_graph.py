"""A command's graph is out of the garbage collector's reach while the command runs, and only then."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graphmodel_cli.pairs_command
from graphmodel.analysis import counterpart_pairs
from graphmodel.errors import GraphError
from graphmodel.graph import GraphBuilder
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


def test_the_collector_is_off_while_plans_are_read_and_on_after(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    # The extractions come back from the workers while the collector is off; it is on again after
    # the command, whether it succeeded or failed.
    import graphmodel_cli.inputs as inputs

    seen: list[bool] = []

    class Watched(GraphBuilder):
        def add(self, extraction: Any) -> None:
            seen.append(gc.isenabled())
            super().add(extraction)

        def add_row(self, row: Any) -> None:  # what a worker sent
            seen.append(gc.isenabled())
            super().add_row(row)

    monkeypatch.setattr(inputs, "GraphBuilder", Watched)
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    plans = [str(p) for p in sorted((DATA / "plans").glob("*.txt"))]
    result = CliRunner().invoke(cli, ["build", *plans, "-o", str(tmp_path / "g.gmg"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert len(seen) == len(plans) > 1 and not any(seen)
    assert gc.isenabled()
    gc.unfreeze()

    def broken(self: Any, extraction: Any) -> None:
        raise GraphError("two different documents have the id 'x'")

    monkeypatch.setattr(Watched, "add", broken)
    monkeypatch.setattr(Watched, "add_row", broken)
    result = CliRunner().invoke(cli, ["build", *plans, "-o", str(tmp_path / "h.gmg"), "--no-cache"])
    assert result.exit_code == 2 and "two different documents" in result.output
    assert gc.isenabled()
