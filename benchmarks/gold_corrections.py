"""Corrections written from the gold: does applying them bring each plan to F1 1.000?

    python benchmarks/gold_corrections.py [FOLDER ...] [-o DIR] [--extractions DIR] [--damage]

For every ``*.txt`` with a ``*.gold.json`` beside it: the plan's reading (the extractor's, or a
saved extraction ``<stem>.json`` from ``--extractions``, e.g. one made by an older extractor),
scored with the project's scorer (`tests/extract/scoring.py`); the corrections that turn that
reading into the gold's (`derive`: remove what the gold does not list, add what it lists and the
reading lacks, set roles, mark placeholders, set the sides) written as
``DIR/<folder>/graphmodel.corrections.tsv``; that file read back with `loaders.corrections` and
applied (`graphmodel.corrections.apply_corrections`), and the plan scored again. Prints F1
before and after per plan, the corrections written, and what no correction can fix (a gold
task the reading has no task for).

``--damage`` first breaks each reading on purpose (drops every fifth responsibility, flips
every seventh role, renames every eleventh unit to one the plan never names), so the round trip
is measured on readings with errors even when the extractor reads the folder perfectly.

Readings with the errors of an older extractor (the first-sight figures of
``tests/data/real/README.md`` were measured at main dcb74bb)::

    mkdir /tmp/old && git archive dcb74bb graphmodel loaders | tar -x -C /tmp/old
    # save each plan's extraction by that extractor as /tmp/readings/<folder>/<stem>.json, then
    python benchmarks/gold_corrections.py --extractions /tmp/readings tests/data/real/*/

Corrections mend responsibilities, units, placeholders and sides; they cannot mend an outline:
gold tasks read as one task are reported as not fixable, and left alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphmodel.corrections import apply_corrections, format_corrections  # noqa: E402
from graphmodel.errors import GraphmodelError  # noqa: E402
from graphmodel.extract import extract  # noqa: E402
from graphmodel.extract.canonical import unit_id  # noqa: E402
from graphmodel.model import Extraction, Unit  # noqa: E402
from loaders.corrections import read_corrections  # noqa: E402
from tests.extract.scoring import clean_mention, score, squash, unify  # noqa: E402

ROLES = {"lead", "responsible", "support"}


@dataclass
class Plan:
    """One plan's round trip."""

    file: str
    before: dict[str, Any]
    after: dict[str, Any] = field(default_factory=dict)
    rows: list[list[str]] = field(default_factory=list)
    unfixable: list[str] = field(default_factory=list)


def gold_of(txt: Path) -> dict[str, Any]:
    return json.loads(txt.with_name(txt.name[: -len(".txt")] + ".gold.json").read_text(encoding="utf-8"))


def _quiet(_: str) -> None:
    return None


def _body(task: dict[str, Any]) -> str:
    return unify((task.get("title") or "") + (task.get("text") or ""))


def _side_of(gold: dict[str, Any], name: str | None) -> str:
    """The scorer's reading of a responsibility's side."""
    sides = gold["sides"]
    name = squash(name or "")
    if len(sides) == 1:
        return sides[0]
    for s in sides:
        if name and (name == s or s.startswith(name) or name.startswith(s.rstrip("市省区"))):
            return s
    return name


