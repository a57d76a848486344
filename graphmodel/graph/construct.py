"""Building the responsibility graph from extractions.

The graph is collected into plain dicts first and inserted into networkx in sorted id order,
so the result does not depend on the order of the extractions and building twice gives an
equal graph with the same node and edge order.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import Any, TypeVar, cast

import networkx as nx

from graphmodel.errors import GraphError
from graphmodel.graph.assemble import assemble, paused_gc
from graphmodel.graph.counterpart_links import derive_counterparts, flat_counterparts
from graphmodel.graph.edge_rows import EdgeRows, ResponsibleRows
from graphmodel.graph.from_rows import add_row
from graphmodel.graph.schema import EDGE_TYPES, NODE_KINDS, SCHEMA
from graphmodel.model import Extraction

__all__ = ["build_graph", "GraphBuilder"]

_V = TypeVar("_V", str, int)
_T = TypeVar("_T")
_NodeTable = dict[str, dict[str, Any]]
# An edge's data dict, or for a RESPONSIBLE_FOR edge added from a row the number of its row in
# `_Tables.rf` (an int).
_EdgeTable = dict[tuple[str, str, str], Any]
EdgeItem = tuple[tuple[str, str, str], dict[str, Any]]
# Nodes (id to data) and the edges' sources, targets (places among the nodes, as ``array('i')``),
# keys and data.
EdgeColumns = tuple[dict[str, dict[str, Any]], Sequence[int], Sequence[int], list[str],
                    list[dict[str, Any]] | EdgeRows]

# Tables of at least this many edges are ordered in numpy (`_Tables.in_graph_columns`).
_NUMPY_FROM = 50_000

# Node kinds that several documents may name; their attributes merge (see `_Tables.put_node`).
_SHARED = frozenset({"Side", "Unit", "Group", "District", "Park"})


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph[str]:
    """Build one graph from the extractions of any number of documents.

    The extractions are consumed one at a time (a generator is not held in memory whole), and
    the result does not depend on their order.

    Parameters
    ----------
    extractions : iterable of Extraction
        One per document. A unit, side, district or park that several documents name (the
        same id) becomes one node whose aliases are the union of theirs.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as in DEVELOPERS.md ("The graph"); the edge key is the edge type.
        Attributes whose value is unknown (a missing date, title or span) are left out rather
        than set to None. ``COUNTERPART`` edges are derived over the whole corpus.

    Raises
    ------
    GraphError
        When two different extractions carry the same document id (two copies of one file,
        equal but for their source, are one document), when an id is used for
        two kinds of node, or when an extraction refers to a unit, task or place it does not
        list.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> plan = "2020年上海市与大连市对口合作计划\\n一、共建园区。（责任单位：上海市发改委；大连市发改委）"
    >>> G = build_graph([extract(plan)])
    >>> G.number_of_nodes(), G.number_of_edges()
    (6, 6)
    >>> [kind for _, kind in G.nodes(data="kind")]
    ['Document', 'Task', 'Side', 'Side', 'Unit', 'Unit']
    >>> [(u, v) for u, v, key in G.edges(keys=True) if key == "COUNTERPART"]
    [('unit:上海市/上海市发展改革委', 'unit:大连市/大连市发展改革委')]
    """
    tables = _Tables()
    if isinstance(extractions, (list, tuple)):  # nothing else runs between them: one pause for all
        with paused_gc():
            for ex in extractions:
                tables.add(ex)
            return tables.graph()
    for ex in extractions:
        with paused_gc():  # not across the loop: a generator may be extracting them meanwhile
            tables.add(ex)
    with paused_gc():
        return tables.graph()


class GraphBuilder:
    """`build_graph` fed one extraction at a time, for a caller that reads them as they come.

    `add` each extraction (each in its own pause of the garbage collector, so whatever makes
    them between two calls is collected as usual), then `graph` once; `stats` then gives
    `graphmodel.analysis.graph_stats` of that graph from the tables it was made of, without
    walking the graph. The graph is `build_graph`'s of the same extractions: equal, in the same
    order, whatever order they were added in.

    Examples
    --------
    >>> from graphmodel.extract import extract
    >>> builder = GraphBuilder()
    >>> plan = "2020年上海市与大连市对口合作计划\\n一、共建园区。（责任单位：上海市发改委；大连市发改委）"
    >>> builder.add(extract(plan))
    >>> G = builder.graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (6, 6)
    >>> {k: v for k, v in builder.stats().items() if v}
    {'Document': 1, 'Side': 2, 'Task': 1, 'Unit': 2, 'annotated tasks': 1, 'RESPONSIBLE_FOR': 2, 'PART_OF': 1,
     'IN': 2, 'COUNTERPART': 1}
    """

    def __init__(self) -> None:
        self._tables = _Tables()
        self._stats: dict[str, int] | None = None

    def add(self, extraction: Extraction) -> None:
        """Add one document's extraction.

        Raises
        ------
        GraphError
            As `build_graph` does for it; the builder is then not to be used further.
        """
        with paused_gc():
            self._tables.add(extraction)

    def add_row(self, row: list[Any]) -> None:
        """Add one document's extraction given as its row (`graphmodel.model.Extraction.to_row`),
        without making the extraction's records: what `add` of ``Extraction.from_row(row)``
        does, for a caller that receives rows (a worker's, the extraction cache's).

        Raises
        ------
        GraphError
            As `add`.
        ValueError
            When ``row`` (or a row inside it) has too few or too many values.
        """
        with paused_gc():
            self._tables.add_row(row)

    def graph(self) -> nx.MultiDiGraph[str]:
        """The graph of the extractions added (call it once).

        Returns
        -------
        networkx.MultiDiGraph
        """
        with paused_gc():
            graph, self._stats = self._tables.graph_and_stats()
        return graph

    def in_graph_order(self) -> tuple[dict[str, dict[str, Any]], list[tuple[tuple[str, str, str], dict[str, Any]]]]:
        """Instead of `graph` (call one of them, once): the graph's nodes (id to data, in its
        order) and its edges ``((u, v, key), data)`` in its order, without making it, for a
        caller that only writes it out (``build -o FILE.gmg``). `stats` then counts them.

        Returns
        -------
        tuple
            ``(nodes, edges)``.
        """
        with paused_gc():
            nodes, edges, self._stats = self._tables.in_graph_order()
        return nodes, edges

    def in_graph_columns(self) -> EdgeColumns | None:
        """Instead of `graph` or `in_graph_order` (call one of them, once): the graph's nodes (id
        to data, in its order) and its edges as columns in its order, without making it:
        ``(nodes, sources, targets, keys, datas)``, an edge's ends given by their places in
        ``nodes``. `stats` then counts them. Cheaper than `in_graph_order` for a caller that
        numbers the ends anyway (``build -o FILE.gmg``): no tuple per edge, each end looked up
        once, the edges sorted by one integer each in numpy.

        Returns
        -------
        tuple or None
            None (and the tables untouched) when an edge names a node the tables do not have,
            or its type is not a string or is ``COUNTERPART``, or a node's id is an edge
            type: then call `in_graph_order`. The sources and targets are ``array('i')``; the
            data an `EdgeRows` (each type's dicts kept in the order they were made).
        """
        with paused_gc():
            got = self._tables.in_graph_columns()
        if got is None:
            return None
        columns, self._stats = got
        return columns

    def clear(self) -> None:
        """Let go of the tables (after `graph` or `in_graph_order`; `stats` stays)."""
        self._tables = _Tables()

    def stats(self) -> dict[str, int]:
        """`graphmodel.analysis.graph_stats` of the graph `graph` returned, in its key order.

        Raises
        ------
        GraphError
            When `graph` has not been called yet.
        """
        if self._stats is None:
            raise GraphError("the graph is not built yet")
        return dict(self._stats)


class _Tables:
    """Nodes and edges collected from extractions, merged as if added in document-id order."""

    def __init__(self) -> None:
        self.nodes: _NodeTable = {}
        self.edges: _EdgeTable = {}
        # For nodes of shared kinds: which document gave each attribute (the smallest id wins).
        self.owners: dict[str, dict[str, str]] = {}
        self.documents: dict[str, str] = {}  # document id -> its source, for error messages
        self.doc = ""  # the document being added
        # One object for each of the many equal values: mentions, numbers and roles repeat
        # across plans, and character offsets (ints above 256 are objects of their own) too.
        self.values: dict[str | int, Any] = {}
        # Kept as they are added, for COUNTERPART and the stats: each document's tasks that
        # have real units (not groups), sorted by start and id (the order COUNTERPART lists a
        # pair's tasks in), flat: ``(tasks, their numbers of real units, the units one task
        # after another)``, three lists a document read in one pass, not a list a task (see
        # `flat_counterparts`); whether a task was added twice (then that order is worked out
        # again), and the tasks with a responsibility.
        self.task_units: dict[str, tuple[list[str], list[int], list[str]]] = {}
        self.task_twice = False
        self.sides_here: dict[str, str] = {}  # side name -> id, of the sides the document being added added
        self.numbers: dict[str, str] = {}  # a task number as written -> its normal form (shared)
        self.annotated = 0
        self.made: list[Any] = []  # the edge data once spent, in the order added (see `in_graph_columns`)
        # The RESPONSIBLE_FOR edges' data, as columns: such an edge's entry in ``edges`` is the
        # number of its row here (see `graphmodel.graph.edge_rows`; `as_dicts` makes the dicts).
        self.rf = ResponsibleRows()

    def as_dicts(self) -> None:
        """Give every edge of the table its data dict (a RESPONSIBLE_FOR edge's is its row's
        number until then), for the ways that read the dicts themselves (the graph, the edges
        in graph order, tables too small for numpy)."""
        if not len(self.rf):
            return
        rows = self.rf.rows()
        edges = self.edges
        for key in [k for k, v in edges.items() if v.__class__ is int]:
            edges[key] = rows[edges[key]]
        self.rf = ResponsibleRows()

    def shared(self, value: _V) -> _V:
        """The one copy of ``value`` this graph holds."""
        return cast(_V, self.values.setdefault(value, value))  # an equal value, so of the same type

    def add(self, ex: Extraction) -> None:
        """Add an extraction: `add_row` of its row, so the rules of adding are written once
        (``from_rows``); making the row costs about a tenth of adding it."""
        self.add_row(ex.to_row())

    def add_row(self, row: list[Any]) -> None:
        """Add the extraction whose row (`Extraction.to_row`) is ``row``."""
        document, _, _, _, _, _ = row  # rows of the wrong length are a ValueError (as from_row's)
        doc_id, _, _, source, _, _, _ = document
        if not self._begun(doc_id, source, row):
            add_row(row, self)

    def _begun(self, doc_id: str, source: str | None, row: list[Any]) -> bool:
        """Start adding the document ``doc_id`` (False), or, when it was added already, check
        that its ``row`` says the same (added to new tables to compare) and keep the first of
        its sources (True: nothing more to add)."""
        if doc_id in self.documents:
            scratch = _Tables()
            scratch.add_row(row)
            if not _same_document(self, scratch, doc_id):
                raise GraphError(
                    f"two different documents have the id {doc_id!r} "
                    f"({self.documents[doc_id] or '?'} and {source or '?'})"
                )
            # The same document given twice, or two copies of one file: the first path names it.
            if source is not None and (not self.documents[doc_id] or source < self.documents[doc_id]):
                self.documents[doc_id] = source
                self.nodes[doc_id]["source"] = source
            return True
        self.documents[doc_id] = source or ""
        self.doc = doc_id
        return False

    def put_node(self, node_id: str, kind: str, attrs: dict[str, Any], where: str) -> None:
        """Add a node, or merge it into the one of that id another document already added.

        ``aliases`` is the union; any other attribute keeps the value of the first document
        (by id) that has one, whatever order the documents come in.
        """
        attrs = {k: v for k, v in attrs.items() if v is not None}
        old = self.nodes.get(node_id)
        if old is None:
            self.nodes[node_id] = {"kind": kind, **attrs}
            if kind in _SHARED:
                self.owners[node_id] = dict.fromkeys(attrs, self.doc)
            return
        if old["kind"] != kind:
            raise GraphError(f"{where}: {node_id!r} is a {kind} here but a {old['kind']} elsewhere")
        owners = self.owners.setdefault(node_id, {})
        for key, value in attrs.items():
            if key == "aliases":
                have = old.get(key)
                if have != value:  # both sorted and distinct: the same aliases again change nothing
                    old[key] = sorted(set(have or ()) | set(value))
            elif key not in old or self.doc < owners.get(key, self.doc):
                old[key] = value
                owners[key] = self.doc

    def put_pairing(self, key: tuple[str, str, str], attrs: dict[str, Any]) -> None:
        """One edge per stated pairing, with the provenance of the first document (by id), and
        ``documents`` and ``tasks`` listing every document that states it (by id) with its
        first task there (``""`` for none)."""
        old = self.edges.get(key)
        stated = dict(zip(old["documents"], old["tasks"], strict=True)) if old is not None else {}
        stated.setdefault(attrs["document"], attrs.get("task") or "")
        edge = attrs if old is None or attrs["document"] < old["document"] else old
        docs = sorted(stated)
        self.edges[key] = {**edge, "documents": docs, "tasks": [stated[d] for d in docs]}

    def counterparts(self) -> list[tuple[str, str, dict[str, Any]]]:
        """The COUNTERPART pairs (`derive_counterparts`)."""
        if self.task_twice:  # a task's units in two places: the general way
            tasks_of: dict[str, set[str]] = {}
            for tasks, sizes, units in self.task_units.values():
                each = iter(units)
                for task, n in zip(tasks, sizes, strict=True):
                    for unit in islice(each, n):
                        tasks_of.setdefault(unit, set()).add(task)
            return derive_counterparts(tasks_of, self.nodes)
        # Each document's tasks are sorted by (start, id): in document-id order, they are in
        # the order COUNTERPART lists them in, with no sort of the corpus's tasks.
        kept = list(map(self.task_units.__getitem__, sorted(self.task_units)))
        tasks, sizes, units = (list(chain.from_iterable(map(itemgetter(i), kept))) for i in range(3))
        return flat_counterparts(tasks, sizes, units, self.nodes)

    def graph(self) -> nx.MultiDiGraph[str]:
        """The networkx graph: nodes and edges in sorted id order, then COUNTERPART."""
        return self.graph_and_stats()[0]

    def graph_and_stats(self) -> tuple[nx.MultiDiGraph[str], dict[str, int]]:
        """`graph`, and its `graph_stats` counted on the tables."""
        self.as_dicts()
        nodes = self.nodes
        ids = sorted(nodes)
        ordered, counterparts, stats = self._spent(ids)
        ordered += [((a, b, "COUNTERPART"), attrs) for a, b, attrs in counterparts]
        graph = assemble({"schema": SCHEMA}, ((n, nodes[n]) for n in ids), _handed_over(ordered),
                         keyed=True)
        return graph, stats

    def in_graph_order(self) -> tuple[dict[str, dict[str, Any]], list[EdgeItem], dict[str, int]]:
        """The nodes (id to data) and edges ``((u, v, key), data)`` of `graph`, in the order the
        graph would hold them, without making it; and its `graph_stats`."""
        self.as_dicts()
        ids = sorted(self.nodes)
        nodes = {n: self.nodes[n] for n in ids}
        ordered, counterparts, stats = self._spent(ids)
        return nodes, _in_graph_order(ordered, counterparts), stats

    def in_graph_columns(self) -> tuple[EdgeColumns, dict[str, int]] | None:
        """`GraphBuilder.in_graph_columns`, and the stats: in numpy from `_NUMPY_FROM` edges
        (a small corpus's build does not import it: 0.1 s, a tenth of a small build)."""
        return self._in_numpy() if len(self.edges) >= _NUMPY_FROM else self._in_python()

    def _in_python(self) -> tuple[EdgeColumns, dict[str, int]] | None:
        """`in_graph_columns` of tables too small for numpy to pay: the same order and columns
        (the sources and targets lists, the data a list in graph order)."""
        self.as_dicts()
        ids = sorted(self.nodes)
        edges = self.edges
        types = Counter(map(itemgetter(2), edges))  # for the stats too
        names = sorted(types)
        if not all(isinstance(t, str) for t in names) or "COUNTERPART" in types:
            return None
        numbers = list(range(2 * len(ids) + 1))  # one int object for each place (see below)
        place = dict(zip(ids, numbers, strict=False))  # numbers has more
        kind = {t: i for i, t in enumerate(names)}
        # An edge's rank: its source's place, then its target's, then its type's, in one
        # integer (see `_sorted_edges`); a COUNTERPART takes the type after every other (after
        # its pair's other keys) or, for a new target, a place after every node's (after its
        # source's other targets, in the order of theirs).
        size, width = len(ids), len(names) + 1
        span = size * width + size + 1
        # Each node's place times the factors, made once per node rather than once per edge.
        as_source = dict(zip(ids, range(0, size * span, span), strict=True))
        as_target = dict(zip(ids, range(0, size * width, width), strict=True))
        try:
            ranks = [as_source[u] + as_target[v] + kind[t] for u, v, t in edges]
        except KeyError:
            return None
        del as_source, as_target
        counterparts, stats = self._counted(types)
        datas = list(edges.values())
        self.edges = {}  # the tables are spent (see `_spent`)
        del edges
        # The data dicts held here in the order they were made, until `GraphBuilder.clear`:
        # freed in graph order (the order of the columns returned) they would be read from
        # memory at random, one dict after another far apart (at 10,000 plans, freeing the
        # columns and the tables took 1.5 s of CPU; 0.8 s so).
        self.made = datas
        order = sorted(range(len(ranks)), key=ranks.__getitem__)
        ranks = list(map(ranks.__getitem__, order))
        datas = list(map(datas.__getitem__, order))
        del order
        last = len(names)  # COUNTERPART's slot
        added = []
        for a, b, attrs in counterparts:
            low = place[a] * span + place[b] * width
            at = bisect_left(ranks, low)
            if at < len(ranks) and ranks[at] < low + width:  # the pair has other keys
                added.append((low + last, place[b], attrs))
            else:
                added.append((place[a] * span + size * width + place[b], place[b], attrs))
        added.sort(key=itemgetter(0))
        # Merged in: the sorted ranks in slices, the counterparts one by one.
        merged: list[int] = []
        merged_datas: list[dict[str, Any]] = []
        spots = []
        done = 0
        for rank, _, attrs in added:
            at = bisect_left(ranks, rank, done)
            merged += ranks[done:at]
            merged_datas += datas[done:at]
            spots.append(len(merged))
            merged.append(rank)
            merged_datas.append(attrs)
            done = at
        merged += ranks[done:]
        merged_datas += datas[done:]
        del ranks, datas
        # The ends and types taken out of the ranks (each the one int object of its place).
        sources = list(map(numbers.__getitem__, map(span.__rfloordiv__, merged)))
        within = list(map(span.__rmod__, merged))
        del merged
        targets = list(map(numbers.__getitem__, map(width.__rfloordiv__, within)))
        keys = list(map([*names, "COUNTERPART"].__getitem__, map(width.__rmod__, within)))
        del within
        for spot, (_, target, _) in zip(spots, added, strict=True):  # a new target's rank says it otherwise
            targets[spot] = target
            keys[spot] = "COUNTERPART"
        nodes = dict(zip(ids, map(self.nodes.__getitem__, ids), strict=True))
        return (nodes, sources, targets, keys, merged_datas), stats

    def _in_numpy(self) -> tuple[EdgeColumns, dict[str, int]] | None:
        """`in_graph_columns` with the edges numbered, sorted and grouped in numpy."""
        import numpy as np  # here only: the sort and the columns of millions of edges, in C

        # The node ids sorted, and their data in that order taken from a list by place (looked
        # up in the node table by id, each was a cache miss at 10,000 plans).
        made_ids = list(self.nodes)
        by_id = sorted(range(len(made_ids)), key=made_ids.__getitem__)
        ids = list(map(made_ids.__getitem__, by_id))
        rows = list(map(list(self.nodes.values()).__getitem__, by_id))
        del made_ids, by_id
        edges = self.edges
        types = Counter(map(itemgetter(2), edges))  # for the stats too
        names = sorted(types)
        if not all(isinstance(t, str) for t in names) or "COUNTERPART" in types:
            return None
        if types.get("RESPONSIBLE_FOR", 0) != len(self.rf):  # tables not filled by `add_row` alone
            self.as_dicts()
        # An edge's rank: its source's place, then its target's, then its type's, in one
        # integer (see `_sorted_edges`); a COUNTERPART takes the type after every other (after
        # its pair's other keys) or, for a new target, a place after every node's (after its
        # source's other targets, in the order of theirs).
        size, width = len(ids), len(names) + 1
        span = size * width + size + 1
        if size * span >= 2**62:  # ranks beyond 64 bits (never from a corpus): edge by edge
            return None
        place = dict(zip(ids, range(size), strict=True))
        # Each edge's source, target and type numbered in one pass over the keys, in C: a type
        # is numbered by the same dict, after the nodes (unless a node has its name).
        number = dict(place)
        number.update(zip(names, range(size, size + len(names)), strict=True))
        if len(number) != size + len(names):
            return None
        try:
            parts = np.fromiter(map(number.__getitem__, chain.from_iterable(edges)), dtype=np.int64,
                                count=3 * len(edges)).reshape(-1, 3)
        except (KeyError, ValueError):  # an end that is no node (or a key that is not (u, v, type))
            return None
        del number
        sources_made, targets_made, made_types = parts[:, 0], parts[:, 1], parts[:, 2] - size
        if len(parts) and (sources_made.max() >= size or targets_made.max() >= size):  # an end named like a type
            return None
        ranks = sources_made * span + targets_made * width + made_types
        del parts, sources_made, targets_made
        counterparts, stats = self._counted(types)
        datas = list(edges.values())
        self.edges = {}  # the tables are spent (see `_spent`)
        del edges
        # The data dicts held here in the order they were made, until `GraphBuilder.clear`:
        # freed in graph order they would be read from memory at random, one dict after another
        # far apart (at 10,000 plans, freeing the columns and the tables took 1.5 s of CPU; 0.8 s so).
        self.made = datas
        order = np.argsort(ranks, kind="stable")  # ranks are distinct: the edges' keys are
        ranks = ranks[order]
        # The COUNTERPART edges' ranks: after the pair's other keys when it has some, else a
        # new target after the source's others (a rank past every node's target place).
        pairs = np.array([(place[a], place[b]) for a, b, _ in counterparts], dtype=np.int64).reshape(-1, 2)
        low = pairs[:, 0] * span + pairs[:, 1] * width
        at = np.searchsorted(ranks, low)
        found = ranks[np.minimum(at, len(ranks) - 1)] if len(ranks) else np.zeros_like(low)
        keyed = (at < len(ranks)) & (found < low + width)  # the pair has other keys
        last = len(names)  # COUNTERPART's slot
        added = np.where(keyed, low + last, pairs[:, 0] * span + size * width + pairs[:, 1])
        # Merged in (the edges' ranks are sorted already: one run and a short one).
        merged = np.concatenate([ranks, added])
        within = np.argsort(merged, kind="stable")
        merged = merged[within]
        del ranks
        # Each type's data in the order made, and where each of its edges in graph order finds its data.
        groups: dict[str, tuple[list[dict[str, Any]] | ResponsibleRows, Any]] = {}
        of_type = made_types[order]
        within_type = np.empty(len(datas), dtype=np.int64)  # each edge's place among its type's, in the order made
        for code, name in enumerate(names):
            made_at = np.flatnonzero(made_types == code)
            within_type[made_at] = np.arange(len(made_at))
            # A RESPONSIBLE_FOR edge's entry is its row's number, and its rows were added in
            # the order its edges were (a name given again replaces the row in place): its
            # place among its type's is its row.
            made: Any = self.rf if name == "RESPONSIBLE_FOR" and len(self.rf) else list(
                map(datas.__getitem__, made_at.tolist()))
            groups[name] = (made, within_type[order[of_type == code]])
        del order, of_type, made_types, within_type
        theirs = within[within >= len(datas)] - len(datas)  # the counterparts, in graph order
        groups["COUNTERPART"] = (list(map(itemgetter(2), counterparts)), theirs)
        del within
        # The ends and types taken back out of the ranks.
        sources = merged // span
        rest = merged - sources * span
        new = rest >= size * width  # a COUNTERPART to a new target
        targets = np.where(new, rest - size * width, rest // width)
        codes = np.where(new, last, rest % width)
        del merged, rest, new
        keys = list(map([*names, "COUNTERPART"].__getitem__, codes.tolist()))
        nodes = dict(zip(ids, rows, strict=True))
        return (nodes, _int32s(sources), _int32s(targets), keys, EdgeRows(keys, groups)), stats

    def _counted(self, types: Counter[str] | None = None) -> tuple[list[tuple[str, str, dict[str, Any]]],
                                                                   dict[str, int]]:
        """The COUNTERPART pairs and the stats (before the edge table is emptied; ``types``: the
        edges of each type, when counted already)."""
        nodes, edges = self.nodes, self.edges
        counterparts = self.counterparts()
        types = Counter(map(itemgetter(2), edges)) if types is None else Counter(types)
        types["COUNTERPART"] += len(counterparts)
        kinds = Counter(map(itemgetter("kind"), nodes.values()))
        stats = {kind: kinds.get(kind, 0) for kind in NODE_KINDS}
        stats["annotated tasks"] = self.annotated
        stats.update({t: types.get(t, 0) for t in EDGE_TYPES})
        return counterparts, stats

    def _spent(self, ids: list[str]) -> tuple[list[tuple[tuple[str, str, str], dict[str, Any]]],
                              list[tuple[str, str, dict[str, Any]]], dict[str, int]]:
        """The edges sorted by ``(u, v, key)`` (``ids``: the node ids, sorted), the COUNTERPART
        pairs, and the stats; the edge table is emptied (the tables are spent), so it is freed
        before and while the graph is filled, not after (at 10,000 plans, hundreds of megabytes
        off the peak)."""
        counterparts, stats = self._counted()
        ordered = _sorted_edges(self.edges, ids)
        self.edges = {}
        return ordered, counterparts, stats




def _sorted_edges(edges: dict[tuple[str, str, str], dict[str, Any]], ids: list[str]) -> list[EdgeItem]:
    """The edges' items sorted by ``(u, v, key)``, ``ids`` being the node ids sorted.

    Each edge is sorted by one integer, made of its ends' places in ``ids`` and its type's
    among the types: comparing integers rather than ids (long, with long common prefixes) makes
    the sort of a corpus's edges several times cheaper. An edge whose end is not a node, or
    whose ids are not strings, falls back to sorting by the keys themselves.
    """
    items = list(edges.items())
    types = sorted(set(map(itemgetter(2), edges)))
    place = {n: i for i, n in enumerate(ids)}
    kind = {t: i for i, t in enumerate(types)}
    width = len(kind) or 1
    span = len(place) * width
    try:
        if not all(isinstance(t, str) for t in types):
            raise KeyError
        ranks = [place[u] * span + place[v] * width + kind[t] for u, v, t in edges]
    except KeyError:
        # Sorted by their keys alone (a key function: comparing (key, data) pairs would test
        # the keys for equality first, twice the work).
        return sorted(items, key=itemgetter(0))
    return list(map(items.__getitem__, sorted(range(len(items)), key=ranks.__getitem__)))


def _in_graph_order(ordered: list[tuple[tuple[str, str, str], dict[str, Any]]],
                    counterparts: list[tuple[str, str, dict[str, Any]]]
                    ) -> list[tuple[tuple[str, str, str], dict[str, Any]]]:
    """The edges in the order `assemble` gives them in the graph when given ``ordered`` (sorted by
    ``(u, v, key)``, nodes in sorted order) and then ``counterparts`` (sorted by ``(a, b)``): by
    source; then by target in the order first added, so a COUNTERPART comes after its pair's
    other keys, or after its source's other targets. Slices of ``ordered`` (copied in C), with
    only the counterparts placed one by one."""
    keys = list(map(itemgetter(0), ordered))
    sources = list(map(itemgetter(0), keys))
    places = []
    for i, (a, b, attrs) in enumerate(counterparts):
        at = bisect_left(keys, (a, b))
        if at < len(keys) and keys[at][0] == a and keys[at][1] == b:  # the pair has other keys
            while at < len(keys) and keys[at][0] == a and keys[at][1] == b:
                at += 1
            places.append((at, 0, i, ((a, b, "COUNTERPART"), attrs)))
        else:  # a new target, after the source's others
            places.append((bisect_right(sources, a), 1, i, ((a, b, "COUNTERPART"), attrs)))
    places.sort(key=itemgetter(0, 1, 2))
    out: list[tuple[tuple[str, str, str], dict[str, Any]]] = []
    done = 0
    for at, _, _, item in places:
        out += ordered[done:at]
        out.append(item)
        done = at
    out += ordered[done:]
    return out


def _int32s(values: Any) -> array[int]:
    """A numpy array of integers (each within 32 bits) as an ``array('i')``, copied in C."""
    out = array("i")
    out.frombytes(values.astype("=i4", copy=False).tobytes())
    return out


def _handed_over(items: list[_T]) -> Iterator[_T]:
    """Each of ``items`` in order, taken out of the list as it is given (so freed once used)."""
    items.reverse()
    while items:
        yield items.pop()


def _same_document(main: _Tables, scratch: _Tables, doc_id: str) -> bool:
    """Whether a document added again (``scratch``) says what it said the first time."""
    def own(tables: _Tables) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
        nodes = {n: {k: v for k, v in d.items() if not (n == doc_id and k == "source")}
                 for n, d in tables.nodes.items()
                 if n == doc_id or (d["kind"] == "Task" and d.get("document") == doc_id)}
        rows = tables.rf.of_document(doc_id)  # RESPONSIBLE_FOR edges: a row's number in the table
        edges = {k: rows[d] if isinstance(d, int) else d for k, d in tables.edges.items()
                 if (d in rows if isinstance(d, int) else k[2] != "PAIRED_WITH" and d.get("document") == doc_id)}
        return nodes, edges

    if own(main) != own(scratch):
        return False
    for n, d in scratch.nodes.items():
        old = main.nodes.get(n)
        if old is None or old["kind"] != d["kind"] or not set(d.get("aliases", ())) <= set(old.get("aliases", ())):
            return False
    return all(k in main.edges for k in scratch.edges)

