"""Bounded memos for the extractor's pure functions of a string.

A corpus names the same units thousands of times, so the gazetteer and the grammar remember what
they worked out per name. A memo is emptied when it reaches `LIMIT` entries, so a run over any
number of plans keeps its memory bounded (and the work linear) whatever the names.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["LIMIT", "MISSING", "remembered"]

LIMIT = 200_000
_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")
# What a memo holds for no key (``memo.get(key, MISSING)``): None is a value some memos hold.
MISSING: Any = object()


def remembered(memo: dict[_K, _V], key: _K, compute: Callable[[], _V]) -> _V:
    """``memo[key]``, from ``compute()`` on a miss; the memo is emptied first when it is full.

    Parameters
    ----------
    memo : dict
        The memo, owned by the caller (one per function and object).
    key : hashable
        What the value is remembered under.
    compute : callable
        Works the value out; a pure function of ``key`` and the memo's owner.

    Returns
    -------
    object
        The value, computed once per key (until the memo is emptied).

    Examples
    --------
    >>> memo: dict[str, int] = {}
    >>> remembered(memo, "市统计局", lambda: len("市统计局")), memo
    (4, {'市统计局': 4})
    """
    found = memo.get(key, MISSING)
    if found is MISSING:
        if len(memo) >= LIMIT:
            memo.clear()
        found = memo[key] = compute()
    return found  # type: ignore[no-any-return]  # (MISSING is Any: the value is a _V)
