"""The holdout batch (tests/data/real/holdout): floors at its first-sight scores.

The batch is kept apart and never tuned on (see its README). These tests only hold the extractor at
or above what it scored the first time it saw the batch, so that the figures can go up and never
down; they are not a bar of 1.000 (that is ``test_fixture_plans_scores.py``, which leaves the batch
out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.helpers import HOLDOUT, gold_files, holdout_files, score_file

# First sight (branch holdout from main 99068ae): per file, true positives, gold responsibilities,
# predicted responsibilities. The floors: tp may only rise, false positives (pred - tp) may only fall,
# the gold count is fixed, nothing leaked, nothing rejected.
FIRST_SIGHT: dict[str, tuple[int, int, int]] = {
    "01_state-council-2020-gov-work-report-division-PARTIAL": (0, 0, 0),
    "02_jiangxi-2009-stable-growth-opinions-responsibility-division-PARTIAL": (15, 16, 16),
    "03_fujian-xiamen-2019-business-environment-measures-PARTIAL": (3, 3, 3),
    "04_fujian-putian-double-attraction-ten-opinions-PARTIAL": (6, 6, 6),
    "05_guangdong-guangzhou-2023-key-work-item-135": (0, 1, 1),
    "06_anhui-chizhou-petition-bureau-openness-task-list": (0, 4, 0),
    "07_anhui-wuhu-2025-key-work-responsibility-table-PARTIAL": (15, 15, 15),
    "08_anhui-wuhu-2020-key-work-task-table-unnumbered-PARTIAL": (0, 2, 0),
    "09_anhui-wuhu-fanchang-2021-key-work-tasks-PARTIAL": (3, 3, 3),
    "10_anhui-luan-2021-key-work-responsibility-division-PARTIAL": (19, 19, 19),
}
FIRST_SIGHT_MICRO_F1 = 122 / 132  # 2 * 61 / (63 + 69): precision 61/63, recall 61/69

FILES = holdout_files()


def test_the_batch_is_there_and_kept_out_of_the_bar() -> None:
    assert [p.stem for p in FILES] == sorted(FIRST_SIGHT)
    assert (HOLDOUT / "README.md").is_file()
    assert not [p for p in gold_files() if p.parent == HOLDOUT]


@pytest.mark.parametrize("path", FILES, ids=[p.stem[:2] for p in FILES])
def test_file_holds_its_first_sight_floor(path: Path) -> None:
    tp, gold, pred = FIRST_SIGHT[path.stem]
    result = score_file(path)  # raises (fails) if the extractor rejects the document
    assert result["gold"] == gold, result
    assert result["tp"] >= tp, result
    assert result["pred"] - result["tp"] <= pred - tp, result
    assert result["leaked"] == 0, result
    assert result["split"] == 0 and result["merged"] == 0, result
    assert result["not_units"] == 0, result


def test_micro_f1_holds_its_first_sight_floor() -> None:
    tp = gold = pred = 0
    for path in FILES:
        r = score_file(path)
        tp, gold, pred = tp + r["tp"], gold + r["gold"], pred + r["pred"]
    assert gold == 69 and tp >= 61, (tp, gold, pred)
    micro = 2 * tp / (pred + gold)
    assert micro >= FIRST_SIGHT_MICRO_F1 - 1e-12, (micro, tp, gold, pred)
