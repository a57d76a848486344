"""How overlapping annotations are settled: one named policy, not the order of `if`s.

Recognisers propose annotations independently, so two may claim the same text: a clause bracket
inside a keyword line, a keyword line that runs into a bracket. A policy takes every proposal and
returns the ones kept, in document order, with a warning for each proposal it drops that was not
wholly inside one it kept.
"""

from __future__ import annotations

from collections.abc import Callable

from graphmodel.extract.annotations import Annotation
from graphmodel.model import Span

__all__ = ["Policy", "POLICIES", "outermost_first", "settle"]

Policy = Callable[[list[Annotation], list[str]], tuple[list[Annotation], list[tuple[str, Span]]]]


def outermost_first(found: list[Annotation], order: list[str]) -> tuple[list[Annotation], list[tuple[str, Span]]]:
    """The ``outermost-first`` policy.

    Keep the annotation that starts first, the longer of two that start together, and for the
    same span the form registered first; drop any that overlaps one kept. Linear after sorting.

    Parameters
    ----------
    found : list of Annotation
        Every annotation the recognisers proposed.
    order : list of str
        The recognisers' names in registration order (`RECOGNISERS`).

    Returns
    -------
    tuple of (list of Annotation, list of (str, Span))
        The annotations kept, in document order; a warning for each one dropped that crosses
        the end of one kept (one wholly inside a kept annotation is dropped in silence).

    Examples
    --------
    A clause inside the line is dropped in silence, the keyword bracket that crosses its end with
    a warning, and of two annotations with one span the form registered first is kept:

    >>> from graphmodel.extract.annotations import Annotation
    >>> found = [Annotation(0, 10, "line"), Annotation(2, 8, "clause"), Annotation(5, 15, "keyword"),
    ...          Annotation(20, 30, "clause"), Annotation(20, 30, "keyword")]
    >>> kept, warnings = outermost_first(found, ["keyword", "table", "clause", "line"])
    >>> [(a.form, a.start, a.end) for a in kept]
    [('line', 0, 10), ('keyword', 20, 30)]
    >>> warnings
    [('a keyword annotation overlaps a line annotation and was not read', (5, 15))]
    """
    rank = {name: k for k, name in enumerate(order)}
    ranked = sorted(found, key=lambda a: (a.start, -(a.end - a.start), rank.get(a.form, len(rank))))
    kept: list[Annotation] = []
    warnings: list[tuple[str, Span]] = []
    reach = -1
    for ann in ranked:
        if ann.start < reach:
            if ann.end > reach:  # crosses the kept one's end: neither inside nor apart
                warnings.append((f"a {ann.form} annotation overlaps a {kept[-1].form} annotation and was not read",
                                 ann.span))
            continue
        kept.append(ann)
        reach = ann.end
    return kept, warnings


POLICIES: dict[str, Policy] = {"outermost-first": outermost_first}


def settle(found: list[Annotation], order: list[str], policy: str = "outermost-first") -> tuple[
        list[Annotation], list[tuple[str, Span]]]:
    """Settle overlaps among proposed annotations with a named policy.

    Parameters
    ----------
    found : list of Annotation
        The proposals, passed to the policy as they are.
    order : list of str
        Passed to the policy too: it ranks forms by it (see `outermost_first`).
    policy : str
        A name in `POLICIES`.

    Returns
    -------
    tuple of (list of Annotation, list of (str, Span))
        What the policy returns: the annotations kept, in document order, and warnings.

    Raises
    ------
    KeyError
        When ``policy`` is not in `POLICIES` (a programming error: no user chooses it).

    Examples
    --------
    The default policy, `outermost_first` (its examples show more), keeps a line over the clause
    inside it:

    >>> from graphmodel.extract.annotations import Annotation
    >>> kept, warnings = settle([Annotation(2, 8, "clause"), Annotation(0, 10, "line")], ["clause", "line"])
    >>> [a.form for a in kept], warnings
    (['line'], [])
    """
    return POLICIES[policy](found, order)
