"""Comparing two plans or corpora: the counterpart pairs and units gained and lost.

Units are matched by id, so a unit keeps its identity across years as long as its canonical
name and side do (aliases resolve renamed offices to one id).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.graph import counterpart_edges, pairing_edges, unit_tasks

__all__ = ["PairChange", "StatedPairing", "Comparison", "compare_graphs"]


@dataclass(frozen=True)
class PairChange:
    """A counterpart pair and its shared tasks before and after (0: not a pair)."""

    a: UnitRef
    b: UnitRef
    before: int
    after: int

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "before": self.before, "after": self.after}


@dataclass(frozen=True)
class StatedPairing:
    """A pairing a plan states outright (``PAIRED_WITH``): two parks, districts or units."""

    kind: str
    a: UnitRef  # id, name and side of the place or unit
    b: UnitRef

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a.to_dict(), "b": self.b.to_dict()}


@dataclass(frozen=True)
class Comparison:
    """What changed from ``before`` to ``after``."""

    pairs_gained: list[PairChange] = field(default_factory=list)
    pairs_lost: list[PairChange] = field(default_factory=list)
    pairs_changed: list[PairChange] = field(default_factory=list)  # kept, with another count
    pairs_kept: int = 0  # pairs in both, changed or not
    units_gained: list[UnitRef] = field(default_factory=list)
    units_lost: list[UnitRef] = field(default_factory=list)
    pairings_gained: list[StatedPairing] = field(default_factory=list)
    pairings_lost: list[StatedPairing] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs_gained": [p.to_dict() for p in self.pairs_gained],
            "pairs_lost": [p.to_dict() for p in self.pairs_lost],
            "pairs_changed": [p.to_dict() for p in self.pairs_changed],
            "pairs_kept": self.pairs_kept,
            "units_gained": [u.to_dict() for u in self.units_gained],
            "units_lost": [u.to_dict() for u in self.units_lost],
            "pairings_gained": [p.to_dict() for p in self.pairings_gained],
            "pairings_lost": [p.to_dict() for p in self.pairings_lost],
        }


def _pairs(graph: nx.MultiDiGraph, docs: set[str] | None
           ) -> dict[frozenset[str], tuple[UnitRef, UnitRef, int]]:
    return {frozenset((a, b)): (unit_ref(graph, a), unit_ref(graph, b), attrs["count"])
            for a, b, attrs in counterpart_edges(graph, docs)}


def _stated(graph: nx.MultiDiGraph, docs: set[str] | None) -> dict[frozenset[str], StatedPairing]:
    return {frozenset((p.a, p.b)): StatedPairing(p.kind or "", unit_ref(graph, p.a), unit_ref(graph, p.b))
            for p in pairing_edges(graph, docs)}


def compare_graphs(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    *,
    before_document: str | Collection[str] | None = None,
    after_document: str | Collection[str] | None = None,
) -> Comparison:
    """Pairs and units gained and lost from one plan (or corpus) to another.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Graphs from `graphmodel.graph.build_graph`; they may be the same graph with two
        different document filters.
    before_document, after_document : str or collection of str, optional
        Restrict each side of the comparison to these document ids.

    Returns
    -------
    Comparison
        Counterpart pairs sorted by shared tasks (most first), then names; units by side then
        name (a unit counts when it has a task in scope); stated pairings (either direction) by
        names. One graph holds one ``PAIRED_WITH`` edge per pairing, with the first document that
        states it, so to compare stated pairings of two plans build a graph of each.
    """
    docs_before, docs_after = scope(before, before_document), scope(after, after_document)
    old, new = _pairs(before, docs_before), _pairs(after, docs_after)
    gained = [PairChange(a, b, 0, n) for key, (a, b, n) in new.items() if key not in old]
    lost = [PairChange(a, b, n, 0) for key, (a, b, n) in old.items() if key not in new]
    changed = [PairChange(a, b, old[key][2], n) for key, (a, b, n) in new.items()
               if key in old and old[key][2] != n]

    def order(p: PairChange) -> tuple[Any, ...]:
        return (-max(p.before, p.after), p.a.name, p.b.name, p.a.id, p.b.id)

    units_old = {u: unit_ref(before, u) for u in unit_tasks(before, docs_before)}
    units_new = {u: unit_ref(after, u) for u in unit_tasks(after, docs_after)}

    def by_side(u: UnitRef) -> tuple[str, str, str]:
        return (u.side or "", u.name, u.id)

    stated_old, stated_new = _stated(before, docs_before), _stated(after, docs_after)

    def by_names(p: StatedPairing) -> tuple[str, str, str, str]:
        return (p.a.name, p.b.name, p.a.id, p.b.id)

    return Comparison(
        pairs_gained=sorted(gained, key=order),
        pairs_lost=sorted(lost, key=order),
        pairs_changed=sorted(changed, key=order),
        pairs_kept=len(old.keys() & new.keys()),
        units_gained=sorted((r for u, r in units_new.items() if u not in units_old), key=by_side),
        units_lost=sorted((r for u, r in units_old.items() if u not in units_new), key=by_side),
        pairings_gained=sorted((p for k, p in stated_new.items() if k not in stated_old), key=by_names),
        pairings_lost=sorted((p for k, p in stated_old.items() if k not in stated_new), key=by_names),
    )
