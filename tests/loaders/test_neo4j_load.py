"""Loading documents into a real Neo4j: exact, idempotent, revised documents replaced whole,
shared facts kept while any document states them."""

from __future__ import annotations

import neo4j
import pytest

import loaders.neo4j.load as load_module
from graphmodel.errors import GraphError
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.failures import OldDatabaseError
from loaders.neo4j.load import load_extractions, load_graph, remove_documents
from tests.conftest_neo4j import Neo4jTarget, clear_database
from tests.loaders.neo4j_plans import PLACES, graph, plan, plan_a, plan_b
from tests.loaders.neo4j_state import comparable, counts, db_state, graph_state, without_names

pytestmark = pytest.mark.neo4j


@pytest.fixture()
def db(neo4j_connection: tuple[neo4j.Driver, Neo4jSettings]) -> tuple[neo4j.Driver, Neo4jSettings]:
    return neo4j_connection


def fresh(db, *plans) -> tuple:  # noqa: ANN001
    """The state of the database holding exactly ``plans``, loaded into an empty one."""
    driver, settings = db
    clear_database(driver, settings.database)
    load_extractions(driver, settings, list(plans))
    return db_state(driver)


def revised_a():
    """plan_a revised: 二、1. dropped (with 上海市商务委's second task, 大连市商务局 and the park
    pairing), 二、2. now names 上海市经信委 instead of 上海市科委, and a new task 三、1."""
    return plan_a(tasks=[
        ("一、1.", {"上海市": ["上海市发展改革委*", "上海市商务委"], "大连市": ["大连市发展改革委"]}, ["浦东新区"]),
        ("一、2.", {"上海市": ["上海市发展改革委"], "大连市": ["大连市发展改革委"]}, []),
        ("二、2.", {"上海市": ["上海市经信委"], "大连市": ["大连市工信局"]}, []),
        ("三、1.", {"上海市": ["上海市发展改革委"], "大连市": ["大连市金普新区管委会"]}, ["金州区"]),
    ], pairings=[("district", "浦东新区", "金州区", "一、1.")],
        places={k: v for k, v in PLACES.items() if v[0] == "district"})


def test_the_database_holds_exactly_the_graph(db) -> None:  # noqa: ANN001
    driver, settings = db
    plans = [plan_a(), plan_b()]
    summary = load_extractions(driver, settings, plans)
    assert comparable(db_state(driver)) == graph_state(graph(*plans), plans)
    assert summary.documents == summary.changed == 2 and summary.counterparts == 5
    got = counts(driver)
    assert got["Task"] == 6 and got["Unit"] == 8 and got["Group"] == 1 and got["COUNTERPART"] == 5
    assert got["IN_PLAN"] == 6 and got["NAMES"] == 18
    records, _, _ = driver.execute_query(
        "MATCH (u:Unit {id: 'unit:上海市/上海市发展改革委'}) RETURN u.aliases AS a, u.kind AS k")
    assert records[0]["a"] == ["上海市发改委"] and records[0]["k"] is None  # a list; the label is the kind
    records, _, _ = driver.execute_query(
        "MATCH (d:Document {id: 'doc:2021年沪连合作计划'}) RETURN d.date AS date, d.year AS year, d.digest AS digest")
    assert records[0]["date"] == neo4j.time.Date(2021, 3, 1) and records[0]["year"] == 2021
    assert len(records[0]["digest"]) == 64
    records, _, _ = driver.execute_query("MATCH (n) WHERE any(k IN keys(n) WHERE k STARTS WITH '_') RETURN n")
    assert records == []  # no lock left behind


def test_loading_twice_changes_nothing_and_writes_nothing(db) -> None:  # noqa: ANN001
    driver, settings = db
    plans = [plan_a(), plan_b()]
    load_extractions(driver, settings, plans)
    first = db_state(driver)
    again = load_extractions(driver, settings, plans)
    assert again.changed == 0 and db_state(driver) == first


def test_documents_loaded_one_by_one_equal_one_load(db) -> None:  # noqa: ANN001
    driver, settings = db
    load_extractions(driver, settings, [plan_b()])
    load_extractions(driver, settings, [plan_a()])
    assert db_state(driver) == fresh(db, plan_a(), plan_b())


