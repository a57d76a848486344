"""Instructions per extraction, counted by callgrind (independent of the machine's load).

    python benchmarks/extract_instructions.py [--runs 3]

Runs this script under ``valgrind --tool=callgrind`` twice: once with the extractions and once
without them (imports, the grammar and a warm-up extraction of the seed only), and prints the
difference per extraction: the seed extracted RUNS times after the warm-up, and RUNS generated
plans (`corpus_text.make_plan(i, 7)`, i from 1000) each extracted once, as a corpus reads them.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "2020-shanghai-dalian-plan.txt"


def child(what: str, runs: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_text import make_plan

    from graphmodel.extract import extract

    seed = SEED.read_text(encoding="utf-8")
    plans = [make_plan(i, 7).text for i in range(1000, 1000 + runs)]
    extract(seed, source="seed")  # warm-up: patterns compiled, data loaded
    if what == "seed":
        for _ in range(runs):
            extract(seed, source="seed")
    elif what == "generated":
        for k, text in enumerate(plans):
            extract(text, source=f"generated-{k}")


def count(what: str, runs: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        # One hash seed for every run: set and dict costs do not vary between the runs compared.
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                        "--child", what, "--runs", str(runs)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": "0"})
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.M)
        assert summary, "no summary line in the callgrind output"
        return int(summary.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["none", "seed", "generated"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs)
        return
    base = count("none", args.runs)
    for what in ("seed", "generated"):
        extra = count(what, args.runs) - base
        print(f"{what}: {extra / args.runs / 1e6:.1f}M instructions per extraction (callgrind, {args.runs} runs)")


if __name__ == "__main__":
    main()
