"""Notes that hold beyond one annotation: where "the first unit listed leads" applies.

(排名第一的为牵头单位) makes the first unit of a list its lead: in its own item's subtree, from
there to the end with 下同, and from there on when a paragraph of the notice says it once
(…排名第一的为牵头处室。).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphmodel.extract.grammar import Grammar
from graphmodel.extract.outline import Item
from graphmodel.model import Span

__all__ = ["lead_scopes", "in_scopes"]

_CHUNK = re.compile(r"[^。\n()]{1,60}")
_BRACKET = re.compile(r"\(([^()]{0,40})\)")


def lead_scopes(norm: str, items: list[Item], grammar: Grammar, inside: Callable[[int], bool]) -> list[Span]:
    """Where a first-leads note holds, as [start, end) ranges of the text; ``inside(at)`` tells
    whether an offset lies in a bracket (a note there is the bracket's, not the document's)."""
    first = grammar.first_leads
    scopes: list[Span] = []
    if not first.search(norm):
        return scopes
    for m in _CHUNK.finditer(norm):
        if not inside(m.start()) and first.search(m.group()):
            scopes.append((m.start(), len(norm)))
            break
    starts = [it.start for it in items]
    for m in _BRACKET.finditer(norm):
        if not first.search(m.group(1)):
            continue
        if "下同" in m.group(1):
            scopes.append((m.start(), len(norm)))
            continue
        owner = [k for k, s in enumerate(starts) if s <= m.start() < items[k].end]
        if owner:
            it = items[owner[-1]]
            later = [o.start for o in items if o.start > it.start and o.depth <= it.depth]
            scopes.append((m.start(), min(later, default=len(norm))))
    return scopes


def in_scopes(at: int, scopes: list[Span]) -> bool:
    return any(a <= at < b for a, b in scopes)
