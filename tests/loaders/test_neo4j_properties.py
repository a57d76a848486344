"""Properties of loading, on a real Neo4j: the database depends only on which documents (in
which version) are in it, never on the order, grouping, batch size or concurrency of the loads
and removals that put them there.

Each property is checked on random cases drawn from fixed seeds (the seed is in the test id),
over real fixture plans that share units, aliases, sides, districts and pairings, and two small
plans made to state the same pairing and unit with different aliases and districts.
"""

from __future__ import annotations

import copy
import os
import random
import subprocess
import sys
import threading

import neo4j
import pytest

from graphmodel.graph import build_graph
from graphmodel.model import Extraction
from loaders.corpus import read_extractions
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.load import load_extractions, remove_documents
from tests.conftest import DATA, SEED
from tests.conftest_neo4j import Neo4jTarget, clear_database
from tests.loaders.neo4j_plans import PLACES, plan
from tests.loaders.neo4j_state import comparable, db_state, graph_state

pytestmark = pytest.mark.neo4j

FILES = [SEED, DATA / "plans" / "2021-shanghai-dalian-plan.txt", DATA / "plans" / "2022-shanghai-dalian-plan.txt",
         DATA / "corpus" / "2020-shanghai-dalian.txt", DATA / "corpus" / "2021-shanghai-dalian.txt",
         DATA / "plans" / "2021-jiangsu-liaoning-plan.txt", DATA / "plans3" / "2022-liaoning-jiangsu-plan.txt"]


def _small(title: str, alias: str, district: bool) -> Extraction:
    return plan(title, [("1.", {"上海市": ["上海市商务委", "上海市发展改革委"], "大连市": ["大连市商务局"]}, ["浦东新区"])],
                places={k: v for k, v in PLACES.items() if v[0] == "district"},
                pairings=[("district", "浦东新区", "金州区", "1.")],
                unit_district={"上海市商务委": "浦东新区"} if district else None,
                aliases={"上海市商务委": [alias]}, date="2021-05-01")


@pytest.fixture(scope="module")
def plans() -> list[Extraction]:
    return read_extractions(FILES) + [_small("甲计划", "市商务委", True), _small("乙计划", "上海商务委", False)]


@pytest.fixture()
def db(neo4j_connection: tuple[neo4j.Driver, Neo4jSettings]) -> tuple[neo4j.Driver, Neo4jSettings]:
    return neo4j_connection


def fresh(db, plans: list[Extraction]) -> tuple:  # noqa: ANN001
    driver, settings = db
    clear_database(driver, settings.database)
    load_extractions(driver, settings, plans)
    return db_state(driver)


def revised(ex: Extraction, rng: random.Random) -> Extraction:
    """A revision of a plan (same id): some responsibilities, aliases, districts and pairings gone."""
    out = copy.deepcopy(ex)
    for task in out.tasks:
        task.responsibilities = [r for r in task.responsibilities if rng.random() > 0.3]
    for unit in out.units:
        unit.aliases = [a for a in unit.aliases if rng.random() > 0.5]
        if rng.random() > 0.5:
            unit.district = None
    out.pairings = [p for p in out.pairings if rng.random() > 0.5]
    return out


def _groups(items: list[Extraction], rng: random.Random) -> list[list[Extraction]]:
    items = items[:]
    rng.shuffle(items)
    cuts = sorted(rng.sample(range(1, len(items)), rng.randint(0, len(items) - 1)))
    return [items[a:b] for a, b in zip([0, *cuts], [*cuts, len(items)], strict=True)]


def test_the_fixture_shares_what_the_properties_are_about(plans: list[Extraction]) -> None:
    g = build_graph(plans)
    pairings = [d for *_, k, d in g.edges(keys=True, data=True) if k == "PAIRED_WITH"]
    assert any(len(d["documents"]) > 1 for d in pairings)
    named = {}
    for ex in plans:
        for u in ex.units:
            named.setdefault(u.id, set()).add(ex.document.id)
    assert sum(len(docs) > 1 for docs in named.values()) > 20


@pytest.mark.parametrize("seed", range(4))
def test_any_order_and_grouping_of_loads_gives_one_database(db, plans, seed: int) -> None:  # noqa: ANN001
    driver, settings = db
    want = fresh(db, plans)
    assert comparable(want) == graph_state(build_graph(plans), plans)
    rng = random.Random(seed)
    clear_database(driver, settings.database)
    for group in _groups(plans, rng):
        load_extractions(driver, settings, group, batch_size=rng.choice([40, 400, 10000]))
    assert db_state(driver) == want


