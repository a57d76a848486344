"""The connection options every Neo4j command shares: ``--uri``, ``--user``, ``--password``,
``--database``, each falling back to its ``NEO4J_*`` environment variable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from loaders.neo4j.connection import DEFAULT_URI, Neo4jSettings, connect
from loaders.neo4j.failures import ServerUnreachableError

if TYPE_CHECKING:
    import neo4j

__all__ = ["connection_options", "settings_from", "connect_or_hint"]

_LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def connection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the connection options to a click command (they arrive as ``uri``, ``user``, ...)."""
    options = [
        click.option("--uri", envvar="NEO4J_URI", default=DEFAULT_URI, show_default=True,
                     help="Bolt or routing URI (bolt://, neo4j://, neo4j+s://); env NEO4J_URI."),
        click.option("--user", envvar="NEO4J_USERNAME", default=None, help="User name; env NEO4J_USERNAME."),
        click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_envvar=False,
                     help="Password; env NEO4J_PASSWORD (never printed). None: no authentication."),
        click.option("--database", envvar="NEO4J_DATABASE", default=None,
                     help="Database; env NEO4J_DATABASE (default: the server's default)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def settings_from(uri: str, user: str | None, password: str | None, database: str | None) -> Neo4jSettings:
    """The settings of the options (already merged with the environment by click)."""
    return Neo4jSettings(uri=uri, user=user or None, password=password or None, database=database or None)


def connect_or_hint(settings: Neo4jSettings) -> neo4j.Driver:
    """`connect`, with a hint to start the local server when nothing answers on this machine."""
    try:
        return connect(settings)
    except ServerUnreachableError as exc:
        host = settings.uri.partition("://")[2].rpartition(":")[0] or settings.uri.partition("://")[2]
        if host not in _LOCAL_HOSTS:
            raise
        raise ServerUnreachableError(
            f"{exc}; is Neo4j running? start the local server with: graphmodel neo4j start"
            + ("" if settings.uri == DEFAULT_URI else f" --port {settings.uri.rpartition(':')[2]}")
        ) from exc
