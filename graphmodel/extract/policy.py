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
    """Keep the annotation that starts first, the longer of two that start together, and for the
    same span the form registered first; drop any that overlaps one kept. Linear after sorting."""
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
    """Settle overlaps among ``found`` with the named policy (see `POLICIES`)."""
    return POLICIES[policy](found, order)
