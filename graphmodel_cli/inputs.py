"""What the analysis commands share: PATH... into a graph, with a progress bar and warnings."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import networkx as nx

from graphmodel.graph import build_graph, document_record, find_document, nodes_of_kind, task_document, task_number
from graphmodel.model import Extraction

if TYPE_CHECKING:
    from loaders.outcome import CorpusReport

F = TypeVar("F", bound=Callable[..., Any])


STRICT = "graphmodel.strict"  # in the click context's meta: --strict was given


def _set_strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta[STRICT] = bool(value)


def strict_option(func: F) -> F:
    """``--strict``: a file that cannot be read fails the run (by default it is skipped, named)."""
    return click.option("--strict", is_flag=True, expose_value=False, callback=_set_strict,
                        help="Fail (exit 2) when any file cannot be read, after naming them all; "
                             "by default such files are skipped with a warning and the rest is used.")(func)


def paths_argument(func: F) -> F:
    """The PATH... argument (documents, folders of documents, saved extractions, or a graph file),
    with ``--strict``."""
    func = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(func)
    return strict_option(func)


def _remember(ctx: click.Context, param: click.Parameter, value: object) -> object:
    ctx.meta[f"graphmodel.{param.name}"] = value
    return value


def aliases_option(func: F) -> F:
    """--aliases, and the corpus options every command that reads plans takes: --jobs, --no-cache.

    --jobs and --no-cache are read by `load` from the context, so commands need no parameter
    for them.
    """
    func = click.option("--no-cache", "no_cache", is_flag=True, expose_value=False, callback=_remember,
                        help="Read and extract every plan, neither using nor filling the cache.")(func)
    func = click.option("--jobs", "jobs", type=click.IntRange(min=1), expose_value=False, callback=_remember,
                        help="Worker processes extracting plans [default: the cores available].")(func)
    return click.option("--aliases", "aliases_file", type=click.Path(path_type=Path, dir_okay=False),
                        help="A file of unit aliases for the extraction (canonical name first, tab-separated).")(func)


def document_option(func: F) -> F:
    return click.option("--document", "documents", multiple=True, metavar="DOC",
                        help="Only this document (id, title or file name); may be repeated.")(func)


def load(paths: Sequence[Path], aliases_file: Path | None = None, output: Path | None = None) -> nx.MultiDiGraph:
    """Read a graph file, or read, extract and build the documents with a progress bar on stderr.

    Every file is read: those that are not plans are skipped with a note, bad ones with a
    warning naming the reason, then a summary line; ``--strict`` makes a bad file an error.
    ``output``, when the command writes one, is checked first: never one of the inputs.
    """
    from loaders.corpus import expand_paths, is_graph_file, load_graph, read_corpus
    from loaders.files import check_output
    from loaders.outcome import CorpusReport

    if any(is_graph_file(p) for p in paths):
        if output is not None:
            check_output(output, paths)
        return load_graph(paths)
    report = CorpusReport()
    files = expand_paths(paths, report)
    if output is not None:
        check_output(output, files)
    aliases = None
    if aliases_file is not None:
        from loaders.aliases import read_aliases

        aliases = read_aliases(aliases_file)
    meta = click.get_current_context().meta
    jobs = meta.get("graphmodel.jobs")
    if jobs is None:
        from loaders.parallel import default_jobs

        jobs = default_jobs()
    store = graphs = key = None
    if not meta.get("graphmodel.no_cache", False):
        from loaders.cache import ExtractionCache, GraphCache
        from loaders.parallel import corpus_key

        store = ExtractionCache(aliases=aliases)
        if not report.bad:  # no unreadable folder: the corpus's graph may come from the graph cache
            graphs = GraphCache()
            key = corpus_key(files, store, graphs)
            found = graphs.get(key) if key is not None else None
            if found is not None:
                graph, warnings = found
                report.files += len(files)  # as if read: the notes and summary are the same
                _echo_report(report)
                for source, w in warnings:
                    where = f" at characters {w.span[0]}-{w.span[1]}" if w.span else ""
                    click.echo(f"graphmodel: warning: {source}{where}: {w.message}", err=True)
                return graph
    skipped_before = len(report.skipped)
    if len(files) > 1:
        with click.progressbar(length=len(files), label="Reading plans", file=sys.stderr,
                               show_pos=True) as bar:
            corpus = read_corpus(files, progress=lambda _: bar.update(1), aliases=aliases, report=report,
                                 jobs=jobs, cache=store)
    else:
        corpus = read_corpus(files, aliases=aliases, report=report, jobs=jobs, cache=store)
    if corpus.extractions or len(report.skipped) > 1:  # one file that failed: its error alone
        _echo_report(report)
    ctx = click.get_current_context(silent=True)
    corpus.check(strict=bool(ctx and ctx.meta.get(STRICT)))
    for ex in corpus.extractions:
        for w in ex.warnings:
            where = f" at characters {w.span[0]}-{w.span[1]}" if w.span else ""
            click.echo(f"graphmodel: warning: {ex.document.source}{where}: {w.message}", err=True)
    graph = build_graph(corpus.extractions)
    if graphs is not None and key is not None and len(report.skipped) == skipped_before:  # every plan read
        graphs.put(key, graph, [(ex.document.source or "", w) for ex in corpus.extractions for w in ex.warnings])
    return graph


def load_documents(paths: Sequence[Path], aliases_file: Path | None = None, output: Path | None = None
                   ) -> list[Extraction]:
    """Read and extract the documents (no graph file) as `load` does, for commands that need
    each document's own extraction rather than the merged graph (the Neo4j loads)."""
    from loaders.corpus import expand_paths, read_corpus
    from loaders.files import check_output
    from loaders.outcome import CorpusReport

    report = CorpusReport()
    files = expand_paths(paths, report)
    if output is not None:
        check_output(output, files)
    aliases = None
    if aliases_file is not None:
        from loaders.aliases import read_aliases

        aliases = read_aliases(aliases_file)
    meta = click.get_current_context().meta
    jobs = meta.get("graphmodel.jobs")
    if jobs is None:
        from loaders.parallel import default_jobs

        jobs = default_jobs()
    store = None
    if not meta.get("graphmodel.no_cache", False):
        from loaders.cache import ExtractionCache

        store = ExtractionCache(aliases=aliases)
    if len(files) > 1:
        with click.progressbar(length=len(files), label="Reading plans", file=sys.stderr,
                               show_pos=True) as bar:
            corpus = read_corpus(files, progress=lambda _: bar.update(1), aliases=aliases, report=report,
                                 jobs=jobs, cache=store)
    else:
        corpus = read_corpus(files, aliases=aliases, report=report, jobs=jobs, cache=store)
    if corpus.extractions or len(report.skipped) > 1:  # one file that failed: its error alone
        _echo_report(report)
    ctx = click.get_current_context(silent=True)
    corpus.check(strict=bool(ctx and ctx.meta.get(STRICT)))
    for ex in corpus.extractions:
        for w in ex.warnings:
            where = f" at characters {w.span[0]}-{w.span[1]}" if w.span else ""
            click.echo(f"graphmodel: warning: {ex.document.source}{where}: {w.message}", err=True)
    return list(corpus.extractions)


