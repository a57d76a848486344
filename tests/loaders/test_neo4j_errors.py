"""Connection errors as one-line messages: wrong password (a real server with authentication on),
unreachable server, missing database, and settings from flags or the environment."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from loaders.neo4j.connection import DEFAULT_URI, Neo4jSettings, connect
from loaders.neo4j.failures import (
    AuthenticationError,
    CypherError,
    DatabaseNotFoundError,
    ServerFailedError,
    ServerMemoryError,
    ServerUnreachableError,
    translate,
)
from loaders.server import free_port, start, stop
from loaders.server.admin import set_initial_password
from tests.conftest import SEED, require_local_neo4j
from tests.conftest_neo4j import Neo4jTarget


def test_flags_win_over_the_environment_and_the_password_stays_out_of_repr() -> None:
    env = {"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "pw",
           "NEO4J_DATABASE": "d"}
    s = Neo4jSettings.resolve(env=env)
    assert (s.uri, s.user, s.password, s.database, s.auth) == (env["NEO4J_URI"], "u", "pw", "d", ("u", "pw"))
    assert "pw" not in repr(s) and "pw" not in s.where
    s = Neo4jSettings.resolve(uri="bolt://h:1", user="v", password="q", database="e", env=env)
    assert (s.uri, s.user, s.password, s.database) == ("bolt://h:1", "v", "q", "e")
    s = Neo4jSettings.resolve(env={})
    assert (s.uri, s.auth, s.database) == (DEFAULT_URI, None, None)
    assert Neo4jSettings.resolve(password="p", env={}).auth == ("neo4j", "p")


def test_an_unreachable_server(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(ServerUnreachableError, match=f"^{uri}: no Neo4j server answers"):
        connect(Neo4jSettings(uri, "neo4j", "pw"))
    with pytest.raises(ServerUnreachableError, match="not a Neo4j URI"):
        connect(Neo4jSettings("http://127.0.0.1:7474"))


@pytest.mark.neo4j
def test_a_missing_database(neo4j_server: Neo4jTarget) -> None:
    settings = Neo4jSettings(neo4j_server.uri, neo4j_server.user, neo4j_server.password, "nosuchdb")
    with pytest.raises(DatabaseNotFoundError, match=r"the server has no database 'nosuchdb'"):
        connect(settings)


@pytest.mark.neo4j
def test_wrong_credentials_and_a_memory_limit_against_a_server_of_its_own(tmp_path: Path) -> None:
    require_local_neo4j()
    home, password = tmp_path / "home", "Right-pass-123"
    set_initial_password(password, home)
    # A transaction may use 8 MiB: a statement that needs more fails as a server out of memory does.
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text("db.memory.transaction.max=8m\n", encoding="utf-8")
    info, _ = start(home, port=free_port(), http_port=0, pagecache="64m", password=password)
    try:
        with connect(Neo4jSettings(info.uri, "neo4j", password)) as driver:
            assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
        for user, pw in (("neo4j", "Wrong-pass-456"), ("nobody", password)):
            with pytest.raises(AuthenticationError, match=f"^{info.uri}: the server refused the user name or password$"):
                connect(Neo4jSettings(info.uri, user, pw))
        got = CliRunner().invoke(cli, ["load", str(SEED), "--uri", info.uri, "--user", "neo4j"],
                                 env={"NEO4J_PASSWORD": "Wrong-pass-456"})
        assert got.exit_code == 2
        assert got.stderr == f"graphmodel: error: {info.uri}: the server refused the user name or password\n"
        assert "Wrong-pass-456" not in got.output

        big = "UNWIND range(1, 3000000) AS i RETURN collect(toString(i)) AS all"
        got = CliRunner().invoke(cli, ["cypher", big, "--uri", info.uri, "--user", "neo4j"],
                                 env={"NEO4J_PASSWORD": password})
        assert got.exit_code == 2 and got.stderr.count("\n") == 1 and "Traceback" not in got.output
        assert "the server ran out of memory" in got.stderr and "--heap" in got.stderr, got.stderr
    finally:
        stop(home)


@pytest.mark.parametrize(("code", "kind", "words"), [
    ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", ServerMemoryError, "--heap 2g"),
    ("Neo.TransientError.Transaction.DeadlockDetected", ServerFailedError, "still failing after retrying"),
    ("Neo.DatabaseError.General.UnknownError", ServerFailedError, "the server failed"),
    ("Neo.ClientError.Statement.AccessMode", CypherError, "add --write"),
])
def test_every_server_error_is_one_line(code: str, kind: type, words: str) -> None:
    exc = neo4j.exceptions.Neo4jError._hydrate_neo4j(code=code, message="what the server said\nand more")
    got = translate(exc, "bolt://127.0.0.1:7687", None)
    assert isinstance(got, kind) and words in str(got) and "\n" not in str(got)
