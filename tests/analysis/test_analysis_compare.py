"""Comparing 2020 with 2021, by hand.

2020 pairs: A–X 2, A–Y 1, B–X 1, B–Y 2. 2021 pairs: A–X 1, A–W 1, B–X 1, B–W 1, C–Z 1.
Gained A–W, B–W, C–Z; lost A–Y, B–Y; A–X changed 2 → 1; kept A–X and B–X. Units: W comes,
Y goes (C and Z are in both years).
"""

from __future__ import annotations

from graphmodel.analysis import compare_graphs
from graphmodel.graph import build_graph
from tests.graph.plans import DL, P2020, P2021, SH, A, B, C, T, W, X, Y, Z, plan, plan_2020, plan_2021


def _pairs(changes: list) -> list[tuple[str, str, int, int]]:
    return [(p.a.id, p.b.id, p.before, p.after) for p in changes]


def test_two_graphs() -> None:
    result = compare_graphs(build_graph([plan_2020()]), build_graph([plan_2021()]))
    # Ties on count sort by name: 上海市政府… (政 U+653F) < 上海市教委 (教 U+6559) < 上海市科委 (科).
    assert _pairs(result.pairs_gained) == [(A, W, 0, 1), (C, Z, 0, 1), (B, W, 0, 1)]
    assert _pairs(result.pairs_lost) == [(B, Y, 2, 0), (A, Y, 1, 0)]
    assert _pairs(result.pairs_changed) == [(A, X, 2, 1)]
    assert result.pairs_kept == 2
    assert [u.id for u in result.units_gained] == [W]
    assert [u.id for u in result.units_lost] == [Y]


def test_two_documents_of_one_graph_give_the_same_answer() -> None:
    g = build_graph([plan_2020(), plan_2021()])
    same = compare_graphs(g, g, before_document=P2020, after_document=P2021)
    assert same == compare_graphs(build_graph([plan_2020()]), build_graph([plan_2021()]))
    assert compare_graphs(g, g).to_dict()["pairs_gained"] == []
    assert X not in {u.id for u in same.units_gained + same.units_lost}  # in both years


def test_stated_pairings_gained_and_lost() -> None:
    places = {"浦东软件园": ("park", SH), "大连软件园": ("park", DL), "长宁区": ("district", SH),
              "瓦房店市": ("district", DL)}
    old = plan("旧", [SH, DL], [T("1", [["上海市科委"], ["大连市科技局"]], text="浦东软件园与大连软件园",
                                  places=["浦东软件园", "大连软件园"])],
               places=places, pairings=[("park", "浦东软件园", "大连软件园")])
    # The new plan states the park pairing the other way round (still the same pairing) and adds
    # the districts.
    new = plan("新", [SH, DL], [T("1", [["上海市科委"], ["大连市科技局"]], text="大连软件园与浦东软件园,长宁区与瓦房店市",
                                  places=["浦东软件园", "大连软件园", "长宁区", "瓦房店市"])],
               places=places, pairings=[("park", "大连软件园", "浦东软件园"), ("district", "长宁区", "瓦房店市")])
    result = compare_graphs(build_graph([old]), build_graph([new]))
    assert [(p.kind, p.a.name, p.b.name) for p in result.pairings_gained] == [("district", "长宁区", "瓦房店市")]
    assert result.pairings_lost == []
    back = compare_graphs(build_graph([new]), build_graph([old]))
    assert [(p.kind, p.a.name, p.b.name) for p in back.pairings_lost] == [("district", "长宁区", "瓦房店市")]
