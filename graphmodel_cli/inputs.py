"""What the analysis commands share: PATH... into a graph, with a progress bar and warnings."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph import (
    EDGE_TYPES,
    NODE_KINDS,
    SCHEMA,
    GraphBuilder,
    document_record,
    find_document,
    find_side,
    node_aliases,
    nodes_of_kind,
    task_document,
    task_number,
    unit_label,
)
from graphmodel.graph.from_rows import ExtractionRow
from graphmodel.model import Extraction, ExtractionWarning

if TYPE_CHECKING:
    from graphmodel.corrections import Corrections
    from graphmodel.extract import AliasTable
    from loaders.cache import ExtractionCache, GraphCache
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
    """--aliases, and the corpus options every command that reads plans takes: --corrections,
    --jobs, --no-cache.

    --corrections, --jobs and --no-cache are read by `load` from the context, so commands need
    no parameter for them.
    """
    func = corrections_option(func)
    func = click.option("--no-cache", "no_cache", is_flag=True, expose_value=False, callback=_remember,
                        help="Read and extract every plan, neither using nor filling the cache.")(func)
    func = click.option("--jobs", "jobs", type=click.IntRange(min=1), expose_value=False, callback=_remember,
                        help="Worker processes extracting plans [default: the cores available].")(func)
    return click.option("--aliases", "aliases_file", type=click.Path(path_type=Path, dir_okay=False),
                        help="A file of unit aliases for the extraction (canonical name first, tab-separated).")(func)


CORRECTIONS_HELP = ("A corrections file (graphmodel.corrections.tsv format) applied to each plan's reading "
                    "[default: graphmodel.corrections.tsv beside the plans, when there is one].")


def corrections_option(func: F) -> F:
    """``--corrections FILE``, remembered in the context for `load` and `load_documents`."""
    return click.option("--corrections", "corrections_file", type=click.Path(path_type=Path, dir_okay=False),
                        expose_value=False, callback=_remember, help=CORRECTIONS_HELP)(func)


def read_corrections_for(paths: Sequence[Path], named: Path | None) -> Corrections | None:
    """The corrections a run on ``paths`` applies: the file named, else the one beside the plans."""
    from loaders.corrections import corrections_for

    return corrections_for(paths, named)


def warn_unmatched(corrections: Corrections | None, documents: Sequence[tuple[str, str | None]],
                   names: Sequence[str] | None = None) -> None:
    """A warning for each correction whose document is not among those read (see
    `Corrections.unmatched_documents`) and, given the corpus's unit ``names``, for each one for
    every plan whose unit no plan names (`graphmodel.corrections.parse.unmatched_names`)."""
    if corrections is None:
        return
    for c in corrections.unmatched_documents(documents):
        click.echo(f"graphmodel: warning: {c.where}: no plan read is the document {c.document}; "
                   "the correction is not applied", err=True)
    if names is not None and corrections.named:  # the file beside the plans serves others too
        from graphmodel.corrections.parse import unmatched_names

        for c in unmatched_names(corrections, names):
            click.echo(f"graphmodel: warning: {c.where}: no plan read names {c.unit}; the correction "
                       "changed nothing", err=True)


def _extraction_names(extractions: Sequence[Extraction]) -> list[str]:
    return [n for ex in extractions for u in ex.units for n in (u.name, *u.aliases)]


def _graph_names(graph: nx.MultiDiGraph[str]) -> list[str]:
    out = []
    for kind in ("Unit", "Group"):
        for n in nodes_of_kind(graph, kind):
            out += [name for name in (unit_label(graph, n), *node_aliases(graph, n)) if name]
    return out


def corrected(result: Extraction, file: Path, corrections: Corrections | None,
              aliases: AliasTable | None) -> Extraction:
    """One document's reading with the corrections applied and their warnings printed (``extract``)."""
    from loaders.corrections import correct

    fixed = correct(result, file, corrections, aliases)
    for w in fixed.warnings[len(result.warnings):]:
        click.echo(f"graphmodel: warning: {file}: {w.message}", err=True)
    warn_unmatched(corrections, [(fixed.document.id, fixed.document.title)], _extraction_names([fixed]))
    return fixed


