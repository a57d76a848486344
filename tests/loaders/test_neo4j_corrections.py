"""Corrected facts in a real Neo4j: loaded with their ``correction`` property, kept by a reload,
changed by an edit of the corrections, gone when the corrections are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphmodel.corrections import FILE_NAME, HEADER
from graphmodel.corrections import parse_corrections as parse
from graphmodel.corrections.apply import apply_corrections
from graphmodel.extract import extract
from graphmodel.graph import build_graph
from graphmodel_cli.main import cli
from tests.conftest import DATA
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_state import comparable, db_state, graph_state

pytestmark = pytest.mark.neo4j

PLAN = DATA / "corrections" / "plan.txt"
DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
FIX = [f"remove\t{DOC}\t二、(二)\t教育局", f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市"]
QUERY = ("MATCH (u)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.correction IS NOT NULL "
         "RETURN u.id AS unit, t.id AS task, r.role AS role, r.correction AS correction ORDER BY unit, task")


def _args(target: Neo4jTarget) -> list[str]:
    out = ["--uri", target.uri]
    if target.user:
        out += ["--user", target.user]
    if target.database:
        out += ["--database", target.database]
    return out


def _load(target: Neo4jTarget, *paths: Path) -> Result:
    env = {"NEO4J_PASSWORD": target.password} if target.password else {}
    result = CliRunner().invoke(cli, ["load", *map(str, paths), *_args(target)], env=env)
    assert result.exit_code == 0, result.output
    return result


def _corrected(target: Neo4jTarget) -> list[dict]:
    with target.driver() as driver:
        records, _, _ = driver.execute_query(QUERY, database_=target.database)
    return [dict(r) for r in records]


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_a_reload_keeps_the_corrections(neo4j_db: Neo4jTarget, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans / "zunyi.txt")
    fixes = _write(plans / FILE_NAME, *FIX)

    first = _load(neo4j_db, plans)
    assert "1 new or revised" in first.stderr
    want = [{"unit": "unit:遵义市/遵义市教育局", "task": f"{DOC}#二、(二)", "role": "support",
             "correction": f"{fixes}:3"}]
    assert _corrected(neo4j_db) == want
    # The database is the graph of the corrected reading, node for node.
    text = PLAN.read_text(encoding="utf-8")
    corrected = apply_corrections(extract(text, source=str(plans / "zunyi.txt")),
                                  parse(fixes.read_text(encoding="utf-8"), str(fixes)))
    with neo4j_db.driver() as driver:
        assert comparable(db_state(driver, neo4j_db.database)) == graph_state(build_graph([corrected]), [corrected])

    again = _load(neo4j_db, plans)  # the same plans and corrections: nothing to write, all kept
    assert "0 new or revised, 1 unchanged" in again.stderr
    assert _corrected(neo4j_db) == want

    _write(fixes, FIX[0], FIX[1].replace("support", "lead"))  # an edit revises the document
    edited = _load(neo4j_db, plans)
    assert "1 new or revised" in edited.stderr
    assert _corrected(neo4j_db) == [{**want[0], "role": "lead"}]

    fixes.unlink()  # no corrections: the extractor's reading again
    _load(neo4j_db, plans)
    assert _corrected(neo4j_db) == []
    with neo4j_db.driver() as driver:
        records, _, _ = driver.execute_query(
            "MATCH (u {id: $unit})-[r:RESPONSIBLE_FOR]->(:Task {id: $task}) RETURN r.role AS role",
            unit="unit:上海市/上海市教育局", task=f"{DOC}#二、(二)", database_=neo4j_db.database)
    assert [r["role"] for r in records] == ["support"]
