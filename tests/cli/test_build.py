"""``graphmodel build``: the graph file, its summary, and a progress bar over many files."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from graphmodel.graph import build_graph
from graphmodel_cli.main import cli
from loaders.graph_files import read_graph
from tests.conftest import DATA
from tests.graph.plans import plan_2020, plan_2021, save


def test_build_writes_each_format_and_reports(tmp_path: Path) -> None:
    paths = [str(save(plan_2020(), tmp_path)), str(save(plan_2021(), tmp_path))]
    expected = build_graph([plan_2020(), plan_2021()])
    for name in ("g.json", "g.graphml", "g.gexf"):
        # --no-cache: each run reads the plans (a second build of one corpus comes from the graph cache)
        result = CliRunner().invoke(cli, ["build", "--no-cache", *paths, "-o", str(tmp_path / name), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert nx.utils.graphs_equal(read_graph(tmp_path / name), expected)
        counts = {r["what"]: r["count"] for r in json.loads(result.stdout)}
        assert counts["Document"] == 2 and counts["Unit"] == 7  # A B C X Y Z, and W in 2021
        assert f"wrote {tmp_path / name}" in result.stderr
        assert "Reading plans" in result.stderr  # the progress bar, on stderr


def test_build_of_the_corpus_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(DATA / "corpus"), "-o", str(tmp_path / "c.graphml")])
    assert result.exit_code == 0, result.output
    graph = read_graph(tmp_path / "c.graphml")
    assert sum(1 for _, k in graph.nodes(data="kind") if k == "Document") == 3


def test_a_wrong_extension_fails_before_reading(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), "-o", str(tmp_path / "g.csv")])
    assert result.exit_code == 2
    assert "unknown graph format '.csv'" in result.stderr and not (tmp_path / "g.csv").exists()
    result = CliRunner().invoke(cli, ["build", str(DATA / "corpus")])
    assert result.exit_code == 2 and "Missing option '-o'" in result.stderr


def test_every_saved_graph_format_is_read_back_as_a_graph_by_the_analyses(tmp_path: Path) -> None:
    # A .gmg pack used to be taken for a plan: "no annotations could be read" and an empty graph.
    seed = str(DATA / "2020-shanghai-dalian-plan.txt")
    from_plan = CliRunner().invoke(cli, ["pairs", seed, "--top", "3", "--format", "json"])
    assert from_plan.exit_code == 0, from_plan.output
    for suffix in (".gmg", ".json", ".graphml", ".gexf"):
        saved = tmp_path / f"seed{suffix}"
        assert CliRunner().invoke(cli, ["build", seed, "-o", str(saved)]).exit_code == 0
        got = CliRunner().invoke(cli, ["pairs", str(saved), "--top", "3", "--format", "json"])
        assert got.exit_code == 0, (suffix, got.output)
        assert "warning" not in got.stderr, (suffix, got.stderr)
        assert json.loads(got.stdout) == json.loads(from_plan.stdout), suffix


def test_a_graph_error_comes_after_the_report_and_nothing_is_written(tmp_path: Path) -> None:
    # The graph is built while the plans are read; an error it meets must still come where it
    # came when the graph was built after reading: after the skipped files and the warnings.
    first = save(plan_2020(), tmp_path)
    other = plan_2020()
    other.tasks = other.tasks[:-1]  # the same document id, saying something else
    (tmp_path / "other.json").write_text(json.dumps(other.to_dict(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "readme.md").write_text("not a plan", encoding="utf-8")  # skipped: a note
    (tmp_path / "notes.txt").write_text("没有任何责任单位的一段话。", encoding="utf-8")  # read, with a warning
    paths = [str(tmp_path / name) for name in ("readme.md", first.name, "other.json", "notes.txt")]
    out = tmp_path / "g.gmg"
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["build", "--no-cache", "--jobs", jobs, *paths, "-o", str(out)])
        assert result.exit_code == 2, result.output
        lines = [line for line in result.stderr.splitlines() if line.startswith("graphmodel:")]
        assert [line.split(":")[1] for line in lines] == [" note", " 1 of 4 files skipped (1 not a plan)",
                                                          " warning", " error"], lines
        assert "readme.md" in lines[0] and "notes.txt" in lines[2]
        assert lines[3].startswith("graphmodel: error: two different documents have the id")
        assert result.stdout == "" and not out.exists()
