"""The bulk path: import-tool CSVs, imported with neo4j-admin from the same jars, give the same
database as a Bolt load."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphmodel.errors import GraphError
from loaders.corpus import read_corpus_graph, read_extractions
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.failures import LocalServerError
from loaders.neo4j.load import load_extractions as load_into
from loaders.neo4j.rows import extraction_parts
from loaders.neo4j_import import ARGS_FILE, write_import_csvs
from loaders.server import free_port, start, stop
from loaders.server.admin import import_database
from tests.conftest import DATA, SEED, require_local_neo4j
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_plans import graph, plan, plan_a, plan_b
from tests.loaders.neo4j_state import comparable, counts, db_state, graph_state


def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_files_have_typed_headers_and_quoted_values(tmp_path: Path) -> None:
    g = graph(plan_a(), plan_b())
    files = write_import_csvs(g, tmp_path / "out")
    assert set(files.nodes) == {f"nodes-{k}.csv" for k in ("District", "Document", "Group", "Park", "Side",
                                                            "Task", "Unit")}
    assert {"relationships-COUNTERPART.csv", "relationships-NAMES.csv", "relationships-IN_PLAN.csv"} <= \
        set(files.relationships)
    docs = _read(tmp_path / "out" / "nodes-Document.csv")
    assert docs[0] == ["id:ID", ":LABEL", "date:date", "digest:string", "sha256:string", "sides:string[]",
                       "source:string", "title:string", "year:long"]
    assert docs[1][2] == "2020-05-01" and docs[1][-1] == "2020"
    units = _read(tmp_path / "out" / "nodes-Unit.csv")
    assert units[0] == ["id:ID", ":LABEL", "aliases:string[]", "name:string", "side:string"]
    row = next(r for r in units if r[0] == "unit:上海市/上海市发展改革委")
    assert row == ["unit:上海市/上海市发展改革委", "Unit", "上海市发改委", "上海市发展改革委", "上海市"]
    mentions = _read(tmp_path / "out" / "relationships-MENTIONS.csv")
    assert mentions[0] == [":START_ID", ":END_ID", ":TYPE", "document:string", "end:long", "start:long"]
    cp = _read(tmp_path / "out" / "relationships-COUNTERPART.csv")
    assert cp[0] == [":START_ID", ":END_ID", ":TYPE", "count:long", "document:string", "jaccard:double",
                     "year:long"]
    assert len(cp) - 1 == 5  # one per pair and document
    args = (tmp_path / "out" / ARGS_FILE).read_text(encoding="utf-8").splitlines()
    assert "--nodes=nodes-Unit.csv" in args and "--array-delimiter=|" in args


def test_quotes_and_delimiters_in_values(tmp_path: Path) -> None:
    odd = '上海市"测试|局'
    g = graph(plan("引号计划", [("1.", {"上海市": [odd], "大连市": ["大连市发展改革委"]}, [])],
                   aliases={odd: ["甲|乙"]}))
    files = write_import_csvs(g, tmp_path)
    assert files.array_delimiter == ";"  # '|' occurs in a list element
    rows = _read(tmp_path / "nodes-Unit.csv")
    assert [odd, "上海市"] == next(r for r in rows if r[3] == odd)[3:]
    assert next(r for r in rows if r[3] == odd)[2] == "甲|乙"
    assert (tmp_path / "nodes-Unit.csv").read_text(encoding="utf-8").count('"上海市""测试|局"') == 1


def test_a_property_of_two_types_is_refused(tmp_path: Path) -> None:
    g = graph(plan_b())
    first, second = [n for n, k in g.nodes(data="kind") if k == "Task"][:2]
    g.nodes[first]["number"] = 1
    with pytest.raises(GraphError, match="'number' has values of several types"):
        write_import_csvs(g, tmp_path)


@pytest.mark.neo4j
def test_the_import_tool_gives_the_same_database_as_a_bolt_load(neo4j_db: Neo4jTarget, tmp_path: Path) -> None:
    require_local_neo4j()
    plans = [SEED, *sorted((DATA / "plans").glob("*.txt"))]
    extractions = read_extractions(plans)
    parts = extraction_parts(extractions)
    files = write_import_csvs(parts, tmp_path / "csv")
    output = import_database(["@" + ARGS_FILE], home=tmp_path / "home", cwd=files.folder)
    assert "IMPORT DONE" in output
    assert f"{files.node_count} nodes" in output and f"{files.relationship_count} relationships" in output

    settings = neo4j_db.settings()
    with connect(settings) as driver:
        load_into(driver, settings, extractions)
        bolt_counts, bolt_state = counts(driver, settings.database), db_state(driver, settings.database)

    info, _ = start(tmp_path / "home", port=free_port(), http_port=0, pagecache="64m")
    try:
        with connect(Neo4jSettings(info.uri)) as driver:
            imported_counts, imported_state = counts(driver), db_state(driver)
    finally:
        stop(tmp_path / "home")
    assert imported_counts == bolt_counts
    assert imported_counts["Task"] == sum(len(p.tasks) for p in parts)
    assert imported_state == bolt_state  # digests, statements and derived nodes included
    assert comparable(imported_state) == graph_state(read_corpus_graph(plans), extractions)


def test_an_import_into_a_running_server_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.server.admin as admin
    from loaders.server.process import ServerInfo

    monkeypatch.setattr(admin, "status", lambda home: ServerInfo(pid=1, port=7687, home=str(home)))
    with pytest.raises(LocalServerError, match="is running .*stop it before an import"):
        import_database(["--nodes=x.csv"], home=tmp_path)