_GATHER = "graphmodel.unmatched"  # in the click context's meta: loads gather, `together` warns


def _unmatched(corrections: Corrections | None, documents: Sequence[tuple[str, str | None]],
               names: Sequence[str]) -> None:
    ctx = click.get_current_context(silent=True)
    gathered = ctx.meta.get(_GATHER) if ctx is not None else None
    if gathered is not None:
        gathered.append((corrections, list(documents), list(names)))
    else:
        warn_unmatched(corrections, documents, names)


@contextmanager
def together() -> Iterator[None]:
    """Loads within it (``compare``'s two) warn about corrections whose document none of them
    read, once, at the end, rather than each about the other's plans."""
    ctx = click.get_current_context()
    ctx.meta[_GATHER] = []
    try:
        yield
    finally:
        gathered = ctx.meta.pop(_GATHER)
    from graphmodel.corrections import Corrections

    documents = [d for _, docs, _ in gathered for d in docs]
    names = [n for *_, found in gathered for n in found]
    warned: set[str] = set()
    for corrections, _, _ in gathered:
        if corrections is None:
            continue
        for c in corrections:
            if c.where not in warned:
                warned.add(c.where)
                warn_unmatched(Corrections((c,), named=corrections.named), documents, names)


def _graph_documents(graph: nx.MultiDiGraph[str]) -> list[tuple[str, str | None]]:
    return [(n, document_record(graph, n).title) for n in nodes_of_kind(graph, "Document")]


def _context_corrections(paths: Sequence[Path]) -> Corrections | None:
    ctx = click.get_current_context(silent=True)
    named = ctx.meta.get("graphmodel.corrections_file") if ctx is not None else None
    return read_corrections_for(paths, named)



def document_option(func: F) -> F:
    return click.option("--document", "documents", multiple=True, metavar="DOC",
                        help="Only this document (id, title or file name); may be repeated.")(func)


def analysis_options(func: F) -> F:
    """What every analysis of plans by document takes: --document, --aliases (with --jobs and
    --no-cache) and --format, in that order in --help."""
    from graphmodel_cli.output import format_option

    return document_option(aliases_option(format_option(func)))


@dataclass
class _Plans:
    """The files of PATH... and how to read them, with the output already checked."""

    files: list[Path]
    report: CorpusReport
    aliases: AliasTable | None
    jobs: int
    cache: ExtractionCache | None
    corrections: Corrections | None


def _plans(paths: Sequence[Path], aliases_file: Path | None, output: Path | None) -> _Plans:
    """Expand PATH..., refuse a bad output before anything is read, read --aliases, --jobs and
    --no-cache."""
    from loaders.corpus import expand_paths
    from loaders.files import check_output
    from loaders.outcome import CorpusReport

    report = CorpusReport()
    files = expand_paths(paths, report)
    if output is not None:
        check_output(output, files)
    corrections = _context_corrections(paths)
    aliases = None
    if aliases_file is not None:
        from loaders.aliases import read_aliases

        aliases = read_aliases(aliases_file)
    meta = click.get_current_context().meta
    jobs = meta.get("graphmodel.jobs")
    if jobs is None:
        from loaders.parallel import default_jobs

        jobs = default_jobs()
    cache = None
    if not meta.get("graphmodel.no_cache", False):
        from loaders.cache import ExtractionCache

        cache = ExtractionCache(aliases=aliases)
    return _Plans(files, report, aliases, jobs, cache, corrections)


def _extract(plans: _Plans) -> list[Extraction]:
    """Read and extract the plans (a progress bar for several), then print the files skipped and
    the documents' warnings; fail as the corpus policy and --strict say."""
    extractions: list[Extraction] = []
    _read(plans, extractions.append)
    return extractions


def _read(plans: _Plans, take: Callable[[Extraction], None]) -> list[tuple[str, ExtractionWarning]]:
    """`_extract`, giving each extraction to ``take`` as soon as it is read rather than
    collecting them: what is printed (after the progress bar: the files skipped, the warnings,
    the corrections that matched nothing) and when the run fails are the same. Returns the
    documents' warnings, with their sources, in order."""
    return _read_any(plans, cast(Callable[[Extraction | ExtractionRow], None], take), rows=False)


