"""Pytest fixtures for tests that need a real Neo4j server.

`neo4j_server` uses the server named by ``NEO4J_URI`` (with ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) when that is set; otherwise it starts the local server
(`loaders.server`) on a free port with a temporary home folder for the session and stops it at
the end. When neither works the tests skip, except under ``CI=true`` where they fail.

The tests empty the database they are given: point ``NEO4J_URI`` only at a disposable one.

Use them from a test folder's ``conftest.py``::

    from tests.conftest_neo4j import neo4j_server, neo4j_db  # noqa: F401
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import neo4j
import pytest

from tests.conftest import require, require_local_neo4j

if TYPE_CHECKING:
    from loaders.neo4j.connection import Neo4jSettings

__all__ = ["Neo4jTarget", "neo4j_server", "neo4j_db", "neo4j_connection", "clear_database"]


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the tests' Neo4j is: everything `loaders.neo4j.connect` needs."""

    uri: str
    user: str | None
    password: str | None
    database: str | None

    def driver(self) -> neo4j.Driver:
        auth = (self.user or "neo4j", self.password) if self.password is not None else None
        return neo4j.GraphDatabase.driver(self.uri, auth=auth)

    def settings(self) -> Neo4jSettings:
        """The settings `loaders.neo4j` connects with."""
        from loaders.neo4j.connection import Neo4jSettings

        return Neo4jSettings(self.uri, self.user, self.password, self.database)

    def cli_args(self) -> list[str]:
        """The options a ``graphmodel`` Neo4j command takes to reach it (the password goes by `cli_env`)."""
        out = ["--uri", self.uri]
        if self.user:
            out += ["--user", self.user]
        if self.database:
            out += ["--database", self.database]
        return out

    def cli_env(self) -> dict[str, str]:
        """The environment that gives a ``graphmodel`` command the password, never on its command line."""
        return {"NEO4J_PASSWORD": self.password} if self.password else {}


def clear_database(driver: neo4j.Driver, database: str | None) -> None:
    """Delete every node and relationship (the schema stays)."""
    # CALL {...} IN TRANSACTIONS needs an implicit (auto-commit) transaction.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """The session's Neo4j server (``NEO4J_URI``, else a local one started for the session)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        target = Neo4jTarget(uri, os.environ.get("NEO4J_USERNAME"), os.environ.get("NEO4J_PASSWORD"),
                             os.environ.get("NEO4J_DATABASE") or None)
        try:
            with target.driver() as driver:
                driver.verify_connectivity()
            reachable, why = True, ""
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
            reachable, why = False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        require(reachable, f"Neo4j at NEO4J_URI={uri} ({why})")
        yield target
        return

    from loaders.neo4j.failures import LocalServerError
    from loaders.server import free_port, start, stop

    require_local_neo4j()  # names the missing JDK or Maven rather than a failed start
    home = tmp_path_factory.mktemp("neo4j-home")
    try:
        info, _ = start(home, port=free_port(), heap="1g", pagecache="256m")
    except LocalServerError as exc:
        require(False, f"a local Neo4j server ({exc})")
        return
    try:
        yield Neo4jTarget(info.uri, None, None, None)
    finally:
        stop(home)


@pytest.fixture()
def neo4j_db(neo4j_server: Neo4jTarget) -> Iterator[Neo4jTarget]:
    """The session's server with an empty database, for one test."""
    with neo4j_server.driver() as driver:
        clear_database(driver, neo4j_server.database)
    yield neo4j_server


@pytest.fixture()
def neo4j_connection(neo4j_db: Neo4jTarget) -> Iterator[tuple[neo4j.Driver, Neo4jSettings]]:
    """A driver (from `loaders.neo4j.connect`) and its settings, on an empty database, for one test."""
    from loaders.neo4j.connection import connect

    settings = neo4j_db.settings()
    driver = connect(settings)
    yield driver, settings
    driver.close()
