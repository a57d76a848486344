"""The RESPONSIBLE_FOR edges' data kept as columns while rows are added (`ResponsibleRows`)."""

from __future__ import annotations

import dataclasses
import marshal
from typing import Any

import pytest

from graphmodel.graph import GraphBuilder, build_graph
from graphmodel.graph.edge_rows import ResponsibleRows
from graphmodel.graph.schema import ROLE_RANK
from graphmodel.model import Extraction, Responsibility
from tests.graph.plans import network_plan, plan_2020, plan_2021


def _expected(extractions: list[Extraction]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each responsibility edge's data by the rule the builder kept dicts by (the long way):
    a unit named twice for one task keeps its strongest role, then its first mention; the
    first document added wins a task added twice."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for ex in extractions:
        for task in ex.tasks:
            for r in task.responsibilities:
                attrs: dict[str, Any] = {"role": r.role, "mention": r.mention, "document": ex.document.id}
                if r.span is not None:
                    attrs["start"], attrs["end"] = r.span
                if r.correction is not None:
                    attrs["correction"] = r.correction
                old = out.setdefault((r.unit, task.id), attrs)
                if old is not attrs and (ROLE_RANK[r.role], attrs.get("start", -1)) < (
                        ROLE_RANK[old["role"]], old.get("start", -1)):
                    out[r.unit, task.id] = attrs
    return out


def _odd() -> list[Extraction]:
    """Plans whose responsibilities take every way: no span, a correction, a unit named again
    with a weaker role, a stronger one, the same one earlier, and (a second document whose
    task has the first's id) a unit named again in a later plan, whose row was packed."""
    first, second = plan_2020(), plan_2021()
    task = next(t for t in first.tasks if len(t.responsibilities) >= 2)
    a, b = task.responsibilities[:2]
    a.span = None
    a.correction = "fixes.tsv:2"
    b.correction = "fixes.tsv:3"  # replaced below by one without
    task.responsibilities += [
        dataclasses.replace(a, role="support", mention="又一次"),  # weaker: kept as it was
        dataclasses.replace(b, role="lead", mention="更强", span=(1, 2), correction=None),  # stronger: replaces
    ]
    other = next(t for t in first.tasks if t is not task and t.responsibilities)
    r = other.responsibilities[0]
    assert r.span is not None
    other.responsibilities.append(dataclasses.replace(r, mention="更早", span=(r.span[0] - 1, r.span[1])))
    # A task of the second plan given the id of one of the first's: its units named again a plan later.
    again = next(t for t in second.tasks if t.responsibilities)
    again.id = other.id
    again.responsibilities = [dataclasses.replace(other.responsibilities[0], role="lead", mention="后来",
                                                  side=again.responsibilities[0].side),
                              Responsibility("无跨度", r.unit, r.side, "lead")]
    for t in second.tasks:
        if t.parent == other.id.replace(first.document.id, second.document.id):
            t.parent = None
    return [first, second]


@pytest.mark.parametrize("by_row", [True, False])
def test_the_columns_give_the_dicts_of_the_rule(by_row: bool) -> None:
    extractions = _odd()
    builder = GraphBuilder()
    units = {u.id for ex in extractions for u in ex.units}
    for ex in extractions:
        if by_row:
            builder.add_row(marshal.loads(marshal.dumps(ex.to_row(), 4)))
        else:
            builder.add(ex)
    graph = builder.graph()
    got = {(u, v): d for u, v, k, d in graph.edges(keys=True, data=True) if k == "RESPONSIBLE_FOR"}
    expected = {k: d for k, d in _expected(extractions).items() if k[0] in units}
    assert got == expected
    assert [list(d) for d in got.values()] == [list(expected[k]) for k in got]  # key order too
    assert any("correction" in d for d in got.values()) and any("start" not in d for d in got.values())
    assert "更强" in {d["mention"] for d in got.values()} and "又一次" not in {d["mention"] for d in got.values()}


def test_the_rows_are_the_dicts_they_stand_for() -> None:
    rows = ResponsibleRows()
    rows.add("lead", "甲", "d1", (3, 7))
    rows.flush()
    rows.add("support", "乙", "d2", None, "c.tsv:2")
    rows.add("lead", None, "d2", (None, 2**40))  # type: ignore[arg-type]
    assert len(rows) == 3
    expected = [{"role": "lead", "mention": "甲", "document": "d1", "start": 3, "end": 7},
                {"role": "support", "mention": "乙", "document": "d2", "correction": "c.tsv:2"},
                {"role": "lead", "mention": None, "document": "d2", "start": None, "end": 2**40}]
    assert rows.rows() == expected
    assert [rows.row(i) for i in range(3)] == expected
    assert rows.values == ["lead", "甲", "d1", 3, 7, "support", "乙", "d2", None, 2**40]


def test_a_large_corpus_tables_pack_as_the_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    # In numpy (a large corpus's tables): the columns packed from their numbers, or (rows of
    # several shapes) from their dicts; either way the pack of the graph.
    from graphmodel.graph import SCHEMA, construct
    from loaders import graphpack
    from loaders.graphpack import pack_columns, pack_data

    monkeypatch.setattr(construct, "_NUMPY_FROM", 0)
    monkeypatch.setattr(graphpack, "_NUMPY_FROM", 0)
    for extractions in (_odd(), [plan_2020(), plan_2021(), network_plan()]):
        builder = GraphBuilder()
        for ex in extractions:
            builder.add_row(ex.to_row())
        got = builder.in_graph_columns()
        assert got is not None
        assert pack_columns({"schema": SCHEMA}, *got) == pack_data(build_graph(extractions))


def test_a_document_given_again_is_compared_by_its_responsibilities_too() -> None:
    # The duplicate-document rule reads a document's rows back as dicts (`of_document`): the
    # same document again changes nothing; one whose responsibility differs is another document.
    from graphmodel.errors import GraphError

    changed = plan_2020()
    task = next(t for t in changed.tasks if t.responsibilities)
    task.responsibilities[0].role = "support" if task.responsibilities[0].role != "support" else "lead"
    builder = GraphBuilder()
    for ex in (plan_2021(), plan_2020(), network_plan()):
        builder.add_row(ex.to_row())
    builder.add_row(plan_2020().to_row())
    with pytest.raises(GraphError, match="two different documents have the id"):
        builder.add_row(changed.to_row())
    rows = builder._tables.rf.of_document(plan_2020().document.id)
    assert rows and all(d["document"] == plan_2020().document.id for d in rows.values())
    assert builder._tables.rf.of_document("doc:none") == {}
