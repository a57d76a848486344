"""The edges' data of a graph not made, grouped by type, for a caller that writes it out by columns.

`GraphBuilder.in_graph_columns` gives the edges' data as an `EdgeRows`: each type's data dicts
in the order they were made (each plan's together in memory) and, for each edge of that type in
graph order, the place of its dict among them. A writer that turns each type's dicts into
columns (`loaders.graphpack.pack_columns`) reads them in the order they were made, one after
another in memory, and puts the columns' values in graph order afterwards (numbers, in numpy):
read in graph order (sorted by source: a unit's responsibilities from every plan's memory in
turn), each dict was a cache miss, at 10,000 plans most of the time packing the edges took.

The ``RESPONSIBLE_FOR`` edges (four in five of a corpus's) have no dicts at all while the
graph is built: `ResponsibleRows` keeps their data as columns of numbers, each value numbered
as it is added (`GraphBuilder.add_row`, while the workers extract the next plans), so a writer
finds each column already numbered, with nothing to transpose and millions of dicts fewer to
make and to free.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EdgeRows", "ResponsibleRows"]


class ResponsibleRows:
    """The data of ``RESPONSIBLE_FOR`` edges as columns, in the order the edges were made.

    A row is five numbers: the codes (``codes``: each value's number, ``values``: each
    number's value, in the order they first came; `code` numbers a value) of the role, the mention and the document,
    and of the start and end of the mention's span (-1 for both when it has none: the dict has
    neither key); ``corrections`` gives a row's ``correction`` (its last key) when it has one.
    `row` is the dict the row stands for (what the builder kept for the edge before: the same
    keys in the same order). The rows are in ``table`` (32-bit integers, a fifth of the memory
    of a dict a row) and then in ``pending``, a list, which the builder adds a plan's rows to
    (a list takes five numbers in a third of the time an array does) and `flush` moves them
    from, once a plan.

    Examples
    --------
    >>> rows = ResponsibleRows()
    >>> rows.add("lead", "市发改委", "d1", (3, 7))
    >>> rows.add("support", "市发改委", "d1", None, "c.tsv:2")
    >>> rows.row(0)
    {'role': 'lead', 'mention': '市发改委', 'document': 'd1', 'start': 3, 'end': 7}
    >>> rows.rows()[1]
    {'role': 'support', 'mention': '市发改委', 'document': 'd1', 'correction': 'c.tsv:2'}
    """

    __slots__ = ("table", "pending", "codes", "values", "corrections")

    NAMES = ("role", "mention", "document", "start", "end")  # the columns of a row with a span

    def __init__(self) -> None:
        self.table = array("i")
        self.pending: list[int] = []
        self.codes: dict[Any, int] = {}
        self.values: list[Any] = []
        self.corrections: dict[int, str] = {}

    def __len__(self) -> int:
        """The number of rows."""
        return (len(self.table) + len(self.pending)) // 5

    def code(self, value: Any) -> int:
        """The number of ``value`` (a new one numbered on from the last)."""
        n = self.codes.setdefault(value, len(self.values))
        if n == len(self.values):
            self.values.append(value)
        return n

    def flush(self) -> None:
        """Move the rows from ``pending`` to ``table``."""
        pending = self.pending
        if pending:
            # Packed by struct: array's own `fromlist` parses each item as a call's argument,
            # twice the time (a quarter of a million instructions a plan).
            self.table.frombytes(struct.pack(f"{len(pending)}i", *pending))
            pending.clear()

    def add(self, role: str, mention: str, document: str, span: tuple[int, int] | None,
            correction: str | None = None) -> None:
        """Add a row (``span``: the mention's start and end, or None)."""
        code = self.code
        n = len(self)
        self.pending.extend((code(role), code(mention), code(document),
                             *((code(span[0]), code(span[1])) if span is not None else (-1, -1))))
        if correction is not None:
            self.corrections[n] = correction

    def row(self, i: int) -> dict[str, Any]:
        """The data dict of row ``i``."""
        self.flush()
        values = self.values
        role, mention, document, start, end = self.table[5 * i:5 * i + 5]
        out = {"role": values[role], "mention": values[mention], "document": values[document]}
        if start >= 0:
            out["start"] = values[start]
            out["end"] = values[end]
        correction = self.corrections.get(i)
        if correction is not None:
            out["correction"] = correction
        return out

    def of_document(self, document: str) -> dict[int, dict[str, Any]]:
        """The rows whose document is ``document``, by number (their documents read as numbers,
        not each row made a dict)."""
        self.flush()
        code = self.codes.get(document)
        if code is None:
            return {}
        return {i: self.row(i) for i, d in enumerate(self.table[2::5]) if d == code}

    def rows(self) -> list[dict[str, Any]]:
        """Every row's data dict, in order."""
        self.flush()
        values = self.values
        each = iter(self.table)
        out = [{"role": values[r], "mention": values[m], "document": values[d], "start": values[s], "end": values[e]}
               if s >= 0 else {"role": values[r], "mention": values[m], "document": values[d]}
               for r, m, d, s, e in zip(each, each, each, each, each, strict=True)]
        for i, correction in self.corrections.items():
            out[i]["correction"] = correction
        return out


class EdgeRows:
    """The edges' data dicts in graph order, kept by type in the order they were made.

    Parameters
    ----------
    keys : list of str
        Each edge's type, in graph order.
    groups : dict
        Type to ``(rows, at)``: the type's data dicts in the order they were made (a list, or a
        `ResponsibleRows`) and, for each of its edges in graph order, the place of its dict in
        ``rows`` (a numpy array).

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

    def __init__(self, keys: list[str],
                 groups: dict[str, tuple[list[dict[str, Any]] | ResponsibleRows, NDArray[np.int64]]]) -> None:
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
        if isinstance(rows, ResponsibleRows):
            rows = rows.rows()
        return list(map(rows.__getitem__, at.tolist()))
