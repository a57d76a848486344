"""Node positions computed in Python with a fixed seed, so a page opens still and the same each time.

Positions are in vis-network's pixel coordinates (y grows downwards).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
from wcwidth import wcswidth

__all__ = ["SEED", "spring", "columns", "rings", "label_box", "separate"]

SEED = 20200511
_SPACING = 110.0  # pixels between neighbouring nodes, enough for a short Chinese label


_KAMADA_KAWAI_MAX = 500  # nodes; above this Kamada-Kawai takes more than a few seconds


def spring(nodes: Sequence[str], edges: Iterable[tuple[str, str]],
           groups: Mapping[str, int] | None = None) -> dict[str, tuple[float, float]]:
    """A force-directed layout, the same on every run, scaled to the node count.

    A connected graph of up to 500 nodes gets networkx's Kamada-Kawai layout (even spacing,
    few stragglers); larger or disconnected graphs get ``spring_layout`` with a fixed seed.
    ``groups`` maps a node to a column index; the layout starts with each group in its own
    vertical band, so the sides of a plan settle apart (left and right) rather than interleaved.
    """
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((u, v) for u, v in edges if u != v)
    start = None
    if groups:
        count = max(groups.values(), default=0) + 1
        bands: dict[int, list[str]] = defaultdict(list)
        for n in nodes:
            bands[groups.get(n, count // 2)].append(n)
        # Deterministic, distinct starts: the group picks the band, the rank in it the height.
        start = {n: (band - (count - 1) / 2, 2 * i / max(len(members) - 1, 1) - 1)
                 for band, members in bands.items() for i, n in enumerate(members)}
    if len(nodes) <= _KAMADA_KAWAI_MAX and nx.is_connected(g):
        pos = nx.kamada_kawai_layout(g, pos=start)
    else:
        pos = nx.spring_layout(g, pos=start, k=1.6 / math.sqrt(len(nodes)), iterations=200, seed=SEED)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # About _SPACING pixels per node along each axis of a square drawing.
    scale = _SPACING * math.sqrt(len(nodes)) * 0.8 / extent
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def _barycentre_order(left: list[str], right: list[str], neighbours: Mapping[str, set[str]],
                      block: Mapping[str, int], sweeps: int = 6) -> tuple[list[str], list[str]]:
    # Crossing reduction: within its block, a column is sorted by the mean position of each
    # node's neighbours in the other column (ties keep the previous order).
    def sort(column: list[str], other: list[str]) -> list[str]:
        index = {n: i for i, n in enumerate(other)}
        own = {n: i for i, n in enumerate(column)}

        def key(n: str) -> tuple[int, float, int]:
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
            block: Mapping[str, int] | None = None, row: float = 44.0, width: float = 190.0,
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


def rings(centre: str, shells: Sequence[Sequence[str]],
          spacing: float = _SPACING) -> dict[str, tuple[float, float]]:
    """``centre`` in the middle and each shell on a circle around it, clockwise from the top.

    Each circle is made large enough that its nodes sit ``spacing`` pixels apart, and at
    least ``1.6 * spacing`` outside the previous one. Shells after the first start half a
    step later, so that a node never hides straight behind one of the shell inside it.
    """
    out = {centre: (0.0, 0.0)}
    radius = 0.0
    for k, shell in enumerate(list(s) for s in shells if s):
        radius = max(radius + spacing * 1.6, spacing * len(shell) / (2 * math.pi))
        for i, n in enumerate(shell):
            angle = -math.pi / 2 + 2 * math.pi * (i + (0.5 if k else 0.0)) / len(shell)
            out[n] = (radius * math.cos(angle), radius * math.sin(angle))
    return out


def label_box(label: str, size: float, font: float = 14.0) -> tuple[float, float, float]:
    """Width, height and downward centre offset (pixels) of a node of radius ``size`` and its label.

    vis-network draws a dot's label under it, so the box reaches from the top of the dot to
    the bottom of the label and its centre sits below the node's.
    """
    columns = wcswidth(label)
    text = (columns if columns >= 0 else len(label)) * font * 0.55  # a CJK character is two columns
    height = 2 * size + font + 10
    return (max(2 * size, text) + 12, height, height / 2 - size)


def separate(positions: Mapping[str, tuple[float, float]],
             boxes: Mapping[str, tuple[float, float, float]],
             passes: int = 30, expansions: int = 15) -> dict[str, tuple[float, float]]:
    """Positions moved apart until no two nodes' boxes (from `label_box`) overlap.

    Each overlapping pair is pushed apart along the axis where they overlap least, half each,
    to 2 pixels of clearance (so rounding to whole pixels cannot make them touch again);
    pairs are found through a grid of cells as large as the largest box, so a pass costs about
    linear time. When ``passes`` passes leave overlaps (a crowded core), the whole drawing is
    stretched by 10 % and the passes repeat, at most ``expansions`` times. The result depends
    only on the input (cells and pairs go in sorted order).
    """
    names = sorted(positions)
    x = [float(positions[n][0]) for n in names]
    y = [float(positions[n][1]) + boxes[n][2] for n in names]
    w = [boxes[n][0] for n in names]
    h = [boxes[n][1] for n in names]
    cell = max([*w, *h, 1.0])
    for _ in range(expansions + 1):
        if _push_apart(x, y, w, h, cell, passes):
            break
        x = [v * 1.1 for v in x]
        y = [v * 1.1 for v in y]
    return {n: (x[i], y[i] - boxes[n][2]) for i, n in enumerate(names)}


def _push_apart(x: list[float], y: list[float], w: list[float], h: list[float], cell: float,
                passes: int) -> bool:
    # Moves x and y in place; True once a pass finds no overlap.
    for _ in range(passes):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(len(x)):
            grid[(math.floor(x[i] / cell), math.floor(y[i] / cell))].append(i)
        moved = False
        for (cx, cy), members in sorted(grid.items()):
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((cx + dx, cy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i:
                        continue
                    ox = (w[i] + w[j]) / 2 - abs(x[i] - x[j])
                    oy = (h[i] + h[j]) / 2 - abs(y[i] - y[j])
                    if ox <= 0 or oy <= 0:
                        continue
                    moved = True
                    if ox < oy:
                        sign = 1.0 if x[i] < x[j] or (x[i] == x[j] and i < j) else -1.0
                        x[i] -= sign * (ox / 2 + 1.0)
                        x[j] += sign * (ox / 2 + 1.0)
                    else:
                        sign = 1.0 if y[i] < y[j] or (y[i] == y[j] and i < j) else -1.0
                        y[i] -= sign * (oy / 2 + 1.0)
                        y[j] += sign * (oy / 2 + 1.0)
        if not moved:
            return True
    return False
