"""The builder's edge order: sorted by ``(u, v, key)``, through integer ranks or, failing
those, through the keys themselves."""

from __future__ import annotations

import random
from operator import itemgetter
from typing import Any

from graphmodel.graph.construct import _sorted_edges


def _edges(ids: list[str], n: int, seed: int) -> dict[tuple[str, str, str], dict[str, Any]]:
    rng = random.Random(seed)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    while len(edges) < n:
        edges[rng.choice(ids), rng.choice(ids), rng.choice(["IN", "PART_OF", "RESPONSIBLE_FOR"])] = {"i": len(edges)}
    return edges


def test_edges_sort_by_their_keys() -> None:
    # Ids that are prefixes of others, and long shared prefixes: a rank order equal to the ids'.
    ids = sorted({"a", "ab", "a#1", "doc:上海市@1#二、", "doc:上海市@1#二、(一)", "unit:大连市/x", "unit:大连", "b"})
    for seed in range(5):
        edges = _edges(ids, 40, seed)
        assert _sorted_edges(edges, ids) == sorted(edges.items(), key=itemgetter(0))


def test_an_edge_to_no_node_falls_back_to_the_keys_order() -> None:
    ids = ["a", "b", "c"]
    edges = _edges(ids, 8, 1)
    edges["a", "zz", "IN"] = {}  # "zz" is no node
    assert _sorted_edges(edges, ids) == sorted(edges.items(), key=itemgetter(0))
