"""What can go wrong talking to Neo4j, as one-line `GraphmodelError`\\ s.

The driver raises many exception types; `translate` maps the ones a user can cause (a server
that is not there, a wrong password, a database that does not exist, a query the server
rejects) onto this small taxonomy, naming the URI or the database at fault. Anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations

from neo4j import exceptions as neo4j_exc

from graphmodel.errors import GraphmodelError

__all__ = [
    "Neo4jServiceError",
    "ServerUnreachableError",
    "AuthenticationError",
    "DatabaseNotFoundError",
    "CypherError",
    "LocalServerError",
    "translate",
]


class Neo4jServiceError(GraphmodelError):
    """Base of the errors about a Neo4j server or the local server graphmodel runs."""


class ServerUnreachableError(Neo4jServiceError):
    """No Neo4j answers at the URI (nothing listening, wrong host or port, TLS mismatch)."""


class AuthenticationError(Neo4jServiceError):
    """The server refused the user name or password."""


class DatabaseNotFoundError(Neo4jServiceError):
    """The server has no database of that name."""


class CypherError(Neo4jServiceError):
    """The server rejected a statement, or a named query or its parameters are wrong."""


class LocalServerError(Neo4jServiceError):
    """The local server could not be built, started or stopped."""


def translate(exc: Exception, uri: str, database: str | None) -> Exception:
    """The `Neo4jServiceError` for a driver exception, or ``exc`` itself when it is a bug.

    Parameters
    ----------
    exc
        What the driver raised.
    uri
        The server's URI, named in the message (it never holds the password).
    database
        The database the statement was sent to (``None`` for the server's default).
    """
    where = f"database {database!r} at {uri}" if database else uri
    if isinstance(exc, neo4j_exc.AuthError):
        return AuthenticationError(f"{uri}: the server refused the user name or password")
    if isinstance(exc, (neo4j_exc.ServiceUnavailable, neo4j_exc.SessionExpired)):
        return ServerUnreachableError(f"{uri}: no Neo4j server answers ({_first_line(exc)})")
    if isinstance(exc, neo4j_exc.ConfigurationError):
        return ServerUnreachableError(f"{uri}: {_first_line(exc)}")
    if isinstance(exc, neo4j_exc.Neo4jError):
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            return DatabaseNotFoundError(f"{uri}: the server has no database {database!r}")
        if code.startswith("Neo.ClientError.Security."):
            return AuthenticationError(f"{where}: {_first_line(exc.message or code)}")
        if code.startswith("Neo.ClientError."):
            return CypherError(f"{where}: {code}: {_first_line(exc.message or '')}")
    return exc


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__
