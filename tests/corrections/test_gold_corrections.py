"""Corrections written from the gold's differences bring each plan of the development set to F1
1.000 (`benchmarks/gold_corrections.py`), through the file format and the loader."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graphmodel.corrections import FILE_NAME
from loaders.corrections import read_corrections
from tests.conftest import DATA

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import gold_corrections  # noqa: E402

DEV = DATA / "real" / "dev"


def test_the_extractors_reading_needs_no_correction_and_stays_at_one(tmp_path: Path) -> None:
    plans = gold_corrections.round_trip(DEV, tmp_path)
    assert len(plans) == 9
    for p in plans:
        assert p.before["f1"] == 1.0 and p.after["f1"] == 1.0, p.file
        assert not p.unfixable
    assert len(read_corrections(tmp_path / FILE_NAME)) == sum(len(p.rows) for p in plans)


def test_broken_readings_are_mended_to_one(tmp_path: Path) -> None:
    plans = gold_corrections.round_trip(DEV, tmp_path, broken=True)
    written = read_corrections(tmp_path / FILE_NAME)
    assert {c.action for c in written} >= {"remove", "add", "role"}
    assert len(written) == sum(len(p.rows) for p in plans) > 50
    for p in plans:
        assert p.before["f1"] < 1.0, p.file  # each plan was broken
        assert p.after["f1"] == 1.0 and p.after["leaked"] == 0, (p.file, p.rows)
        assert not p.unfixable


def test_each_correction_names_its_plan_by_id(tmp_path: Path) -> None:
    gold_corrections.round_trip(DEV, tmp_path, broken=True)
    written = read_corrections(tmp_path / FILE_NAME)
    assert all(c.document and c.document.startswith("doc:") for c in written)
    assert len({c.document for c in written}) == 9


@pytest.mark.parametrize("plan", ["09_kunming-guandu-2016-stable-growth-measures-PARTIAL"])
def test_derive_lists_the_differences(plan: str) -> None:
    txt = DEV / f"{plan}.txt"
    gold = gold_corrections.gold_of(txt)
    reading = gold_corrections.reading(txt, None)
    assert reading is not None
    broken = gold_corrections.damage(reading)
    rows, unfixable = gold_corrections.derive(gold, broken.to_dict())
    assert not unfixable
    dropped = len([r for t in reading.tasks for r in t.responsibilities]) - len(
        [r for t in broken.tasks for r in t.responsibilities])
    assert dropped > 0 and sum(1 for r in rows if r[0] == "add") >= dropped
    assert gold_corrections.derive(gold, reading.to_dict()) == ([], [])