@pytest.mark.parametrize("seed", range(3))
def test_loads_removals_and_revisions_in_any_order_end_in_the_database_of_what_is_left(
        db, plans, seed: int) -> None:  # noqa: ANN001
    driver, settings = db
    rng = random.Random(100 + seed)
    current: dict[str, Extraction] = {}
    clear_database(driver, settings.database)
    for _ in range(8):
        move = rng.choice(["load", "load", "revise", "remove"])
        if move == "load" or not current:
            group = rng.sample(plans, rng.randint(1, 4))
            load_extractions(driver, settings, group, batch_size=rng.choice([40, 10000]))
            current.update({ex.document.id: ex for ex in group})
        elif move == "revise":
            ex = revised(current[rng.choice(sorted(current))], rng)
            load_extractions(driver, settings, [ex])
            current[ex.document.id] = ex
        else:
            gone = rng.sample(sorted(current), rng.randint(1, min(2, len(current))))
            remove_documents(driver, settings, gone)
            for doc in gone:
                del current[doc]
    state = db_state(driver)
    assert state == fresh(db, list(current.values())), sorted(current)


@pytest.mark.parametrize("seed", range(3))
def test_replacing_a_plan_leaves_every_fact_another_plan_states(db, plans, seed: int) -> None:  # noqa: ANN001
    driver, settings = db
    rng = random.Random(200 + seed)
    load_extractions(driver, settings, plans)
    target = rng.choice(plans)
    new = revised(target, rng)
    load_extractions(driver, settings, [new])
    rest = [ex for ex in plans if ex.document.id != target.document.id]
    state = db_state(driver)
    assert comparable(state) == graph_state(build_graph([*rest, new]), [*rest, new])
    assert state == fresh(db, [*rest, new])
    # Removed outright: what the others state is all that is left.
    load_extractions(driver, settings, plans)
    remove_documents(driver, settings, [target.document.id])
    assert comparable(db_state(driver)) == graph_state(build_graph(rest), rest)


def _concurrently(settings: Neo4jSettings, jobs: list[tuple[list[Extraction], int]]) -> None:
    """Run the loads at once, in threads with drivers of their own, started together."""
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def load(order: list[Extraction], batch: int) -> None:
        try:
            with connect(settings) as own:
                start.wait()
                load_extractions(own, settings, order, batch_size=batch)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=load, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_two_concurrent_loads_of_the_same_plans_give_what_one_gives(db, plans) -> None:  # noqa: ANN001
    driver, settings = db
    want = fresh(db, plans)
    for round_ in range(3):
        clear_database(driver, settings.database)
        rng = random.Random(300 + round_)
        _concurrently(settings, [(rng.sample(plans, len(plans)), 60), (rng.sample(plans, len(plans)), 10000)])
        assert db_state(driver) == want, round_


def test_concurrent_loads_of_different_plans_naming_the_same_units_lose_nothing(db, plans) -> None:  # noqa: ANN001
    # No document in common: only the locks on the shared units, sides and places keep one
    # load from overwriting what the other derived.
    driver, settings = db
    want = fresh(db, plans)
    for round_ in range(4):
        clear_database(driver, settings.database)
        order = random.Random(400 + round_).sample(plans, len(plans))
        _concurrently(settings, [(order[0::3], 1), (order[1::3], 1), (order[2::3], 1)])
        assert db_state(driver) == want, round_


def test_two_graphmodel_load_processes_at_once_give_what_one_gives(db, neo4j_db: Neo4jTarget) -> None:  # noqa: ANN001
    driver, settings = db
    files = [str(f) for f in FILES]
    want = fresh(db, read_extractions(FILES))
    env_args = ["--uri", neo4j_db.uri] + (["--database", neo4j_db.database] if neo4j_db.database else [])
    env = {"NEO4J_PASSWORD": neo4j_db.password} if neo4j_db.password else {}

    for round_ in range(3):
        clear_database(driver, settings.database)
        procs = [subprocess.Popen([sys.executable, "-c", "from graphmodel_cli.main import cli; cli()", "load",
                                   *(files if i == 0 else files[::-1]), "--batch-size", "100", *env_args],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, **env})
                 for i in range(2)]
        outs = [p.communicate(timeout=600) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert db_state(driver) == want, round_


def test_concurrent_plans_adding_names_to_one_unit_lose_none(db) -> None:  # noqa: ANN001
    # Twelve one-task plans, each calling 上海市商务委 by a name of its own, loaded four at a time,
    # one plan a transaction: every name must survive (without locks, a load derives the unit
    # from what it read before another load's names were committed, and drops them).
    driver, settings = db
    many = [plan(f"别名计划{i:02d}", [("1.", {"上海市": ["上海市商务委"], "大连市": ["大连市商务局"]}, [])],
                 aliases={"上海市商务委": [f"商务委别名{i:02d}"]}, date="2021-06-01") for i in range(12)]
    want = fresh(db, many)
    for round_ in range(3):
        clear_database(driver, settings.database)
        order = random.Random(500 + round_).sample(many, len(many))
        _concurrently(settings, [(order[i::4], 1) for i in range(4)])
        records, _, _ = driver.execute_query("MATCH (u:Unit {name: '上海市商务委'}) RETURN u.aliases AS a")
        assert records[0]["a"] == sorted(f"商务委别名{i:02d}" for i in range(12)), round_
        assert db_state(driver) == want, round_
