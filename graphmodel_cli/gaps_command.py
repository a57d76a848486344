"""``graphmodel gaps PATH...``: tasks with one side only or only placeholders; units with no
counterpart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphmodel.analysis import one_sided_tasks, placeholder_tasks, units_without_counterpart
from graphmodel_cli.inputs import analysis_options, load_selection, paths_argument
from graphmodel_cli.output import echo_rows

KINDS = ("one-side", "placeholders-only", "no-counterpart")  # as the rows name them


@click.command()
@paths_argument
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
              help="Only this kind of gap (may be repeated); all kinds by default.")
@click.option("--side", help="For no-counterpart: only units of this side.")
@analysis_options
def gaps(paths: tuple[Path, ...], kinds: tuple[str, ...], side: str | None, documents: tuple[str, ...],
         aliases_file: Path | None, fmt: str) -> None:
    """Gaps in the pairing of work.

    one-side: a task of a two-sided plan naming units of one side only (a side that names only
    a placeholder such as 各有关单位 counts as missing); placeholders-only: a task naming no real
    unit; no-counterpart: a unit of a two-sided plan that shares no task with the other side.

    \b
    Examples:
      graphmodel gaps plans/
      graphmodel gaps plan.txt --kind one-side --kind placeholders-only
      graphmodel gaps plan.txt --kind no-counterpart --side 大连市 --format csv
    """
    graph, docs, side = load_selection(paths, aliases_file, documents, side)
    wanted = set(kinds or KINDS)
    rows: list[dict[str, Any]] = []
    task_gaps = []
    if "one-side" in wanted:
        task_gaps += one_sided_tasks(graph, document=docs)
    if "placeholders-only" in wanted:
        task_gaps += placeholder_tasks(graph, document=docs)
    for g in task_gaps:
        note = f"only placeholders for {'、'.join(g.placeholder_sides)}" if g.placeholder_sides else ""
        rows.append({"kind": g.kind.replace("_", "-"), "task": g.number, "unit": None, "document": g.document,
                     "sides": list(g.sides), "missing": list(g.missing), "note": note, "_json": g.to_dict()})
    if "no-counterpart" in wanted:
        for u in units_without_counterpart(graph, document=docs, side=side):
            plural = "s" if u.tasks != 1 else ""
            rows.append({"kind": "no-counterpart", "task": None, "unit": u.unit.name, "document": None,
                         "sides": [u.unit.side], "missing": [], "note": f"{u.tasks} task{plural}",
                         "_json": u.to_dict()})
    if fmt == "json":
        echo_rows([{"kind": r["kind"], **{k: v for k, v in r["_json"].items() if k != "kind"}} for r in rows], fmt)
        return
    echo_rows(rows, fmt, ["kind", "task", "unit", "document", "sides", "missing", "note"])
