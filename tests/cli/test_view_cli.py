"""``graphmodel view``: writes one page per view, and turns bad requests into one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from graphmodel_cli.main import cli
from loaders.corpus import read_corpus_graph
from loaders.graph_files import write_graph
from tests.conftest import DATA, SEED


def page_data(page: str) -> dict:
    return json.loads(re.search(r'id="graphmodel-data">(.*?)</script>', page, re.S).group(1))


def run(*args: str):
    return CliRunner().invoke(cli, ["view", *args])


def test_writes_each_view_of_the_seed(tmp_path: Path) -> None:
    graph = read_corpus_graph([SEED])
    network_edges = sum(1 for *_, k in graph.edges(keys=True) if k != "COUNTERPART")
    out = tmp_path / "network.html"
    got = run(str(SEED), "-o", str(out))
    assert got.exit_code == 0, got.output
    assert got.output == (f"wrote {out}: network view, {graph.number_of_nodes()} nodes, "
                          f"{network_edges} edges\n")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "大连市发展改革委" in page
    pairs = sum(1 for *_, k in graph.edges(keys=True) if k == "COUNTERPART")
    for view, extra, counts in (("counterparts", [], f"102 nodes, {pairs} edges"),
                                ("matrix", [], f"102 nodes, {pairs} edges"),
                                ("focus", ["--focus", "大连市发展改革委"], None)):
        out = tmp_path / f"{view}.html"
        got = run(str(SEED), "-o", str(out), "--view", view, *extra)
        assert got.exit_code == 0, got.output
        assert f": {view} view," in got.output and (counts is None or counts in got.output)
        # The focus view inlines vis-network (≈ 700 kB); the canvas views carry their own small script.
        assert out.stat().st_size > (400_000 if view == "focus" else 20_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counterparts.html", "focus.html", "matrix.html",
                                                          "network.html"]


def test_focus_alone_means_the_focus_view_and_side_limits(tmp_path: Path) -> None:
    got = run(str(SEED), "-o", str(tmp_path / "f.html"), "--focus", "上海市合作交流办公室")
    assert got.exit_code == 0, got.output
    assert ": focus view," in got.output
    got = run(str(SEED), "-o", str(tmp_path / "s.html"), "--view", "counterparts", "--side", "大连市")
    assert got.exit_code == 0, got.output


def test_two_sides_choose_the_pair_shown_first(tmp_path: Path) -> None:
    corpus = [str(DATA / "plans" / n) for n in ("2021-shanghai-dalian-plan.txt", "2021-jiangsu-liaoning-plan.txt")]
    out = tmp_path / "m.html"
    got = run(*corpus, "-o", str(out), "--view", "matrix", "--side", "辽宁省", "--side", "江苏省")
    assert got.exit_code == 0, got.output
    data = page_data(out.read_text(encoding="utf-8"))
    shown = data["pairs"][data["pair"]]
    assert {data["sides"][shown["left"]], data["sides"][shown["right"]]} == {"江苏省", "辽宁省"}
    got = run(*corpus, "-o", str(out), "--view", "counterparts", "--side", "上海市", "--side", "辽宁省")
    assert got.exit_code == 2 and "no counterpart links join 上海市 and 辽宁省" in got.stderr

def test_a_built_graph_file_gives_the_same_page(tmp_path: Path) -> None:
    graph_file = tmp_path / "seed.graphml"
    write_graph(read_corpus_graph([SEED]), graph_file)
    assert run(str(SEED), "-o", str(tmp_path / "a.html"), "--view", "counterparts").exit_code == 0
    assert run(str(graph_file), "-o", str(tmp_path / "b.html"), "--view", "counterparts").exit_code == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_bad_requests_are_one_line_errors(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    cases = [
        ((str(SEED), "-o", str(out), "--focus", "不存在的单位"), "no unit '不存在的单位' in the graph"),
        ((str(SEED), "-o", str(out), "--view", "network", "--focus", "大连市发展改革委"), "for the focus view"),
        ((str(SEED), "-o", str(out), "--side", "北京市"), "no side '北京市' in the graph (sides: 上海市、大连市)"),
        ((str(tmp_path / "missing.txt"), "-o", str(out)), "missing.txt: no such file or folder"),
        ((str(SEED), "-o", str(tmp_path / "no" / "x.html")), "the folder"),
    ]
    for args, message in cases:
        got = run(*args)
        assert got.exit_code == 2, (args, got.output)
        assert got.stderr.startswith("graphmodel: error: ") and message in got.stderr, got.stderr
        assert got.stderr.count("\n") == 1 and "Traceback" not in got.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
