"""Stats of plan_2020, counted by hand."""

from __future__ import annotations

from graphmodel.analysis import graph_stats
from graphmodel.graph import build_graph
from tests.graph.plans import plan_2020


def test_counts_of_kinds_and_types() -> None:
    stats = graph_stats(build_graph([plan_2020()]))
    assert stats == {
        "Document": 1, "Side": 2, "Task": 8, "Unit": 6, "Group": 2, "District": 0, "Park": 0,
        "annotated tasks": 8,
        # 16 names in the annotations; 8 tasks PART_OF the document; 6 units IN their side;
        # 4 counterpart pairs.
        "RESPONSIBLE_FOR": 16, "PART_OF": 8, "IN": 6, "MENTIONS": 0, "PAIRED_WITH": 0, "COUNTERPART": 4,
    }
