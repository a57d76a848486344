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
    "contrast",
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

# Edge types in legend order: colour, dashes. Every colour stands at least 3:1 against the
# white page (WCAG's non-text contrast); dashes, not paleness, tell the structural ones apart.
EDGE_TYPES: dict[str, dict[str, Any]] = {
    "RESPONSIBLE_FOR": {"color": "#718096", "dashes": False},
    "COUNTERPART": {"color": "#6b46c1", "dashes": False},
    "PAIRED_WITH": {"color": "#c53030", "dashes": False},
    "PART_OF": {"color": "#7b8494", "dashes": [4, 4]},
    "IN": {"color": "#6b7a8f", "dashes": [2, 4]},
    "MENTIONS": {"color": "#a0660a", "dashes": [6, 3]},
}

# Twelve distinct, print-safe hues; the first sides of a corpus get the most distinct ones.
_SIDE_PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#b83280", "#2c7a7b", "#975a16", "#553c9a", "#9b2c2c",
                 "#4c6e1e", "#1a5f8a", "#a34a00", "#6b2e5f")
_NO_SIDE = "#718096"
# Kinds without a side keep one colour each.
_KIND_COLOURS = {"Task": "#4a5568", "Document": "#975a16"}
_FIXED_SIZES = {"Side": 30, "Document": 26, "Task": 9, "District": 16, "Park": 16}


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21); the page is white."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _extra_colour(i: int) -> str:
    # Side 13 and later: hues a golden angle apart at three lightness levels, each darkened
    # until it stands 3:1 against white, so every side keeps a colour of its own.
    import colorsys

    hue = (i * 0.6180339887) % 1.0
    light = (0.30, 0.40, 0.22)[i % 3]
    while True:
        r, g, b = colorsys.hls_to_rgb(hue, light, 0.75)
        colour = "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))
        if contrast(colour) >= 3.2 or light < 0.05:
            return colour
        light -= 0.02


def side_colours(sides: Sequence[str]) -> dict[str, str]:
    """A distinct colour for each side, in the given order: the palette, then generated hues.

    Examples
    --------
    >>> colours = side_colours([f"side {i}" for i in range(40)])
    >>> len(set(colours.values())) == 40 and min(map(contrast, colours.values())) >= 3
    True
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    for i, s in enumerate(sides):
        colour = _SIDE_PALETTE[i] if i < len(_SIDE_PALETTE) else _extra_colour(i)
        k = i
        while colour in used:  # two generated hues that round to one colour
            k += 97
            colour = _extra_colour(k)
        used.add(colour)
        out[s] = colour
    return out


def _mix(colour: str, towards: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _base_colour(kind: str, side: str | None, palette: dict[str, str]) -> str:
    if kind in _KIND_COLOURS:
        return _KIND_COLOURS[kind]
    hue = palette.get(side or "", _NO_SIDE)
    # The kind changes the lightness of the side's hue: sides darkest, placeholders and places
    # lighter, but never below 3:1 against the white page.
    if kind == "Side":
        return _mix(hue, "#000000", 0.25)
    if kind in ("Group", "District", "Park"):
        amount = 0.4
        while amount > 0 and contrast(_mix(hue, "#ffffff", amount)) < 3:
            amount -= 0.05
        return _mix(hue, "#ffffff", max(amount, 0.0))
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