def _read_any(plans: _Plans, take: Callable[[Extraction | ExtractionRow], None], rows: bool
              ) -> list[tuple[str, ExtractionWarning]]:
    """`_read`; with ``rows``, a document a worker extracted reaches ``take`` as the row it sent
    (`ExtractionRow`: for `GraphBuilder.add_row`, its records never made here)."""
    from loaders.corpus import iter_corpus

    options: dict[str, Any] = {"aliases": plans.aliases, "report": plans.report, "jobs": plans.jobs,
                               "cache": plans.cache, "corrections": plans.corrections, "rows": rows}
    documents: list[tuple[str, str | None]] = []
    names: list[str] = []
    warnings: list[tuple[str, ExtractionWarning]] = []

    def each(extractions: Iterator[Extraction | ExtractionRow]) -> None:
        for ex in extractions:
            if isinstance(ex, ExtractionRow):
                documents.append((ex.document_id, ex.title))
                names.extend(ex.unit_names())
                source, found = ex.source or "", ex.warnings()
            else:
                documents.append((ex.document.id, ex.document.title))
                names.extend(_extraction_names([ex]))
                source, found = ex.document.source or "", ex.warnings
            warnings.extend((source, w) for w in found)
            take(ex)

    if len(plans.files) > 1:
        with click.progressbar(length=len(plans.files), label="Reading plans", file=sys.stderr,
                               show_pos=True) as bar:
            each(iter_corpus(plans.files, progress=lambda _: bar.update(1), **options))
    else:
        each(iter_corpus(plans.files, **options))
    if documents or len(plans.report.skipped) > 1:  # one file that failed: its error alone
        _echo_report(plans.report)
    ctx = click.get_current_context(silent=True)
    plans.report.check(len(documents), strict=bool(ctx and ctx.meta.get(STRICT)))
    for source, w in warnings:
        echo_warning(source, w)
    _unmatched(plans.corrections, documents, names)
    return warnings


def echo_warning(source: str, warning: ExtractionWarning) -> None:
    """An extraction warning on stderr: ``graphmodel: warning: SOURCE at characters A-B: message``."""
    where = f" at characters {warning.span[0]}-{warning.span[1]}" if warning.span else ""
    click.echo(f"graphmodel: warning: {source}{where}: {warning.message}", err=True)


def load(paths: Sequence[Path], aliases_file: Path | None = None, output: Path | None = None,
         edge_types: Collection[str] | None = None,
         node_attributes: Mapping[str, Collection[str]] | None = None) -> nx.MultiDiGraph[str]:
    """Read a graph file, or read, extract and build the documents with a progress bar on stderr.

    Every file is read: those that are not plans are skipped with a note, bad ones with a
    warning naming the reason, then a summary line; ``--strict`` makes a bad file an error.
    ``output``, when the command writes one, is checked first: never one of the inputs.
    ``edge_types``, ``node_attributes``: a saved graph, or the graph cache's graph of the
    plans, may then be read with only those edges and those attributes of the nodes of the
    kinds named (`read_graph`).

    The graph's objects are frozen out of the garbage collector's reach (`gc.freeze`; the
    command's end unfreezes them, see `graphmodel_cli.main`): it lives until the command ends,
    and a collection walking its millions of objects cost as much as a corpus's analysis.
    """
    graph = _load(paths, aliases_file, output, edge_types=edge_types, node_attributes=node_attributes)
    assert not isinstance(graph, CachedPack)  # only with pack_only
    return _kept(graph)


