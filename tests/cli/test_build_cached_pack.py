"""``build -o FILE.gmg`` copies the graph cache's pack instead of encoding the graph again."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import loaders.graphpack
from graphmodel_cli.main import cli
from tests.conftest import DATA

CORPUS = [str(DATA / "plans"), str(DATA / "plans2")]


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    return CliRunner()


def _build(runner: CliRunner, out: Path, *extra: str) -> None:
    result = runner.invoke(cli, ["build", *CORPUS, "-o", str(out), "--jobs", "1", *extra])
    assert result.exit_code == 0, result.output


def _no_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("the graph was encoded again")

    monkeypatch.setattr(loaders.graphpack, "pack_data", fail)


def test_the_copied_pack_is_the_file_an_encoding_writes(runner: CliRunner, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _build(runner, tmp_path / "plain.gmg", "--no-cache")
    _build(runner, tmp_path / "cold.gmg")  # kept in the graph cache, then copied from there
    with monkeypatch.context() as m:
        _no_encoding(m)
        _build(runner, tmp_path / "warm.gmg")  # read from the graph cache
    plain = (tmp_path / "plain.gmg").read_bytes()
    assert plain == (tmp_path / "cold.gmg").read_bytes() == (tmp_path / "warm.gmg").read_bytes()


def test_a_damaged_entry_is_not_copied(runner: CliRunner, tmp_path: Path) -> None:
    _build(runner, tmp_path / "plain.gmg", "--no-cache")
    _build(runner, tmp_path / "cold.gmg")
    [entry] = (tmp_path / "cache" / "graphs").glob("*.gmg")
    raw = entry.read_bytes()
    entry.write_bytes(raw.replace(b'"strings":[', b'"strings":["x",', 1))  # its digest no longer holds
    _build(runner, tmp_path / "again.gmg")  # built again, and kept again
    assert (tmp_path / "again.gmg").read_bytes() == (tmp_path / "plain.gmg").read_bytes()
    assert entry.read_bytes() == raw


def test_other_formats_are_encoded(runner: CliRunner, tmp_path: Path) -> None:
    _build(runner, tmp_path / "plain.json", "--no-cache")
    _build(runner, tmp_path / "cold.gmg")
    _build(runner, tmp_path / "warm.json")
    assert (tmp_path / "warm.json").read_bytes() == (tmp_path / "plain.json").read_bytes()


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("the graph was read")

    monkeypatch.setattr(loaders.graphpack, "unpack_data", fail)


def test_a_warm_build_copies_the_pack_and_prints_the_summary_without_reading_the_graph(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["build", *CORPUS, "--jobs", "1", "--format", "json"]
    plain = runner.invoke(cli, [*args, "-o", str(tmp_path / "plain.gmg"), "--no-cache"])
    cold = runner.invoke(cli, [*args, "-o", str(tmp_path / "cold.gmg")])
    with monkeypatch.context() as m:
        _no_reading(m)
        _no_encoding(m)
        warm = runner.invoke(cli, [*args, "-o", str(tmp_path / "warm.gmg")])
    assert plain.exit_code == cold.exit_code == warm.exit_code == 0, warm.output
    assert plain.stdout == cold.stdout == warm.stdout and '"what": "Task"' in warm.stdout
    def lines(stderr: str, name: str) -> list[str]:  # the notes and the summary, without the progress bar
        return [line.split("graphmodel: ", 1)[1].replace(name, "x") for line in stderr.splitlines()
                if "graphmodel: " in line]

    assert lines(plain.stderr, "plain.gmg") == lines(warm.stderr, "warm.gmg")
    assert (tmp_path / "plain.gmg").read_bytes() == (tmp_path / "warm.gmg").read_bytes()


def test_a_tampered_summary_is_not_trusted(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["build", *CORPUS, "--jobs", "1", "--format", "json"]
    plain = runner.invoke(cli, [*args, "-o", str(tmp_path / "plain.gmg"), "--no-cache"])
    runner.invoke(cli, [*args, "-o", str(tmp_path / "cold.gmg")])
    [entry] = (tmp_path / "cache" / "graphs").glob("*.gmg")
    raw = entry.read_bytes()
    assert raw.count(b'"Task", ') == 1
    entry.write_bytes(raw.replace(b'"Task", ', b'"Task", 1', 1))  # a count changed in the header only
    with monkeypatch.context() as m:
        _no_encoding(m)
        warm = runner.invoke(cli, [*args, "-o", str(tmp_path / "warm.gmg")])  # the graph read, not the summary
    assert warm.exit_code == 0 and warm.stdout == plain.stdout
