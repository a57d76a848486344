"""What the analysis commands share: PATH... into a graph, with a progress bar and warnings."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
import networkx as nx

from graphmodel.graph import build_graph, find_document

F = TypeVar("F", bound=Callable[..., Any])


def paths_argument(func: F) -> F:
    """The PATH... argument: documents, folders of documents, saved extractions, or a graph file."""
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(func)


def aliases_option(func: F) -> F:
    return click.option("--aliases", "aliases_file", type=click.Path(path_type=Path, dir_okay=False),
                        help="A file of unit aliases for the extraction (canonical name first, tab-separated).")(func)


def document_option(func: F) -> F:
    return click.option("--document", "documents", multiple=True, metavar="DOC",
                        help="Only this document (id, title or file name); may be repeated.")(func)


def load(paths: Sequence[Path], aliases_file: Path | None = None) -> nx.MultiDiGraph:
    """Read a graph file, or read, extract and build the documents with a progress bar on stderr."""
    from loaders.corpus import expand_paths, is_graph_file, load_extractions, load_graph

    if any(is_graph_file(p) for p in paths):
        return load_graph(paths)
    files = expand_paths(paths)
    aliases = None
    if aliases_file is not None:
        from loaders.aliases import read_aliases

        aliases = read_aliases(aliases_file)
    if len(files) > 1:
        with click.progressbar(length=len(files), label="Reading plans", file=sys.stderr,
                               show_pos=True) as bar:
            extractions = load_extractions(files, progress=lambda _: bar.update(1), aliases=aliases)
    else:
        extractions = load_extractions(files, aliases=aliases)
    for ex in extractions:
        for w in ex.warnings:
            where = f" at characters {w.span[0]}-{w.span[1]}" if w.span else ""
            click.echo(f"graphmodel: warning: {ex.document.source}{where}: {w.message}", err=True)
    return build_graph(extractions)


def resolve_documents(graph: nx.MultiDiGraph, refs: Sequence[str]) -> list[str] | None:
    """Document ids for the --document values (None when none was given)."""
    return [find_document(graph, r) for r in refs] if refs else None


def task_labels(graph: nx.MultiDiGraph, tasks: Sequence[str], documents: Sequence[str] | None = None
                ) -> list[str]:
    """Task numbers for a table; prefixed by the document's year (or title) when several
    documents are in scope (``documents``, else the whole graph), since numbers repeat."""
    docs = documents if documents is not None else [n for n, k in graph.nodes(data="kind") if k == "Document"]
    out = []
    for t in tasks:
        number = str(graph.nodes[t].get("number", ""))
        if len(docs) > 1:
            doc = graph.nodes[graph.nodes[t]["document"]]
            number = f"{(doc.get('date') or '')[:4] or doc.get('title') or graph.nodes[t]['document']}:{number}"
        out.append(number)
    return out
