"""``graphmodel pairs``: the must-show on the seed, and each format and filter."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import SEED, SeedFacts
from tests.graph.plans import plan_2020, plan_2021, save


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_seed_top_pair_is_the_cooperation_office_with_dalian_development_and_reform(seed_facts: SeedFacts) -> None:
    code, out, _ = run("pairs", str(SEED), "--top", "3", "--format", "json")
    assert code == 0
    pairs = json.loads(out)
    assert len(pairs) == 3
    first = pairs[0]
    facts = seed_facts
    assert (first["a"]["name"], first["a"]["side"]) == (facts.office, facts.office_side)
    assert (first["b"]["name"], first["b"]["side"]) == (facts.ndrc, facts.ndrc_side)
    assert first["shared"] == facts.shared == len(first["tasks"])
    assert first["jaccard"] == facts.jaccard
    assert all(set(t) == {"id", "number", "document"} for t in first["tasks"])
    # One of the shared tasks names the office by its other name: (十六), an alias of the same unit.
    text = SEED.read_text(encoding="utf-8")
    sixteen = next(t for t in first["tasks"] if t["number"].endswith("(十六)"))
    start = text.index("(十六)")
    assert facts.office_alias in text[start:text.index("(十七)")]
    assert sixteen["id"].endswith("(十六)")
    assert tuple(p["shared"] for p in pairs) == facts.top_three


def test_table_csv_and_filters(tmp_path: Path) -> None:
    paths = [str(save(plan_2020(), tmp_path)), str(save(plan_2021(), tmp_path))]
    code, out, _ = run("pairs", *paths, "--document", "2020年上海市与大连市对口合作重点工作计划")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["a", "a", "side", "b", "b", "side", "shared", "jaccard", "tasks"]
    # plan_2020 by hand: B–Y 2 (1.0), A–X 2 (0.5), B–X 1, A–Y 1.
    assert [line.split()[0] for line in lines[2:]] == ["上海市科委", "上海市政府合作交流办", "上海市科委",
                                                      "上海市政府合作交流办"]
    assert lines[3].split()[4:] == ["2", "0.500", "1", "2"]
    code, out, _ = run("pairs", *paths, "--unit", "大连市科技局", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["a"], r["shared"]) for r in rows] == [("上海市科委", "2"), ("上海市政府合作交流办", "1")]
    code, out, _ = run("pairs", *paths, "--side", "大连市", "--min-shared", "3", "--format", "json")
    assert json.loads(out)[0]["shared"] == 3 and len(json.loads(out)) == 1  # A–X over both years


def test_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    code, _, err = run("pairs", str(tmp_path / "missing.txt"))
    missing = tmp_path / "missing.txt"
    assert code == 2 and err.strip().splitlines() == [f"graphmodel: error: {missing}: no such file or folder"]
    path = str(save(plan_2020(), tmp_path))
    code, _, err = run("pairs", path, "--unit", "市农委")
    assert code == 2 and "no unit '市农委'" in err and "Traceback" not in err
    code, _, err = run("pairs", path, "--document", "2019")
    assert code == 2 and "no document '2019'" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run("pairs", str(empty))
    assert code == 2 and err.startswith("graphmodel: error: ") and "empty.txt" in err


def test_task_numbers_carry_the_year_when_several_plans_are_in_scope() -> None:
    from tests.conftest import DATA

    code, out, _ = run("pairs", str(DATA / "corpus"), "--top", "1", "--format", "csv")
    assert code == 0
    # 上海市政府合作交流办 and 大连市发展改革委 share (一)(二) in 2020 and (一)(二) in 2021.
    assert out.splitlines()[1].split(",")[-1] == "2020:一、(一) 2020:一、(二) 2021:一、(一) 2021:二、(二)"


def test_pairs_on_a_saved_pack_equal_pairs_on_the_plans(tmp_path: Path) -> None:
    # `pairs g.gmg` reads only the stored COUNTERPART edges; the answer is the one the whole
    # graph gives, in every format and filter, and also for a pack saved without them.
    from loaders.graph_files import read_graph, write_graph

    plans = Path(__file__).resolve().parents[1] / "data" / "corpus"
    gmg, bare = tmp_path / "g.gmg", tmp_path / "bare.gmg"
    assert run("build", str(plans), "-o", str(gmg), "--no-cache")[0] == 0
    graph = read_graph(gmg)
    graph.remove_edges_from([e for e in graph.edges(keys=True) if e[2] == "COUNTERPART"])
    write_graph(graph, bare)
    for args in (["--format", "json"], ["--top", "5"], ["--side", "大连市", "--format", "csv"],
                 ["--unit", "大连市发展改革委", "--format", "json"], ["--min-shared", "2"]):
        code, expected, _ = run("pairs", str(plans), "--no-cache", *args)
        assert code == 0 and expected.strip()
        for saved in (gmg, bare):
            assert run("pairs", str(saved), *args)[1] == expected, (saved.name, args)


def test_task_labels_remembered_are_the_labels_made_task_by_task() -> None:
    # `TaskLabels` makes each task's label once and each document's prefix once; the labels are
    # those made from each task's document record (the year, else the title, else the id).
    from graphmodel.graph import document_record, nodes_of_kind, task_document, task_number
    from graphmodel_cli.inputs import TaskLabels, task_labels
    from loaders.corpus import read_corpus_graph
    from tests.conftest import DATA

    graph = read_corpus_graph([DATA / "corpus"])
    docs = nodes_of_kind(graph, "Document")
    graph.nodes[docs[0]].pop("date")  # the title then
    graph.nodes[docs[1]].pop("date")
    graph.nodes[docs[1]].pop("title")  # the id then
    tasks = nodes_of_kind(graph, "Task")

    def by_record(task: str) -> str:
        doc = document_record(graph, task_document(graph, task))
        return f"{(doc.date or '')[:4] or doc.title or doc.id}:{task_number(graph, task)}"

    labels = TaskLabels(graph)
    assert labels(tasks) == labels(tasks) == [by_record(t) for t in tasks] == task_labels(graph, tasks)
    assert TaskLabels(graph, docs[:1])(tasks) == [task_number(graph, t) for t in tasks]  # one document: numbers
