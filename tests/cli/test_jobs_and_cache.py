"""The results of the commands do not depend on --jobs or on the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import DATA

CORPUS = [str(DATA / "plans"), str(DATA / "plans2"), str(DATA / "plans3")]


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    return CliRunner()


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [["build", "-o", "{tmp}/g.gmg"], ["pairs"]])
def test_json_is_the_same_with_one_or_two_jobs_cached_or_not(runner: CliRunner, tmp_path: Path,
                                                            command: list[str]) -> None:
    args = [a.format(tmp=tmp_path) for a in command]
    outputs = [
        _out(runner, *args, *CORPUS, "--format", "json", "--jobs", "1", "--no-cache"),
        _out(runner, *args, *CORPUS, "--format", "json", "--jobs", "2", "--no-cache"),
        _out(runner, *args, *CORPUS, "--format", "json", "--jobs", "2"),  # fills the cache
        _out(runner, *args, *CORPUS, "--format", "json", "--jobs", "1"),  # reads it
    ]
    assert outputs[0] and all(out == outputs[0] for out in outputs)
    assert (tmp_path / "cache" / "graphs").is_dir()


def test_built_graphs_are_the_same_file_with_one_or_two_jobs(runner: CliRunner, tmp_path: Path) -> None:
    _out(runner, "build", *CORPUS, "-o", str(tmp_path / "one.json"), "--jobs", "1", "--no-cache")
    _out(runner, "build", *CORPUS, "-o", str(tmp_path / "two.json"), "--jobs", "2", "--no-cache")
    _out(runner, "build", *CORPUS, "-o", str(tmp_path / "warm.json"), "--jobs", "2")
    _out(runner, "build", *CORPUS, "-o", str(tmp_path / "warm2.json"), "--jobs", "2")
    one = (tmp_path / "one.json").read_bytes()
    assert one == (tmp_path / "two.json").read_bytes() == (tmp_path / "warm.json").read_bytes()
    assert one == (tmp_path / "warm2.json").read_bytes()


def test_no_cache_writes_no_entry(runner: CliRunner, tmp_path: Path) -> None:
    _out(runner, "pairs", str(DATA / "corpus"), "--no-cache")
    assert not (tmp_path / "cache").exists()


def test_notes_and_warnings_are_shown_again_when_the_graph_comes_from_the_cache(runner: CliRunner,
                                                                             tmp_path: Path) -> None:
    first = runner.invoke(cli, ["pairs", str(DATA / "plans2")])
    second = runner.invoke(cli, ["pairs", str(DATA / "plans2")])
    assert first.exit_code == second.exit_code == 0
    said = [line for line in first.stderr.splitlines() if line.startswith("graphmodel:")]
    assert any("skipped" in line for line in said)  # the folder's README is not a plan
    assert said == [line for line in second.stderr.splitlines() if line.startswith("graphmodel:")]
    assert list((tmp_path / "cache" / "graphs").glob("*.gmg"))  # the second came from the graph cache


def test_warnings_are_the_same_with_one_or_two_jobs(runner: CliRunner, tmp_path: Path) -> None:
    # Two jobs hand the builder the workers' rows (not extractions): the warnings read from them.
    warning = [str(DATA / "failures" / "number-glitch.txt"), str(DATA / "failures" / "unknown-keyword.txt")]
    printed = []
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["build", *CORPUS, *warning, "-o", str(tmp_path / f"g{jobs}.gmg"),
                                     "--jobs", jobs, "--no-cache"])
        assert result.exit_code == 0, result.output
        printed.append([line for line in result.stderr.splitlines() if line.startswith("graphmodel: warning")])
    assert len(printed[0]) >= 4
    assert printed[0] == printed[1]
    assert (tmp_path / "g1.gmg").read_bytes() == (tmp_path / "g2.gmg").read_bytes()
