"""Labels that never cover each other: the box a node and its label take, and moving boxes apart."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

from wcwidth import wcswidth

__all__ = ["wrap_label", "label_box", "separate"]

_LINE = 28  # display columns (fourteen Chinese characters) a label line holds before it wraps


def _columns(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def wrap_label(text: str, columns: int = _LINE) -> str:
    """``text`` broken into lines of about equal width, none wider than ``columns`` display columns.

    Chinese has no spaces to break at, so a line may end anywhere; a short label is unchanged.
    """
    if "\n" in text or _columns(text) <= columns:
        return text
    count = math.ceil(_columns(text) / columns)
    target = _columns(text) / count
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and _columns(line + ch) > target + 1 and len(lines) < count - 1:
            lines.append(line)
            line = ""
        line += ch
    return "\n".join([*lines, line])


def label_box(label: str, size: float, font: float = 14.0) -> tuple[float, float, float]:
    """Width, height and downward centre offset (pixels) of a node of radius ``size`` and its label.

    vis-network draws a dot's label under it, so the box reaches from the top of the dot to
    the bottom of the label's last line, and its centre sits below the node's.
    """
    lines = label.split("\n")
    text = max(_columns(line) for line in lines) * font * 0.55  # a Chinese character is two columns
    height = 2 * size + len(lines) * (font + 2) + 8
    return (max(2 * size, text) + 12, height, height / 2 - size)


def separate(positions: Mapping[str, tuple[float, float]],
             boxes: Mapping[str, tuple[float, float, float]],
             passes: int = 30, expansions: int = 15,
             fill: float | None = None) -> dict[str, tuple[float, float]]:
    """Positions moved apart until no two nodes' boxes (from `label_box`) overlap.

    With ``fill``, a drawing whose boxes would cover more than that share of its area is
    first stretched to it (a force layout's crowded core would otherwise take many rounds of
    pushing). Then each overlapping pair is pushed apart along the axis where they overlap
    least, half each, keeping 2 pixels between boxes (so that rounding to whole pixels cannot
    make them touch); pairs are found through a grid of cells as large as the largest box, so
    a pass costs about linear time. When ``passes`` passes leave overlaps (a crowded core),
    the drawing is stretched by 10 % and the passes repeat, at most ``expansions`` times. The
    result depends only on the input (cells and pairs go in sorted order).
    """
    names = sorted(positions)
    x = [float(positions[n][0]) for n in names]
    y = [float(positions[n][1]) + boxes[n][2] for n in names]
    # Boxes 2 pixels larger than asked: rounding to whole pixels later moves two nodes at
    # most 1 pixel closer on each axis, so they still cannot touch.
    w = [boxes[n][0] + 2 for n in names]
    h = [boxes[n][1] + 2 for n in names]
    if fill and len(names) > 1:
        area = (max(x) - min(x) + max(w)) * (max(y) - min(y) + max(h))
        stretch = math.sqrt(sum(a * b for a, b in zip(w, h, strict=True)) / (fill * area))
        if stretch > 1:
            x = [v * stretch for v in x]
            y = [v * stretch for v in y]
    cell = max([*w, *h, 1.0])
    for _ in range(expansions):
        if _push_apart(x, y, w, h, cell, passes):
            break
        x = [v * 1.1 for v in x]
        y = [v * 1.1 for v in y]
    else:
        _push_apart(x, y, w, h, cell, passes)
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
