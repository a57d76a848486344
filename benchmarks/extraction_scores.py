"""Extraction quality over folders of plans with gold annotations.

    python benchmarks/extraction_scores.py [FOLDER ...] [--verbose]

For every ``*.txt`` with a ``*.gold.json`` beside it: the responsibility F1 as the project's scorer
(a copy of ``../shared/tools/score_extraction.py``) computes it, placeholders leaked, places and
stated pairings found; then the micro-F1 over each folder and over all. A document the extractor
rejects counts every gold responsibility as missed. With no folder: every gold folder under
``tests/data``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.errors import GraphmodelError  # noqa: E402
from graphmodel.extract import extract  # noqa: E402
from tests.extract.scoring import score  # noqa: E402

_COUNT = re.compile(r"(places_found|place_pairings_found)=(\d+)/(\d+)")


def score_one(txt: Path, verbose: bool) -> dict[str, float | int | str]:
    gold = json.loads(txt.with_name(txt.name[: -len(".txt")] + ".gold.json").read_text(encoding="utf-8"))
    n_gold = len({(k, u["side"], u["canonical"]) for k, b in enumerate(gold["blocks"]) for u in b["units"]})
    try:
        pred = extract(txt.read_text(encoding="utf-8"), source=txt.name).to_dict()
    except GraphmodelError as exc:
        return {"file": txt.name, "f1": 0.0, "tp": 0, "gold": n_gold, "pred": 0, "leaked": 0,
                "rejected": str(exc), "places": 0, "places_gold": len(gold.get("places", [])),
                "pairs": 0, "pairs_gold": len(gold.get("place_pairs", []))}
    lines: list[str] = []
    result = score(gold, pred, out=lines.append)
    counts = {m.group(1): (int(m.group(2)), int(m.group(3))) for ln in lines if (m := _COUNT.search(ln))}
    if verbose:
        for ln in lines:
            if ln.startswith("  "):
                print(f"    {txt.name[:40]}: {ln.strip()}")
    return {"file": txt.name, **result, "rejected": "",
            "places": counts.get("places_found", (0, 0))[0], "places_gold": counts.get("places_found", (0, 0))[1],
            "pairs": counts.get("place_pairings_found", (0, 0))[0],
            "pairs_gold": counts.get("place_pairings_found", (0, 0))[1]}


def micro(rows: list[dict]) -> tuple[float, float, float]:
    tp = sum(r["tp"] for r in rows)
    gold = sum(r["gold"] for r in rows)
    pred = sum(r["pred"] for r in rows)
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="print what each file missed or added")
    args = parser.parse_args()
    folders = args.folders or sorted({p.parent for p in (ROOT / "tests" / "data").rglob("*.gold.json")})
    every: list[dict] = []
    for folder in folders:
        txts = sorted(p for p in folder.glob("*.txt") if p.with_name(p.name[:-4] + ".gold.json").exists())
        rows = [score_one(t, args.verbose) for t in txts]
        for r in rows:
            flag = f"  REJECTED: {r['rejected']}" if r["rejected"] else ""
            print(f"  {r['file'][:58]:58} f1={r['f1']:.3f} gold={r['gold']:4} pred={r['pred']:4} "
                  f"leaked={r['leaked']} places={r['places']}/{r['places_gold']} "
                  f"pairs={r['pairs']}/{r['pairs_gold']}{flag}")
        f1, p, rc = micro(rows)
        print(f"{folder}: {len(rows)} files, micro-F1 {f1:.3f} (precision {p:.3f}, recall {rc:.3f}), "
              f"leaked {sum(r['leaked'] for r in rows)}, rejected {sum(1 for r in rows if r['rejected'])}")
        every += rows
    f1, p, rc = micro(every)
    places = sum(r["places"] for r in every), sum(r["places_gold"] for r in every)
    pairs = sum(r["pairs"] for r in every), sum(r["pairs_gold"] for r in every)
    print(f"ALL: {len(every)} files, micro-F1 {f1:.3f} (precision {p:.3f}, recall {rc:.3f}), "
          f"leaked {sum(r['leaked'] for r in every)}, rejected {sum(1 for r in every if r['rejected'])}, "
          f"places {places[0]}/{places[1]}, pairings {pairs[0]}/{pairs[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
