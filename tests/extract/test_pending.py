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


def _plan_in(data: Path, folder: str) -> Path:
    """A copy of a failure fixture (text and gold) in ``data/real/<folder>``."""
    source = DATA / "failures" / "table-cells-section-units"
    (data / "real" / folder).mkdir(parents=True, exist_ok=True)
    for suffix in (".txt", ".gold.json"):
        target = data / "real" / folder / f"plan{suffix}"
        target.write_bytes(Path(f"{source}{suffix}").read_bytes())
    return data / "real" / folder / "plan.txt"


def test_pending_plans_are_kept_out_of_the_bar(tmp_path: Path) -> None:
    # The folder may be empty (every plan back in its batch): the mechanism is checked on a copy.
    assert not set(pending_files()) & set(gold_files())
    waiting, tuned = _plan_in(tmp_path, "pending"), _plan_in(tmp_path, "batch1")
    assert pending_files(tmp_path) == [waiting]
    found = gold_files(tmp_path)
    assert tuned in found and waiting not in found


def test_a_pending_plan_below_its_floors_fails(tmp_path: Path) -> None:
    waiting = _plan_in(tmp_path, "pending")
    record = waiting.parent / RECORD
    record.write_text('{"base": "test", "files": {"plan": [6, 6, 6]}}', encoding="utf-8")
    assert floor_failures([waiting], RECORD) == []
    record.write_text('{"base": "test", "files": {"plan": [7, 6, 5]}}', encoding="utf-8")
    assert floor_failures([waiting], RECORD) != []
