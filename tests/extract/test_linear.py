"""The extractor's time grows linearly with its input, whatever the input's shape.

Each case times extraction at n and at 8n characters and asserts the ratio (never an absolute
time): linear work gives about 8, quadratic about 64. Each figure is the best of five runs in
CPU time, the two sizes timed in turn, with the garbage collector off. In wall time a busy
machine pushed ratios from 4.7 to 18.3 and over a bound of 24; in CPU time one still reached
17.4 in a full CI run on a machine busy with memory-heavy work (its caches slow the larger run
more), hence the turns, so that a busy spell falls on both sizes; and a collection walks every
object the test process holds, which is not the extractor's time. Measured so, the ratios stay
within 4.2-9.0, with four busy loops running beside them. The bound (16) leaves room for that;
a quadratic part too small at 150 items to show is measured from n = 300 (before their fixes:
places met again and again in one task 14.1 at 150 and 20.3 at 300; a list of many units 16.6
and 23.5).
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable

import pytest

from graphmodel.errors import GraphmodelError
from graphmodel.extract import extract

HEAD = "2021年大连市重点工作任务分工方案\n"


def _items(k: int) -> str:
    return HEAD + "".join(f"{i}.推进第{i}项工作，加快项目建设。（牵头单位：市发改委；配合单位：市财政局、各区市县）\n"
                          for i in range(1, k + 1))


def _one_long_item(k: int) -> str:
    body = "推进大连高新园区与上海张江高新区合作，支持宁海县、象山县与浦东新区结对，建设沪连对口合作产业园。" * k
    return HEAD + "一、" + body + "（责任单位：市发改委）"


def _one_long_line(k: int) -> str:
    return HEAD + " ".join(f"{i}.推进第{i}项工作。 责任单位:市发改委、市财政局" for i in range(1, k + 1))


def _unclosed(k: int) -> str:
    return HEAD + "一、甲。" + "（责任单位：市发改委、市财政局" * k


def _nested(k: int) -> str:
    return HEAD + "一、甲。（责任单位：市发改委" + "（" * k + "）" * k + "）"


def _closes_without_opening(k: int) -> str:
    return HEAD + "一、甲。" + "）】〉" * k + "（责任单位：市发改委）"


def _dashes(k: int) -> str:
    return "—" * (40 * k) + "\n" + _items(2)


def _table(k: int) -> str:
    rows = "".join(f"{i}\t推进第{i}项工作\t市发改委\t市财政局\n" for i in range(1, k + 1))
    return HEAD + "序号\t重点任务\t牵头单位\t配合单位\n" + rows


def _cell_table(k: int) -> str:
    rows = "".join(f"{i}\n推进第{i}项工作\n市发改委\n市财政局\n" for i in range(1, k + 1))
    return HEAD + "序号\n重点任务\n牵头单位\n配合单位\n" + rows


def _merged_cell_rows(k: int) -> str:
    rows = "".join(f"{i % 900 + 1}.推进第{i}项工作\n|\n★市发改委、市财政局\n|\n" for i in range(2, k + 1))
    return HEAD + "序号\n|\n项目\n|\n重点工作\n|\n责任单位\n|\n1\n|\n指标\n|\n1.推进第1项工作\n|\n★市发改委\n|\n" + rows


def _heading_leads(k: int) -> str:
    parts = []
    for i in range(k):  # 50 headings to a part: 一、 … 二十四、
        if i % 50 == 0:
            n = i // 50 + 1
            parts.append(f"{'二' if n >= 20 else ''}{'十' if n >= 10 else ''}{'一二三四五六七八九'[n % 10 - 1] if n % 10 else ''}、第{n}部分\n")
        parts.append(f"({i % 50 + 1})市发改委牵头的工作\n1.推进第{i}项工作。\n2.加快项目建设。\n协同单位:市财政局。\n")
    return HEAD + "".join(parts)


def _long_unit_list(k: int) -> str:
    return HEAD + "一、推进合作。（责任单位：" + "、".join(f"市第{i}局" for i in range(k)) + "）"


def _bare_regions(k: int) -> str:
    # Bare region names sharing a later one's department (海东市、…临夏州发展改革部门), none here.
    regions = "、".join(("海东市", "兰州市", "西宁市", "临夏州")[i % 4] for i in range(k))
    return "2021年青海省与甘肃省合作工作要点\n一、推进合作。（责任单位：" + regions + "）"


def _one_park_again(k: int) -> str:
    return HEAD + "一、推动" + "、".join(["大连高新园区"] * k) + "与上海张江高新区合作。（责任单位：市发改委）"


CASES: dict[str, Callable[[int], str]] = {
    "many items": _items, "one long item full of places": _one_long_item, "one long line": _one_long_line,
    "unclosed brackets": _unclosed, "nested brackets": _nested, "closing brackets alone": _closes_without_opening,
    "a title of dashes": _dashes, "a tab table": _table, "a table a line per cell": _cell_table,
    "a table a line per cell, rows sharing merged cells": _merged_cell_rows, "leads named in headings": _heading_leads,
    "one list of many units": _long_unit_list, "a list of bare regions": _bare_regions,
    "one park named again and again": _one_park_again,
}


def _run(text: str) -> float:
    start = time.process_time()
    with contextlib.suppress(GraphmodelError):
        extract(text, source="plan.txt")
    return time.process_time() - start


def _ratio(small: str, large: str, rounds: int = 5) -> float:
    """The best time of ``large`` over the best of ``small``, the two run in turn (so a busy
    spell of the machine falls on both) with the collector off."""
    _run(small), _run(large)  # warm the caches
    best_small = best_large = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            best_small = min(best_small, _run(small))
            best_large = min(best_large, _run(large))
    finally:
        gc.enable()
    return best_large / max(best_small, 1e-4)


SIZES = {"one long item full of places": 300, "one list of many units": 300}  # n where it is not 150


@pytest.mark.parametrize("shape", list(CASES))
def test_time_grows_linearly(shape: str) -> None:
    make, n = CASES[shape], SIZES.get(shape, 150)
    small, large = make(n), make(8 * n)
    assert len(large) > 7 * len(small)
    ratio = _ratio(small, large)
    assert ratio < 16, f"{shape}: 8x the input took {ratio:.1f}x the time"  # quadratic: about 64
