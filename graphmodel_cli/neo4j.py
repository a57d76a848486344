"""``graphmodel neo4j start|status|stop``: the local Neo4j server.

The first start resolves the Neo4j jars with Maven and compiles the launcher (about a minute);
later starts take seconds. The data stays in the home folder between runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel_cli.helpformat import FullSummaryGroup
from loaders.server import DEFAULT_PORT, default_home, start, status, stop

__all__ = ["neo4j"]

_home_option = click.option(
    "--home",
    "home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The server's folder (data, logs); default $GRAPHMODEL_NEO4J_HOME or "
    "~/.local/share/graphmodel/neo4j.",
)


@click.group(cls=FullSummaryGroup)
def neo4j() -> None:
    """Run a local Neo4j server (Bolt on 127.0.0.1, no authentication).

    It needs Java 17 or 21 and Maven. The first start has Maven download Neo4j's jars once
    (about 150 MB, kept in ~/.m2) and copies them into a cache (about 140 MB in
    ~/.cache/graphmodel), a minute or two; later starts take seconds. The data stays in the
    home folder between runs.

    \b
    Examples:
      graphmodel neo4j start
      graphmodel neo4j status
      graphmodel neo4j start --home ./neo4j-home --port 7688
      graphmodel neo4j stop
    """


@neo4j.command("start")
@_home_option
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Bolt port on 127.0.0.1.")
@click.option("--heap", default=None, help="JVM heap, e.g. 1g (default $GRAPHMODEL_NEO4J_HEAP or 1g).")
@click.option("--pagecache", default=None,
              help="Page cache, e.g. 512m (default $GRAPHMODEL_NEO4J_PAGECACHE or 512m).")
@click.option("--timeout", type=float, default=180.0, show_default=True,
              help="Seconds to wait until the server answers.")
def start_cmd(home: Path | None, port: int, heap: str | None, pagecache: str | None, timeout: float) -> None:
    """Start the server in the background and print its bolt URI."""
    info, started = start(home, port=port, heap=heap, pagecache=pagecache, timeout=timeout,
                          echo=lambda line: click.echo(line, err=True))
    if not started:
        click.echo(f"already running (pid {info.pid}, data in {info.home})", err=True)
    else:
        click.echo(f"started (pid {info.pid}, data in {info.home})", err=True)
    click.echo(info.uri)


@neo4j.command("status")
@_home_option
def status_cmd(home: Path | None) -> None:
    """Say whether the server runs; exit 1 when it does not."""
    info = status(home)
    if info is None:
        click.echo(f"not running (data in {home or default_home()})")
        raise SystemExit(1)
    click.echo(f"running: {info.uri} (pid {info.pid}, data in {info.home})")


@neo4j.command("stop")
@_home_option
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for a clean shutdown before the process is killed.")
def stop_cmd(home: Path | None, timeout: float) -> None:
    """Stop the server cleanly (its data stays)."""
    info = stop(home, timeout=timeout)
    if info is None:
        click.echo(f"not running (data in {home or default_home()})")
    else:
        click.echo(f"stopped (pid {info.pid}, data in {info.home})")


@neo4j.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_home_option
def import_cmd(directory: Path, home: Path | None) -> None:
    """Replace the stopped server's database by the files of `graphmodel export --format neo4j-import`."""
    from loaders.neo4j.errors import LocalServerError
    from loaders.neo4j_import import ARGS_FILE
    from loaders.server.admin import import_database

    if not (directory / ARGS_FILE).is_file():
        raise LocalServerError(
            f"{directory}: no {ARGS_FILE}; write the folder with graphmodel export --format neo4j-import")
    output = import_database(["@" + ARGS_FILE], home=home, cwd=directory)
    done = [ln.strip() for ln in output.splitlines() if ln.strip().startswith(("IMPORT DONE", "Imported"))]
    summary = [ln.strip() for ln in output.splitlines() if ln.strip().endswith(("nodes", "relationships"))]
    click.echo(" ".join(done[:1] + summary[:2]) or "imported")
