"""A corpus: files and folders of plans turned into one graph, or a graph file read back.

Folders are searched recursively for documents (`DOCUMENT_SUFFIXES`), in sorted path order.
A ``.json`` named on its own is either a saved extraction (``graphmodel extract -o``) or a
node-link graph file; ``.graphml`` and ``.gexf`` are graph files. A graph file stands alone: it
cannot be mixed with documents, since its plans' texts are not there to rebuild it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from graphmodel.errors import InputError
from graphmodel.graph import SCHEMA as GRAPH_SCHEMA
from graphmodel.graph import build_graph
from graphmodel.model import SCHEMA as EXTRACTION_SCHEMA
from graphmodel.model import Extraction
from loaders.export import read_graph

if TYPE_CHECKING:
    from graphmodel.extract import AliasTable

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Progress",
    "expand_paths",
    "is_graph_file",
    "read_extraction",
    "load_extractions",
    "load_graph",
]

DOCUMENT_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf")

# Called once per file when it has been read and extracted.
Progress = Callable[[Path], None]


def _json_schema(path: Path) -> str | None:
    """The schema a JSON file declares: the extraction's or the graph's, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
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
    """Whether ``path`` is a graph file (GraphML, GEXF, or node-link JSON of a built graph)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".graphml", ".gexf"):
        return True
    return suffix == ".json" and p.is_file() and _json_schema(p) == GRAPH_SCHEMA


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files that ``paths`` name: files as given, folders searched for documents.

    Raises
    ------
    InputError
        When a path does not exist, when a folder holds no document, or when no path is given.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise InputError(f"{p}: the folder holds no document ({', '.join(DOCUMENT_SUFFIXES)})")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    if not out:
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


def load_extractions(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                     aliases: AliasTable | None = None) -> list[Extraction]:
    """Expand ``paths`` and read every document, calling ``progress`` after each."""
    out = []
    for p in expand_paths(paths):
        out.append(read_extraction(p, aliases))
        if progress is not None:
            progress(p)
    return out


def load_graph(paths: Sequence[str | os.PathLike[str]], progress: Progress | None = None,
               aliases: AliasTable | None = None) -> nx.MultiDiGraph:
    """One graph from documents and folders, or from a single graph file.

    Parameters
    ----------
    paths : sequence of path-like
        Documents, folders of documents, saved extractions; or one graph file.
    progress : callable, optional
        Called with each document's path once it is read and extracted.
    aliases : AliasTable, optional
        A user's alias table for the extraction (not used for a graph file).

    Raises
    ------
    InputError
        When a path is missing or unreadable, or a graph file is mixed with other paths.
    """
    graphs = [p for p in paths if is_graph_file(p)]
    if graphs:
        if len(paths) > 1:
            raise InputError(f"{graphs[0]}: a built graph must be given alone, not with other paths")
        return read_graph(graphs[0])
    return build_graph(load_extractions(paths, progress, aliases))
