"""Concentric rings around one node: the focus view's layout."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["rings"]

SPACING = 110.0  # pixels between neighbouring nodes, enough for a short Chinese label


def rings(centre: str, shells: Sequence[Sequence[str]],
          spacing: float = SPACING) -> dict[str, tuple[float, float]]:
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
