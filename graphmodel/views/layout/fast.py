"""A force-directed layout for large graphs: near-linear time, the same on every run.

Fruchterman and Reingold's forces with their own trick for size: a node is pushed only by
its nearest nodes within a few ideal distances (found with a k-d tree), so an iteration costs
about O(n log n) instead of the O(n²) of networkx's ``spring_layout``, and a crowded spot,
pushed apart by its close neighbours, spreads until its density is even; each step is numpy
over all nodes and edges at once, never a Python loop over pairs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from graphmodel.views.layout.force import SEED, _bands, _pack, _start

__all__ = ["fast_spring"]

_SPACING = 60.0  # pixels between neighbouring nodes: the renderer hides labels that would collide
_ITERATIONS = 50
_REACH = 2.5  # repulsion reaches this many ideal distances
_NEIGHBOURS = 10  # and at most this many nearest nodes: a crowded spot costs no more than a sparse one


def fast_spring(nodes: Sequence[str], edges: Iterable[tuple[str, str]],
                sides: Mapping[str, int | None] | None = None,
                iterations: int = _ITERATIONS) -> dict[str, tuple[float, float]]:
    """Positions in pixels for ``nodes``: each connected part laid out alone, then packed in rows.

    Parameters
    ----------
    nodes : sequence of str
        The nodes, in a fixed order (the result depends only on it and ``edges``).
    edges : iterable of (str, str)
        Links between nodes; loops and repeats are ignored.
    sides : mapping, optional
        A node's side rank: each part starts with its sides in vertical bands (as
        `graphmodel.views.layout.spring` does), so the sides of a plan settle apart.
    iterations : int
        Force steps per part; the step length cools linearly to zero.

    Returns
    -------
    dict
        Node to (x, y), about ``60`` pixels between neighbours, centred on the origin.

    Examples
    --------
    >>> pos = fast_spring(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and pos == fast_spring(["a", "b", "c"], [("a", "b"), ("b", "c")])
    True
    """
    index = {n: i for i, n in enumerate(nodes)}
    count = len(nodes)
    ends = np.array([(index[u], index[v]) for u, v in edges if u != v and u in index and v in index],
                    dtype=np.int64).reshape(-1, 2)
    # Each link once, as (lower, higher) row, in row order.
    keys = np.unique(ends.min(axis=1) * count + ends.max(axis=1))
    a, b = keys // count, keys % count
    part = _parts(count, a, b)
    # Parts largest first, then by their first node; nodes and links keep row order inside.
    # Sorting the rows and the links by part (stably) puts each part's together.
    rows = np.argsort(part, kind="stable")
    labels, starts, sizes = np.unique(part[rows], return_index=True, return_counts=True)
    local = np.empty(count, dtype=np.int64)
    local[rows] = np.arange(count) - np.repeat(starts, sizes)
    links = np.argsort(part[a], kind="stable")
    link_starts = np.searchsorted(part[a][links], labels)
    link_ends = np.searchsorted(part[a][links], labels, "right")
    laid = []
    for p in sorted(range(len(labels)), key=lambda p: (-int(sizes[p]), int(labels[p]))):
        members = rows[starts[p]:starts[p] + sizes[p]].tolist()
        mine = links[link_starts[p]:link_ends[p]]
        names = [nodes[i] for i in members]
        laid.append(_part(names, np.stack([local[a[mine]], local[b[mine]]], axis=1),
                          _bands(names, sides or {}), iterations))
    return _pack(laid)


def _parts(count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # The connected part of each node, named by its lowest row: labels propagated along the
    # links until none changes (numpy, a few rounds per the parts' depth, pointer jumping).
    label = np.arange(count)
    while True:
        low = np.minimum(label[a], label[b])
        new = label.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]  # jump: a node takes its label's label
        if np.array_equal(new, label):
            return label
        label = new


def _gather(pairs: np.ndarray, force: np.ndarray, n: int) -> np.ndarray:
    # Each pair's force added to its first node and taken from its second (bincount is many
    # times faster than np.add.at).
    out = np.empty((n, 2))
    for axis in (0, 1):
        out[:, axis] = (np.bincount(pairs[:, 0], force[:, axis], minlength=n)
                        - np.bincount(pairs[:, 1], force[:, axis], minlength=n))
    return out


def _part(names: list[str], ends: np.ndarray, bands: Mapping[str, int],
          iterations: int) -> dict[str, tuple[float, float]]:
    from scipy.spatial import cKDTree  # scipy takes half a second to import: only when laying out

    n = len(names)
    if n == 1:
        return {names[0]: (0.0, 0.0)}
    start = _start(names, bands, grid=True)
    pos = np.array([start[name] for name in names], dtype=float)
    # A tiny seeded jitter: nodes starting on one point would never separate.
    pos += np.random.default_rng(SEED).uniform(-1e-3, 1e-3, pos.shape)
    k = math.sqrt(4.0 / n)  # the ideal distance in the [-1, 1]² square
    step = 0.1
    for i in range(iterations):
        move = np.zeros_like(pos)
        found_at, found_ids = cKDTree(pos).query(pos, k=min(_NEIGHBOURS + 1, n), distance_upper_bound=_REACH * k)
        dist, near = np.asarray(found_at), np.asarray(found_ids)  # arrays already: k > 1 (n > 1)
        found = np.isfinite(dist[:, 1:])
        delta = pos[:, None, :] - pos[np.where(found, near[:, 1:], 0)]
        dist2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-9)
        move += (delta * (found * k * k / dist2)[:, :, None]).sum(axis=1)
        if len(ends):
            delta = pos[ends[:, 0]] - pos[ends[:, 1]]
            dist = np.sqrt(np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-18))
            move -= _gather(ends, delta * (dist / k)[:, None], n)
        length = np.sqrt(np.maximum(np.einsum("ij,ij->i", move, move), 1e-18))
        limit = step * (1 - i / iterations) + 1e-4
        pos += move * (np.minimum(length, limit) / length)[:, None]
    extent = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]))) or 1.0
    scale = _SPACING * math.sqrt(n) * 1.2 / extent
    return {name: (float(x) * scale, float(y) * scale) for name, (x, y) in zip(names, pos.tolist(), strict=True)}
