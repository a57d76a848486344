"""Every named query against a real Neo4j holding every fixture plan, checked against the Python
analyses of the same graph."""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j
import networkx as nx
import pytest

from graphmodel.analysis import (
    co_responsibility_graph,
    counterpart_pairs,
    network_metrics,
    one_sided_tasks,
    workload,
)
from graphmodel.graph import nodes_of_kind, task_order, unit_tasks
from loaders.neo4j.connection import Neo4jSettings
from loaders.neo4j.library import find_query, library
from loaders.neo4j.queries import run_query
from tests.loaders.neo4j_state import counts

pytestmark = pytest.mark.neo4j



def run(db: tuple[neo4j.Driver, Neo4jSettings], name: str, **params: Any) -> list[dict[str, Any]]:
    driver, settings = db
    return run_query(driver, settings, find_query(name), {k: str(v) for k, v in params.items()})[1]


def test_the_corpus_is_big_enough_to_mean_something(corpus: nx.MultiDiGraph) -> None:
    assert len(nodes_of_kind(corpus, "Document")) >= 35
    kinds = Counter(d.get("kind") for _, _, k, d in corpus.edges(keys=True, data=True) if k == "PAIRED_WITH")
    assert kinds["district"] and kinds["park"]


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_runs_with_its_browser_defaults(db, name: str) -> None:  # noqa: ANN001
    driver, settings = db
    q = find_query(name)
    defaults = {p.name: "null" if p.default is None else str(p.default) for p in q.params}
    columns, rows = run_query(driver, settings, q, defaults)
    assert columns
    if name not in ("district-pairings",):
        # The Browser examples name units of the seed, so they find something.
        assert rows, name


def _pair_rows(pairs: list[Any]) -> list[tuple[Any, ...]]:
    return [(p.a.id, p.b.id, p.shared, p.jaccard, list(p.numbers)) for p in pairs]


def test_counterpart_pairs_top_10_equal_the_python_analysis(db, corpus) -> None:  # noqa: ANN001
    rows = run(db, "counterpart-pairs", top=10)
    assert [(r["a_id"], r["b_id"], r["shared"], r["jaccard"], r["tasks"]) for r in rows] == \
        _pair_rows(counterpart_pairs(corpus, top=10))


def test_all_counterpart_pairs_equal_the_python_analysis_per_side(db, corpus) -> None:  # noqa: ANN001
    everything = run(db, "counterpart-pairs", top=100000)
    assert len(everything) == len(counterpart_pairs(corpus)) > 700
    for side in ("大连市", "上海市", "辽宁省"):
        rows = run(db, "counterpart-pairs", top=100000, side=side)
        assert [(r["a_id"], r["b_id"], r["shared"], r["jaccard"], r["tasks"]) for r in rows] == \
            _pair_rows(counterpart_pairs(corpus, side=side)), side


def _ordered(corpus: nx.MultiDiGraph, tasks: set[str]) -> list[str]:
    return sorted(tasks, key=lambda t: task_order(corpus, t))


def test_tasks_of_every_unit_equal_the_graph(db, corpus) -> None:  # noqa: ANN001
    tasks_of = unit_tasks(corpus, groups=True)
    assert len(tasks_of) > 100
    for unit, tasks in tasks_of.items():
        rows = run(db, "tasks-of-unit", unit=unit)
        assert [r["task"] for r in rows] == _ordered(corpus, tasks), unit


def test_a_unit_is_found_by_name_and_by_alias(db, corpus) -> None:  # noqa: ANN001
    unit = "unit:上海市/上海市政府合作交流办"
    by_id = run(db, "tasks-of-unit", unit=unit)
    assert run(db, "tasks-of-unit", unit="上海市政府合作交流办") == by_id
    alias = next(a for a in corpus.nodes[unit]["aliases"] if a != corpus.nodes[unit]["name"])
    assert run(db, "tasks-of-unit", unit=alias) == by_id


