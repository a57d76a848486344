"""Extraction speed and peak memory: the seed plan, every fixture plan, and one long plan.

    python benchmarks/extract.py [--repeat 5] [--long 40]

The long plan is the seed's body repeated LONG times under new top-level headings (about
LONG × 26k characters), to show how extraction grows with a document's length. Peak memory is
Python allocations as traced by tracemalloc, measured on a separate run from the timings.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from graphmodel.extract import extract

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
NUMERALS = "一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 24 → 二十四 (up to 99)."""
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def long_plan(seed: str, times: int) -> str:
    """The seed's outline ``times`` over, renumbered so the outline stays valid."""
    head, _, body = seed.partition(" 一、")
    parts = [head]
    for k in range(1, times + 1):
        parts.append(f" {chinese(k)}、第{k}部分 (一)总体安排 {body}")
    return "".join(parts)


def measure(name: str, text: str, repeat: int) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = extract(text, source=name)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    extract(text, source=name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = min(times)
    responsibilities = sum(len(t.responsibilities) for t in result.tasks)
    print(f"{name:42} {len(text):>9,} chars {len(result.tasks):>5} tasks {responsibilities:>6} resp  "
          f"best {best * 1000:8.1f} ms  median {statistics.median(times) * 1000:8.1f} ms  "
          f"{len(text) / best / 1e6:5.2f} M chars/s  peak {peak / 2**20:6.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--long", type=int, default=40, help="copies of the seed in the long plan")
    args = parser.parse_args()
    seed = (DATA / "2020-shanghai-dalian-plan.txt").read_text(encoding="utf-8")
    measure("seed (2020 Shanghai–Dalian)", seed, args.repeat)
    total = 0.0
    plans = sorted(DATA.glob("plans/*.txt"))
    start = time.perf_counter()
    for path in plans:
        extract(path.read_text(encoding="utf-8"), source=path.name)
    total = time.perf_counter() - start
    print(f"{len(plans)} fixture plans, one pass: {total * 1000:.0f} ms")
    measure(f"long plan ({args.long} × seed)", long_plan(seed, args.long), max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
