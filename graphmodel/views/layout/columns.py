"""Two facing groups of columns: the counterparts view's layout."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["columns"]


def _barycentre_order(left: list[str], right: list[str], neighbours: Mapping[str, set[str]],
                      block: Mapping[str, float], sweeps: int = 6) -> tuple[list[str], list[str]]:
    # Crossing reduction: within its block, a column is sorted by the mean position of each
    # node's neighbours in the other column (ties keep the previous order).
    def sort(column: list[str], other: list[str]) -> list[str]:
        index = {n: i for i, n in enumerate(other)}
        own = {n: i for i, n in enumerate(column)}

        def key(n: str) -> tuple[float, float, int]:
            ranks = [index[m] for m in neighbours.get(n, ()) if m in index]
            return (block.get(n, 0), sum(ranks) / len(ranks) if ranks else own[n], own[n])

        return sorted(column, key=key)

    for _ in range(sweeps):
        right = sort(right, left)
        left = sort(left, right)
    return left, right


def _fits(count: int, row: float, width: float, gap: float) -> int:
    # The number of sub-columns per side that makes the drawing closest to square.
    def extent(k: int) -> float:
        return max(math.ceil(count / k) * row, gap + 2 * k * width)

    return min(range(1, 7), key=lambda k: (extent(k), k))


def columns(left: Sequence[str], right: Sequence[str], edges: Iterable[tuple[str, str]],
            block: Mapping[str, float] | None = None, row: float = 44.0, width: float = 190.0,
            gap: float = 480.0) -> dict[str, tuple[float, float]]:
    """Two facing groups of columns (left and right), ordered to reduce crossing edges.

    Nodes are ordered by the barycentre of their neighbours on the other side, then laid out
    row by row over as many sub-columns as keep the drawing roughly square, the first
    sub-column nearest the middle; so the order still runs top to bottom. ``block`` (e.g. a
    side's rank) keeps nodes of one block together, blocks in rank order with an empty row
    between them. Rows are ``row`` pixels apart, sub-columns ``width``, the two sides ``gap``.
    """
    block = block or {}
    neighbours: dict[str, set[str]] = {}
    for u, v in edges:
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)
    lo, ro = _barycentre_order(list(left), list(right), neighbours, block)
    per_side = _fits(max(len(lo), len(ro), 1), row, width, gap)
    out: dict[str, tuple[float, float]] = {}
    for column, sign in ((lo, -1.0), (ro, 1.0)):
        rows: list[list[str]] = []
        for i, n in enumerate(column):
            new_block = i > 0 and block.get(n, 0) != block.get(column[i - 1], 0)
            if new_block:
                rows.append([])
            if new_block or not rows or len(rows[-1]) == per_side:
                rows.append([])
            rows[-1].append(n)
        top = -(len(rows) - 1) * row / 2
        for r, members in enumerate(rows):
            for c, n in enumerate(members):
                out[n] = (sign * (gap / 2 + c * width), top + r * row)
    return out
