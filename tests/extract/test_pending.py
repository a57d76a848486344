"""Pending real plans (tests/data/real/pending): tuning-batch plans not yet at F1 1.000.

A plan of a tuning batch whose failure kind is not fixed yet waits in ``tests/data/real/pending/``:
``gold_files()`` leaves it out of the 1.000 bar, and it is held at its recorded scores as floors
(``scores.json``, in the format of a holdout's ``first_sight.json``; the checks are the holdout's,
``test_holdout.floor_failures``). When a plan reaches 1.000 it moves back to its batch.
"""

from __future__ import annotations

from pathlib import Path

from tests.extract.helpers import DATA, gold_files, pending_folder
from tests.extract.test_holdout import floor_failures, floors

RECORD = "scores.json"


def pending_files(data: Path = DATA) -> list[Path]:
    """The pending plans with a gold annotation (none when the folder is absent)."""
    return [p for p in sorted(pending_folder(data).glob("*.txt")) if p.with_suffix(".gold.json").exists()]


def test_the_pending_plans_hold_their_recorded_scores() -> None:
    files = pending_files()
    assert {p.stem for p in files} == set(floors(pending_folder(), RECORD))
    assert floor_failures(files, RECORD) == []


def test_pending_plans_are_kept_out_of_the_bar() -> None:
    pending = set(pending_files())
    assert pending and not pending & set(gold_files())
