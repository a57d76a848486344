"""``graphmodel suggest UNIT PATH...``: whom a unit could pair with on the other side."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.analysis import suggest_counterparts
from graphmodel.graph import find_side, find_unit, node_side, unit_label
from graphmodel_cli.inputs import TaskLabels, analysis_options, load_selection, paths_argument
from graphmodel_cli.output import echo_rows


@click.command()
@click.argument("unit")
@paths_argument
@click.option("--side", help="The side UNIT belongs to, when its name is on several sides.")
@click.option("--on", "target", help="Look on this side (default: the other sides of UNIT's plans).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many.")
@analysis_options
def suggest(unit: str, paths: tuple[Path, ...], side: str | None, target: str | None, top: int,
            documents: tuple[str, ...], aliases_file: Path | None, fmt: str) -> None:
    """Candidate counterparts for UNIT (name, alias, end of a name, or id).

    Ranked by tasks already shared, then by functions both names name (市科技局 ~ 市科委, from
    the built-in function table), then by how alike the names are without their region.

    \b
    Examples:
      graphmodel suggest 大连市科技局 plan.txt --top 3
      graphmodel suggest 市科技局 plans/ --side 大连市 --on 上海市
    """
    graph, docs, side = load_selection(paths, aliases_file, documents, side)
    target = find_side(graph, target) if target else None
    unit_id = find_unit(graph, unit, side=side)
    found = suggest_counterparts(graph, unit_id, side=target, document=docs, top=top)
    if fmt == "json":
        echo_rows([{"for": {"id": unit_id, "name": unit_label(graph, unit_id), "side": node_side(graph, unit_id)},
                    **s.to_dict()} for s in found], fmt)
        return
    labels = TaskLabels(graph, docs)  # the documents counted once, not once per candidate
    echo_rows([{"candidate": s.unit.name, "side": s.unit.side, "shared": s.shared,
                "functions": "、".join(s.functions), "similarity": s.similarity,
                "tasks": labels(s.tasks)} for s in found], fmt,
              ["candidate", "side", "shared", "functions", "similarity", "tasks"])
