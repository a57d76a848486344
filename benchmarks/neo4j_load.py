"""Rows per second of `loaders.neo4j.load.load_graph` on a synthetic corpus.

    python benchmarks/neo4j_load.py [--documents 50] [--tasks 200] [--units 300] [--batch 5000]
                                    [--uri bolt://...]

Without ``--uri`` (or ``NEO4J_URI``) it starts the local server on a free port with a temporary
home folder and stops it at the end. It empties the database it is given: never point it at one
you care about. Prints the graph's size, then each load of it: the first into an empty database, the others
replacing every document (a fresh server's first loads also pay for compiling the statements).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graphmodel.graph import build_graph
from graphmodel.model import DocumentInfo, Extraction, Responsibility, Side, Task, Unit
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.load import load_graph

SIDES = ("上海市", "大连市")


def synthetic(documents: int, tasks: int, units: int, seed: int = 7) -> list[Extraction]:
    """``documents`` plans of ``tasks`` tasks each; every task names 1-3 of ``units`` units per side."""
    rng = random.Random(seed)
    pool = {side: [Unit(id=f"unit:{side}/{side}单位{i:04d}", name=f"{side}单位{i:04d}", side=side,
                        aliases=[f"单位{i:04d}"]) for i in range(units)] for side in SIDES}
    out = []
    for d in range(documents):
        doc_id = f"doc:合成计划{d:04d}"
        used: dict[str, Unit] = {}
        plan_tasks = []
        for t in range(tasks):
            number = f"{t // 10 + 1}.{t % 10 + 1}"
            task = Task(id=f"{doc_id}#{number}", number=number, text=f"合成任务{d}-{t},推进两地合作。" * 3,
                        span=(t * 100, t * 100 + 90))
            for side in SIDES:
                for unit in rng.sample(pool[side], rng.randint(1, 3)):
                    used[unit.id] = unit
                    task.responsibilities.append(Responsibility(mention=unit.name, unit=unit.id, side=side))
            plan_tasks.append(task)
        info = DocumentInfo(id=doc_id, title=f"合成计划{d:04d}", sides=[Side(s) for s in SIDES],
                            date=f"2020-01-{d % 28 + 1:02d}")
        out.append(Extraction(document=info, tasks=plan_tasks, units=list(used.values())))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=50)
    ap.add_argument("--tasks", type=int, default=200, help="tasks per document")
    ap.add_argument("--units", type=int, default=300, help="units per side")
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3, help="loads of the same graph (the first into an empty database)")
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    args = ap.parse_args(argv)

    began = time.perf_counter()
    graph = build_graph(synthetic(args.documents, args.tasks, args.units))
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"(built in {time.perf_counter() - began:.1f} s)")

    home = None
    if args.uri:
        settings = Neo4jSettings.resolve(uri=args.uri)
    else:
        from loaders.server import free_port, start

        home = Path(tempfile.mkdtemp(prefix="graphmodel-bench-"))
        info, _ = start(home, port=free_port(), echo=lambda line: print(line, file=sys.stderr))
        settings = Neo4jSettings(info.uri)
    try:
        with connect(settings) as driver:
            with driver.session(database=settings.database) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            for i in range(args.rounds):
                label = "first load (empty database)" if i == 0 else f"reload {i} (every document replaced)"
                s = load_graph(driver, settings, graph, batch_size=args.batch)
                print(f"{label}: {s.rows} rows in {s.seconds:.2f} s = {s.rows_per_second:,.0f} rows/s "
                      f"({s.transactions} transactions, {s.counterparts} counterpart pairs derived)")
    finally:
        if home is not None:
            from loaders.server import stop

            stop(home)
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
