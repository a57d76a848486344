"""``graphmodel load``, ``graphmodel query`` and ``graphmodel export --to neo4j-import``."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import SEED, SeedFacts
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_state import counts


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_query_list_needs_no_server() -> None:
    got = CliRunner().invoke(cli, ["query", "--list", "--format", "json", "--uri", "bolt://127.0.0.1:1"])
    assert got.exit_code == 0, got.output
    names = {q["name"] for q in json.loads(got.stdout)}
    assert {"counterpart-pairs", "shortest-path", "one-sided-tasks"} <= names


@pytest.mark.parametrize(("args", "message"), [
    (["query", "nope"], "no query 'nope'; the library has:"),
    (["query", "counterpart-pairs", "-p", "top"], "write -p key=value"),
    (["query", "counterpart-pairs", "-p", "top=many"], "parameter top takes an int, not 'many'"),
    (["query", "tasks-of-unit"], "needs -p unit="),
])
def test_query_mistakes_are_one_line_errors_before_connecting(args: list[str], message: str) -> None:
    got = CliRunner().invoke(cli, [*args, "--uri", "bolt://127.0.0.1:1"])
    assert got.exit_code == 2
    assert got.stderr.startswith("graphmodel: error: ") and message in got.stderr
    assert got.stderr.count("\n") == 1


def test_an_unreachable_server_is_one_line_and_the_password_is_never_printed(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{_dead_port()}"
    runner = CliRunner()
    for args in (["load", str(SEED), "--uri", uri], ["query", "counterpart-pairs", "--uri", uri]):
        got = runner.invoke(cli, args, env={"NEO4J_PASSWORD": "s3cret-pw", "NEO4J_USERNAME": "analyst"})
        assert got.exit_code == 2, got.output
        assert got.stderr.startswith(f"graphmodel: error: {uri}: no Neo4j server answers")
        assert got.stderr.count("\n") == 1 and "Traceback" not in got.output
        assert "s3cret-pw" not in got.output
    got = runner.invoke(cli, ["load", str(SEED), "--uri", "http://127.0.0.1:7474"])
    assert got.exit_code == 2 and "not a Neo4j URI" in got.stderr


@pytest.mark.neo4j
def test_a_missing_database_is_one_line(neo4j_server: Neo4jTarget) -> None:
    args = [a for a in neo4j_server.cli_args() if a] + ["--database", "nosuchdb"]
    got = CliRunner().invoke(cli, ["load", str(SEED), *args], env=neo4j_server.cli_env())
    assert got.exit_code == 2
    assert "the server has no database 'nosuchdb'" in got.stderr and got.stderr.count("\n") == 1


@pytest.mark.neo4j
def test_load_twice_then_query_in_every_format(neo4j_db: Neo4jTarget, seed_facts: SeedFacts) -> None:
    runner = CliRunner()
    got = runner.invoke(cli, ["load", str(SEED), *neo4j_db.cli_args()], env=neo4j_db.cli_env())
    assert got.exit_code == 0, got.output
    assert "loaded 1 document into" in got.stderr and got.stdout == ""  # a status line
    assert "(1 new or revised, 0 unchanged)" in got.stderr
    with neo4j_db.driver() as driver:
        first = counts(driver, neo4j_db.database)
        got = runner.invoke(cli, ["load", str(SEED), *neo4j_db.cli_args()], env=neo4j_db.cli_env())
        assert got.exit_code == 0, got.output
        assert "(0 new or revised, 1 unchanged)" in got.stderr
        assert counts(driver, neo4j_db.database) == first

    base = ["query", "counterpart-pairs", "-p", "top=3", *neo4j_db.cli_args()]
    got = runner.invoke(cli, [*base, "--format", "json"], env=neo4j_db.cli_env())
    assert got.exit_code == 0, got.output
    rows = json.loads(got.stdout)
    assert (rows[0]["a"], rows[0]["b"], rows[0]["shared"]) == seed_facts.top_pair
    assert len(rows) == 3 and rows[0]["tasks"][0] == "一、(一)"
    got = runner.invoke(cli, [*base, "--format", "csv"], env=neo4j_db.cli_env())
    table = list(csv.DictReader(io.StringIO(got.stdout)))
    assert table[0]["a"] == seed_facts.office and table[0]["shared"] == str(seed_facts.shared)
    got = runner.invoke(cli, base, env=neo4j_db.cli_env())
    assert got.stdout.splitlines()[2].startswith(seed_facts.office)


@pytest.mark.neo4j
def test_a_parameter_with_quotes_and_cypher_is_data(neo4j_db: Neo4jTarget) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(SEED), *neo4j_db.cli_args()], env=neo4j_db.cli_env()).exit_code == 0
    with neo4j_db.driver() as driver:
        before = counts(driver, neo4j_db.database)
        for value in ["x' OR 1=1 //", "上海市政府合作交流办\"}) MATCH (n) DETACH DELETE n //"]:
            got = runner.invoke(cli, ["query", "tasks-of-unit", "-p", f"unit={value}", "--format", "json",
                                      *neo4j_db.cli_args()], env=neo4j_db.cli_env())
            assert got.exit_code == 0, got.output
            assert json.loads(got.stdout) == []
        assert counts(driver, neo4j_db.database) == before


def test_export_neo4j_import_writes_the_files(tmp_path: Path) -> None:
    got = CliRunner().invoke(cli, ["export", "--to", "neo4j-import", str(tmp_path / "out"), str(SEED)])
    assert got.exit_code == 0, got.output
    assert "neo4j-admin database import full @import.args neo4j" in got.stdout
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"import.args", "nodes-Unit.csv", "nodes-Task.csv", "relationships-COUNTERPART.csv"} <= names


def test_export_refuses_format_and_names_to(tmp_path: Path) -> None:
    # --format means the table format everywhere else; export's file format is --to.
    got = CliRunner().invoke(cli, ["export", "--format", "neo4j-import", str(tmp_path / "out"), str(SEED)])
    assert got.exit_code == 2
    assert "export takes --to, not --format (--to neo4j-import)" in got.output
    assert not (tmp_path / "out").exists()
    odd = CliRunner().invoke(cli, ["export", "--format", "a\rb\nc", str(tmp_path / "out"), str(SEED)])
    assert odd.exit_code == 2 and len(odd.stderr.strip().splitlines()) == 1, odd.stderr  # the value is not echoed


@pytest.mark.neo4j
def test_unload_takes_a_plan_out_and_keeps_what_others_state(neo4j_db: Neo4jTarget) -> None:
    from tests.conftest import DATA

    runner, args, env = CliRunner(), neo4j_db.cli_args(), neo4j_db.cli_env()
    other = DATA / "plans" / "2021-shanghai-dalian-plan.txt"
    assert runner.invoke(cli, ["load", str(other), *args], env=env).exit_code == 0
    with neo4j_db.driver() as driver:
        alone = counts(driver, neo4j_db.database)
        assert runner.invoke(cli, ["load", str(SEED), *args], env=env).exit_code == 0
        got = runner.invoke(cli, ["unload", "2020年上海市与大连市对口合作重点工作计划", *args], env=env)
        assert got.exit_code == 0, got.output
        assert got.stderr.startswith("removed 1 document from") and "@" in got.stderr
        assert counts(driver, neo4j_db.database) == alone
    got = runner.invoke(cli, ["unload", "2020年上海市与大连市对口合作重点工作计划", *args], env=env)
    assert got.exit_code == 2 and "no document" in got.stderr and got.stderr.count("\n") == 1
