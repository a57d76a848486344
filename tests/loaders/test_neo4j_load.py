"""Loading graphs into a real Neo4j: exact, idempotent, replacing revised documents whole."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

import loaders.neo4j.load as load_module
from graphmodel.errors import GraphError
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.load import load_graph
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_plans import PLACES, graph, plan_a, plan_b
from tests.loaders.neo4j_state import counts, db_state, graph_state

pytestmark = pytest.mark.neo4j


@pytest.fixture()
def db(neo4j_db: Neo4jTarget) -> Iterator[tuple[neo4j.Driver, Neo4jSettings]]:
    settings = Neo4jSettings(neo4j_db.uri, neo4j_db.user, neo4j_db.password, neo4j_db.database)
    driver = connect(settings)
    yield driver, settings
    driver.close()


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
    g = graph(plan_a(), plan_b())
    summary = load_graph(driver, settings, g)
    assert db_state(driver) == graph_state(g)  # COUNTERPART derived in Cypher included
    assert summary.documents == 2 and summary.counterparts == 5
    got = counts(driver)
    assert got["Task"] == 6 and got["Unit"] == 8 and got["Group"] == 1 and got["COUNTERPART"] == 5
    records, _, _ = driver.execute_query(
        "MATCH (u:Unit {id: 'unit:上海市/上海市发展改革委'}) RETURN u.aliases AS a, u.kind AS k")
    assert records[0]["a"] == ["上海市发改委"] and records[0]["k"] is None  # a list; the label is the kind


def test_loading_twice_changes_nothing(db) -> None:  # noqa: ANN001
    driver, settings = db
    g = graph(plan_a(), plan_b())
    load_graph(driver, settings, g)
    first, first_counts = db_state(driver), counts(driver)
    load_graph(driver, settings, g)
    assert counts(driver) == first_counts
    assert db_state(driver) == first


def test_documents_loaded_one_by_one_equal_one_load(db) -> None:  # noqa: ANN001
    driver, settings = db
    load_graph(driver, settings, graph(plan_b()))
    load_graph(driver, settings, graph(plan_a()))
    assert db_state(driver) == graph_state(graph(plan_a(), plan_b()))


def test_a_revised_plan_leaves_nothing_stale(db) -> None:  # noqa: ANN001
    driver, settings = db
    load_graph(driver, settings, graph(plan_a(), plan_b()))
    load_graph(driver, settings, graph(revised_a()))
    # Exactly what loading the revised plan with the other one from scratch gives.
    assert db_state(driver) == graph_state(graph(revised_a(), plan_b()))
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.name IN ['上海市科委', '大连市商务局', '张江高科技园区', '大连高新园区'] "
        "OR n.id = 'doc:2020年沪连合作计划#二、1.' RETURN n.id AS id")
    assert records == []
    # The unit the other plan shares stays, with its task there.
    records, _, _ = driver.execute_query(
        "MATCH (:Unit {name: '上海市发展改革委'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.id AS id ORDER BY id")
    assert [r["id"] for r in records] == ["doc:2020年沪连合作计划#一、1.", "doc:2020年沪连合作计划#一、2.",
                                          "doc:2020年沪连合作计划#三、1.", "doc:2021年沪连合作计划#1."]


def test_small_batches_give_the_same_database(db) -> None:  # noqa: ANN001
    driver, settings = db
    g = graph(plan_a(), plan_b())
    seen = []
    summary = load_graph(driver, settings, g, batch_size=3, progress=lambda done, total: seen.append((done, total)))
    assert db_state(driver) == graph_state(g)
    assert seen[0] == (0, summary.rows) and seen[-1] == (summary.rows, summary.rows)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_transient_error_is_retried(db, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    driver, settings = db
    real, calls = load_module._write_part, []

    def flaky(tx, part, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(list(part.documents))
        real(tx, part, *args)  # the work is done, then the transaction fails and rolls back
        if len(calls) == 2:  # the first document's transaction
            raise neo4j.exceptions.TransientError("simulated deadlock")

    monkeypatch.setattr(load_module, "_write_part", flaky)
    g = graph(plan_a())
    summary = load_graph(driver, settings, g)
    doc = ["doc:2020年沪连合作计划"]
    assert calls == [[], doc, doc] and summary.transactions == 3  # shared, document (twice), counterparts
    assert db_state(driver) == graph_state(g)


def test_a_routing_uri_loads_too(neo4j_db: Neo4jTarget) -> None:
    if not neo4j_db.uri.startswith("bolt://"):
        pytest.skip("the session server already uses a routing URI")
    settings = Neo4jSettings(neo4j_db.uri.replace("bolt://", "neo4j://"), neo4j_db.user, neo4j_db.password,
                             neo4j_db.database)
    g = graph(plan_b())
    with connect(settings) as driver:
        load_graph(driver, settings, g)
        assert db_state(driver, settings.database) == graph_state(g)


def test_a_graph_with_an_unknown_kind_is_refused_before_writing(db) -> None:  # noqa: ANN001
    driver, settings = db
    g = graph(plan_b())
    g.add_node("x:1", kind="Person`) DETACH DELETE n //")
    with pytest.raises(GraphError, match="none of Document"):
        load_graph(driver, settings, g)
    assert counts(driver) == {}


def test_a_revised_seed_plan_replaces_the_old_one(db, tmp_path) -> None:  # noqa: ANN001
    from loaders.corpus import load_graph as read_corpus
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

    load_graph(driver, settings, read_corpus([SEED, other]))
    load_graph(driver, settings, read_corpus([revised]))
    want = read_corpus([revised, other])
    assert db_state(driver) == graph_state(want)
    doc = "doc:2020年上海市与大连市对口合作重点工作计划"
    records, _, _ = driver.execute_query("MATCH (t:Task {id: $id}) RETURN t", id=f"{doc}#一、(二)")
    assert records == []
    records, _, _ = driver.execute_query(
        "MATCH (u:Unit {name: '大连市新设协调局'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.id AS id")
    new_unit = "unit:大连市/大连市新设协调局"
    assert [r["id"] for r in records] == [t for _, t, k in want.out_edges(new_unit, keys=True)
                                          if k == "RESPONSIBLE_FOR"] != []
