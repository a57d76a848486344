"""The planners' analyses: plain functions over a graph from `graphmodel.graph.build_graph`.

Each takes the graph first and keyword filters after, like networkx's algorithms, and returns
frozen records (with ``to_dict()`` for JSON) in a documented, deterministic order.

In the examples, ``G`` is ``graphmodel.examples.example_graph()``, the graph of one small plan.
"""

from graphmodel.analysis._scope import UnitRef
from graphmodel.analysis.compare import Comparison, PairChange, StatedPairing, compare_graphs
from graphmodel.analysis.coresponsibility import (
    DEFAULT_SEED,
    UnitCentrality,
    bridging_units,
    co_responsibility_graph,
    communities,
    network_metrics,
)
from graphmodel.analysis.functions import (
    default_function_table,
    function_labels,
    name_similarity,
    parse_function_table,
)
from graphmodel.analysis.gaps import (
    Gaps,
    TaskGap,
    UnitGap,
    gaps,
    one_sided_tasks,
    placeholder_tasks,
    units_without_counterpart,
)
from graphmodel.analysis.pairs import CounterpartPair, counterpart_pairs, pairs_by_document
from graphmodel.analysis.stats import graph_stats
from graphmodel.analysis.suggest import Suggestion, suggest_counterparts
from graphmodel.analysis.workload import UnitWorkload, workload

__all__ = [
    "DEFAULT_SEED",
    "Comparison",
    "CounterpartPair",
    "Gaps",
    "PairChange",
    "StatedPairing",
    "Suggestion",
    "TaskGap",
    "UnitCentrality",
    "UnitGap",
    "UnitRef",
    "UnitWorkload",
    "bridging_units",
    "co_responsibility_graph",
    "communities",
    "compare_graphs",
    "counterpart_pairs",
    "pairs_by_document",
    "default_function_table",
    "function_labels",
    "gaps",
    "graph_stats",
    "name_similarity",
    "network_metrics",
    "one_sided_tasks",
    "parse_function_table",
    "placeholder_tasks",
    "suggest_counterparts",
    "units_without_counterpart",
    "workload",
]
