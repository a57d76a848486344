"""How the views look: colours by node kind and side, sizes by workload, widths by shared tasks.

Everything here is a pure function of its arguments, so a page is the same on every run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = [
    "KINDS",
    "EDGE_TYPES",
    "side_colours",
    "node_style",
    "edge_style",
    "node_size",
    "edge_width",
    "legend",
]

# Node kinds in legend order, with the vis-network shape that marks each.
KINDS: dict[str, str] = {
    "Unit": "dot",
    "Group": "diamond",
    "Side": "hexagon",
    "District": "triangle",
    "Park": "triangleDown",
    "Task": "square",
    "Document": "star",
}

# Edge types in legend order: colour, dashes.
EDGE_TYPES: dict[str, dict[str, Any]] = {
    "RESPONSIBLE_FOR": {"color": "#718096", "dashes": False},
    "COUNTERPART": {"color": "#6b46c1", "dashes": False},
    "PAIRED_WITH": {"color": "#e53e3e", "dashes": False},
    "PART_OF": {"color": "#cbd5e0", "dashes": [4, 4]},
    "IN": {"color": "#a0aec0", "dashes": [2, 4]},
    "MENTIONS": {"color": "#d69e2e", "dashes": [6, 3]},
}

# Twelve distinct, print-safe hues; the first sides of a corpus get the most distinct ones.
_SIDE_PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#b83280", "#2c7a7b", "#975a16", "#553c9a", "#9b2c2c",
                 "#4c6e1e", "#1a5f8a", "#a34a00", "#6b2e5f")
_NO_SIDE = "#a0aec0"
# Kinds without a side keep one colour each.
_KIND_COLOURS = {"Task": "#4a5568", "Document": "#d69e2e"}
_FIXED_SIZES = {"Side": 30, "Document": 26, "Task": 9, "District": 16, "Park": 16}


def side_colours(sides: Sequence[str]) -> dict[str, str]:
    """A colour for each side, in the given order (the palette repeats after twelve sides)."""
    return {s: _SIDE_PALETTE[i % len(_SIDE_PALETTE)] for i, s in enumerate(sides)}


def _mix(colour: str, towards: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _base_colour(kind: str, side: str | None, palette: dict[str, str]) -> str:
    if kind in _KIND_COLOURS:
        return _KIND_COLOURS[kind]
    hue = palette.get(side or "", _NO_SIDE)
    # The kind changes the lightness of the side's hue: sides darkest, placeholders and places light.
    if kind == "Side":
        return _mix(hue, "#000000", 0.25)
    if kind in ("Group", "District", "Park"):
        return _mix(hue, "#ffffff", 0.45)
    return hue


def node_size(kind: str, workload: int) -> float:
    """Units and groups grow with the square root of their number of tasks; other kinds are fixed."""
    if kind in ("Unit", "Group"):
        return round(10 + 4 * math.sqrt(max(workload, 0)), 2)
    return _FIXED_SIZES.get(kind, 12)


def edge_width(edge_type: str, shared: int = 1, role: str | None = None) -> float:
    """Counterpart and pairing edges widen with the square root of their shared tasks."""
    if edge_type == "COUNTERPART":
        return round(1 + 1.5 * math.sqrt(max(shared, 1)), 2)
    if edge_type == "RESPONSIBLE_FOR":
        return 2.0 if role == "lead" else 1.0
    if edge_type == "PAIRED_WITH":
        return 3.0
    return 1.0


def node_style(kind: str, side: str | None, palette: dict[str, str]) -> dict[str, Any]:
    """vis-network shape, colour and font for a node."""
    base = _base_colour(kind, side, palette)
    border = _mix(base, "#000000", 0.3)
    return {
        "shape": KINDS.get(kind, "dot"),
        "color": {
            "background": base,
            "border": border,
            "highlight": {"background": _mix(base, "#ffffff", 0.3), "border": "#1a202c"},
            "hover": {"background": _mix(base, "#ffffff", 0.2), "border": "#1a202c"},
        },
    }


def edge_style(edge_type: str) -> dict[str, Any]:
    """vis-network colour, dashes and arrows for an edge type."""
    spec = EDGE_TYPES.get(edge_type, {"color": "#a0aec0", "dashes": False})
    directed = edge_type in ("RESPONSIBLE_FOR", "PART_OF", "IN", "MENTIONS")
    return {
        # Counterpart links are many and wide: lighter, so labels under them stay legible.
        "color": {"color": spec["color"], "highlight": "#1a202c", "hover": "#2d3748",
                  "opacity": 0.45 if edge_type == "COUNTERPART" else 0.8},
        "dashes": spec["dashes"],
        "arrows": {"to": {"enabled": directed, "scaleFactor": 0.4}},
    }


def legend(kinds: Sequence[str], sides: Sequence[str], edge_types: Sequence[str],
           palette: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The entries of the page's legend for what a view actually shows."""
    return {
        "kinds": [
            {"kind": k, "shape": KINDS.get(k, "dot"),
             "color": _KIND_COLOURS.get(k, _mix(_NO_SIDE, "#000000", 0.2))}
            for k in KINDS if k in kinds
        ],
        "sides": [{"side": s, "color": palette.get(s, _NO_SIDE)} for s in sides],
        "edges": [{"type": t, **EDGE_TYPES[t]} for t in EDGE_TYPES if t in edge_types],
    }
