"""Every plan under tests/data with a gold annotation (fixtures and real plans): F1 1.000."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.helpers import gold_files, score_file

FILES = gold_files()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_plan_meets_the_bar(path: Path) -> None:
    result = score_file(path)
    if result["gold"] or result["pred"]:
        assert result["f1"] == 1.0, result
    assert result["leaked"] == 0, result
    assert result["split"] == 0 and result["merged"] == 0, result
    assert result["not_units"] == 0, result


def test_micro_f1_over_all_fixture_plans() -> None:
    tp = gold = pred = 0
    for path in FILES:
        r = score_file(path)
        tp, gold, pred = tp + r["tp"], gold + r["gold"], pred + r["pred"]
    precision, recall = tp / pred, tp / gold
    micro = 2 * precision * recall / (precision + recall)
    assert len(FILES) >= 75
    assert micro == 1.0, (micro, tp, gold, pred)


def test_the_real_plans_are_there() -> None:
    real = [p for p in FILES if p.parent.parent.name == "real"]
    assert len(real) >= 100 and {p.parent.name for p in real} >= {"dev", *(f"batch{k}" for k in range(1, 12))}
