"""``graphmodel load PATH...``: plans (or a built graph) into Neo4j.

Each document replaces the database's version of it; loading the same plans again changes
nothing. The password is taken from ``--password`` or ``NEO4J_PASSWORD`` and never printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel_cli.inputs import aliases_option, paths_argument
from graphmodel_cli.inputs import load as load_paths
from graphmodel_cli.neo4j_options import connect_or_hint, connection_options, settings_from
from loaders.neo4j.load import DEFAULT_BATCH, load_graph

__all__ = ["load"]


@click.command("load")
@paths_argument
@aliases_option
@connection_options
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH, show_default=True,
              help="Rows a statement sends at most (small plans are packed into one transaction).")
def load(paths: tuple[Path, ...], aliases_file: Path | None, uri: str, user: str | None,
         password: str | None, database: str | None, batch_size: int) -> None:
    """Load plans, folders of plans, saved extractions or a graph file into Neo4j.

    \b
    Examples:
      graphmodel neo4j start && graphmodel load plans/
      graphmodel load plans/ --uri neo4j+s://xxxx.databases.neo4j.io --user neo4j
    """
    settings = settings_from(uri, user, password, database)
    # Connect first: a wrong URI or password fails before the plans are read.
    with connect_or_hint(settings) as driver:
        graph = load_paths(paths, aliases_file)
        err = sys.stderr
        with click.progressbar(length=1, label="Loading into Neo4j", file=err, show_percent=True) as bar:
            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            summary = load_graph(driver, settings, graph, batch_size=batch_size, progress=progress)
    click.echo(f"loaded {summary.documents} document{'s' if summary.documents != 1 else ''} into "
               f"{settings.where}: {summary.rows} rows in {summary.transactions} transactions, "
               f"{summary.counterparts} counterpart pairs, {summary.seconds:.1f} s", err=True)
