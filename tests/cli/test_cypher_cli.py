"""``graphmodel cypher``: Cypher of one's own, read-only unless --write, parameters as data,
every mistake one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import SEED, SeedFacts
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_state import counts

NOT_UTF8 = b"\xb4\xf3\xc1\xac".decode("utf-8", "surrogateescape")  # 大连 in GBK, as a shell passes it


@pytest.mark.parametrize(("args", "message"), [
    (["cypher"], "give the Cypher as QUERY or with -f FILE"),
    (["cypher", "RETURN 1", "-f", "x.cypher"], "give the Cypher as QUERY or with -f FILE"),
    (["cypher", "RETURN $x", "-p", "x"], "write -p key=value"),
    (["cypher", "RETURN $x", "-p", "x=99999999999999999999"],
     "parameter x takes an int from -9223372036854775808 to 9223372036854775807, not 99999999999999999999"),
    (["cypher", "RETURN $x", "-p", "x=[1, 2"], "parameter x: not a JSON list or map"),
    (["cypher", "RETURN $x", "-p", f"x={NOT_UTF8}"], "-p x=\\xb4\\xf3\\xc1\\xac: not valid UTF-8 text"),
    (["cypher", "// only a comment"], "no Cypher statement in it"),
    (["query", "counterpart-pairs", "-p", "top=99999999999999999999"], "parameter top takes an int from"),
    (["query", "tasks-of-unit", "-p", f"unit={NOT_UTF8}"], "not valid UTF-8 text; give parameters in UTF-8"),
])
def test_bad_input_is_one_line_before_connecting(args: list[str], message: str) -> None:
    got = CliRunner().invoke(cli, [*args, "--uri", "bolt://127.0.0.1:1"])
    assert got.exit_code == 2, got.output
    assert got.stderr.startswith("graphmodel: error: ") and message in got.stderr, got.stderr
    assert got.stderr.count("\n") == 1


def test_a_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.cypher"
    bad.write_bytes("RETURN '大连' AS x".encode("gbk"))
    got = CliRunner().invoke(cli, ["cypher", "-f", str(bad), "--uri", "bolt://127.0.0.1:1"])
    assert got.exit_code == 2 and "not UTF-8 text" in got.stderr and got.stderr.count("\n") == 1


@pytest.mark.neo4j
def test_read_only_unless_write_and_every_format(neo4j_db: Neo4jTarget, tmp_path: Path,
                                                 seed_facts: SeedFacts) -> None:
    runner, args, env = CliRunner(), neo4j_db.cli_args(), neo4j_db.cli_env()
    assert runner.invoke(cli, ["load", str(SEED), *args], env=env).exit_code == 0
    with neo4j_db.driver() as driver:
        before = counts(driver, neo4j_db.database)
        got = runner.invoke(cli, ["cypher", "CREATE (n:Scratch {name: $n}) RETURN n.name AS name",
                                  "-p", "n=x", *args], env=env)
        assert got.exit_code == 2 and "add --write" in got.stderr and got.stderr.count("\n") == 1
        assert counts(driver, neo4j_db.database) == before
        got = runner.invoke(cli, ["cypher", "--write", "CREATE (n:Scratch {name: $n}) RETURN n.name AS name",
                                  "-p", "n='上海'", "--format", "json", *args], env=env)
        assert got.exit_code == 0, got.output
        assert json.loads(got.stdout) == [{"name": "上海"}]
        got = runner.invoke(cli, ["cypher", "--write", "MATCH (n:Scratch) CALL (n) { DELETE n } IN TRANSACTIONS",
                                  *args], env=env)
        assert got.exit_code == 0 and got.stdout.strip() == "1 nodes deleted", got.output
        assert counts(driver, neo4j_db.database) == before

    query = tmp_path / "units.cypher"
    query.write_text("// a file as in cypher/\n:param side => '大连市';\n:param top => 2;\n\n"
                     "MATCH (u:Unit {side: $side})-[:RESPONSIBLE_FOR]->(t:Task)\n"
                     "RETURN u.name AS unit, count(t) AS tasks, min(t.start) AS first\n"
                     "ORDER BY tasks DESC, unit LIMIT $top;\n", encoding="utf-8")
    got = runner.invoke(cli, ["cypher", "-f", str(query), "--format", "json", *args], env=env)
    assert got.exit_code == 0, got.output
    rows = json.loads(got.stdout)
    assert len(rows) == 2 and (rows[0]["unit"], rows[0]["tasks"]) == (seed_facts.ndrc, seed_facts.ndrc_tasks)
    got = runner.invoke(cli, ["cypher", "-f", str(query), "-p", "side=上海市", "-p", "top=1", "--format", "csv",
                              *args], env=env)
    assert got.stdout.splitlines() == ["unit,tasks,first", f"{seed_facts.office},{seed_facts.office_tasks},322"]
    got = runner.invoke(cli, ["cypher", "MATCH (d:Document) RETURN d.date AS date, d.year AS year", *args], env=env)
    assert got.stdout.splitlines()[2].split() == ["2020-05-11", "2020"]
    # Cypher in a value is data.
    got = runner.invoke(cli, ["cypher", "MATCH (u:Unit {name: $n}) RETURN u.name AS name", "-p",
                              "n=x'}) DETACH DELETE u //", "--format", "json", *args], env=env)
    assert got.exit_code == 0 and json.loads(got.stdout) == []
