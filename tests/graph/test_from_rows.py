"""Filling the graph tables from extraction rows (`GraphBuilder.add_row`)."""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Callable

import networkx as nx
import pytest

from graphmodel import model
from graphmodel.errors import GraphError
from graphmodel.graph import GraphBuilder, build_graph
from graphmodel.graph.from_rows import ROW_FIELDS
from graphmodel.model import Extraction, Pairing, Place
from tests.graph.plans import DL, SH, T, network_plan, plan, plan_2020, plan_2021


def test_the_rows_positions_are_the_models_fields() -> None:
    for name, fields in ROW_FIELDS.items():
        assert tuple(f.name for f in dataclasses.fields(getattr(model, name))) == fields, name


def _places_plan() -> Extraction:
    ex = plan("园区计划", [SH, DL], [
        T("1", [["上海市科委"], ["大连市科技局"]], text="推动上海张江高新区与大连高新园区结对",
          places=["上海张江高新区", "大连高新园区"]),
        T("2", [["上海市浦东新区区委审改办", "上海市科委+", "上海市科委*"], ["大连市发展改革委"]],
          text="浦东新区经验", places=["浦东新区"]),
    ], places={"上海张江高新区": ("park", SH), "大连高新园区": ("park", DL), "浦东新区": ("district", SH)})
    ex.pairings.append(Pairing("park", "park:大连市/大连高新园区", "park:上海市/上海张江高新区",
                               task=ex.tasks[0].id, span=(30, 40)))
    next(u for u in ex.units if u.name == "上海市浦东新区区委审改办").district = "district:上海市/浦东新区"
    ex.places = [Place(p.id, p.kind, p.name, p.side, p.aliases, p.spans,
                       parent="district:上海市/浦东新区" if p.name == "上海张江高新区" else None)
                 for p in ex.places]
    ex.tasks[1].responsibilities[0].correction = "fix.tsv:3"
    ex.tasks[1].lead_officials = ["张三"]
    ex.tasks[1].title = None
    return ex


def test_rows_as_a_worker_sends_them_give_the_graph_of_the_extractions() -> None:
    plans = [plan_2021(), network_plan(), _places_plan(), plan_2020(), plan_2020()]  # one twice
    expected = build_graph(plans)
    builder = GraphBuilder()
    for ex in plans:
        builder.add_row(marshal.loads(marshal.dumps(ex.to_row(), 4)))  # spans as lists
    got = builder.graph()
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(got, expected)
    assert got.edges["park:大连市/大连高新园区", "park:上海市/上海张江高新区", "PAIRED_WITH"]["start"] == 30


def _unit_named(ex: Extraction) -> None:
    ex.tasks[0].responsibilities[0].unit = "unit:nowhere"


def _unit_in_nowhere(ex: Extraction) -> None:
    next(u for u in ex.units if not u.collective).district = "district:nowhere"


def _place_in_nowhere(ex: Extraction) -> None:
    ex.places[0].parent = "district:nowhere"


def _parent_nowhere(ex: Extraction) -> None:
    ex.tasks[0].parent = "doc:nowhere#1"


def _mentions_nowhere(ex: Extraction) -> None:
    ex.tasks[0].places.append("park:nowhere")


def _pairing_names_nowhere(ex: Extraction) -> None:
    ex.pairings.append(Pairing("park", ex.places[0].id, "park:nowhere"))


def _pairing_task_nowhere(ex: Extraction) -> None:
    ex.pairings.append(Pairing("park", ex.places[0].id, ex.places[1].id, task="doc:nowhere#1"))


@pytest.mark.parametrize("spoil", [_unit_named, _unit_in_nowhere, _place_in_nowhere, _parent_nowhere,
                                   _mentions_nowhere, _pairing_names_nowhere, _pairing_task_nowhere])
def test_a_row_fails_as_its_extraction_does(spoil: Callable[[Extraction], None]) -> None:
    bad = _places_plan()
    spoil(bad)
    with pytest.raises(GraphError) as by_record:
        GraphBuilder().add(bad)
    with pytest.raises(GraphError) as by_row:
        GraphBuilder().add_row(bad.to_row())
    assert str(by_row.value) == str(by_record.value)
    assert "nowhere" in str(by_row.value)


def test_a_document_given_again_as_a_row_is_checked_against_the_first() -> None:
    changed = plan_2020()
    changed.tasks[0].text = "另一种措辞"
    builder = GraphBuilder()
    builder.add(plan_2020())
    builder.add_row(plan_2020().to_row())  # the same again: nothing changes
    with pytest.raises(GraphError, match="two different documents have the id"):
        builder.add_row(changed.to_row())


def test_a_row_of_the_wrong_length_is_a_value_error() -> None:
    row = plan_2020().to_row()
    with pytest.raises(ValueError):
        GraphBuilder().add_row(row[:-1])
    row[1][0][6][0].pop()  # a responsibility row one value short
    with pytest.raises(ValueError):
        GraphBuilder().add_row(row)


