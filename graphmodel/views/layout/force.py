"""A force-directed layout of the whole network, each connected part laid out on its own."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

__all__ = ["SEED", "spring"]

SEED = 20200511
_SPACING = 110.0  # pixels per node along each axis of a square drawing
_GAP = 160.0  # pixels between the boxes of two parts
_KAMADA_KAWAI_MAX = 300  # nodes; Kamada-Kawai takes about 1 s at 200 nodes, 8 s at 500
_SPRING_ITERATIONS = 60  # networkx's force method costs about 70 ms per iteration at 850 nodes

Box = tuple[float, float, float, float]  # min x, min y, max x, max y


def spring(nodes: Sequence[str], edges: Iterable[tuple[str, str]],
           sides: Mapping[str, int | None] | None = None) -> dict[str, tuple[float, float]]:
    """Force-directed positions, scaled to the node count, the same on every run.

    Each connected part (a corpus of several city pairs has one per pair) is laid out on its
    own, with networkx's Kamada-Kawai layout up to 300 nodes (even spacing, few stragglers)
    and ``spring_layout`` with a fixed seed above; the parts are then packed in rows, largest
    first. ``sides`` maps a node to the rank of its side (None for none): a part starts with
    each side in its own vertical band, the first half of its sides left, nodes without a side
    in the middle, the rest right; so the sides of a plan settle apart rather than mixed.
    """
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((u, v) for u, v in edges if u != v)
    order = {n: i for i, n in enumerate(nodes)}
    parts = sorted(([n for n in nodes if n in part] for part in nx.connected_components(g)),
                   key=lambda part: (-len(part), order[part[0]]))
    return _pack([_part(g.subgraph(part), part, _bands(part, sides or {})) for part in parts])


def _bands(part: Sequence[str], sides: Mapping[str, int | None]) -> dict[str, int]:
    # The band of each node of a part: its sides in rank order, with a band for the nodes
    # without a side in the middle.
    ranks = sorted({r for r in (sides.get(n) for n in part) if r is not None})
    half = math.ceil(len(ranks) / 2)
    band = {r: i for i, r in enumerate(ranks[:half])} | {r: half + 1 + i for i, r in enumerate(ranks[half:])}
    out = {}
    for n in part:
        r = sides.get(n)
        out[n] = half if r is None else band[r]
    return out


def _start(part: Sequence[str], band_of: Mapping[str, int], grid: bool) -> dict[str, tuple[float, float]]:
    # Distinct starting points in the square [-1, 1]²: each band is a vertical strip, and its
    # nodes stand in a line down its middle (Kamada-Kawai unfolds that best), or fill it as a
    # grid of about square cells (the spring layout's few iterations need that).
    count = max(band_of.values(), default=0) + 1
    bands: dict[int, list[str]] = defaultdict(list)
    for n in part:
        bands[band_of[n]].append(n)
    out = {}
    for band, members in bands.items():
        columns = max(1, round(math.sqrt(len(members) / count))) if grid else 1
        rows = math.ceil(len(members) / columns)
        for i, n in enumerate(members):
            row, column = divmod(i, columns)
            out[n] = (-1 + (2 * band + (2 * column + 1) / columns) / count, 2 * (row + 0.5) / rows - 1)
    return out


def _part(g: nx.Graph[str], part: Sequence[str], bands: Mapping[str, int]) -> dict[str, tuple[float, float]]:
    if len(part) == 1:
        return {part[0]: (0.0, 0.0)}
    if len(part) <= _KAMADA_KAWAI_MAX:
        pos = nx.kamada_kawai_layout(g, pos=_start(part, bands, grid=False))
    else:
        # method="force": the energy method (networkx's choice at this size) is ten times slower.
        pos = nx.spring_layout(g, pos=_start(part, bands, grid=True), k=1.6 / math.sqrt(len(part)),
                               iterations=_SPRING_ITERATIONS,
                               seed=SEED, method="force")
    xs = [float(pos[n][0]) for n in part]
    ys = [float(pos[n][1]) for n in part]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = _SPACING * math.sqrt(len(part)) * 0.8 / extent
    return {n: (x * scale, y * scale) for n, x, y in zip(part, xs, ys, strict=True)}


def _box(pos: Mapping[str, tuple[float, float]]) -> Box:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def _pack(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    # Shelf packing: parts left to right in rows no wider than about the square root of the
    # total area (or the widest part), then the whole centred on the origin.
    if not parts:
        return {}
    boxes = [_box(p) for p in parts]
    sizes = [(b[2] - b[0] + _GAP, b[3] - b[1] + _GAP) for b in boxes]
    width = max(math.sqrt(sum(w * h for w, h in sizes)) * 1.2, max(w for w, _ in sizes))
    out: dict[str, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for pos, box, (w, h) in zip(parts, boxes, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        out.update({n: (px - box[0] + x, py - box[1] + y) for n, (px, py) in pos.items()})
        x, shelf = x + w, max(shelf, h)
    cx, cy = ((a + b) / 2 for a, b in zip(_box(out)[:2], _box(out)[2:], strict=True))
    return {n: (px - cx, py - cy) for n, (px, py) in out.items()}
