"""The local Neo4j Community server graphmodel builds and runs for its tests and its users.

``pom.xml`` names the Neo4j jars (Neo4j Browser's among them), ``shell-pom.xml`` cypher-shell's,
``GraphmodelNeo4j.java`` is the launcher (the embedded database with Bolt and, for the Browser,
HTTP on 127.0.0.1, authentication off); `build` resolves and compiles them into a cache folder,
`process` starts, watches and stops the server, `shell` runs cypher-shell against it.
"""

from __future__ import annotations

from loaders.server.jars import NEO4J_VERSION, Build, cache_dir, ensure_built, find_java
from loaders.server.process import (
    DEFAULT_HTTP_PORT,
    DEFAULT_PORT,
    ServerInfo,
    default_home,
    free_port,
    start,
    status,
    stop,
)
from loaders.server.shell import browser_address, shell_command

__all__ = [
    "NEO4J_VERSION",
    "DEFAULT_HTTP_PORT",
    "DEFAULT_PORT",
    "Build",
    "ServerInfo",
    "browser_address",
    "cache_dir",
    "default_home",
    "ensure_built",
    "find_java",
    "free_port",
    "shell_command",
    "start",
    "status",
    "stop",
]
