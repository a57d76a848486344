"""Time to build and render each HTML view, and the page's size.

    python benchmarks/views.py [PATH ...]          # default: the seed plan, then tests/data/plans too
    python benchmarks/views.py --synthetic 40      # 40 synthetic plans (see build_graph.py)

For each graph: its size, then per view the nodes and edges drawn, the seconds to build the
view data (layout included) and to render the page, and the page's size in bytes.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import networkx as nx

from graphmodel.graph import build_graph
from graphmodel.views import build_view, render_page
from loaders.corpus import load_graph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "2020-shanghai-dalian-plan.txt"


def busiest_unit(graph: nx.MultiDiGraph) -> str:
    units = [n for n, a in graph.nodes(data=True) if a.get("kind") == "Unit"]
    return max(units, key=lambda n: (graph.out_degree(n), n))


def measure(label: str, graph: nx.MultiDiGraph) -> None:
    print(f"{label}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    for view in ("network", "counterparts", "focus"):
        focus = busiest_unit(graph) if view == "focus" else None
        start = time.perf_counter()
        data = build_view(graph, view, focus)
        built = time.perf_counter()
        page = render_page(data)
        done = time.perf_counter()
        print(f"  {view:<12} {len(data.nodes):>6} nodes {len(data.edges):>6} edges "
              f"build {built - start:6.2f} s  render {done - built:5.2f} s  page {len(page.encode()):>9,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--synthetic", type=int, metavar="PLANS", help="Use this many synthetic plans.")
    parser.add_argument("--tasks", type=int, default=60, help="Tasks per synthetic plan.")
    args = parser.parse_args()
    if args.synthetic:
        from build_graph import synthetic_plan  # beside this script

        rng = random.Random(7)
        graph = build_graph(synthetic_plan(i, args.tasks, 40, rng) for i in range(args.synthetic))
        measure(f"{args.synthetic} synthetic plans", graph)
    elif args.paths:
        measure(" ".join(map(str, args.paths)), load_graph(args.paths))
    else:
        measure("seed plan", load_graph([SEED]))
        measure("seed plan + tests/data/plans", load_graph([SEED, ROOT / "tests" / "data" / "plans"]))


if __name__ == "__main__":
    main()
