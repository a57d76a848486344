"""The co-responsibility network: units linked by the tasks they share, on any side.

Degree and betweenness are computed on the unweighted network (a shared task links two
units; how many they share does not shorten a path). Louvain communities use the number of
shared tasks as weight and a fixed seed, so they are the same on every run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.docstrings import document_functions
from graphmodel.graph import node_side, task_order, unit_label, unit_tasks

__all__ = [
    "DEFAULT_SEED",
    "UnitCentrality",
    "co_responsibility_graph",
    "communities",
    "network_metrics",
    "bridging_units",
]

DEFAULT_SEED = 42


@dataclass(frozen=True)
class UnitCentrality:
    """A unit's place in the co-responsibility network."""

    unit: UnitRef
    degree: int  # units it shares at least one task with
    betweenness: float  # normalised, unweighted
    community: int  # index into `communities`, largest community first
    bridges: int  # other communities its neighbours belong to

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit.to_dict(), "degree": self.degree, "betweenness": self.betweenness,
                "community": self.community, "bridges": self.bridges}


def co_responsibility_graph(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None
                            ) -> nx.Graph[str]:
    """Units linked by shared tasks.

    Returns
    -------
    networkx.Graph
        One node per unit with a task in scope (attributes ``name``, ``side``), sorted by id;
        an edge between two units that share tasks, with ``weight`` (how many) and ``tasks``
        (their ids in document order). Group placeholders are left out.

    Examples
    --------
    >>> net = co_responsibility_graph(G)
    >>> net.number_of_nodes(), net.number_of_edges()
    (5, 4)
    >>> net.degree("unit:上海市/上海市科委"), net.nodes["unit:上海市/上海市科委"]["name"]
    (3, '上海市科委')
    """
    docs = scope(graph, document)
    tasks_of = unit_tasks(graph, docs)
    net: nx.Graph[str] = nx.Graph()
    by_task: dict[str, list[str]] = defaultdict(list)
    for unit in sorted(tasks_of):
        net.add_node(unit, name=unit_label(graph, unit), side=node_side(graph, unit))
        for task in tasks_of[unit]:
            by_task[task].append(unit)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, units in by_task.items():
        for a, b in combinations(units, 2):
            shared[a, b].append(task)
    for (a, b) in sorted(shared):
        tasks = sorted(shared[a, b], key=lambda t: task_order(graph, t))
        net.add_edge(a, b, weight=len(tasks), tasks=tasks)
    return net


def communities(net: nx.Graph[str], seed: int = DEFAULT_SEED) -> list[frozenset[str]]:
    """Louvain communities of a co-responsibility network.

    Parameters
    ----------
    net : networkx.Graph
        A network from `co_responsibility_graph` (edge ``weight``: shared tasks).

    Returns
    -------
    list of frozenset of str
        The units of each community, largest first (ties: the smallest id first).

    Examples
    --------
    >>> import networkx as nx
    >>> net = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> [sorted(c) for c in communities(net)]
    [['a', 'b', 'c'], ['x', 'y']]
    """
    found = nx.community.louvain_communities(net, weight="weight", seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def network_metrics(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None,
                    seed: int = DEFAULT_SEED) -> list[UnitCentrality]:
    """Degree, betweenness, community and bridging of every unit in scope.

    Returns
    -------
    list of UnitCentrality
        Highest betweenness first, then highest degree, then by name.

    Examples
    --------
    >>> for r in network_metrics(G)[:3]:
    ...     print(r.unit.name, r.degree, round(r.betweenness, 3), r.community, r.bridges)
    上海市科委 3 0.333 1 1
    上海市发展改革委 2 0.0 0 1
    大连市发展改革委 2 0.0 0 1
    """
    net = co_responsibility_graph(graph, document=document)
    if net.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(net, normalized=True)
    member = {n: i for i, c in enumerate(communities(net, seed)) for n in c}
    rows = []
    for n in net.nodes:
        others = {member[m] for m in net.neighbors(n)} - {member[n]}
        rows.append(UnitCentrality(unit_ref(graph, n), net.degree(n), betweenness[n], member[n], len(others)))
    rows.sort(key=lambda r: (-r.betweenness, -r.degree, r.unit.name, r.unit.id))
    return rows


def bridging_units(graph: nx.MultiDiGraph[str], *, document: str | Collection[str] | None = None,
                   seed: int = DEFAULT_SEED) -> list[UnitCentrality]:
    """The units with a neighbour in another community.

    Returns
    -------
    list of UnitCentrality
        Those of `network_metrics` with ``bridges`` above 0: most communities reached first,
        then highest betweenness, then by name.

    Examples
    --------
    >>> [(r.unit.name, r.bridges) for r in bridging_units(G)]
    [('上海市科委', 1), ('上海市发展改革委', 1), ('大连市发展改革委', 1)]
    """
    rows = [r for r in network_metrics(graph, document=document, seed=seed) if r.bridges]
    rows.sort(key=lambda r: (-r.bridges, -r.betweenness, r.unit.name, r.unit.id))
    return rows


document_functions(globals(), raises={"scope": ("co_responsibility_graph", "network_metrics", "bridging_units")})
