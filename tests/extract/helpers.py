"""Shared helpers for the extraction tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphmodel.extract import extract
from graphmodel.model import Extraction
from tests.extract.scoring import score

DATA = Path(__file__).resolve().parents[1] / "data"


def run(path: Path) -> Extraction:
    return extract(path.read_text(encoding="utf-8"), source=path.name)


def score_file(path: Path) -> dict[str, Any]:
    """The project scorer's figures for ``path`` against the gold beside it."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return score(gold, run(path).to_dict(), out=lambda *_: None)


HOLDOUT = DATA / "real" / "holdout"
# A second untouched batch, collected after the first was scored: not scored by any test yet (the
# project lead scores it once); kept out of ``gold_files`` so that no test runs the extractor on it.
HOLDOUT2 = DATA / "real" / "holdout2"


def gold_files() -> list[Path]:
    """Every plan under tests/data that has a gold annotation: the seed, the fixture plans, the form
    and failure fixtures and the real plans, except the holdout batches (kept apart, never tuned on:
    ``holdout_files``; ``HOLDOUT2`` is not scored by any test)."""
    found = [DATA / "2020-shanghai-dalian-plan.txt"]
    for pattern in ("plans*/*.txt", "forms/*.txt", "failures/*.txt", "real/*/*.txt"):
        found += sorted(DATA.glob(pattern))
    return [p for p in found if p.with_suffix(".gold.json").exists() and p.parent not in (HOLDOUT, HOLDOUT2)]


def holdout_files() -> list[Path]:
    """The holdout batch's plans with a gold annotation (tests/data/real/holdout)."""
    return [p for p in sorted(HOLDOUT.glob("*.txt")) if p.with_suffix(".gold.json").exists()]
