"""The small plan and graph the docstring examples share.

The examples of `graphmodel.graph` and `graphmodel.analysis` all read one plan, so each shows its
call in a line or two instead of rebuilding a graph (``>>> G = example_graph()``, with
``from graphmodel.examples import example_graph`` outside the doctests, which have it in their
namespace). The plan pairs 上海市 with 大连市 and has one task of each kind the analyses look for:

- 一、: three units of two sides (counterparts) and a stated pairing of two districts;
- 二、: a unit of each side, one of them also in 一、 (a bridge between the two tasks);
- 三、: 上海市 alone (a one-sided task), its unit written with its short name;
- 四、: a group placeholder alone.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["EXAMPLE_PLAN", "EXAMPLE_SOURCE", "example_graph"]

EXAMPLE_SOURCE = "plans/2020.txt"
EXAMPLE_PLAN = (
    "2020年上海市与大连市对口合作计划\n"
    "2020年3月1日\n"
    "一、共建园区。推动上海市黄浦区与大连市中山区结对。（责任单位：上海市发改委、上海市科委；大连市发改委）\n"
    "二、科技合作。（责任单位：上海市科委；大连市科技局）\n"
    "三、人才交流。（责任单位：上海市人社局）\n"
    "四、宣传推介。（责任单位：各有关单位）\n"
)


def example_graph() -> nx.MultiDiGraph[str]:
    """The graph of `EXAMPLE_PLAN` (read from `EXAMPLE_SOURCE`), a new one on each call.

    Returns
    -------
    networkx.MultiDiGraph
        As `graphmodel.graph.build_graph` builds it.

    Examples
    --------
    >>> G = example_graph()
    >>> G.number_of_nodes() > 0
    True
    """
    from graphmodel.extract import extract
    from graphmodel.graph import build_graph

    return build_graph([extract(EXAMPLE_PLAN, source=EXAMPLE_SOURCE)])
