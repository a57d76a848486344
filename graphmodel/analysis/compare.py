"""Comparing two plans or corpora: the counterpart pairs and units gained and lost.

Units are matched by id, so a unit keeps its identity across years as long as its canonical
name and side do (aliases resolve renamed offices to one id).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from typing import Any

import networkx as nx

from graphmodel.analysis._scope import UnitRef, scope, unit_ref
from graphmodel.docstrings import document_functions
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

    pairs_gained: list[PairChange]
    pairs_lost: list[PairChange]
    pairs_changed: list[PairChange]  # kept, with another count
    pairs_kept: int  # pairs in both, changed or not
    units_gained: list[UnitRef]
    units_lost: list[UnitRef]
    pairings_gained: list[StatedPairing]
    pairings_lost: list[StatedPairing]

    def to_dict(self) -> dict[str, Any]:
        """Every field by name, its records as their own ``to_dict()``."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = [r.to_dict() for r in value] if isinstance(value, list) else value
        return out


def _pairs(graph: nx.MultiDiGraph[str], docs: set[str] | None
           ) -> dict[frozenset[str], tuple[UnitRef, UnitRef, int]]:
    return {frozenset((a, b)): (unit_ref(graph, a), unit_ref(graph, b), attrs["count"])
            for a, b, attrs in counterpart_edges(graph, docs)}


def _stated(graph: nx.MultiDiGraph[str], docs: set[str] | None) -> dict[frozenset[str], StatedPairing]:
    return {frozenset((p.a, p.b)): StatedPairing(p.kind or "", unit_ref(graph, p.a), unit_ref(graph, p.b))
            for p in pairing_edges(graph, docs)}


def compare_graphs(
    before: nx.MultiDiGraph[str],
    after: nx.MultiDiGraph[str],
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

    Raises
    ------
    GraphError
        When a graph is not a graphmodel graph, or a document filter names a document that
        graph does not hold.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> from graphmodel.graph import build_graph
    >>> plan = "上海市与大连市对口合作计划\\n一、共建园区。（责任单位：上海市发改委；大连市发改委）"
    >>> more = "\\n二、科技合作。（责任单位：上海市科委；大连市科技局）"
    >>> change = compare_graphs(build_graph([extract("2020年" + plan)]),
    ...                         build_graph([extract("2021年" + plan + more)]))
    >>> [(p.a.name, p.b.name, p.before, p.after) for p in change.pairs_gained]
    [('上海市科委', '大连市科技局', 0, 1)]
    >>> change.pairs_kept, change.pairs_lost, [u.name for u in change.units_gained]
    (1, [], ['上海市科委', '大连市科技局'])
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


document_functions(globals())