def _kept(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """``graph`` frozen out of the collector's reach and held to the command's end (`load`)."""
    from graphmodel_cli.main import keep_until_exit

    gc.freeze()
    keep_until_exit(graph)
    return graph


@dataclass(frozen=True)
class CachedPack:
    """A corpus's graph as the graph cache keeps it, not made into a graph: its pack file's
    bytes (a view of the cache entry's) and its `graph_summary`; ``written`` when they were
    written to the output already (`load_or_pack` with ``write``)."""

    pack: bytes | memoryview
    summary: dict[str, Any]
    written: bool = False


def load_or_pack(paths: Sequence[Path], aliases_file: Path | None = None, output: Path | None = None,
                 write: bool = False) -> nx.MultiDiGraph[str] | CachedPack:
    """`load`, or the graph cache's pack and summary of the corpus when it has them and nothing
    needs the graph itself (no corrections, whose warnings name what the graph holds): ``build
    -o FILE.gmg`` then copies the pack and prints the summary without reading the graph. With
    ``write``, a pack made here is written to ``output`` (atomically) while the graph cache
    keeps it (the CachedPack says ``written``)."""
    got = _load(paths, aliases_file, output, pack_only=True, write=write)
    return got if isinstance(got, CachedPack) else _kept(got)


def graph_summary(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """What ``build`` prints of a graph: ``nodes``, ``edges`` and ``stats`` (`graph_stats` as
    ``[what, count]`` rows); kept with the graph in the graph cache."""
    ctx = click.get_current_context(silent=True)
    found = ctx.meta.get(_SUMMARY) if ctx is not None else None
    if found is not None and found[0] is graph:
        summary: dict[str, Any] = found[1]
        return summary
    from graphmodel.analysis import graph_stats

    return _summary(graph.number_of_nodes(), graph.number_of_edges(), graph_stats(graph))


def _summary(nodes: int, edges: int, stats: dict[str, int]) -> dict[str, Any]:
    return {"nodes": nodes, "edges": edges, "stats": [[k, v] for k, v in stats.items()]}


_SUMMARY = "graphmodel.summary"  # in the click context's meta: (graph, its summary) as kept in the graph cache


def _load(paths: Sequence[Path], aliases_file: Path | None, output: Path | None, pack_only: bool = False,
          edge_types: Collection[str] | None = None, node_attributes: Mapping[str, Collection[str]] | None = None,
          write: bool = False) -> nx.MultiDiGraph[str] | CachedPack:
    from graphmodel.errors import InputError
    from loaders.corpus import is_graph_file, read_corpus_graph
    from loaders.files import check_output

    if any(is_graph_file(p) for p in paths):
        if click.get_current_context().meta.get("graphmodel.corrections_file") is not None:
            raise InputError("--corrections applies to plans, not to a built graph: build it again from the plans")
        if output is not None:
            check_output(output, paths)
        with _frozen_when_made():
            return read_corpus_graph(paths, edge_types=edge_types, node_attributes=node_attributes)
    plans = _plans(paths, aliases_file, output)
    graphs = key = None
    if plans.cache is not None and not plans.report.bad:
        # No unreadable folder: the corpus's graph may come from the graph cache.
        from loaders.cache import GraphCache
        from loaders.parallel import corpus_key

        graphs = GraphCache()
        key = corpus_key(plans.files, plans.cache, graphs, plans.corrections)
        cached = graphs.cached(key) if pack_only and key is not None and plans.corrections is None else None
        if cached is not None:
            pack, summary, warnings = cached
            plans.report.files += len(plans.files)  # as if read: the notes and summary are the same
            _echo_report(plans.report)
            for source, w in warnings:
                echo_warning(source, w)
            return CachedPack(pack, summary)
        with _frozen_when_made():  # (only the part the command needs, as from a saved graph)
            found = graphs.get(key, edge_types, node_attributes) if key is not None else None
        if found is not None:
            graph, warnings = found
            if edge_types is None and node_attributes is None:  # the entry's pack is this graph's
                _remember_pack(graph, graphs, key)
            plans.report.files += len(plans.files)  # as if read: the notes and summary are the same
            _echo_report(plans.report)
            for source, w in warnings:
                echo_warning(source, w)
            _unmatched(plans.corrections, _graph_documents(graph), _graph_names(graph))
            return graph
    skipped_before = len(plans.report.skipped)
    builder = GraphBuilder()
    failed: list[GraphError] = []

    def take(ex: Extraction | ExtractionRow) -> None:
        # Built as they arrive, while the workers extract the next ones; an error waits until
        # the reading is done and reported, where building after reading raised it.
        if failed:
            return
        try:
            if isinstance(ex, ExtractionRow):
                builder.add_row(ex.row)
            else:
                builder.add(ex)
        except GraphError as exc:
            failed.append(exc)

    # The collector off while reading, and the tables frozen after (see `_frozen_when_made`):
    # the workers' extractions are unpickled here, thousands of containers a plan and no cycle,
    # and each collection would walk them and the growing tables (a tenth of this process's
    # time at 1,000 plans).
    with _frozen_when_made():
        warnings = _read_any(plans, take, rows=True)
    if failed:
        raise failed[0]
    keep = graphs is not None and key is not None and len(plans.report.skipped) == skipped_before  # all read
    if pack_only:  # only its pack is wanted: made from the builder's tables, with no graph at all
        return _packed(builder, graphs if keep else None, key, warnings, output if write else None)
    with _frozen_when_made():
        graph = builder.graph()
    if keep:
        assert graphs is not None and key is not None
        summary = _built_summary(builder)
        click.get_current_context().meta[_SUMMARY] = (graph, summary)
        graphs.put(key, graph, warnings, summary)
        _remember_pack(graph, graphs, key)
    return graph


def _built_summary(builder: GraphBuilder) -> dict[str, Any]:
    stats = builder.stats()  # counted on the tables, not by walking the graph
    return _summary(sum(stats[k] for k in NODE_KINDS), sum(stats[t] for t in EDGE_TYPES), stats)


def _packed(builder: GraphBuilder, graphs: GraphCache | None, key: str | None,
            warnings: list[tuple[str, ExtractionWarning]], output: Path | None = None) -> CachedPack:
    """The pack file of the builder's graph, made from its tables (`GraphBuilder.in_graph_columns`,
    `loaders.graphpack.pack_columns`: the bytes `write_pack` writes for the graph), kept in the
    graph cache when ``graphs`` is given. Never making the graph saves its time (filling it,
    then walking it again to pack it) and its memory: a gigabyte at 10,000 plans.

    The edge table is let go of once its edges are numbered (`GraphBuilder.in_graph_columns`:
    columns of ints, no tuple per edge), the tables before the pack is encoded, and each part of
    the pack data once encoded (`loaders.graphpack.pack_bytes` with ``consume``): peak resident
    size at 10,000 plans 2,484 MiB (2,623 with `in_graph_order` and `pack_ordered`, measured in
    turn with the extractions cached; 2,826 before the pack was made from the tables). Holding the tables to the
    quick exit instead (`graphmodel_cli.main.keep_until_exit`) saved the 3 s of CPU freeing
    them then took, but raised the peak to 2,954 MiB (the pack's 370 MB of bytes grew on top
    of them).
    """
    from loaders.graphpack import pack_bytes, pack_columns, pack_ordered

    with _frozen_when_made():
        columns = builder.in_graph_columns()
        if columns is not None:
            data = pack_columns({"schema": SCHEMA}, *columns)
        else:  # tables it cannot number (never from extractions): edge by edge
            nodes, edges = builder.in_graph_order()
            data = pack_ordered({"schema": SCHEMA}, nodes, edges, consume=True)
            del nodes, edges
        del columns
    summary = _built_summary(builder)
    builder.clear()  # the tables, before the pack is written out
    pack = pack_bytes(data, consume=True)  # each part of the pack data let go of once encoded
    if graphs is None or key is None:
        return CachedPack(pack, summary)
    if output is None:
        kept = graphs.put_pack(key, pack, warnings, summary)
        return CachedPack(kept if kept is not None else pack, summary)
    from concurrent.futures import ThreadPoolExecutor

    from loaders.files import atomic_write_bytes

    # The output written while the graph cache writes (and hashes) its entry: writing and
    # hashing let go of the interpreter's lock, and the other core has nothing else to do at
    # the end of a build (371 MB twice, and its sha256, at 10,000 plans).
    with ThreadPoolExecutor(1) as pool:
        written = pool.submit(atomic_write_bytes, output, pack)
        kept = graphs.put_pack(key, pack, warnings, summary)
        written.result()
    return CachedPack(kept if kept is not None else pack, summary, written=True)


@contextmanager
def _frozen_when_made() -> Iterator[None]:
    """The garbage collector off while a graph is made, and what was made frozen before it is
    back on (see `load`): turned on first, its next collection would walk every object of the
    new graph once, a tenth of a second for a corpus of a thousand plans."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was:
            gc.enable()


_PACK = "graphmodel.pack"  # in the click context's meta: the graph cache entry that holds the graph loaded


def _remember_pack(graph: nx.MultiDiGraph[str], graphs: GraphCache, key: str | None) -> None:
    if key is not None:
        click.get_current_context().meta[_PACK] = (graph, graphs, key)


def cached_pack(graph: nx.MultiDiGraph[str]) -> bytes | memoryview | None:
    """The pack file's bytes of ``graph`` when `load` read it from the graph cache or kept it there
    (and the entry is still there), else None: ``build -o FILE.gmg`` then copies them rather than
    encoding the graph again."""
    ctx = click.get_current_context(silent=True)
    found = ctx.meta.get(_PACK) if ctx is not None else None
    if found is None or found[0] is not graph:
        return None
    _, graphs, key = found
    pack: memoryview | None = graphs.pack(key)
    return pack


def load_documents(paths: Sequence[Path], aliases_file: Path | None = None, output: Path | None = None
                   ) -> list[Extraction]:
    """Read and extract the documents (no graph file) as `load` does, for commands that need
    each document's own extraction rather than the merged graph (the Neo4j loads)."""
    return _extract(_plans(paths, aliases_file, output))


def _echo_report(report: CorpusReport) -> None:
    """The skipped files (warnings for bad ones, notes for the rest) and the summary line."""
    for skipped in sorted(report.skipped, key=lambda s: str(s.path)):
        kind = "warning" if skipped.bad else "note"
        click.echo(f"graphmodel: {kind}: {skipped.line()}", err=True)
    summary = report.summary()
    if summary:
        click.echo(f"graphmodel: {summary}", err=True)


def resolve_documents(graph: nx.MultiDiGraph[str], refs: Sequence[str]) -> list[str] | None:
    """Document ids for the --document values (None when none was given)."""
    return [find_document(graph, r) for r in refs] if refs else None


def load_selection(paths: Sequence[Path], aliases_file: Path | None, documents: Sequence[str],
                   side: str | None = None, edge_types: Collection[str] | None = None,
                   node_attributes: Mapping[str, Collection[str]] | None = None
                   ) -> tuple[nx.MultiDiGraph[str], list[str] | None, str | None]:
    """The graph of PATH... (`load`), the ids of the --document values (None for all) and the
    full name of --side (None when not given), each checked against the graph. ``edge_types``
    and ``node_attributes`` (the edges and node attributes the command needs, see `load`) apply
    when no --document is given."""
    graph = (load(paths, aliases_file) if documents
             else load(paths, aliases_file, edge_types=edge_types, node_attributes=node_attributes))
    return graph, resolve_documents(graph, documents), find_side(graph, side) if side else None


def task_labels(graph: nx.MultiDiGraph[str], tasks: Sequence[str], documents: Sequence[str] | None = None
                ) -> list[str]:
    """Task numbers for a table; prefixed by the document's year (or title) when several
    documents are in scope (``documents``, else the whole graph), since numbers repeat."""
    return TaskLabels(graph, documents)(tasks)


class TaskLabels(dict[str, str]):
    """`task_labels` for many lists of tasks (a table's rows), remembering each task's label:
    the documents in scope are counted once and each label made once, not once for each row
    that lists its task (a corpus's pairs list hundreds of thousands of tasks, of tens of
    thousands)."""

    def __init__(self, graph: nx.MultiDiGraph[str], documents: Sequence[str] | None = None) -> None:
        super().__init__()
        docs = documents if documents is not None else nodes_of_kind(graph, "Document")
        self._several = len(docs) > 1
        self._graph = graph
        self._prefixes: dict[str, str] = {}

    def __call__(self, tasks: Sequence[str]) -> list[str]:
        """The labels of ``tasks``, in order (as `task_labels`)."""
        return list(map(self.__getitem__, tasks))  # a label not made yet: `__missing__`

    def __missing__(self, task: str) -> str:
        label = task_number(self._graph, task)
        if self._several:
            doc = task_document(self._graph, task)
            prefix = self._prefixes.get(doc)
            if prefix is None:
                record = document_record(self._graph, doc)
                prefix = self._prefixes[doc] = f"{(record.date or '')[:4] or record.title or record.id}:"
            label = prefix + label
        self[task] = label
        return label
