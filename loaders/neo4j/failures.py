"""What can go wrong talking to Neo4j, as one-line `GraphmodelError`\\ s.

The driver raises many exception types; `translate` maps every error the server reports, and
the driver's errors about reaching it, onto this small taxonomy, naming the URI or the database
at fault: a server that is not there, a wrong password, a database that does not exist, a
statement the server rejects (`CypherError`), a statement that needed more memory than the
server has (`ServerMemoryError`, with the setting to change), a transient error that outlasted
the driver's retries or a failure inside the server (`ServerFailedError`). Anything else the
driver raises is a bug and keeps its traceback.
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
    "OldDatabaseError",
    "ServerMemoryError",
    "ServerFailedError",
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


class ServerMemoryError(Neo4jServiceError):
    """A statement needed more memory than the server may use."""


class ServerFailedError(Neo4jServiceError):
    """The server failed a statement for a reason of its own (or a transient one that lasted)."""


class OldDatabaseError(Neo4jServiceError):
    """The database holds documents an older graphmodel loaded, in a schema this one does not update."""


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
        message = _first_line(exc.message or "")
        if "OutOfMemory" in code or "MemoryLimit" in code or "MemoryPool" in code:
            return ServerMemoryError(
                f"{where}: the server ran out of memory ({code}: {message}); give it more: "
                "graphmodel neo4j stop, then graphmodel neo4j start --heap 2g (or a server of your own "
                "with a bigger server.memory.heap.max_size), or load fewer plans at once (--batch-size)")
        if code.endswith("Statement.AccessMode"):
            return CypherError(f"{where}: the statement writes, and this was a read-only run; add --write "
                               f"to let it change the database ({message})")
        if code.startswith("Neo.ClientError."):
            return CypherError(f"{where}: {code}: {message}")
        if code.startswith("Neo.TransientError."):
            return ServerFailedError(f"{where}: {code}: {message} (still failing after "
                                     "retrying; try again when the server is less busy)")
        return ServerFailedError(f"{where}: the server failed: {code or type(exc).__name__}: {message}")
    if isinstance(exc, neo4j_exc.DriverError):
        return ServerFailedError(f"{uri}: {type(exc).__name__}: {_first_line(exc)}")
    return exc


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__
