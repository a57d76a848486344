"""``graphmodel neo4j start|status|stop|shell|import``: the local Neo4j server.

The first start resolves the Neo4j jars with Maven and compiles the launcher (about a minute);
later starts take seconds. The data stays in the home folder between runs. ``start`` prints the
Bolt URI and the address of Neo4j Browser; ``shell`` runs Neo4j's cypher-shell.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import click

from graphmodel_cli.helpformat import FullSummaryGroup
from loaders.neo4j.failures import LocalServerError
from loaders.server import (
    DEFAULT_HTTP_PORT,
    DEFAULT_PORT,
    browser_address,
    default_home,
    shell_command,
    start,
    status,
    stop,
)

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
    """Run a local Neo4j server (Bolt and Neo4j Browser on 127.0.0.1, no authentication).

    It needs Java 17 or 21 and Maven. The first start has Maven download Neo4j's jars, Neo4j
    Browser's and cypher-shell's once (about 170 MB, kept in ~/.m2) and copies them into a
    cache (about 180 MB in ~/.cache/graphmodel), a minute or two; later starts take seconds.
    The data stays in the home folder between runs.

    \b
    Examples:
      graphmodel neo4j start
      graphmodel neo4j status
      graphmodel neo4j shell
      graphmodel neo4j start --home ./neo4j-home --port 7688 --http-port 7475
      graphmodel neo4j stop
    """


@neo4j.command("start")
@_home_option
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Bolt port on 127.0.0.1.")
@click.option("--http-port", type=click.IntRange(0, 65535), default=DEFAULT_HTTP_PORT, show_default=True,
              help="HTTP port on 127.0.0.1 for Neo4j Browser (0: no HTTP, no Browser).")
@click.option("--heap", default=None, help="JVM heap, e.g. 2g (default $GRAPHMODEL_NEO4J_HEAP or 1g).")
@click.option("--pagecache", default=None,
              help="Page cache, e.g. 512m (default $GRAPHMODEL_NEO4J_PAGECACHE or 512m).")
@click.option("--timeout", type=float, default=180.0, show_default=True,
              help="Seconds to wait until the server answers.")
def start_cmd(home: Path | None, port: int, http_port: int, heap: str | None, pagecache: str | None,
              timeout: float) -> None:
    """Start the server in the background; print its Bolt URI, then Neo4j Browser's address."""
    info, started = start(home, port=port, http_port=http_port, heap=heap, pagecache=pagecache, timeout=timeout,
                          echo=lambda line: click.echo(line, err=True))
    if not started:
        click.echo(f"already running (pid {info.pid}, data in {info.home})", err=True)
    else:
        click.echo(f"started (pid {info.pid}, data in {info.home})", err=True)
    click.echo(info.uri)
    browser = browser_address(info)
    if browser:
        click.echo(browser)


@neo4j.command("status")
@_home_option
def status_cmd(home: Path | None) -> None:
    """Say whether the server runs; exit 1 when it does not."""
    info = status(home)
    if info is None:
        click.echo(f"not running (data in {home or default_home()})")
        raise SystemExit(1)
    browser = f", Neo4j Browser at {browser_address(info)}" if info.http_port else ""
    click.echo(f"running: {info.uri} (pid {info.pid}, data in {info.home}){browser}")


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


@neo4j.command("shell", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@_home_option
@click.option("--uri", envvar="NEO4J_URI", default=None,
              help="A server of your own (env NEO4J_URI, unless --home is given); default: the local server.")
@click.option("--database", envvar="NEO4J_DATABASE", default=None, help="Database; env NEO4J_DATABASE.")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def shell_cmd(ctx: click.Context, home: Path | None, uri: str | None, database: str | None,
              args: tuple[str, ...]) -> None:
    """Neo4j's cypher-shell, connected to the local server (or --uri).

    ARGS go to cypher-shell as they are, e.g. `--format plain`, `-f FILE` or a statement;
    without them it is interactive. A password comes from NEO4J_PASSWORD (never the command line).

    \b
    Examples:
      graphmodel neo4j shell
      echo 'MATCH (u:Unit) RETURN count(u);' | graphmodel neo4j shell --format plain
    """
    from click.core import ParameterSource

    # A --home given on the command line names the server, whatever NEO4J_URI says.
    if home is not None and ctx.get_parameter_source("uri") != ParameterSource.COMMANDLINE:
        uri = None
    if not uri:
        info = status(home)
        if info is None:
            raise LocalServerError(f"no local Neo4j server runs from {home or default_home()}; "
                                   "start one with graphmodel neo4j start, or give --uri")
        uri = info.uri
    child = subprocess.Popen(shell_command(uri, args, database), env=os.environ.copy())
    # Ctrl-C belongs to the shell (it cancels a running statement); this process only waits.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        code = child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    raise SystemExit(code)


@neo4j.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_home_option
def import_cmd(directory: Path, home: Path | None) -> None:
    """Replace the stopped server's database by the files of `graphmodel export --to neo4j-import`."""
    from loaders.neo4j_import import ARGS_FILE
    from loaders.server.admin import import_database

    if not (directory / ARGS_FILE).is_file():
        raise LocalServerError(
            f"{directory}: no {ARGS_FILE}; write the folder with graphmodel export --to neo4j-import")
    output = import_database(["@" + ARGS_FILE], home=home, cwd=directory)
    done = [ln.strip() for ln in output.splitlines() if ln.strip().startswith(("IMPORT DONE", "Imported"))]
    summary = [ln.strip() for ln in output.splitlines() if ln.strip().endswith(("nodes", "relationships"))]
    click.echo(" ".join(done[:1] + summary[:2]) or "imported")
