"""``graphmodel load PATH...`` and ``graphmodel unload DOCUMENT...``: plans into and out of Neo4j.

Each document replaces the database's version of it; loading the same plans again writes
nothing; concurrent loads wait for each other. The password is taken from ``--password`` or
``NEO4J_PASSWORD`` and never printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel_cli.inputs import aliases_option, paths_argument
from graphmodel_cli.neo4j_options import connect_or_hint, connection_options, settings_from
from loaders.neo4j.load import DEFAULT_BATCH, load_parts, remove_documents
from loaders.neo4j.rows import DocumentPart

__all__ = ["load", "unload", "read_parts"]


def read_parts(paths: tuple[Path, ...], aliases_file: Path | None, output: Path | None = None
               ) -> list[DocumentPart]:
    """The document parts of PATH...: exact ones from documents and saved extractions, the cut
    of a graph file otherwise."""
    from graphmodel_cli.inputs import load as load_graph_file
    from graphmodel_cli.inputs import load_documents
    from loaders.corpus import is_graph_file
    from loaders.neo4j.rows import document_parts, extraction_parts

    if any(is_graph_file(p) for p in paths):
        return document_parts(load_graph_file(paths, aliases_file, output))
    return extraction_parts(load_documents(paths, aliases_file, output))


@click.command("load")
@paths_argument
@aliases_option
@connection_options
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH, show_default=True,
              help="Rows a statement sends at most (small plans are packed into one transaction).")
def load(paths: tuple[Path, ...], aliases_file: Path | None, uri: str, user: str | None,
         password: str | None, database: str | None, batch_size: int) -> None:
    """Load plans, folders of plans, saved extractions or a graph file into Neo4j.

    A plan already there is replaced (or left alone when unchanged); what other plans state
    stays. Loads in any order, or at the same time, give the same database.

    \b
    Examples:
      graphmodel neo4j start && graphmodel load plans/
      graphmodel load plans/ --uri neo4j+s://xxxx.databases.neo4j.io --user neo4j
    """
    settings = settings_from(uri, user, password, database)
    # Connect first: a wrong URI or password fails before the plans are read.
    with connect_or_hint(settings) as driver:
        parts = read_parts(paths, aliases_file)
        with click.progressbar(length=1, label="Loading into Neo4j", file=sys.stderr, show_percent=True) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            summary = load_parts(driver, settings, parts, batch_size=batch_size, progress=progress)
    n = summary.documents
    click.echo(f"loaded {n} document{'s' if n != 1 else ''} into {settings.where} "
               f"({summary.changed} new or revised, {n - summary.changed} unchanged): {summary.rows} rows in "
               f"{summary.transactions} transaction{'s' if summary.transactions != 1 else ''}, "
               f"{summary.counterparts} counterpart links, {summary.seconds:.1f} s", err=True)


@click.command("unload")
@click.argument("documents", nargs=-1, required=True)
@connection_options
def unload(documents: tuple[str, ...], uri: str, user: str | None, password: str | None,
           database: str | None) -> None:
    """Take documents (ids or titles) out of Neo4j; what other plans state stays.

    \b
    Examples:
      graphmodel unload 2022年上海市与大连市对口合作工作要点
      graphmodel unload 'doc:2022年上海市与大连市对口合作工作要点@0123456789'
    """
    settings = settings_from(uri, user, password, database)
    with connect_or_hint(settings) as driver:
        removed = remove_documents(driver, settings, documents)
    click.echo(f"removed {len(removed)} document{'s' if len(removed) != 1 else ''} from {settings.where}: "
               + ", ".join(removed), err=True)
