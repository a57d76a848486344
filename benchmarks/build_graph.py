"""Build time and peak memory of the graph over a synthetic corpus of N plans.

    python benchmarks/build_graph.py --plans 200 --tasks 60

Plans are made in memory (no extraction): each pairs two regions from a pool, has TASKS tasks,
and names 1–4 units of each side per task from a pool of UNITS units per region, so units
recur across plans as they do in real corpora. Prints the figures for building the graph and
for the counterpart pairs and network analyses over it. Peak memory is Python allocations
as traced by tracemalloc (run without it for timing: tracing slows allocation).
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from graphmodel.analysis import counterpart_pairs, network_metrics
from graphmodel.graph import build_graph
from graphmodel.model import DocumentInfo, Extraction, Responsibility, Side, Task, Unit

REGIONS = ["上海市", "大连市", "江苏省", "辽宁省", "广东省", "黑龙江省", "浙江省", "吉林省", "北京市", "沈阳市"]
WORDS = ["发展改革委", "科技局", "教育局", "商务局", "财政局", "文化和旅游局", "卫生健康委", "农业农村局",
         "交通运输局", "生态环境局", "人力资源社会保障局", "国资委", "金融局", "统计局", "审计局", "民政局"]


def synthetic_plan(i: int, tasks: int, units: int, rng: random.Random) -> Extraction:
    a, b = rng.sample(REGIONS, 2)
    doc = f"doc:{2000 + i // 50}年{a}与{b}对口合作计划{i}"
    pool = {side: [f"{side}{WORDS[k % len(WORDS)]}{k // len(WORDS) or ''}" for k in range(units)] for side in (a, b)}
    seen: dict[str, Unit] = {}
    out = []
    at = 0
    for t in range(tasks):
        start = at
        resps = []
        for side in (a, b):
            for name in rng.sample(pool[side], rng.randint(1, 4)):
                uid = f"unit:{side}/{name}"
                seen.setdefault(uid, Unit(uid, name, side))
                resps.append(Responsibility(name, uid, side, "responsible", span=(at, at + len(name))))
                at += len(name) + 1
        out.append(Task(f"{doc}#({t + 1})", f"({t + 1})", "推进合作", (start, at), responsibilities=resps))
    return Extraction(DocumentInfo(doc, doc[4:], [Side(a), Side(b)]), tasks=out, units=sorted(seen.values(),
                      key=lambda u: u.id))


def timed(label: str, func, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<28}{time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--tasks", type=int, default=60, help="tasks per plan")
    parser.add_argument("--units", type=int, default=60, help="units per region")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    plans = [synthetic_plan(i, args.tasks, args.units, rng) for i in range(args.plans)]
    print(f"{args.plans} plans, {args.tasks} tasks each, {args.units} units per region")
    graph = timed("build_graph", build_graph, plans)
    print(f"{'nodes / edges':<28}{graph.number_of_nodes():>8} / {graph.number_of_edges()}")
    timed("counterpart_pairs", counterpart_pairs, graph)
    timed("network_metrics", network_metrics, graph)
    tracemalloc.start()
    build_graph(plans)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'build_graph peak memory':<28}{peak / 2**20:8.1f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
