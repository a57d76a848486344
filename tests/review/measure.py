"""Which annotations the extractor got wrong against a gold file, and whether the review flags them.

Shared by ``tests/review/test_flag_recall.py`` and ``benchmarks/review_flags.py``. An annotation
is *wrong* when the scorer's (``tests/extract/scoring.py``) responsibilities for its gold block
differ from the gold's: a unit missed or added, a placeholder taken as a unit or missed, a role
other than the gold's (where the gold gives one); a gold block no annotated task matches (its
task is the smallest one holding the snippet) and an annotated task no gold block matches are
wrong too. An annotated task that no gold block matches is not graded: the gold files of
PARTIAL plans stop at their last complete annotation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel.extract import extract
from graphmodel.review import ReviewItem, review_items
from tests.extract.scoring import score, unify

__all__ = ["Measure", "wrong_tasks", "measure_folder"]

_ROLES = re.compile(r"roles right=(\d+)/(\d+)")
_COLLECTIVE = re.compile(r"collective placeholders flagged=(\d+) \(gold (\d+)\)")


def _body(t: dict) -> str:
    return unify((t.get("title") or "") + (t.get("text") or ""))


def wrong_tasks(gold: dict, pred: dict) -> tuple[set[str], int]:
    """The ids of the tasks whose annotation is wrong, and the number of gold blocks no task holds."""
    annotated = [t for t in pred.get("tasks", []) if t.get("responsibilities")]
    wrong: set[str] = set()
    lost = 0
    for block in gold["blocks"]:
        snip = unify(block["snippet"])
        holders = [t for t in annotated if snip in _body(t)]
        if not holders:
            anywhere = [t for t in pred.get("tasks", []) if snip in _body(t)]
            if anywhere:
                wrong.add(min(anywhere, key=lambda t: len(_body(t)))["id"])
            else:
                lost += 1
            continue
        task = min(holders, key=lambda t: len(_body(t)))
        lines: list[str] = []
        result = score({**gold, "blocks": [block]}, {**pred, "tasks": [task]}, out=lines.append)
        roles = [m for ln in lines if (m := _ROLES.search(ln))]
        collective = [m for ln in lines if (m := _COLLECTIVE.search(ln))]
        right = (result["tp"] == result["gold"] == result["pred"] and not result["leaked"]
                 and all(m.group(1) == m.group(2) for m in roles)
                 and all(m.group(1) == m.group(2) for m in collective))
        if not right:
            wrong.add(task["id"])
    return wrong, lost


@dataclass
class Measure:
    """Wrong annotations against flagged review items, for one folder of plans."""

    folder: str
    plans: int = 0
    items: int = 0
    wrong: set[str] = field(default_factory=set)
    lost: int = 0  # gold blocks no task of the extraction holds: wrong, and no item to flag
    flagged: set[str] = field(default_factory=set)  # items with any flag
    strong: set[str] = field(default_factory=set)  # items with a flag the extraction itself raised

    def shares(self, strong: bool = False) -> tuple[float | None, float | None]:
        """(share of wrong annotations among flagged items, share of flagged items that are wrong);
        None where the denominator is zero."""
        flagged = self.strong if strong else self.flagged
        hit = len(self.wrong & flagged)
        wrong = len(self.wrong) + self.lost
        return (hit / wrong if wrong else None, hit / len(flagged) if flagged else None)


def measure_folder(folder: Path) -> Measure:
    """Extract every plan of ``folder`` that has a gold file, review them as one corpus, compare."""
    m = Measure(str(folder))
    extractions, texts = [], {}
    for txt in sorted(folder.glob("*.txt")):
        gold_path = txt.with_name(txt.name[: -len(".txt")] + ".gold.json")
        if not gold_path.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        ex = extract(text, source=txt.name)
        extractions.append(ex)
        texts[ex.document.id] = text
        wrong, lost = wrong_tasks(json.loads(gold_path.read_text(encoding="utf-8")), ex.to_dict())
        m.wrong |= wrong
        m.lost += lost
        m.plans += 1
    items: list[ReviewItem] = review_items(extractions, texts)
    m.items = len(items)
    m.flagged = {it.task for it in items if it.flags and it.task}
    m.strong = {it.task for it in items if it.strong and it.task}
    return m
