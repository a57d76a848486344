"""assemble: the graph add_node/add_edge would give, in the same order; bad input refused."""

from __future__ import annotations

import networkx as nx
import pytest

from graphmodel.errors import GraphError
from graphmodel.graph.assemble import assemble


def test_the_same_graph_as_adding_one_by_one() -> None:
    nodes = [("b", {"kind": "Unit"}), ("a", {}), ("c", {"x": 1})]
    edges = [("a", "b", "IN", {}), ("b", "c", "R", {"r": 1}), ("a", "b", "P", {"p": 2}), ("c", "c", "L", {})]
    expected = nx.MultiDiGraph(schema="s")
    for n, d in nodes:
        expected.add_node(n, **d)
    for u, v, k, d in edges:
        expected.add_edge(u, v, key=k, **d)
    got = assemble({"schema": "s"}, nodes, edges)
    assert got.graph == {"schema": "s"}
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(got.predecessors("c")) == list(expected.predecessors("c"))
    got.add_edge("c", "a", key="NEW")  # an ordinary graph afterwards
    assert got.has_edge("c", "a", "NEW")


@pytest.mark.parametrize(("nodes", "edges", "message"), [
    ([("a", {}), ("a", {})], [], "listed twice"),
    ([("a", {})], [("a", "z", "IN", {})], "names a node"),
    ([("a", {})], [("z", "a", "IN", {})], "names a node"),
    ([("a", {}), ("b", {})], [("a", "b", "IN", {}), ("a", "b", "IN", {})], "listed twice"),
])
def test_bad_input_is_a_graph_error(nodes: list, edges: list, message: str) -> None:
    with pytest.raises(GraphError, match=message):
        assemble({}, nodes, edges)


def test_edges_in_graph_order_are_the_order_assemble_gives() -> None:
    # GraphBuilder.in_graph_order places each COUNTERPART where assemble puts it: after its pair's
    # other keys, or after its source's other targets (a new target before an existing pair's
    # COUNTERPART only when the pair comes later in the source's targets).
    import random
    from operator import itemgetter

    from graphmodel.graph.assemble import assemble
    from graphmodel.graph.construct import _in_graph_order

    rng = random.Random(7)
    nodes = [f"n{i}" for i in range(12)]
    for _ in range(200):
        table = {(rng.choice(nodes), rng.choice(nodes), rng.choice(["IN", "PAIRED_WITH", "RESPONSIBLE_FOR"])): {}
                 for _ in range(rng.randrange(0, 30))}
        pairs = sorted({(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randrange(0, 12))})
        counterparts = [(a, b, {"count": i}) for i, (a, b) in enumerate(pairs)]
        ordered = sorted(table.items(), key=itemgetter(0))
        expected = assemble({}, ((n, {}) for n in sorted(nodes)),
                            [*ordered, *(((a, b, "COUNTERPART"), d) for a, b, d in counterparts)], keyed=True)
        got = [(*k, d) for k, d in _in_graph_order(list(ordered), counterparts)]
        assert got == list(expected.edges(keys=True, data=True))


@pytest.mark.parametrize("numpy_from", [0, 10**9])  # in numpy (a large corpus's) and in Python
def test_edges_in_graph_columns_are_the_order_assemble_gives(numpy_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # GraphBuilder.in_graph_columns: the same order as in_graph_order, each edge's ends given by
    # their places among the nodes; None (tables untouched) for an edge to no node.
    import random

    from graphmodel.graph import construct

    monkeypatch.setattr(construct, "_NUMPY_FROM", numpy_from)
    from operator import itemgetter

    from graphmodel.graph.assemble import assemble
    from graphmodel.graph.construct import _Tables

    rng = random.Random(11)
    names = [f"n{i}" for i in range(12)]
    for _ in range(200):
        table = {(rng.choice(names), rng.choice(names), rng.choice(["IN", "PAIRED_WITH", "RESPONSIBLE_FOR"])): {"i": i}
                 for i in range(rng.randrange(0, 30))}
        pairs = sorted({(rng.choice(names), rng.choice(names)) for _ in range(rng.randrange(0, 12))})
        counterparts = [(a, b, {"count": i}) for i, (a, b) in enumerate(pairs)]
        tables = _Tables()
        tables.nodes = {n: {"kind": "Unit"} for n in rng.sample(names, len(names))}
        tables.edges = dict(table)
        tables.counterparts = lambda c=counterparts: c  # type: ignore[method-assign]
        expected = assemble({}, ((n, {}) for n in sorted(names)),
                            [*sorted(table.items(), key=itemgetter(0)),
                             *(((a, b, "COUNTERPART"), d) for a, b, d in counterparts)], keyed=True)
        got = tables.in_graph_columns()
        assert got is not None
        (nodes, sources, targets, keys, datas), _ = got
        assert list(nodes) == sorted(names)
        ids = list(nodes)
        assert [(ids[u], ids[v], k, d) for u, v, k, d in zip(sources, targets, keys, datas, strict=True)] == list(
            expected.edges(keys=True, data=True))
        assert tables.edges == {}  # spent
    tables = _Tables()
    tables.nodes = {"a": {"kind": "Unit"}}
    tables.edges = {("a", "zz", "IN"): {}}
    assert tables.in_graph_columns() is None
    assert tables.edges == {("a", "zz", "IN"): {}}
    # An edge to a node that is no node but has a type's name; in numpy (ends and types are
    # numbered by one dict) a node with an edge type's name too: the same, the tables untouched.
    unit = {"kind": "Unit"}
    cases = [({"a": unit}, ("a", "IN", "IN"))] + ([({"a": unit, "IN": unit}, ("a", "IN", "IN"))] if not numpy_from else [])
    for nodes, edge in cases:
        tables = _Tables()
        tables.nodes = dict(nodes)
        tables.edges = {edge: {}}
        assert tables.in_graph_columns() is None
        assert tables.edges == {edge: {}}