def test_shared_tasks_and_counterparts_of_a_unit_equal_the_python_analysis(db, corpus) -> None:  # noqa: ANN001
    tasks_of = unit_tasks(corpus)
    for pair in counterpart_pairs(corpus, top=15):
        rows = run(db, "shared-tasks", a=pair.a.id, b=pair.b.id)
        assert [r["task"] for r in rows] == _ordered(corpus, tasks_of[pair.a.id] & tasks_of[pair.b.id])
        assert [r["task"] for r in rows] == list(pair.tasks)
        for unit in (pair.a.id, pair.b.id):
            rows = run(db, "counterparts-of-unit", unit=unit)
            want = [(p.b.id if p.a.id == unit else p.a.id, p.shared, p.jaccard, list(p.numbers))
                    for p in counterpart_pairs(corpus, unit=unit)]
            assert [(r["counterpart_id"], r["shared"], r["jaccard"], r["tasks"]) for r in rows] == want


def test_one_sided_tasks_equal_the_python_gaps(db, corpus) -> None:  # noqa: ANN001
    rows = run(db, "one-sided-tasks")
    want = one_sided_tasks(corpus)
    assert want
    assert [(r["task"], r["sides"], r["missing"], r["placeholder_sides"]) for r in rows] == \
        [(g.task, list(g.sides), list(g.missing), list(g.placeholder_sides)) for g in want]
    doc = want[0].document
    title = corpus.nodes[doc]["title"]
    assert [r["task"] for r in run(db, "one-sided-tasks", document=title)] == \
        [g.task for g in one_sided_tasks(corpus, document=doc)]


def _scope(corpus: nx.MultiDiGraph, year: int) -> list[str]:
    return sorted(d for d in nodes_of_kind(corpus, "Document") if str(corpus.nodes[d].get("date", "")).startswith(str(year)))


def test_counterpart_pairs_of_one_plan_or_one_year_equal_the_python_analysis(db, corpus) -> None:  # noqa: ANN001
    for year in (2021, 2022):
        docs = _scope(corpus, year)
        assert len(docs) >= 5
        rows = run(db, "counterpart-pairs", top=100000, year=year)
        assert [(r["a_id"], r["b_id"], r["shared"], r["jaccard"], r["tasks"]) for r in rows] == \
            _pair_rows(counterpart_pairs(corpus, document=docs)), year
    doc = next(d for d in _scope(corpus, 2022) if "上海市与大连市" in corpus.nodes[d]["title"])
    for ref in (doc, corpus.nodes[doc]["title"]):
        rows = run(db, "counterpart-pairs", top=100000, document=ref)
        assert [(r["a_id"], r["b_id"], r["shared"], r["jaccard"], r["tasks"]) for r in rows] == \
            _pair_rows(counterpart_pairs(corpus, document=doc)) != []


@pytest.mark.parametrize("kind", ["district", "park"])
def test_pairings_equal_the_python_answer_with_every_plan_that_states_them(db, corpus, kind: str) -> None:  # noqa: ANN001
    rows = run(db, f"{kind}-pairings")
    # Python: one row for each document that states a pairing, from the graph's provenance.
    want = sorted((doc, u, v, task or None) for u, v, k, d in corpus.edges(keys=True, data=True)
                  if k == "PAIRED_WITH" and d.get("kind") == kind
                  for doc, task in zip(d["documents"], d["tasks"], strict=True))
    assert want
    assert [(r["document"], r["a_id"], r["b_id"], r["task"]) for r in rows] == want
    with_task = [r for r in rows if r["task"]]
    assert with_task
    assert all(r["number"] == corpus.nodes[r["task"]]["number"] for r in with_task)
    assert all(r["plan"] == corpus.nodes[r["document"]]["title"] for r in rows)
    if kind == "district":  # the corpus holds a pairing two plans state
        assert len(want) > len({(u, v) for _, u, v, _ in want})


