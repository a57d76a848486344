"""The extraction cache: each document's extraction kept under a key of what it depends on.

The key is a SHA-256 of the file's bytes, the extractor's version (`extractor_version`), the
alias table in use, and the file's absolute path (a document without a title is named after
its file; the path as given, which the extraction records, is set on the entry when it is
used, so ``plans/a.txt`` and ``/home/me/plans/a.txt`` share one entry). An entry is one file in the user's cache
directory (`cache_directory`): a header line (format, key, version, digest of the body) and
the extraction's encoding (`encode`: its row in `marshal`'s format), not compressed, and a
keyed digest (HMAC-SHA256) of it under the cache directory's own secret (`_secret`, a file only
its owner can read): bytes that anyone else wrote never reach `marshal`. An entry whose header,
digest, key or version does not match, or whose body does not read as an extraction, is ignored
(and replaced when the document is extracted again). Entries are written atomically, so two
processes filling the cache at once cannot leave half an entry.

Old extractor versions' entries live in folders of their own; the oldest are removed when a
new version's folder is made (`KEEP_VERSIONS` are kept). `GraphCache` keeps the graphs of the
last corpora built (in ``graphs/``), so a command run again on the same corpus reads no plan.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import marshal
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from graphmodel import __version__
from graphmodel.errors import GraphError, InputError
from graphmodel.model import SCHEMA as EXTRACTION_SCHEMA
from graphmodel.model import Extraction, ExtractionWarning
from loaders.documents.source import read_bytes_and_status

if TYPE_CHECKING:
    import networkx as nx

if TYPE_CHECKING:
    from graphmodel.extract.canonical import AliasTable

__all__ = ["CACHE_FORMAT", "GRAPH_CACHE_FORMAT", "KEEP_VERSIONS", "KEEP_GRAPHS", "ExtractionCache", "GraphCache",
           "cache_directory", "extractor_version", "graph_version", "aliases_digest", "encode", "decode"]

# 2: the extraction as a row (`Record.to_row`) in JSON; 3: a trial in marshal's format, never
# used (a forged entry could stall it); 4: as 2, with task ids, parents and units by reference;
# 5: the row in marshal's format under a keyed digest (`encode`, `ExtractionCache.get`),
# zlib-compressed; 6: as 5, not compressed (`ExtractionCache.put`)
CACHE_FORMAT = "graphmodel.extraction-cache/6"
KEEP_VERSIONS = 3
KEEP_GRAPHS = 3
GRAPH_CACHE_FORMAT = "graphmodel.graph-cache/2"
_VERSION = re.compile(r"[0-9a-f]{16}")  # a version folder's name: only these are ever removed

_ROOT = Path(__file__).resolve().parents[1]
# What an extraction depends on besides the file: the extractor, its data, the model it fills
# and the readers that turn files into text. A change to any of these files is a new version.
_SOURCES = ("graphmodel/extract", "graphmodel/data", "graphmodel/model.py", "graphmodel/records.py",
            "loaders/documents")


def cache_directory() -> Path:
    """Where entries are kept: ``$GRAPHMODEL_CACHE_DIR``, else the XDG cache directory.

    That is ``$XDG_CACHE_HOME/graphmodel/extractions``, or ``~/.cache/graphmodel/extractions``
    when ``XDG_CACHE_HOME`` is unset or not an absolute path (as the XDG spec says).
    """
    own = os.environ.get("GRAPHMODEL_CACHE_DIR")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "graphmodel" / "extractions"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The extractor's version: a digest of graphmodel's version, the cache and extraction
    formats, and every file of the extractor, its data, the model and the document readers.

    Any edit to those files (a new rule, an alias, a reader fix) changes it, so entries made by
    an older extractor are never used.
    """
    # marshal's format belongs to the Python that wrote it: another Python's entries are not read.
    digest = hashlib.sha256(f"{CACHE_FORMAT}\n{EXTRACTION_SCHEMA}\n{__version__}\n"
                            f"{marshal.version} {sys.version_info[:2]}\n".encode())
    for rel in _SOURCES:
        top = _ROOT / rel
        files = [top] if top.is_file() else sorted(
            p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
        for path in files:
            digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def aliases_digest(aliases: AliasTable | None) -> str:
    """A digest of a user's alias table (``-`` for none): part of every entry's key."""
    if aliases is None:
        return "-"
    rows = json.dumps([sorted(aliases.relative.items()), sorted(aliases.absolute.items())], ensure_ascii=False)
    return hashlib.sha256(rows.encode("utf-8")).hexdigest()


def encode(extraction: Extraction | list[Any]) -> bytes:
    """The body of a cache entry: an extraction's row (`Record.to_row`, or
    the row itself when made already) in `marshal`'s format 4, the very bytes a worker sends
    for it (`loaders.parallel`), so one encoding serves both.

    Marshal, not JSON: a tenth of the time to write (JSON was 4.3 M of a worker's 9.5 M
    instructions a plan outside extraction). Marshal must never read bytes anyone else could
    have written (five forged bytes declaring a tuple of two billion items stalled one read for
    66 s): `ExtractionCache.get` gives `decode` only a body whose keyed digest, under the cache
    directory's secret, is the one this cache wrote.
    """
    row = extraction.to_row() if isinstance(extraction, Extraction) else extraction
    return marshal.dumps(row, 4)


def decode(data: bytes) -> Extraction:
    """The extraction `encode` gave ``data``: only for bytes this process or this cache wrote
    (see `encode`), never a file's bytes that were not authenticated.

    Raises
    ------
    ValueError, TypeError, IndexError, KeyError, EOFError
        When ``data`` is not the encoding of an extraction (or a nested row is of the wrong
        length, see `Record.from_row`).
    """
    from graphmodel.graph.assemble import paused_gc

    # Thousands of new containers and no cycle: the collector would walk them along with the
    # caller's young objects (two thirds of the time of reading an entry).
    with paused_gc():
        return Extraction.from_row(marshal.loads(data))


_SECRET = "secret"  # the cache directory's key for the entries' digests (`_secret`)
_SECRET_BYTES = 32


def _secret(root: Path, make: bool) -> bytes | None:
    """The secret of the cache directory ``root`` (made when there is none and ``make``), or
    None when there is none or it cannot be trusted: not a regular file of this user's that
    only this user can read and write (one that others could read, or write into, would let
    them forge entries). A secret is made once, whole: written under a temporary name, then
    linked into place, so two processes making one at once agree on the first."""
    path = root / _SECRET
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if not make:
            return None
    except OSError:
        return None
    tmp = root / f".secret-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            os.write(fd, os.urandom(_SECRET_BYTES))  # 32 bytes: written whole
        finally:
            os.close(fd)
        with contextlib.suppress(FileExistsError):  # another process made it first: its secret is the one
            os.link(tmp, path)
        return _read_secret(path)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _read_secret(path: Path) -> bytes | None:
    """The secret in ``path`` when it can be trusted (see `_secret`), else None. Raises
    FileNotFoundError when there is none."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        getuid = getattr(os, "getuid", None)
        if (not stat.S_ISREG(info.st_mode) or info.st_size != _SECRET_BYTES or info.st_mode & 0o077
                or (getuid is not None and info.st_uid != getuid())):
            return None
        data = os.read(fd, _SECRET_BYTES + 1)
    finally:
        os.close(fd)
    return data if len(data) == _SECRET_BYTES else None


def _mac(secret: bytes, body: bytes | memoryview) -> str:
    """An entry's keyed digest: HMAC-SHA256 of its body under the cache directory's secret."""
    return hmac.digest(secret, body, "sha256").hex()


# A file's times come from a clock of coarse steps (2 s on FAT): a file changed within that
# before its status is taken may be changed again with no change of status (`file_key`).
_SETTLED_NS = 2_000_000_000


def _status(info: os.stat_result) -> tuple[int, ...]:
    """What tells a file was not written since: a write changes its size or its times (the
    change time cannot be set back by a user, as the modification time can)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _trusted_header(line: bytes, body: bytes | memoryview, fmt: str, key: str, version: str
                    ) -> dict[str, Any] | None:
    """An entry's header when it is of this format, key and version and its digest is the
    body's, else None (a miss). Raises ValueError when the line is not JSON."""
    header = json.loads(line)
    if (not isinstance(header, dict) or header.get("format") != fmt or header.get("key") != key
            or header.get("version") != version or header.get("sha256") != hashlib.sha256(body).hexdigest()):
        return None
    return header


class ExtractionCache:
    """Entries of one extractor version and one alias table, in a cache directory.

    Parameters
    ----------
    directory : path-like, optional
        The cache directory; `cache_directory()` when None.
    aliases : AliasTable, optional
        The user's alias table the extractions are made with.
    version : str, optional
        The extractor's version; `extractor_version()` when None (tests pass another).
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None, aliases: AliasTable | None = None,
                 version: str | None = None) -> None:
        self.version = version or extractor_version()
        self.root = Path(directory) if directory is not None else cache_directory()
        self.folder = self.root / self.version
        self._aliases = aliases_digest(aliases)
        self._pruned = False
        self._secret: bytes | None = None  # the directory's secret, read (or made) when first needed
        # Absolute path -> the file's status when its key was computed, and the key (`file_key`).
        self._known: dict[str, tuple[tuple[int, ...], str]] = {}

    def key(self, data: bytes, source: str) -> str:
        """The key of a document: its bytes, its absolute path (``source``), the alias table."""
        h = hashlib.sha256()
        h.update(hashlib.sha256(data).digest())
        h.update(f"\0{self.version}\0{self._aliases}\0{source}".encode())
        return h.hexdigest()

    def file_key(self, path: str | os.PathLike[str]) -> str:
        """The key of the document at ``path`` (read with the safe reader, `read_bytes`).

        Asked again for a file whose status (device, inode, size, modification and change
        times) is the one it had when its key was computed, the file is not read again: a
        corpus's keys are wanted for the graph cache, for the extraction cache, and once more
        after each document is extracted (to tell it did not change meanwhile). Not for a file
        changed less than `_SETTLED_NS` before it was read: a write within the file system's
        timestamp granularity could leave its times as they were.

        Raises
        ------
        OSError, GraphmodelError
            As `read_bytes` does.
        """
        source = os.path.abspath(path)
        known = self._known.get(source)
        if known is not None:
            try:
                if _status(os.stat(source)) == known[0]:
                    return known[1]
            except OSError:
                pass  # the reader says what is wrong
        now = time.time_ns()
        data, info = read_bytes_and_status(path)
        key = self.key(data, source)
        if max(info.st_mtime_ns, info.st_ctime_ns) < now - _SETTLED_NS:
            self._known[source] = (_status(info), key)
        return key

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.mz"

    def secret(self, make: bool = False) -> bytes | None:
        """The cache directory's secret, under which entries are authenticated (`_secret`): made
        when there is none and ``make``; None when there is none or it cannot be trusted (then
        no entry is read). Asked for before worker processes start, so that they share it."""
        if self._secret is None:
            self._secret = _secret(self.root, make)
        return self._secret

    def has(self, key: str) -> bool:
        """Whether an entry is there under ``key`` (not whether it can be trusted: `get` says);
        never without the directory's secret, under which no entry can be read (its documents
        are then extracted by the workers, not read from the cache here, one by one). Asked for
        each document of a corpus before the workers start: a string, not `path`'s path object
        (2.6 against 11.8 ms a thousand)."""
        return self.secret() is not None and os.path.isfile(f"{self.folder}/{key[:2]}/{key}.mz")

    def get(self, key: str) -> Extraction | None:
        """The extraction under ``key``, or None when there is none or it cannot be trusted."""
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            return None
        secret = self.secret()
        head, sep, body = raw.partition(b"\n")
        if not sep or secret is None:
            return None
        try:
            header = json.loads(head)
            if (not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("key") != key
                    or header.get("version") != self.version or not isinstance(header.get("mac"), str)
                    or not hmac.compare_digest(header["mac"], _mac(secret, body))):
                return None  # not this cache's own (damaged, or written by someone else)
            return decode(body)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError, RecursionError, InputError):
            return None  # a bad entry is a miss: extracted again

    def put(self, key: str, extraction: Extraction | bytes) -> None:
        """Keep ``extraction`` under ``key`` (or its `encode` bytes, when made already); a cache
        that cannot be written is skipped."""
        secret = self.secret(make=True)
        if secret is None:
            return  # no secret to authenticate it with: an entry would never be read
        # Not compressed: zlib's fastest level took 0.37 ms of a worker's time a generated plan
        # (1.5 M instructions of 5.7 M outside extraction) and 0.20 ms to read back, for 47 KB
        # kept in 10 KB; the graph cache keeps a corpus's pack, 37 KB a plan, uncompressed.
        body = extraction if isinstance(extraction, bytes) else encode(extraction)
        header = json.dumps({"format": CACHE_FORMAT, "key": key, "version": self.version,
                             "mac": _mac(secret, body)}).encode() + b"\n"
        folder = f"{self.folder}/{key[:2]}"
        try:
            if not self._pruned:
                self._prune()
            try:
                _write_entry(folder, f"{key}.mz", header + body)
            except FileNotFoundError:  # its folder is not made yet (made once, not asked for each entry)
                os.makedirs(folder, exist_ok=True)
                _write_entry(folder, f"{key}.mz", header + body)
        except OSError:
            return  # a read-only or full disk costs speed, never a result

    def _prune(self) -> None:
        """Remove the folders of all but the `KEEP_VERSIONS` most recently used versions."""
        self._pruned = True
        if self.folder.is_dir():
            return
        try:
            others = [p for p in self.root.iterdir()
                      if p.is_dir() and p != self.folder and _VERSION.fullmatch(p.name)]
        except OSError:
            return
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_VERSIONS - 1:]:
            shutil.rmtree(old, ignore_errors=True)


@lru_cache(maxsize=1)
def graph_version() -> str:
    """The version of a cached graph: the extractor's, and the files that correct, build and pack it."""
    digest = hashlib.sha256(f"{extractor_version()}\n".encode())
    # The corrections' code too: a cached graph holds corrected extractions.
    for path in (sorted((_ROOT / "graphmodel" / "graph").glob("*.py"))
                 + sorted((_ROOT / "graphmodel" / "corrections").glob("*.py"))
                 + [_ROOT / "loaders" / "graphpack.py", _ROOT / "loaders" / "corrections.py"]):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


