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
