"""The extraction and graph caches: keyed by content, version, aliases and path; never trusted."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import time
import zlib
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.extract.canonical import AliasTable
from graphmodel.model import Extraction
from loaders.cache import (
    CACHE_FORMAT,
    ExtractionCache,
    GraphCache,
    _expanded,
    aliases_digest,
    cache_directory,
    decode,
    encode,
    extractor_version,
)
from loaders.corpus import read_extraction
from loaders.parallel import build_documents, extract_one
from tests.conftest import DATA

PLAN = DATA / "corpus" / "2020-shanghai-dalian.txt"


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / PLAN.name
    path.parent.mkdir()
    shutil.copy(PLAN, path)
    return path


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every document the extractor reads."""
    import loaders.corpus

    calls: list[str] = []
    real = loaders.corpus.read_extraction

    def spy(path, aliases=None):  # noqa: ANN001, ANN202
        calls.append(str(path))
        return real(path, aliases)

    monkeypatch.setattr(loaders.corpus, "read_extraction", spy)
    return calls


def test_the_cache_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GRAPHMODEL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_directory() == tmp_path / "xdg" / "graphmodel" / "extractions"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache_directory() == Path.home() / ".cache" / "graphmodel" / "extractions"
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "own"))
    assert cache_directory() == tmp_path / "own"


