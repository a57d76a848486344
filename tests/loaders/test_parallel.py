"""Extraction in worker processes: the same results, in path order, with errors as with one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphmodel.errors import InputError
from graphmodel.graph.from_rows import ExtractionRow
from graphmodel.model import Extraction
from loaders.cache import ExtractionCache
from loaders.corpus import expand_paths, read_extraction
from loaders.parallel import default_jobs, extract_documents
from tests.conftest import DATA

FOLDERS = [DATA / "corpus", DATA / "plans", DATA / "plans2"]


def test_two_workers_give_the_extractions_of_one_in_path_order(tmp_path: Path) -> None:
    files = expand_paths(FOLDERS)
    done: list[Path] = []
    two = list(extract_documents(files, jobs=2, progress=done.append))
    assert done == files
    assert [ex.to_dict() for ex in two] == [read_extraction(p).to_dict() for p in files]


def test_with_rows_a_workers_extraction_comes_as_the_row_it_sent(tmp_path: Path) -> None:
    files = [*expand_paths(FOLDERS), DATA / "failures" / "number-glitch.txt"]  # the last warns
    got = list(extract_documents(files, jobs=2, rows=True))
    assert all(isinstance(ex, ExtractionRow) for ex in got)
    rows = [ex for ex in got if isinstance(ex, ExtractionRow)]
    expected = [read_extraction(p) for p in files]
    assert [ex.extraction().to_dict() for ex in rows] == [ex.to_dict() for ex in expected]
    for row, ex in zip(rows, expected, strict=True):
        assert (row.document_id, row.title, row.source) == (ex.document.id, ex.document.title, ex.document.source)
        assert row.unit_names() == [n for u in ex.units for n in (u.name, *u.aliases)]
        assert row.warnings() == ex.warnings
    assert rows[-1].warnings()
    # One job works here: its extractions are made, not sent.
    assert all(isinstance(ex, Extraction) for ex in extract_documents(files[:2], jobs=1, rows=True))


def test_workers_fill_and_read_the_cache(tmp_path: Path) -> None:
    files = expand_paths([DATA / "corpus"])
    cache = ExtractionCache(tmp_path / "cache")
    cold = [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache)]
    entries = sorted((tmp_path / "cache").rglob("*.mz"))
    assert len(entries) == len(files)
    warm = [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache)]
    assert warm == cold
    assert sorted((tmp_path / "cache").rglob("*.mz")) == entries


def test_a_worker_makes_the_row_once_for_the_entry_and_the_sending(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal
    import os

    from graphmodel.model import Extraction
    from loaders import parallel
    from loaders.cache import decode

    plan = expand_paths([DATA / "corpus"])[0]
    cache = ExtractionCache(tmp_path / "cache")
    expected = read_extraction(plan).to_row()  # (the first call puts the compiled `to_row` in place)
    rows: list[Extraction] = []
    to_row = Extraction.to_row
    monkeypatch.setattr(Extraction, "to_row", lambda ex: rows.append(ex) or to_row(ex))
    for name, value in {"aliases": None, "cache": cache, "skip": True, "corrections": None}.items():
        monkeypatch.setitem(parallel._WORKER, name, value)
    key = cache.key(plan.read_bytes(), os.path.abspath(plan))
    sent = parallel._work((plan, key))
    assert isinstance(sent, bytes) and len(rows) == 1  # one row, for the entry and the sending
    assert marshal.loads(sent) == expected  # the whole row
    entry = cache.path(key).read_bytes().partition(b"\n")[2]
    assert entry == sent  # one encoding for the entry and the sending
    assert to_row(decode(entry)) == expected
    assert parallel._received(sent).to_dict() == read_extraction(plan).to_dict()
    # Without a cache, the row is made to be sent.
    monkeypatch.setitem(parallel._WORKER, "cache", None)
    again = parallel._work((plan, None))
    assert len(rows) == 2 and marshal.loads(again) == expected


def test_an_error_in_a_worker_is_the_callers_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(DATA / "corpus", folder)
    (folder / "zz-empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="zz-empty.txt"):
        list(extract_documents(expand_paths([folder]), jobs=2))


def test_the_default_is_the_cores_available() -> None:
    import os

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_jobs() == expected


def test_a_reader_error_keeps_its_class_and_attributes(tmp_path: Path) -> None:
    from loaders.documents import ReadError

    folder = tmp_path / "plans"
    shutil.copytree(DATA / "corpus", folder)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    with pytest.raises(ReadError) as caught:
        list(extract_documents(expand_paths([folder]), jobs=2))
    assert caught.value.path == folder / "zz-binary.txt" or str(caught.value.path).endswith("zz-binary.txt")


def test_cached_documents_are_read_here_and_only_the_others_go_to_workers(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import loaders.parallel

    folder = tmp_path / "plans"
    shutil.copytree(DATA / "corpus", folder / "corpus")
    shutil.copytree(DATA / "plans", folder / "plans")
    files = expand_paths([folder])
    assert len(files) >= 4
    cache = ExtractionCache(tmp_path / "cache")

    def keys() -> list[str | None]:
        return [cache.key(p.read_bytes(), os.path.abspath(p)) for p in files]

    cold = [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache, keys=keys())]
    started: list[int] = []
    real = loaders.parallel._context

    def context() -> object:
        started.append(1)
        return real()

    monkeypatch.setattr(loaders.parallel, "_context", context)
    done: list[Path] = []
    warm = [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache, keys=keys(), progress=done.append)]
    assert warm == cold and done == files
    assert started == []  # every entry was there: no worker
    assert [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache)] == cold  # keys computed here
    assert started == []
    for changed in files[1:3]:  # two documents to extract again: workers for them, the rest read here
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = [ex.to_dict() for ex in extract_documents(files, jobs=2, cache=cache, keys=keys())]
    assert started == [1]
    assert again == [read_extraction(p).to_dict() for p in files]


def _threshold(_: int) -> int:
    import gc

    return gc.get_threshold()[0]


def test_a_worker_collects_young_objects_less_often_than_the_caller() -> None:
    import gc

    from loaders.parallel import _context, _start

    pool = _context().Pool(1, initializer=_start, initargs=(None, None, False, None))
    try:
        assert pool.map(_threshold, [0]) == [50_000]
    finally:
        pool.close()
        pool.join()
    assert gc.get_threshold()[0] != 50_000  # the caller's own setting is left alone
