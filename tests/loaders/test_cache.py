"""The extraction and graph caches: keyed by content, version, aliases and path; never trusted."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.extract.canonical import AliasTable
from loaders.cache import (
    CACHE_FORMAT,
    ExtractionCache,
    GraphCache,
    _mac,
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
    assert marshal.loads(data) == extraction.to_row()  # the row, whole
    assert decode(data) == extraction and decode(data).to_dict() == extraction.to_dict()
    body = cache.path(cache.key(plan.read_bytes(), str(plan))).read_bytes().partition(b"\n")[2]
    assert body == data  # the body is the encoding (not compressed)


def test_an_entry_is_the_row_in_marshal_s_format_as_a_worker_sends_it(plan: Path) -> None:
    from loaders.parallel import _sent

    row = read_extraction(plan).to_row()
    assert encode(row) == marshal.dumps(row, 4) == _sent(row)
    assert row == read_extraction(plan).to_row()  # the caller's row is left as it was


def _entry(key: str, version: str, body: bytes, mac: str | None = None, digest: bool = False) -> bytes:
    """An entry file's bytes: ``body`` under a header with ``mac`` (or, with ``digest``, the
    unkeyed SHA-256 of format 4, which anyone can compute)."""
    import hashlib

    header: dict[str, str] = {"format": CACHE_FORMAT, "key": key, "version": version}
    if digest:
        header["sha256"] = hashlib.sha256(body).hexdigest()
    if mac is not None:
        header["mac"] = mac
    return json.dumps(header).encode() + b"\n" + body


@pytest.mark.parametrize("forgery", ["unkeyed digest", "another secret", "no mac", "mac of another body"])
def test_an_entry_this_cache_did_not_write_never_reaches_marshal(plan: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 forgery: str) -> None:
    # Anyone who can write the cache folder can write an entry, but not authenticate it without
    # the folder's secret: marshal never reads it (five forged bytes stalled it for a minute).
    import loaders.cache

    cache = ExtractionCache(tmp_path / "cache")
    extraction = extract_one(plan, cache=cache)
    key = cache.key(plan.read_bytes(), str(plan))
    secret = cache.secret()
    assert secret is not None
    body = encode(extraction)  # a good body: only its authentication is wrong
    forged = {"unkeyed digest": _entry(key, cache.version, body, digest=True),
              "another secret": _entry(key, cache.version, body, _mac(b"x" * 32, body)),
              "no mac": _entry(key, cache.version, body),
              "mac of another body": _entry(key, cache.version, body, _mac(secret, body + b"\0"))}[forgery]
    cache.path(key).write_bytes(forged)
    read: list[bytes] = []
    real = marshal.loads
    monkeypatch.setattr(loaders.cache, "marshal", type("M", (), {
        "loads": staticmethod(lambda data: read.append(data) or real(data)), "dumps": marshal.dumps}))
    assert cache.get(key) is None and read == []
    assert ExtractionCache(tmp_path / "cache").get(key) is None and read == []
    cache.path(key).write_bytes(_entry(key, cache.version, body, _mac(secret, body)))
    assert cache.get(key) == extraction and len(read) == 1  # the same body, authenticated


def test_the_secret_is_made_once_for_the_folder_and_only_its_owner_may_read_it(plan: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    assert ExtractionCache(root).secret() is None  # not made by asking
    cache = ExtractionCache(root)
    extraction = extract_one(plan, cache=cache)
    key = cache.key(plan.read_bytes(), str(plan))
    secret = root / "secret"
    assert secret.is_file() and len(secret.read_bytes()) == 32 and secret.stat().st_mode & 0o777 == 0o600
    assert ExtractionCache(root).secret() == cache.secret() == secret.read_bytes()
    assert ExtractionCache(root, version="0123456789abcdef").secret(make=True) == secret.read_bytes()  # one a folder
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []  # no temporary left
    secret.chmod(0o644)  # others could read it, so forge entries: not trusted, no entry read
    assert ExtractionCache(root).get(key) is None
    secret.chmod(0o600)
    assert ExtractionCache(root).get(key) == extraction
    secret.unlink()  # gone: the entries made under it are never read, and a new secret is made
    assert ExtractionCache(root).get(key) is None
    assert extract_one(plan, cache=ExtractionCache(root)) == extraction
    assert secret.is_file() and ExtractionCache(root).get(key) == extraction


def test_a_cache_whose_secret_cannot_be_trusted_writes_no_entry(plan: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    (root / "secret").write_bytes(b"s" * 32)
    (root / "secret").chmod(0o666)
    cache = ExtractionCache(root)
    assert extract_one(plan, cache=cache).to_dict() == read_extraction(plan).to_dict()
    assert cache.secret() is None and not cache.has(cache.key(plan.read_bytes(), str(plan)))


def test_another_python_s_entries_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # marshal's format belongs to the Python that wrote it: the version (so the folder) differs.
    import types

    import loaders.cache

    here = extractor_version()
    try:
        monkeypatch.setattr(loaders.cache, "sys", types.SimpleNamespace(version_info=(3, 99, 0)))
        extractor_version.cache_clear()
        assert extractor_version() != here
    finally:
        monkeypatch.undo()
        extractor_version.cache_clear()
    assert extractor_version() == here


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
                                    "not json", "not a row", "short row", "long row", "bad unit", "json",
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
    elif damage == "deep":  # a forged entry: never read, whatever its body
        entry.write_bytes(_entry(key, cache.version, b"[" * 200_000, digest=True))
    else:  # an entry this cache authenticated whose body is not an extraction
        row = cache.get(key).to_row()  # type: ignore[union-attr]
        bodies = {"body": b"not marshal at all",
                  # the extraction as format 1 kept it (an object)
                  "object": marshal.dumps(good),
                  # the row cut short, not marshal, not a row, rows cut short or too long
                  "cut": encode(row)[:-3],
                  "not json": b"\xff\x00 nothing",
                  "not a row": marshal.dumps({"id": "x"}),
                  "short row": encode(row[:-1]),
                  "long row": encode([*row, 1]),
                  "bad unit": encode([v if i != 2 else ["x"] for i, v in enumerate(row)]),  # a units row of a string
                  # the row as format 4 kept it (JSON)
                  "json": json.dumps(row).encode()}
        bad = bodies[damage]
        secret = cache.secret()
        assert secret is not None
        entry.write_bytes(_entry(key, cache.version, bad, _mac(secret, bad)))
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


def test_a_graph_cache_entry_can_be_read_in_part_as_a_saved_graph_can(tmp_path: Path) -> None:
    # `pairs DIR` on a warm folder reads only what `pairs FILE.gmg` reads: the COUNTERPART edges
    # and the tasks' numbers and documents, the rest of every node as it is.
    from graphmodel.graph import build_graph
    from tests.graph.plans import plan_2020, plan_2021

    graph = build_graph([plan_2020(), plan_2021()])
    graphs = GraphCache(tmp_path / "cache")
    graphs.put("k" * 64, graph, [], None)
    found = graphs.get("k" * 64, ("COUNTERPART",), {"Task": ("document", "number")})
    assert found is not None
    part = found[0]
    assert list(part.nodes) == list(graph.nodes)
    counterparts = [e for e in graph.edges(keys=True, data=True) if e[2] == "COUNTERPART"]
    assert counterparts and list(part.edges(keys=True, data=True)) == counterparts
    for node, data in part.nodes(data=True):
        if graph.nodes[node]["kind"] == "Task":
            assert set(data) <= {"kind", "document", "number"} and data["number"] == graph.nodes[node]["number"]
        else:
            assert data == graph.nodes[node]


def test_a_graph_cache_that_cannot_be_written_gives_no_pack(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    graphs = GraphCache(tmp_path / "cache")
    assert graphs.put_pack("k" * 64, {"format": "x"}, [], None) is None


def test_an_entry_is_written_whole_with_no_temporary_left(plan: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extraction = read_extraction(plan)
    keys = [cache.key(f"{n}".encode(), str(plan)) for n in range(3)]
    for key in keys:
        cache.put(key, extraction)
    assert sorted(p.name for p in cache.folder.rglob("*") if p.is_file()) == sorted(f"{k}.mz" for k in keys)
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


def test_without_its_secret_a_cache_has_no_entry(plan: Path, tmp_path: Path) -> None:
    # Entries no one can read: extracted by the workers, not read here one by one and missed.
    cache = ExtractionCache(tmp_path / "cache")
    extract_one(plan, cache=cache)
    key = cache.key(plan.read_bytes(), str(plan))
    (tmp_path / "cache" / "secret").unlink()
    again = ExtractionCache(tmp_path / "cache")
    assert cache.path(key).is_file() and not again.has(key) and again.get(key) is None