def test_a_second_read_comes_from_the_cache(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    calls = _spy(monkeypatch)
    first = extract_one(plan, cache=cache)
    second = extract_one(plan, cache=cache)
    assert calls == [str(plan)]
    assert second.to_dict() == first.to_dict() == read_extraction(plan).to_dict()


def test_a_change_of_extractor_version_invalidates_the_entries(plan: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    extract_one(plan, cache=ExtractionCache(tmp_path / "cache", version="0000000000000001"))
    extract_one(plan, cache=ExtractionCache(tmp_path / "cache", version="0000000000000002"))
    assert len(calls) == 2  # the new version did not use the old one's entry
    extract_one(plan, cache=ExtractionCache(tmp_path / "cache", version="0000000000000002"))
    assert len(calls) == 2


def test_the_version_is_a_digest_of_the_extractor_its_data_and_the_readers(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.cache

    root = Path(loaders.cache.__file__).resolve().parents[1]
    copy = tmp_path / "copy"
    for rel in ("graphmodel/extract", "graphmodel/data", "loaders/documents"):
        shutil.copytree(root / rel, copy / rel, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "graphmodel" / "model.py", copy / "graphmodel" / "model.py")
    shutil.copy(root / "graphmodel" / "records.py", copy / "graphmodel" / "records.py")

    def version_of(where: Path) -> str:
        monkeypatch.setattr(loaders.cache, "_ROOT", where)
        extractor_version.cache_clear()
        try:
            return extractor_version()
        finally:
            extractor_version.cache_clear()

    same = version_of(copy)
    assert same == version_of(root)
    (copy / "graphmodel" / "extract" / "names.py").write_text(
        (copy / "graphmodel" / "extract" / "names.py").read_text(encoding="utf-8") + "\n# a rewrite\n",
        encoding="utf-8")
    assert version_of(copy) != same
    (copy / "graphmodel" / "extract" / "names.py").write_bytes((root / "graphmodel/extract/names.py").read_bytes())
    assert version_of(copy) == same
    with (copy / "graphmodel" / "records.py").open("a", encoding="utf-8") as fh:
        fh.write("# how the model turns into JSON\n")  # the JSON of every extraction may change
    changed = version_of(copy)
    assert changed != same
    with (copy / "graphmodel" / "data" / "aliases.tsv").open("a", encoding="utf-8") as fh:
        fh.write("~新局\t~新局别名\n")
    assert version_of(copy) not in (same, changed)


def test_an_entry_is_the_extraction_encoded_and_read_back_whole(plan: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extraction = extract_one(plan, cache=cache)
    data = encode(extraction)
    row = json.loads(data)
    assert row != extraction.to_row() and _expanded(row) == extraction.to_row()  # ids by reference
    assert decode(data) == extraction and decode(data).to_dict() == extraction.to_dict()
    body = cache.path(cache.key(plan.read_bytes(), str(plan))).read_bytes().partition(b"\n")[2]
    assert zlib.decompress(body) == data  # the body is the encoding, compressed


def _corpus_extractions() -> list[Extraction]:
    from loaders.corpus import expand_paths

    return [read_extraction(p) for p in expand_paths([DATA / "corpus", DATA / "plans", DATA / "plans2"])]


def test_an_entry_gives_tasks_ids_and_parents_by_reference_and_decode_rebuilds_them() -> None:
    extractions = _corpus_extractions()
    assert len(extractions) > 20
    for extraction in extractions:
        row = extraction.to_row()
        data = encode(row)
        assert row == extraction.to_row()  # the caller's row is left as it was
        assert encode(row, keep=False) == data  # the same, made in place (no copy)...
        assert row == json.loads(data)  # ...so the caller's row is now the compact one
        kept = json.loads(data)
        tasks = kept[1]
        plain = [t.id == f"{extraction.document.id}#{t.number}" for t in extraction.tasks]
        assert [task[0] is None for task in tasks] == plain  # <document id>#<number> left out
        assert [task[0] for task, p in zip(tasks, plain, strict=True) if not p] == [
            t.id for t, p in zip(extraction.tasks, plain, strict=True) if not p]  # others kept (a normal form)
        assert all(task[4] is None or isinstance(task[4], int) for task in tasks)  # parents are tasks
        assert decode(data).to_dict() == extraction.to_dict()


def test_ids_and_parents_that_cannot_be_rebuilt_are_kept_as_they_are() -> None:
    extraction = read_extraction(PLAN)
    child = next(t for t in extraction.tasks if t.parent is not None)
    extraction.tasks[0].id = "doc:other#一、"  # not its document's: kept
    child.parent = "doc:elsewhere#二、"  # not a task of the extraction: kept (the graph refuses it)
    kept = json.loads(encode(extraction))
    assert kept[1][0][0] == "doc:other#一、"
    assert "doc:elsewhere#二、" in [task[4] for task in kept[1]]
    assert decode(encode(extraction)).to_dict() == extraction.to_dict()


@pytest.mark.parametrize("damage", ["negative parent", "parent past the end", "document id not a string",
                                    "number not a string", "tasks not rows"])
def test_an_entry_whose_references_are_wrong_is_refused(damage: str) -> None:
    row = json.loads(encode(read_extraction(PLAN)))
    child = next(t for t in row[1] if t[4] is not None)
    if damage == "negative parent":
        child[4] = -1
    elif damage == "parent past the end":
        child[4] = len(row[1])
    elif damage == "document id not a string":
        row[0][0] = ["x"] * 1000
    elif damage == "number not a string":
        row[1][0][1] = 7
    else:
        row[1] = ["x", 3]
    with pytest.raises((ValueError, TypeError, IndexError, KeyError)):
        decode(json.dumps(row).encode())


def test_a_file_is_read_again_for_its_key_only_when_its_status_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.cache

    reads: list[str] = []
    real = loaders.cache.read_bytes_and_status
    monkeypatch.setattr(loaders.cache, "read_bytes_and_status", lambda p: reads.append(str(p)) or real(p))
    path = tmp_path / "a.txt"
    path.write_text("甲", encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache", version="0000000000000001")
    first = cache.file_key(path)
    assert cache.file_key(path) == first and len(reads) == 2  # just written: read each time
    monkeypatch.setattr(loaders.cache, "_SETTLED_NS", 0)  # as if written long ago
    assert cache.file_key(path) == first and len(reads) == 3
    assert cache.file_key(path) == first and cache.file_key(str(path)) == first and len(reads) == 3
    # Edited in place to the same size, its modification time set back: the change time tells.
    # (After a pause: a write within one step of the file system's clock could leave both times
    # as they were, which `_SETTLED_NS`, off here, guards against.)
    before = path.stat()
    time.sleep(0.05)
    path.write_text("乙", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    second = cache.file_key(path)
    assert second != first and second == cache.key("乙".encode(), str(path)) and len(reads) == 4
    path.unlink()
    from loaders.documents import ReadError

    with pytest.raises(ReadError, match="no such file"):  # the reader's error, not the remembered key
        cache.file_key(path)


def test_the_key_depends_on_content_path_and_aliases(tmp_path: Path) -> None:
    plain = ExtractionCache(tmp_path, version="0000000000000001")
    table = AliasTable.from_text("~科创办\t~科技创新办公室\n")
    other = ExtractionCache(tmp_path, table, version="0000000000000001")
    assert plain.key(b"a", "x.txt") == plain.key(b"a", "x.txt")
    assert len({plain.key(b"a", "x.txt"), plain.key(b"b", "x.txt"), plain.key(b"a", "y.txt"),
                other.key(b"a", "x.txt")}) == 4
    assert aliases_digest(None) != aliases_digest(table)


@pytest.mark.parametrize("damage", ["truncate", "flip", "header", "key", "empty", "body", "object", "cut",
                                    "not json", "not a row", "short row", "long row", "bad unit", "marshal",
                                    "deep"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                damage: str) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    good = extract_one(plan, cache=cache).to_dict()
    key = cache.key(plan.read_bytes(), str(plan))
    entry = cache.path(key)
    raw = entry.read_bytes()
    head, _, body = raw.partition(b"\n")
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        entry.write_bytes(head + b"\n" + body[:-5] + bytes([body[-5] ^ 0xFF]) + body[-4:])
    elif damage == "header":
        entry.write_bytes(b"{nonsense\n" + body)
    elif damage == "key":
        header = json.loads(head)
        header["key"] = "0" * 64
        entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a well-formed entry whose body is not an extraction
        import hashlib

        row = cache.get(key).to_row()  # type: ignore[union-attr]
        bodies = {"body": b'{"schema": "something else"}',
                  # the extraction as format 1 kept it (an object)
                  "object": json.dumps(good).encode(),
                  # the row cut short, not JSON, not a row, rows cut short or too long
                  "cut": encode(row)[:-3],
                  "not json": b"\xff\x00 nothing",
                  "not a row": json.dumps({"id": "x"}).encode(),
                  "short row": encode(row[:-1]),
                  "long row": encode([*row, 1]),
                  "bad unit": encode([v if i != 2 else ["x"] for i, v in enumerate(row)]),  # a units row of a string
                  # the row as the workers send it (a trial format 3 kept it so): never read from a file
                  "marshal": marshal.dumps(row, 4),
                  # lists in lists past the JSON reader's depth (RecursionError)
                  "deep": b"[" * 200_000}
        bad = zlib.compress(bodies[damage])
        header = {"format": CACHE_FORMAT, "key": key, "version": cache.version,
                  "sha256": hashlib.sha256(bad).hexdigest()}
        entry.write_bytes(json.dumps(header).encode() + b"\n" + bad)
    assert cache.get(key) is None
    calls = _spy(monkeypatch)
    assert extract_one(plan, cache=cache).to_dict() == good
    assert calls == [str(plan)]  # extracted again...
    assert cache.get(key) is not None  # ...and the entry rebuilt


def test_an_unwritable_cache_costs_speed_not_results(plan: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = ExtractionCache(blocker)
    assert extract_one(plan, cache=cache).to_dict() == read_extraction(plan).to_dict()


def test_only_old_version_folders_are_pruned(plan: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    for k in range(5):
        (root / f"{k:016x}").mkdir(parents=True)
    (root / "graphs").mkdir()
    (root / "notes").mkdir()
    extract_one(plan, cache=ExtractionCache(root, version="ffffffffffffffff"))
    names = sorted(p.name for p in root.iterdir())
    assert "ffffffffffffffff" in names and "graphs" in names and "notes" in names
    assert len([n for n in names if len(n) == 16]) == 3  # the new one and the two newest others


def test_the_graph_of_a_corpus_read_again_comes_from_the_graph_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    files = sorted(corpus.glob("*.txt"))
    cold = build_documents(files, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    calls = _spy(monkeypatch)
    warm = build_documents(files, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    assert calls == []
    assert list(warm.edges(keys=True, data=True)) == list(cold.edges(keys=True, data=True))
    assert list(warm.nodes(data=True)) == list(cold.nodes(data=True))
    # One plan changes: it alone is extracted again; the others come from the extraction cache.
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("联席会议", "座谈会"), encoding="utf-8")
    changed = build_documents(files, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    assert calls == [str(files[0])]
    assert not nx.utils.graphs_equal(changed, cold)
    assert nx.utils.graphs_equal(changed, build_documents(files, jobs=1))


def test_a_corrupt_graph_entry_is_ignored(tmp_path: Path) -> None:
    files = sorted((DATA / "corpus").glob("*.txt"))
    cold = build_documents(files, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache" / "graphs").glob("*.gmg"):
        raw = entry.read_bytes()
        entry.write_bytes(raw[:-10] + b"0123456789")
    assert GraphCache(tmp_path / "cache").get("0" * 64) is None
    again = build_documents(files, jobs=1, cache=True, cache_dir=tmp_path / "cache")
    assert list(again.edges(keys=True, data=True)) == list(cold.edges(keys=True, data=True))


def test_a_file_named_relatively_or_absolutely_is_one_entry(plan: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    calls = _spy(monkeypatch)
    absolute = extract_one(plan, cache=cache)
    monkeypatch.chdir(plan.parent.parent)
    relative = extract_one(Path("plans") / plan.name, cache=cache)
    assert calls == [str(plan)]
    assert relative.document.source == str(Path("plans") / plan.name)
    assert relative.to_dict() == read_extraction(Path("plans") / plan.name).to_dict()
    assert absolute.document.source == str(plan)


def test_reading_an_entry_leaves_the_collector_as_it_was(plan: Path, tmp_path: Path) -> None:
    import gc

    cache = ExtractionCache(tmp_path / "cache")
    extract_one(plan, cache=cache)
    key = cache.key(plan.read_bytes(), str(plan))
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            assert cache.get(key) is not None
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_pack_put_in_the_graph_cache_is_the_bytes_it_gives_back(tmp_path: Path) -> None:
    # put_pack returns the bytes it wrote rather than reading the entry back: they must be the
    # entry's (as `pack` reads them), the pack file's (`pack_bytes`), and the entry must read.
    from graphmodel.graph import build_graph
    from loaders.graphpack import pack_bytes, pack_data
    from tests.graph.plans import plan_2020, plan_2021

    graph = build_graph([plan_2020(), plan_2021()])
    data = pack_data(graph)
    graphs = GraphCache(tmp_path / "cache")
    summary = {"nodes": graph.number_of_nodes()}
    given = graphs.put_pack("k" * 64, data, [], summary)
    assert given is not None
    assert bytes(given) == pack_bytes(data)
    kept = graphs.pack("k" * 64)
    assert kept is not None and bytes(kept) == bytes(given)
    cached = graphs.cached("k" * 64)
    assert cached is not None and cached[1] == summary and bytes(cached[0]) == bytes(given)
    found = graphs.get("k" * 64)
    assert found is not None
    assert list(found[0].edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    assert GraphCache(tmp_path / "cache", version="other").pack("k" * 64) is None


def test_a_graph_cache_that_cannot_be_written_gives_no_pack(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    graphs = GraphCache(tmp_path / "cache")
    assert graphs.put_pack("k" * 64, {"format": "x"}, [], None) is None


def test_an_entry_is_the_json_of_the_compact_row(plan: Path) -> None:
    # `encode` writes without the circular check: the same text as json.dumps with it.
    import copy

    from loaders.cache import _compact

    row = read_extraction(plan).to_row()
    expected = json.dumps(_compact(copy.deepcopy(row)), ensure_ascii=False, separators=(",", ":"))
    assert encode(row) == expected.encode("utf-8")


def test_an_entry_is_written_whole_with_no_temporary_left(plan: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extraction = read_extraction(plan)
    keys = [cache.key(f"{n}".encode(), str(plan)) for n in range(3)]
    for key in keys:
        cache.put(key, extraction)
    assert sorted(p.name for p in cache.folder.rglob("*") if p.is_file()) == sorted(f"{k}.json.z" for k in keys)
    assert all(cache.get(k) == extraction for k in keys)


def test_a_temporary_left_under_this_process_s_name_is_worked_around(plan: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A process of the same id (gone, or on another machine sharing the cache) left one behind.
    import itertools

    import loaders.cache

    cache = ExtractionCache(tmp_path / "cache")
    extraction = read_extraction(plan)
    key = cache.key(b"x", str(plan))
    folder = cache.path(key).parent
    folder.mkdir(parents=True)
    stale = folder / f".entry-{os.getpid()}-0"
    stale.write_bytes(b"left behind")
    monkeypatch.setattr(loaders.cache, "_ENTRIES", itertools.count())
    cache.put(key, extraction)
    assert cache.get(key) == extraction
    assert stale.read_bytes() == b"left behind"  # not another's to remove


def test_has_says_whether_an_entry_is_at_its_path(plan: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    key = cache.key(plan.read_bytes(), str(plan))
    assert not cache.has(key)
    extract_one(plan, cache=cache)
    assert cache.has(key) and cache.path(key).is_file()
    cache.path(key).write_bytes(b"damaged")  # there, though `get` will not trust it
    assert cache.has(key) and cache.get(key) is None
