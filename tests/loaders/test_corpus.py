"""Loading a corpus: paths into documents, documents into one graph, or a graph file back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.analysis import counterpart_pairs
from graphmodel.errors import InputError
from graphmodel.graph import build_graph
from loaders.corpus import expand_paths, is_graph_file, read_corpus_graph, read_extraction
from loaders.graph_files import write_graph
from tests.conftest import DATA, SEED, SeedFacts
from tests.graph.plans import A, X, plan_2020, plan_2021

CORPUS = DATA / "corpus"


def _save(tmp_path: Path) -> list[Path]:
    paths = []
    for ex in (plan_2020(), plan_2021()):
        p = tmp_path / f"{ex.document.title}.json"
        p.write_text(json.dumps(ex.to_dict(), ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    return paths


def test_folders_expand_to_their_documents_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "a.TXT", "c.docx", "d.pdf", "e.html", "notes.md", ".hidden/x.txt", "f.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == [
        "a.TXT", "b/2.txt", "c.docx", "d.pdf", "e.html"]
    # A file given twice is read once; files keep the order given.
    assert expand_paths([tmp_path / "d.pdf", tmp_path / "a.TXT", tmp_path / "d.pdf"]) == [
        tmp_path / "d.pdf", tmp_path / "a.TXT"]


def test_missing_paths_and_empty_folders_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt: no such file or folder"):
        expand_paths([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="the folder holds no document"):
        expand_paths([tmp_path])
    with pytest.raises(InputError, match="no document given"):
        expand_paths([])


def test_saved_extractions_build_one_graph_with_progress(tmp_path: Path) -> None:
    paths = _save(tmp_path)
    seen: list[Path] = []
    graph = read_corpus_graph(paths, progress=seen.append)
    assert seen == paths
    assert nx.utils.graphs_equal(graph, build_graph([plan_2020(), plan_2021()]))


def test_a_graph_file_is_read_back_but_only_alone(tmp_path: Path) -> None:
    graph = build_graph([plan_2020()])
    for name in ("g.json", "g.graphml", "g.gexf"):
        write_graph(graph, tmp_path / name)
        assert is_graph_file(tmp_path / name)
        assert nx.utils.graphs_equal(read_corpus_graph([tmp_path / name]), graph)
    extraction = _save(tmp_path)[0]
    assert not is_graph_file(extraction)
    with pytest.raises(InputError, match="a built graph must be given alone"):
        read_corpus_graph([tmp_path / "g.json", extraction])


def test_a_json_that_is_neither_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(InputError, match="neither a graphmodel.extraction/1 extraction nor a graph file"):
        read_extraction(tmp_path / "x.json")
    (tmp_path / "y.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="y.json: not a JSON file"):
        read_corpus_graph([tmp_path / "y.json"])


# -- with the extraction: documents as text -----------------------------------------------


def test_the_corpus_fixture_builds_one_graph_in_which_shared_units_are_one_node() -> None:
    graph = read_corpus_graph([CORPUS])
    docs = sorted(n for n, k in graph.nodes(data="kind") if k == "Document")
    assert [d.partition("@")[0] for d in docs] == [
        "doc:2020年上海市与大连市对口合作工作要点", "doc:2021年上海市与大连市对口合作工作要点",
        "doc:2021年江苏省与辽宁省对口合作工作要点"]
    assert sorted(n for n, k in graph.nodes(data="kind") if k == "Side") == [
        "side:上海市", "side:大连市", "side:江苏省", "side:辽宁省"]
    # 上海市政府合作交流办 is named in both Shanghai–Dalian plans (once as 上海市合作交流办公室).
    assert [n for n, d in graph.nodes(data=True) if d.get("name") == "上海市政府合作交流办"] == [A]
    tasks = {t for _, t, k in graph.out_edges(A, keys=True) if k == "RESPONSIBLE_FOR"}
    assert {graph.nodes[t]["document"] for t in tasks} == {docs[0], docs[1]}
    # By hand: A has 2020 (一)(二)(五) and 2021 (一)(二); X 2020 (一)(二) and 2021 (一)(二).
    # They share 4 tasks of the 5 either has.
    edge = graph.edges[A, X, "COUNTERPART"]
    assert edge["count"] == 4 and edge["jaccard"] == 0.8
    # Jiangsu–Liaoning: 发展改革委 JS {(一),(三)}, LN {(一)}; 教育厅 JS, LN {(三)}; 科技厅 JS, LN {(二)};
    # 文化和旅游厅 faces only 各有关单位. Ties on 1 shared task go by Jaccard, then name.
    pairs = [(p.a.name, p.b.name, p.shared, p.jaccard) for p in counterpart_pairs(graph, side="江苏省")]
    assert pairs == [("江苏省教育厅", "辽宁省教育厅", 1, 1.0), ("江苏省科技厅", "辽宁省科技厅", 1, 1.0),
                     ("江苏省发展改革委", "辽宁省发展改革委", 1, 0.5), ("江苏省发展改革委", "辽宁省教育厅", 1, 0.5)]


def test_the_seed_builds_from_its_text(seed_facts: SeedFacts) -> None:
    graph = read_corpus_graph([SEED])
    pairs = counterpart_pairs(graph, top=1)
    assert (pairs[0].a.name, pairs[0].b.name, pairs[0].shared) == seed_facts.top_pair
    # (十六) names the office by its other name; the alias table makes it the same node.
    sixteen = next(t for t in pairs[0].tasks if t.endswith("(十六)"))
    assert graph.edges[pairs[0].a.id, sixteen, "RESPONSIBLE_FOR"]["mention"] == seed_facts.office_alias


def test_a_link_to_nothing_is_kept_for_the_reader_and_names_as_given_kept(tmp_path: Path) -> None:
    # One status a path (`_kind`); a broken link is the reader's to refuse by name, as before.
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert expand_paths([tmp_path / "gone.txt", str(tmp_path / "a.txt")]) == [
        tmp_path / "gone.txt", tmp_path / "a.txt"]
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([tmp_path / "a.txt" / "below"])  # not a folder: nothing there
