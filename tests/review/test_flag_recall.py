"""Issue 14's must-show: on the development set of real plans, every annotation the extractor got
wrong against the gold is among the review's flagged items (with a flag the extraction raised, not
only a corpus flag)."""

from __future__ import annotations

import json
from pathlib import Path

from graphmodel.extract import extract
from tests.conftest import DATA
from tests.review.measure import measure_folder, wrong_tasks

DEV = DATA / "real" / "dev"


def test_every_wrong_annotation_on_dev_is_flagged() -> None:
    m = measure_folder(DEV)
    assert m.plans == 9 and m.lost == 0
    assert m.wrong - m.strong == set(), "wrong annotations the review does not flag"
    assert m.wrong <= m.flagged


def _first_gold(path: Path) -> tuple[dict, dict]:
    gold = json.loads(path.with_name(path.name[:-4] + ".gold.json").read_text(encoding="utf-8"))
    return gold, extract(path.read_text(encoding="utf-8"), source=path.name).to_dict()


def test_the_measure_sees_a_changed_role_a_dropped_unit_and_a_lost_block() -> None:
    path = DEV / "06_beijing-2019-poverty-coop-support-workpoints-PARTIAL.txt"
    gold, pred = _first_gold(path)
    assert wrong_tasks(gold, pred) == (set(), 0)
    task = next(t for t in pred["tasks"] if t["responsibilities"])
    task["responsibilities"][0]["role"] = "lead"
    assert wrong_tasks(gold, pred) == ({task["id"]}, 0)
    task["responsibilities"][0]["role"] = "responsible"
    del task["responsibilities"][0]
    assert wrong_tasks(gold, pred) == ({task["id"]}, 0)
    pred["tasks"] = [t for t in pred["tasks"] if t["id"] != task["id"]]
    assert wrong_tasks(gold, pred) == (set(), 1)
