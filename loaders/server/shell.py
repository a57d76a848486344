"""Neo4j's cypher-shell, from the same build as the local server (``shell/`` in the cache)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from loaders.server.jars import SHELL_CLASS, ensure_built
from loaders.server.process import ServerInfo

__all__ = ["shell_command", "browser_address"]


def shell_command(uri: str, args: Sequence[str] = (), database: str | None = None) -> list[str]:
    """The command line that runs cypher-shell against ``uri`` with cypher-shell's own ``args``.

    The user name and password, when the server needs them, are read by cypher-shell from
    ``NEO4J_USERNAME`` and ``NEO4J_PASSWORD``, so they never appear on a command line.
    """
    build = ensure_built()
    cmd = [str(build.java), "-Dfile.encoding=UTF-8", "-cp", build.shell_classpath, SHELL_CLASS, "-a", uri]
    if database:
        cmd += ["-d", database]
    return [*cmd, *args]


def browser_address(info: ServerInfo) -> str | None:
    """The Browser's address for a local server, with the Bolt URL and "no authentication"
    filled in, so opening it connects at once; ``None`` when HTTP is off."""
    if info.browser is None:
        return None
    return f"{info.browser}?dbms={quote(info.uri, safe=':/')}&preselectAuthMethod=NO_AUTH"
