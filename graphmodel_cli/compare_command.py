"""``graphmodel compare A B``: counterpart pairs and units gained and lost from A to B."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graphmodel.analysis import UnitRef, compare_graphs
from graphmodel_cli.inputs import aliases_option, load, strict_option, together
from graphmodel_cli.output import echo_rows, format_option


def _unit(u: UnitRef) -> dict[str, Any]:
    return {"a": u.name, "a side": u.side, "b": None, "b side": None}


@click.command()
@click.argument("before", type=click.Path(path_type=Path))
@click.argument("after", type=click.Path(path_type=Path))
@aliases_option
@strict_option
@format_option
def compare(before: Path, after: Path, aliases_file: Path | None, fmt: str) -> None:
    """Compare plan (or folder, or graph file) BEFORE with AFTER, e.g. last year's with this year's.

    Lists counterpart pairs gained, lost and changed (shared tasks before → after), units
    gained and lost, and the pairings the plans state (twinned parks, paired districts) gained
    and lost. Units match by id, so aliases carry a renamed office over.

    \b
    Examples:
      graphmodel compare 2021-plan.txt 2022-plan.txt
      graphmodel compare plans-2021/ plans-2022/ --format csv
    """
    with together():  # corrections of one side's plans are no news to the other's load
        result = compare_graphs(load([before], aliases_file), load([after], aliases_file))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    rows: list[dict[str, Any]] = []
    for change, pairs in (("gained", result.pairs_gained), ("lost", result.pairs_lost),
                          ("changed", result.pairs_changed)):
        rows += [{"change": change, "what": "pair", "a": p.a.name, "a side": p.a.side, "b": p.b.name,
                  "b side": p.b.side, "before": p.before, "after": p.after} for p in pairs]
    for change, units in (("gained", result.units_gained), ("lost", result.units_lost)):
        rows += [{"change": change, "what": "unit", **_unit(u), "before": None, "after": None} for u in units]
    for change, stated in (("gained", result.pairings_gained), ("lost", result.pairings_lost)):
        rows += [{"change": change, "what": f"stated {p.kind} pairing", "a": p.a.name, "a side": p.a.side,
                  "b": p.b.name, "b side": p.b.side, "before": None, "after": None} for p in stated]
    echo_rows(rows, fmt, ["change", "what", "a", "a side", "b", "b side", "before", "after"])
    click.echo(f"graphmodel: {result.pairs_kept} pairs kept, {len(result.pairs_changed)} of them changed",
               err=True)
