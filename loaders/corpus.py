"""A corpus: files and folders of plans turned into one graph, or a graph file read back.

Folders are searched recursively for documents (`DOCUMENT_SUFFIXES`), in sorted path order.
`read_corpus` reads every file and builds from those that are plans; the others are recorded
in a `loaders.outcome.CorpusReport` (the policy for skipped files lives there), so one run names
every bad file. `read_extractions` and `read_corpus_graph` fail on the first bad file's report instead.
A ``.json`` named on its own is either a saved extraction (``graphmodel extract -o``) or a
node-link graph file; ``.graphml`` and ``.gexf`` are graph files. A graph file stands alone: it
cannot be mixed with documents, since its plans' texts are not there to rebuild it.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import networkx as nx

from graphmodel.errors import InputError
from graphmodel.graph import SCHEMA as GRAPH_SCHEMA
from graphmodel.graph import build_graph
from graphmodel.model import SCHEMA as EXTRACTION_SCHEMA
from graphmodel.model import Extraction
from loaders.documents.read_error import ReadError
from loaders.documents.source import read_bytes
from loaders.graph_files import read_graph
from loaders.outcome import CorpusReport, Skipped, attempt, scan_folder

if TYPE_CHECKING:
    from graphmodel.corrections import Corrections
    from graphmodel.extract import AliasTable
    from graphmodel.graph.from_rows import ExtractionRow
    from loaders.cache import ExtractionCache

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Corpus",
    "Progress",
    "read_corpus",
    "iter_corpus",
    "expand_paths",
    "is_graph_file",
    "read_extraction",
    "read_extractions",
    "read_corpus_graph",
]

DOCUMENT_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf")

# Called once per file when it has been read and extracted.
Progress = Callable[[Path], None]


def _json_schema(path: Path) -> str | None:
    """The schema a JSON file declares: the extraction's or the graph's, else None."""
    try:
        data = json.loads(read_bytes(path).decode("utf-8"))
    except ReadError as exc:
        raise InputError(str(exc)) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"{path}: not a JSON file ({exc})") from None
    if not isinstance(data, dict):
        return None
    if data.get("schema") == EXTRACTION_SCHEMA:
        return EXTRACTION_SCHEMA
    graph = data.get("graph")
    if isinstance(graph, dict) and graph.get("schema") == GRAPH_SCHEMA:
        return GRAPH_SCHEMA
    return None


def is_graph_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a graph file (the pack .gmg, GraphML, GEXF, or node-link JSON of a built graph)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".gmg", ".graphml", ".gexf"):
        return True
    return suffix == ".json" and p.is_file() and _json_schema(p) == GRAPH_SCHEMA


def _kind(path: Path) -> str | None:
    """``"folder"``, ``"other"`` (a file, a pipe, a device...) or None (nothing there, or a
    broken link): one status where `Path.is_dir` then `Path.exists` took two for every file
    of a corpus named one by one (as `iter_corpus` is given them, expanded already)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "other" if path.exists() else None  # pathlib's rules for what is missing (others raise)
    return "folder" if stat.S_ISDIR(mode) else "other"


def expand_paths(paths: Iterable[str | os.PathLike[str]], report: CorpusReport | None = None) -> list[Path]:
    """The files that ``paths`` name: files as given, folders searched for documents.

    Parameters
    ----------
    paths
        Files and folders.
    report
        Where files that are not documents and folders that cannot be listed are recorded;
        without one, a folder that holds no document is an error and such files are left out.

    Raises
    ------
    InputError
        When a path does not exist, when no path is given, or (without ``report``) when a
        folder holds no document.
    """
    out: list[Path] = []
    for raw in paths:
        p = raw if isinstance(raw, Path) else Path(raw)  # Path(a Path) parses it again
        kind = _kind(p)
        if kind == "folder":
            found = scan_folder(p, DOCUMENT_SUFFIXES, report if report is not None else CorpusReport())
            if not found and report is None:
                raise InputError(f"{p}: the folder holds no document ({', '.join(DOCUMENT_SUFFIXES)})")
            out.extend(found)
        elif kind == "other" or p.is_symlink():
            out.append(p)  # a file, or a pipe or a device, which the reader refuses by name
        else:
            raise InputError(f"{p}: no such file or folder")
    if not out and report is None:
        raise InputError("no document given")
    unique = list(dict.fromkeys(out))  # a file named twice is read once
    return unique


def read_extraction(path: str | os.PathLike[str], aliases: AliasTable | None = None) -> Extraction:
    """Read and extract one document, or load a saved extraction (``.json``).

    ``aliases`` (a user's table, see `loaders.aliases.read_aliases`) is merged over the built-in
    one; a saved extraction keeps the ids it was saved with.

    Raises
    ------
    InputError
        When the file cannot be read or holds no plan (from the reader or the extractor), or
        is a ``.json`` that is not an extraction.
    """
    p = Path(path)
    if p.suffix.lower() == ".json":
        if _json_schema(p) != EXTRACTION_SCHEMA:
            raise InputError(f"{p}: neither a {EXTRACTION_SCHEMA} extraction nor a graph file")
        ex = Extraction.from_dict(json.loads(p.read_text(encoding="utf-8")))
        if ex.document.source is None:
            ex.document.source = str(p)
        return ex
    # Imported here: the parsers behind them are not needed to read a built graph.
    from graphmodel.extract import extract
    from loaders.documents import read_document

    return extract(read_document(p), source=str(p), aliases=aliases)


@dataclass
class Corpus:
    """What `read_corpus` read: the extractions of the plans, and the report of the rest."""

    extractions: list[Extraction]
    report: CorpusReport

    def check(self, strict: bool = False) -> None:
        """Raise `loaders.outcome.CorpusError` when the run must fail (see `CorpusReport.check`)."""
        self.report.check(len(self.extractions), strict)