class GraphCache:
    """Whole graphs of corpora, under a key of their documents' extraction-cache keys.

    A command run again on the same corpus (same files, same paths, same aliases) reads the
    graph it built last time instead of reading and building every plan again. Each entry is
    the graph as a pack (`loaders.graphpack`) and, as its last line, a header (format, key,
    version, digest of the pack, the documents' warnings), so the pack is written as it is
    encoded; an entry that does not match is ignored. The
    `KEEP_GRAPHS` most recently used entries are kept.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None, version: str | None = None) -> None:
        self.version = version or graph_version()
        root = Path(directory) if directory is not None else cache_directory()
        self.folder = root / "graphs"

    def key(self, document_keys: list[str]) -> str:
        """The key of a corpus: its documents' keys, in any order (with its paths and the digest
        of the corrections applied, see `loaders.parallel.corpus_key`)."""
        return hashlib.sha256("\n".join([self.version, *sorted(document_keys)]).encode()).hexdigest()

    def get(self, key: str, edge_types: Collection[str] | None = None,
            node_attributes: Mapping[str, Collection[str]] | None = None
            ) -> tuple[nx.MultiDiGraph[str], list[tuple[str, ExtractionWarning]]] | None:
        """The graph and the documents' warnings under ``key``, or None; with ``edge_types`` and
        ``node_attributes``, only that part of the graph (`loaders.graphpack.unpack_data`)."""
        from graphmodel.graph.assemble import paused_gc
        from loaders.graphpack import unpack_data

        found = self._entry(key)
        if found is None:
            return None
        pack, header = found
        try:
            warnings = [(str(source), ExtractionWarning.from_dict(w)) for source, w in header["warnings"]]
            with paused_gc():
                graph = unpack_data(json.loads(pack.tobytes()), edge_types, node_attributes)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, GraphError):
            return None
        with contextlib.suppress(OSError):
            os.utime(self.folder / f"{key}.gmg")  # most recently used
        return graph, warnings

    def cached(self, key: str) -> tuple[memoryview, dict[str, Any], list[tuple[str, ExtractionWarning]]] | None:
        """The entry's pack file bytes (as `pack`), the summary it was kept with and the
        documents' warnings, without making the graph; None when there is no such entry or it
        was kept without a summary."""
        found = self._entry(key)
        if found is None:
            return None
        pack, header = found
        summary = header.get("summary")
        try:
            warnings = [(str(source), ExtractionWarning.from_dict(w)) for source, w in header["warnings"]]
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        if not isinstance(summary, dict) or header.get("summary_sha256") != _summary_digest(summary):
            return None  # the header's digest covers the pack; this one the summary
        with contextlib.suppress(OSError):
            os.utime(self.folder / f"{key}.gmg")  # most recently used
        return pack, summary, warnings

    def pack(self, key: str) -> memoryview | None:
        """The entry's graph as the text of a pack file (`loaders.graphpack.write_pack` writes the
        same bytes for the graph `get` gives; a view of the entry's bytes), or None: a graph read
        from the cache is written to a ``.gmg`` file without being encoded again."""
        found = self._entry(key)
        return found[0] if found is not None else None

    def _entry(self, key: str) -> tuple[memoryview, dict[str, Any]] | None:
        """The entry's pack file (its JSON text and a newline) and header when it matches ``key``
        and this version. The pack is a view of the file's bytes, not a copy: a corpus of 10,000
        plans has a pack of hundreds of megabytes, read while its graph is in memory."""
        try:
            raw = (self.folder / f"{key}.gmg").read_bytes()
        except OSError:
            return None
        stop = len(raw)
        while stop and raw[stop - 1] == 0x0A:  # "\n"
            stop -= 1
        cut = raw.rfind(b"\n", 0, stop)  # the header is the last line
        if cut < 0:
            return None
        view = memoryview(raw)
        try:
            header = _trusted_header(raw[cut + 1:stop], view[:cut], GRAPH_CACHE_FORMAT, key, self.version)
        except ValueError:
            return None
        return (view[:cut + 1], header) if header is not None else None

    def put(self, key: str, graph: nx.MultiDiGraph[str], warnings: list[tuple[str, ExtractionWarning]],
            summary: dict[str, Any] | None = None) -> None:
        """Keep ``graph`` under ``key``, with a ``summary`` of it (JSON data: what a command
        prints of the graph, given back by `cached`); a cache that cannot be written is skipped."""
        from graphmodel.graph.assemble import paused_gc
        from loaders.graphpack import pack_data

        with paused_gc():
            data = pack_data(graph)
        self.put_pack(key, data, warnings, summary)

    def put_pack(self, key: str, data: dict[str, Any] | bytes, warnings: list[tuple[str, ExtractionWarning]],
                 summary: dict[str, Any] | None = None) -> memoryview | None:
        """`put` for a graph given as its pack data (`loaders.graphpack.pack_data`) or as its
        pack file's bytes (`loaders.graphpack.pack_bytes` of that); returns the pack file's bytes
        as `pack` would give them (None when the cache could not be written)."""
        from loaders.graphpack import pack_bytes

        # Encoded once and held: the bytes written are the bytes returned, not read back from
        # the entry and hashed again (a second pass over hundreds of megabytes at 10,000 plans).
        pack = memoryview(data if isinstance(data, bytes) else pack_bytes(data))  # the JSON text and a newline
        with ThreadPoolExecutor(1) as pool:
            # Hashed while the file is written: both let go of the GIL on large buffers.
            digest = pool.submit(lambda: hashlib.sha256(pack[:-1]).hexdigest())

            def write(fh: BinaryIO) -> None:
                fh.write(pack)
                header: dict[str, Any] = {"format": GRAPH_CACHE_FORMAT, "key": key, "version": self.version,
                                          "sha256": digest.result(),
                                          "warnings": [[s, w.to_dict()] for s, w in warnings]}
                if summary is not None:
                    header["summary"] = summary
                    header["summary_sha256"] = _summary_digest(summary)
                fh.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")

            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                _write_atomic(self.folder / f"{key}.gmg", write)
                entries = sorted(self.folder.glob("*.gmg"), key=lambda p: p.stat().st_mtime, reverse=True)
                for old in entries[KEEP_GRAPHS:]:
                    old.unlink(missing_ok=True)
            except OSError:
                return None
        return pack


def _summary_digest(summary: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(summary, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _write_atomic(target: Path, write: bytes | Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside ``target``, then rename (no fsync: entries are checked)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry-")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(write, bytes):
                fh.write(write)
            else:
                write(fh)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_ENTRIES = itertools.count()  # this process's temporary entries (`_write_entry`)


def _write_entry(folder: str, name: str, data: bytes) -> None:
    """`_write_atomic` of ``data`` as ``folder/name``, with plain system calls: a temporary
    named by this process's id and a count (`tempfile.mkstemp` drew a random name, made path
    objects and a buffered file each time: a third of the writing, 0.24 -> 0.16 ms an entry)."""
    tmp = f"{folder}/.entry-{os.getpid()}-{next(_ENTRIES)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except FileExistsError:  # left by a process of the same id (gone, or on another machine)
        _write_atomic(Path(folder) / name, data)
        return
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.close(fd)
        fd = -1
        os.replace(tmp, f"{folder}/{name}")
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
