"""Corpus-scale speed: N generated plans through the real CLI, stage by stage.

    python benchmarks/corpus.py --plans 100 1000 10000 [--jobs 2] [--workdir DIR]

For each N it writes N plan texts in the genre's forms (`corpus_text.py`: real region pairs,
years, 20-60 tasks, the annotation forms, units recurring across a pair's years) and runs
``graphmodel`` on them in a fresh process per step, printing wall seconds and the step's peak
RSS:

- ``build cold, no cache``: ``build DIR -o g.gmg --no-cache`` (read, extract, build, save);
  skipped above ``--no-cache-up-to`` plans (default 1,000), where it equals the next step;
- ``build cold``: the same with an empty cache (it fills the extraction and graph caches);
- ``build warm``: again (the graph of the corpus comes from the cache);
- ``build, 1 plan changed``: one plan edited (that plan is extracted; the others come from
  the extraction cache; the graph is built again);
- ``pairs DIR``: ``pairs DIR --top 10``, warm;
- ``pairs g.gmg`` / ``pairs g.json``: the analysis on the saved graph (pack / node-link);
- ``export g.json``: ``build g.gmg -o g.json`` (load the pack, write node-link), up to
  ``--export-up-to`` plans (node-link needs about 1.3 GiB at 1,000);
- ``view``: ``view g.gmg --view counterparts`` (up to ``--view-up-to`` plans);
- ``--version``.

First the package's modules are compiled to bytecode (`compile_package`), as an installed copy
has them: an editable install under ``PYTHONDONTWRITEBYTECODE`` would compile them in every
command.

Then, in this process (CPU seconds), how a cold build splits: ``read`` (every file through
`loaders.documents.read_document`), ``extract`` (`graphmodel.extract.extract` on a sample of
plans, per plan and scaled to N), ``cache entries -> extractions`` (each plan from the cache the
CLI filled), ``build`` (`GraphBuilder.add` of each, as ``build DIR -o g.gmg`` does) and ``pack and
save`` (the pack made from the builder's tables, then written); and the floor: reading the files
and one regex pass over each, with extraction's ratio to it. The machine (CPU, cores, memory,
load) is printed first: figures from a shared, loaded machine are slower than from an idle one,
and a fixed Python loop is timed as a gauge.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_text import make_plan  # noqa: E402

# What a single regex pass looks for: the opening of a responsibility annotation.
FLOOR_PATTERN = re.compile(r"[(（【]?(?:责任单位|牵头单位|配合单位)[:：】]|牵头[,，]")


# The installed command, as a user runs it (next to this interpreter in a virtual environment).
GRAPHMODEL = shutil.which("graphmodel", path=str(Path(sys.executable).parent)) or shutil.which("graphmodel") or ""


def compile_package() -> int:
    """Compile graphmodel's modules to bytecode (where not done yet), as installing a wheel
    does, and return how many modules the package has. An editable install leaves that to the
    first run, and under ``PYTHONDONTWRITEBYTECODE`` to every run: each command then compiles
    what it imports again (0.16 s of a cold build's start, measured), which no installed copy
    pays."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("graphmodel")
    assert spec is not None and spec.origin is not None
    top = Path(spec.origin).resolve().parents[1]
    modules = 0
    for package in ("graphmodel", "loaders", "graphmodel_cli"):
        modules += sum(1 for _ in (top / package).rglob("*.py"))
        compileall.compile_dir(top / package, quiet=2)
    return modules


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else "?"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores, {mem:.0f} GiB, Python {platform.python_version()}, "
            f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def gauge() -> float:
    """Milliseconds for a fixed Python loop (about 8 ms on an idle 2020s x86 core)."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(200_000):
            total += i % 7
        best = min(best, time.perf_counter() - start)
    return best * 1000


def write_corpus(folder: Path, n: int, seed: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        plan = make_plan(i, seed)
        (folder / plan.name).write_text(plan.text, encoding="utf-8")
        chars += len(plan.text)
    return chars


def run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Run ``graphmodel ARGS``; return wall seconds, the process's peak RSS in MiB, and its CPU
    seconds (its own and its workers'; on a loaded machine wall time counts the waiting too)."""
    start = time.perf_counter()
    proc = subprocess.Popen([GRAPHMODEL, *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"graphmodel {' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, f"cpu {usage.ru_utime + usage.ru_stime:7.2f} s"  # maxrss in KiB


def row(label: str, seconds: float, rss: float | None = None, note: str = "") -> None:
    rss_text = f"{rss:8.0f} MiB" if rss is not None else " " * 12
    print(f"  {label:<28}{seconds:9.2f} s {rss_text}  {note}", flush=True)


def in_process(folder: Path, n: int, sample: int, cache_dir: Path, out: Path) -> None:
    """How a cold build splits, and the floor."""
    from graphmodel.extract import extract
    from graphmodel.graph import EDGE_TYPES, NODE_KINDS, SCHEMA, GraphBuilder
    from loaders.cache import ExtractionCache
    from loaders.corpus import expand_paths
    from loaders.documents import read_document
    from loaders.files import atomic_write_bytes
    from loaders.graphpack import pack_bytes, pack_columns
    from loaders.parallel import extract_one

    files = expand_paths([folder])
    start = time.process_time()
    matches = 0
    for f in files:
        matches += sum(1 for _ in FLOOR_PATTERN.finditer(f.read_bytes().decode("utf-8")))
    floor = time.process_time() - start
    start = time.process_time()
    texts = [read_document(f) for f in files[:sample]]
    read_sample = time.process_time() - start
    start = time.process_time()
    for f in files[sample:]:
        read_document(f)
    read_all = read_sample + time.process_time() - start
    start = time.process_time()
    for f, text in zip(files, texts, strict=False):
        extract(text, source=str(f))
    per_plan = (time.process_time() - start) / len(texts)
    cache = ExtractionCache(cache_dir)
    builder = GraphBuilder()
    from_cache = build = 0.0
    for f in files:  # as `build DIR -o g.gmg` does: each extraction added as it comes
        start = time.process_time()
        extraction = extract_one(f, cache=cache)  # from the cache the CLI filled
        from_cache += time.process_time() - start
        start = time.process_time()
        builder.add(extraction)
        gc.freeze()  # the tables so far, as the CLI freezes them (`graphmodel_cli.inputs._load`)
        build += time.process_time() - start
    del extraction
    # The CLI's route (`graphmodel_cli.inputs._packed`), with the collector off as there.
    gc.disable()
    start = time.process_time()
    columns = builder.in_graph_columns()
    assert columns is not None  # tables made from extractions always number
    data = pack_columns({"schema": SCHEMA}, *columns)
    del columns
    counts = builder.stats()
    builder.clear()
    atomic_write_bytes(out, pack_bytes(data, consume=True))
    save = time.process_time() - start
    gc.enable()
    gc.unfreeze()
    print("  in this process (CPU seconds, one core):")
    print(f"  gauge now: {gauge():.1f} ms")
    row("read (all files)", read_all, note=f"{read_all / n * 1000:.2f} ms a plan")
    row("extract (scaled to N)", per_plan * n,
        note=f"{per_plan * 1000:.1f} ms a plan, measured on {len(texts)} plans")
    row("cache entries -> extractions", from_cache, note=f"{from_cache / n * 1000:.2f} ms a plan")
    row("build (GraphBuilder.add)", build, note=f"{sum(counts[k] for k in NODE_KINDS):,} nodes, "
        f"{sum(counts[t] for t in EDGE_TYPES):,} edges")
    row("pack and save (.gmg)", save, note=f"{out.stat().st_size / 2**20:.1f} MiB")
    row("floor: read + one regex pass", floor, note=f"{matches:,} annotations found")
    print(f"  extraction / floor: {per_plan * n / floor:,.0f}x "
          f"(read + extract {(read_all + per_plan * n) / floor:,.0f}x)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for the CLI (default: its default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the plans go (default: a temporary folder, removed)")
    parser.add_argument("--no-cache-up-to", type=int, default=1000)
    parser.add_argument("--view-up-to", type=int, default=1000)
    parser.add_argument("--export-up-to", type=int, default=1000,
                        help="node-link export and its pairs up to this many plans (1.3 GiB RSS at 1,000)")
    parser.add_argument("--sample", type=int, default=100, help="plans extracted in this process")
    args = parser.parse_args()
    if not GRAPHMODEL:
        raise SystemExit("the graphmodel command is not installed (pip install -e .)")
    root = args.workdir or Path(tempfile.mkdtemp(prefix="graphmodel-corpus-"))
    print(f"machine: {machine()}")
    print(f"gauge: a fixed Python loop takes {gauge():.1f} ms (about 8 ms idle)")
    print(f"bytecode: the package's {compile_package()} modules compiled, as an installed copy has them")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    try:
        for n in args.plans:
            work = root / f"n{n}"
            shutil.rmtree(work, ignore_errors=True)
            start = time.perf_counter()
            chars = write_corpus(work / "plans", n, args.seed)
            print(f"\n{n:,} plans, {chars / n:,.0f} characters a plan on average "
                  f"(written in {time.perf_counter() - start:.1f} s)", flush=True)
            env = {**os.environ, "GRAPHMODEL_CACHE_DIR": str(work / "cache")}
            plans, gmg, json_file = str(work / "plans"), str(work / "g.gmg"), str(work / "g.json")
            if n <= args.no_cache_up_to:
                row("build cold, no cache", *run(["build", plans, "-o", gmg, "--no-cache", *jobs], env, work))
            row("build cold", *run(["build", plans, "-o", gmg, *jobs], env, work))
            row("build warm", *run(["build", plans, "-o", gmg, *jobs], env, work))
            first = sorted((work / "plans").iterdir())[0]
            first.write_text(first.read_text(encoding="utf-8").replace("。", "。 ", 1), encoding="utf-8")
            row("build, 1 plan changed", *run(["build", plans, "-o", gmg, *jobs], env, work))
            row("pairs DIR (warm)", *run(["pairs", plans, "--top", "10", *jobs], env, work))
            seconds, rss, cpu = run(["pairs", gmg, "--top", "10"], env, work)
            row("pairs g.gmg", seconds, rss, f"{cpu}  {Path(gmg).stat().st_size / 2**20:.1f} MiB file")
            if n <= args.export_up_to:
                row("export g.json", *run(["build", gmg, "-o", json_file], env, work))
                seconds, rss, cpu = run(["pairs", json_file, "--top", "10"], env, work)
                row("pairs g.json", seconds, rss, f"{cpu}  {Path(json_file).stat().st_size / 2**20:.1f} MiB file")
            if n <= args.view_up_to:
                row("view counterparts", *run(["view", gmg, "--view", "counterparts", "-o", str(work / "v.html")],
                                              env, work))
            row("--version", *run(["--version"], env, work))
            in_process(work / "plans", n, min(n, args.sample), work / "cache", work / "again.gmg")
            if not args.workdir:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)
    print(f"\nload at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