def read_corpus(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                aliases: AliasTable | None = None, report: CorpusReport | None = None, *, jobs: int = 1,
                cache: ExtractionCache | None = None, corrections: Corrections | None = None) -> Corpus:
    """Read every document ``paths`` name, skipping (and recording) those that are no plan.

    Never stops at a bad file: call ``.check(strict)`` on the result to fail the run when it
    must (nothing read; or ``strict`` and a bad file).

    Parameters
    ----------
    paths
        Documents, folders of documents, saved extractions.
    progress
        Called with each file's path once it is read (or skipped).
    aliases
        A user's alias table for the extraction.
    report
        A report to go on with (e.g. the one `expand_paths` filled when the caller expanded
        ``paths`` itself); a new one by default.
    jobs
        Worker processes extracting the documents (`loaders.parallel`); the result is the same,
        in the same order, for any number.
    cache
        The extraction cache (`loaders.cache`) to read from and fill; none by default.
    corrections
        Applied to each document's extraction after it is extracted (or taken from the cache),
        in the worker that extracted it (`loaders.corrections.correct`); saved extractions are
        taken as they are.

    Raises
    ------
    InputError
        When a path does not exist.
    """
    report = report if report is not None else CorpusReport()
    extractions = list(iter_corpus(paths, progress, aliases, report, jobs=jobs, cache=cache,
                                   corrections=corrections))
    return Corpus(extractions, report)


@overload
def iter_corpus(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                aliases: AliasTable | None = None, report: CorpusReport | None = None, *, jobs: int = 1,
                cache: ExtractionCache | None = None, corrections: Corrections | None = None,
                rows: Literal[False] = False) -> Iterator[Extraction]: ...
@overload
def iter_corpus(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                aliases: AliasTable | None = None, report: CorpusReport | None = None, *, jobs: int = 1,
                cache: ExtractionCache | None = None, corrections: Corrections | None = None,
                rows: bool) -> Iterator[Extraction | ExtractionRow]: ...
def iter_corpus(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                aliases: AliasTable | None = None, report: CorpusReport | None = None, *, jobs: int = 1,
                cache: ExtractionCache | None = None, corrections: Corrections | None = None,
                rows: bool = False) -> Iterator[Extraction | ExtractionRow]:
    """`read_corpus`, one extraction at a time: each is yielded as soon as it is ready (in path
    order), and the files skipped go into ``report`` as they come, so a caller can build from
    each and let it go rather than hold them all.

    The parameters are `read_corpus`'s; ``report`` is complete once the iterator is exhausted.
    With ``rows``, a document extracted in a worker process comes as the row it sent (see
    `loaders.parallel.extract_documents`). The paths are expanded (and a missing one raises
    `InputError`) at the first ``next``.
    """
    report = report if report is not None else CorpusReport()
    files = expand_paths(paths, report)
    if jobs > 1 or cache is not None:  # worker processes and the cache: loaders.parallel
        from loaders.parallel import extract_documents

        results: Iterable[Extraction | ExtractionRow | Skipped] = extract_documents(
            files, jobs=jobs, aliases=aliases, cache=cache, progress=progress, skip=True, corrections=corrections,
            rows=rows)
    else:
        results = (_attempt_one(p, aliases, progress, corrections) for p in files)
    for got in results:
        report.files += 1
        if isinstance(got, Skipped):
            report.add(got)
        else:
            yield got


def _attempt_one(p: Path, aliases: AliasTable | None, progress: Progress | None,
                 corrections: Corrections | None = None) -> Extraction | Skipped:
    from loaders.corrections import correct

    got = attempt(p, lambda: correct(read_extraction(p, aliases), p, corrections, aliases))
    if progress is not None:
        progress(p)
    return got


def read_extractions(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                            aliases: AliasTable | None = None, corrections: Corrections | None = None
                     ) -> list[Extraction]:
    """Expand ``paths`` and read every document, calling ``progress`` after each.

    Files that are not plans are left out; a bad file is an error (`read_corpus` reads on
    past it).

    Raises
    ------
    InputError
        A path is missing, a file cannot be read, or no plan is among them.
    """
    corpus = read_corpus(paths, progress, aliases, corrections=corrections)
    corpus.check(strict=True)
    return corpus.extractions


def read_corpus_graph(paths: Sequence[str | os.PathLike[str]], progress: Progress | None = None,
                      aliases: AliasTable | None = None, corrections: Corrections | None = None,
                      edge_types: Collection[str] | None = None,
                      node_attributes: Mapping[str, Collection[str]] | None = None) -> nx.MultiDiGraph[str]:
    """One graph from documents and folders, or from a single graph file.

    Parameters
    ----------
    paths : sequence of path-like
        Documents, folders of documents, saved extractions; or one graph file.
    progress : callable, optional
        Called with each document's path once it is read and extracted.
    aliases : AliasTable, optional
        A user's alias table for the extraction (not used for a graph file).
    corrections : Corrections, optional
        Applied to each document's extraction (not to a graph file).
    edge_types : collection of str, optional
        For a graph file, the edge types the caller needs (see `read_graph`): others may be
        left out. Documents are always built whole.
    node_attributes : mapping, optional
        For a graph file, a node kind to the attributes the caller needs of its nodes (see
        `read_graph`): others may be left out.

    Raises
    ------
    InputError
        When a path is missing or unreadable, or a graph file is mixed with other paths.
    """
    graphs = [p for p in paths if is_graph_file(p)]
    if graphs:
        if len(paths) > 1:
            raise InputError(f"{graphs[0]}: a built graph must be given alone, not with other paths")
        return read_graph(graphs[0], edge_types, node_attributes)
    return build_graph(read_extractions(paths, progress, aliases, corrections))
