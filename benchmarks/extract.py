"""Extraction speed and peak memory: the seed plan, every fixture plan, generated plans, one long plan.

    python benchmarks/extract.py [--repeat 5] [--long 40] [--generated 60]
    python benchmarks/extract.py --corpus DIR [--plans 200] [--warm 20] [--repeat 3]

Each timing is the best of REPEAT runs, in wall time and in CPU time of this process (on a
machine shared with other work the CPU figure is nearer what an idle one gives). The seed's
line ends with its ratio to the floor: reading the file and one regex pass over it for the
opening of an annotation (the floor of `benchmarks/corpus.py`), also best of REPEAT. Generated
plans (`corpus_text.py`, as `benchmarks/corpus.py` writes them) are each extracted once, as a
corpus is: the figure per plan is what a cold build pays (the names its plans share are met
again across a corpus; a repeated run of one plan also finds its own texts remembered). The long
plan is the seed's body repeated LONG times under new top-level headings (about LONG × 26k
characters), to show how extraction grows with a document's length. Peak memory is Python
allocations as traced by tracemalloc, measured on a separate run from the timings. The machine's
load is printed first.

With ``--corpus DIR`` (a folder of plan files, e.g. the ``plans`` folder `benchmarks/corpus.py`
writes) only the corpus figure is printed: the first PLANS files in name order are read (by
`loaders.documents.read_document`), the first WARM of them extracted once as a warm-up (patterns
compiled, data loaded, memos started as a build's first plans start them), then the rest each
once, timed in CPU time of this process: ms a plan, REPEAT times over (each a new process would
be fairer, but the memos then hold the sample's own texts from the run before; so every run after
the first is warm, and the first is the figure a build pays).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from graphmodel.extract import extract

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FLOOR_PATTERN  # noqa: E402
from corpus_text import make_plan  # noqa: E402

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


def floor(path: Path, repeat: int) -> float:
    """Best seconds of reading ``path`` and one regex pass over its text."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        sum(1 for _ in FLOOR_PATTERN.finditer(path.read_bytes().decode("utf-8")))
        best = min(best, time.perf_counter() - start)
    return best


def measure(name: str, text: str, repeat: int, floor_seconds: float | None = None) -> None:
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = extract(text, source=name)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    tracemalloc.start()
    extract(text, source=name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = min(times)
    responsibilities = sum(len(t.responsibilities) for t in result.tasks)
    print(f"{name:42} {len(text):>9,} chars {len(result.tasks):>5} tasks {responsibilities:>6} resp  "
          f"best {best * 1000:8.1f} ms (cpu {min(cpu) * 1000:6.1f} ms)  "
          f"median {statistics.median(times) * 1000:8.1f} ms  "
          f"{len(text) / best / 1e6:5.2f} M chars/s  peak {peak / 2**20:6.1f} MiB"
          + (f"  {best / floor_seconds:,.0f} × the floor ({floor_seconds * 1000:.3f} ms)" if floor_seconds else ""))


def generated(count: int) -> None:
    """Generated plans, each extracted once: ms a plan, and the ratio to their floor."""
    texts = [make_plan(i, seed=7).text for i in range(1000, 1000 + count)]
    start, start_cpu = time.perf_counter(), time.process_time()
    for k, text in enumerate(texts):
        extract(text, source=f"generated-{k}.txt")
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    start = time.perf_counter()
    for text in texts:  # the floor without the read: these texts are in memory
        sum(1 for _ in FLOOR_PATTERN.finditer(text))
    base = time.perf_counter() - start
    chars = sum(map(len, texts)) / count
    print(f"{count} generated plans ({chars:,.0f} chars on average), each once: {wall / count * 1000:.1f} ms a plan "
          f"(cpu {cpu / count * 1000:.1f} ms), {wall / base:,.0f} × one regex pass over them")


def corpus(folder: Path, plans: int, warm: int, repeat: int) -> None:
    """CPU ms a plan over the first ``plans`` files of ``folder`` after ``warm`` of them as a warm-up."""
    from loaders.documents import read_document

    texts = [(read_document(p), str(p)) for p in sorted(folder.iterdir())[:plans]]
    for text, name in texts[:warm]:
        extract(text, source=name)
    rest = texts[warm:]
    chars = sum(len(t) for t, _ in rest) / max(1, len(rest))
    for run in range(repeat):
        start_cpu = time.process_time()
        for text, name in rest:
            extract(text, source=name)
        cpu = time.process_time() - start_cpu
        print(f"run {run + 1}: {len(rest)} plans ({chars:,.0f} chars on average) after {warm} warm-up: "
              f"{cpu / len(rest) * 1000:.2f} ms cpu a plan" + (" (first sight)" if run == 0 else " (memos hold them)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--long", type=int, default=40, help="copies of the seed in the long plan")
    parser.add_argument("--generated", type=int, default=60, help="generated plans, each extracted once")
    parser.add_argument("--corpus", type=Path, help="a folder of plan files: only the corpus figure")
    parser.add_argument("--plans", type=int, default=200, help="with --corpus: files read, warm-up included")
    parser.add_argument("--warm", type=int, default=20, help="with --corpus: files extracted before the timing")
    args = parser.parse_args()
    if args.corpus:
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
        corpus(args.corpus, args.plans, args.warm, args.repeat)
        return
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    seed_path = DATA / "2020-shanghai-dalian-plan.txt"
    seed = seed_path.read_text(encoding="utf-8")
    measure("seed (2020 Shanghai–Dalian)", seed, args.repeat, floor(seed_path, max(args.repeat, 20)))
    if args.generated:
        generated(args.generated)
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
