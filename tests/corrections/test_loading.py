"""loaders.corrections (reading, finding beside the plans) and the library's corpus paths:
corrections applied alike in one process, in workers, through the caches."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.corrections import FILE_NAME, HEADER, CorrectionsError
from loaders.cache import ExtractionCache
from loaders.corpus import read_corpus, read_corpus_graph
from loaders.corrections import corrections_for, find_corrections, read_corrections
from loaders.parallel import build_documents
from tests.conftest import DATA

PLAN = DATA / "corrections" / "plan.txt"
OTHER = DATA / "plans" / "2019-beijing-shenyang-plan.txt"
DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
EDGE = ("unit:遵义市/遵义市教育局", f"{DOC}#二、(二)", "RESPONSIBLE_FOR")
FIX = [f"remove\t{DOC}\t二、(二)\t教育局", f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市"]


@pytest.fixture()
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLAN, folder / "zunyi.txt")
    shutil.copy(OTHER, folder / "beijing.txt")
    return folder


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_found_in_a_folder_given_and_in_the_folder_of_a_file(plans: Path, tmp_path: Path) -> None:
    assert find_corrections([plans]) == [] and corrections_for([plans]) is None
    fixes = _write(plans / FILE_NAME, *FIX)
    assert find_corrections([plans, plans / "zunyi.txt", plans / "beijing.txt"]) == [fixes]
    found = corrections_for([plans / "zunyi.txt"])
    assert found is not None and not found.named and [c.line for c in found] == [2, 3]
    named = corrections_for([plans], _write(tmp_path / "other.tsv", FIX[0]))
    assert named is not None and named.named and len(named) == 1


def test_reading_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsError, match="none.tsv: no such corrections file"):
        read_corrections(tmp_path / "none.tsv")
    with pytest.raises(CorrectionsError, match=r"folder: corrections file: "):
        (tmp_path / "folder").mkdir()
        read_corrections(tmp_path / "folder")
    (tmp_path / "bad.tsv").write_bytes(HEADER.encode() + b"\nadd\t\xff\n")
    with pytest.raises(CorrectionsError, match=r"bad.tsv:2: the corrections file is not UTF-8"):
        read_corrections(tmp_path / "bad.tsv")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.tsv")
        with pytest.raises(CorrectionsError, match="pipe.tsv: corrections file: "):
            read_corrections(tmp_path / "pipe.tsv")


def test_one_process_workers_and_the_cache_give_one_result(plans: Path, tmp_path: Path) -> None:
    fixes = read_corrections(_write(tmp_path / "c.tsv", *FIX))
    cache = ExtractionCache(tmp_path / "cache")
    runs = [read_corpus([plans], corrections=fixes),
            read_corpus([plans], corrections=fixes, jobs=2),
            read_corpus([plans], corrections=fixes, jobs=2, cache=cache),  # fills the cache
            read_corpus([plans], corrections=fixes, jobs=1, cache=cache)]  # reads it
    dicts = [[ex.to_dict() for ex in run.extractions] for run in runs]
    assert all(d == dicts[0] for d in dicts)
    zunyi = next(ex for ex in runs[0].extractions if ex.document.id == DOC)
    assert any(r.correction == f"{tmp_path / 'c.tsv'}:3" for t in zunyi.tasks for r in t.responsibilities)
    # The cache holds the extractor's reading; the corrections are applied after.
    plain = read_corpus([plans], jobs=1, cache=cache)
    assert all(r.correction is None for ex in plain.extractions for t in ex.tasks for r in t.responsibilities)


def test_the_graph_cache_key_holds_the_corrections(plans: Path, tmp_path: Path) -> None:
    paths = sorted(plans.glob("*.txt"))
    first = read_corrections(_write(tmp_path / "c.tsv", *FIX))
    a = build_documents(paths, jobs=1, cache=True, cache_dir=tmp_path / "cache", corrections=first)
    assert a.edges[EDGE]["role"] == "support"
    second = read_corrections(_write(tmp_path / "c.tsv", FIX[0], FIX[1].replace("support", "lead")))
    b = build_documents(paths, jobs=2, cache=True, cache_dir=tmp_path / "cache", corrections=second)
    assert b.edges[EDGE]["role"] == "lead"
    c = build_documents(paths, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    assert EDGE not in c.edges
    again = build_documents(paths, jobs=2, cache=True, cache_dir=tmp_path / "cache", corrections=first)
    assert nx.utils.graphs_equal(again, a) and len(list((tmp_path / "cache" / "graphs").glob("*.gmg"))) == 3
    assert nx.utils.graphs_equal(read_corpus_graph([plans], corrections=first), a)


def test_saved_extractions_are_taken_as_saved(plans: Path, tmp_path: Path) -> None:
    import json

    fixes = read_corrections(_write(tmp_path / "c.tsv", *FIX))
    corrected = next(ex for ex in read_corpus([plans / "zunyi.txt"], corrections=fixes).extractions)
    saved = tmp_path / "zunyi.json"
    saved.write_text(json.dumps(corrected.to_dict(), ensure_ascii=False), encoding="utf-8")
    again = read_corpus([saved], corrections=fixes).extractions[0]
    assert [w.message for w in again.warnings] == [w.message for w in corrected.warnings]  # not corrected twice
    assert again.to_dict()["tasks"] == corrected.to_dict()["tasks"]


@pytest.mark.parametrize("suffix", ["gmg", "json", "graphml", "gexf"])
def test_graph_files_keep_the_correction(tmp_path: Path, suffix: str) -> None:
    from loaders.graph_files import read_graph, write_graph

    fixes = read_corrections(DATA / "corrections" / FILE_NAME)
    graph = read_corpus_graph([DATA / "corrections" / "plan.txt"], corrections=fixes)
    write_graph(graph, tmp_path / f"g.{suffix}")
    back = read_graph(tmp_path / f"g.{suffix}")
    assert nx.utils.graphs_equal(graph, back)
    assert back.edges[EDGE]["correction"] == f"{DATA / 'corrections' / FILE_NAME}:5"