def derive(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[list[list[str]], list[str]]:
    """The correction rows that make ``pred`` (an extraction's JSON) score as ``gold``, matched as
    the scorer matches (`tests/extract/scoring.py`), and the gold tasks no correction can reach.

    Rows: ``[action, document, task, unit, role, value]``; removals before additions, so a unit
    read under a wrong name is removed before the right one is added.
    """
    doc = pred["document"]["id"]
    rows: list[list[str]] = []
    unfixable: list[str] = []
    sides = [s["name"] for s in pred["document"]["sides"]]
    if len(gold["sides"]) > 1 and sides != gold["sides"]:
        rows.append(["sides", doc, "-", "-", "-", "、".join(gold["sides"])])
    # The scorer reads every unit of a one-sided gold as on its side: then the side is the
    # reading's own (or left to the name), never one the plan was not read with.
    one_side = "" if len(gold["sides"]) > 1 else (sides[0] if len(sides) == 1 else "")
    units = {u["id"]: u for u in pred.get("units", [])}
    number = {t["id"]: t["id"].rsplit("#", 1)[-1] for t in pred.get("tasks", [])}
    alias = {n: grp[0] for grp in gold.get("aliases", []) for n in grp}
    placeholders: list[str] = []
    removes: list[list[str]] = []
    roles: list[list[str]] = []
    adds: list[list[str]] = []
    targets: dict[int, dict[str, Any]] = {}
    blocks_of: dict[str, list[int]] = {}
    for k, block in enumerate(gold["blocks"]):
        snippet = unify(block["snippet"])
        # The task the scorer picks (the shortest with responsibilities holding the snippet),
        # else the shortest of all: one the extractor read no annotation for.
        target = _shortest(pred, snippet, True) or _shortest(pred, snippet, False)
        if target is None:
            unfixable.append(f"{block['task']}: no task of the reading holds {block['snippet']!r}")
            continue
        targets[k] = target
        blocks_of.setdefault(target["id"], []).append(k)
    for k, block in enumerate(gold["blocks"]):
        target = targets.get(k)
        if target is None:
            continue
        if len(blocks_of[target["id"]]) > 1:
            # Several gold tasks read as one: the outline is wrong, which no correction of
            # responsibilities mends; correcting the shared task for one would break the others.
            others = ", ".join(gold["blocks"][j]["task"] for j in blocks_of[target["id"]] if j != k)
            unfixable.append(f"{block['task']}: read as one task with {others}")
            continue
        task = number[target["id"]]
        keys: dict[tuple[str, str], dict[str, Any]] = {}
        by_mention: dict[tuple[str, str], tuple[str, str]] = {}
        for u in block["units"]:
            key = (u["side"], alias.get(u["canonical"], u["canonical"]))
            keys[key] = u
            by_mention[(u["side"], unify(u["mention"]))] = key
            by_mention[(u["side"], unify(u["canonical"]))] = key
        groups = [(c["side"], unify(c["mention"])) for c in block["collective"]]
        found: set[tuple[str, str]] = set()
        for r in target.get("responsibilities", []):
            side = _side_of(gold, r.get("side"))
            mention = clean_mention(r.get("mention", ""))
            name = clean_mention(units.get(r.get("unit"), {}).get("name", ""))
            key = by_mention.get((side, mention)) or by_mention.get((side, name))
            if key is None and mention and any(s == side and mention in c for s, c in groups):
                if not r.get("collective") and r["mention"] not in placeholders:
                    placeholders.append(r["mention"])
                continue
            if key is None or key in found:
                removes.append(["remove", doc, task, r["mention"]])
                continue
            found.add(key)
            want = keys[key].get("role")
            if want in ROLES and r.get("role") != want:
                roles.append(["role", doc, task, r["mention"], want])
        for key, u in keys.items():
            if key in found:
                continue
            name = u["mention"] if clean_mention(u["mention"]) == unify(u["mention"]) else u["canonical"]
            adds.append(["add", doc, task, name, u.get("role") if u.get("role") in ROLES else "responsible",
                         u["side"] if len(gold["sides"]) > 1 else one_side])
    rows += [["placeholder", doc, "-", m] for m in placeholders]
    return rows + removes + roles + adds, unfixable


def _shortest(pred: dict[str, Any], snippet: str, annotated: bool) -> dict[str, Any] | None:
    best = None
    for t in pred.get("tasks", []):
        if annotated and not t.get("responsibilities"):
            continue
        if snippet in _body(t) and (best is None or len(_body(t)) < len(_body(best))):
            best = t
    return best


def damage(ex: Extraction) -> Extraction:
    """A copy of ``ex`` broken on purpose, the same way every time."""
    out = Extraction.from_dict(ex.to_dict())
    i = 0
    flip = {"lead": "support", "responsible": "support", "support": "lead"}
    for task in out.tasks:
        kept = []
        for r in task.responsibilities:
            i += 1
            if i % 5 == 1:
                continue
            if i % 7 == 2:
                r.role = flip[r.role]  # type: ignore[assignment]
            if i % 11 == 3 and not r.collective:
                r.mention = f"虚构办公室{i}"
                r.unit = unit_id(r.side, r.mention)
                out.units.append(Unit(r.unit, r.mention, r.side))
            kept.append(r)
        task.responsibilities = kept
    used = {r.unit for t in out.tasks for r in t.responsibilities} | {x for p in out.pairings for x in (p.a, p.b)}
    out.units = [u for u in out.units if u.id in used]
    return out


def reading(txt: Path, saved: Path | None) -> Extraction | None:
    """The plan's reading: a saved extraction (``saved/<folder>/<stem>.json``, else
    ``saved/<stem>.json``), else the extractor's; None when the reader rejected the plan (or no
    file was saved for it)."""
    if saved is None:
        try:
            return extract(txt.read_text(encoding="utf-8"), source=txt.name)
        except GraphmodelError:
            return None  # rejected: no reading
    for path in (saved / txt.parent.name / f"{txt.stem}.json", saved / f"{txt.stem}.json"):
        if path.is_file():
            return Extraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
    return None


def round_trip(folder: Path, out: Path, saved: Path | None = None, broken: bool = False) -> list[Plan]:
    """Every gold plan of ``folder``: scored, corrected from the gold, scored again. The
    corrections file is ``out/graphmodel.corrections.tsv``."""
    txts = sorted(p for p in folder.glob("*.txt") if p.with_name(p.name[:-4] + ".gold.json").exists())
    readings = {}
    plans = []
    rows: list[list[str]] = []
    for txt in txts:
        ex = reading(txt, saved)
        gold = gold_of(txt)
        if ex is None:  # rejected: nothing to correct (corrections apply to a reading)
            plans.append(Plan(txt.name, {"f1": 0.0, "gold": 0}, {"f1": 0.0, "gold": 0},
                              unfixable=["the reader rejected the plan: no reading to correct"]))
            continue
        ex = damage(ex) if broken else ex
        plan = Plan(txt.name, score(gold, ex.to_dict(), out=_quiet))
        plan.rows, plan.unfixable = derive(gold, ex.to_dict())
        readings[txt] = ex
        plans.append(plan)
        rows += plan.rows
    out.mkdir(parents=True, exist_ok=True)
    path = out / "graphmodel.corrections.tsv"
    path.write_text(format_corrections(rows, comments=[f"derived from the gold of {folder}"]), encoding="utf-8")
    corrections = read_corrections(path)
    for txt, plan in zip(txts, plans, strict=True):
        if txt not in readings:
            continue
        fixed = apply_corrections(readings[txt], corrections)
        plan.after = score(gold_of(txt), fixed.to_dict(), out=_quiet)
    return plans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "real" / "dev"])
    parser.add_argument("-o", "--output", type=Path, help="where the corrections files go [a temporary folder]")
    parser.add_argument("--extractions", type=Path,
                        help="saved extractions DIR/<folder>/<stem>.json (or DIR/<stem>.json) to use as the readings")
    parser.add_argument("--damage", action="store_true", help="break each reading on purpose first")
    args = parser.parse_args()
    out = args.output or Path(tempfile.mkdtemp(prefix="gold-corrections-"))
    worst = 1.0
    for n, folder in enumerate(args.folders):
        plans = round_trip(folder, out / f"{n:02d}-{folder.name}", args.extractions, args.damage)
        for p in plans:
            print(f"  {p.file[:58]:58} f1 before={p.before['f1']:.3f} after={p.after['f1']:.3f} "
                  f"(gold {p.after['gold']}, corrections {len(p.rows)})")
            for u in p.unfixable:
                print(f"    not fixable: {u}")
            if p.before["gold"]:
                worst = min(worst, p.after["f1"])
        print(f"{folder}: {len(plans)} plans, {sum(len(p.rows) for p in plans)} corrections, "
              f"{sum(1 for p in plans if p.after['f1'] == 1.0)} at F1 1.000 after "
              f"({sum(1 for p in plans if p.before['f1'] == 1.0)} before); written to "
              f"{out / f'{n:02d}-{folder.name}' / 'graphmodel.corrections.tsv'}")
    print(f"lowest F1 after corrections (plans with gold): {worst:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
