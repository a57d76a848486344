"""Connecting to Neo4j: where (flags, else the environment), with what, and a checked driver.

Settings come from explicit values first, then ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, then the local server's defaults (``bolt://127.0.0.1:7687``,
no authentication, the server's default database). The password never appears in a message or a
``repr``. Work goes through managed transactions (`write`, `read`), which the driver retries on
transient errors (deadlocks, leader switches) and which route correctly with ``neo4j://`` and
``neo4j+s://`` cluster or Aura URIs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_exc

from loaders.neo4j.failures import ServerUnreachableError, translate

__all__ = ["DEFAULT_URI", "SCHEMES", "RETRY_SECONDS", "Neo4jSettings", "connect", "write", "read", "autocommit",
           "translated"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
# Bolt to one server, or routing to a cluster or Aura; with TLS (+s) or TLS trusting any certificate (+ssc).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# How long a managed transaction is retried on transient errors before giving up.
RETRY_SECONDS = 30.0

T = TypeVar("T")


@dataclass(frozen=True)
class Neo4jSettings:
    """Where a Neo4j database is and how to log in (``password`` is left out of ``repr``)."""

    uri: str = DEFAULT_URI
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Neo4jSettings:
        """Settings from explicit values, falling back to the ``NEO4J_*`` environment variables."""
        env = os.environ if env is None else env
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or None,
            password=password if password is not None else (env.get("NEO4J_PASSWORD") or None),
            database=database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def auth(self) -> tuple[str, str] | None:
        """Basic auth when a password is set; none for the local server."""
        if self.password is None:
            return None
        return (self.user or "neo4j", self.password)

    @property
    def where(self) -> str:
        """The URI and database, for messages."""
        return f"{self.uri} (database {self.database})" if self.database else self.uri


def connect(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver for ``settings``, checked: the server answers, accepts the login and has the database.

    Raises
    ------
    ServerUnreachableError, AuthenticationError, DatabaseNotFoundError
        With the URI (never the password) in the message.
    """
    scheme = settings.uri.partition("://")[0].lower()
    if scheme not in SCHEMES:
        raise ServerUnreachableError(
            f"{settings.uri}: not a Neo4j URI (use {', '.join(s + '://' for s in SCHEMES)})")
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, max_transaction_retry_time=RETRY_SECONDS,
            connection_timeout=10.0,
            # Server notifications (deprecations, unknown labels in an empty database) would be
            # logged on stderr for every statement; errors still raise.
            notifications_min_severity="OFF",
        )
    except (ValueError, neo4j_exc.ConfigurationError) as exc:
        raise ServerUnreachableError(f"{settings.uri}: not a Neo4j URI ({exc})") from exc
    try:
        driver.verify_connectivity()
        # An auto-commit statement: not retried, so a missing database fails at once.
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except (neo4j_exc.Neo4jError, neo4j_exc.DriverError) as exc:
        driver.close()
        raise translate(exc, settings.uri, settings.database) from exc
    except OSError as exc:
        driver.close()
        raise ServerUnreachableError(f"{settings.uri}: {exc}") from exc
    return driver


@contextmanager
def translated(settings: Neo4jSettings) -> Iterator[None]:
    """Turn what the driver raises inside the block into one-line `Neo4jServiceError`\\ s."""
    try:
        yield
    except (neo4j_exc.Neo4jError, neo4j_exc.DriverError) as exc:
        raise translate(exc, settings.uri, settings.database) from exc


def write(driver: neo4j.Driver, settings: Neo4jSettings, work: Callable[..., T], *args: Any) -> T:
    """Run ``work(tx, *args)`` in one managed write transaction (retried on transient errors)."""
    with translated(settings), driver.session(database=settings.database) as session:
        return session.execute_write(work, *args)


def read(driver: neo4j.Driver, settings: Neo4jSettings, work: Callable[..., T], *args: Any) -> T:
    """Run ``work(tx, *args)`` in one managed read transaction (routed to any cluster member)."""
    with translated(settings), driver.session(database=settings.database) as session:
        return session.execute_read(work, *args)


def autocommit(driver: neo4j.Driver, settings: Neo4jSettings, statement: str,
               parameters: Mapping[str, Any] | None = None) -> None:
    """Run one statement in its own auto-commit transaction (schema changes need that)."""
    with translated(settings), driver.session(database=settings.database) as session:
        session.run(statement, dict(parameters or {})).consume()