def _echo_report(report: CorpusReport) -> None:
    """The skipped files (warnings for bad ones, notes for the rest) and the summary line."""
    for skipped in sorted(report.skipped, key=lambda s: str(s.path)):
        kind = "warning" if skipped.bad else "note"
        click.echo(f"graphmodel: {kind}: {skipped.line()}", err=True)
    summary = report.summary()
    if summary:
        click.echo(f"graphmodel: {summary}", err=True)


def resolve_documents(graph: nx.MultiDiGraph, refs: Sequence[str]) -> list[str] | None:
    """Document ids for the --document values (None when none was given)."""
    return [find_document(graph, r) for r in refs] if refs else None


def task_labels(graph: nx.MultiDiGraph, tasks: Sequence[str], documents: Sequence[str] | None = None
                ) -> list[str]:
    """Task numbers for a table; prefixed by the document's year (or title) when several
    documents are in scope (``documents``, else the whole graph), since numbers repeat."""
    docs = documents if documents is not None else nodes_of_kind(graph, "Document")
    out = []
    for t in tasks:
        number = task_number(graph, t)
        if len(docs) > 1:
            doc = document_record(graph, task_document(graph, t))
            number = f"{(doc.date or '')[:4] or doc.title or doc.id}:{number}"
        out.append(number)
    return out