def test_a_revised_plan_leaves_nothing_stale(db) -> None:  # noqa: ANN001
    driver, settings = db
    load_extractions(driver, settings, [plan_a(), plan_b()])
    load_extractions(driver, settings, [revised_a()])
    state = db_state(driver)
    assert comparable(state) == graph_state(graph(revised_a(), plan_b()), [revised_a(), plan_b()])
    assert state == fresh(db, revised_a(), plan_b())
    load_extractions(driver, settings, [plan_a(), plan_b()])
    load_extractions(driver, settings, [revised_a()])
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.name IN ['上海市科委', '大连市商务局', '张江高科技园区', '大连高新园区'] "
        "OR n.id = 'doc:2020年沪连合作计划#二、1.' RETURN n.id AS id")
    assert records == []
    # The unit the other plan shares stays, with its task there.
    records, _, _ = driver.execute_query(
        "MATCH (:Unit {name: '上海市发展改革委'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.id AS id ORDER BY id")
    assert [r["id"] for r in records] == ["doc:2020年沪连合作计划#一、1.", "doc:2020年沪连合作计划#一、2.",
                                          "doc:2020年沪连合作计划#三、1.", "doc:2021年沪连合作计划#1."]


def _pairing_plan(title: str, alias: str, district: bool) -> object:
    return plan(title, [("1.", {"上海市": ["上海市商务委"], "大连市": ["大连市商务局"]}, ["浦东新区"])],
                places={k: v for k, v in PLACES.items() if v[0] == "district"},
                pairings=[("district", "浦东新区", "金州区", "1.")],
                unit_district={"上海市商务委": "浦东新区"} if district else None,
                aliases={"上海市商务委": [alias]}, date="2021-05-01")


def test_a_fact_two_plans_state_stays_until_neither_does(db) -> None:  # noqa: ANN001
    driver, settings = db
    one, two = _pairing_plan("甲计划", "市商务委", True), _pairing_plan("乙计划", "上海商务委", False)
    load_extractions(driver, settings, [one, two])

    def facts() -> tuple:
        pairs, _, _ = driver.execute_query(
            "MATCH (:District {name: '浦东新区'})-[p:PAIRED_WITH]->(:District {name: '金州区'}) "
            "RETURN p.document AS d ORDER BY d")
        unit, _, _ = driver.execute_query(
            "MATCH (u:Unit {name: '上海市商务委'}) OPTIONAL MATCH (u)-[:IN]->(x:District) "
            "OPTIONAL MATCH (d:Document)-[:NAMES]->(u) RETURN u.aliases AS a, collect(DISTINCT x.name) AS x, "
            "collect(DISTINCT d.title) AS by")
        return [r["d"] for r in pairs], unit[0]["a"] if unit else None, unit[0]["x"] if unit else None

    assert facts() == (["doc:乙计划", "doc:甲计划"], ["上海商务委", "市商务委"], ["浦东新区"])
    remove_documents(driver, settings, ["甲计划"])  # by title
    # The pairing and the unit stay (乙 states them); 甲's alias and the district 甲 put it in go.
    assert facts() == (["doc:乙计划"], ["上海商务委"], [])
    assert db_state(driver) == fresh(db, two)
    load_extractions(driver, settings, [one])
    assert db_state(driver) == fresh(db, one, two)
    remove_documents(driver, settings, ["doc:乙计划", "doc:甲计划"])
    assert counts(driver) == {}


def test_removing_a_document_that_is_not_there_is_a_clear_error(db) -> None:  # noqa: ANN001
    driver, settings = db
    load_extractions(driver, settings, [plan_b()])
    with pytest.raises(GraphError, match="no document '没有的计划' in the database"):
        remove_documents(driver, settings, ["没有的计划"])


