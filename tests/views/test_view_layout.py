"""Positions: fixed, non-overlapping, and shaped as each view means."""

from __future__ import annotations

import math

from graphmodel.views import build_view, layout
from graphmodel.views.viewdata import ViewData
from tests.views.graphs import hand_graph


def overlaps(positions: dict, boxes: dict) -> list[tuple[str, str]]:
    names = sorted(positions)
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ax, ay = positions[a][0], positions[a][1] + boxes[a][2]
            bx, by = positions[b][0], positions[b][1] + boxes[b][2]
            if (boxes[a][0] + boxes[b][0]) / 2 - abs(ax - bx) > 0.01 and \
               (boxes[a][1] + boxes[b][1]) / 2 - abs(ay - by) > 0.01:
                out.append((a, b))
    return out


def view_overlaps(view: ViewData) -> list[tuple[str, str]]:
    boxes = {n["id"]: layout.label_box(n["label"], n["size"]) for n in view.nodes}
    return overlaps({n["id"]: (n["x"], n["y"]) for n in view.nodes}, boxes)


def test_label_box_counts_a_chinese_character_twice() -> None:
    assert layout.label_box("大连市", 10)[0] > layout.label_box("abc", 10)[0]
    w, h, dy = layout.label_box("上海市发展改革委", 10)
    assert w == 16 * 14 * 0.55 + 12 and h == 20 + 16 + 8 and dy == h / 2 - 10
    two = layout.label_box("上海市发展改革委\n上海市", 10)
    assert two[0] == w and two[1] == h + 16


def test_long_labels_wrap_into_even_lines() -> None:
    assert layout.wrap_label("上海市发展改革委") == "上海市发展改革委"
    # 40 display columns: two lines of 20.
    title = "2020年上海市与大连市对口合作重点工作计划"
    assert layout.wrap_label(title) == "2020年上海市与大连市\n对口合作重点工作计划"
    # 80 columns: three lines of about 27, none over 28.
    assert layout.wrap_label("一二三四五六七八九十" * 4).split("\n") == [
        "一二三四五六七八九十一二三", "四五六七八九十一二三四五六", "七八九十一二三四五六七八九十"]


def test_separate_removes_every_overlap_even_in_a_crowd() -> None:
    names = [f"单位{i:03d}" for i in range(120)]
    crowd = {n: (float(i % 3), float(i % 5)) for i, n in enumerate(names)}  # all within a few pixels
    boxes = {n: layout.label_box(n, 12) for n in names}
    assert overlaps(crowd, boxes)
    moved = layout.separate(crowd, boxes)
    assert overlaps(moved, boxes) == []
    assert layout.separate(crowd, boxes) == moved  # the same every time


def test_separate_leaves_a_clear_layout_alone() -> None:
    spaced = {"a": (0.0, 0.0), "b": (500.0, 0.0), "c": (0.0, 500.0)}
    boxes = {n: layout.label_box(n, 10) for n in spaced}
    assert layout.separate(spaced, boxes) == spaced


def test_spring_is_seeded() -> None:
    nodes = [f"n{i}" for i in range(30)]
    edges = [(nodes[i], nodes[(i * 7 + 3) % 30]) for i in range(30)]
    groups = {n: i % 3 for i, n in enumerate(nodes)}
    assert layout.spring(nodes, edges, groups) == layout.spring(nodes, edges, groups)
    assert layout.spring(["only"], []) == {"only": (0.0, 0.0)}
    assert layout.spring([], []) == {}
    # Disconnected: the seeded spring layout rather than Kamada-Kawai.
    apart = layout.spring(["a", "b", "c", "d"], [("a", "b"), ("c", "d")])
    assert apart == layout.spring(["a", "b", "c", "d"], [("a", "b"), ("c", "d")]) and len(apart) == 4


def test_columns_face_each_other_and_keep_blocks_together() -> None:
    left = ["L1", "L2", "L3"]
    right = ["R1", "R2", "R3"]
    edges = [("L1", "R3"), ("L2", "R2"), ("L3", "R1")]
    pos = layout.columns(left, right, edges)
    assert all(pos[n][0] < 0 for n in left) and all(pos[n][0] > 0 for n in right)
    # Crossing reduction puts each left node level with its partner.
    assert [pos[n][1] for n in ("L1", "L2", "L3")] == [pos[n][1] for n in ("R3", "R2", "R1")]
    blocks = layout.columns(["A1", "B1", "A2"], ["R"], [], block={"A1": 0, "A2": 0, "B1": 1})
    ys = sorted((y, n) for n, (x, y) in blocks.items() if x < 0)
    assert [n for _, n in ys] == ["A1", "A2", "B1"]
    assert ys[2][0] - ys[1][0] == 2 * (ys[1][0] - ys[0][0])  # an empty row between blocks


def test_columns_spread_a_long_side_over_sub_columns() -> None:
    left = [f"L{i}" for i in range(60)]
    pos = layout.columns(left, ["R"], [(n, "R") for n in left])
    xs = sorted({x for x, _ in pos.values() if x < 0})
    assert len(xs) > 1
    height = max(y for _, y in pos.values()) - min(y for _, y in pos.values())
    assert height < 60 * 44 / 2


def test_rings_put_each_shell_on_its_own_circle() -> None:
    pos = layout.rings("c", [["t1", "t2", "t3"], [f"u{i}" for i in range(40)]])
    assert pos["c"] == (0.0, 0.0)
    inner = {round(math.hypot(*pos[n]), 6) for n in ("t1", "t2", "t3")}
    outer = {round(math.hypot(*pos[f"u{i}"]), 6) for i in range(40)}
    assert len(inner) == 1 and len(outer) == 1 and min(outer) > max(inner)
    assert pos["t1"][0] == 0.0 or abs(pos["t1"][0]) < 1e-9  # the first sits at the top
    # Forty nodes 110 px apart need a circle of at least 40 * 110 / (2 pi).
    assert min(outer) >= 40 * 110 / (2 * math.pi) - 1e-6


def test_every_view_opens_without_overlapping_labels() -> None:
    g = hand_graph()
    # The canvas views draw labels at one size and leave out those that would collide.
    assert view_overlaps(build_view(g, "focus", "大连市发展改革委")) == []


def test_fast_spring_is_seeded_spreads_nodes_and_separates_parts() -> None:
    nodes = [f"n{i}" for i in range(400)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 200}") for i in range(200)]  # one part of 200 nodes, 200 alone
    pos = layout.fast_spring(nodes, edges)
    assert pos == layout.fast_spring(nodes, edges) and sorted(pos) == sorted(nodes)
    # No two nodes on one spot: the nearest neighbour of each is at least 10 pixels away.
    import numpy as np
    from scipy.spatial import cKDTree

    points = np.array([pos[n] for n in nodes])
    nearest, _ = cKDTree(points).query(points, k=2)
    assert nearest[:, 1].min() > 10


def test_fast_spring_finds_the_parts_networkx_finds() -> None:
    import random

    import networkx as nx
    import numpy as np

    from graphmodel.views.layout.fast import _parts

    rng = random.Random(5)
    order = list(range(3000))
    rng.shuffle(order)  # a long path through shuffled rows, then random links and lone nodes
    links = [(order[i], order[i + 1]) for i in range(1500)] + \
        [(rng.randrange(1500, 2800), rng.randrange(1500, 2800)) for _ in range(600)]
    a, b = np.array([x for x, _ in links]), np.array([y for _, y in links])
    part = _parts(3000, a, b)
    g = nx.Graph(links)
    g.add_nodes_from(range(3000))
    for component in nx.connected_components(g):
        assert {int(part[n]) for n in component} == {min(component)}
