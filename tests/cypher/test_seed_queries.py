"""Queries on databases of their own (each test empties the database): the seed's first
counterpart pair, and names with quotes and Cypher in them."""

from __future__ import annotations

import pytest

from loaders.corpus import read_corpus_graph
from loaders.neo4j.connection import connect
from loaders.neo4j.library import find_query
from loaders.neo4j.load import load_graph
from loaders.neo4j.queries import run_query
from tests.conftest import SEED, SeedFacts
from tests.conftest_neo4j import Neo4jTarget
from tests.loaders.neo4j_plans import graph, plan

pytestmark = pytest.mark.neo4j


def test_on_the_seed_the_first_pair_is_the_cooperation_office_and_the_dalian_ndrc(
        neo4j_db: Neo4jTarget, seed_facts: SeedFacts) -> None:
    settings = neo4j_db.settings()
    with connect(settings) as driver:
        load_graph(driver, settings, read_corpus_graph([SEED]))
        _, rows = run_query(driver, settings, find_query("counterpart-pairs"), {})
    assert (rows[0]["a"], rows[0]["b"], rows[0]["shared"]) == seed_facts.top_pair


def test_a_name_with_quotes_round_trips(neo4j_db: Neo4jTarget) -> None:
    odd = "上海市\"测试'}) DETACH DELETE n //局"
    g = graph(plan("引号计划", [("1.", {"上海市": [odd], "大连市": ["大连市发展改革委"]}, [])]))
    settings = neo4j_db.settings()
    with connect(settings) as driver:
        load_graph(driver, settings, g)
        _, rows = run_query(driver, settings, find_query("tasks-of-unit"), {"unit": odd})
        _, pairs = run_query(driver, settings, find_query("counterpart-pairs"), {})
    assert [(r["unit"], r["number"]) for r in rows] == [(odd, "1.")]
    assert pairs[0]["a"] == odd