@pytest.mark.parametrize("by_row", [False, True])
def test_a_unit_id_is_one_object_across_plans_and_responsibilities(by_row: bool) -> None:
    # Each plan's rows carry their own copy of a unit's id (one for each responsibility): the
    # tables hold one, the node's key, so that no edge keeps a copy and every look-up of an
    # edge's source finds it by identity.
    builder = GraphBuilder()
    for ex in (plan_2021(), plan_2020()):
        row = marshal.loads(marshal.dumps(ex.to_row(), 4))
        for task in row[1]:  # a fresh copy of each responsibility's unit id, as a worker's may be
            task[6] = [[r[0], "".join(list(r[1])), *r[2:]] for r in task[6]]
        if by_row:
            builder.add_row(row)
        else:
            builder.add(Extraction.from_row(row))
    tables = builder._tables
    own = {n: n for n in tables.nodes}
    sources = [u for u, _, t in tables.edges if t == "RESPONSIBLE_FOR"]
    assert sources and all(own[u] is u for u in sources)
    assert all(own[u] is u for _, _, units in tables.task_units.values() for u in units)


def _shortcut_plans() -> list[Extraction]:
    """Plans that meet every shortcut of `add_row`: tasks whose ids sort out of their order in
    the text, a unit named twice in one task, groups, two tasks at one start, a task twice in
    one row, ids that do not start with their document's, units named again by later plans
    with other names, sides and aliases."""
    first = plan("甲计划", [SH, DL], [
        T("十、", [["上海市科委*", "各有关单位", "上海市科委+"], ["大连市科技局"]]),
        T("二、", [["上海市教委"], ["各区政府", "大连市教育局*", "大连市教育局"]]),
        T("一、", [["上海市科委"], ["大连市科技局+", "大连市发展改革委"]]),
        T("一、(一)", [["上海市教委+"], ["大连市教育局"]], parent="一、"),
    ], aliases={"市科委": "上海市科委"})
    first.tasks[3].span = first.tasks[2].span  # two tasks at one start
    twice = plan("乙计划", [SH, DL], [
        T("1.", [["上海市科委"], ["大连市科技局"]]),
        T("3.", [["上海市教委"], ["大连市教育局"]]),
    ])
    copy = dataclasses.replace(twice.tasks[0], responsibilities=[
        dataclasses.replace(r, role="lead") for r in reversed(twice.tasks[1].responsibilities)])
    twice.tasks.append(dataclasses.replace(copy, responsibilities=copy.responsibilities + twice.tasks[0].responsibilities))
    other = plan("丙计划", [SH, DL], [
        T("1.", [["市科委*", "上海市教委"], ["大连市科技局"]]),
        T("2.", [["上海市政府合作交流办"], ["大连市科技局*"]], parent="1."),
    ], aliases={"市科委": "上海市科委"})
    for task in other.tasks:  # ids of another form: sorted by the whole id
        task.id = task.id.replace("doc:丙计划#", "task:")
        task.parent = task.parent.replace("doc:丙计划#", "task:") if task.parent else None
    for unit in other.units:
        unit.name, unit.side = unit.name + "(新)", None
    return [other, first, twice]


def _task_units_the_long_way(ex: Extraction) -> tuple[list[str], list[int], list[str]]:
    """Each task's real units in the order first named, its tasks in id order, then by (start, id)."""
    real = {u.id for u in ex.units if not u.collective}
    here = []
    for i, task in sorted(enumerate(ex.tasks), key=lambda it: (it[1].id, it[0])):
        mine: list[str] = []
        for r in task.responsibilities:
            if r.unit in real and r.unit not in mine:
                mine.append(r.unit)
        if mine:
            here.append((task.span[0] if task.span else 0, task.id, i, mine))
    here.sort(key=lambda h: h[:3])
    return [h[1] for h in here], [len(h[3]) for h in here], [u for h in here for u in h[3]]


def test_the_shortcuts_of_adding_a_row_are_the_long_way_round() -> None:
    from graphmodel.graph.construct import _Tables

    plans = _shortcut_plans()
    builder = GraphBuilder()
    long_way = _Tables()
    for ex in plans:
        builder.add_row(marshal.loads(marshal.dumps(ex.to_row(), 4)))
        long_way.doc = ex.document.id
        for unit in sorted(ex.units, key=lambda u: u.id):  # what put_node makes of them
            attrs = {"name": unit.name, "side": unit.side}
            if not unit.collective:
                attrs["aliases"] = sorted(set(unit.aliases))
            long_way.put_node(unit.id, "Group" if unit.collective else "Unit", attrs, "here")
    tables = builder._tables
    for ex in plans:
        assert tables.task_units[ex.document.id] == _task_units_the_long_way(ex), ex.document.id
        ids = [n for n, d in tables.nodes.items() if d["kind"] == "Task" and d["document"] == ex.document.id]
        assert ids == sorted({t.id for t in ex.tasks})
    assert tables.task_twice
    units = {n: d for n, d in tables.nodes.items() if d["kind"] in ("Unit", "Group")}
    assert list(units.items()) == list(long_way.nodes.items())
    assert {n: tables.owners[n] for n in units} == long_way.owners
    assert {k: list(v) for k, v in tables.edges.items() if k[2] == "IN" and k[0] in units} == {
        (u.id, f"side:{u.side}", "IN"): [] for ex in plans for u in ex.units if u.side and not u.collective}
