"""Loading Neo4j at scale: Bolt loads, the bulk import, and one plan added to a big database.

    python benchmarks/neo4j_load.py [--responsibilities 1000000] [--tasks 100] [--units 400]
                                    [--batch 10000] [--skip-bulk]

Synthetic plans of ``--tasks`` tasks, each naming 1-3 of ``--units`` units per side (two sides,
units shared by all plans), as many plans as give ``--responsibilities`` responsibility rows.
It starts the local server with the default settings (heap 1 GiB, page cache 512 MiB) on free
ports in a temporary home folder, and prints:

1. the load into an empty database over Bolt (`loaders.neo4j.load.load_parts`): seconds,
   responsibility rows per second and all rows per second;
2. the same load again (every plan unchanged);
3. the seed plan (``tests/data/2020-shanghai-dalian-plan.txt``, 758 rows) added to that database
   (the first plan with districts and parks: the server compiles those statements then), another
   plan of that size (the 2021 Shanghai–Dalian plan), a revision of the seed replacing it, and
   the seed's removal;
4. the bulk path on the same plans: writing the import CSVs, then ``neo4j-admin database import
   full`` into a second (stopped) home, and the node and relationship counts of both databases.

Nothing is kept: both homes are deleted at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.model import DocumentInfo, Extraction, Responsibility, Side, Task, Unit  # noqa: E402
from loaders.corpus import read_extractions  # noqa: E402
from loaders.neo4j.connection import Neo4jSettings, connect  # noqa: E402
from loaders.neo4j.load import load_parts, remove_documents  # noqa: E402
from loaders.neo4j.rows import extraction_parts  # noqa: E402

SIDES = ("上海市", "大连市")
SEED = ROOT / "tests" / "data" / "2020-shanghai-dalian-plan.txt"
OTHER = ROOT / "tests" / "data" / "plans" / "2021-shanghai-dalian-plan.txt"


def synthetic(documents: int, tasks: int, units: int, seed: int = 7) -> list[Extraction]:
    """``documents`` plans of ``tasks`` tasks; each task names 1-3 of ``units`` units per side."""
    rng = random.Random(seed)
    pool = {side: [Unit(id=f"unit:{side}/{side}单位{i:04d}", name=f"{side}单位{i:04d}", side=side,
                        aliases=[f"单位{i:04d}"]) for i in range(units)] for side in SIDES}
    out = []
    for d in range(documents):
        doc_id = f"doc:合成计划{d:05d}@{d:010x}"
        used: dict[str, Unit] = {}
        plan_tasks = []
        for t in range(tasks):
            number = f"{t // 10 + 1}.{t % 10 + 1}"
            task = Task(id=f"{doc_id}#{number}", number=number, text=f"合成任务{d}-{t},推进两地合作。" * 3,
                        span=(t * 100, t * 100 + 90))
            for side in SIDES:
                for unit in rng.sample(pool[side], rng.randint(1, 3)):
                    used[unit.id] = unit
                    task.responsibilities.append(Responsibility(mention=unit.name, unit=unit.id, side=side,
                                                                span=(t * 100 + 50, t * 100 + 58)))
            plan_tasks.append(task)
        info = DocumentInfo(id=doc_id, title=f"合成计划{d:05d}", sides=[Side(s) for s in SIDES],
                            date=f"{2018 + d % 5}-{d % 12 + 1:02d}-{d % 28 + 1:02d}", sha256=f"{d:064x}")
        out.append(Extraction(document=info, tasks=plan_tasks, units=list(used.values())))
    return out


def _counts(driver: object) -> dict[str, int]:
    out = {}
    for r in driver.execute_query("MATCH (n) RETURN labels(n)[0] AS k, count(*) AS n").records:
        out[r["k"]] = r["n"]
    for r in driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n").records:
        out[r["k"]] = r["n"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--responsibilities", type=int, default=1_000_000)
    ap.add_argument("--tasks", type=int, default=100, help="tasks per plan")
    ap.add_argument("--units", type=int, default=400, help="units per side")
    ap.add_argument("--batch", type=int, default=10000)
    ap.add_argument("--skip-bulk", action="store_true", help="no bulk import")
    args = ap.parse_args(argv)

    from loaders.server import free_port, start, stop

    began = time.perf_counter()
    per_plan = args.tasks * 4  # 1-3 units per side: 4 responsibilities a task on average
    plans = synthetic(max(1, round(args.responsibilities / per_plan)), args.tasks, args.units)
    parts = extraction_parts(plans)
    rows = sum(p.size for p in parts)
    resp = sum(p.responsibilities for p in parts)
    print(f"plans: {len(parts)} of {args.tasks} tasks; {resp:,} responsibility rows, {rows:,} rows in all "
          f"(made and cut in {time.perf_counter() - began:.1f} s)", flush=True)

    homes = [Path(tempfile.mkdtemp(prefix="graphmodel-bench-")) for _ in range(2)]
    try:
        info, _ = start(homes[0], port=free_port(), http_port=0, echo=lambda line: print(line, file=sys.stderr))
        settings = Neo4jSettings(info.uri)
        with connect(settings) as driver:
            s = load_parts(driver, settings, parts, batch_size=args.batch)
            bolt_seconds = s.seconds
            print(f"Bolt load into an empty database: {s.seconds:.1f} s = {s.responsibilities / s.seconds:,.0f} "
                  f"responsibility rows/s, {s.rows_per_second:,.0f} rows/s ({s.transactions} transactions, "
                  f"{s.counterparts:,} counterpart links)", flush=True)
            s = load_parts(driver, settings, parts, batch_size=args.batch)
            print(f"the same plans again (all unchanged): {s.seconds:.1f} s, {s.changed} written", flush=True)
            bolt_counts = _counts(driver)  # to compare with the bulk import of the same plans

            seed = read_extractions([SEED])
            seed_parts = extraction_parts(seed)
            s = load_parts(driver, settings, seed_parts)
            print(f"the seed plan ({s.rows} rows) added to the big database: {s.seconds:.2f} s", flush=True)
            s = load_parts(driver, settings, extraction_parts(read_extractions([OTHER])))
            print(f"then the 2021 Shanghai–Dalian plan ({s.rows} rows): {s.seconds:.2f} s", flush=True)
            text = SEED.read_text(encoding="utf-8")
            with tempfile.TemporaryDirectory() as tmp:
                revised = Path(tmp) / SEED.name
                revised.write_text(text.replace("(责任单位:上海市发展改革委", "(责任单位:上海市商务委", 1),
                                   encoding="utf-8")
                s = load_parts(driver, settings, extraction_parts(read_extractions([revised])))
            print(f"a revision of it replacing it: {s.seconds:.2f} s ({s.changed} written)", flush=True)
            t = time.perf_counter()
            remove_documents(driver, settings, [seed_parts[0].id])
            print(f"its removal: {time.perf_counter() - t:.2f} s", flush=True)
        stop(homes[0])

        if not args.skip_bulk:
            from loaders.neo4j_import import ARGS_FILE, write_import_csvs
            from loaders.server.admin import import_database

            t = time.perf_counter()
            files = write_import_csvs(parts, homes[1] / "csv")
            written = time.perf_counter() - t
            t = time.perf_counter()
            import_database(["@" + ARGS_FILE], home=homes[1], cwd=files.folder)
            imported = time.perf_counter() - t
            bulk = written + imported
            print(f"bulk: CSVs written in {written:.1f} s, neo4j-admin import {imported:.1f} s, "
                  f"{bulk:.1f} s in all; Bolt took {bolt_seconds / bulk:.2f}× as long", flush=True)
            info, _ = start(homes[1], port=free_port(), http_port=0)
            with connect(Neo4jSettings(info.uri)) as driver:
                bulk_counts = _counts(driver)
            stop(homes[1])
            nodes = sum(v for k, v in bolt_counts.items() if not k.isupper())
            print(f"same node and relationship counts in both databases: {bulk_counts == bolt_counts} "
                  f"({nodes:,} nodes, {sum(bolt_counts.values()) - nodes:,} relationships)")
    finally:
        for home in homes:
            stop(home)
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
