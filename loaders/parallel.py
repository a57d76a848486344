"""Reading and extracting the documents of a corpus in worker processes.

`extract_documents` yields one extraction per path, in the order of the paths whatever the
number of workers, so the results do not depend on ``jobs``. With a cache, a document whose
entry is there is not read again (see `loaders.cache`): its entry is read in the calling
process, and only the other documents go to the workers; a worker that extracts a document
adds its entry. A worker sends an extraction back as its row (`Record.to_row`) in `marshal`'s
format, cheaper than pickling the extraction: the same bytes as the body of its cache entry
(`loaders.cache.encode`), encoded once for both. An error in
a worker (a file that cannot be read, a text with no plan) is raised in the caller as it
would be with one process.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from graphmodel.errors import GraphmodelError, InputError
from graphmodel.model import Extraction, ExtractionWarning
from loaders.cache import ExtractionCache, GraphCache, encode
from loaders.outcome import Skipped, attempt

if TYPE_CHECKING:
    import networkx as nx

    from graphmodel.corrections import Corrections
    from graphmodel.extract.canonical import AliasTable
    from graphmodel.graph.from_rows import ExtractionRow

__all__ = ["default_jobs", "extract_documents", "extract_one", "build_documents", "corpus_key"]

# A worker's state, set once by `_start` (the alias table, corrections and cache travel once, not per file).
_WORKER: dict[str, object] = {}


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_one(path: Path, aliases: AliasTable | None = None, cache: ExtractionCache | None = None,
                key: str | None = None, corrections: Corrections | None = None) -> Extraction:
    """One document's extraction, with ``corrections`` applied (`loaders.corrections.correct`).

    The extraction comes from the cache when its entry is there, else the document is read and
    extracted. The cache keeps the extraction as the extractor made it: the corrections are
    applied after, so editing them never makes a document be extracted again (the graph cache's
    key holds their digest). ``key`` is the document's cache key when the caller has computed
    it already.
    """
    return _extract(path, aliases, cache, key, corrections)[0]


def _extract(path: Path, aliases: AliasTable | None, cache: ExtractionCache | None, key: str | None,
             corrections: Corrections | None, send: bool = False) -> tuple[Extraction, bytes | None]:
    """`extract_one`, and (with ``send``) what `_sent` sends of the extraction when it was made
    on the way, from the row made for its cache entry; else None."""
    from loaders.corrections import correct

    extraction, sent = _extracted(path, aliases, cache, key, send)
    fixed = correct(extraction, path, corrections, aliases)
    return fixed, sent if fixed is extraction else None


def _extracted(path: Path, aliases: AliasTable | None, cache: ExtractionCache | None, key: str | None,
               send: bool) -> tuple[Extraction, bytes | None]:
    from loaders.corpus import read_extraction

    if cache is None or path.suffix.lower() == ".json":
        return read_extraction(path, aliases), None
    key = key or cache.file_key(path)
    found = cache.get(key)
    if found is not None:
        # The entry may have been made with the file named another way (relative, absolute):
        # the extraction records the name it was given, as extracting it now would.
        found.document.source = str(path)
        return found, None
    extraction = read_extraction(path, aliases)
    # Changed while it was read? (Not read again while its status is the one it had when its
    # key was computed: `ExtractionCache.file_key`.)
    if cache.file_key(path) != key:
        return extraction, None
    body = encode(extraction)  # the entry's body, and what a worker sends (`_sent`)
    cache.put(key, body)
    return extraction, body if send else None


def _start(aliases: AliasTable | None, cache: ExtractionCache | None, skip: bool,
           corrections: Corrections | None = None) -> None:
    # A forked worker inherits the command's signal handlers (which turn SIGTERM into an exception
    # and then ignore the next one): the pool ends its workers with SIGTERM, so they must die of it.
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)
    # A worker only extracts: what it inherited stays out of the collector's reach, and young
    # collections come less often. With the default threshold (700) the collector cost a sixth
    # of a generated plan's extraction (17.2 ms a plan, 14.4 ms at 50,000, 14.7 ms with none);
    # an extraction's objects are freed by their counts, so memory is not held longer.
    gc.freeze()
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    _WORKER["aliases"] = aliases
    _WORKER["cache"] = cache
    _WORKER["skip"] = skip
    _WORKER["corrections"] = corrections


def _one(path: Path, aliases: AliasTable | None, cache: ExtractionCache | None, key: str | None,
         skip: bool, corrections: Corrections | None = None) -> Extraction | Skipped:
    if not skip:
        return extract_one(path, aliases, cache, key, corrections)
    return attempt(path, lambda: extract_one(path, aliases, cache, key, corrections))



def _in_process(items: list[tuple[Path, str | None]], aliases: AliasTable | None,
                cache: ExtractionCache | None, skip: bool, corrections: Corrections | None,
                progress: Callable[[Path], None] | None) -> Iterator[Extraction | Skipped]:
    """Each of ``items`` extracted (or read from the cache) here, in order: no workers."""
    for path, key in items:
        extraction = _one(path, aliases, cache, key, skip, corrections)
        if progress is not None:
            progress(path)
        yield extraction

class _Failure:
    """An exception raised in a worker, sent back so the caller raises it as its own.

    Many exceptions do not survive pickling (their ``__init__`` takes other arguments than
    ``args``, as `loaders.documents.ReadError` does), and one that fails to unpickle would stall
    the pool; so the class, ``args`` and attributes travel, and `rebuild` puts them together.
    """

    def __init__(self, exc: Exception) -> None:
        self.cls = type(exc)
        self.args = exc.args
        self.state = dict(getattr(exc, "__dict__", {}))
        self.trace = traceback.format_exc()

    def rebuild(self) -> Exception:
        exc = self.cls.__new__(self.cls, *self.args)
        exc.args = self.args
        exc.__dict__.update(self.state)
        if not isinstance(exc, (GraphmodelError, OSError)) and hasattr(exc, "add_note"):
            exc.add_note(f"in a worker process:\n{self.trace}")  # a bug: keep where it happened
        return exc


class _Skip:
    """A skipped file sent back from a worker, its error as a `_Failure`."""

    def __init__(self, skipped: Skipped) -> None:
        self.path, self.reason, self.bad = skipped.path, skipped.reason, skipped.bad
        self.error = _Failure(skipped.error) if skipped.error is not None else None

    def rebuild(self) -> Skipped:
        error = self.error.rebuild() if self.error is not None else None
        return Skipped(self.path, self.reason, self.bad, cast("InputError | None", error))  # one in the worker


def _work(item: tuple[Path, str | None]) -> bytes | _Skip | _Failure:
    """A document's extraction as `_sent` bytes (the caller reads them with `_received`), else
    why not."""
    path, key = item

    def extract() -> tuple[Extraction, bytes | None]:
        return _extract(path, cast("AliasTable | None", _WORKER["aliases"]),  # as _start set them
                        cast("ExtractionCache | None", _WORKER["cache"]), key,
                        cast("Corrections | None", _WORKER.get("corrections")), send=True)

    try:
        got = attempt(path, extract) if _WORKER["skip"] else extract()
    except Exception as exc:  # noqa: BLE001 - raised again in the caller, see _Failure
        return _Failure(exc)
    if isinstance(got, Skipped):
        return _Skip(got)
    extraction, sent = got
    return sent if sent is not None else _sent(extraction.to_row())


def _sent(row: list[Any]) -> bytes:
    """What a worker sends back for an extraction: its row (`Record.to_row`) in `marshal`'s
    format 4, the body of its cache entry (`loaders.cache.encode`; made once for both when the
    worker adds the entry). Pickling the extraction cost 3.9M instructions a plan to write and
    4.9M to read; the row 1.1M and 1.8M, plus 3.0M for `Extraction.from_row`."""
    return encode(row)


def _received(data: bytes) -> Extraction:
    """The extraction a worker sent (`_sent`). These bytes, written by this command's own
    worker and read from the pool's pipe, may reach `marshal`, as may a cache entry this cache
    authenticated (`loaders.cache.encode`), never other bytes: a forged size in a few bytes can
    make it allocate and walk billions of items."""
    from graphmodel.graph.assemble import paused_gc

    with paused_gc():  # thousands of new containers and no cycle
        return Extraction.from_row(marshal.loads(data))


def _received_row(data: bytes) -> ExtractionRow:
    """`_received`, the row left as it is."""
    from graphmodel.graph.assemble import paused_gc
    from graphmodel.graph.from_rows import ExtractionRow

    with paused_gc():
        return ExtractionRow(marshal.loads(data))


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the already imported extractor and its compiled patterns with the workers;
    # where there is no fork (Windows, macOS by default) each worker starts afresh.
    # Forking a process that runs other threads (a database driver's, a test runner's) can copy a
    # lock some thread holds: then the workers start from a fork server instead.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork" if threading.active_count() == 1 else "forkserver")
    return multiprocessing.get_context("spawn")


@overload
def extract_documents(paths: Sequence[Path], *, jobs: int | None = None, aliases: AliasTable | None = None,
                      cache: ExtractionCache | None = None, keys: Sequence[str | None] | None = None,
                      progress: Callable[[Path], None] | None = None,
                      skip: Literal[False] = False, corrections: Corrections | None = None,
                      rows: Literal[False] = False) -> Iterator[Extraction]: ...
@overload
def extract_documents(paths: Sequence[Path], *, jobs: int | None = None, aliases: AliasTable | None = None,
                      cache: ExtractionCache | None = None, keys: Sequence[str | None] | None = None,
                      progress: Callable[[Path], None] | None = None,
                      skip: bool, corrections: Corrections | None = None, rows: Literal[False] = False
                      ) -> Iterator[Extraction | Skipped]: ...
@overload
def extract_documents(paths: Sequence[Path], *, jobs: int | None = None, aliases: AliasTable | None = None,
                      cache: ExtractionCache | None = None, keys: Sequence[str | None] | None = None,
                      progress: Callable[[Path], None] | None = None,
                      skip: bool = False, corrections: Corrections | None = None, rows: bool
                      ) -> Iterator[Extraction | ExtractionRow | Skipped]: ...
def extract_documents(paths: Sequence[Path], *, jobs: int | None = None, aliases: AliasTable | None = None,
                      cache: ExtractionCache | None = None, keys: Sequence[str | None] | None = None,
                      progress: Callable[[Path], None] | None = None,
                      skip: bool = False, corrections: Corrections | None = None, rows: bool = False
                      ) -> Iterator[Extraction | ExtractionRow | Skipped]:
    """The extraction of each path, in the order of ``paths``.

    Parameters
    ----------
    paths : sequence of Path
        Documents and saved extractions (``.json``).
    jobs : int, optional
        Worker processes; `default_jobs()` when None. One job (or one path) works in this process.
    aliases : AliasTable, optional
        A user's alias table for the extraction.
    cache : ExtractionCache, optional
        Where extractions are looked up and kept; no cache when None.
    keys : sequence of str or None, optional
        Each path's cache key when already computed (None: compute it).
    progress : callable, optional
        Called with each path once its extraction is ready, in order.
    skip : bool
        Yield a `loaders.outcome.Skipped` for a file that is no plan or cannot be read (the
        corpus policy of `loaders.outcome.attempt`) instead of raising its error.
    corrections : Corrections, optional
        Applied to each document's extraction, in the worker (`extract_one`).
    rows : bool
        Yield what a worker extracted as the row it sent (an `ExtractionRow`), not made into an
        extraction here: for a caller that adds it to a graph (`GraphBuilder.add_row`), which
        then costs this process about half as much (its records are never made).

    Yields
    ------
    Extraction, ExtractionRow (with ``rows``) or Skipped
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    items = list(zip(paths, keys if keys is not None else [None] * len(paths), strict=True))
    if jobs == 1 or len(items) < 2:
        yield from _in_process(items, aliases, cache, skip, corrections, progress)
        return
    # A document whose cache entry is there is read here: a worker would read it too, then pickle
    # the extraction to send it back and this process unpickle it, which costs more than the read.
    if cache is not None:  # the keys, to look the entries up (and for the workers: not computed twice)
        items = [(path, key if key is not None else _key_of(cache, path)) for path, key in items]
    here = [cache is not None and key is not None and cache.has(key) for _, key in items]
    work = [item for item, local in zip(items, here, strict=True) if not local]
    if len(work) < 2:  # nothing (or one document) to extract: no workers
        yield from _in_process(items, aliases, cache, skip, corrections, progress)
        return
    jobs = min(jobs, len(work))
    if cache is not None:  # made (or read) once here, so that the workers share the one secret
        cache.secret(make=True)
    # Small chunks keep the progress bar moving and the workers evenly loaded.
    chunk = max(1, min(8, len(work) // (jobs * 16)))
    pool = _context().Pool(jobs, initializer=_start, initargs=(aliases, cache, skip, corrections))
    finished = False
    try:
        results = pool.imap(_work, work, chunksize=chunk)
        for (path, key), local in zip(items, here, strict=True):
            got = _one(path, aliases, cache, key, skip, corrections) if local else next(results)
            if isinstance(got, _Failure):
                raise got.rebuild()
            if progress is not None:
                progress(path)
            if isinstance(got, bytes):
                yield _received_row(got) if rows else _received(got)
            else:
                yield got.rebuild() if isinstance(got, _Skip) else got
        finished = True
    finally:
        # All done: the workers end on the pool's sentinels, with no signal. Killing them with
        # SIGTERM (what `with Pool` does even then) once left the suite waiting forever on a worker
        # that outlived it, blocked on the task queue's lock after its sibling died holding it.
        if finished:
            pool.close()
            pool.join()
        else:  # an error, or the caller stopped early: nothing more is wanted from them
            pool.terminate()


def _key_of(cache: ExtractionCache, path: Path) -> str | None:
    """A document's cache key; None when the file cannot be read (the reader will say why)."""
    try:  # the safe reader: a pipe or a device is refused, never read forever
        return cache.file_key(path)
    except (OSError, GraphmodelError):
        return None


def corpus_key(paths: Sequence[Path], cache: ExtractionCache, graphs: GraphCache,
               corrections: Corrections | None = None) -> str | None:
    """The graph cache's key of a corpus: its documents' keys, their paths as given (the graph
    records them) and the digest of the corrections applied; None when a file cannot be read."""
    keys = [_key_of(cache, p) for p in paths]
    if None in keys:
        return None
    return graphs.key(_corpus_parts(paths, [k for k in keys if k is not None], corrections))


def _corpus_parts(paths: Sequence[Path], keys: list[str], corrections: Corrections | None) -> list[str]:
    fixes = [f"corrections:{corrections.digest()}"] if corrections is not None else []
    return keys + [f"path:{p}" for p in paths] + fixes


def build_documents(paths: Sequence[Path], *, jobs: int | None = None, aliases: AliasTable | None = None,
                    cache: bool = False, cache_dir: str | os.PathLike[str] | None = None,
                    progress: Callable[[Path], None] | None = None,
                    warn: Callable[[str, ExtractionWarning], None] | None = None,
                    corrections: Corrections | None = None) -> nx.MultiDiGraph[str]:
    """The graph of a corpus: documents extracted in ``jobs`` processes, through the caches.

    With ``cache``, the graph of the same corpus built before (same files, paths, aliases and
    extractor) is read from the graph cache; otherwise each document comes from the extraction
    cache or is extracted (and kept there), and the new graph is kept. ``warn`` is called with
    each document's source and each of its warnings, in the order of ``paths``, whichever way
    the graph was made; ``progress`` once per path. ``corrections`` are applied to each
    document's extraction; their digest is part of the graph cache's key.
    """
    from graphmodel.graph import build_graph

    extraction_cache = ExtractionCache(cache_dir, aliases) if cache else None
    keys: list[str | None] = [None] * len(paths)
    graph_cache = graph_key = None
    if extraction_cache is not None:
        keys = [_key_of(extraction_cache, p) for p in paths]
        graph_cache = GraphCache(cache_dir)
        # The graph records each document's path as given, so the names are part of its key.
        graph_key = graph_cache.key(_corpus_parts(paths, [k for k in keys if k is not None], corrections))
        found = graph_cache.get(graph_key) if None not in keys else None
        if found is not None:
            graph, warnings = found
            for path in paths:
                if progress is not None:
                    progress(path)
            for source, w in warnings:
                if warn is not None:
                    warn(source, w)
            return graph

    seen: list[tuple[str, ExtractionWarning]] = []

    def stream() -> Iterator[Extraction]:
        for ex in extract_documents(paths, jobs=jobs, aliases=aliases, cache=extraction_cache, keys=keys,
                                    progress=progress, corrections=corrections):
            for w in ex.warnings:
                seen.append((ex.document.source or "", w))
                if warn is not None:
                    warn(ex.document.source or "", w)
            yield ex

    graph = build_graph(stream())
    if graph_cache is not None and graph_key is not None and None not in keys:
        graph_cache.put(graph_key, graph, seen)
    return graph