def test_central_units_degree_and_tie_order_equal_graphmodel_units(db, corpus) -> None:  # noqa: ANN001
    rows = run(db, "central-units", top=100000)
    metrics = {m.unit.id: m.degree for m in network_metrics(corpus)}
    assert {r["id"]: r["degree"] for r in rows} == metrics
    # `graphmodel units --sort degree`: the workload order (tasks, lead, name, id), then by degree.
    python = sorted(workload(corpus), key=lambda w: -metrics[w.unit.id])
    assert [r["id"] for r in rows] == [w.unit.id for w in python]
    assert [(r["tasks"], r["lead"]) for r in rows] == [(w.tasks, w.lead) for w in python]
    top = run(db, "central-units", top=5)
    assert [r["id"] for r in top] == [w.unit.id for w in python[:5]]


def test_shortest_path_hops_equal_the_co_responsibility_network(db, corpus) -> None:  # noqa: ANN001
    net = co_responsibility_graph(corpus)
    start = "unit:上海市/上海市政府合作交流办"
    lengths = nx.single_source_shortest_path_length(net, start)
    checked = Counter()
    for target, hops in sorted(lengths.items()):
        if target == start or checked[hops] >= 3:
            continue
        rows = run(db, "shortest-path", a=start, b=target)
        assert len(rows) == 1 and rows[0]["hops"] == hops, target
        ids = rows[0]["ids"]
        assert ids[0] == start and ids[-1] == target and len(ids) == 2 * hops + 1
        for i in range(0, len(ids) - 2, 2):  # unit, shared task, unit
            assert corpus.has_edge(ids[i], ids[i + 1], "RESPONSIBLE_FOR")
            assert corpus.has_edge(ids[i + 2], ids[i + 1], "RESPONSIBLE_FOR")
        checked[hops] += 1
    assert checked[1] and checked[2]
    # Of several equally short chains, always the first by node ids.
    far = max(lengths, key=lambda u: (lengths[u], u))
    every = sorted(nx.all_shortest_paths(_unit_task_graph(corpus), start, far))
    rows = run(db, "shortest-path", a=start, b=far)
    assert len(every) > 1 and rows[0]["ids"] == every[0]
    unlinked = next(u for u in net if u not in lengths)
    assert run(db, "shortest-path", a=start, b=unlinked) == []


def _unit_task_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Units and tasks linked by responsibility, as the query walks them."""
    out = nx.Graph()
    out.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if k == "RESPONSIBLE_FOR"
                       and graph.nodes[u]["kind"] == "Unit")
    return out


def test_plans_of_a_unit_equal_the_graph(db, corpus) -> None:  # noqa: ANN001
    tasks_of = unit_tasks(corpus)
    busiest = max(tasks_of, key=lambda u: (len({corpus.nodes[t]["document"] for t in tasks_of[u]}), u))
    rows = run(db, "plans-of-unit", unit=busiest)
    want = Counter(corpus.nodes[t]["document"] for t in tasks_of[busiest])
    assert {r["document"]: r["tasks"] for r in rows} == dict(want)
    assert len(rows) >= 2
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates) and all(len(d) == 10 for d in dates)
    assert [r["date"] for r in rows[len(dates):]] == [None] * (len(rows) - len(dates))  # undated last


@pytest.mark.parametrize("value", [
    "x' OR 1=1 //",
    "上海市政府合作交流办' OR true //",
    "'}) MATCH (n) DETACH DELETE n //",
    '" OR u.name <> "',
    "$unit",
])
def test_a_value_with_quotes_or_cypher_is_data(db, value: str) -> None:  # noqa: ANN001
    driver, _ = db
    before = counts(driver)
    assert run(db, "tasks-of-unit", unit=value) == []
    assert run(db, "shortest-path", a=value, b="大连市发展改革委") == []
    assert counts(driver) == before