def test_small_batches_give_the_same_database(db) -> None:  # noqa: ANN001
    driver, settings = db
    plans = [plan_a(), plan_b()]
    seen = []
    summary = load_extractions(driver, settings, plans, batch_size=3,
                               progress=lambda done, total: seen.append((done, total)))
    assert db_state(driver) == fresh(db, *plans)
    assert summary.transactions == 2  # each document alone, bigger than a batch
    assert seen[0] == (0, summary.rows) and seen[-1] == (summary.rows, summary.rows)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_transient_error_is_retried(db, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    driver, settings = db
    real, calls = load_module._apply, []

    def flaky(tx, parts, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append([p.id for p in parts])
        out = real(tx, parts, *args)  # the work is done, then the transaction fails and rolls back
        if len(calls) == 1:
            raise neo4j.exceptions.TransientError("simulated deadlock")
        return out

    monkeypatch.setattr(load_module, "_apply", flaky)
    summary = load_extractions(driver, settings, [plan_a()])
    doc = ["doc:2020年沪连合作计划"]
    assert calls == [doc, doc] and summary.changed == 1
    monkeypatch.undo()
    assert db_state(driver) == fresh(db, plan_a())


def test_a_routing_uri_loads_too(neo4j_db: Neo4jTarget) -> None:
    if not neo4j_db.uri.startswith("bolt://"):
        pytest.skip("the session server already uses a routing URI")
    settings = Neo4jSettings(neo4j_db.uri.replace("bolt://", "neo4j://"), neo4j_db.user, neo4j_db.password,
                             neo4j_db.database)
    with connect(settings) as driver:
        load_extractions(driver, settings, [plan_b()])
        assert comparable(db_state(driver, settings.database)) == graph_state(graph(plan_b()), [plan_b()])


def test_a_graph_with_an_unknown_kind_is_refused_before_writing(db) -> None:  # noqa: ANN001
    driver, settings = db
    g = graph(plan_b())
    g.add_node("x:1", kind="Person`) DETACH DELETE n //")
    with pytest.raises(GraphError, match="none of Document"):
        load_graph(driver, settings, g)
    assert counts(driver) == {}


def test_a_built_graph_loads_to_the_same_graph(db) -> None:  # noqa: ANN001
    # From a graph of several documents the statements are coarser (each document states the
    # merged aliases), but the nodes and edges are the same.
    driver, settings = db
    g = graph(plan_a(), plan_b())
    load_graph(driver, settings, g)
    assert without_names(comparable(db_state(driver))) == graph_state(g)


def test_a_database_of_an_older_graphmodel_is_refused(db) -> None:  # noqa: ANN001
    driver, settings = db
    driver.execute_query("CREATE (:Document {id: 'doc:旧', title: '旧'})")
    with pytest.raises(OldDatabaseError, match="loaded by an older graphmodel.*DETACH DELETE"):
        load_extractions(driver, settings, [plan_b()])


def test_a_copy_of_a_file_is_the_same_document_named_by_the_first_path(db) -> None:  # noqa: ANN001
    driver, settings = db
    first, second = plan_b(), plan_b()
    first.document.source, second.document.source = "b/plan.txt", "a/plan.txt"
    load_extractions(driver, settings, [first])
    assert load_extractions(driver, settings, [second]).changed == 0
    state = db_state(driver)
    assert state == fresh(db, second) and state == fresh(db, first, second)
    records, _, _ = driver.execute_query("MATCH (d:Document) RETURN d.source AS s")
    assert [r["s"] for r in records] == ["a/plan.txt"]


def test_a_revised_seed_plan_replaces_the_old_one(db, tmp_path) -> None:  # noqa: ANN001
    from loaders.corpus import read_extractions
    from tests.conftest import DATA, SEED

    driver, settings = db
    text = SEED.read_text(encoding="utf-8")
    start, end = text.index("(二)协调层面"), text.index("(三)执行层面")
    old_note = "(责任单位:上海市政府合作交流办、各相关单位;大连市发展改革委、各相关单位)"
    assert text.count(old_note) == 1
    revised_text = (text[:start] + text[end:]).replace(old_note, "(责任单位:上海市商务委;大连市新设协调局)")
    revised = tmp_path / "2020-shanghai-dalian-plan-revised.txt"
    revised.write_text(revised_text, encoding="utf-8")
    other = DATA / "plans" / "2021-shanghai-dalian-plan.txt"

    load_extractions(driver, settings, read_extractions([SEED, other]))
    load_extractions(driver, settings, read_extractions([revised]))
    want = read_extractions([revised, other])
    assert db_state(driver) == fresh(db, *want)
    assert comparable(db_state(driver)) == graph_state(graph(*want), want)
    doc = want[0].document.id if want[0].document.title.startswith("2020") else want[1].document.id
    records, _, _ = driver.execute_query("MATCH (t:Task {id: $id}) RETURN t", id=f"{doc}#一、(二)")
    assert records == []
    records, _, _ = driver.execute_query(
        "MATCH (u:Unit {name: '大连市新设协调局'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.id AS id")
    assert [r["id"] for r in records] != []
