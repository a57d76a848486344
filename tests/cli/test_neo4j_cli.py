"""``graphmodel neo4j start|status|stop`` against a real server: the data survives a restart."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from loaders.server import free_port, stop
from tests.conftest import require_local_neo4j


def test_status_and_stop_of_a_server_that_does_not_run(tmp_path: Path) -> None:
    runner = CliRunner()
    got = runner.invoke(cli, ["neo4j", "status", "--home", str(tmp_path)])
    assert got.exit_code == 1 and "not running" in got.output
    got = runner.invoke(cli, ["neo4j", "stop", "--home", str(tmp_path)])
    assert got.exit_code == 0 and "not running" in got.output


@pytest.mark.neo4j
def test_start_status_stop_keeps_the_data(tmp_path: Path) -> None:
    require_local_neo4j()
    home, port, http = tmp_path / "home", free_port(), free_port()
    runner = CliRunner()
    try:
        got = runner.invoke(cli, ["neo4j", "start", "--home", str(home), "--port", str(port), "--http-port", str(http)])
        assert got.exit_code == 0, got.output
        uri = f"bolt://127.0.0.1:{port}"
        lines = got.stdout.strip().splitlines()
        assert lines[-2] == uri and lines[-1].startswith(f"http://127.0.0.1:{http}/browser/?dbms=")
        got = runner.invoke(cli, ["neo4j", "status", "--home", str(home)])
        assert got.exit_code == 0 and f"running: {uri}" in got.output
        again = runner.invoke(cli, ["neo4j", "start", "--home", str(home), "--port", str(port), "--http-port", str(http)])
        assert again.exit_code == 0 and "already running" in again.output
        with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
            driver.execute_query("CREATE (:Side {id: $id, name: $name})", id="side:大连市", name="大连市")

        got = runner.invoke(cli, ["neo4j", "stop", "--home", str(home)])
        assert got.exit_code == 0 and "stopped" in got.output
        got = runner.invoke(cli, ["neo4j", "status", "--home", str(home)])
        assert got.exit_code == 1

        got = runner.invoke(cli, ["neo4j", "start", "--home", str(home), "--port", str(port), "--http-port", str(http)])
        assert got.exit_code == 0, got.output
        with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
            records, _, _ = driver.execute_query("MATCH (s:Side) RETURN s.id AS id, s.name AS name")
        assert [(r["id"], r["name"]) for r in records] == [("side:大连市", "大连市")]
    finally:
        stop(home)
    assert runner.invoke(cli, ["neo4j", "status", "--home", str(home)]).exit_code == 1
