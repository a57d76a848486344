"""The local Neo4j Community server graphmodel builds and runs for its tests and its users.

``pom.xml`` names the Neo4j jars, ``GraphmodelNeo4j.java`` is the launcher (the embedded
database with a Bolt connector on 127.0.0.1, authentication off); `build` resolves and
compiles them into a cache folder, `process` starts, watches and stops the server.
"""

from __future__ import annotations

from loaders.server.build import NEO4J_VERSION, Build, cache_dir, ensure_built, find_java
from loaders.server.process import (
    DEFAULT_PORT,
    ServerInfo,
    default_home,
    free_port,
    start,
    status,
    stop,
)

__all__ = [
    "NEO4J_VERSION",
    "DEFAULT_PORT",
    "Build",
    "ServerInfo",
    "cache_dir",
    "default_home",
    "ensure_built",
    "find_java",
    "free_port",
    "start",
    "status",
    "stop",
]
