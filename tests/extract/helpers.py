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


def holdout_folder(data: Path = DATA) -> Path:
    """Where a holdout batch goes: ``real/holdout`` under ``data``. A batch there is kept apart and
    never tuned on; it is held at its first-sight floors (``test_holdout.py``), not at 1.000."""
    return data / "real" / "holdout"


HOLDOUT = holdout_folder()


def pending_folder(data: Path = DATA) -> Path:
    """Where tuning-batch plans not yet brought to 1.000 wait: ``real/pending`` under ``data``. They
    are kept out of the 1.000 bar and held at their recorded scores as floors (``test_pending.py``)."""
    return data / "real" / "pending"


def gold_files(data: Path = DATA) -> list[Path]:
    """Every plan under ``data`` that has a gold annotation: the seed, the fixture plans, the form
    and failure fixtures and the real plans, except a holdout batch (``holdout_files``)."""
    found = [data / "2020-shanghai-dalian-plan.txt"]
    for pattern in ("plans*/*.txt", "forms/*.txt", "failures/*.txt", "real/*/*.txt"):
        found += sorted(data.glob(pattern))
    apart = {holdout_folder(data), pending_folder(data)}
    return [p for p in found if p.with_suffix(".gold.json").exists() and p.parent not in apart]


def holdout_files(data: Path = DATA) -> list[Path]:
    """The holdout batch's plans with a gold annotation (``real/holdout`` under ``data``; none when
    the folder is absent)."""
    folder = holdout_folder(data)
    return [p for p in sorted(folder.glob("*.txt")) if p.with_suffix(".gold.json").exists()]
