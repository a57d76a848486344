"""The edges' data of a graph not made, grouped by type, for a caller that writes it out by columns.

`GraphBuilder.in_graph_columns` gives the edges' data as an `EdgeRows`: each type's data dicts
in the order they were made (each plan's together in memory) and, for each edge of that type in
graph order, the place of its dict among them. A writer that turns each type's dicts into
columns (`loaders.graphpack.pack_columns`) reads them in the order they were made, one after
another in memory, and puts the columns' values in graph order afterwards (numbers, in numpy):
read in graph order (sorted by source: a unit's responsibilities from every plan's memory in
turn), each dict was a cache miss, at 10,000 plans most of the time packing the edges took.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EdgeRows"]


class EdgeRows:
    """The edges' data dicts in graph order, kept by type in the order they were made.

    Parameters
    ----------
    keys : list of str
        Each edge's type, in graph order.
    groups : dict
        Type to ``(rows, at)``: the type's data dicts in the order they were made and, for each
        of its edges in graph order, the place of its dict in ``rows`` (a numpy array).

    Examples
    --------
    >>> import numpy as np
    >>> rows = EdgeRows(["IN", "PART_OF", "IN"], {"IN": ([{"a": 1}, {"a": 2}], np.array([1, 0])),
    ...                                          "PART_OF": ([{}], np.array([0]))})
    >>> list(rows), len(rows)
    ([{'a': 2}, {}, {'a': 1}], 3)
    >>> rows.rows("IN")
    [{'a': 2}, {'a': 1}]
    """

    __slots__ = ("keys", "groups")

    def __init__(self, keys: list[str], groups: dict[str, tuple[list[dict[str, Any]], NDArray[np.int64]]]) -> None:
        self.keys = keys
        self.groups = groups

    def __len__(self) -> int:
        """The number of edges."""
        return len(self.keys)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Each edge's data dict, in graph order."""
        each = {k: iter(self.rows(k)) for k in self.groups}
        return map(next, map(each.__getitem__, self.keys))

    def rows(self, key: str) -> list[dict[str, Any]]:
        """The data dicts of the edges of type ``key``, in graph order."""
        rows, at = self.groups[key]
        return list(map(rows.__getitem__, at.tolist()))
