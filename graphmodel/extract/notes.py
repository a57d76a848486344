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
    """Where a first-leads note (排名第一的为牵头单位) holds.

    Parameters
    ----------
    norm : str
        Normalised text.
    items : list of Item
        Its outline (`parse_outline`).
    grammar : Grammar
        Gives the first-leads pattern.
    inside : callable
        ``inside(at)`` tells whether an offset lies in a bracket (a note there is the
        bracket's, not the document's).

    Returns
    -------
    list of Span
        ``[start, end)`` ranges of the text: from a bracketed note to the end of its item's
        subtree (to the end of the text with 下同), and from a note in the notice's own text to
        the end.

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.outline import parse_outline
    >>> from graphmodel.extract.text import pair_brackets
    >>> norm = "一、甲。(责任单位:市发改委、市财政局,排名第一的为牵头单位)\\n(一)子。\\n二、乙。(市商务局、市外办)"
    >>> scopes = lead_scopes(norm, parse_outline(norm), default_grammar(), pair_brackets(norm).inside)
    >>> scopes, norm[scopes[0][1]:scopes[0][1] + 2]
    ([(4, 38)], '二、')
    """
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
    """Whether an offset lies in one of the ranges `lead_scopes` found.

    Parameters
    ----------
    at : int
        An offset of the text.
    scopes : list of Span
        ``[start, end)`` ranges.

    Returns
    -------
    bool

    Examples
    --------
    >>> in_scopes(5, [(4, 38)]), in_scopes(38, [(4, 38)])
    (True, False)
    """
    return any(a <= at < b for a, b in scopes)
