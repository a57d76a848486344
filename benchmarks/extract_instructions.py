"""Instructions per extraction, counted by callgrind (independent of the machine's load).

    python benchmarks/extract_instructions.py [--runs 3]
    python benchmarks/extract_instructions.py --corpus DIR [--plans 40] [--warm 20]

Runs this script under ``valgrind --tool=callgrind`` twice: once with the extractions and once
without them (imports, the grammar and a warm-up extraction of the seed only), and prints the
difference per extraction: the seed extracted RUNS times after the warm-up, and RUNS generated
plans (`corpus_text.make_plan(i, 7)`, i from 1000) each extracted once, as a corpus reads them.

With ``--corpus DIR`` (a folder of plan files): the first WARM files in name order are
extracted in both runs (the warm-up: memos started as a build's first plans start them), the
next PLANS files each once in the counted run only; the figure is per plan of those. The code
counted is this checkout's (its root comes first on ``sys.path``), so a copy of another commit
can be measured with the same script.
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


def child(what: str, runs: int, corpus: Path | None = None, warm: int = 0) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_text import make_plan

    from graphmodel.extract import extract

    seed = SEED.read_text(encoding="utf-8")
    plans = [make_plan(i, 7).text for i in range(1000, 1000 + runs)]
    extract(seed, source="seed")  # warm-up: patterns compiled, data loaded
    if corpus is not None:
        from loaders.documents import read_document

        files = sorted(corpus.iterdir())[: warm + runs]
        texts = [(read_document(p), str(p)) for p in files]
        for text, name in texts[:warm]:
            extract(text, source=name)
        if what == "corpus":
            for text, name in texts[warm:]:
                extract(text, source=name)
    elif what == "seed":
        for _ in range(runs):
            extract(seed, source="seed")
    elif what == "generated":
        for k, text in enumerate(plans):
            extract(text, source=f"generated-{k}")


def count(what: str, runs: int, corpus: Path | None = None, warm: int = 0) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        # One hash seed for every run: set and dict costs do not vary between the runs compared.
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                        "--child", what, "--runs", str(runs),
                        *(["--corpus", str(corpus), "--warm", str(warm)] if corpus else [])],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.M)
        assert summary, "no summary line in the callgrind output"
        return int(summary.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["none", "seed", "generated", "corpus"])
    parser.add_argument("--corpus", type=Path, help="a folder of plan files: count PLANS of them after WARM")
    parser.add_argument("--plans", type=int, default=40, help="with --corpus: the plans counted")
    parser.add_argument("--warm", type=int, default=20, help="with --corpus: the plans extracted first, not counted")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.corpus, args.warm)
        return
    if args.corpus:
        base = count("none", args.plans, args.corpus, args.warm)
        extra = count("corpus", args.plans, args.corpus, args.warm) - base
        print(f"corpus {args.corpus}: {extra / args.plans / 1e6:.1f}M instructions per plan (callgrind, "
              f"{args.plans} plans after {args.warm})")
        return
    base = count("none", args.runs)
    for what in ("seed", "generated"):
        extra = count(what, args.runs) - base
        print(f"{what}: {extra / args.runs / 1e6:.1f}M instructions per extraction (callgrind, {args.runs} runs)")


if __name__ == "__main__":
    main()
