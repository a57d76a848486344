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

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from graphmodel.extract.annotations import Annotation
    from graphmodel.extract.recognisers import Doc

__all__ = ["EXAMPLE_PLAN", "EXAMPLE_SOURCE", "example_graph", "EXAMPLE_OUTLINE", "EXAMPLE_PAIRED",
           "example_reading"]

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


# The examples of the extractor's steps read these: a keyword bracket, and a bare bracket after 二、's
# children that closes them all (lifted to 二、); a paired plan whose second task labels its sides.
EXAMPLE_OUTLINE = ("一、推进改革。（牵头单位：市发改委；配合单位：市财政局）\n"
                   "二、扩大开放\n（一）引进外资。\n（二）发展外贸。\n（市商务局、市外办）")
EXAMPLE_PAIRED = ("一、推进改革。（责任单位：上海市发改委；大连市发改委）\n"
                  "二、扩大开放。（责任单位：沪方：市商务局；连方：市外办）")


def example_reading(text: str = EXAMPLE_OUTLINE) -> tuple[str, Doc, list[Annotation]]:
    """The extractor's first steps on ``text``, for the examples of the later ones.

    Parameters
    ----------
    text : str
        A plan's text; `EXAMPLE_OUTLINE` by default.

    Returns
    -------
    norm : str
        The normalised text.
    doc : Doc
        The document, its outline in ``doc.items``.
    annotations : list of Annotation
        What the recognisers propose, those that need no outline first (unsettled, as
        `graphmodel.extract.recognisers.recognise` returns them).

    Examples
    --------
    >>> norm, doc, annotations = example_reading()
    >>> [(a.form, norm[a.start:a.end]) for a in annotations]
    [('keyword', '(牵头单位:市发改委;配合单位:市财政局)'), ('bare', '(市商务局、市外办)')]
    """
    from graphmodel.extract.grammar import default_grammar
    from graphmodel.extract.outline import parse_outline
    from graphmodel.extract.recognisers import Doc, recognise
    from graphmodel.extract.text import normalize, pair_brackets

    norm = normalize(text)
    doc = Doc(text, norm, default_grammar(), pair_brackets(norm), [])
    early = recognise(doc, outline=False)
    doc.items = parse_outline(norm, skip=[a.span for a in early])
    return norm, doc, early + recognise(doc, outline=True, prior=early)
