"""How well the review's flags point at the annotations the extractor got wrong.

    python benchmarks/review_flags.py [FOLDER ...]

For each folder of plans with gold files (default: every folder under ``tests/data/real``), the
plans are reviewed as one corpus (as ``graphmodel review FOLDER`` does) and compared with the gold
(``tests/review/measure.py``: a task whose responsibilities, placeholders or roles differ from the
gold block it matches is wrong). Printed per folder and over all:

- recall: the share of wrong annotations that are among the flagged items (the issue asks 100%);
- precision: the share of flagged items that are wrong;

each for any flag and for the strong flags alone (those the extraction itself raised, without the
corpus flags one-plan and close-name).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.review.measure import Measure, measure_folder  # noqa: E402


def _share(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1%}"


def line(name: str, m: Measure) -> str:
    recall, precision = m.shares()
    s_recall, s_precision = m.shares(strong=True)
    wrong = len(m.wrong) + m.lost
    return (f"{name:14} plans={m.plans:3} items={m.items:4} wrong={wrong:3} flagged={len(m.flagged):4} "
            f"strong={len(m.strong):4} | any flag: recall {_share(recall)} precision {_share(precision)} "
            f"| strong: recall {_share(s_recall)} precision {_share(s_precision)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    folders = args.folders or sorted(p for p in (ROOT / "tests" / "data" / "real").iterdir()
                                     if p.is_dir() and any(p.glob("*.gold.json")))
    total = Measure("ALL")
    for folder in folders:
        m = measure_folder(folder)
        print(line(folder.name, m))
        for task in sorted(m.wrong):
            seen = "strong" if task in m.strong else "yes" if task in m.flagged else "NO"
            print(f"    wrong: {task}  flagged={seen}")
        total.plans += m.plans
        total.items += m.items
        total.lost += m.lost
        total.wrong |= m.wrong
        total.flagged |= m.flagged
        total.strong |= m.strong
    print(line("ALL", total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
